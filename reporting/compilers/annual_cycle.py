"""The annual-cycle report (seed 002): for a scope and one academic year, planned against
delivered, reach, Gatsby Benchmark coverage, ambassador hours, who delivered, the gaps,
and the headline figures against the year before.

A fixed number of grouped queries whatever the number of programmes or events: reach
comes from `figures_by_year` once for both years, the plan from three grouped queries.
"""

from __future__ import annotations

from django.db.models import Count, Q, Sum

from partners.models import OrganisationKind
from programmes.academic_year import TERMS, label
from programmes.models import EngagementEvent, EventAmbassador, GatsbyBenchmark, Programme
from programmes.selectors.reach import Figures, figures_by_year

from ..document import DECIMAL, INTEGER, PERCENT, Column, Report, Section, Table
from ..periods import Period, PeriodError
from ..scope import ReportScope
from ._common import new_report, num, programme_q, share, tell
from ._gaps import comparison_section, gaps_section
from ._plan import TERM_LABELS, plan_data, plan_section

NO_EVENTS = "No events were delivered in this academic year."


def compile_annual_cycle(*, scope: ReportScope, period: Period, progress=None) -> Report:
    if period.academic_year is None:
        raise PeriodError("The annual-cycle report covers one academic year: choose a year.")
    year = period.academic_year
    report = new_report("annual_cycle", f"Annual-cycle report {label(year)}", scope, period)

    plan = plan_data(scope, year)
    report.sections.append(plan_section(plan))
    tell(progress, 25, "Planned against delivered")

    target_ids = frozenset(
        Programme.target_schools.through.objects.filter(programme_q(scope)).values_list(
            "organisation_id", flat=True
        )
    )

    def two_years_q(prefix: str = "") -> Q:  # also for rows that hang from the events
        return programme_q(scope, f"{prefix}programme") & Q(
            **{f"{prefix}academic_year__in": (year - 1, year)}
        )

    two_years = EngagementEvent.objects.filter(two_years_q())
    _, years = figures_by_year(two_years, target_ids, two_years_q)
    now = years.get(year) or Figures(target_school_ids=target_ids)
    before = years.get(year - 1) or Figures(target_school_ids=target_ids)
    report.sections.append(_reach_section(now, year))
    tell(progress, 45, "Reach")

    events = two_years.filter(academic_year=year)
    report.sections.append(_gatsby_section(scope, year, now))
    report.sections.append(_ambassador_section(scope, year, now))
    report.sections.append(_partner_section(scope, year))
    tell(progress, 65, "Benchmarks, ambassadors and partners")

    report.sections.append(gaps_section(scope, events, now, plan))
    report.sections.append(comparison_section(year, before, now, plan))
    tell(progress, 90, "Gaps and the year before")
    return report


def _reach_section(now: Figures, year: int) -> Section:
    rows = [
        ["Events delivered", now.events_delivered, None, None],
        ["Students reached", now.students_reached, None, None],
        ["Parents and carers reached", now.parents_reached, None, None],
        ["Schools and colleges reached", now.schools_reached, None, None],
        [
            "Target schools reached",
            now.target_schools_reached,
            now.target_schools,
            share(now.target_schools_reached, now.target_schools),
        ],
    ]
    return Section(
        key="reach",
        title="Reach",
        summary=f"{now.students_reached:,} students reached at {now.schools_reached:,} "
        f"schools; {now.target_schools_reached} of {now.target_schools} target schools "
        "reached.",
        tables=[
            Table(
                key="reach",
                title=f"Reach in {label(year)}",
                columns=[
                    Column("figure", "Figure"),
                    Column("value", "Number", INTEGER),
                    Column("of", "Out of", INTEGER),
                    Column("percent", "Percentage", PERCENT),
                ],
                rows=rows if now.events_delivered else [],
                definition="Students reached: participants at each event, not counting adults, "
                "and counting a school's year group once where a follow-up visit saw "
                "students already counted. Schools reached: different schools or colleges "
                "with at least one event. Target schools reached: target schools of the "
                "programmes in scope where any event in scope was held, out of all of them.",
                empty_message=NO_EVENTS,
            )
        ],
    )


