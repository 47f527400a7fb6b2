"""The organisation page and the home page's renewals list: fixed queries, right rows."""

import datetime

import pytest
from django.conf import settings
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from partners import selectors
from partners.factories import (
    AmbassadorFactory,
    ContactFactory,
    OrganisationFactory,
    YearGroupFactory,
)
from partners.models import YearGroup

TODAY = datetime.date(2026, 3, 2)
DAY = datetime.timedelta(days=1)
TRAINING_VALID = datetime.timedelta(days=settings.SAFEGUARDING_TRAINING_VALID_DAYS)


def due_ambassador(organisation, name, *, dbs_in=None, training_in=None, today=None, **kw):
    """An ambassador whose DBS renewal and/or training fall due in so many days."""
    today = today or datetime.date.today()
    return AmbassadorFactory(
        organisation=organisation,
        name=name,
        dbs_checked_on=today - 1000 * DAY if dbs_in is not None else None,
        dbs_renewal_due=today + dbs_in * DAY if dbs_in is not None else None,
        safeguarding_trained_on=(
            today - TRAINING_VALID + training_in * DAY if training_in is not None else None
        ),
        **kw,
    )


def count_queries(client, url):
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200
    return len(captured.captured_queries), response


def test_the_organisation_page_needs_the_same_queries_for_2_people_and_40(
    client, lead, vcse, year_groups, django_assert_max_num_queries
):
    url = reverse("partners:organisation_detail", args=[vcse.pk])
    ContactFactory(organisation=vcse, is_key_contact=True)
    AmbassadorFactory(organisation=vcse, year_groups=year_groups[:2])
    client.force_login(lead)
    # session, user, their two-factor device, memberships; the organisation with may_edit
    # and sees_people (one query, two EXISTS); its groups served; ambassadors; their year
    # groups (prefetched); contacts.
    few, _ = count_queries(client, url)
    assert few == 9
    ContactFactory.create_batch(20, organisation=vcse)
    for _ in range(20):
        AmbassadorFactory(organisation=vcse, year_groups=year_groups)
    with django_assert_max_num_queries(few):
        response = client.get(url)
    assert len(response.context["contacts"]) == 21
    assert len(response.context["ambassadors"]) == 21


class TestRenewals:
    def test_it_lists_the_soonest_due_first_whichever_check_is_due(self, vcse):
        due_ambassador(vcse, "Dbs in 40", dbs_in=40, today=TODAY)
        due_ambassador(vcse, "Training in 10", training_in=10, today=TODAY)
        due_ambassador(vcse, "Both, training overdue", dbs_in=30, training_in=-5, today=TODAY)
        due_ambassador(vcse, "Dbs in 61", dbs_in=61, today=TODAY)
        due_ambassador(vcse, "Training in 90", training_in=90, today=TODAY)
        due_ambassador(vcse, "Inactive", dbs_in=1, today=TODAY, is_active=False)
        rows, total = selectors.ambassadors_due_for_renewal(_admin(), today=TODAY)
        assert [row.ambassador.name for row in rows] == [
            "Both, training overdue",
            "Training in 10",
            "Dbs in 40",
        ]
        assert total == 3
        both = rows[0].renewals
        assert [(r.what, r.overdue) for r in both] == [
            ("Safeguarding training", True),
            ("DBS check", False),
        ]
        assert both[1].due == TODAY + 30 * DAY

    def test_it_keeps_the_soonest_when_there_are_more_than_the_limit(self, vcse):
        for n in range(12):
            due_ambassador(vcse, f"Dbs {n:02d}", dbs_in=2 * n, today=TODAY)
            due_ambassador(vcse, f"Training {n:02d}", training_in=2 * n + 1, today=TODAY)
        rows, total = selectors.ambassadors_due_for_renewal(_admin(), today=TODAY, limit=5)
        assert [row.ambassador.name for row in rows] == [
            "Dbs 00",
            "Training 00",
            "Dbs 01",
            "Training 01",
            "Dbs 02",
        ]
        assert total == 24

    def test_it_only_counts_ambassadors_the_user_may_see(self, partner, vcse, school):
        due_ambassador(vcse, "Ours", dbs_in=5)
        due_ambassador(school, "The school's", dbs_in=5)
        rows, total = selectors.ambassadors_due_for_renewal(partner)
        assert [row.ambassador.name for row in rows] == ["Ours"]
        assert total == 1


