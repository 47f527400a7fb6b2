"""Writes for participant pathways: cohorts, participants and their identity records,
stages (in order, skipping only with a reason), support, retention check-ins and their
reminders, erasure, and the access log of named-record views.

Every function is keyword-only and atomic and raises ValidationError naming the field.
"""

import calendar
import datetime
import logging

from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.formats import date_format

from outreach.accounts.models import Membership
from outreach.accounts.roles import Role
from outreach.audit.services import (
    record_access,
    record_event,
    redact_subject,
    update_recorded,
)
from partners.validators import normalise_postcode, validate_uk_postcode

from ..models import (
    AGE_BAND_BOUNDS,
    PATHWAY,
    POSITION,
    AccessAction,
    CheckInReminder,
    CheckInStatus,
    Cohort,
    ImdPostcode,
    NamedRecordAccess,
    Participant,
    ParticipantIdentity,
    ParticipantStage,
    Programme,
    RetentionCheckIn,
    Stage,
    SupportKind,
    SupportRecord,
)
from ..models.participants import PREFER_NOT
from ._common import apply

log = logging.getLogger(__name__)

COHORT_FIELDS = {
    "name",
    "delivering_organisation",
    "starts_on",
    "ends_on",
    "capacity",
    "min_age",
    "max_age",
    "offers_course",
    "offers_interview",
    "offers_mentoring",
    "offers_wellbeing",
    "offers_grants",
    "cost",
    "outcome_value",
}
PARTICIPANT_FIELDS = {
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
}
IDENTITY_FIELDS = set(ParticipantIdentity.PERSONAL_FIELDS)
STAGE_DETAILS = {"referred_by", "role", "employer", "band", "contract_type", "left_reason"}
SUPPORT_FIELDS = {"kind", "occurred_on", "amount", "hours", "notes"}
CHECK_IN_MONTHS = (3, 6, 12)


def add_months(day: datetime.date, months: int) -> datetime.date:
    month = day.month - 1 + months
    year = day.year + month // 12
    month = month % 12 + 1
    return datetime.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def _day(value: datetime.date) -> str:
    return date_format(value, "j F Y")


# Cohorts ------------------------------------------------------------------------------


@transaction.atomic
def cohort_create(*, programme: Programme, data: dict, employers=()) -> Cohort:
    cohort = Cohort(programme=programme)
    apply(cohort, data, COHORT_FIELDS)
    cohort.full_clean()
    cohort.save()
    cohort.employers.set(employers)
    return cohort


@transaction.atomic
def cohort_update(*, cohort: Cohort, data: dict, employers=None) -> Cohort:
    apply(cohort, data, COHORT_FIELDS)
    cohort.full_clean()
    cohort.save()
    if employers is not None:
        cohort.employers.set(employers)
    return cohort


# Participants -------------------------------------------------------------------------


def _age_errors(cohort: Cohort, age_band: str) -> list[str]:
    if not age_band or age_band == PREFER_NOT:
        return []
    youngest, oldest = AGE_BAND_BOUNDS[age_band]
    if youngest < cohort.min_age or (oldest or 999) > cohort.max_age:
        return [
            f"Age band {age_band} is outside this cohort's age range "
            f"({cohort.min_age} to {cohort.max_age})."
        ]
    return []


def imd_quintile_for(postcode: str) -> str:
    """The quintile of a postcode from the uploaded lookup, or ''."""
    if not postcode:
        return ""
    code = normalise_postcode(postcode)
    quintile = ImdPostcode.objects.filter(postcode=code).values_list("quintile", flat=True)
    return str(quintile[0]) if quintile else ""


def participant_errors(participant: Participant) -> dict[str, list[str]]:
    """Rules beyond the model's fields, shared by the form, the API and the import."""
    errors: dict[str, list[str]] = {}
    age = _age_errors(participant.cohort, participant.age_band)
    if age:
        errors["age_band"] = age
    if participant.partner_reference:
        clash = Participant.objects.filter(
            cohort_id=participant.cohort_id, partner_reference=participant.partner_reference
        ).exclude(pk=participant.pk)
        if clash.exists():
            errors["partner_reference"] = [
                f"Another participant in this cohort already has the reference "
                f"“{participant.partner_reference}”."
            ]
    return errors


def _validate_participant(participant: Participant, identity: ParticipantIdentity):
    errors = {}
    try:
        participant.full_clean(exclude=["cohort"], validate_constraints=False)
    except ValidationError as exc:
        errors.update(exc.message_dict)
    for name, messages in participant_errors(participant).items():
        errors.setdefault(name, []).extend(messages)
    try:
        identity.full_clean(exclude=["participant"])
    except ValidationError as exc:
        errors.update(exc.message_dict)
    if identity.postcode:
        try:
            validate_uk_postcode(identity.postcode)
            identity.postcode = normalise_postcode(identity.postcode)
        except ValidationError as exc:
            errors["postcode"] = exc.messages
    if errors:
        raise ValidationError(errors)


