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


@pytest.mark.django_db
def test_a_partners_page_holds_only_their_events_with_joins_and_prefetches(
    programme, school, vcse, partner
):
    """The page's rows are fetched by id alone, so the ids must be the only filter that
    matters: the rows are the partner's, in order, with the list's joins and prefetches."""
    from django.db.models import Prefetch

    from partners.models import Organisation

    day = datetime.date(2024, 9, 2)
    theirs = [
        EventFactory(
            programme=programme,
            school=school,
            date=day + datetime.timedelta(i),
            delivering_organisations=[vcse],
        )
        for i in range(7)
    ]
    for i in range(9):  # the ICB's, on the same days
        EventFactory(programme=programme, school=school, date=day + datetime.timedelta(i))
    scoped = (
        EngagementEvent.objects.for_user(partner)
        .select_related("programme", "school")
        .prefetch_related(
            Prefetch("delivering_organisations", queryset=Organisation.objects.only("pk", "name"))
        )
        .order_by("-date", "-start_time", "-pk")
    )
    paginator = DeferredJoinPaginator(scoped, 3)
    seen = []
    for number in paginator.page_range:
        with CaptureQueriesContext(connection) as captured:
            rows = list(paginator.page(number))
            names = [
                (row.school.name, [o.name for o in row.delivering_organisations.all()])
                for row in rows
            ]
        assert len(captured) == 3, number  # ids, rows with their joins, the prefetch
        assert all(organisations == [vcse.name] for _, organisations in names)
        seen += [row.pk for row in rows]
    assert seen == [e.pk for e in sorted(theirs, key=lambda e: e.date, reverse=True)]


@pytest.mark.django_db
def test_an_annotated_list_keeps_its_annotations_on_every_page(events):
    from django.db.models import F

    annotated = events.annotate(programme_name=F("programme__name"))
    paginator = DeferredJoinPaginator(annotated, 5)
    last = paginator.page(paginator.num_pages)
    assert [row.programme_name for row in last] == [row.programme.name for row in last]
