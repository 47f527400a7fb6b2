"""The annual plan grid: terms across, goals down, planned against delivered in each
cell. Delivered counts come straight from the events, so the grid fills in as events are
logged. Counts cover every event of the programme (numbers only, no event details), so
every partner sees the same progress."""

from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import Count

from ..academic_year import TERMS, Term, term_bounds
from ..models import AnnualPlan, EngagementEvent, Goal


@dataclass
class Cell:
    planned: int = 0
    delivered: int = 0
    term: str = ""

    @property
    def status(self) -> str:
        if not self.planned:
            return "unplanned" if self.delivered else "empty"
        return "met" if self.delivered >= self.planned else "behind"


@dataclass
class GridRow:
    goal: Goal
    cells: list[Cell]
    total: Cell


@dataclass
class PlannedRow:
    activity: object
    delivered: int

    @property
    def met(self) -> bool:
        return self.delivered >= self.activity.quantity


@dataclass
class PlanGrid:
    plan: AnnualPlan
    terms: list[tuple[str, str, object, object]]  # (value, label, first day, last day)
    rows: list[GridRow]
    events_by_term: list[int]
    events_total: int
    activities: list[PlannedRow] = field(default_factory=list)


def plan_grid(plan: AnnualPlan) -> PlanGrid:
    """Four queries whatever the number of events: goals, planned activities, delivered
    counts by goal × term × activity type, and events by term."""
    goals = list(Goal.objects.all())
    activities = list(
        plan.activities.select_related("goal", "target_group", "activity_type", "delivered_by")
    )
    events = EngagementEvent.objects.filter(
        programme_id=plan.programme_id, academic_year=plan.academic_year
    )
    delivered = {
        (
            row["goal_id"],
            row["engagementevent__term"],
            row["engagementevent__activity_type_id"],
        ): row["n"]
        for row in EngagementEvent.goals.through.objects.filter(
            engagementevent__programme_id=plan.programme_id,
            engagementevent__academic_year=plan.academic_year,
        )
        .order_by()
        .values("goal_id", "engagementevent__term", "engagementevent__activity_type_id")
        .annotate(n=Count("pk"))
    }
    by_term = dict(events.order_by().values_list("term").annotate(n=Count("pk")))

    delivered_cell: dict[tuple[int, str], int] = defaultdict(int)
    for (goal_id, term, _), n in delivered.items():
        delivered_cell[goal_id, term] += n
    planned_cell: dict[tuple[int, str], int] = defaultdict(int)
    for activity in activities:
        planned_cell[activity.goal_id, activity.term] += activity.quantity

    rows = []
    for goal in goals:
        cells = [
            Cell(planned_cell[goal.pk, term], delivered_cell[goal.pk, term], term) for term in TERMS
        ]
        total = Cell(sum(c.planned for c in cells), sum(c.delivered for c in cells))
        rows.append(GridRow(goal, cells, total))
    terms = [(term.value, term.label, *term_bounds(plan.academic_year, term)) for term in Term]
    return PlanGrid(
        plan=plan,
        terms=terms,
        rows=rows,
        events_by_term=[by_term.get(term, 0) for term in TERMS],
        events_total=sum(by_term.values()),
        activities=[
            PlannedRow(a, delivered.get((a.goal_id, a.term, a.activity_type_id), 0))
            for a in sorted(activities, key=lambda a: (TERMS.index(a.term), a.goal.position, a.pk))
        ],
    )
