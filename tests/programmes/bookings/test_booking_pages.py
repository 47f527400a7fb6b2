import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from outreach.accounts.factories import MembershipFactory, UserFactory
from outreach.accounts.roles import Role
from programmes.models import Booking, BookingStatus, EngagementEvent, WaitlistEntry
from programmes.services import bookings as svc

from .conftest import request_for, slot_input

pytestmark = pytest.mark.django_db


def _careers_lead_of(school):
    return MembershipFactory(user=UserFactory(), organisation=school, role=Role.CAREERS_LEAD).user


def _book(slot, school, year_group, students=10):
    return svc.booking_create(
        user=None, slot=slot, request=request_for(school, year_group, students)
    )


# ------------------------------------------------------------------ role × page


@pytest.mark.parametrize(
    ("persona", "status"),
    [
        ("careers", 200),
        ("partner", 200),
        ("lead", 200),
        ("administrator", 200),
        ("outsider", 404),
        ("no_role", 403),
    ],
)
def test_the_workshop_page_shows_to_those_in_the_area(client, request, offer, persona, status):
    client.force_login(request.getfixturevalue(persona))
    response = client.get(reverse("programmes:workshop", args=[offer.pk]))
    assert response.status_code == status


@pytest.mark.parametrize(
    ("persona", "status"),
    [("careers", 200), ("partner", 403), ("lead", 403), ("administrator", 403), ("outsider", 403)],
)
def test_only_careers_leads_open_the_booking_form(client, request, slot, persona, status):
    client.force_login(request.getfixturevalue(persona))
    assert client.get(reverse("programmes:book", args=[slot.pk])).status_code == status


@pytest.mark.parametrize(
    ("persona", "status"),
    [("partner", 200), ("lead", 200), ("administrator", 200), ("careers", 403), ("outsider", 404)],
)
def test_partner_pages_are_for_the_offers_owners_and_the_areas_leads(
    client, request, slot, school, year9, persona, status
):
    booking = _book(slot, school, year9).booking
    client.force_login(request.getfixturevalue(persona))
    for url in [
        reverse("programmes:slot", args=[slot.pk]),
        reverse("programmes:slot_create", args=[slot.offer_id]),
        reverse("programmes:offer_edit", args=[slot.offer_id]),
        reverse("programmes:booking_attendance", args=[booking.pk]),
    ]:
        assert client.get(url).status_code == status, url


def test_another_delivery_partner_cannot_manage_the_offer(client, home_area, slot):
    from partners.factories import OrganisationFactory

    other = OrganisationFactory(area=home_area, kind="vcse")
    user = MembershipFactory(organisation=other, role=Role.DELIVERY_PARTNER).user
    client.force_login(user)
    # the published offer is visible to partners of the area, not manageable
    assert client.get(reverse("programmes:workshop", args=[slot.offer_id])).status_code == 200
    assert client.get(reverse("programmes:slot", args=[slot.pk])).status_code == 403
    assert client.get(reverse("programmes:offer_edit", args=[slot.offer_id])).status_code == 403


def test_a_careers_lead_cannot_see_or_cancel_another_schools_booking(
    client, careers, slot, make_school, year9
):
    other_booking = _book(slot, make_school(), year9).booking
    client.force_login(careers)
    url = reverse("programmes:booking_cancel", args=[other_booking.pk])
    assert client.get(url).status_code == 404
    assert client.post(url).status_code == 404
    other_booking.refresh_from_db()
    assert other_booking.status == BookingStatus.CONFIRMED
    response = client.get(reverse("programmes:my_bookings"))
    assert other_booking.school.name not in response.content.decode()


def test_a_careers_lead_cannot_leave_or_accept_another_schools_waiting_place(
    client, careers, slot, make_school, year9
):
    _book(slot, make_school(), year9, 30)
    entry = _book(slot, make_school(), year9, 5).waitlist_entry
    client.force_login(careers)
    assert client.post(reverse("programmes:waitlist_leave", args=[entry.pk])).status_code == 404
    assert client.post(reverse("programmes:waitlist_accept", args=[entry.pk])).status_code == 404
    entry.refresh_from_db()
    assert entry.status == "waiting"


# ------------------------------------------------------------------ careers lead flow


