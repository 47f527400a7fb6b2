"""Demo programmes from the seeds, so every page has something real to show:

- "We Want You" (seed 001): workshops for Years 7 to 10 in all 19 target schools in
  Gloucestershire over last academic year, 8,176 students, carrying on this year.
- "Widening Participation and Increasing Equity" (seed 004): South-East London barriers
  for under-represented groups and co-created IDEAS actions, with community events.

Dates are relative to today: "last year" is complete and "this year" is under way.
Idempotent: programmes by name, events by external reference, schools by name.
"""

import datetime
from decimal import Decimal

from django.utils import timezone

from partners.models import Ambassador, CommunityGroup, ICBArea, Organisation, YearGroup

from . import academic_year
from .models import (
    ActivityType,
    AnnualPlan,
    EngagementEvent,
    GatsbyBenchmark,
    Goal,
    PartnerRole,
    Programme,
    ProgrammeTarget,
    TargetGroup,
)
from .services import (
    EventInput,
    action_create,
    barrier_create,
    event_create,
    plan_create,
    planned_activity_create,
    programme_create,
    target_create,
)

GLOUCESTERSHIRE_SCHOOLS = [
    ("Cleeve School", "GL52 8AE", 4),
    ("Pittville School", "GL52 3JD", 5),
    ("Severn Vale School", "GL2 4PR", 6),
    ("Ribston Hall High School", "GL1 5LE", 5),
    ("Holmleigh Park High School", "GL4 0RT", 2),
    ("Balcarras School", "GL53 8QF", 9),
    ("Bournside School", "GL51 3EF", 7),
    ("All Saints' Academy", "GL51 0WH", 3),
    ("Chosen Hill School", "GL3 2PL", 8),
    ("Churchdown School Academy", "GL3 2RB", 7),
    ("Denmark Road High School", "GL1 3JN", 6),
    ("Gloucester Academy", "GL4 6RN", 1),
    ("Beaufort Co-operative Academy", "GL4 4DE", 2),
    ("Barnwood Park School", "GL4 3QU", 5),
    ("Tewkesbury Academy", "GL20 8DF", 4),
    ("Winchcombe School", "GL54 5LB", 6),
    ("Cirencester Kingshill School", "GL7 1HS", 8),
    ("Stroud High School", "GL5 4HF", 9),
    ("Brockworth Academy", "GL3 4AQ", 3),
]
DEMO_URN_BASE = 990_000  # fictional URNs, outside the range GIAS has issued
STUDENTS_LAST_YEAR = 8176

QUOTES = [
    (
        "What attracted me was that it was aimed at Years 8 and 9: there is so little aimed "
        "at the younger years.",
        "Careers Lead, a school in Cheltenham",
    ),
    (
        "Interventions like this get Year 8s thinking about their futures, and how the "
        "decisions they make now affect them later.",
        "Head of Year, Key Stage 3, a school near Gloucester",
    ),
    (
        "There are many options. NHS isn't all doctors. There is always something to suit you.",
        "Student, a school in Gloucester",
    ),
    (
        "I want to help people, and I can see the different ways to do that.",
        "Student, a school in Gloucester",
    ),
]


def _weekday(day: datetime.date) -> datetime.date:
    while day.weekday() >= 5:
        day += datetime.timedelta(days=1)
    return day


def _org(name, kind, area, postcode="", **extra):
    organisation, created = Organisation.objects.get_or_create(
        name=name, defaults={"kind": kind, "area": area, "postcode": postcode, **extra}
    )
    changed = [k for k, v in extra.items() if getattr(organisation, k) in (None, "")]
    for field in changed:
        setattr(organisation, field, extra[field])
    if changed:
        organisation.save(update_fields=changed)
    return organisation


def _ambassador(organisation, name, profession):
    ambassador, _ = Ambassador.objects.get_or_create(
        organisation=organisation, name=name, defaults={"profession": profession}
    )
    return ambassador


def _log(user, data: EventInput) -> bool:
    if EngagementEvent.objects.filter(
        programme=data.programme, external_reference=data.external_reference
    ).exists():
        return False
    event_create(user=user, data=data)
    return True


