"""Areas, organisations, schools, programmes, plans, barriers and cohorts: the rows the
big tables hang from, made with the ORM (`bulk_create` where there are many).

Areas differ in size (weights 0.5 to 1.6). Each has an ICB workforce team, a VCSE, an
NHS trust with ambassadors, its share of the secondary and primary schools, and three
programmes, each with target schools chosen mostly from the most deprived (IMD decile 1
is the most deprived tenth of England).
"""

import datetime
from decimal import Decimal

from partners.models import Ambassador, CommunityGroup, ICBArea, Organisation
from programmes import academic_year
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

from .plan import CODE, MIN_PRIMARY, MIN_SECONDARY, share_out

REGIONS = ["North East and Yorkshire", "North West", "Midlands", "East of England", "London"]
REGIONS += ["South East", "South West"]
# Secondary-phase schools by the year groups their events are for (events.YEARS) and GIAS
# phase; primary schools are all "primary".
SECONDARY_KINDS = [
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
TARGET_SCHOOLS = 25  # per programme, at most; three in ten of the area's secondaries
URN_START = 700_000  # above GIAS's URNs today, so an import of real schools never clashes


def build_areas(rng, plan) -> list[dict]:
    weights = [rng.uniform(0.5, 1.6) for _ in range(plan.areas)]
    secondary = share_out(plan.secondary_schools, weights, MIN_SECONDARY)
    primary = share_out(plan.primary_schools, weights, MIN_PRIMARY)
    goals = dict(Goal.objects.values_list("code", "pk"))
    areas, urn = [], URN_START
    for i, weight in enumerate(weights, start=1):
        area = ICBArea.objects.create(
            name=f"NHS Synthetic ICB {i:02d}", code=f"{CODE}{i:02d}", region=REGIONS[i % 7]
        )
        icb, vcse, trust = Organisation.objects.bulk_create(
            [
                Organisation(name=f"Synthetic ICB {i:02d} workforce team", kind="icb", area=area),
                Organisation(name=f"Synthetic Youth Futures {i:02d}", kind="vcse", area=area),
                Organisation(
                    name=f"Synthetic Hospitals {i:02d} NHS Trust", kind="nhs_trust", area=area
                ),
            ]
        )
        ambassadors = Ambassador.objects.bulk_create(
            Ambassador(organisation=trust, name=f"Ambassador {i}-{n}", profession=profession)
            for n, profession in enumerate(["Nurse", "Paramedic", "Physiotherapist"] * 4)
        )
        kinds = [("primary", "primary")] * primary[i - 1]
        kinds += [
            (years, phase)
            for years, phase, _ in rng.choices(
                SECONDARY_KINDS, weights=[k[2] for k in SECONDARY_KINDS], k=secondary[i - 1]
            )
        ]
        made = []
        for n, (years, phase) in enumerate(kinds):
            urn += 1
            made.append(
                Organisation(
                    name=f"Synthetic {'primary' if years == 'primary' else 'school'} "
                    f"{i:02d}-{n:05d}",
                    kind="college" if years == "16_plus" else "school",
                    area=area,
                    urn=urn,
                    phase=phase,
                    imd_decile=rng.randint(1, 10),
                    percentage_fsm=Decimal(rng.randint(5, 45)),
                )
            )
        Organisation.objects.bulk_create(made, batch_size=2000)
        schools = [
            (org.pk, years, org.imd_decile) for (years, _), org in zip(kinds, made, strict=True)
        ]
        areas.append(
            {
                "id": area.pk,
                "code": area.code,
                "name": area.name,
                "weight": weight,
                "primary": [s for s in schools if s[1] == "primary"],
                "secondary": [s for s in schools if s[1] != "primary"],
                "ambassadors": [a.pk for a in ambassadors],
                "icb": icb,
                "vcse": vcse,
                "trust": trust,
            }
        )
        areas[-1]["programmes"] = _programmes(rng, plan, areas[-1], area, goals, sum(weights))
    return areas


def _targets(rng, area) -> list[tuple]:
    """Secondary schools, the more deprived the likelier (decile 1 ten times decile 10),
    and a few primaries: how ICBs pick where to go first."""
    pool = area["secondary"] + rng.sample(area["primary"], min(5, len(area["primary"])))
    count = max(1, min(TARGET_SCHOOLS, len(area["secondary"]) * 3 // 10))
    chosen, left = [], list(pool)
    while len(chosen) < count and left:
        school = rng.choices(left, weights=[11 - s[2] for s in left])[0]
        chosen.append(school)
        left.remove(school)
    return chosen


def _programmes(rng, plan, area_row, area, goals, total_weight) -> list[dict]:
    icb, vcse, trust = area_row["icb"], area_row["vcse"], area_row["trust"]
    area_events = sum(plan.events.values()) / plan.years * area_row["weight"] / total_weight
    made = []
    for name, share, goal_codes in PROGRAMMES:
        programme = Programme.objects.create(
            name=f"{name} ({area.code})",
            area=area,
            lead_organisation=icb,
            starts_on=datetime.date(plan.academic_years[0], 9, 1),
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
        targets = _targets(rng, area_row)
        programme.target_schools.set([s[0] for s in targets])
        expected = max(1, round(area_events * share / 100))  # events a year, roughly
        last = plan.last_year
        ProgrammeTarget.objects.bulk_create(
            [
                ProgrammeTarget(
                    programme=programme,
                    measure="students_reached",
                    value=expected * 20,
                    academic_year=last,
                ),
                ProgrammeTarget(
                    programme=programme,
                    measure="events_delivered",
                    value=max(1, expected // 2),
                    academic_year=last,
                ),
                ProgrammeTarget(programme=programme, measure="target_schools_coverage", value=80),
                ProgrammeTarget(programme=programme, measure="ethnic_minority_pct", value=25),
                ProgrammeTarget(
                    programme=programme,
                    measure="ambassador_hours",
                    value=max(1, expected // 4),
                    academic_year=last,
                ),
            ]
        )
        made.append(
            {
                "id": programme.pk,
                "name": programme.name,
                "weight": share,
                "delivered_by": delivered_by.pk,
                "targets": targets,
            }
        )
    return made


def build_plans(rng, plan, areas) -> None:
    """An annual plan per programme for each of the latest two years (goal × term), and
    two barriers per programme with IDEAS actions."""
    goals = list(Goal.objects.order_by("position"))
    groups = list(TargetGroup.objects.order_by("position")[:6])
    types = list(ActivityType.objects.filter(code__in=["workshop", "talk", "taster-day"]))
    types.sort(key=lambda t: t.code)
    community = list(CommunityGroup.objects.order_by("position")[:4])
    activities, actions = [], []
    for area in areas:
        for programme in area["programmes"]:
            for year in plan.academic_years[-2:]:
                annual = AnnualPlan.objects.create(programme_id=programme["id"], academic_year=year)
                for goal in goals:
                    for term in ("autumn", "spring", "summer"):
                        activities.append(
                            PlannedActivity(
                                plan=annual,
                                goal=goal,
                                target_group=rng.choice(groups),
                                activity_type=rng.choice(types),
                                term=term,
                                quantity=rng.randint(10, 160) * programme["weight"] // 40 + 1,
                            )
                        )
            for group in rng.sample(community, min(2, len(community))):
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
    PlannedActivity.objects.bulk_create(activities, batch_size=2000)
    BarrierAction.objects.bulk_create(actions, batch_size=2000)


def build_cohorts(rng, plan, areas, *, tick=None) -> int:
    """A pre-employment cohort per area and academic year on its pathways programme,
    starting in October or January, sharing out that year's participants by the areas'
    weights; each person moves through the pathway as far as chance and the date allow
    (`programmes.demo_participants.generate`)."""
    made = 0
    weights = [a["weight"] for a in areas]
    for year, total in plan.participants.items():
        sizes = share_out(total, weights, 0)
        for index, (area, size) in enumerate(zip(areas, sizes, strict=True)):
            if not size:
                continue
            starts = (
                datetime.date(year, 10, 2) if index % 2 else datetime.date(year + 1, 1, 13)
            ) + datetime.timedelta(days=index % 20)
            cohort = Cohort.objects.create(
                programme_id=area["programmes"][-1]["id"],
                name=f"Care Academy {academic_year.label(year)}",
                delivering_organisation=area["trust"],
                starts_on=starts,
                capacity=size,
                cost=Decimal(size * 1_600),
                outcome_value=Decimal(size * 9_000),
            )
            count = generate(
                cohort,
                size,
                rng=rng,
                today=plan.today,
                employers=[area["trust"]],
                referrers=[area["vcse"]],
                names=False,
            )
            made += count
            if tick:
                tick(count * 8)
    return made
