"""Demo participant pathways in the shape of seed 003 (DHSC and The Prince's Trust): young
people aged 16 to 30 referred onto pre-employment cohorts, about half offered a job, 42%
of offers as healthcare assistants or care workers, 44% from ethnic minority groups
against a 10% target, about 26% from IMD quintile 1, 84% still in post at 3 months, and
£5.62 returned for each £1. Every person and name is synthetic.

`generate` is also used by benchmarks/cohort_dashboard.py to build 50,000 participants.
"""

import datetime
import random
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from partners.models import ICBArea, Organisation

from .models import (
    POSITION,
    AccessAction,
    CheckInStatus,
    Cohort,
    ContractType,
    EthnicGroup,
    JobRole,
    LeftReason,
    Measure,
    Participant,
    ParticipantIdentity,
    ParticipantStage,
    PartnerRole,
    Programme,
    ProgrammePartner,
    ProgrammeTarget,
    RetentionCheckIn,
    Stage,
    SupportKind,
    SupportRecord,
)
from .models.participants import PATHWAY, new_reference
from .services.participants import add_months

GIVEN = [
    "Amara",
    "Ben",
    "Chloe",
    "Dev",
    "Ella",
    "Femi",
    "Grace",
    "Hassan",
    "Isla",
    "Jay",
    "Kofi",
    "Lena",
    "Mo",
    "Nia",
    "Omar",
    "Priya",
    "Rosa",
    "Sami",
    "Tia",
    "Yusuf",
]
FAMILY = [
    "Adeyemi",
    "Brown",
    "Chowdhury",
    "Davies",
    "Evans",
    "Farah",
    "Green",
    "Hussain",
    "Iqbal",
    "Jones",
    "Khan",
    "Lewis",
    "Mensah",
    "Novak",
    "Okoro",
    "Patel",
    "Smith",
]

# Chance of moving on from each stage to the next (referred → enrolled, …).
CONTINUE = [0.88, 0.86, 0.84, 0.86, 0.92, 0.84, 0.93, 0.90]
DAYS_BETWEEN = [7, 21, 7, 5, 21]
MINORITY = [g for g in EthnicGroup.values if g not in ("white_british", "prefer_not")]
ROLES = [
    (JobRole.HCA, 30),
    (JobRole.CARE_WORKER, 12),
    (JobRole.ADMIN, 16),
    (JobRole.PORTER, 8),
    (JobRole.DOMESTIC, 9),
    (JobRole.CATERING, 7),
    (JobRole.AMBULANCE, 8),
    (JobRole.PHARMACY, 5),
    (JobRole.OTHER, 5),
]


def _pick(rng, weighted):
    return rng.choices([v for v, _ in weighted], weights=[w for _, w in weighted])[0]


def _person(rng):
    return {
        "age_band": _pick(
            rng, [("16-17", 8), ("18-21", 42), ("22-24", 28), ("25-30", 20), ("prefer_not", 2)]
        ),
        "gender": _pick(rng, [("woman", 58), ("man", 38), ("non_binary", 2), ("prefer_not", 2)]),
        "ethnic_group": (
            rng.choice(MINORITY)
            if rng.random() < 0.43
            else _pick(rng, [("white_british", 95), ("prefer_not", 5)])
        ),
        "disability": _pick(rng, [("yes", 14), ("no", 80), ("prefer_not", 6)]),
        "carer": _pick(rng, [("yes", 7), ("no", 90), ("", 3)]),
        "care_leaver": _pick(rng, [("yes", 9), ("no", 88), ("prefer_not", 3)]),
        "refugee": _pick(rng, [("yes", 5), ("no", 93), ("prefer_not", 2)]),
        "previously_neet": _pick(rng, [("yes", 61), ("no", 37), ("", 2)]),
        "imd_quintile": _pick(
            rng, [("1", 26), ("2", 24), ("3", 20), ("4", 15), ("5", 10), ("", 5)]
        ),
    }


