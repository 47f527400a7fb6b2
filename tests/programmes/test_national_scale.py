"""National scale: 300,000 events. The event list and the annual plan grid answer with
the same fixed number of queries as with a handful, and the list paginates."""

import pytest
from django.db import connection
from django.urls import reverse

from partners.factories import SchoolFactory
from programmes.factories import AnnualPlanFactory, PlannedActivityFactory, activity_type, goal
from programmes.models import EngagementEvent

from .test_list_queries import EVENT_LIST_QUERIES, PLAN_GRID_QUERIES

NATIONAL_EVENTS = 300_000


# One date in each term of 2024/25, so the rows need no date arithmetic in SQL.
DATES = ["2024-10-15", "2025-02-10", "2025-06-10"]
TERMS = ["autumn", "spring", "summer"]


def _date_sql(vendor: str) -> str:
    cast = "CAST('{}' AS DATE)" if vendor == "postgresql" else "'{}'"
    whens = " ".join(f"WHEN {i} THEN {cast.format(day)}" for i, day in enumerate(DATES))
    return f"CASE seq.n %% 3 {whens} END"


@pytest.fixture
def national(programme, vcse):
    """300,000 events at 200 schools in one academic year, each serving two goals and
    delivered by the partner's organisation. Rows are generated in SQL (a recursive CTE
    both SQLite and PostgreSQL run): building them through the ORM takes minutes."""
    schools = sorted(s.pk for s in SchoolFactory.create_batch(200, area=programme.area))
    assert schools == list(range(schools[0], schools[0] + 200)), "school ids are consecutive"
    terms = " ".join(f"WHEN {i} THEN '{term}'" for i, term in enumerate(TERMS))
    now = "CURRENT_TIMESTAMP"
    with connection.cursor() as cursor:
        cursor.execute(
            f"""
            INSERT INTO programmes_engagementevent (
                programme_id, activity_type_id, title, date, academic_year, term, school_id,
                setting_name, setting_postcode, delivery_mode, goal_reason, participants,
                year_group_counts_complete, is_repeat_visit, parents_reached, notes,
                external_reference, import_fingerprint, created_at, updated_at)
            WITH RECURSIVE seq(n) AS (
                SELECT 0 UNION ALL SELECT n + 1 FROM seq WHERE n < %s
            )
            SELECT %s, %s, 'Workshop ' || seq.n, {_date_sql(connection.vendor)}, 2024,
                CASE seq.n %% 3 {terms} END, %s + seq.n %% 200,
                '', '', 'in_person', '', 30, %s, %s, 0, '', '', '', {now}, {now}
            FROM seq
            """,
            [
                NATIONAL_EVENTS - 1,
                programme.pk,
                activity_type("workshop").pk,
                schools[0],
                False,
                False,
            ],
        )
        for code in ("aspiration", "access"):
            cursor.execute(
                "INSERT INTO programmes_engagementevent_goals (engagementevent_id, goal_id) "
                "SELECT id, %s FROM programmes_engagementevent WHERE programme_id = %s",
                [goal(code).pk, programme.pk],
            )
        cursor.execute(
            "INSERT INTO programmes_engagementevent_delivering_organisations "
            "(engagementevent_id, organisation_id) "
            "SELECT id, %s FROM programmes_engagementevent WHERE programme_id = %s",
            [vcse.pk, programme.pk],
        )
    assert EngagementEvent.objects.filter(programme=programme).count() == NATIONAL_EVENTS
    return programme


def test_the_event_list_at_national_scale(
    client, lead, partner, national, django_assert_max_num_queries
):
    access = goal("access").pk
    for user in (lead, partner):
        client.force_login(user)
        with django_assert_max_num_queries(EVENT_LIST_QUERIES):
            response = client.get(reverse("programmes:events"), {"goal": access, "page": 3})
        page = response.context["page_obj"]
        assert page.paginator.count == NATIONAL_EVENTS
        assert len(page) == 25
        assert page.number == 3


def test_the_plan_grid_at_national_scale(client, lead, national, django_assert_max_num_queries):
    plan = AnnualPlanFactory(programme=national, academic_year=2024)
    PlannedActivityFactory(plan=plan, goal=goal("access"), term="autumn", quantity=100_000)
    client.force_login(lead)
    with django_assert_max_num_queries(PLAN_GRID_QUERIES):
        response = client.get(reverse("programmes:plan", args=[plan.pk]))
    grid = response.context["grid"]
    assert grid.events_total == NATIONAL_EVENTS
    access_row = next(row for row in grid.rows if row.goal.code == "access")
    assert access_row.total.delivered == NATIONAL_EVENTS
    assert access_row.cells[0].planned == 100_000
