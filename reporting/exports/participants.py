"""Participants of pre-employment cohorts, pseudonymised: one row per participant of a
cohort that runs at some time in the period.

Only the generated `P-` reference identifies a participant here. Names, email, phone and
postcode live in `ParticipantIdentity`, which this export never joins (a test checks the
SQL), and the partner's own reference is left out too, since the partner can link it
back to a name.
"""

from django.db.models import DateField, OuterRef, Q, Subquery

from programmes.models import (
    PATHWAY,
    AgeBand,
    EthnicGroup,
    Gender,
    ImdQuintile,
    Participant,
    ParticipantStage,
    Stage,
    YesNo,
)

from ..models import ReportKind
from .base import Export, in_scope

STAGES = [*PATHWAY, Stage.LEFT]
EQUALITY = [
    ("age_band", "Age band", dict(AgeBand.choices)),
    ("gender", "Gender", dict(Gender.choices)),
    ("ethnic_group", "Ethnic group", dict(EthnicGroup.choices)),
    ("disability", "Disability", dict(YesNo.choices)),
    ("carer", "Young carer", dict(YesNo.choices)),
    ("care_leaver", "Care leaver", dict(YesNo.choices)),
    ("refugee", "Refugee or asylum seeker", dict(YesNo.choices)),
    ("previously_neet", "Previously not in education, employment or training", dict(YesNo.choices)),
    ("imd_quintile", "IMD quintile", dict(ImdQuintile.choices)),
]
FIXED = ["reference", "cohort__name", "cohort__programme__name", "cohort__programme__area__name"]
FURTHEST = len(FIXED) + len(EQUALITY)  # then left_on, then one date a stage


def _stage_date(stage):
    # (participant, stage) is unique: each of these is one index lookup.
    dated = (
        ParticipantStage.objects.filter(participant=OuterRef("pk"), stage=stage, skipped=False)
        .order_by()
        .values("occurred_on")[:1]
    )
    return Subquery(dated, output_field=DateField())


class ParticipantsExport(Export):
    kind = ReportKind.EXPORT_PARTICIPANTS
    slug = "participants"
    header = [
        "Participant reference",
        "Cohort",
        "Programme",
        "ICB area",
        *[label for _, label, _ in EQUALITY],
        "Furthest stage",
        *[f"{stage.label} on" for stage in STAGES],
    ]

    def queryset(self, *, scope, period):
        running = Q(cohort__starts_on__lte=period.end) & (
            Q(cohort__ends_on__isnull=True) | Q(cohort__ends_on__gte=period.start)
        )
        participants = Participant.objects.filter(running)
        annotations = {f"on_{stage.value}": _stage_date(stage) for stage in STAGES}
        return (
            in_scope(participants, scope, "cohort__programme")
            .annotate(**annotations)
            .order_by("cohort_id", "reference")
            .values_list(
                *FIXED,
                *[name for name, _, _ in EQUALITY],
                "furthest_position",
                "left_on",
                *annotations,
            )
        )

    def row(self, values):
        fixed = list(values[: len(FIXED)])
        equality = [
            labels.get(value, value)
            for (_, _, labels), value in zip(
                EQUALITY, values[len(FIXED) : len(FIXED) + len(EQUALITY)], strict=True
            )
        ]
        furthest, left_on = values[FURTHEST], values[FURTHEST + 1]
        reached = PATHWAY[furthest - 1].label if furthest else ""
        stage = Stage.LEFT.label if left_on else reached
        return [*fixed, *equality, stage, *values[FURTHEST + 2 :]]