def generate(cohort, count, *, rng, today, employers, referrers, names=True, batch=2000):
    """Bulk-create `count` participants on `cohort` with stages and check-ins (the same
    rows the services write, made in bulk for speed). Returns the number made."""
    made = 0
    while made < count:
        size = min(batch, count - made)
        people, stage_rows, check_ins, identities, support = [], [], [], [], []
        for _ in range(size):
            referred = cohort.starts_on + datetime.timedelta(days=rng.randint(-30, 20))
            day = referred
            dated = [(Stage.REFERRED, day)]
            for step, chance in enumerate(CONTINUE[:5]):
                if rng.random() > chance:
                    break
                day = day + datetime.timedelta(days=DAYS_BETWEEN[step] + rng.randint(0, 6))
                if day > today:
                    break
                dated.append((PATHWAY[step + 1], day))
            left = None
            started = dict(dated).get(Stage.STARTED)
            due = []
            if started:
                for months, chance in zip((3, 6, 12), CONTINUE[5:], strict=True):
                    on = add_months(started, months)
                    if on > today:
                        due.append((months, on))
                        break
                    if (today - on).days < 40 and rng.random() < 0.6:
                        due.append((months, on))  # fell due lately: not yet answered
                        break
                    if rng.random() > chance:
                        left = (
                            on - datetime.timedelta(days=rng.randint(5, 60)),
                            _pick(
                                rng,
                                [
                                    (LeftReason.RESIGNED, 5),
                                    (LeftReason.OTHER_JOB, 3),
                                    (LeftReason.CONTRACT_ENDED, 1),
                                ],
                            ),
                        )
                        due.append((months, on, "left"))
                        break
                    dated.append(
                        (
                            {3: Stage.IN_POST_3, 6: Stage.IN_POST_6, 12: Stage.IN_POST_12}[months],
                            on + datetime.timedelta(days=rng.randint(0, 10)),
                        )
                    )
                    due.append((months, on, "in_post"))
            elif (
                len(dated) < 6
                and rng.random() < 0.5
                and dated[-1][1] < today - datetime.timedelta(days=30)
            ):
                left = (
                    dated[-1][1] + datetime.timedelta(days=rng.randint(3, 25)),
                    LeftReason.DROPPED_OUT,
                )
                if left[0] > today:
                    left = None
            p = Participant(
                cohort=cohort,
                reference=new_reference(),
                partner_reference=f"{cohort.pk}-{made + len(people) + 1:05d}",
                consent_on=referred,
                consent_version="v2",
                furthest_position=POSITION[dated[-1][0]],
                left_on=left[0] if left else None,
                **_person(rng),
            )
            people.append((p, dated, left, due))
        Participant.objects.bulk_create([p for p, *_ in people], batch_size=batch)
        for p, dated, left, due in people:
            for stage, on in dated:
                row = ParticipantStage(participant=p, stage=stage, occurred_on=on)
                if stage == Stage.REFERRED:
                    row.referred_by = rng.choice(referrers)
                if stage == Stage.OFFERED:
                    row.role = _pick(rng, ROLES)
                    row.employer = rng.choice(employers)
                    row.band = rng.choice(["2", "2", "3"])
                    row.contract_type = _pick(
                        rng,
                        [
                            (ContractType.PERMANENT, 6),
                            (ContractType.FIXED_TERM, 2),
                            (ContractType.BANK, 1),
                            (ContractType.APPRENTICESHIP, 2),
                        ],
                    )
                stage_rows.append(row)
            if left:
                stage_rows.append(
                    ParticipantStage(
                        participant=p, stage=Stage.LEFT, occurred_on=left[0], left_reason=left[1]
                    )
                )
            for item in due:
                months, on = item[0], item[1]
                status = item[2] if len(item) > 2 else CheckInStatus.DUE
                check_ins.append(
                    RetentionCheckIn(
                        participant=p,
                        months=months,
                        due_on=on,
                        status=status,
                        answered_on=on if status != CheckInStatus.DUE else None,
                    )
                )
            if started:
                for week in range(rng.randint(0, 4)):
                    support.append(
                        SupportRecord(
                            participant=p,
                            kind=SupportKind.MENTORING,
                            hours=Decimal("1"),
                            occurred_on=min(
                                today, started + datetime.timedelta(days=14 * week + 7)
                            ),
                        )
                    )
                if rng.random() < 0.3:
                    support.append(
                        SupportRecord(
                            participant=p,
                            kind=SupportKind.GRANT,
                            occurred_on=started,
                            amount=Decimal(rng.choice([50, 100, 150, 250])),
                            notes="Travel to work until first pay day",
                        )
                    )
                if rng.random() < 0.25:
                    support.append(
                        SupportRecord(
                            participant=p,
                            kind=SupportKind.WELLBEING,
                            occurred_on=min(today, started + datetime.timedelta(days=30)),
                        )
                    )
            if names:
                identities.append(
                    ParticipantIdentity(
                        participant=p,
                        given_name=rng.choice(GIVEN),
                        family_name=rng.choice(FAMILY),
                        email=f"demo{p.pk}@example.com",
                    )
                )
        ParticipantStage.objects.bulk_create(stage_rows, batch_size=batch)
        RetentionCheckIn.objects.bulk_create(check_ins, batch_size=batch)
        ParticipantIdentity.objects.bulk_create(identities, batch_size=batch)
        SupportRecord.objects.bulk_create(support, batch_size=batch)
        made += size
    return made


