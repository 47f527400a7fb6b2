"""Areas, organisations, programmes, plans, barriers and cohorts for
benchmarks/national_data.py: the few thousand rows the big tables hang from, made with
the ORM (bulk_create where there are many)."""

import datetime
from decimal import Decimal

from partners.models import Ambassador, CommunityGroup, ICBArea, Organisation
from programmes.demo_participants import generate
from programmes.models import (
    AnnualPlan,
    Barrier,
    BarrierAction,
    Cohort,
    Goal,
    PartnerRole,
    PlannedActivity,
    Programme,
    ProgrammePartner,
    ProgrammeTarget,
    TargetGroup,
)
from programmes.models.reference import ActivityType

REGIONS = ["North East and Yorkshire", "North West", "Midlands", "East of England", "London"]
REGIONS += ["South East", "South West"]
# Schools by the year groups their events are for (national_events.YEARS) and GIAS phase.
SCHOOL_KINDS = [
    ("primary", "primary", 20),
    ("secondary", "secondary", 55),
    ("sixth", "all_through", 18),
    ("16_plus", "sixteen_plus", 7),
]
PROGRAMMES = [
    # name, share of the area's events, goals
    ("Health careers in schools", 50, ["awareness", "aspiration"]),
    ("We Want You workshops", 38, ["aspiration", "access"]),
    ("Into Health and Care Work", 12, ["access", "achievement"]),
]
TARGET_SCHOOLS = 25


def build_areas(rng, count: int, schools: int, code: str) -> list[dict]:
    """Areas of different sizes (weights 0.5 to 1.6), each with an ICB team, a VCSE, a
    trust and its ambassadors, its schools and three programmes with targets."""
    weights = [rng.uniform(0.5, 1.6) for _ in range(count)]
    areas, urn = [], 700_000
    for i, weight in enumerate(weights, start=1):
        area = ICBArea.objects.create(
            name=f"NHS Benchmark ICB {i:02d}", code=f"{code}{i:02d}", region=REGIONS[i % 7]
        )
        icb, vcse, trust = Organisation.objects.bulk_create(
            [
                Organisation(name=f"Benchmark ICB {i:02d} workforce team", kind="icb", area=area),
                Organisation(name=f"Benchmark Youth Futures {i:02d}", kind="vcse", area=area),
                Organisation(
                    name=f"Benchmark Hospitals {i:02d} NHS Trust", kind="nhs_trust", area=area
                ),
            ]
        )
        ambassadors = Ambassador.objects.bulk_create(
            Ambassador(organisation=trust, name=f"Ambassador {i}-{n}", profession=profession)
            for n, profession in enumerate(["Nurse", "Paramedic", "Physiotherapist"] * 4)
        )
        n_schools = round(schools * weight / sum(weights)) if i < count else 0
        if i == count:
            n_schools = schools - sum(len(a["schools"]) for a in areas)
        made = []
        for n in range(n_schools):
            years, phase, _ = rng.choices(SCHOOL_KINDS, weights=[k[2] for k in SCHOOL_KINDS])[0]
            urn += 1
            made.append(
                (
                    years,
                    Organisation(
                        name=f"Benchmark school {i:02d}-{n:03d}",
                        kind="college" if years == "16_plus" else "school",
                        area=area,
                        urn=urn,
                        phase=phase,
                        imd_decile=rng.randint(1, 10),
                        percentage_fsm=Decimal(rng.randint(5, 45)),
                    ),
                )
            )
        Organisation.objects.bulk_create([org for _, org in made])
        school_list = [(org.pk, years) for years, org in made]
        areas.append(
            {
                "id": area.pk,
                "name": area.name,
                "weight": weight,
                "schools": school_list,
                "ambassadors": [a.pk for a in ambassadors],
                "icb": icb,
                "vcse": vcse,
                "trust": trust,
                "programmes": _programmes(rng, area, icb, vcse, trust, school_list),
            }
        )
    return areas


