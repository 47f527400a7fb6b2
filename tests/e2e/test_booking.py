"""A careers lead finds a workshop for Year 9, books it, sees it in My bookings and
cancels it — keyboard only — and axe-core finds no violations on any page visited."""

import datetime
from importlib import import_module

import pytest
from django.apps import apps
from django.utils import timezone

from partners.models import YearGroup
from programmes.factories import ProgrammeFactory, ProgrammePartnerFactory, activity_type, goal
from programmes.models import Booking, BookingStatus, PartnerRole
from programmes.services import bookings as svc

from .helpers import keyboard_only_sign_in, tab_to


@pytest.fixture
def workshops(transactional_db, icb, vcse, school):
    for name in (
        "partners.migrations.0002_reference_data",
        "programmes.migrations.0002_reference_data",
    ):
        import_module(name).load(apps, None)
    programme = ProgrammeFactory(
        name="We Want You",
        area=icb.area,
        lead_organisation=icb,
        starts_on=datetime.date(2024, 9, 1),
        ends_on=None,
    )
    ProgrammePartnerFactory(programme=programme, organisation=vcse, role=PartnerRole.DELIVERY)
    years = {y.code: y for y in YearGroup.objects.all()}

    def offer(title, year_codes):
        made = svc.offer_create(
            programme=programme,
            partner=vcse,
            goals=[goal("aspiration")],
            year_groups=[years[c] for c in year_codes],
            title=title,
            description="Hands-on taster.",
            activity_type=activity_type("workshop"),
            duration_minutes=90,
            format="at_our_site",
            max_students=30,
            published=True,
        )
        day = timezone.localdate() + datetime.timedelta(days=14)
        svc.slot_create(
            offer=made,
            data=svc.SlotInput(
                date=day,
                start_time=datetime.time(10),
                end_time=datetime.time(11, 30),
                capacity=30,
                booking_deadline=timezone.make_aware(
                    datetime.datetime.combine(day, datetime.time(10))
                )
                - datetime.timedelta(days=3),
                location="Gloucestershire Royal Hospital",
            ),
        )
        return made

    offer("Primary care taster", ["year-7"])
    return offer("A day in the life of a paramedic", ["year-9"])


def test_a_careers_lead_books_and_cancels_a_year_9_workshop_by_keyboard(
    page, axe, careers, password, workshops
):
    keyboard_only_sign_in(page, careers.email, password)
    tab_to(page, page.get_by_role("link", name="Workshops", exact=True), "Workshops")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    axe(page, "workshops")

    tab_to(page, page.locator("summary", has_text="Filter workshops"), "Filter workshops")
    page.keyboard.press("Enter")
    tab_to(page, page.get_by_label("Year group"), "Year group filter")
    page.keyboard.type("Year 9")
    tab_to(page, page.get_by_role("button", name="Apply filters"), "Apply filters")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    axe(page, "workshops filtered for Year 9")
    assert page.get_by_text("Primary care taster").count() == 0

    book = page.get_by_role("link", name="Book A day in the life of a paramedic")
    tab_to(page, book, "Book link")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert page.get_by_role("heading", name="Book A day in the life of a paramedic").is_visible()
    axe(page, "booking form")

    tab_to(page, page.get_by_label("Year group"), "Year group")
    page.keyboard.type("Year 9")
    tab_to(page, page.get_by_label("Number of students"), "Number of students")
    page.keyboard.type("28")
    tab_to(page, page.get_by_label("Access needs (optional)"), "Access needs")
    page.keyboard.type("One wheelchair user")
    tab_to(page, page.get_by_role("button", name="Book", exact=True), "Book button")
    with page.expect_navigation():
        page.keyboard.press("Enter")

    assert page.get_by_text("Booked: A day in the life of a paramedic").is_visible()
    assert page.get_by_role("heading", name="My bookings").is_visible()
    axe(page, "my bookings")
    booking = Booking.objects.get()
    assert booking.students == 28
    assert booking.access_needs == "One wheelchair user"

    tab_to(
        page,
        page.get_by_role("link", name="Cancel A day in the life of a paramedic"),
        "Cancel link",
    )
    with page.expect_navigation():
        page.keyboard.press("Enter")
    axe(page, "cancel a booking")
    tab_to(page, page.get_by_role("button", name="Cancel the booking"), "Cancel button")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert page.get_by_text("Booking cancelled").is_visible()
    axe(page, "my bookings after cancelling")
    booking.refresh_from_db()
    assert booking.status == BookingStatus.CANCELLED


def test_every_booking_page_passes_axe(page, axe, careers, partner, password, workshops):
    from .helpers import sign_in

    slot = workshops.slots.get()
    svc.booking_create(
        user=None,
        slot=slot,
        request=svc.BookingRequest(
            school=careers.memberships.get().organisation,
            year_group=YearGroup.objects.get(code="year-9"),
            students=20,
            contact_name="Ms Patel",
            contact_email="patel@school.example",
        ),
    )
    sign_in(page, careers.email, password)
    for path, label in [
        (f"/programmes/workshops/{workshops.pk}/", "workshop page"),
        ("/programmes/requests/", "requests (careers lead)"),
        ("/programmes/requests/new/", "request form"),
        ("/programmes/my-school/", "my school's record"),
    ]:
        page.goto(path)
        axe(page, label)
    page.goto("/programmes/requests/new/")
    with page.expect_navigation():
        page.get_by_role("button", name="Save").click()
    assert page.title().startswith("Error: ")
    axe(page, "request form with errors")

    page.context.clear_cookies()
    sign_in(page, partner.email, password)
    for path, label in [
        ("/programmes/offers/", "offers"),
        ("/programmes/offers/new/", "offer form"),
        (f"/programmes/offers/{workshops.pk}/slots/new/", "slot form"),
        (f"/programmes/slots/{slot.pk}/", "slot page"),
        ("/programmes/diary/", "diary"),
    ]:
        page.goto(path)
        axe(page, label)
    page.goto(f"/programmes/offers/{workshops.pk}/slots/new/")
    with page.expect_navigation():
        page.get_by_role("button", name="Save").click()
    axe(page, "slot form with errors")
