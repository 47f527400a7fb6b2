"""The annual-cycle report's last two sections: what was missed, and the year before."""

from __future__ import annotations

from collections import defaultdict

from django.utils import timezone

from programmes.academic_year import TERMS, label, term_bounds
from programmes.academic_year import bounds as academic_bounds
from programmes.models import Programme
from programmes.selectors.reach import Figures

from ..document import DECIMAL, INTEGER, PERCENT, Chart, Column, Section, Series, Table
from ._common import change, num, programme_q
from ._plan import TERM_LABELS


def gaps_section(scope, events, now: Figures, plan) -> Section:
    missing = defaultdict(list)
    for school, programme in (
        Programme.target_schools.through.objects.filter(programme_q(scope))
        .exclude(organisation_id__in=events.filter(school__isnull=False).values("school_id"))
        .order_by("organisation__name", "programme__name")
        .values_list("organisation__name", "programme__name")
    ):
        missing[school].append(programme)
    cells = plan.goal_term_cells()
    today = timezone.localdate()
    # A term that has not started yet is not a gap, and nor is a goal no one planned for
    # in a term that is still under way.
    quiet = [
        [goal.name, TERM_LABELS[term], cells[goal.pk, term].planned]
        for goal in plan.goals
        for term in TERMS
        if not cells[goal.pk, term].delivered
        and today >= term_bounds(plan.year, term)[0]
        and (today > term_bounds(plan.year, term)[1] or cells[goal.pk, term].planned)
    ]
    idle = [g.name for g in plan.goals if not any(cells[g.pk, t].delivered for t in TERMS)]
    summary = f"{len(missing)} target schools not reached."
    if idle and plan.has_data:
        summary += f" No activity all year for: {', '.join(idle)}."
    return Section(
        key="gaps",
        title="Gaps",
        summary=summary,
        tables=[
            Table(
                key="target_schools_not_reached",
                title="Target schools not reached",
                columns=[Column("school", "School"), Column("programmes", "Target school of")],
                rows=[[school, ", ".join(names)] for school, names in missing.items()],
                definition="Target schools of the programmes in scope where no event in scope "
                "was held this academic year.",
                empty_message="Every target school was reached."
                if now.target_schools
                else "No target schools are set for the programmes in scope.",
            ),
            Table(
                key="goals_terms_without_activity",
                title="Goals and terms with no activity",
                columns=[
                    Column("goal", "Goal"),
                    Column("term", "Term"),
                    Column("planned", "Planned", INTEGER),
                ],
                rows=quiet if plan.has_data else [],
                definition="Each goal and term with no event delivered that served the goal, "
                "with the number of activities that had been planned for it.",
                empty_message="Every goal had activity in every term."
                if plan.has_data
                else "Nothing was planned or delivered in this academic year.",
            ),
        ],
    )


def comparison_section(year: int, before: Figures, now: Figures, plan) -> Section:
    figures = [
        ("Activities planned", plan.planned_total(year - 1), plan.planned_total(year)),
        ("Events delivered", before.events_delivered, now.events_delivered),
        ("Students reached", before.students_reached, now.students_reached),
        ("Parents and carers reached", before.parents_reached, now.parents_reached),
        ("Schools and colleges reached", before.schools_reached, now.schools_reached),
        ("Target schools reached", before.target_schools_reached, now.target_schools_reached),
        ("Ambassador hours", num(before.ambassador_hours), num(now.ambassador_hours)),
    ]
    rows = [[name, old, new, *change(old, new)] for name, old, new in figures]
    has_data = any(old or new for _, old, new in figures)
    previous, this = label(year - 1), label(year)
    today = timezone.localdate()
    in_progress = today <= academic_bounds(year)[1]
    if in_progress:
        this = f"{this} so far"
    return Section(
        key="previous_year",
        title="Compared with the year before",
        tables=[
            Table(
                key="previous_year",
                title=f"Headline figures, {previous} and {this}",
                columns=[
                    Column("figure", "Figure"),
                    Column("previous", previous, DECIMAL),
                    Column("current", this, DECIMAL),
                    Column("change", "Change", DECIMAL),
                    Column("change_percent", "Change (%)", PERCENT),
                ],
                rows=rows if has_data else [],
                definition="Each figure worked out the same way for both academic years. "
                "Change: this year minus the year before; as a percentage of the year "
                "before, left blank when the year before had none."
                + (
                    f" This year is not over: its figures run to {today:%-d %B %Y}, the "
                    "year before's are for the whole year."
                    if in_progress
                    else ""
                ),
                chart=Chart(
                    title="Reach by year",
                    categories=[previous, this],
                    series=[
                        Series("Students reached", [rows[2][1], rows[2][2]]),
                        Series("Parents and carers reached", [rows[3][1], rows[3][2]]),
                    ],
                    unit="people",
                )
                if has_data
                else None,
                empty_message="Nothing was planned or delivered in either year.",
            )
        ],
    )
