"""Participant pathways across every cohort in scope: the figures of
programmes/selectors/cohorts.py (funnel, roles offered, retention, value for money) with
its suppression for viewers outside the delivering organisation (`named=False`), grouped
over all cohorts at once rather than six queries per cohort."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

from django.db.models import Count, Q, Sum

from programmes.models import (
    PATHWAY,
    CheckInStatus,
    Cohort,
    JobRole,
    Participant,
    ParticipantStage,
    RetentionCheckIn,
    Stage,
)
from programmes.models.participants import CARE_ROLES
from programmes.selectors.cohorts import suppress

from ..document import INTEGER, MONEY, PERCENT, Column, Section, Table
from ._common import NOT_SHOWN, cohort_cell, num, programme_q, share

RULE = "Counts of 1 to 7 people are shown as '1 to 7', and so is any percentage built on one."


def _cohorts_q(scope, period, prefix: str) -> Q:
    # A cohort belongs to the period it starts in, so consecutive reports never count
    # the same people twice.
    return programme_q(scope, f"{prefix}programme") & Q(
        **{f"{prefix}starts_on__gte": period.start, f"{prefix}starts_on__lte": period.end}
    )


def _hidden_share(part, whole):
    if part.suppressed or whole.suppressed:
        return NOT_SHOWN
    return share(part.value, whole.value)


def _funnel(scope, period):
    rows = (
        Participant.objects.filter(_cohorts_q(scope, period, "cohort__"))
        .order_by()
        .values_list("furthest_position")
        .annotate(
            n=Count("pk"),
            costed=Count("pk", filter=Q(cohort__cost__isnull=False)),
            valued=Count(
                "pk", filter=Q(cohort__cost__isnull=False, cohort__outcome_value__isnull=False)
            ),
        )
    )
    counts = {position: (n, costed, valued) for position, n, costed, valued in rows}
    total = sum(n for n, _, _ in counts.values())
    table, previous = [], None
    referred = suppress(total, named=False)
    for position, stage in enumerate(PATHWAY, start=1):
        cell = suppress(sum(c[0] for p, c in counts.items() if p >= position), named=False)
        of_previous = _hidden_share(cell, previous) if previous is not None else None
        table.append([stage.label, cohort_cell(cell), of_previous, _hidden_share(cell, referred)])
        previous = cell
    costed = sum(c[1] for c in counts.values())
    valued = sum(c[2] for c in counts.values())
    return total, table, costed, valued


def _roles(scope, period):
    counts = dict(
        ParticipantStage.objects.filter(
            _cohorts_q(scope, period, "participant__cohort__"), stage=Stage.OFFERED, skipped=False
        )
        .order_by()
        .values_list("role")
        .annotate(n=Count("pk"))
    )
    offers = sum(counts.values())
    found = [
        (value, label, suppress(counts[value], named=False))
        for value, label in JobRole.choices
        if counts.get(value)
    ]
    hidden = {value for value, _, cell in found if cell.suppressed}
    # The number of offers can be read from the funnel, so a single hidden role could be
    # worked out by subtraction: hide the next smallest one too.
    visible = sorted((cell.value, value) for value, _, cell in found if not cell.suppressed)
    if len(hidden) == 1 and visible:
        hidden.add(visible[0][1])
    rows = []
    for value, label, cell in found:
        if value in hidden:
            rows.append([label, cell_or_hidden(cell), NOT_SHOWN])
        else:
            rows.append([label, cell.value, share(cell.value, offers)])
    if rows:
        care = suppress(sum(counts.get(r, 0) for r in CARE_ROLES), named=False)
        # Together with one hidden part, the total would give that part away.
        care_hidden = care.suppressed or bool(hidden & set(CARE_ROLES))
        rows.append(
            [
                "Healthcare assistant or care worker (together)",
                cell_or_hidden(care) if care_hidden else care.value,
                NOT_SHOWN if care_hidden else share(care.value, offers),
            ]
        )
    return rows


def cell_or_hidden(cell):
    """A count hidden because it is small ("1 to 7") or to protect another ("not shown")."""
    return cohort_cell(cell) if cell.suppressed else NOT_SHOWN


def _retention(scope, period):
    counts = {
        (months, status): n
        for months, status, n in RetentionCheckIn.objects.filter(
            _cohorts_q(scope, period, "participant__cohort__")
        )
        .order_by()
        .values_list("months", "status")
        .annotate(n=Count("pk"))
    }
    rows = []
    for months in (3, 6, 12):
        in_post = suppress(counts.get((months, CheckInStatus.IN_POST), 0), named=False)
        left = suppress(counts.get((months, CheckInStatus.LEFT), 0), named=False)
        due = suppress(counts.get((months, CheckInStatus.DUE), 0), named=False)
        # A share beside a shown "in post" would give away a hidden "left" (cohorts.py).
        answered = None if in_post.suppressed or left.suppressed else in_post.value + left.value
        rows.append(
            [
                f"{months} months",
                cohort_cell(in_post),
                cohort_cell(left),
                cohort_cell(due),
                NOT_SHOWN if answered is None else share(in_post.value, answered),
            ]
        )
    return rows if any(counts.values()) else []


def _value(scope, period, costed: int, valued: int):
    both = Q(cost__isnull=False, outcome_value__isnull=False)
    sums = Cohort.objects.filter(_cohorts_q(scope, period, "")).aggregate(
        costed_cohorts=Count("pk", filter=Q(cost__isnull=False)),
        total_cost=Sum("cost"),
        valued_cohorts=Count("pk", filter=both),
        valued_cost=Sum("cost", filter=both),
        outcomes=Sum("outcome_value", filter=both),
    )
    rows = []
    if sums["costed_cohorts"]:
        people = suppress(costed, named=False)
        per = None
        if costed and not people.suppressed:
            per = (sums["total_cost"] / costed).quantize(Decimal("0.01"), ROUND_HALF_UP)
        rows.append(
            [
                "Cost per participant (£)",
                sums["costed_cohorts"],
                cohort_cell(people),
                num(sums["total_cost"]),
                None,
                NOT_SHOWN if people.suppressed else num(per),
            ]
        )
    if sums["valued_cohorts"] and sums["valued_cost"]:
        per_pound = (sums["outcomes"] / sums["valued_cost"]).quantize(
            Decimal("0.01"), ROUND_HALF_UP
        )
        rows.append(
            [
                "Return per £1 (£)",
                sums["valued_cohorts"],
                cohort_cell(suppress(valued, named=False)),
                num(sums["valued_cost"]),
                num(sums["outcomes"]),
                num(per_pound),
            ]
        )
    return rows


def cohort_section(scope, period) -> Section:
    total, funnel, costed, valued = _funnel(scope, period)
    empty = "No pre-employment cohorts started in this period."
    return Section(
        key="pathways",
        title="Participant pathways",
        summary=f"Cohorts starting in the period. {RULE}",
        tables=[
            Table(
                key="pathway_funnel",
                title="Participants reaching each stage",
                columns=[
                    Column("stage", "Stage"),
                    Column("count", "Participants", INTEGER),
                    Column("of_previous", "Of the stage before (%)", PERCENT),
                    Column("of_referred", "Of those referred (%)", PERCENT),
                ],
                rows=funnel if total else [],
                definition="Participants of every cohort in scope whose furthest stage is this "
                "one or later, added up over the cohorts. " + RULE,
                empty_message=empty,
            ),
            Table(
                key="retention",
                title="Still in post after 3, 6 and 12 months",
                columns=[
                    Column("after", "After"),
                    Column("in_post", "Still in post", INTEGER),
                    Column("left", "Left", INTEGER),
                    Column("awaiting", "Check-in due", INTEGER),
                    Column("percent", "Still in post (%)", PERCENT),
                ],
                rows=_retention(scope, period),
                definition="Check-ins of participants who started a job: still in post, out of "
                "those in post or left (check-ins not yet answered are left out). The share "
                "is hidden when the number who left is. " + RULE,
                empty_message="No retention check-ins for cohorts starting in this period.",
            ),
            Table(
                key="roles_offered",
                title="Roles offered",
                columns=[
                    Column("role", "Role"),
                    Column("offers", "Job offers", INTEGER),
                    Column("percent", "Of all offers (%)", PERCENT),
                ],
                rows=_roles(scope, period),
                definition="Job offers recorded at the 'offered a job' stage, by role, out of "
                "every offer. " + RULE + " When only one role would be hidden, the next "
                "smallest is hidden too ('not shown'), so neither can be worked out from the "
                "total; the two care roles together are hidden when either is.",
                empty_message="No job offers recorded for cohorts starting in this period.",
            ),
            Table(
                key="value_for_money",
                title="Cost per participant and return per £1",
                columns=[
                    Column("figure", "Figure"),
                    Column("cohorts", "Cohorts", INTEGER),
                    Column("participants", "Participants", INTEGER),
                    Column("cost", "Cost (£)", MONEY),
                    Column("outcomes", "Value of outcomes (£)", MONEY),
                    Column("result", "Result", MONEY),
                ],
                rows=_value(scope, period, costed, valued),
                definition="Cost per participant: the cost of the cohorts with a cost entered "
                "÷ their participants. Return per £1: the value of outcomes ÷ the cost, over "
                "cohorts with both entered. " + RULE,
                empty_message="No cohort starting in this period has a cost entered.",
            ),
        ],
    )