def _admin():
    from outreach.accounts.factories import UserFactory

    return UserFactory(email="root@example.org", is_superuser=True)


class TestHomePage:
    def test_a_partner_sees_their_ambassadors_due_for_renewal(self, client, partner, vcse):
        soon = due_ambassador(vcse, "Amira Hassan", dbs_in=20)
        due_ambassador(vcse, "Fine Person", dbs_in=400, training_in=400)
        client.force_login(partner)
        page = client.get(reverse("home")).content.decode()
        assert "Ambassadors due for renewal" in page
        assert "1 ambassador has a DBS check or safeguarding training" in page
        assert "Amira Hassan" in page
        assert "Fine Person" not in page
        assert reverse("partners:ambassador_edit", args=[soon.pk]) in page
        assert (soon.dbs_renewal_due.strftime("%-d %B %Y")) in page

    def test_a_lead_sees_their_areas_renewals_and_not_other_areas(
        self, client, lead, vcse, other_school
    ):
        due_ambassador(vcse, "In Gloucestershire", training_in=-1)
        due_ambassador(other_school, "In Kent", dbs_in=3)
        client.force_login(lead)
        page = client.get(reverse("home")).content.decode()
        assert "In Gloucestershire" in page
        assert "Overdue" in page
        assert "In Kent" not in page

    def test_nothing_due_says_so(self, client, partner):
        client.force_login(partner)
        page = client.get(reverse("home")).content.decode()
        assert "No ambassador has a DBS check or safeguarding training due" in page

    def test_a_careers_lead_has_no_renewals_section(self, client, careers):
        client.force_login(careers)
        assert "Ambassadors due for renewal" not in client.get(reverse("home")).content.decode()

    def test_the_home_page_needs_the_same_queries_for_1_renewal_and_30(
        self, client, lead, vcse, django_assert_max_num_queries
    ):
        due_ambassador(vcse, "First", dbs_in=5)
        client.force_login(lead)
        few, _ = count_queries(client, reverse("home"))
        for n in range(29):
            due_ambassador(
                OrganisationFactory(area=vcse.area), f"Due {n:02d}", dbs_in=n, training_in=n
            )
        with django_assert_max_num_queries(few):
            response = client.get(reverse("home"))
        page = response.content.decode()
        assert "30 ambassadors have a DBS check" in page
        assert "These are the 20 due soonest." in page
        assert len(response.context["renewals"]) == 20

    @pytest.mark.parametrize(
        ("persona", "link"),
        [
            ("lead", "Find a school or partner in the directory"),
            ("partner", "your profile, contacts and ambassadors"),
            ("careers", "your school's profile and contacts"),
            ("administrator", "Directory of partners"),
        ],
    )
    def test_each_roles_home_links_to_the_directory(self, client, request, persona, link):
        client.force_login(request.getfixturevalue(persona))
        assert link in client.get(reverse("home")).content.decode()


def test_year_groups_are_described_in_runs(db):
    groups = {
        n: YearGroupFactory(code=f"year-{n}", name=f"Year {n}", position=n) for n in range(1, 14)
    }
    adult = YearGroup.objects.filter(code="adult").first() or YearGroupFactory(
        code="adult", name="Adult", position=14
    )
    assert selectors.describe_year_groups([]) == ""
    assert selectors.describe_year_groups([groups[9], groups[7], groups[8]]) == "Year 7 to Year 9"
    assert (
        selectors.describe_year_groups(
            [groups[3], groups[7], groups[8], groups[12], groups[13], adult]
        )
        == "Year 3, Year 7, Year 8, Year 12 to Adult"
    )
