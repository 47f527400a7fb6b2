import datetime

from programmes.factories import (
    AnnualPlanFactory,
    EventFactory,
    PlannedActivityFactory,
    activity_type,
    goal,
)
from programmes.selectors.plans import plan_grid


def test_the_grid_shows_planned_against_delivered_by_goal_and_term(programme):
    plan = AnnualPlanFactory(programme=programme, academic_year=2024)
    PlannedActivityFactory(plan=plan, goal=goal("aspiration"), term="autumn", quantity=3)
    PlannedActivityFactory(
        plan=plan,
        goal=goal("aspiration"),
        term="autumn",
        quantity=2,
        activity_type=activity_type("talk"),
    )
    PlannedActivityFactory(
        plan=plan,
        goal=goal("access"),
        term="summer",
        quantity=1,
        activity_type=activity_type("taster-day"),
    )
    EventFactory.create_batch(4, programme=programme, date=datetime.date(2024, 11, 1))
    EventFactory(
        programme=programme,
        date=datetime.date(2025, 6, 1),
        goals=[goal("awareness"), goal("aspiration")],
    )
    EventFactory(programme=programme, date=datetime.date(2025, 9, 2))  # next year

    grid = plan_grid(plan)
    rows = {row.goal.code: row for row in grid.rows}
    autumn, spring, summer = rows["aspiration"].cells
    assert (autumn.planned, autumn.delivered, autumn.status) == (5, 4, "behind")
    assert (summer.planned, summer.delivered, summer.status) == (0, 1, "unplanned")
    assert rows["aspiration"].total.planned == 5
    assert rows["aspiration"].total.delivered == 5
    assert rows["access"].cells[2].planned == 1
    assert rows["access"].cells[2].delivered == 0
    assert rows["awareness"].cells[2].delivered == 1
    # Events with two goals count once in the events row.
    assert grid.events_by_term == [4, 0, 1]
    assert grid.events_total == 5
    delivered = {(r.activity.activity_type.code, r.activity.goal.code): r for r in grid.activities}
    assert delivered["workshop", "aspiration"].delivered == 4
    assert delivered["talk", "aspiration"].delivered == 0
    assert [label for _, label, _, _ in grid.terms] == ["Autumn", "Spring", "Summer"]