def _derive_imd(participant: Participant, identity: ParticipantIdentity) -> None:
    if participant.imd_quintile and not participant.imd_derived:
        return
    derived = imd_quintile_for(identity.postcode)
    participant.imd_quintile = derived
    participant.imd_derived = bool(derived)


@transaction.atomic
def participant_create(
    *, cohort: Cohort, data: dict, identity: dict | None = None, user=None
) -> Participant:
    participant = Participant(cohort=cohort)
    apply(participant, data, PARTICIPANT_FIELDS)
    person = ParticipantIdentity()
    apply(person, identity or {}, IDENTITY_FIELDS)
    _validate_participant(participant, person)
    _derive_imd(participant, person)
    participant.save()
    person.participant = participant
    person.save()
    if user is not None and (identity or {}):
        access_record(participant=participant, user=user, action=AccessAction.CHANGED)
    return participant


@transaction.atomic
def participant_update(
    *, participant: Participant, data: dict, identity: dict | None = None, user=None
) -> Participant:
    if participant.erased_at:
        raise ValidationError("This participant's personal details have been erased.")
    if (
        data.get("imd_quintile") is not None
        and data.get("imd_quintile") != participant.imd_quintile
    ):
        participant.imd_derived = False
    apply(participant, data, PARTICIPANT_FIELDS)
    person, _ = ParticipantIdentity.objects.get_or_create(participant=participant)
    apply(person, identity or {}, IDENTITY_FIELDS)
    _validate_participant(participant, person)
    if identity is not None:
        _derive_imd(participant, person)
    participant.save()
    person.save()
    if user is not None and identity is not None:
        access_record(participant=participant, user=user, action=AccessAction.CHANGED)
    return participant


# The access log ---------------------------------------------------------------------------


def access_record(*, participant: Participant, user, action: str) -> NamedRecordAccess:
    """The cohort's own log (with the name seen, for the delivering partner) and, for a
    view, the application-wide audit trail (which never holds the name)."""
    identity = ParticipantIdentity.objects.filter(participant=participant).first()
    if action == AccessAction.VIEWED:
        record_access(participant, kind="view", detail="Name and contact details")
    return NamedRecordAccess.objects.create(
        participant=participant,
        user=user,
        user_email=getattr(user, "email", "") or "",
        action=action,
        name_seen=identity.full_name if identity else "",
    )


def identity_view(*, participant: Participant, user) -> ParticipantIdentity:
    """The identity record, logging the view. Callers have checked `named_for(user)`."""
    identity, _ = ParticipantIdentity.objects.get_or_create(participant=participant)
    access_record(participant=participant, user=user, action=AccessAction.VIEWED)
    return identity


@transaction.atomic
def participant_erase(*, participant: Participant, user) -> Participant:
    """Blank the identity record and every name in the access log. The participant's
    reference, equality fields, stages, support and check-ins stay, so statistics do."""
    ParticipantIdentity.objects.update_or_create(
        participant=participant, defaults=dict.fromkeys(IDENTITY_FIELDS, "")
    )
    # The log is append-only for everyone else; erasure is its one sanctioned update.
    NamedRecordAccess.objects.filter(participant=participant).update(name_seen="")
    participant.partner_reference = ""
    participant.erased_at = timezone.now()
    participant.save(update_fields=["partner_reference", "erased_at"])
    NamedRecordAccess.objects.create(
        participant=participant,
        user=user,
        user_email=getattr(user, "email", "") or "",
        action=AccessAction.ERASED,
    )
    # The trail keeps that the erasure happened, and no longer what was erased.
    redact_subject(Participant, participant.pk)
    redact_subject(ParticipantIdentity, participant.pk)
    record_event("erase", subject=participant, summary="Participant's identity erased")
    return participant


# Stages ---------------------------------------------------------------------------------


def _label(stage: str) -> str:
    return Stage(stage).label


