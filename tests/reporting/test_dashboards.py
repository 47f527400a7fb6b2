"""Each role's home-page figures, through the client, and their fixed query counts."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from partners.factories import SchoolFactory, YearGroupFactory
from programmes import academic_year
from programmes.factories import EventFactory, ProgrammeFactory, ProgrammePartnerFactory
from programmes.models import EventYearGroup, Measure, PartnerRole, ProgrammeTarget
from reporting.selectors import dashboards

pytestmark = pytest.mark.django_db
TODAY = timezone.localdate()
YEAR = academic_year.academic_year_of(TODAY)


def programme_in(area, lead_org, *, target=None, target_schools=(), partner=None):
    programme = ProgrammeFactory(
        area=area, lead_organisation=lead_org, starts_on=datetime.date(YEAR - 1, 9, 1), ends_on=None
    )
    programme.target_schools.set(target_schools)
    if target:
        ProgrammeTarget.objects.create(
            programme=programme, measure=Measure.STUDENTS_REACHED, value=target, academic_year=YEAR
        )
    if partner:
        ProgrammePartnerFactory(
            programme=programme, organisation=partner, role=PartnerRole.DELIVERY
        )
    return programme


def home(client, user):
    client.force_login(user)
    response = client.get(reverse("home"))
    assert response.status_code == 200
    return " ".join(response.content.decode().split())


def test_a_lead_sees_reach_against_target_coverage_and_upcoming_events(
    client, lead, icb, school, home_area, other_icb
):
    second = SchoolFactory(area=home_area)
    programme = programme_in(home_area, icb, target=120, target_schools=[school, second])
    EventFactory(programme=programme, date=TODAY, school=school, participants=30)
    EventFactory(
        programme=programme, date=TODAY + datetime.timedelta(days=7), title="Hospital tour"
    )
    other = programme_in(other_icb.area, other_icb, target=999)
    EventFactory(programme=other, date=TODAY + datetime.timedelta(days=3), title="Kent day")
    page = home(client, lead)
    assert f"Your area this year ({academic_year.label(YEAR)})" in page
    assert "30 of a target of 120 (25%)" in page
    assert "1 of 2" in page
    assert "Hospital tour" in page
    assert "Kent day" not in page


def test_a_lead_without_a_target_is_told_so(client, lead, icb, home_area):
    programme_in(home_area, icb)
    page = home(client, lead)
    assert "no students-reached target set" in page
    assert "No events are planned yet." in page


def test_a_partner_sees_events_their_organisation_delivered_this_term(
    client, partner, vcse, icb, home_area
):
    programme = programme_in(home_area, icb, partner=vcse)
    EventFactory(programme=programme, date=TODAY, participants=40, delivering_organisations=[vcse])
    EventFactory(programme=programme, date=TODAY, participants=99)  # delivered by the ICB
    page = home(client, partner)
    assert "Delivered this term" in page
    assert "Reach Out VCSE" in page
    assert "1 event, 40 participants" in page


def test_a_careers_lead_sees_encounters_by_year_group(client, careers, school, icb, home_area):
    programme = programme_in(home_area, icb)
    year9 = YearGroupFactory(code="year-9", name="Year 9", position=10)
    for students in (25, 30):
        event = EventFactory(programme=programme, date=TODAY, school=school)
        EventYearGroup.objects.create(event=event, year_group=year9, participants=students)
    page = home(client, careers)
    assert f"Encounters this year ({academic_year.label(YEAR)})" in page
    assert "Year 9" in page
    assert "2 encounters, 55 students" in page


def test_a_careers_lead_with_no_encounters_is_told_so(client, careers):
    assert "No encounters with employers recorded yet this year." in home(client, careers)


def test_other_roles_get_no_dashboard_of_another_role(client, careers, partner):
    assert "Your area this year" not in home(client, careers)
    assert "Encounters this year" not in home(client, partner)


def _grow(home_area, icb, vcse, school, n):
    year9 = YearGroupFactory(code="year-9", name="Year 9", position=10)
    for _ in range(n):
        programme = programme_in(home_area, icb, target=50, target_schools=[school], partner=vcse)
        for _ in range(3):
            event = EventFactory(
                programme=programme, date=TODAY, school=school, delivering_organisations=[vcse]
            )
            EventYearGroup.objects.create(event=event, year_group=year9, participants=10)
        EventFactory(programme=programme, date=TODAY + datetime.timedelta(days=2))


@pytest.mark.parametrize(
    ("persona", "selector"),
    [
        ("lead", dashboards.lead_dashboard),
        ("partner", dashboards.partner_dashboard),
        ("careers", dashboards.careers_dashboard),
    ],
)
def test_the_query_count_does_not_grow_with_programmes_and_events(
    request, home_area, icb, vcse, school, persona, selector, django_assert_max_num_queries
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    user = request.getfixturevalue(persona)
    _grow(home_area, icb, vcse, school, 1)
    with CaptureQueriesContext(connection) as few:
        assert selector(user)
    _grow(home_area, icb, vcse, school, 6)
    with django_assert_max_num_queries(len(few)):  # the first also read the memberships
        assert selector(user)


def test_the_home_page_query_count_does_not_grow(
    client, lead, home_area, icb, vcse, school, django_assert_max_num_queries
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.force_login(lead)
    _grow(home_area, icb, vcse, school, 1)
    with CaptureQueriesContext(connection) as few:
        client.get(reverse("home"))
    _grow(home_area, icb, vcse, school, 6)
    with django_assert_max_num_queries(len(few)):
        client.get(reverse("home"))