def _gatsby_section(scope, year: int, now: Figures) -> Section:
    counts = {
        row["gatsbybenchmark_id"]: row
        for row in EngagementEvent.gatsby_benchmarks.through.objects.filter(
            programme_q(scope, "engagementevent__programme"), engagementevent__academic_year=year
        )
        .order_by()
        .values("gatsbybenchmark_id")
        .annotate(
            events=Count("engagementevent_id"),
            schools=Count("engagementevent__school_id", distinct=True),
        )
    }
    rows = []
    for benchmark in GatsbyBenchmark.objects.order_by("number"):
        found = counts.get(benchmark.pk, {"events": 0, "schools": 0})
        rows.append(
            [
                str(benchmark),
                found["events"],
                found["schools"],
                share(found["schools"], now.schools_reached),
            ]
        )
    return Section(
        key="gatsby",
        title="Gatsby Benchmark coverage",
        tables=[
            Table(
                key="gatsby_benchmarks",
                title="Events and schools by Gatsby Benchmark",
                columns=[
                    Column("benchmark", "Gatsby Benchmark"),
                    Column("events", "Events", INTEGER),
                    Column("schools", "Schools", INTEGER),
                    Column("percent", "Share of schools reached", PERCENT),
                ],
                rows=rows if now.events_delivered else [],
                definition="Events: events recorded as evidence for the benchmark (one event "
                "may count for several). Schools: different schools where those events were "
                "held. Share: those schools out of every school reached this year.",
                empty_message=NO_EVENTS,
            )
        ],
    )


def _ambassador_section(scope, year: int, now: Figures) -> Section:
    hours = EventAmbassador.objects.filter(
        programme_q(scope, "event__programme"), event__academic_year=year
    ).order_by()
    counts = {
        "ambassadors": Count("ambassador_id", distinct=True),
        "events": Count("event_id", distinct=True),
        "hours": Sum("hours"),
    }
    by_term = {row["event__term"]: row for row in hours.values("event__term").annotate(**counts)}
    whole = hours.aggregate(**counts)
    rows = [
        [
            TERM_LABELS[term],
            by_term.get(term, {}).get("events", 0),
            by_term.get(term, {}).get("ambassadors", 0),
            num(by_term.get(term, {}).get("hours") or 0),
        ]
        for term in TERMS
    ]
    rows.append(["Whole year", whole["events"], whole["ambassadors"], num(now.ambassador_hours)])
    return Section(
        key="ambassadors",
        title="Ambassador hours",
        summary=f"{num(now.ambassador_hours):,} hours given by {whole['ambassadors']:,} "
        "staff ambassadors.",
        tables=[
            Table(
                key="ambassador_hours",
                title="Staff ambassadors' hours, by term",
                columns=[
                    Column("term", "Term"),
                    Column("events", "Events with ambassadors", INTEGER),
                    Column("ambassadors", "Ambassadors", INTEGER),
                    Column("hours", "Hours", DECIMAL),
                ],
                rows=rows if whole["events"] else [],
                definition="Hours recorded against each ambassador at each event, added up. "
                "Ambassadors: different people; one who helped in two terms counts in each "
                "term but once for the whole year.",
                empty_message="No ambassador hours were recorded in this academic year.",
            )
        ],
    )


def _partner_section(scope, year: int) -> Section:
    kinds = dict(OrganisationKind.choices)
    rows = [
        [row["organisation__name"], kinds.get(row["organisation__kind"], ""), row["n"], row["s"]]
        for row in EngagementEvent.delivering_organisations.through.objects.filter(
            programme_q(scope, "engagementevent__programme"), engagementevent__academic_year=year
        )
        .order_by()
        .values("organisation_id", "organisation__name", "organisation__kind")
        .annotate(
            n=Count("engagementevent_id"),
            s=Sum(
                "engagementevent__participants",
                filter=Q(engagementevent__is_repeat_visit=False),
                default=0,
            ),
        )
        .order_by("-n", "organisation__name")
    ]
    return Section(
        key="partners",
        title="Partners who delivered",
        tables=[
            Table(
                key="partners",
                title="Events and participants by delivering partner",
                columns=[
                    Column("organisation", "Organisation"),
                    Column("kind", "Kind"),
                    Column("events", "Events", INTEGER),
                    Column("participants", "Participants", INTEGER),
                ],
                rows=rows,
                definition="Events the organisation delivered or co-delivered; an event with two "
                "delivering partners counts for each, so the rows add up to more than the "
                "events delivered. Participants: everyone at those events, follow-up visits "
                "with students already counted left out.",
                empty_message=NO_EVENTS,
            )
        ],
    )