def _plan(programme, year, activities):
    plan = AnnualPlan.objects.filter(programme=programme, academic_year=year).first()
    if plan is None:
        plan = plan_create(programme=programme, academic_year_start=year)
    if not plan.activities.exists():
        for data in activities:
            planned_activity_create(plan=plan, data=data)
    return plan


def _target(programme, measure, value, year=None):
    if not ProgrammeTarget.objects.filter(
        programme=programme, measure=measure, academic_year=year
    ).exists():
        target_create(
            programme=programme,
            data={"measure": measure, "value": Decimal(value), "academic_year": year},
        )


def seed(out):
    today = timezone.localdate()
    this_year = academic_year.academic_year_of(today)
    last_year = this_year - 1
    goals = {g.code: g for g in Goal.objects.all()}
    types = {t.code: t for t in ActivityType.objects.all()}
    groups = {g.code: g for g in TargetGroup.objects.all()}
    years = {y.code: y for y in YearGroup.objects.all()}
    gatsby = {b.number: b for b in GatsbyBenchmark.objects.all()}
    created = _we_want_you(out, today, this_year, last_year, goals, types, groups, years, gatsby)
    created += _south_east_london(out, this_year, last_year, goals, types, groups, years)
    out.write(f"Programmes: 2 demo programmes, {created} new events.")