@transaction.atomic
def stage_record(
    *,
    participant: Participant,
    stage: str,
    occurred_on: datetime.date | None,
    skip_reason: str = "",
    details: dict | None = None,
    user=None,
    today: datetime.date | None = None,
) -> ParticipantStage:
    """Record (or correct) one stage. A stage cannot be dated before an earlier one or
    after a later one; an earlier stage not yet recorded must be skipped with a reason."""
    details = details or {}
    unknown = set(details) - STAGE_DETAILS
    if unknown:
        raise TypeError(f"unexpected fields: {sorted(unknown)}")
    today = today or timezone.localdate()
    participant = Participant.objects.select_for_update().get(pk=participant.pk)
    if stage not in Stage.values:
        raise ValidationError({"stage": ["Choose a stage from the list."]})
    if occurred_on is None:
        raise ValidationError({"occurred_on": ["Enter the date of this stage."]})
    if occurred_on > today:
        raise ValidationError({"occurred_on": ["The date cannot be in the future."]})
    skip_reason = (skip_reason or "").strip()
    existing = {s.stage: s for s in participant.stages.all()}
    dated = [
        (POSITION[s], row.occurred_on)
        for s, row in existing.items()
        if s in POSITION and row.occurred_on
    ]

    if stage == Stage.LEFT:
        if not details.get("left_reason"):
            raise ValidationError({"left_reason": ["Choose why they left."]})
        if not dated:
            raise ValidationError({"stage": ["Record at least the referral before they leave."]})
        position, latest = max(dated, key=lambda pair: pair[1])
        if occurred_on < latest:
            raise ValidationError(
                {
                    "occurred_on": [
                        f"The date they left cannot be before {_label(PATHWAY[position - 1])} "
                        f"({_day(latest)})."
                    ]
                }
            )
    else:
        if participant.left_on and stage not in existing:
            raise ValidationError(
                {"stage": [f"This participant left on {_day(participant.left_on)}."]}
            )
        position = POSITION[stage]
        before = [(p, d) for p, d in dated if p < position]
        after = [(p, d) for p, d in dated if p > position]
        if before:
            p, d = max(before, key=lambda pair: pair[1])
            if occurred_on < d:
                raise ValidationError(
                    {
                        "occurred_on": [
                            f"{_label(stage)} cannot be dated before "
                            f"{_label(PATHWAY[p - 1]).lower()} ({_day(d)})."
                        ]
                    }
                )
        if after:
            p, d = min(after, key=lambda pair: pair[1])
            if occurred_on > d:
                raise ValidationError(
                    {
                        "occurred_on": [
                            f"{_label(stage)} cannot be dated after "
                            f"{_label(PATHWAY[p - 1]).lower()} ({_day(d)})."
                        ]
                    }
                )
        missing = [s for s in PATHWAY[: position - 1] if s.value not in existing]
        if missing and not skip_reason:
            raise ValidationError(
                {
                    "skip_reason": [
                        f"{missing[0].label} has not been recorded. Record it first, or give "
                        f"a reason for skipping "
                        + ", ".join(s.label.lower() for s in missing)
                        + "."
                    ]
                }
            )
        if stage == Stage.OFFERED:
            errors = {}
            if not details.get("role"):
                errors["role"] = ["Choose the role offered."]
            if not details.get("employer"):
                errors["employer"] = ["Choose the employer."]
            if errors:
                raise ValidationError(errors)
        for skipped in missing:
            ParticipantStage.objects.create(
                participant=participant,
                stage=skipped,
                skipped=True,
                skip_reason=skip_reason,
                recorded_by=user,
            )

    row = existing.get(stage) or ParticipantStage(participant=participant, stage=stage)
    row.occurred_on = occurred_on
    row.skipped = False
    row.skip_reason = "" if stage != Stage.LEFT else row.skip_reason
    for name, value in details.items():
        setattr(row, name, value)
    row.recorded_by = user
    row.save()

    if stage == Stage.LEFT:
        participant.left_on = occurred_on
        RetentionCheckIn.objects.filter(
            participant=participant, status=CheckInStatus.DUE, due_on__gt=occurred_on
        ).delete()
        update_recorded(
            RetentionCheckIn.objects.filter(
                participant=participant, status=CheckInStatus.DUE, due_on__lte=occurred_on
            ),
            status=CheckInStatus.LEFT,
            answered_on=occurred_on,
        )
    else:
        participant.furthest_position = max(participant.furthest_position, POSITION[stage])
        if stage == Stage.STARTED:
            _schedule_check_ins(participant, occurred_on)
        check_in_months = {Stage.IN_POST_3: 3, Stage.IN_POST_6: 6, Stage.IN_POST_12: 12}
        if stage in check_in_months:
            update_recorded(
                RetentionCheckIn.objects.filter(
                    participant=participant, months=check_in_months[stage]
                ),
                status=CheckInStatus.IN_POST,
                answered_on=occurred_on,
            )
    participant.save(update_fields=["furthest_position", "left_on"])
    return row


def _schedule_check_ins(participant: Participant, started_on: datetime.date) -> None:
    for months in CHECK_IN_MONTHS:
        due = add_months(started_on, months)
        check_in, created = RetentionCheckIn.objects.get_or_create(
            participant=participant, months=months, defaults={"due_on": due}
        )
        if not created and check_in.status == CheckInStatus.DUE and check_in.due_on != due:
            check_in.due_on = due
            check_in.save(update_fields=["due_on"])


