"""Demo workshop offers for 'We Want You': dates over the coming weeks, one full with a
waiting list, and bookings by Cleeve School (the demo careers lead's). Idempotent: an
offer already there by title is left alone."""

import datetime

from django.utils import timezone

from partners.models import Organisation, YearGroup

from .models import ActivityType, Goal, Programme
from .services import bookings as svc

OFFERS = [
    {
        "title": "A day in the life of a paramedic",
        "description": "Students try the kit from an ambulance, practise calling for help and "
        "hear from a paramedic how they started.",
        "years": ["year-8", "year-9"],
        "goals": ["awareness", "aspiration"],
        "format": "at_our_site",
        "max_students": 30,
        "school_must_provide": "Transport to the ambulance station and one teacher for "
        "every 15 students.",
        "access": {"step_free": True, "quiet_room": True},
        "location": "Gloucestershire Royal Hospital education centre, GL1 3NN",
        "weekday": 1,
        "facilitator": "Sam Okafor",
    },
    {
        "title": "Nursing and midwifery: clinical skills taster",
        "description": "Take a pulse, wash hands like a nurse and find out the routes into "
        "nursing and midwifery, including apprenticeships.",
        "years": ["year-9", "year-10"],
        "goals": ["aspiration", "access"],
        "format": "in_school",
        "max_students": 30,
        "school_must_provide": "A classroom with tables and a projector.",
        "access": {"bsl_available": True},
        "location": "",
        "weekday": 3,
        "facilitator": "Grace Mensah",
    },
    {
        "title": "Careers in health: live online Q&A",
        "description": "Ask a pharmacist, a physiotherapist and a healthcare assistant "
        "anything about their jobs.",
        "years": ["year-7", "year-8", "year-9", "year-10"],
        "goals": ["awareness"],
        "format": "online",
        "max_students": 120,
        "school_must_provide": "A screen, speakers and a microphone.",
        "access": {"bsl_available": True},
        "location": "Online (Microsoft Teams link sent on booking)",
        "weekday": 2,
        "facilitator": "",
    },
]


def _next(weekday, after):
    day = after + datetime.timedelta(days=1)
    while day.weekday() != weekday:
        day += datetime.timedelta(days=1)
    return day


def seed(out):
    programme = Programme.objects.filter(name="We Want You").first()
    partner = Organisation.objects.filter(
        name="Gloucestershire Hospitals NHS Foundation Trust"
    ).first()
    if programme is None or partner is None:
        return
    today = timezone.localdate()
    goals = {g.code: g for g in Goal.objects.all()}
    years = {y.code: y for y in YearGroup.objects.all()}
    workshop = ActivityType.objects.get(code="workshop")
    schools = list(Organisation.objects.filter(area=programme.area, kind="school").order_by("name"))
    cleeve = next((s for s in schools if s.name == "Cleeve School"), None)
    others = [s for s in schools if s is not cleeve]
    made = 0
    for spec in OFFERS:
        if programme.offers.filter(title=spec["title"]).exists():
            continue
        offer = svc.offer_create(
            programme=programme,
            partner=partner,
            goals=[goals[c] for c in spec["goals"]],
            year_groups=[years[c] for c in spec["years"]],
            title=spec["title"],
            description=spec["description"],
            activity_type=workshop,
            duration_minutes=90,
            format=spec["format"],
            max_students=spec["max_students"],
            school_must_provide=spec["school_must_provide"],
            published=True,
            **spec["access"],
        )
        sessions = spec["format"] == "in_school"
        first = _next(spec["weekday"], today + datetime.timedelta(days=6))
        start = datetime.time(10, 0)
        slots = svc.slot_series_create(
            offer=offer,
            first=svc.SlotInput(
                date=first,
                start_time=start,
                end_time=datetime.time(11, 30),
                capacity=1 if sessions else spec["max_students"],
                capacity_unit="sessions" if sessions else "students",
                booking_deadline=timezone.make_aware(datetime.datetime.combine(first, start))
                - datetime.timedelta(days=3),
                location=spec["location"],
                facilitator=spec["facilitator"],
            ),
            until=first + datetime.timedelta(weeks=5),
        )
        made += 1
        year = years[spec["years"][-1]]
        # The first date is full with two groups waiting; the second half full.
        for n, school in enumerate(others[:2]):
            svc.booking_create(
                user=None,
                slot=slots[0],
                request=svc.BookingRequest(
                    school=school,
                    year_group=year,
                    students=spec["max_students"] // 2 if not sessions else 28,
                    contact_name="Careers office",
                    contact_email=f"careers{n}@school.example",
                ),
            )
        for n, school in enumerate(others[2:4]):
            svc.booking_create(
                user=None,
                slot=slots[0],
                request=svc.BookingRequest(
                    school=school,
                    year_group=year,
                    students=12,
                    contact_name="Careers office",
                    contact_email=f"careers-wait{n}@school.example",
                ),
            )
        svc.booking_create(
            user=None,
            slot=slots[1],
            request=svc.BookingRequest(
                school=others[4],
                year_group=year,
                students=15,
                contact_name="Careers office",
                contact_email="careers@school.example",
            ),
        )
        if cleeve is not None and spec["format"] != "in_school":
            svc.booking_create(
                user=None,
                slot=slots[2],
                request=svc.BookingRequest(
                    school=cleeve,
                    year_group=years["year-9"],
                    students=24,
                    contact_name="Chris Careers-Lead",
                    contact_email="careers@cleeve.example",
                    access_needs="One student uses a wheelchair.",
                ),
            )
    requests = 0
    from .models import SchoolRequest

    for school, topic, year, students, dates, fmt in [
        (cleeve, "A talk by a midwife", "year-10", 60, "Any Tuesday in February", "in_school"),
        (others[5], "Careers in mental health nursing", "year-9", 30, "Late January", "online"),
        (others[6], "Dental nurse demonstration", "year-8", 25, "March", "in_school"),
    ]:
        if school is None or SchoolRequest.objects.filter(school=school, topic=topic).exists():
            continue
        made_request = svc.school_request_create(
            user=None,
            school=school,
            topic=topic,
            year_group=years[year],
            students=students,
            preferred_dates=dates,
            format=fmt,
        )
        requests += 1
        if topic == "A talk by a midwife":
            svc.request_proposal_create(
                user=None,
                school_request=made_request,
                programme=programme,
                partner=partner,
                message="Our community midwife can talk about her work and the degree "
                "apprenticeship, with a birthing doll to try.",
                date=_next(1, today + datetime.timedelta(days=60)),
                start_time=datetime.time(13, 30),
                end_time=datetime.time(14, 30),
            )
    out.write(
        f"Workshop booking: {made} new demo offers with dates and bookings, "
        f"{requests} requests from schools."
    )