def _we_want_you(out, today, this_year, last_year, goals, types, groups, years, gatsby):
    area = ICBArea.objects.get(name="NHS Gloucestershire ICB")
    icb = Organisation.objects.get(name="One Gloucestershire ICS workforce team")
    trust = Organisation.objects.get(name="Gloucestershire Hospitals NHS Foundation Trust")
    hub = Organisation.objects.get(name="Gloucestershire Health and Care Careers Hub")
    funder = _org("Gloucestershire County Council", "local_authority", area, "GL1 2TG")
    schools = [
        _org(
            name,
            "school",
            area,
            postcode,
            urn=DEMO_URN_BASE + i,
            imd_decile=decile,
            phase="secondary",
        )
        for i, (name, postcode, decile) in enumerate(GLOUCESTERSHIRE_SCHOOLS, start=1)
    ]
    programme = Programme.objects.filter(name="We Want You").first()
    if programme is None:
        programme = programme_create(
            data={
                "name": "We Want You",
                "area": area,
                "lead_organisation": icb,
                "description": "Co-designed health and social care careers workshops for "
                "Years 7 to 10 in Gloucestershire's 19 target schools: from hobbies and "
                "interests to careers in health and care.",
                "starts_on": datetime.date(last_year, 9, 1),
                "ends_on": datetime.date(this_year + 1, 8, 31),
                "funding_sources": "ICB workforce budget; county council careers fund",
                "cost": Decimal("48000"),
            },
            goals=[goals["awareness"], goals["aspiration"]],
            target_groups=[groups["primary-years-7-9"], groups["years-10-11"]],
            target_schools=schools,
            partners=[
                (trust, PartnerRole.DELIVERY),
                (hub, PartnerRole.DELIVERY),
                (funder, PartnerRole.FUNDING),
            ],
        )
    ambassadors = [
        _ambassador(trust, "Sam Patel", "Staff nurse"),
        _ambassador(trust, "Jo Evans", "Paramedic"),
        _ambassador(trust, "Alex Morgan", "Diagnostic radiographer"),
    ]
    workshop_plan = (
        [
            {
                "goal": goals["aspiration"],
                "target_group": groups["primary-years-7-9"],
                "activity_type": types["workshop"],
                "term": term,
                "quantity": quantity,
                "delivered_by": trust,
            }
            for term, quantity in (("autumn", 19), ("spring", 19), ("summer", 6))
        ]
        + [
            {
                "goal": goals["awareness"],
                "target_group": groups["teachers-careers-advisers"],
                "activity_type": types["partnership-meeting"],
                "term": term,
                "quantity": 1,
                "delivered_by": hub,
            }
            for term in ("autumn", "spring", "summer")
        ]
        + [
            {
                "goal": goals["awareness"],
                "target_group": groups["years-10-11"],
                "activity_type": types["workshop"],
                "term": "summer",
                "quantity": 5,
                "delivered_by": trust,
            },
        ]
    )
    _plan(programme, last_year, workshop_plan)
    _plan(programme, this_year, workshop_plan)
    _target(programme, "students_reached", 8000, last_year)
    _target(programme, "target_schools_coverage", 100)
    _target(programme, "events_delivered", 45, last_year)
    _target(programme, "ambassador_hours", 60, last_year)
    _target(programme, "fsm_pct", 20, last_year)
    _target(programme, "students_reached", 8000, this_year)

    # Last year: Year 8 in the autumn, Year 9 in the spring at every school; Year 7 and
    # Year 10 in the summer at some. 8,176 students in all.
    sessions = []
    for i, school in enumerate(schools):
        sessions.append(
            (
                school,
                "year-8",
                150 + (i * 7) % 60,
                _weekday(datetime.date(last_year, 9, 16) + datetime.timedelta(days=3 * i)),
            )
        )
        sessions.append(
            (
                school,
                "year-9",
                140 + (i * 11) % 50,
                _weekday(datetime.date(last_year + 1, 1, 13) + datetime.timedelta(days=3 * i)),
            )
        )
        if i < 11:
            code = "year-7" if i < 6 else "year-10"
            sessions.append(
                (
                    school,
                    code,
                    80 + (i * 5) % 30,
                    _weekday(datetime.date(last_year + 1, 5, 6) + datetime.timedelta(days=4 * i)),
                )
            )
    # Spread what is left to reach 8,176 evenly over the sessions.
    shortfall = STUDENTS_LAST_YEAR - sum(n for _, _, n, _ in sessions)
    share, extra = divmod(shortfall, len(sessions))
    sessions = [
        (school, code, n + share + (1 if i < extra else 0), day)
        for i, (school, code, n, day) in enumerate(sessions)
    ]

    created = 0
    lead_user = _demo_user("lead@outreach.example")
    partner_user = _demo_user("partner@outreach.example")
    for index, (school, code, count, day) in enumerate(sessions):
        female = count // 2 + index % 5
        data = EventInput(
            programme=programme,
            activity_type=types["workshop"],
            title=f"We Want You workshop, {years[code].name}",
            date=day,
            start_time=datetime.time(9 + index % 4, 0),
            end_time=datetime.time(10 + index % 4, 0),
            participants=count,
            # Years 7 to 9 raise aspiration; Year 10 is about awareness of routes in.
            goals=[goals["awareness"] if code == "year-10" else goals["aspiration"]],
            gatsby_benchmarks=[gatsby[4], gatsby[5]],
            delivering_organisations=[trust],
            school=school,
            year_groups={years[code]: count},
            demographics={
                ("gender", "female"): female,
                ("gender", "male"): count - female,
                ("fsm", "fsm"): count * (3 + index % 3) // 20,
            },
            ambassadors={ambassadors[index % 3]: Decimal("1.5")},
            quotes=[QUOTES[index % 4]] if index % 9 == 0 else [],
            external_reference=f"WWY-{last_year}-{index + 1:03d}",
        )
        created += _log(partner_user, data)
    for term_index, (month, day_of_month) in enumerate(((11, 12), (3, 11), (6, 17))):
        year = last_year if month >= 9 else last_year + 1
        created += _log(
            lead_user,
            EventInput(
                programme=programme,
                activity_type=types["partnership-meeting"],
                title="Careers leads network meeting",
                date=_weekday(datetime.date(year, month, day_of_month)),
                participants=18 + term_index * 3,
                goals=[goals["awareness"]],
                gatsby_benchmarks=[gatsby[1]],
                delivering_organisations=[hub, icb],
                setting_name="Gloucestershire Careers Hub",
                setting_postcode="GL1 2EH",
                year_groups={years["adult"]: 18 + term_index * 3},
                notes="Termly meeting with careers leads from the target schools.",
                external_reference=f"WWY-{last_year}-NET-{term_index + 1}",
            ),
        )

    # This year so far: the autumn round of Year 8 workshops, up to today.
    for i, school in enumerate(schools[:8]):
        day = _weekday(datetime.date(this_year, 9, 15) + datetime.timedelta(days=4 * i))
        if day > today:
            break
        count = 160 + (i * 13) % 50
        created += _log(
            partner_user,
            EventInput(
                programme=programme,
                activity_type=types["workshop"],
                title="We Want You workshop, Year 8",
                date=day,
                start_time=datetime.time(9, 30),
                end_time=datetime.time(10, 30),
                participants=count,
                goals=[goals["aspiration"]],
                gatsby_benchmarks=[gatsby[4], gatsby[5]],
                delivering_organisations=[trust],
                school=school,
                year_groups={years["year-8"]: count},
                ambassadors={ambassadors[i % 3]: Decimal("1.5")},
                external_reference=f"WWY-{this_year}-{i + 1:03d}",
            ),
        )
    return created


