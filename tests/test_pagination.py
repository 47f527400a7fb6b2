"""The deferred-join paginator gives the pages Django's own would, in the same number of
queries on the first page as on the last (outreach/pagination.py)."""

import datetime

import pytest
from django.core.paginator import Paginator
from django.db import connection
from django.test.utils import CaptureQueriesContext

from outreach.pagination import DeferredJoinPaginator
from programmes.factories import EventFactory
from programmes.models import EngagementEvent


@pytest.fixture
def events(programme, school):
    day = datetime.date(2024, 9, 2)
    # Pairs on one day: the order's later keys (start time, id) decide between them.
    for i in range(23):
        EventFactory(programme=programme, school=school, date=day + datetime.timedelta(i // 2))
    return EngagementEvent.objects.select_related("programme", "school").order_by(
        "-date", "-start_time", "-pk"
    )


@pytest.mark.django_db
@pytest.mark.parametrize(("per_page", "orphans"), [(5, 0), (5, 2), (4, 3), (23, 0), (50, 0)])
def test_every_page_matches_djangos_paginator(events, per_page, orphans):
    ours = DeferredJoinPaginator(events, per_page, orphans=orphans)
    theirs = Paginator(events, per_page, orphans=orphans)
    assert ours.num_pages == theirs.num_pages
    for number in theirs.page_range:
        mine, expected = ours.page(number), theirs.page(number)
        assert [e.pk for e in mine] == [e.pk for e in expected], number
        assert (mine.start_index(), mine.end_index()) == (
            expected.start_index(),
            expected.end_index(),
        )
        assert mine.has_next() == expected.has_next()


@pytest.mark.django_db
def test_the_last_page_costs_the_queries_of_the_first(events):
    paginator = DeferredJoinPaginator(events, 5)
    paginator.count  # noqa: B018 - counted once, outside the pages' queries
    costs = []
    for number in (1, paginator.num_pages // 2 + 1, paginator.num_pages):
        with CaptureQueriesContext(connection) as captured:
            rows = list(paginator.page(number))
        assert rows
        assert all(row.programme.name for row in rows)
        costs.append(len(captured))
    assert costs == [2, 2, 2]


@pytest.mark.django_db
def test_an_empty_list_and_a_plain_list_still_page(programme):
    empty = DeferredJoinPaginator(EngagementEvent.objects.order_by("pk"), 10).get_page(4)
    assert list(empty) == []
    assert empty.number == 1
    words = DeferredJoinPaginator(list("abcdefg"), 3).get_page(3)
    assert list(words) == ["g"]
    assert words.number == 3


@pytest.mark.django_db
def test_an_out_of_range_page_number_gives_the_last_page(events):
    page = DeferredJoinPaginator(events, 10).get_page(99)
    assert page.number == 3
    assert [e.pk for e in page] == [e.pk for e in events[20:]]
