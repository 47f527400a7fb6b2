"""What is due under each rule, and what anonymising or deleting it means.

Each kind answers three questions from the same queryset, so the dry run predicts exactly
what the real run does: which rows are due (`due`), the oldest date among them (`oldest`),
and how to act on one batch of their keys (`apply`). Everything acted on drops out of
`due`, which is what makes a run idempotent.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable
from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.db.models import (
    DateField,
    Exists,
    F,
    Max,
    Min,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
)
from django.db.models.functions import Cast, Coalesce, Greatest, TruncDate

from .models import Action, Kind

ANONYMISED_CONTACT = "Former contact"
ERASED_EMAIL_DOMAIN = "erased.invalid"


@dataclass(frozen=True)
class Due:
    queryset: QuerySet
    # The field whose minimum is the oldest date affected.
    dated_by: str


def _day_start(day: datetime.date) -> datetime.datetime:
    from django.utils import timezone

    return timezone.make_aware(datetime.datetime.combine(day, datetime.time.min))


# Questionnaire responses ----------------------------------------------------------------


def _responses_due(cutoff, action, today) -> Due:
    from surveys.models import Answer, Response

    old = Response.objects.filter(submitted_at__lt=_day_start(cutoff))
    if action == Action.ANONYMISE:
        words = Answer.objects.filter(response=OuterRef("pk")).exclude(text="")
        old = old.filter(Q(Exists(words)) | ~Q(match_code=""))
    return Due(old, "submitted_at")


def _responses_apply(ids, action, now) -> int:
    from surveys.models import Answer, Response

    if action == Action.DELETE:
        return Response.objects.filter(pk__in=ids).delete()[1].get("surveys.Response", 0)
    Answer.objects.filter(response_id__in=ids).exclude(text="").update(text="")
    Response.objects.filter(pk__in=ids).update(match_code="")
    return len(ids)


# Participant identities -----------------------------------------------------------------


def _latest(model, date_field, **extra):
    rows = model.objects.filter(participant=OuterRef("pk"), **extra).values("participant")
    return Subquery(rows.annotate(latest=Max(date_field)).values("latest")[:1])


def with_last_activity(participants: QuerySet) -> QuerySet:
    """Annotate `last_active`: the latest of joining, any stage (its date or when it was
    recorded), any support and any check-in answered or still to come."""
    from programmes.models import ParticipantStage, RetentionCheckIn, SupportRecord

    joined = TruncDate("created_at")
    dates = [
        _latest(ParticipantStage, "occurred_on"),
        _latest(ParticipantStage, Cast(TruncDate("recorded_at"), DateField())),
        _latest(SupportRecord, "occurred_on"),
        _latest(RetentionCheckIn, "answered_on"),
        _latest(RetentionCheckIn, "due_on", status="due"),
    ]
    # Coalesce each to the joining date: SQLite's MAX() is NULL if any argument is.
    return participants.annotate(
        last_active=Greatest(
            joined, *(Coalesce(d, joined, output_field=DateField()) for d in dates)
        )
    )


def _identities_due(cutoff, action, today) -> Due:
    from programmes.models import Participant

    pending = Participant.objects.filter(erased_at__isnull=True)
    return Due(with_last_activity(pending).filter(last_active__lt=cutoff), "last_active")


def identity_remove(ids, now) -> int:
    """Delete the identity rows and every name the participants are known by."""
    from programmes.models import (
        NamedRecordAccess,
        Participant,
        ParticipantIdentity,
        ParticipantStage,
        SupportRecord,
    )

    from .rights.redact import redact

    ParticipantIdentity.objects.filter(participant_id__in=ids).delete()
    # The access log is append-only for everyone else; erasure is its one sanctioned update.
    NamedRecordAccess.objects.filter(participant_id__in=ids).update(name_seen="")
    notes = SupportRecord.objects.filter(participant_id__in=ids).exclude(notes="")
    reasons = ParticipantStage.objects.filter(participant_id__in=ids).exclude(skip_reason="")
    # The trail kept the reference and the free text in the changes it recorded.
    written = [(SupportRecord, pk) for pk in notes.values_list("pk", flat=True)]
    written += [(ParticipantStage, pk) for pk in reasons.values_list("pk", flat=True)]
    notes.update(notes="")
    reasons.update(skip_reason="")
    count = Participant.objects.filter(pk__in=ids).update(partner_reference="", erased_at=now)
    for model, pk in [(Participant, pk) for pk in ids] + written:
        redact(model, pk)
    return count


def _identities_apply(ids, action, now) -> int:
    return identity_remove(ids, now)


# Partner contacts -----------------------------------------------------------------------


CONTACT_BLANKS = {
    "name": ANONYMISED_CONTACT,
    "job_title": "",
    "email": "",
    "phone": "",
    "accessibility_needs": "",
}


def _contacts_due(cutoff, action, today) -> Due:
    from partners.models import Contact

    # The key contact is the one the application still writes to: never due.
    stale = Contact.objects.filter(updated_at__lt=_day_start(cutoff), is_key_contact=False)
    return Due(stale.exclude(name=ANONYMISED_CONTACT), "updated_at")


def _contacts_apply(ids, action, now) -> int:
    from partners.models import Contact

    from .rights.redact import redact

    if action == Action.DELETE:
        count = Contact.objects.filter(pk__in=ids).delete()[1].get("partners.Contact", 0)
    else:
        # update() keeps updated_at as it was: the contact is no more recent for this.
        count = Contact.objects.filter(pk__in=ids).update(**CONTACT_BLANKS)
    for pk in ids:
        redact(Contact, pk)
    return count


# Report files ---------------------------------------------------------------------------


def _report_files_due(cutoff, action, today) -> Due:
    from reporting.models import ReportRun, RunStatus

    # Each run carries its keep-until time, set from this rule when it was asked for (and
    # moved when the rule changes), so the page can tell people how long it is kept.
    old = ReportRun.objects.filter(expires_at__lt=_day_start(today))
    return Due(old.exclude(status__in=(RunStatus.QUEUED, RunStatus.RUNNING)), "created_at")


def _report_files_apply(ids, action, now) -> int:
    from reporting.services.housekeeping import report_runs_delete

    return report_runs_delete(ids)


# Audit entries --------------------------------------------------------------------------


def _audit_due(cutoff, action, today) -> Due:
    from outreach.audit.models import AuditEntry

    return Due(AuditEntry.objects.filter(at__lt=_day_start(cutoff)), "at")


def _audit_apply_all(cutoff, action, now) -> int:
    from outreach.audit.services import purge_before

    return purge_before(_day_start(cutoff))


# Sign-in records ------------------------------------------------------------------------


def _sign_in_models():
    from axes.models import AccessAttempt, AccessFailureLog, AccessLog

    return (AccessLog, AccessFailureLog, AccessAttempt)


def _sign_ins_due(cutoff, action, today) -> Due:
    from axes.models import AccessLog

    return Due(AccessLog.objects.filter(attempt_time__lt=_day_start(cutoff)), "attempt_time")


def _sign_ins_count(cutoff) -> tuple[int, datetime.datetime | None]:
    count, oldest = 0, None
    for model in _sign_in_models():
        rows = model.objects.filter(attempt_time__lt=_day_start(cutoff))
        found = rows.aggregate(n=Min("attempt_time"))["n"]
        count += rows.count()
        if found and (oldest is None or found < oldest):
            oldest = found
    return count, oldest


def _sign_ins_apply_all(cutoff, action, now) -> int:
    removed = 0
    for model in _sign_in_models():
        removed += model.objects.filter(attempt_time__lt=_day_start(cutoff)).delete()[0]
    return removed


# Inactive accounts ----------------------------------------------------------------------


def active_administrator_ids() -> set[int]:
    from outreach.accounts.models import Membership
    from outreach.accounts.roles import Role

    users = get_user_model().objects.filter(is_active=True)
    admins = users.filter(
        Q(is_superuser=True)
        | Q(pk__in=Membership.objects.filter(role=Role.ADMINISTRATOR).values("user_id"))
    )
    return set(admins.values_list("pk", flat=True))


def _accounts_due(cutoff, action, today) -> Due:
    User = get_user_model()
    seen = User.objects.annotate(last_seen=Coalesce("last_login", "date_joined"))
    stale = seen.filter(last_seen__lt=_day_start(cutoff)).exclude(
        email__endswith="@" + ERASED_EMAIL_DOMAIN
    )
    admins = active_administrator_ids()
    stale_admins = admins & set(stale.filter(pk__in=admins).values_list("pk", flat=True))
    if admins and stale_admins == admins:
        # Every active administrator is due: the most recently seen one stays, or nobody
        # could manage the application (or this schedule) any more.
        keep = seen.filter(pk__in=admins).order_by(F("last_seen").desc(), "-pk").first()
        stale = stale.exclude(pk=keep.pk)
    return Due(stale, "last_seen")


def _accounts_apply(ids, action, now) -> int:
    from .rights.erase import user_anonymise

    User = get_user_model()
    for user in User.objects.filter(pk__in=ids):
        user_anonymise(user=user)
    return len(ids)


@dataclass(frozen=True)
class KindHandler:
    due: Callable
    apply: Callable | None = None
    # Kinds removed in one statement by cutoff, not batch by batch.
    apply_all: Callable | None = None
    count: Callable | None = None


HANDLERS = {
    Kind.RESPONSES: KindHandler(_responses_due, _responses_apply),
    Kind.IDENTITIES: KindHandler(_identities_due, _identities_apply),
    Kind.CONTACTS: KindHandler(_contacts_due, _contacts_apply),
    Kind.REPORT_FILES: KindHandler(_report_files_due, _report_files_apply),
    Kind.AUDIT: KindHandler(_audit_due, apply_all=_audit_apply_all),
    Kind.SIGN_INS: KindHandler(_sign_ins_due, apply_all=_sign_ins_apply_all, count=_sign_ins_count),
    Kind.ACCOUNTS: KindHandler(_accounts_due, _accounts_apply),
}


def as_date(value) -> datetime.date | None:
    if value is None:
        return None
    if isinstance(value, datetime.datetime):
        from django.utils import timezone

        return timezone.localtime(value).date() if timezone.is_aware(value) else value.date()
    return value


__all__ = ["HANDLERS", "Due", "KindHandler", "as_date", "with_last_activity"]
