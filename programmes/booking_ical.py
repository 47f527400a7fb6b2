"""The .ics attached to each booking email (RFC 5545): one VEVENT in local London time
with its VTIMEZONE, so calendar apps place it right on both sides of the clock change.
A cancellation sends the same UID with METHOD:CANCEL and a higher SEQUENCE."""

import datetime

from .ical import _escape, _fold

VTIMEZONE = [
    "BEGIN:VTIMEZONE",
    "TZID:Europe/London",
    "BEGIN:DAYLIGHT",
    "TZOFFSETFROM:+0000",
    "TZOFFSETTO:+0100",
    "TZNAME:BST",
    "DTSTART:19700329T010000",
    "RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU",
    "END:DAYLIGHT",
    "BEGIN:STANDARD",
    "TZOFFSETFROM:+0100",
    "TZOFFSETTO:+0000",
    "TZNAME:GMT",
    "DTSTART:19701025T020000",
    "RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU",
    "END:STANDARD",
    "END:VTIMEZONE",
]


def _local(day: datetime.date, time: datetime.time) -> str:
    return f"TZID=Europe/London:{datetime.datetime.combine(day, time):%Y%m%dT%H%M%S}"


def _ics(uid, slot, school, year_group, students, *, cancelled=False, now=None) -> str:
    offer = slot.offer
    stamp = (now or datetime.datetime.now(datetime.UTC)).astimezone(datetime.UTC)
    place = slot.location or (school.name if offer.format == "in_school" else "")
    description = (
        f"{offer.title} by {offer.partner.name} for {school.name}: "
        f"{year_group}, {students} students."
    )
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        "PRODID:-//NHS Outreach//Workshop booking//EN",
        "CALSCALE:GREGORIAN",
        f"METHOD:{'CANCEL' if cancelled else 'PUBLISH'}",
        *VTIMEZONE,
        "BEGIN:VEVENT",
        f"UID:{uid}@outreach",
        f"SEQUENCE:{1 if cancelled else 0}",
        f"STATUS:{'CANCELLED' if cancelled else 'CONFIRMED'}",
        f"DTSTAMP:{stamp:%Y%m%dT%H%M%SZ}",
        f"DTSTART;{_local(slot.date, slot.start_time)}",
        f"DTEND;{_local(slot.date, slot.end_time)}",
        f"SUMMARY:{_escape(offer.title)}",
        f"DESCRIPTION:{_escape(description)}",
    ]
    if place:
        lines.append(f"LOCATION:{_escape(place)}")
    lines += ["END:VEVENT", "END:VCALENDAR"]
    return "\r\n".join(_fold(line) for line in lines) + "\r\n"


def booking_ics(booking, *, cancelled: bool = False, now=None) -> str:
    return _ics(
        f"booking-{booking.pk}",
        booking.slot,
        booking.school,
        booking.year_group,
        booking.students,
        cancelled=cancelled,
        now=now,
    )


def entry_ics(entry, *, now=None) -> str:
    """For a waiting-list offer: the date the held places are for."""
    return _ics(
        f"waitlist-{entry.pk}", entry.slot, entry.school, entry.year_group, entry.students, now=now
    )


def diary_calendar(name: str, slots, url_for, *, now=None) -> str:
    """A delivery partner's diary feed: one VEVENT a slot, with its places taken and the
    groups waiting (slots annotated with `booked` and `waiting_count`)."""
    stamp = (now or datetime.datetime.now(datetime.UTC)).astimezone(datetime.UTC)
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        "PRODID:-//NHS Outreach//Workshop diary//EN",
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
        f"X-WR-CALNAME:{_escape(name)}",
        "X-WR-TIMEZONE:Europe/London",
        *VTIMEZONE,
    ]
    for slot in slots:
        description = (
            f"{slot.places_taken} of {slot.capacity} places taken or held; "
            f"{slot.booked} booking(s); {slot.waiting_count} group(s) waiting."
        )
        lines += [
            "BEGIN:VEVENT",
            f"UID:slot-{slot.pk}@outreach",
            f"DTSTAMP:{stamp:%Y%m%dT%H%M%SZ}",
            f"DTSTART;{_local(slot.date, slot.start_time)}",
            f"DTEND;{_local(slot.date, slot.end_time)}",
            f"SUMMARY:{_escape(slot.offer.title)}",
            f"DESCRIPTION:{_escape(description)}",
            f"URL:{url_for(slot)}",
            f"STATUS:{'CANCELLED' if slot.cancelled else 'CONFIRMED'}",
        ]
        if slot.location:
            lines.append(f"LOCATION:{_escape(slot.location)}")
        lines.append("END:VEVENT")
    lines.append("END:VCALENDAR")
    return "\r\n".join(_fold(line) for line in lines) + "\r\n"