@transaction.atomic
def check_in_answer(
    *,
    check_in: RetentionCheckIn,
    in_post: bool,
    answered_on: datetime.date,
    left_reason: str = "",
    left_on: datetime.date | None = None,
    user=None,
    today: datetime.date | None = None,
) -> RetentionCheckIn:
    """ "Still in post?" — yes records the in-post stage, no records that they left."""
    today = today or timezone.localdate()
    if answered_on < check_in.due_on:
        raise ValidationError(
            {"answered_on": [f"This check-in is not due until {_day(check_in.due_on)}."]}
        )
    if in_post:
        stage_record(
            participant=check_in.participant,
            stage=check_in.stage,
            occurred_on=answered_on,
            user=user,
            today=today,
        )
    else:
        update_recorded(
            RetentionCheckIn.objects.filter(pk=check_in.pk),
            status=CheckInStatus.LEFT,
            answered_on=answered_on,
        )
        stage_record(
            participant=check_in.participant,
            stage=Stage.LEFT,
            occurred_on=left_on or answered_on,
            details={"left_reason": left_reason},
            user=user,
            today=today,
        )
    check_in.refresh_from_db()
    return check_in


# Support ----------------------------------------------------------------------------------


@transaction.atomic
def support_add(*, participant: Participant, data: dict) -> SupportRecord:
    record = SupportRecord(participant=participant)
    apply(record, data, SUPPORT_FIELDS)
    record.full_clean()
    if record.kind == SupportKind.GRANT and record.amount is None:
        raise ValidationError({"amount": ["Enter the amount of the grant."]})
    record.save()
    return record


# Check-in reminders -------------------------------------------------------------------


def check_in_reminders_send(*, today: datetime.date | None = None) -> int:
    """Email the delivering organisation's delivery partners about each check-in that has
    fallen due and not been answered. Each check-in is reminded once: the reminder row is
    created first (unique per check-in), and only the run that creates it sends."""
    today = today or timezone.localdate()
    due = (
        RetentionCheckIn.objects.filter(
            status=CheckInStatus.DUE, due_on__lte=today, reminder__isnull=True
        )
        .select_related("participant__cohort")
        .order_by("due_on", "pk")
    )
    sent = 0
    for check_in in due.iterator(chunk_size=500):
        cohort = check_in.participant.cohort
        recipients = list(
            Membership.objects.filter(
                organisation_id=cohort.delivering_organisation_id,
                role=Role.DELIVERY_PARTNER,
                user__is_active=True,
            ).values_list("user__email", flat=True)
        )
        try:
            with transaction.atomic():
                CheckInReminder.objects.create(check_in=check_in, recipients=len(recipients))
                if recipients:
                    subject = f"Still in post? {check_in.participant.reference}, {cohort.name}"
                    body = (
                        f"Participant {check_in.participant.reference} on {cohort.name} "
                        f"started work {check_in.months} months ago. Please confirm whether "
                        f"they are still in post.\n\nThe check-in was due on "
                        f"{_day(check_in.due_on)}."
                    )
                    transaction.on_commit(
                        lambda s=subject, b=body, r=recipients: send_mail(s, b, None, r)
                    )
        except IntegrityError:
            continue  # another run got there first
        sent += 1
    log.info("sent %s check-in reminders", sent)
    return sent


# IMD lookup -----------------------------------------------------------------------------


@transaction.atomic
def imd_lookup_load(*, rows) -> int:
    """Replace the postcode → IMD quintile lookup with `rows` of (postcode, quintile).
    All rows are checked first; one bad row changes nothing."""
    entries = {}
    errors = []
    for number, (postcode, quintile) in enumerate(rows, start=2):
        try:
            validate_uk_postcode(postcode)
            code = normalise_postcode(postcode)
        except ValidationError:
            errors.append(f"Row {number}: “{postcode}” is not a postcode.")
            continue
        try:
            value = int(str(quintile).strip())
        except ValueError:
            value = 0
        if not 1 <= value <= 5:
            errors.append(f"Row {number}: the quintile must be a whole number from 1 to 5.")
            continue
        entries[code] = value
    if errors:
        raise ValidationError(errors)
    ImdPostcode.objects.all().delete()
    ImdPostcode.objects.bulk_create(
        [ImdPostcode(postcode=code, quintile=value) for code, value in entries.items()],
        batch_size=2000,
    )
    # A lookup table replaced whole: one entry, not one per postcode.
    record_event(
        "lookup_replace", summary="IMD postcode lookup replaced", data={"rows": len(entries)}
    )
    return len(entries)