COHORTS = [
    # name, start (months before today), participants, delivered by the trust?
    ("Care Academy: autumn cohort", 20, 320, False),
    ("Care Academy: spring cohort", 14, 290, False),
    ("Hospital Pathways: healthcare support workers", 9, 260, True),
    ("Hospital Pathways: new starters", 2, 40, True),
]


@transaction.atomic
def seed(out):
    today = timezone.localdate()
    rng = random.Random(3)
    area = ICBArea.objects.get(name="NHS Gloucestershire ICB")
    icb = Organisation.objects.get(name="One Gloucestershire ICS workforce team")
    trust = Organisation.objects.get(name="Gloucestershire Hospitals NHS Foundation Trust")
    charity, _ = Organisation.objects.get_or_create(
        name="Youth Futures Trust (Gloucestershire)",
        defaults={"kind": "vcse", "area": area},
    )
    care, _ = Organisation.objects.get_or_create(
        name="Severn Vale Home Care", defaults={"kind": "employer", "area": area}
    )
    jobcentre, _ = Organisation.objects.get_or_create(
        name="Gloucester Jobcentre Plus", defaults={"kind": "other", "area": area}
    )
    programme, created = Programme.objects.get_or_create(
        name="Into Health and Care Work",
        defaults={
            "area": area,
            "lead_organisation": icb,
            "description": "Pre-employment programmes for 16 to 30 year olds: a course, a "
            "guaranteed interview, mentoring, wellbeing support and needs-based grants, then "
            "support for a year in the job.",
            "starts_on": add_months(today, -24),
            "funding_sources": "DHSC grant",
            "cost": Decimal("450000"),
        },
    )
    for org, role in [
        (icb, PartnerRole.LEAD),
        (charity, PartnerRole.DELIVERY),
        (trust, PartnerRole.DELIVERY),
        (care, PartnerRole.HOST),
        (jobcentre, PartnerRole.REFERRAL),
    ]:
        ProgrammePartner.objects.get_or_create(programme=programme, organisation=org, role=role)
    ProgrammeTarget.objects.get_or_create(
        programme=programme,
        measure=Measure.ETHNIC_MINORITY_PCT,
        academic_year=None,
        defaults={"value": Decimal("10")},
    )
    total = 0
    for name, months_ago, count, by_trust in COHORTS:
        starts = add_months(today, -months_ago)
        cohort, new = Cohort.objects.get_or_create(
            programme=programme,
            name=name,
            defaults={
                "delivering_organisation": trust if by_trust else charity,
                "starts_on": starts,
                "ends_on": add_months(starts, 2),
                "capacity": count + 20,
                "offers_interview": True,
                "offers_mentoring": True,
                "offers_wellbeing": True,
                "offers_grants": not by_trust,
                "cost": Decimal(count * 1400),
                "outcome_value": Decimal(count * 1400) * Decimal("5.62"),
            },
        )
        cohort.employers.add(trust, care)
        if new or not cohort.participants.exists():
            total += generate(
                cohort,
                count,
                rng=rng,
                today=today,
                employers=[trust, care],
                referrers=[jobcentre, charity, icb],
            )
    # A short, believable access log for the trust's cohorts.
    from outreach.accounts.models import User

    partner = User.objects.filter(email="partner@outreach.example").first()
    if partner and total:
        from .models import NamedRecordAccess

        for p in Participant.objects.filter(cohort__delivering_organisation=trust)[:3]:
            NamedRecordAccess.objects.create(
                participant=p,
                user=partner,
                user_email=partner.email,
                action=AccessAction.VIEWED,
                name_seen=p.identity.full_name,
            )
    out.write(f"Participants: {len(COHORTS)} cohorts, {total} new synthetic participants.")
