"""Everything held about one person, as sections of rows: JSON as it is, CSV as a zip of
one file per section. Other people are left out: staff who looked at a record appear
by what they did and when, never by name."""

from __future__ import annotations

import csv
import datetime
import io
import json
import zipfile
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.db.models import Q
from django.utils import timezone

from reporting.render.safe import neutralise

from .people import CONTACT, PARTICIPANT, USER


def _row(obj, fields) -> dict:
    return {name: getattr(obj, name) for name in fields}


def _audit_rows(queryset, *, own_actor_id=None) -> list[dict]:
    rows = []
    for entry in queryset.order_by("at", "pk").iterator(chunk_size=1000):
        rows.append(
            {
                "at": entry.at,
                "kind": entry.kind,
                "action": entry.action,
                "source": entry.source,
                "by_this_person": own_actor_id is not None and entry.actor_id == own_actor_id,
                "record": entry.model,
                "record_key": entry.object_pk,
                "record_shown_as": entry.object_repr,
                "changes": entry.changes,
                "detail": entry.detail,
            }
        )
    return rows


def _about(*labels_and_pks) -> Q:
    condition = Q(pk__in=[])
    for label, pk in labels_and_pks:
        condition |= Q(model=label, object_pk=str(pk))
    return condition


def _participant(participant) -> dict:
    from outreach.audit.models import AuditEntry
    from programmes.models import ParticipantIdentity

    identity = ParticipantIdentity.objects.filter(participant=participant).first()
    return {
        "participant": [
            _row(
                participant,
                [
                    "reference",
                    "partner_reference",
                    "age_band",
                    "gender",
                    "ethnic_group",
                    "disability",
                    "carer",
                    "care_leaver",
                    "refugee",
                    "previously_neet",
                    "imd_quintile",
                    "consent_on",
                    "consent_version",
                    "left_on",
                    "erased_at",
                    "created_at",
                ],
            )
            | {"cohort": str(participant.cohort), "programme": str(participant.cohort.programme)}
        ],
        "identity": [_row(identity, ParticipantIdentity.PERSONAL_FIELDS)] if identity else [],
        "stages": [
            _row(s, ["stage", "occurred_on", "skipped", "skip_reason", "role", "band"])
            | {"employer": str(s.employer or "")}
            for s in participant.stages.select_related("employer")
        ],
        "support": [
            _row(s, ["kind", "occurred_on", "amount", "hours", "notes"])
            for s in participant.support.all()
        ],
        "check_ins": [
            _row(c, ["months", "due_on", "status", "answered_on"])
            for c in participant.check_ins.all()
        ],
        "named_record_views": [
            {"at": a.at, "action": a.action} for a in participant.access_log.order_by("at")
        ],
        # Questionnaires are anonymous by design: no response is linked to a participant.
        "questionnaire_responses": [],
        "audit_entries": _audit_rows(
            AuditEntry.objects.filter(
                _about(
                    ("programmes.participant", participant.pk),
                    ("programmes.participantidentity", participant.pk),
                )
            )
        ),
    }


def _bookings(condition: Q) -> list[dict]:
    from programmes.models import Booking

    bookings = Booking.objects.filter(condition).select_related("school", "slot__offer")
    return [
        _row(b, ["contact_name", "contact_email", "access_needs", "students", "status"])
        | {"school": str(b.school), "workshop": str(b.slot.offer), "slot": str(b.slot)}
        | {"created_at": b.created_at}
        for b in bookings.order_by("created_at", "pk")
    ]


def _contact(contact) -> dict:
    from outreach.audit.models import AuditEntry

    fields = ["name", "job_title", "email", "phone", "preferred_contact"]
    fields += ["accessibility_needs", "is_key_contact", "created_at", "updated_at"]
    return {
        "contact": [_row(contact, fields) | {"organisation": str(contact.organisation)}],
        "bookings": _bookings(Q(contact_email__iexact=contact.email)) if contact.email else [],
        "audit_entries": _audit_rows(
            AuditEntry.objects.filter(_about(("partners.contact", contact.pk)))
        ),
    }


def _user(person) -> dict:
    from axes.models import AccessLog

    from outreach.accounts.models import Membership
    from outreach.audit.models import AuditEntry
    from reporting.models import ReportRun

    memberships = Membership.objects.filter(user=person).select_related("organisation")
    runs = ReportRun.objects.filter(requested_by=person).order_by("created_at")
    return {
        "account": [_row(person, ["email", "full_name", "is_active", "date_joined", "last_login"])],
        "memberships": [
            {
                "organisation": str(m.organisation),
                "role": m.get_role_display(),
                "since": m.created_at,
            }
            for m in memberships
        ],
        "bookings": _bookings(Q(booked_by=person) | Q(contact_email__iexact=person.email)),
        "report_runs": [
            {"kind": r.get_kind_display(), "created_at": r.created_at, "status": r.status}
            for r in runs
        ],
        "sign_ins": [
            _row(log, ["attempt_time", "logout_time", "ip_address", "user_agent"])
            for log in AccessLog.objects.filter(username__iexact=person.email).order_by(
                "attempt_time"
            )
        ],
        "audit_entries": _audit_rows(
            AuditEntry.objects.filter(_about(("accounts.user", person.pk)) | Q(actor_id=person.pk)),
            own_actor_id=person.pk,
        ),
    }


def export_person(*, kind: str, person, user) -> dict:
    """{section: [row, ...]} of everything held about the person; logged."""
    from outreach.audit.services import record_event
    from partners.models import Contact
    from programmes.models import Participant

    builders = {
        PARTICIPANT: (_participant, Participant),
        CONTACT: (_contact, Contact),
        USER: (_user, get_user_model()),
    }
    build, model = builders[kind]
    sections = build(person)
    record_event(
        "rights_export",
        subject=(model, person.pk),
        summary=f"Everything held about a {kind} exported",
        data={"kind": kind, "rows": {name: len(rows) for name, rows in sections.items()}},
    )
    return sections


def _plain(value):
    if isinstance(value, datetime.datetime):
        return (
            timezone.localtime(value).isoformat() if timezone.is_aware(value) else value.isoformat()
        )
    if isinstance(value, datetime.date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, (dict, list)):
        return json.dumps(value, default=_plain, ensure_ascii=False)
    return value


def export_json(sections: dict) -> bytes:
    return json.dumps(
        {"exported_at": timezone.now(), **sections}, default=_plain, indent=2, ensure_ascii=False
    ).encode("utf-8")


def _csv(rows: list[dict]) -> bytes:
    buffer = io.StringIO()
    header = list(dict.fromkeys(key for row in rows for key in row))
    writer = csv.writer(buffer)
    writer.writerow(header)
    for row in rows:
        writer.writerow([neutralise(_text(row.get(key))) for key in header])
    return buffer.getvalue().encode("utf-8-sig")


def _text(value):
    value = _plain(value)
    return "" if value is None else value


def export_csv_zip(sections: dict) -> bytes:
    """One CSV per section (formula-neutralised), in a zip."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, rows in sections.items():
            archive.writestr(f"{name}.csv", _csv(rows))
    return out.getvalue()
