"""List pages and the plan grid keep a fixed number of queries whatever the row count."""

import datetime

from django.urls import reverse

from partners.factories import SchoolFactory
from programmes.factories import (
    AnnualPlanFactory,
    EventFactory,
    PlannedActivityFactory,
    ProgrammeFactory,
    goal,
)

# Session, user, the two-factor device a lead's session was verified with, memberships
# (scope), then the page's own reads (a page's ids, then its rows: outreach/pagination.py).
EVENT_LIST_QUERIES = 14
PROGRAMME_LIST_QUERIES = 9
PLAN_GRID_QUERIES = 12


def many_events(programme, n, deliverer):
    schools = SchoolFactory.create_batch(3, area=programme.area)
    for i in range(n):
        EventFactory(
            programme=programme,
            school=schools[i % 3],
            date=datetime.date(2024, 9, 2) + datetime.timedelta(days=i % 300),
            delivering_organisations=[deliverer],
            goals=[goal("aspiration"), goal("access")],
        )


def test_the_event_list_keeps_its_queries_fixed(
    client, lead, programme, vcse, django_assert_max_num_queries
):
    client.force_login(lead)
    many_events(programme, 2, vcse)
    url = reverse("programmes:events") + "?goal=" + str(goal("access").pk)
    with django_assert_max_num_queries(EVENT_LIST_QUERIES) as few:
        assert client.get(url).status_code == 200
    many_events(programme, 40, vcse)
    with django_assert_max_num_queries(len(few.captured_queries)):
        response = client.get(url)
    assert len(response.context["page_obj"]) == 25
    assert response.context["page_obj"].paginator.count == 42


def test_a_partner_sees_only_their_organisations_events_in_the_list(
    client, partner, programme, vcse, icb
):
    EventFactory(programme=programme, title="Ours", delivering_organisations=[vcse])
    EventFactory(programme=programme, title="The ICB's", delivering_organisations=[icb])
    client.force_login(partner)
    page = client.get(reverse("programmes:events")).context["page_obj"]
    assert [event.title for event in page] == ["Ours"]


def test_the_event_list_filters_combine(client, lead, programme, vcse, icb, school):
    EventFactory(programme=programme, title="A", school=school, delivering_organisations=[vcse])
    EventFactory(
        programme=programme,
        title="B",
        date=datetime.date(2025, 2, 1),
        delivering_organisations=[icb],
        goals=[goal("access")],
    )
    client.force_login(lead)

    def titles(**params):
        response = client.get(reverse("programmes:events"), params)
        return [event.title for event in response.context["page_obj"]]

    assert titles(partner=vcse.pk) == ["A"]
    assert titles(school="cleeve") == ["A"]
    assert titles(goal=goal("access").pk) == ["B"]
    assert titles(term="spring", academic_year="2024") == ["B"]
    assert titles(date_from_day="1", date_from_month="1", date_from_year="2025") == ["B"]
    assert titles(programme=programme.pk, activity_type="") == ["B", "A"]


def test_the_programme_list_keeps_its_queries_fixed(
    client, lead, home_area, django_assert_max_num_queries
):
    client.force_login(lead)
    ProgrammeFactory.create_batch(2, area=home_area)
    with django_assert_max_num_queries(PROGRAMME_LIST_QUERIES) as few:
        assert client.get(reverse("programmes:list")).status_code == 200
    for programme in ProgrammeFactory.create_batch(30, area=home_area):
        programme.goals.set([goal("awareness")])
    with django_assert_max_num_queries(len(few.captured_queries)):
        response = client.get(reverse("programmes:list"))
    assert len(response.context["page_obj"]) == 25


def test_the_plan_grid_keeps_its_queries_fixed(
    client, lead, programme, vcse, django_assert_max_num_queries
):
    plan = AnnualPlanFactory(programme=programme)
    PlannedActivityFactory(plan=plan, quantity=30)
    client.force_login(lead)
    many_events(programme, 2, vcse)
    url = reverse("programmes:plan", args=[plan.pk])
    with django_assert_max_num_queries(PLAN_GRID_QUERIES) as few:
        client.get(url)
    many_events(programme, 40, vcse)
    PlannedActivityFactory.create_batch(5, plan=plan, term="spring")
    with django_assert_max_num_queries(len(few.captured_queries)):
        response = client.get(url)
    grid = response.context["grid"]
    assert grid.events_total == 42
    assert 'data-goal="aspiration" data-term="autumn"' in response.content.decode()


def test_choosing_a_programme_to_log_for_pages_in_fixed_queries(
    client, administrator, home_area, django_assert_max_num_queries
):
    client.force_login(administrator)
    ProgrammeFactory.create_batch(2, area=home_area)
    url = reverse("programmes:event_start")
    with django_assert_max_num_queries(8) as few:
        assert client.get(url).status_code == 200
    ProgrammeFactory.create_batch(30, area=home_area)
    with django_assert_max_num_queries(len(few.captured_queries)):
        response = client.get(url)
    assert len(response.context["page_obj"]) == 25


def test_the_partners_and_targets_pages_keep_their_queries_fixed(
    client, lead, programme, django_assert_max_num_queries
):
    from partners.factories import OrganisationFactory
    from programmes.factories import ProgrammePartnerFactory, TargetFactory

    client.force_login(lead)
    urls = [
        reverse("programmes:partners", args=[programme.pk]),
        reverse("programmes:targets", args=[programme.pk]),
    ]
    few = {}
    for url in urls:
        with django_assert_max_num_queries(16) as captured:
            client.get(url)
        few[url] = len(captured.captured_queries)
    for organisation in OrganisationFactory.create_batch(10, area=programme.area):
        ProgrammePartnerFactory(programme=programme, organisation=organisation)
    for measure in ["schools_reached", "events_delivered", "parents_reached", "male_pct"]:
        TargetFactory(programme=programme, measure=measure, value=10)
    for url in urls:
        with django_assert_max_num_queries(few[url]):
            client.get(url)
