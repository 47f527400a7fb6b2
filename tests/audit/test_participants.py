"""Participants stay pseudonymised in the trail: identity values are never stored, a view
of the name is an access entry, and erasure leaves no trace of what was erased."""

import datetime

import pytest

from outreach.accounts.factories import UserFactory
from outreach.audit.context import audit_context
from outreach.audit.models import AuditEntry
from programmes.factories import CohortFactory
from programmes.models import NamedRecordAccess
from programmes.services import participants as svc

pytestmark = pytest.mark.django_db

IDENTITY = {
    "given_name": "Zainab",
    "family_name": "Okafor",
    "email": "zainab@example.com",
    "phone": "07700 900123",
    "postcode": "GL4 6XY",
}


def make(staff):
    with audit_context(actor=staff, source="web"):
        return svc.participant_create(
            cohort=CohortFactory(),
            data={
                "partner_reference": "PT-77",
                "ethnic_group": "black_african",
                "age_band": "18-21",
                "consent_on": datetime.date(2025, 1, 6),
                "consent_version": "v2",
            },
            identity=IDENTITY,
            user=staff,
        )


def stored() -> str:
    return str(list(AuditEntry.objects.values("object_repr", "changes", "detail", "data")))


def test_identity_values_never_reach_the_trail():
    staff = UserFactory()
    participant = make(staff)
    assert AuditEntry.objects.filter(model="programmes.participantidentity").exists()
    for value in IDENTITY.values():
        assert value not in stored()
    identity = AuditEntry.objects.get(model="programmes.participantidentity", action="create")
    assert identity.changes["given_name"] == [None, "changed"]
    assert identity.object_repr == f"Identity of participant {participant.pk}"


def test_a_view_of_the_name_is_in_both_logs():
    staff = UserFactory()
    participant = make(staff)
    with audit_context(actor=staff, source="web"):
        svc.identity_view(participant=participant, user=staff)
    view = AuditEntry.objects.get(kind="access", model="programmes.participant")
    assert view.object_pk == str(participant.pk)
    assert view.actor == staff
    assert NamedRecordAccess.objects.filter(participant=participant, action="viewed").exists()


def test_erasure_blanks_the_partners_reference_and_is_itself_recorded():
    staff = UserFactory()
    participant = make(staff)
    assert "PT-77" in stored()
    with audit_context(actor=staff, source="web"):
        svc.participant_erase(participant=participant, user=staff)
    assert "PT-77" not in stored()
    erase = AuditEntry.objects.get(action="erase")
    assert erase.object_pk == str(participant.pk)
    assert erase.actor == staff
    create = AuditEntry.objects.get(model="programmes.participant", action="create")
    assert create.actor == staff  # who and when stay
