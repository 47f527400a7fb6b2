"""iCalendar (RFC 5545) feeds of events, and the signed links calendar apps subscribe
with (they cannot sign in). A link carries the user and the feed; the feed shows what
that user may see today, so losing a role empties it, and changing one's password
retires every link made before."""

import datetime
from zoneinfo import ZoneInfo

from django.conf import settings
from django.core import signing
from django.utils.crypto import salted_hmac

SALT = "programmes.ical"
LONDON = ZoneInfo(settings.TIME_ZONE)


def _password_mark(user) -> str:
    return salted_hmac(SALT, user.password or "").hexdigest()[:12]


def feed_token(user, feed: str) -> str:
    return signing.dumps({"u": user.pk, "f": feed, "p": _password_mark(user)}, salt=SALT)


def user_for_token(token: str, feed: str):
    from outreach.accounts.models import User

    try:
        data = signing.loads(token, salt=SALT)
    except signing.BadSignature:
        return None
    if data.get("f") != feed:
        return None
    user = User.objects.filter(pk=data.get("u"), is_active=True).first()
    if user is None or data.get("p") != _password_mark(user):
        return None
    return user


def _escape(text: str) -> str:
    return (
        str(text)
        .replace("\\", "\\\\")
        .replace(";", "\\;")
        .replace(",", "\\,")
        .replace("\r\n", "\\n")
        .replace("\n", "\\n")
    )


def _fold(line: str) -> str:
    """Lines longer than 75 octets continue on the next line after a space."""
    encoded = line.encode()
    if len(encoded) <= 75:
        return line
    parts, current = [], b""
    for char in line:
        piece = char.encode()
        if len(current) + len(piece) > (75 if not parts else 74):
            parts.append(current.decode())
            current = b""
        current += piece
    parts.append(current.decode())
    return "\r\n ".join(parts)


def _utc(day: datetime.date, time: datetime.time) -> str:
    moment = datetime.datetime.combine(day, time, tzinfo=LONDON).astimezone(datetime.UTC)
    return moment.strftime("%Y%m%dT%H%M%SZ")


def calendar(name: str, events, url_for) -> str:
    """events: EngagementEvents with programme, activity_type and school loaded."""
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        "PRODID:-//NHS Outreach//Programmes//EN",
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
        f"X-WR-CALNAME:{_escape(name)}",
        f"X-WR-TIMEZONE:{settings.TIME_ZONE}",
    ]
    for event in events:
        lines += [
            "BEGIN:VEVENT",
            f"UID:event-{event.pk}@outreach",
            f"DTSTAMP:{event.updated_at.astimezone(datetime.UTC):%Y%m%dT%H%M%SZ}",
        ]
        if event.start_time:
            end = (
                event.end_time
                or (
                    datetime.datetime.combine(event.date, event.start_time)
                    + datetime.timedelta(hours=1)
                ).time()
            )
            lines += [
                f"DTSTART:{_utc(event.date, event.start_time)}",
                f"DTEND:{_utc(event.date, end)}",
            ]
        else:
            lines += [
                f"DTSTART;VALUE=DATE:{event.date:%Y%m%d}",
                f"DTEND;VALUE=DATE:{event.date + datetime.timedelta(days=1):%Y%m%d}",
            ]
        description = (
            f"{event.activity_type.name} for {event.programme.name}. "
            f"{event.participants} participants."
        )
        lines += [
            f"SUMMARY:{_escape(event.title)}",
            f"DESCRIPTION:{_escape(description)}",
            f"URL:{url_for(event)}",
        ]
        if event.place:
            lines.append(f"LOCATION:{_escape(event.place)}")
        lines.append("END:VEVENT")
    lines.append("END:VCALENDAR")
    return "\r\n".join(_fold(line) for line in lines) + "\r\n"
