import datetime
from zoneinfo import ZoneInfo

import pytest
from django.core import mail
from django.utils import timezone

from programmes.models import BookingEmail
from programmes.services import bookings as svc
from programmes.services.booking_emails import booking_reminders_send
from programmes.tasks import expire_waitlist_offers, send_booking_reminders

from .conftest import request_for, slot_input

pytestmark = pytest.mark.django_db

LONDON = ZoneInfo("Europe/London")


def _ics(message):
    name, content, mimetype = message.attachments[0]
    assert name == "workshop.ics"
    assert mimetype.startswith("text/calendar")
    return content


def _book(slot, school, year9, students=10, user=None, capture=None):
    with capture(execute=True):
        return svc.booking_create(
            user=user, slot=slot, request=request_for(school, year9, students)
        )


def test_a_confirmation_goes_to_the_contact_and_the_careers_lead_with_an_ics(
    slot, school, year9, careers, django_capture_on_commit_callbacks
):
    booking = _book(
        slot, school, year9, 12, user=careers, capture=django_capture_on_commit_callbacks
    ).booking
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert (
        message.subject == f"Booking confirmed: A day in the life of a paramedic, "
        f"{slot.date:%-d %B %Y}"
    )
    assert message.to == ["careers@school.example", "careers@example.org"]
    assert "Your booking is confirmed." in message.body
    assert "Year 9, 12 students" in message.body
    assert "10:00 to 11:30 (UK time)" in message.body
    ics = _ics(message)
    assert f"UID:booking-{booking.pk}@outreach" in ics
    assert "METHOD:PUBLISH" in ics
    assert "\r\n" in ics
    assert BookingEmail.objects.get().kind == "confirmed"


@pytest.mark.parametrize(
    ("day", "utc_hour"),
    [(datetime.date(2027, 3, 26), 10), (datetime.date(2027, 3, 29), 9)],
    ids=["before the clocks go forward (GMT)", "after (BST)"],
)
def test_the_ics_keeps_london_time_across_the_clock_change(
    offer, school, year9, day, utc_hour, django_capture_on_commit_callbacks, monkeypatch
):
    slot = svc.slot_create(
        offer=offer,
        data=slot_input(
            days=(day - timezone.localdate()).days,
        ),
    )
    _book(slot, school, year9, capture=django_capture_on_commit_callbacks)
    ics = _ics(mail.outbox[0])
    assert "BEGIN:VTIMEZONE\r\nTZID:Europe/London" in ics
    assert "RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU" in ics
    assert f"DTSTART;TZID=Europe/London:{day:%Y%m%d}T100000" in ics
    assert f"DTEND;TZID=Europe/London:{day:%Y%m%d}T113000" in ics
    start = datetime.datetime.combine(day, datetime.time(10), tzinfo=LONDON)
    assert start.astimezone(datetime.UTC).hour == utc_hour
    assert "10:00 to 11:30 (UK time)" in mail.outbox[0].body


def test_a_cancellation_email_cancels_the_calendar_entry(
    slot, school, year9, careers, django_capture_on_commit_callbacks
):
    booking = _book(slot, school, year9, capture=django_capture_on_commit_callbacks).booking
    with django_capture_on_commit_callbacks(execute=True):
        svc.booking_cancel(user=careers, booking=booking)
    message = mail.outbox[-1]
    assert message.subject.startswith("Booking cancelled:")
    ics = _ics(message)
    assert "METHOD:CANCEL" in ics
    assert "STATUS:CANCELLED" in ics
    assert f"UID:booking-{booking.pk}@outreach" in ics


def test_a_waiting_list_offer_says_until_when_it_is_held(
    slot, make_school, year9, django_capture_on_commit_callbacks
):
    full = _book(slot, make_school(), year9, 30, capture=django_capture_on_commit_callbacks)
    _book(slot, make_school(), year9, 8, capture=django_capture_on_commit_callbacks)
    assert mail.outbox[-1].subject.startswith("On the waiting list:")
    with django_capture_on_commit_callbacks(execute=True):
        svc.booking_cancel(user=None, booking=full.booking)
    subjects = [m.subject.split(":")[0] for m in mail.outbox]
    assert subjects == [
        "Booking confirmed",
        "On the waiting list",
        "Places offered to you",
        "Booking cancelled",
    ]
    offered = mail.outbox[2]
    assert "held for your group until" in offered.body
    assert "UID:waitlist-" in _ics(offered)


def test_reminders_go_7_days_and_1_day_before_once_even_if_the_beat_runs_twice(
    offer, make_school, year9, django_capture_on_commit_callbacks
):
    week = svc.slot_create(offer=offer, data=slot_input(days=7))
    tomorrow = svc.slot_create(
        offer=offer,
        data=slot_input(days=5, start_time=datetime.time(14), end_time=datetime.time(15)),
    )
    _book(week, make_school(), year9, capture=django_capture_on_commit_callbacks)
    _book(tomorrow, make_school(), year9, capture=django_capture_on_commit_callbacks)
    mail.outbox.clear()
    today = timezone.localdate()
    assert booking_reminders_send(today=today) == 1
    assert booking_reminders_send(today=today) == 0
    assert booking_reminders_send(today=today + datetime.timedelta(days=4)) == 1
    assert send_booking_reminders.delay().get() == 0  # the beat task: nothing left today
    assert [m.subject.split(":")[0] for m in mail.outbox] == ["In a week", "Tomorrow"]
    assert all(m.attachments for m in mail.outbox)


def test_the_expiry_beat_task_passes_offers_on(slot, make_school, year9):
    full = svc.booking_create(user=None, slot=slot, request=request_for(make_school(), year9, 30))
    entry = svc.booking_create(
        user=None, slot=slot, request=request_for(make_school(), year9, 30)
    ).waitlist_entry
    svc.booking_cancel(user=None, booking=full.booking)
    assert expire_waitlist_offers.delay().get() == 0  # not yet expired
    entry.refresh_from_db()
    assert entry.status == "offered"


def test_the_beat_schedule_has_the_booking_jobs():
    from outreach.celery import app

    tasks = {entry["task"] for entry in app.conf.beat_schedule.values()}
    assert {"programmes.send_booking_reminders", "programmes.expire_waitlist_offers"} <= tasks
