"""The emails of the booking flow: confirmation, waiting-list place offered, cancellation,
reminders 7 days and 1 day before. Each goes to the booking's contact and the careers
lead who booked, with an .ics attached, and is recorded once by key (BookingEmail), so a
task or beat run that repeats sends nothing twice. Where the offer has questionnaires, the
confirmation carries the "before" link, and once attendance is recorded the careers lead
gets the "after" link for the engagement event (also recorded once)."""

import datetime

from django.conf import settings
from django.core.mail import EmailMessage
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

from ..booking_ical import booking_ics, entry_ics
from ..models import Booking, BookingEmail, BookingStatus, WaitlistEntry

SUBJECTS = {
    "confirmed": "Booking confirmed: {title}, {day}",
    "waitlisted": "On the waiting list: {title}, {day}",
    "offered": "Places offered to you: {title}, {day}",
    "cancelled": "Booking cancelled: {title}, {day}",
    "reminder_7": "In a week: {title}, {day}",
    "reminder_1": "Tomorrow: {title}, {day}",
    "after_questionnaire": "After the workshop: a questionnaire for {title}, {day}",
}
BOOKING_KINDS = {"confirmed", "cancelled", "reminder_7", "reminder_1", "after_questionnaire"}
ENTRY_KINDS = {"waitlisted", "offered"}


def _recipients(contact_email, user) -> list[str]:
    found = [contact_email]
    if user is not None and user.email and user.email.lower() != contact_email.lower():
        found.append(user.email)
    return found


def questionnaire_link(questionnaire, event_id=None) -> str:
    """The absolute address of the questionnaire's public page; with `event_id` its
    per-event link (`?at=<event id>`), so the answers are filed under that event."""
    path = reverse("surveys:respond", kwargs={"token": questionnaire.token})
    query = f"?at={event_id}" if event_id else ""
    return f"{settings.SITE_URL}{path}{query}"


def _open_questionnaire(questionnaire):
    """The questionnaire when there is one and it is open today, else None."""
    if questionnaire is not None and questionnaire.is_open(timezone.localdate()):
        return questionnaire
    return None


def _send_after_questionnaire(booking, key) -> bool:
    """The careers lead who booked (or, without one, the booking's contact) gets the
    "after" link for the booking's engagement event."""
    offer, slot = booking.slot.offer, booking.slot
    questionnaire = _open_questionnaire(offer.after_questionnaire)
    if questionnaire is None or booking.event_id is None:
        return False
    user = booking.booked_by
    to = user.email if user is not None and user.email else booking.contact_email
    with transaction.atomic():
        try:
            with transaction.atomic():
                BookingEmail.objects.create(
                    key=key, kind="after_questionnaire", sent_to=to, booking=booking
                )
        except IntegrityError:
            return False
        subject = SUBJECTS["after_questionnaire"].format(
            title=offer.title, day=f"{slot.date:%-d %B %Y}"
        )
        body = render_to_string(
            "programmes/bookings/email/after_questionnaire.txt",
            {
                "booking": booking,
                "slot": slot,
                "offer": offer,
                "questionnaire": questionnaire,
                "link": questionnaire_link(questionnaire, booking.event_id),
            },
        )
        EmailMessage(subject=subject, body=body, to=[to]).send()
    return True


def _key(kind, *, booking=None, entry=None) -> str:
    if booking is not None:
        return f"{kind}:booking:{booking.pk}"
    # A group may be offered places more than once (after an expiry and a new offer).
    offered = entry.offered_at.isoformat() if entry.offered_at else ""
    return f"{kind}:entry:{entry.pk}:{offered}"


def booking_email_send(*, kind: str, booking_id=None, entry_id=None) -> bool:
    """Send one email of the flow unless already sent; True when sent now."""
    if kind in BOOKING_KINDS:
        booking = Booking.objects.select_related(
            "slot__offer__partner",
            "slot__offer__before_questionnaire",
            "slot__offer__after_questionnaire",
            "school",
            "year_group",
            "booked_by",
        ).get(pk=booking_id)
        if kind == "after_questionnaire":
            return _send_after_questionnaire(booking, _key(kind, booking=booking))
        record = {"booking": booking}
        slot, contact, user = booking.slot, booking.contact_email, booking.booked_by
        ics = booking_ics(booking, cancelled=kind == "cancelled")
        context = {"booking": booking, "group": booking}
        before = booking.slot.offer.before_questionnaire if kind == "confirmed" else None
        if _open_questionnaire(before) is not None:
            # At confirmation there is no event yet: the plain link.
            context["before_link"] = questionnaire_link(before, booking.event_id)
    elif kind in ENTRY_KINDS:
        entry = WaitlistEntry.objects.select_related(
            "slot__offer__partner", "school", "year_group", "created_by"
        ).get(pk=entry_id)
        record = {"waitlist_entry": entry}
        slot, contact, user = entry.slot, entry.contact_email, entry.created_by
        ics = entry_ics(entry)
        context = {"entry": entry, "group": entry}
    else:
        raise ValueError(f"unknown booking email: {kind}")
    key = _key(kind, booking=record.get("booking"), entry=record.get("waitlist_entry"))
    offer = slot.offer
    recipients = _recipients(contact, user)
    with transaction.atomic():
        try:
            with transaction.atomic():
                BookingEmail.objects.create(key=key, kind=kind, sent_to=contact, **record)
        except IntegrityError:
            return False
        subject = SUBJECTS[kind].format(title=offer.title, day=f"{slot.date:%-d %B %Y}")
        body = render_to_string(
            "programmes/bookings/email/booking.txt",
            {"kind": kind, "slot": slot, "offer": offer, **context},
        )
        message = EmailMessage(subject=subject, body=body, to=recipients)
        message.attach("workshop.ics", ics, "text/calendar; charset=utf-8")
        # Inside the transaction: if the mail server fails, the record rolls back and a
        # retry sends it.
        message.send()
    return True


def booking_reminders_send(*, today: datetime.date | None = None) -> int:
    """Reminders 7 days and 1 day before each confirmed booking; safe to run twice."""
    today = today or timezone.localdate()
    sent = 0
    for days, kind in ((7, "reminder_7"), (1, "reminder_1")):
        due = (
            Booking.objects.filter(
                status=BookingStatus.CONFIRMED, slot__date=today + datetime.timedelta(days=days)
            )
            .exclude(emails__kind=kind)
            .values_list("pk", flat=True)
        )
        for booking_id in due:
            sent += booking_email_send(kind=kind, booking_id=booking_id)
    return sent