def test_a_careers_lead_books_sees_and_cancels(client, careers, slot, school, year9):
    client.force_login(careers)
    response = client.get(reverse("programmes:workshops"), {"year_group": year9.pk})
    assert slot.offer.title in response.content.decode()
    response = client.post(
        reverse("programmes:book", args=[slot.pk]),
        {
            "year_group": year9.pk,
            "students": 25,
            "contact_name": "Ms Patel",
            "contact_email": "patel@cleeve.example",
            "access_needs": "One wheelchair user",
        },
        follow=True,
    )
    assert "Booked: A day in the life of a paramedic" in response.content.decode()
    booking = Booking.objects.get()
    assert booking.school == school
    assert booking.booked_by == careers
    assert "A day in the life of a paramedic" in response.content.decode()
    response = client.post(
        reverse("programmes:booking_cancel", args=[booking.pk]), {"reason": ""}, follow=True
    )
    assert "Booking cancelled" in response.content.decode()
    booking.refresh_from_db()
    assert booking.status == BookingStatus.CANCELLED


def test_the_form_shows_a_clear_message_for_a_year_group_the_offer_does_not_suit(
    client, careers, slot, year12
):
    client.force_login(careers)
    response = client.post(
        reverse("programmes:book", args=[slot.pk]),
        {
            "year_group": year12.pk,
            "students": 10,
            "contact_name": "A",
            "contact_email": "a@example.org",
        },
    )
    assert response.status_code == 200
    assert "<title>Error:" in response.content.decode()
    assert Booking.objects.count() == 0


def test_too_many_students_gets_a_message_and_nothing_changes(client, careers, slot, year9):
    client.force_login(careers)
    response = client.post(
        reverse("programmes:book", args=[slot.pk]),
        {
            "year_group": year9.pk,
            "students": 31,
            "contact_name": "A",
            "contact_email": "a@example.org",
        },
    )
    assert "at most 30 students" in response.content.decode()
    assert Booking.objects.count() == 0


def test_a_full_slot_offers_the_waiting_list(client, careers, slot, make_school, year9):
    _book(slot, make_school(), year9, 30)
    client.force_login(careers)
    page = client.get(reverse("programmes:book", args=[slot.pk])).content.decode()
    assert "Join the waiting list" in page
    response = client.post(
        reverse("programmes:book", args=[slot.pk]),
        {
            "year_group": year9.pk,
            "students": 20,
            "contact_name": "A",
            "contact_email": "a@example.org",
            "waitlist": "1",
        },
        follow=True,
    )
    assert "on the waiting list" in response.content.decode()
    entry = WaitlistEntry.objects.get()
    response = client.post(reverse("programmes:waitlist_leave", args=[entry.pk]), follow=True)
    assert "You have left the waiting list" in response.content.decode()


def test_a_busy_slot_answers_409_busy_try_again(client, careers, slot, year9, monkeypatch):
    def busy(**kwargs):
        raise svc.SlotBusy()

    monkeypatch.setattr(svc, "booking_create", busy)
    client.force_login(careers)
    response = client.post(
        reverse("programmes:book", args=[slot.pk]),
        {
            "year_group": year9.pk,
            "students": 5,
            "contact_name": "A",
            "contact_email": "a@example.org",
        },
    )
    assert response.status_code == 409
    assert "try again" in response.content.decode()


# ------------------------------------------------------------------ partner flow