def _programmes(rng, area, icb, vcse, trust, schools) -> list[dict]:
    goals = dict(Goal.objects.values_list("code", "pk"))
    made = []
    for name, share, goal_codes in PROGRAMMES:
        programme = Programme.objects.create(
            name=f"{name} ({area.code})",
            area=area,
            lead_organisation=icb,
            starts_on=datetime.date(2022, 9, 1),
            cost=Decimal(rng.randint(80, 400) * 1000),
        )
        programme.goals.set([goals[c] for c in goal_codes])
        delivered_by = trust if "Into" in name else vcse
        ProgrammePartner.objects.bulk_create(
            [
                ProgrammePartner(programme=programme, organisation=icb, role=PartnerRole.LEAD),
                ProgrammePartner(
                    programme=programme, organisation=delivered_by, role=PartnerRole.DELIVERY
                ),
            ]
        )
        targets = rng.sample([pk for pk, _ in schools], min(TARGET_SCHOOLS, len(schools)))
        programme.target_schools.set(targets)
        expected = 300_000 * share // 100 // 42  # events a year, roughly
        ProgrammeTarget.objects.bulk_create(
            [
                ProgrammeTarget(
                    programme=programme,
                    measure="students_reached",
                    value=expected * 20,
                    academic_year=2024,
                ),
                ProgrammeTarget(
                    programme=programme,
                    measure="events_delivered",
                    value=expected // 2,
                    academic_year=2024,
                ),
                ProgrammeTarget(programme=programme, measure="target_schools_coverage", value=80),
                ProgrammeTarget(programme=programme, measure="ethnic_minority_pct", value=25),
                ProgrammeTarget(
                    programme=programme,
                    measure="ambassador_hours",
                    value=expected // 4,
                    academic_year=2024,
                ),
            ]
        )
        made.append(
            {
                "id": programme.pk,
                "name": programme.name,
                "weight": share,
                "delivered_by": delivered_by.pk,
            }
        )
    return made


def build_plans(rng, areas) -> None:
    """An annual plan for 2023/24 and 2024/25 per programme (goal × term), and two
    barriers per programme with IDEAS actions."""
    goals = list(Goal.objects.order_by("position"))
    groups = list(TargetGroup.objects.order_by("position")[:6])
    types = list(ActivityType.objects.filter(code__in=["workshop", "talk", "taster-day"]))
    community = list(CommunityGroup.objects.order_by("position")[:4])
    activities, actions = [], []
    for area in areas:
        for programme in area["programmes"]:
            for year in (2023, 2024):
                plan = AnnualPlan.objects.create(programme_id=programme["id"], academic_year=year)
                for goal in goals:
                    for term in ("autumn", "spring", "summer"):
                        activities.append(
                            PlannedActivity(
                                plan=plan,
                                goal=goal,
                                target_group=rng.choice(groups),
                                activity_type=rng.choice(types),
                                term=term,
                                quantity=rng.randint(10, 160) * programme["weight"] // 40 + 1,
                            )
                        )
            for group in rng.sample(community, 2):
                barrier = Barrier.objects.create(
                    programme_id=programme["id"], group=group, title=f"Barrier for {group.name}"
                )
                for category in rng.sample(["inform", "develop", "encourage", "support"], 2):
                    actions.append(
                        BarrierAction(
                            barrier=barrier,
                            category=category,
                            description="Co-created action",
                            status=rng.choice(["proposed", "in_progress", "done"]),
                        )
                    )
    PlannedActivity.objects.bulk_create(activities)
    BarrierAction.objects.bulk_create(actions)


def build_cohorts(rng, areas, total: int, today) -> int:
    """Two pre-employment cohorts per area on its pathways programme, one starting in
    each of 2023/24 and 2024/25, sharing out `total` participants."""
    made = 0
    cohorts = [(area, start) for area in areas for start in ("2023-10-02", "2025-01-13")]
    for index, (area, start) in enumerate(cohorts):
        size = total // len(cohorts) + (1 if index < total % len(cohorts) else 0)
        cohort = Cohort.objects.create(
            programme_id=area["programmes"][-1]["id"],
            name=f"Care Academy {start[:4]}",
            delivering_organisation=area["trust"],
            starts_on=datetime.date.fromisoformat(start) + datetime.timedelta(days=index % 20),
            capacity=size,
            cost=Decimal(size * 1_600),
            outcome_value=Decimal(size * 9_000),
        )
        made += generate(
            cohort,
            size,
            rng=rng,
            today=today,
            employers=[area["trust"]],
            referrers=[area["vcse"]],
            names=False,
        )
    return made
