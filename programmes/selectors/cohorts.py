"""Cohort figures: the pathway funnel, roles offered, demographics against the programme's
targets, retention and value for money — in a fixed number of grouped queries whatever
the number of participants.

Small numbers: outside the delivering organisation, any count from 1 to 7 people is
suppressed (shown as "1 to 7"), and so is any percentage built on a suppressed count.
"""

from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from django.db.models import Count, Q, Sum

from ..models import (
    ETHNIC_MINORITY_GROUPS,
    PATHWAY,
    AgeBand,
    CheckInStatus,
    Cohort,
    EthnicGroup,
    Gender,
    ImdQuintile,
    JobRole,
    Measure,
    Participant,
    ParticipantStage,
    ProgrammeTarget,
    RetentionCheckIn,
    Stage,
    SupportKind,
    SupportRecord,
    YesNo,
)
from ..models.participants import PREFER_NOT

SUPPRESS_MAX = 7


@dataclass(frozen=True)
class Cell:
    """A count that may be suppressed. `value` is None when suppressed."""

    value: int | None
    # "not shown" marks a count hidden only so that a small one cannot be worked out.
    hidden_label: str = "1 to 7"

    @property
    def suppressed(self) -> bool:
        return self.value is None

    def __str__(self):
        return self.hidden_label if self.value is None else f"{self.value:,}"


def suppress(n: int, *, named: bool) -> Cell:
    """Counts from 1 to 7 are hidden from anyone outside the delivering organisation."""
    if not named and 1 <= n <= SUPPRESS_MAX:
        return Cell(None)
    return Cell(n)


def percent(part: Cell, whole: int) -> str:
    if part.suppressed or not whole:
        return "–"
    return f"{(Decimal(part.value) * 100 / whole).quantize(Decimal('1'), ROUND_HALF_UP)}%"


@dataclass
class Dashboard:
    cohort: Cohort
    named: bool
    total: int = 0
    funnel: list = field(default_factory=list)
    roles: list = field(default_factory=list)
    care_roles: dict = field(default_factory=dict)
    demographics: list = field(default_factory=list)
    retention: list = field(default_factory=list)
    support: list = field(default_factory=list)
    value: dict = field(default_factory=dict)


def _funnel(cohort, named):
    counts = dict(
        Participant.objects.filter(cohort=cohort)
        .order_by()
        .values_list("furthest_position")
        .annotate(n=Count("pk"))
    )
    total = sum(counts.values())
    rows = []
    previous = None
    for position, stage in enumerate(PATHWAY, start=1):
        reached = sum(n for p, n in counts.items() if p >= position)
        cell = suppress(reached, named=named)
        rows.append(
            {
                "stage": stage.label,
                "count": cell,
                "of_previous": percent(cell, previous) if previous is not None else "",
                "of_referred": percent(cell, total),
            }
        )
        previous = reached
    return total, rows


DEMOGRAPHIC_FIELDS = [
    ("age_band", "Age band", AgeBand),
    ("gender", "Gender", Gender),
    ("ethnic_group", "Ethnic group", EthnicGroup),
    ("disability", "Disability", YesNo),
    ("carer", "Young carer", YesNo),
    ("care_leaver", "Care leaver", YesNo),
    ("refugee", "Refugee or asylum seeker", YesNo),
    ("previously_neet", "Previously not in education, employment or training", YesNo),
    ("imd_quintile", "IMD quintile", ImdQuintile),
]


def _demographics(cohort, named, targets):
    aggregates = {}
    for name, _, choices in DEMOGRAPHIC_FIELDS:
        for value in choices.values:
            aggregates[f"{name}__{value}"] = Count("pk", filter=Q(**{name: value}))
        aggregates[f"{name}__"] = Count("pk", filter=Q(**{name: ""}))
    aggregates["minority"] = Count("pk", filter=Q(ethnic_group__in=ETHNIC_MINORITY_GROUPS))
    aggregates["ethnic_answered"] = Count("pk", filter=~Q(ethnic_group__in=["", PREFER_NOT]))
    aggregates["men"] = Count("pk", filter=Q(gender=Gender.MAN))
    aggregates["gender_answered"] = Count("pk", filter=~Q(gender__in=["", PREFER_NOT]))
    aggregates["imd1"] = Count("pk", filter=Q(imd_quintile=ImdQuintile.Q1))
    aggregates["imd_answered"] = Count("pk", filter=~Q(imd_quintile__in=["", PREFER_NOT]))
    row = Participant.objects.filter(cohort=cohort).aggregate(**aggregates)
    groups = []
    for name, label, choices in DEMOGRAPHIC_FIELDS:
        total = sum(row[f"{name}__{v}"] for v in choices.values) + row[f"{name}__"]
        values = [
            {
                "label": choice_label,
                "count": (c := suppress(row[f"{name}__{v}"], named=named)),
                "percent": percent(c, total),
            }
            for v, choice_label in choices.choices
        ]
        blank = suppress(row[f"{name}__"], named=named)
        values.append({"label": "Not recorded", "count": blank, "percent": percent(blank, total)})
        groups.append({"label": label, "values": values})
    headline = []
    for key, answered, label, measure in (
        ("minority", "ethnic_answered", "From ethnic minority groups", Measure.ETHNIC_MINORITY_PCT),
        ("imd1", "imd_answered", "Living in IMD quintile 1 (most deprived)", None),
        ("men", "gender_answered", "Men", Measure.MALE_PCT),
    ):
        cell = suppress(row[key], named=named)
        target = targets.get(measure) if measure else None
        headline.append(
            {
                "label": label,
                "count": cell,
                "of": row[answered],
                "percent": percent(cell, row[answered]),
                "target": f"{target.normalize():f}%" if target is not None else "",
            }
        )
    return groups, headline