def _demo_user(email):
    from outreach.accounts.models import User

    return User.objects.filter(email=email).first()


BARRIERS = [
    (
        "Where to find jobs",
        "migrants-refugees",
        [
            (
                "inform",
                "Help migrants, refugees and asylum seekers find the job shortage list, "
                "explained in plain language",
                "done",
            ),
            ("inform", "Personalised health job coaching at community hubs", "in_progress"),
        ],
    ),
    (
        "Where to find jobs",
        "deaf",
        [
            (
                "inform",
                "BSL video on the support deaf and hard of hearing applicants can get",
                "in_progress",
            ),
        ],
    ),
    (
        "Inaccessible recruitment practices",
        "neurodivergent",
        [
            ("inform", "Recruitment checklists: what you will need for an interview", "done"),
            ("develop", "Buddying scheme and individual support plans", "in_progress"),
            (
                "support",
                "Interview questions in advance, or a more informal conversation",
                "proposed",
            ),
            ("support", "Trial shifts with a job coach", "proposed"),
        ],
    ),
    (
        "Inaccessible recruitment practices",
        "deaf",
        [
            (
                "support",
                "BSL interpretation at every stage of recruitment and on-boarding",
                "in_progress",
            ),
            ("support", "Allow interpreters into written exams", "done"),
        ],
    ),
    (
        "Poor career advice and lack of confidence",
        "young-carers",
        [
            ("encourage", "Work with established youth programmes such as Cadets", "in_progress"),
            ("encourage", "Flexible and adaptable training opportunities", "proposed"),
        ],
    ),
    (
        "Poor career advice and lack of confidence",
        "black-heritage",
        [
            (
                "encourage",
                "Champion role models from Black, Caribbean and African heritage staff",
                "done",
            ),
            (
                "develop",
                "Culturally informed employment support and clinical supervision",
                "proposed",
            ),
        ],
    ),
    (
        "Discrimination",
        "deaf",
        [
            (
                "awareness",
                "Co-design deaf awareness training with By and For organisations",
                "in_progress",
            ),
        ],
    ),
    (
        "Discrimination",
        "migrants-refugees",
        [
            (
                "awareness",
                "Adopt sanctuary principles and a protected whistle-blowing process",
                "dropped",
            ),
        ],
    ),
]


