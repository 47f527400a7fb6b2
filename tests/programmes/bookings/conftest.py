"""Booking fixtures on the shared personas: `programme` (home_area, led by `icb`, `vcse`
delivers, `school` is a target school, open-ended); `offer` — a published workshop by
`vcse` for Years 8 and 9 with 30 places a session; `slot` — a 30-place slot in two weeks."""

import datetime

import pytest
from django.utils import timezone

from partners.factories import SchoolFactory, YearGroupFactory
from programmes.factories import ProgrammeFactory, ProgrammePartnerFactory, activity_type, goal
from programmes.models import PartnerRole
from programmes.services import bookings as svc


@pytest.fixture
def year8(db):
    return YearGroupFactory(code="year-8", name="Year 8", position=9)


@pytest.fixture
def year9(db):
    return YearGroupFactory(code="year-9", name="Year 9", position=10)


@pytest.fixture
def year12(db):
    return YearGroupFactory(code="year-12", name="Year 12", position=13)


@pytest.fixture
def programme(icb, vcse, school):
    programme = ProgrammeFactory(
        name="We Want You",
        area=icb.area,
        lead_organisation=icb,
        starts_on=datetime.date(2024, 9, 1),
        ends_on=None,
    )
    ProgrammePartnerFactory(programme=programme, organisation=vcse, role=PartnerRole.DELIVERY)
    programme.target_schools.set([school])
    return programme


def paramedic_offer(programme, partner, year_groups):
    """The published workshop of these tests (also the fault tests' site under load)."""
    return svc.offer_create(
        programme=programme,
        partner=partner,
        goals=[goal("aspiration")],
        year_groups=year_groups,
        title="A day in the life of a paramedic",
        description="Students try the kit and hear from a paramedic.",
        activity_type=activity_type("workshop"),
        duration_minutes=90,
        format="at_our_site",
        max_students=30,
        published=True,
    )


@pytest.fixture
def offer(programme, vcse, year8, year9):
    return paramedic_offer(programme, vcse, [year8, year9])


def slot_input(days=14, **overrides):
    day = timezone.localdate() + datetime.timedelta(days=days)
    start = datetime.time(10, 0)
    values = {
        "date": day,
        "start_time": start,
        "end_time": datetime.time(11, 30),
        "capacity": 30,
        "booking_deadline": timezone.make_aware(datetime.datetime.combine(day, start))
        - datetime.timedelta(days=3),
        "location": "Gloucester ambulance station",
    }
    values.update(overrides)
    return svc.SlotInput(**values)


@pytest.fixture
def slot(offer):
    return svc.slot_create(offer=offer, data=slot_input())


@pytest.fixture
def make_school(home_area):
    def make(**kwargs):
        kwargs.setdefault("area", home_area)
        kwargs.setdefault("imd_decile", 7)
        return SchoolFactory(**kwargs)

    return make


def request_for(school, year_group, students=10, **overrides):
    values = {
        "school": school,
        "year_group": year_group,
        "students": students,
        "contact_name": "Ms Patel",
        "contact_email": "careers@school.example",
    }
    values.update(overrides)
    return svc.BookingRequest(**values)