def _roles(cohort, named):
    counts = dict(
        ParticipantStage.objects.filter(
            participant__cohort=cohort, stage=Stage.OFFERED, skipped=False
        )
        .order_by()
        .values_list("role")
        .annotate(n=Count("pk"))
    )
    total = sum(counts.values())
    cells = {
        value: suppress(counts[value], named=named)
        for value, _ in JobRole.choices
        if counts.get(value)
    }
    # The offers total is on the page, so one hidden role could be worked out by
    # subtraction: the next smallest is hidden with it.
    hidden = [value for value, cell in cells.items() if cell.suppressed]
    visible = sorted((cell.value, value) for value, cell in cells.items() if not cell.suppressed)
    if len(hidden) == 1 and visible:
        cells[visible[0][1]] = Cell(None, "not shown")
    rows = [
        {"label": label, "count": cells[value], "percent": percent(cells[value], total)}
        for value, label in JobRole.choices
        if value in cells
    ]
    care_roles = ("hca", "care_worker")
    care = suppress(sum(counts.get(r, 0) for r in care_roles), named=named)
    if not care.suppressed and any(cells.get(r, Cell(0)).suppressed for r in care_roles):
        care = Cell(None, "not shown")  # together with a hidden part, it gives the part away
    return rows, {"count": care, "percent": percent(care, total), "offers": total}


def _retention(cohort, named):
    rows = (
        RetentionCheckIn.objects.filter(participant__cohort=cohort)
        .order_by()
        .values_list("months", "status")
        .annotate(n=Count("pk"))
    )
    counts = {(months, status): n for months, status, n in rows}
    table = []
    for months in (3, 6, 12):
        in_post = counts.get((months, CheckInStatus.IN_POST), 0)
        left = counts.get((months, CheckInStatus.LEFT), 0)
        due = counts.get((months, CheckInStatus.DUE), 0)
        answered = in_post + left
        cell, gone = suppress(in_post, named=named), suppress(left, named=named)
        table.append(
            {
                "months": months,
                "in_post": cell,
                "left": gone,
                "awaiting": suppress(due, named=named),
                # A share would give away a suppressed "left" beside a shown "in post".
                "percent": "–" if gone.suppressed else percent(cell, answered),
            }
        )
    return table


def _support(cohort, named):
    rows = (
        SupportRecord.objects.filter(participant__cohort=cohort)
        .order_by()
        .values("kind")
        .annotate(
            records=Count("pk"), people=Count("participant", distinct=True), amount=Sum("amount")
        )
    )
    by_kind = {row["kind"]: row for row in rows}
    return [
        {
            "label": label,
            "records": by_kind.get(kind, {}).get("records", 0),
            "people": suppress(by_kind.get(kind, {}).get("people", 0), named=named),
            "amount": by_kind.get(kind, {}).get("amount"),
        }
        for kind, label in SupportKind.choices
    ]


def _value(cohort, total):
    cost, outcomes = (
        None if v is None else Decimal(str(v)) for v in (cohort.cost, cohort.outcome_value)
    )
    result = {"cost": cost, "outcome_value": outcomes, "participants": total}
    if cost is not None and total:
        result["per_participant"] = (cost / total).quantize(Decimal("0.01"), ROUND_HALF_UP)
    if cost and outcomes is not None:
        result["per_pound"] = (outcomes / cost).quantize(Decimal("0.01"), ROUND_HALF_UP)
    return result


def cohort_dashboard(*, cohort: Cohort, named: bool) -> Dashboard:
    """Everything the cohort page shows. `named` says the viewer is the delivering
    organisation's staff, who see small numbers. Six queries whatever the size."""
    targets = dict(
        ProgrammeTarget.objects.filter(
            programme_id=cohort.programme_id, academic_year__isnull=True
        ).values_list("measure", "value")
    )
    dash = Dashboard(cohort=cohort, named=named)
    dash.total, dash.funnel = _funnel(cohort, named)
    dash.roles, dash.care_roles = _roles(cohort, named)
    dash.demographics, dash.headline = _demographics(cohort, named, targets)
    dash.retention = _retention(cohort, named)
    dash.support = _support(cohort, named)
    dash.value = _value(cohort, dash.total)
    return dash
