"""Role × API for booking: scoped reads, bookings through the same service, 409 when busy."""

import pytest
from rest_framework.test import APIClient

from programmes.models import Booking, BookingStatus
from programmes.services import bookings as svc

from .conftest import request_for

pytestmark = pytest.mark.django_db


def api(user=None):
    client = APIClient()
    if user is not None:
        client.force_authenticate(user)
    return client


def _payload(slot, year_group, students=10, **extra):
    return {
        "slot": slot.pk,
        "year_group": year_group.pk,
        "students": students,
        "contact_name": "Ms Patel",
        "contact_email": "patel@school.example",
        **extra,
    }


@pytest.mark.parametrize(
    ("persona", "offers"),
    [
        ("careers", 1),
        ("partner", 1),
        ("lead", 1),
        ("administrator", 1),
        ("outsider", 0),
        ("no_role", 0),
    ],
)
def test_each_role_reads_the_offers_and_slots_it_may(request, slot, persona, offers):
    client = api(request.getfixturevalue(persona))
    assert client.get("/api/v1/workshop-offers/").json()["count"] == offers
    assert client.get("/api/v1/workshop-slots/").json()["count"] == offers


def test_anonymous_callers_are_refused(slot):
    assert api().get("/api/v1/bookings/").status_code in (401, 403)


def test_a_careers_lead_books_through_the_api(careers, slot, school, year9):
    response = api(careers).post("/api/v1/bookings/", _payload(slot, year9, 12), format="json")
    assert response.status_code == 201, response.json()
    assert response.json()["status"] == "confirmed"
    assert Booking.objects.get().school == school


def test_a_full_slot_answers_202_with_the_waiting_list_entry(careers, slot, make_school, year9):
    svc.booking_create(user=None, slot=slot, request=request_for(make_school(), year9, 30))
    response = api(careers).post("/api/v1/bookings/", _payload(slot, year9), format="json")
    assert response.status_code == 202
    entry_id = response.json()["id"]
    assert response.json()["status"] == "waiting"
    listing = api(careers).get("/api/v1/waiting-list/").json()
    assert [row["id"] for row in listing["results"]] == [entry_id]
    left = api(careers).post(f"/api/v1/waiting-list/{entry_id}/leave/")
    assert left.json()["status"] == "left"


def test_the_api_gives_the_services_messages_and_saves_nothing(careers, slot, year12):
    response = api(careers).post("/api/v1/bookings/", _payload(slot, year12), format="json")
    assert response.status_code == 400
    assert "suits Year 8, Year 9" in response.json()["error"]["fields"]["year_group"][0]
    assert Booking.objects.count() == 0


def test_a_careers_lead_cannot_book_for_another_school(careers, slot, make_school, year9):
    other = make_school()
    response = api(careers).post(
        "/api/v1/bookings/", _payload(slot, year9, school=other.pk), format="json"
    )
    assert response.status_code == 403
    assert Booking.objects.count() == 0


@pytest.mark.parametrize("persona", ["partner", "lead", "administrator"])
def test_only_careers_leads_book(request, slot, year9, persona):
    response = api(request.getfixturevalue(persona)).post(
        "/api/v1/bookings/", _payload(slot, year9), format="json"
    )
    assert response.status_code == 403


def test_a_careers_lead_neither_sees_nor_cancels_another_schools_booking(
    careers, slot, make_school, year9
):
    other = svc.booking_create(
        user=None, slot=slot, request=request_for(make_school(), year9)
    ).booking
    client = api(careers)
    assert client.get("/api/v1/bookings/").json()["count"] == 0
    assert client.get(f"/api/v1/bookings/{other.pk}/").status_code == 404
    assert client.post(f"/api/v1/bookings/{other.pk}/cancel/").status_code == 404
    other.refresh_from_db()
    assert other.status == BookingStatus.CONFIRMED


def test_cancel_through_the_api(careers, partner, slot, school, year9):
    booking = svc.booking_create(user=None, slot=slot, request=request_for(school, year9)).booking
    no_reason = api(partner).post(f"/api/v1/bookings/{booking.pk}/cancel/", {}, format="json")
    assert no_reason.status_code == 400
    done = api(careers).post(f"/api/v1/bookings/{booking.pk}/cancel/", {}, format="json")
    assert done.status_code == 200
    assert done.json()["status"] == "cancelled"


def test_a_busy_slot_answers_409(careers, slot, year9, monkeypatch):
    def busy(**kwargs):
        raise svc.SlotBusy()

    monkeypatch.setattr(svc, "booking_create", busy)
    response = api(careers).post("/api/v1/bookings/", _payload(slot, year9), format="json")
    assert response.status_code == 409
    assert response.json()["error"]["code"] == "busy"
    assert "try again" in response.json()["error"]["message"]


def test_the_partner_sees_the_bookings_of_their_offers(partner, outsider, slot, school, year9):
    svc.booking_create(user=None, slot=slot, request=request_for(school, year9))
    assert api(partner).get("/api/v1/bookings/").json()["count"] == 1
    assert api(outsider).get("/api/v1/bookings/").json()["count"] == 0


def test_requests_through_the_api(careers, partner, outsider, programme, vcse, year9):
    import datetime

    from django.utils import timezone

    made = api(careers).post(
        "/api/v1/school-requests/",
        {
            "topic": "Paramedic visit",
            "year_group": year9.pk,
            "students": 20,
            "preferred_dates": "March",
            "format": "in_school",
        },
        format="json",
    )
    assert made.status_code == 201, made.json()
    request_id = made.json()["id"]
    assert api(partner).get("/api/v1/school-requests/").json()["count"] == 1
    assert api(outsider).get("/api/v1/school-requests/").json()["count"] == 0
    day = (timezone.localdate() + datetime.timedelta(days=20)).isoformat()
    offer = {
        "programme": programme.pk,
        "partner": vcse.pk,
        "message": "We can.",
        "date": day,
        "start_time": "09:30",
        "end_time": "10:30",
    }
    assert (
        api(careers)
        .post(f"/api/v1/school-requests/{request_id}/propose/", offer, format="json")
        .status_code
        == 403
    )
    proposed = api(partner).post(
        f"/api/v1/school-requests/{request_id}/propose/", offer, format="json"
    )
    assert proposed.status_code == 201, proposed.json()
    accept = {
        "proposal": proposed.json()["id"],
        "contact_name": "Ms Patel",
        "contact_email": "patel@school.example",
    }
    assert (
        api(partner)
        .post(f"/api/v1/school-requests/{request_id}/accept/", accept, format="json")
        .status_code
        == 403
    )
    booked = api(careers).post(
        f"/api/v1/school-requests/{request_id}/accept/", accept, format="json"
    )
    assert booked.status_code == 201
    assert booked.json()["status"] == "confirmed"
    again = api(careers).post(
        f"/api/v1/school-requests/{request_id}/accept/", accept, format="json"
    )
    assert again.status_code == 400


def test_a_bad_request_through_the_api_says_why(careers, year9):
    response = api(careers).post(
        "/api/v1/school-requests/",
        {
            "topic": " ",
            "year_group": year9.pk,
            "students": 20,
            "preferred_dates": "March",
            "format": "in_school",
        },
        format="json",
    )
    assert response.status_code == 400
