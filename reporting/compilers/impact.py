"""The impact report: for a scope and a period (an academic year or any dates), reach and
demographics against each programme's targets, questionnaire change per goal, participant
pathways, barrier actions and the quotes the asker chose.

A fixed number of grouped queries whatever the number of programmes, events, answers or
participants; each part says how in its own module.
"""

from __future__ import annotations

from collections import defaultdict
from decimal import Decimal

from django.db.models import Count, Q

from programmes.models import (
    ActionStatus,
    BarrierAction,
    FeedbackQuote,
    IdeasCategory,
    Measure,
    Programme,
    ProgrammeTarget,
)
from programmes.selectors.reach import (
    Figures,
    figures_by_year,
    figures_by_year_and_programme,
    target_progress,
)

from ..document import DECIMAL, INTEGER, PERCENT, Column, Report, Section, Table
from ..periods import Period
from ..scope import ReportScope, ScopeKind
from ._cohorts import cohort_section
from ._common import (
    FEWER_THAN_FIVE,
    NOT_SHOWN,
    new_report,
    num,
    period_q,
    programme_q,
    scope_events,
    share,
    tell,
)
from ._surveys import survey_section

MIN_BASE = 5
FEWER_THAN_FIVE_RANGE = range(1, MIN_BASE)


def quote_choices(*, scope: ReportScope, period: Period):
    """Quotes recorded at events in scope and period: the ones an impact report may show."""
    return (
        FeedbackQuote.objects.filter(
            programme_q(scope, "event__programme"), period_q(period, "event__")
        )
        .select_related("event")
        .order_by("event__date", "event_id", "position", "pk")
    )


def compile_impact(*, scope: ReportScope, period: Period, quote_ids=(), progress=None) -> Report:
    report = new_report("impact", f"Impact report {period.short_label}", scope, period)
    target_ids = _target_school_ids(scope)
    figures, by_programme = _figures(scope, period, target_ids)
    report.sections.append(_reach_section(figures[0]))
    report.sections.append(_target_section(scope, period, target_ids, by_programme))
    tell(progress, 30, "Reach and targets")
    report.sections.append(survey_section(scope, period))
    tell(progress, 55, "Questionnaires")
    report.sections.append(cohort_section(scope, period))
    tell(progress, 80, "Participant pathways")
    report.sections.append(_barrier_section(scope))
    report.sections.append(_quote_section(scope, period, quote_ids))
    tell(progress, 90, "Barriers and quotes")
    return report


def _target_school_ids(scope) -> dict[int, set]:
    found = defaultdict(set)
    for programme_id, school_id in Programme.target_schools.through.objects.filter(
        programme_q(scope)
    ).values_list("programme_id", "organisation_id"):
        found[programme_id].add(school_id)
    return found


def _figures(scope, period, target_ids):
    """(the scope's figures by year, {programme id: its figures by year}). One
    programme's figures are the scope's own; over many, both come from one set of
    queries grouped by programme (reach.py rolls the scope's figures up from them)."""
    every_target = {s for ids in target_ids.values() for s in ids}
    events = scope_events(scope, period)

    def event_q(prefix):  # the same events, for rows that hang from them
        return programme_q(scope, f"{prefix}programme") & period_q(period, prefix)

    if scope.kind == ScopeKind.PROGRAMME:
        figures = figures_by_year(events, every_target, event_q)
        return figures, {scope.programme_id: figures}
    return figures_by_year_and_programme(events, every_target, target_ids, event_q)


def _reach_section(total: Figures) -> Section:
    reach = [
        ["Events delivered", total.events_delivered, None, None],
        ["Students reached", total.students_reached, None, None],
        ["Parents and carers reached", total.parents_reached, None, None],
        ["Schools and colleges reached", total.schools_reached, None, None],
        [
            "Target schools reached",
            total.target_schools_reached,
            total.target_schools,
            share(total.target_schools_reached, total.target_schools),
        ],
        ["Ambassador hours", num(total.ambassador_hours), None, None],
    ]
    groups = [
        ["From ethnic minority groups", total.minority, total.ethnicity_known],
        ["Male", total.male, total.gender_known],
        ["Eligible for free school meals", total.fsm, total.fsm_base],
        ["With special educational needs or a disability", total.send, total.send_base],
    ]
    columns = [Column("value", "Number", DECIMAL), Column("of", "Out of", INTEGER)]
    return Section(
        key="reach",
        title="Reach and demographics",
        tables=[
            Table(
                key="reach",
                title="Reach",
                columns=[Column("figure", "Figure"), *columns, Column("percent", "%", PERCENT)],
                rows=reach if total.events_delivered else [],
                definition="Students reached: participants at each event in the period, not "
                "counting adults, and counting a school's year group once where a follow-up "
                "saw students already counted. Target schools reached: target schools of the "
                "programmes in scope where any event in scope was held. Ambassador hours: "
                "hours recorded for staff ambassadors at the events.",
                empty_message="No events were delivered in this period.",
            ),
            Table(
                key="demographics",
                title="Who took part",
                columns=[
                    Column("group", "Group"),
                    *columns,
                    Column("percent", "%", PERCENT),
                ],
                rows=[_group_row(*g) for g in groups if g[2]],
                definition="From the counts events recorded. Ethnic group and gender: out of "
                "those whose answer was recorded. Free school meals and SEND: out of all "
                "participants at the events that recorded them. Ethnic minority: every group "
                "but White. Counts of 1 to 4 are shown as '1 to 4'; a group whose count, or "
                "the number not in it, is 1 to 4 is not shown, so nobody can be singled out.",
                empty_message="No event in this period recorded who took part.",
            ),
        ],
    )