def _south_east_london(out, this_year, last_year, goals, types, groups, years):
    area = ICBArea.objects.get(name="NHS South East London ICB")
    icb = Organisation.objects.get(name="SEL ICB workforce team")
    alliance = Organisation.objects.get(name="SEL VCSE Strategic Alliance")
    links = _org("Community Links Bromley", "vcse", area, "BR1 1RH")
    hee = _org("NHS England workforce, training and education (London)", "other", area, "SE1 6LH")
    programme = Programme.objects.filter(
        name="Widening Participation and Increasing Equity"
    ).first()
    if programme is None:
        programme = programme_create(
            data={
                "name": "Widening Participation and Increasing Equity",
                "area": area,
                "lead_organisation": icb,
                "description": "Co-identifying the barriers to health and care jobs for "
                "under-represented groups, and co-creating solutions with the specialist "
                "By and For organisations and communities who live them.",
                "starts_on": datetime.date(last_year, 6, 1),
                "ends_on": datetime.date(this_year + 1, 5, 31),
                "funding_sources": "Health Education England grant",
            },
            goals=[goals["access"], goals["achievement"]],
            target_groups=[
                groups[c]
                for c in (
                    "young-carers",
                    "black-heritage",
                    "migrants-refugees",
                    "deaf",
                    "neurodivergent",
                )
            ],
            partners=[
                (alliance, PartnerRole.DELIVERY),
                (links, PartnerRole.DELIVERY),
                (hee, PartnerRole.FUNDING),
            ],
        )
    if not programme.barriers.exists():
        community = {g.code: g for g in CommunityGroup.objects.all()}
        owners = [alliance, links, icb]
        for index, (title, group, actions) in enumerate(BARRIERS):
            barrier = barrier_create(
                programme=programme, data={"group": community[group], "title": title}
            )
            for category, description, status in actions:
                action_create(
                    barrier=barrier,
                    data={
                        "category": category,
                        "description": description,
                        "status": status,
                        "owner": owners[index % 3],
                        "implement_by": datetime.date(this_year + 1, 3, 31),
                        "review_on": datetime.date(this_year + 1, 4, 1),
                        "assess_on": datetime.date(this_year + 2, 4, 1),
                    },
                )
    _target(programme, "ethnic_minority_pct", 40)
    _target(programme, "events_delivered", 12, last_year)
    access, achievement, aspiration = goals["access"], goals["achievement"], goals["aspiration"]
    events = [
        (
            "careers-fair",
            "Health and care jobs fair at a community hub",
            "Peckham community hub",
            "SE15 5BN",
            120,
            {"black": 52, "asian": 18, "white": 30, "mixed": 10, "other": 10},
            datetime.date(last_year + 1, 2, 12),
            [access],
            "Employers took applications and gave interview practice on the day",
        ),
        (
            "workshop",
            "Applying for NHS jobs, with BSL interpretation",
            "Lewisham deaf centre",
            "SE13 6LH",
            24,
            {"white": 12, "black": 6, "asian": 4, "mixed": 2},
            datetime.date(last_year + 1, 3, 5),
            [access],
            "Participants completed real applications with an interpreter",
        ),
        (
            "pre-employment-course",
            "Routes into care work for refugees",
            "Croydon refugee day centre",
            "CR0 1BD",
            16,
            {"black": 7, "asian": 5, "other": 4},
            datetime.date(last_year + 1, 5, 20),
            [access, achievement],
            "",
        ),
        (
            "workshop",
            "Confidence and interview skills for young carers",
            "Bromley youth centre",
            "BR1 1RH",
            30,
            {"white": 15, "black": 9, "mixed": 6},
            datetime.date(this_year, 10, 8),
            [aspiration],
            "",
        ),
    ]
    created = 0
    for index, event in enumerate(events):
        kind, title, setting, postcode, count, ethnicity, day, served, reason = event
        if day > timezone.localdate():
            continue
        created += _log(
            None,
            EventInput(
                programme=programme,
                activity_type=types[kind],
                title=title,
                date=day,
                participants=count,
                goals=served,
                goal_reason=reason,
                delivering_organisations=[alliance if index % 2 else links],
                setting_name=setting,
                setting_postcode=postcode,
                year_groups={years["adult"]: count},
                demographics={("ethnicity", k): v for k, v in ethnicity.items()},
                external_reference=f"SEL-{index + 1:03d}",
            ),
        )
    return created


# Workshop booking, then participant pathways (cohorts in the shape of seed 003): their
# demo data runs after the programmes'.
_seed_programmes = seed


def seed(out):  # noqa: F811
    from .demo_bookings import seed as seed_bookings
    from .demo_participants import seed as seed_participants

    _seed_programmes(out)
    seed_bookings(out)
    seed_participants(out)
