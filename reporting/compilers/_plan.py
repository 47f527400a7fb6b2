"""Planned against delivered for one academic year across a scope: the plan grid of
programmes/selectors/plans.py, summed over every programme of the scope in three grouped
queries (plus the reference names), instead of four queries per plan."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from django.db.models import Count, Sum
from django.utils import timezone

from programmes.academic_year import TERMS, Term, label, term_bounds
from programmes.academic_year import bounds as academic_bounds
from programmes.models import ActivityType, EngagementEvent, Goal, PlannedActivity, TargetGroup
from programmes.selectors.plans import Cell

from ..document import INTEGER, Chart, Column, Section, Series, Table
from ._common import programme_q

STATUS = {
    "met": "Met",
    "behind": "Behind plan",
    "unplanned": "Delivered, not planned",
    "empty": "Nothing planned or delivered",
}
TERM_LABELS = dict(Term.choices)


def status_label(cell, year: int, term: str | None = None, today=None) -> str:
    """Behind plan only once the term (or year) is over: before that it is under way."""
    if cell.status == "behind":
        today = today or timezone.localdate()
        start, end = term_bounds(year, term) if term else academic_bounds(year)
        if today < start:
            return "Not started yet"
        if today <= end:
            return "Under way"
    return STATUS[cell.status]


@dataclass
class PlanData:
    year: int
    goals: list
    planned: list[dict]  # grouped planned activities, this year and the year before
    delivered: dict  # (programme, goal, term, activity type) -> events, this year
    by_term_type: dict  # (term, activity type) -> events, this year

    def planned_total(self, year: int) -> int:
        return sum(row["q"] for row in self.planned if row["plan__academic_year"] == year)

    def goal_term_cells(self) -> dict[tuple[int, str], Cell]:
        cells = {(g.pk, t): Cell(term=t) for g in self.goals for t in TERMS}
        for (_, goal_id, term, _), n in self.delivered.items():
            cells[goal_id, term].delivered += n
        for row in self.this_year():
            cells[row["goal_id"], row["term"]].planned += row["q"]
        return cells

    def this_year(self):
        return [row for row in self.planned if row["plan__academic_year"] == self.year]

    @property
    def has_data(self) -> bool:
        return bool(self.this_year() or self.by_term_type)


def plan_data(scope, year: int) -> PlanData:
    planned = list(
        PlannedActivity.objects.filter(
            programme_q(scope, "plan__programme"), plan__academic_year__in=(year - 1, year)
        )
        .order_by()
        .values(
            "plan__academic_year",
            "plan__programme_id",
            "goal_id",
            "term",
            "activity_type_id",
            "target_group_id",
        )
        .annotate(q=Sum("quantity"))
    )
    # Through the event–goal link, as the plan grid counts: an event serving two goals
    # is delivered once under each.
    delivered = {
        tuple(row[:4]): row[4]
        for row in EngagementEvent.goals.through.objects.filter(
            programme_q(scope, "engagementevent__programme"),
            engagementevent__academic_year=year,
        )
        .order_by()
        .values_list(
            "engagementevent__programme_id",
            "goal_id",
            "engagementevent__term",
            "engagementevent__activity_type_id",
        )
        .annotate(n=Count("pk"))
    }
    by_term_type = {
        (term, type_id): n
        for term, type_id, n in EngagementEvent.objects.filter(
            programme_q(scope), academic_year=year
        )
        .order_by()
        .values_list("term", "activity_type_id")
        .annotate(n=Count("pk"))
    }
    return PlanData(year, list(Goal.objects.all()), planned, delivered, by_term_type)


def _columns(first_key: str, first_label: str) -> list[Column]:
    return [
        Column(first_key, first_label),
        Column("planned", "Planned", INTEGER),
        Column("delivered", "Delivered", INTEGER),
        Column("status", "Status"),
    ]


def _by_term(data: PlanData) -> Table:
    planned = defaultdict(int)
    for row in data.this_year():
        planned[row["term"]] += row["q"]
    delivered = defaultdict(int)
    for (term, _), n in data.by_term_type.items():
        delivered[term] += n
    rows = []
    for term in TERMS:
        first, last = term_bounds(data.year, term)
        cell = Cell(planned[term], delivered[term])
        rows.append(
            [
                TERM_LABELS[term],
                f"{first:%-d %B %Y} to {last:%-d %B %Y}",
                cell.planned,
                cell.delivered,
                status_label(cell, data.year, term),
            ]
        )
    rows = rows if data.has_data else []
    columns = _columns("term", "Term")
    columns.insert(1, Column("dates", "Dates"))
    return Table(
        key="plan_by_term",
        title="Planned against delivered, by term",
        columns=columns,
        rows=rows,
        definition="Planned: the number of activities in the annual plans of every programme "
        f"in scope for {label(data.year)}. Delivered: engagement events logged in the term, "
        "each counted once. Autumn runs to 31 December, Spring from 1 January to Easter "
        "Sunday, Summer from Easter Monday to 31 August.",
        chart=Chart(
            title="Planned against delivered, by term",
            categories=[TERM_LABELS[t] for t in TERMS],
            series=[
                Series("Planned", [r[2] for r in rows]),
                Series("Delivered", [r[3] for r in rows]),
            ],
            unit="activities",
        )
        if rows
        else None,
        empty_message="Nothing was planned or delivered in this academic year.",
    )


def _by_goal_term(data: PlanData, cells) -> Table:
    rows = [
        [goal.name, TERM_LABELS[term], c.planned, c.delivered, status_label(c, data.year, term)]
        for goal in data.goals
        for term in TERMS
        for c in [cells[goal.pk, term]]
    ]
    columns = _columns("goal", "Goal")
    columns.insert(1, Column("term", "Term"))
    return Table(
        key="plan_by_goal_term",
        title="Planned against delivered, by goal and term",
        columns=columns,
        rows=rows if data.has_data else [],
        definition="Planned: activities planned for the goal in the term. Delivered: events "
        "in the term that served the goal; an event serving two goals counts under each, "
        "so goals add up to more than the events delivered (as in the plan grid).",
        empty_message="Nothing was planned or delivered in this academic year.",
    )


def _by_target_group(data: PlanData) -> Table:
    # Events record year groups, not target groups: a planned activity is matched to the
    # events of its programme with the same goal, term and activity type.
    cells: dict[int, Cell] = defaultdict(Cell)
    for row in data.this_year():
        key = (row["plan__programme_id"], row["goal_id"], row["term"], row["activity_type_id"])
        cells[row["target_group_id"]].planned += row["q"]
        cells[row["target_group_id"]].delivered += data.delivered.get(key, 0)
    groups = TargetGroup.objects.filter(pk__in=list(cells)).order_by("position")
    return Table(
        key="plan_by_target_group",
        title="Planned against delivered, by target group",
        columns=_columns("target_group", "Target group"),
        rows=_named_rows(groups, cells, data.year),
        definition="Events record the year groups that took part, not target groups. So "
        "each planned activity is matched, as in the plan grid, to its programme's events "
        "with the same goal, term and activity type. Where two target groups were planned "
        "the same goal, term and activity type, those events count under both.",
        empty_message="No activities were planned for this academic year.",
    )


def _named_rows(objects, cells, year: int) -> list[list]:
    """A row per target group or activity type: planned, delivered and status."""
    return [
        [o.name, cells[o.pk].planned, cells[o.pk].delivered, status_label(cells[o.pk], year)]
        for o in objects
    ]


def _by_activity_type(data: PlanData) -> Table:
    cells: dict[int, Cell] = defaultdict(Cell)
    for row in data.this_year():
        cells[row["activity_type_id"]].planned += row["q"]
    for (_, type_id), n in data.by_term_type.items():
        cells[type_id].delivered += n
    types = ActivityType.objects.filter(pk__in=list(cells)).order_by("position")
    return Table(
        key="plan_by_activity_type",
        title="Planned against delivered, by activity type",
        columns=_columns("activity_type", "Activity type"),
        rows=_named_rows(types, cells, data.year),
        definition="Planned: activities of the type in the annual plans. Delivered: events of "
        "the type logged in the academic year, each counted once.",
        empty_message="Nothing was planned or delivered in this academic year.",
    )


def plan_section(data: PlanData) -> Section:
    cells = data.goal_term_cells()
    return Section(
        key="planned_delivered",
        title="Planned against delivered",
        summary=f"{sum(data.by_term_type.values()):,} events delivered against "
        f"{data.planned_total(data.year):,} activities planned.",
        tables=[
            _by_term(data),
            _by_goal_term(data, cells),
            _by_target_group(data),
            _by_activity_type(data),
        ],
    )