def test_a_partner_publishes_an_offer_and_a_weekly_series(
    client, partner, programme, vcse, year9, goals
):
    from programmes.factories import activity_type

    client.force_login(partner)
    response = client.post(
        reverse("programmes:offer_create"),
        {
            "programme": programme.pk,
            "partner": vcse.pk,
            "title": "Careers in pharmacy",
            "description": "Make a cream, count pills, meet a pharmacist.",
            "goals": [goals["awareness"].pk],
            "activity_type": activity_type("workshop").pk,
            "year_groups": [year9.pk],
            "duration_minutes": 60,
            "format": "in_school",
            "max_students": 30,
            "offer_hold_hours": 48,
            "published": "on",
        },
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    offer = programme.offers.get()
    first = timezone.localdate() + datetime.timedelta(days=7)
    response = client.post(
        reverse("programmes:slot_create", args=[offer.pk]),
        {
            "date_day": first.day,
            "date_month": first.month,
            "date_year": first.year,
            "start_time": "09:30",
            "end_time": "10:30",
            "capacity": 1,
            "capacity_unit": "sessions",
            "deadline_days": 2,
            "location": "",
            "facilitator": "Ade",
            "repeat_until_day": (first + datetime.timedelta(weeks=3)).day,
            "repeat_until_month": (first + datetime.timedelta(weeks=3)).month,
            "repeat_until_year": (first + datetime.timedelta(weeks=3)).year,
        },
    )
    assert response.status_code == 302
    assert offer.slots.count() == 4


def test_a_slot_ending_before_it_starts_is_refused_on_the_form(client, partner, offer):
    client.force_login(partner)
    day = timezone.localdate() + datetime.timedelta(days=7)
    response = client.post(
        reverse("programmes:slot_create", args=[offer.pk]),
        {
            "date_day": day.day,
            "date_month": day.month,
            "date_year": day.year,
            "start_time": "10:00",
            "end_time": "09:00",
            "capacity": 10,
            "capacity_unit": "students",
            "deadline_days": 1,
        },
    )
    assert "end time must be after the start time" in response.content.decode()
    assert offer.slots.count() == 0


def test_recording_attendance_logs_the_event(client, partner, offer, school, year9):
    slot = svc.slot_create(offer=offer, data=slot_input(days=5))
    booking = _book(slot, school, year9, 20).booking
    from programmes.models import WorkshopSlot

    past = timezone.localdate() - datetime.timedelta(days=1)
    WorkshopSlot.objects.filter(pk=slot.pk).update(
        date=past, booking_deadline=timezone.now() - datetime.timedelta(days=3)
    )
    client.force_login(partner)
    response = client.post(
        reverse("programmes:booking_attendance", args=[booking.pk]), {"attended": 18}
    )
    assert response.status_code == 302
    event = EngagementEvent.objects.get()
    assert event.participants == 18
    assert event.school == school


def test_staff_change_a_waiting_groups_priority_with_a_reason(
    client, lead, slot, make_school, year9
):
    _book(slot, make_school(), year9, 30)
    entry = _book(slot, make_school(), year9, 5).waitlist_entry
    client.force_login(lead)
    client.post(
        reverse("programmes:waitlist_priority", args=[entry.pk]),
        {"priority": 1, "reason": "Missed out last year"},
    )
    entry.refresh_from_db()
    assert entry.priority == 1
    page = client.get(reverse("programmes:slot", args=[slot.pk])).content.decode()
    assert "Missed out last year" in page


def test_a_partner_cancels_a_booking_with_a_reason(client, partner, slot, school, year9):
    booking = _book(slot, school, year9).booking
    client.force_login(partner)
    url = reverse("programmes:booking_cancel", args=[booking.pk])
    response = client.post(url, {"reason": ""})
    assert "Say why" in response.content.decode()
    client.post(url, {"reason": "Facilitator ill"})
    booking.refresh_from_db()
    assert booking.status == BookingStatus.CANCELLED


# ------------------------------------------------------------------ query counts


def _many(offer, make_school, year9, n):
    slots = [svc.slot_create(offer=offer, data=slot_input(days=10 + i)) for i in range(n)]
    for s in slots:
        _book(s, make_school(), year9, 30)
        _book(s, make_school(), year9, 5)
    return slots


@pytest.mark.parametrize(
    ("persona", "url_name"),
    [
        ("careers", "programmes:workshops"),
        ("careers", "programmes:my_bookings"),
        ("partner", "programmes:offers"),
        ("partner", "programmes:diary"),
    ],
)
def test_lists_keep_a_fixed_number_of_queries(
    client,
    request,
    django_assert_max_num_queries,
    offer,
    school,
    make_school,
    year9,
    persona,
    url_name,
):
    user = request.getfixturevalue(persona)
    client.force_login(user)
    slots = _many(offer, make_school, year9, 3)
    for s in slots:
        Booking.objects.create(
            slot=s,
            school=school,
            year_group=year9,
            students=1,
            places=0,
            contact_name="A",
            contact_email="a@example.org",
            status=BookingStatus.CANCELLED,
        )
    with django_assert_max_num_queries(12) as few:
        assert client.get(reverse(url_name)).status_code == 200
    _many(offer, make_school, year9, 12)
    with django_assert_max_num_queries(len(few.captured_queries)):
        assert client.get(reverse(url_name)).status_code == 200
