"""Erasure: identities go, statistics stay. Each erasure is one transaction, so nothing
is left half-erased, and ends by redacting the audit trail's entries about what it
blanked (the trail kept the old values of every change)."""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.db import transaction

from outreach.audit.services import record_event

from ..kinds import CONTACT_BLANKS, ERASED_EMAIL_DOMAIN, active_administrator_ids
from .people import CONTACT, PARTICIPANT, USER
from .redact import REPLACEMENT, redact


class ErasureRefused(Exception):
    """The erasure would break the application (the last administrator)."""


def _bookings_blank(email: str) -> None:
    from programmes.models import Booking

    if not email:
        return
    bookings = Booking.objects.filter(contact_email__iexact=email)
    ids = list(bookings.values_list("pk", flat=True))
    bookings.update(contact_name=REPLACEMENT, contact_email="", access_needs="")
    for pk in ids:
        redact(Booking, pk)


def participant_erase_everything(*, participant, user) -> None:
    """The programmes' erasure (identity, reference, names in the access log, the trail
    about the participant, and its "erase" event), and the free text written about them:
    support notes and reasons for skipping a stage, with the trail's copies of them."""
    from programmes.models import ParticipantStage, SupportRecord
    from programmes.services.participants import participant_erase

    participant_erase(participant=participant, user=user)
    for model, field in ((SupportRecord, "notes"), (ParticipantStage, "skip_reason")):
        rows = model.objects.filter(participant=participant)
        ids = list(rows.values_list("pk", flat=True))
        rows.update(**{field: ""})
        for pk in ids:
            redact(model, pk)


def contact_erase(*, contact) -> None:
    from partners.models import Contact

    pk = contact.pk
    _bookings_blank(contact.email)
    Contact.objects.filter(pk=pk).update(**CONTACT_BLANKS)
    Contact.objects.filter(pk=pk).delete()
    redact(Contact, pk)


def user_anonymise(*, user) -> None:
    """Deactivate an account and remove its name and email everywhere they are kept;
    what the user did (bookings made, stages recorded, reports asked for) stays, by a
    nameless account."""
    from axes.models import AccessAttempt, AccessFailureLog, AccessLog
    from rest_framework.authtoken.models import Token

    from outreach.accounts.models import Membership
    from programmes.models import NamedRecordAccess

    User = get_user_model()
    email = user.email
    with transaction.atomic():
        memberships = list(Membership.objects.filter(user=user).values_list("pk", flat=True))
        Membership.objects.filter(pk__in=memberships).delete()
        Token.objects.filter(user=user).delete()
        User.objects.filter(pk=user.pk).update(
            email=f"erased-{user.pk}@{ERASED_EMAIL_DOMAIN}",
            full_name="",
            is_active=False,
            is_staff=False,
            is_superuser=False,
            password=make_password(None),
        )
        NamedRecordAccess.objects.filter(user=user).update(user_email=REPLACEMENT)
        NamedRecordAccess.objects.filter(user_email__iexact=email).update(user_email=REPLACEMENT)
        _bookings_blank(email)
        for model in (AccessLog, AccessFailureLog, AccessAttempt):
            model.objects.filter(username__iexact=email).delete()
        for pk in memberships:
            redact(Membership, pk)
        redact(User, user.pk)


def erase_person(*, kind: str, person, user) -> None:
    """Erase one person, logged as an "erase" event that names only the record's key."""
    from partners.models import Contact

    with transaction.atomic():
        if kind == PARTICIPANT:
            participant_erase_everything(participant=person, user=user)
            return  # participant_erase records the "erase" event itself
        if kind == CONTACT:
            contact_erase(contact=person)
            subject = (Contact, person.pk)
        elif kind == USER:
            if person.pk in active_administrator_ids() and len(active_administrator_ids()) == 1:
                raise ErasureRefused("This is the only active administrator.")
            user_anonymise(user=person)
            subject = (get_user_model(), person.pk)
        else:
            raise ValueError(kind)
        record_event("erase", subject=subject, summary=f"{kind} erased", data={"kind": kind})