def _group_row(name, count, base):
    """A demographic count with disclosure control: small counts, and large ones whose
    complement is small (29 of 30 says who the other one is), are not shown."""
    small = FEWER_THAN_FIVE_RANGE
    if count in small or (base - count) in small or base in small:
        shown = FEWER_THAN_FIVE if count in small else NOT_SHOWN
        return [name, shown, FEWER_THAN_FIVE if base in small else base, NOT_SHOWN]
    return [name, count, base, share(count, base)]


# Percentage targets, and the base each is measured out of.
TARGET_BASES = {
    Measure.ETHNIC_MINORITY_PCT: "ethnicity_known",
    Measure.MALE_PCT: "gender_known",
    Measure.FSM_PCT: "fsm_base",
    Measure.SEND_PCT: "send_base",
}


def _target_base(target, figures):
    """The number a percentage target is worked out of, for this target's period."""
    name = TARGET_BASES.get(target.measure)
    if name is None:
        return None
    total, years = figures
    source = total if target.academic_year is None else years.get(target.academic_year)
    return getattr(source, name, 0) if source is not None else 0


def _of_target(actual, value):
    # Not capped at 100: 8,176 against 8,000 is 102% of the target.
    if actual is None or not value:
        return None
    return int(Decimal(actual) * 100 / value)


def _target_section(scope, period, target_ids, by_programme) -> Section:
    targets = list(
        ProgrammeTarget.objects.filter(programme_q(scope))
        .filter(Q(academic_year__isnull=True) | Q(academic_year__in=period.academic_years))
        .select_related("programme")
        .order_by("programme__name", "programme_id", "academic_year", "measure")
    )
    labels = dict(Measure.choices)
    rows = []
    for target in targets:
        empty = Figures(target_school_ids=frozenset(target_ids.get(target.programme_id, ())))
        mine = by_programme.get(target.programme_id, (empty, {}))
        (found,) = target_progress(target.programme, [target], mine)
        actual = None if found.actual is None else num(found.actual)
        base = _target_base(target, mine)
        if base is not None and 0 < base < MIN_BASE:
            # A share of very few people would say something about each of them.
            rows.append(
                [
                    target.programme.name,
                    labels.get(target.measure, target.measure),
                    target.year_label,
                    num(target.value),
                    NOT_SHOWN,
                    NOT_SHOWN,
                    "Too few to show",
                ]
            )
            continue
        rows.append(
            [
                target.programme.name,
                labels.get(target.measure, target.measure),
                target.year_label,
                num(target.value),
                actual,
                _of_target(found.actual, target.value),
                "No data" if actual is None else ("Met" if found.met else "Not met"),
            ]
        )
    return Section(
        key="targets",
        title="Against targets",
        tables=[
            Table(
                key="targets",
                title="Targets: met or not met",
                columns=[
                    Column("programme", "Programme"),
                    Column("measure", "Measure"),
                    Column("target_for", "Target for"),
                    Column("target", "Target", DECIMAL),
                    Column("actual", "Actual", DECIMAL),
                    Column("percent_of_target", "Of target (%)", PERCENT),
                    Column("met", "Met"),
                ],
                rows=rows,
                definition="Each programme's targets for the whole programme or for an "
                "academic year the period touches, measured from that programme's events in "
                "the period only (a year's target from the year's events within the period), "
                "worked out as in the reach table. Percentage targets compare percentages, "
                "and are not shown when fewer than 5 people are behind them.",
                empty_message="No targets are set for the programmes in scope.",
            )
        ],
    )


def _barrier_section(scope) -> Section:
    counts = {
        (category, status): n
        for category, status, n in BarrierAction.objects.filter(
            programme_q(scope, "barrier__programme")
        )
        .order_by()
        .values_list("category", "status")
        .annotate(n=Count("pk"))
    }
    statuses = list(ActionStatus)
    rows = []
    for category in [*IdeasCategory, None]:
        wanted = [category] if category else list(IdeasCategory)
        row = [sum(counts.get((c, s), 0) for c in wanted) for s in statuses]
        rows.append([category.label if category else "All actions", *row, sum(row)])
    return Section(
        key="barriers",
        title="Barrier actions",
        tables=[
            Table(
                key="barrier_actions",
                title="Actions on barriers, by IDEAS category and status",
                columns=[
                    Column("category", "IDEAS category"),
                    *[Column(s.value, s.label, INTEGER) for s in statuses],
                    Column("total", "All", INTEGER),
                ],
                rows=rows if counts else [],
                definition="Actions co-created against the barriers recorded for the "
                "programmes in scope, by their status when the report was compiled "
                "(actions carry review dates, not a period).",
                empty_message="No barrier actions are recorded for the programmes in scope.",
            )
        ],
    )


def _quote_section(scope, period, quote_ids) -> Section:
    order = {int(pk): i for i, pk in enumerate(quote_ids)}
    chosen = sorted(
        quote_choices(scope=scope, period=period).filter(pk__in=list(order)),
        key=lambda quote: order[quote.pk],
    )
    return Section(
        key="quotes",
        title="In their words",
        tables=[
            Table(
                key="quotes",
                title="Selected quotes",
                columns=[
                    Column("quote", "Quote"),
                    Column("attribution", "Who said it"),
                    Column("event", "Event"),
                ],
                rows=[[q.text, q.attribution, str(q.event)] for q in chosen],
                definition="Quotes recorded at events in scope and period, chosen for this "
                "report; attributed by role and place, never by name.",
                empty_message="No quotes were chosen for this report.",
            )
        ],
    )
