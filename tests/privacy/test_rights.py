"""People's rights: an export holds the person's data and nobody else's; erasure removes
identities everywhere (the audit trail included) and leaves every figure as it was."""

import io
import json
import zipfile

import pytest
from django.urls import reverse

from outreach.accounts.factories import MembershipFactory, UserFactory
from outreach.accounts.roles import Role
from outreach.audit.context import audit_context
from outreach.audit.models import AuditEntry
from outreach.privacy.rights import (
    ErasureRefused,
    erase_person,
    export_csv_zip,
    export_json,
    export_person,
)
from partners.factories import ContactFactory
from partners.models import Contact
from partners.services import contact_update
from programmes.factories import ParticipantFactory
from programmes.models import ParticipantIdentity, ParticipantStage, SupportRecord
from programmes.selectors.cohorts import cohort_dashboard
from programmes.services.participants import access_record, participant_update

pytestmark = pytest.mark.django_db


def _trail_text() -> str:
    rows = AuditEntry.objects.values_list("actor_label", "object_repr", "changes", "detail", "data")
    return json.dumps(list(rows), default=str)


@pytest.fixture
def participant(partner, vcse):
    person = ParticipantFactory(cohort__delivering_organisation=vcse, partner_reference="VC-77")
    identity = person.identity
    identity.given_name, identity.family_name = "Alex", "Rivers"
    identity.email, identity.phone = "alex.rivers@example.com", "07700 900123"
    identity.save()
    ParticipantStage.objects.create(participant=person, stage="referred", occurred_on="2025-01-06")
    SupportRecord.objects.create(
        participant=person, kind="mentoring", occurred_on="2025-02-01", notes="Alex is shy"
    )
    access_record(participant=person, user=partner, action="viewed")
    return person


def test_a_participants_export_holds_their_data_and_nobody_elses(participant, administrator):
    other = ParticipantFactory(cohort=participant.cohort)
    sections = export_person(kind="participant", person=participant, user=administrator)
    text = export_json(sections).decode()
    assert "alex.rivers@example.com" in text
    assert "Rivers" in text
    assert participant.reference in text
    assert other.identity.email not in text
    assert other.reference not in text
    assert "partner@example.org" not in text  # staff who viewed appear by what they did
    assert sections["stages"][0]["stage"] == "referred"
    assert sections["named_record_views"][0]["action"] == "viewed"
    assert AuditEntry.objects.filter(action="rights_export").count() == 1


def test_the_csv_export_is_one_file_per_kind_with_formulas_neutralised(administrator):
    contact = ContactFactory(name='=HYPERLINK("http://x")', email="dana@example.org")
    sections = export_person(kind="contact", person=contact, user=administrator)
    archive = zipfile.ZipFile(io.BytesIO(export_csv_zip(sections)))
    assert set(archive.namelist()) == {"contact.csv", "bookings.csv", "audit_entries.csv"}
    body = archive.read("contact.csv").decode("utf-8-sig")
    assert "'=HYPERLINK" in body
    assert "dana@example.org" in body


def test_erasing_a_participant_keeps_the_figures_and_removes_them_from_the_trail(
    participant, partner, administrator
):
    with audit_context(actor=partner):
        participant_update(
            participant=participant,
            data={"partner_reference": "VC-78"},
            identity={"family_name": "Rivers-Smith"},
        )
    cohort = participant.cohort
    figures = repr(cohort_dashboard(cohort=cohort, named=False))
    assert "VC-78" in _trail_text()  # the trail kept the change until the erasure
    erase_person(kind="participant", person=participant, user=administrator)
    assert repr(cohort_dashboard(cohort=cohort, named=False)) == figures
    identity = ParticipantIdentity.objects.get(participant=participant)
    assert (identity.given_name, identity.email, identity.phone) == ("", "", "")
    assert SupportRecord.objects.get(participant=participant).notes == ""
    trail = _trail_text()
    for secret in ("Rivers", "alex.rivers", "VC-77", "VC-78", "Alex is shy"):
        assert secret not in trail
    assert AuditEntry.objects.filter(action="erase", object_pk=str(participant.pk)).exists()


def test_erasing_a_contact_removes_their_name_from_the_audit_trail(administrator):
    contact = ContactFactory(name="Jo Bloggs", email="jo.bloggs@example.org", phone="0117 496 0000")
    contact_update(contact=contact, data={"job_title": "Head of careers, Jo's school"})
    assert "Jo Bloggs" in _trail_text()
    erase_person(kind="contact", person=contact, user=administrator)
    assert not Contact.objects.filter(pk=contact.pk).exists()
    trail = _trail_text()
    assert "Jo Bloggs" not in trail
    assert "jo.bloggs@example.org" not in trail
    assert "0117 496 0000" not in trail


def test_erasing_a_user_closes_the_account_and_blanks_them_as_an_actor(administrator, vcse):
    person = MembershipFactory(
        user=UserFactory(email="chris.user@example.org", full_name="Chris User"),
        organisation=vcse,
        role=Role.DELIVERY_PARTNER,
    ).user
    with audit_context(actor=person):
        ContactFactory(name="Made By Chris")
    assert "chris.user@example.org" in _trail_text()
    sections = export_person(kind="user", person=person, user=administrator)
    assert sections["account"][0]["email"] == "chris.user@example.org"
    assert sections["memberships"][0]["role"] == "Delivery partner"
    erase_person(kind="user", person=person, user=administrator)
    person.refresh_from_db()
    assert not person.is_active
    assert person.full_name == ""
    assert not person.memberships.exists()
    trail = _trail_text()
    assert "chris.user@example.org" not in trail
    assert "Chris User" not in trail
    assert "Made By Chris" in trail  # what they did stays


def test_the_last_active_administrator_cannot_be_erased(administrator):
    with pytest.raises(ErasureRefused):
        erase_person(kind="user", person=administrator, user=administrator)
    administrator.refresh_from_db()
    assert administrator.is_active


# Pages ----------------------------------------------------------------------------------


ROUTES = ["privacy:person", "privacy:erase"]


@pytest.mark.parametrize("persona", ["lead", "partner", "careers", "outsider", "no_role"])
@pytest.mark.parametrize("route", ROUTES)
def test_only_administrators_reach_a_persons_pages(client, request, participant, persona, route):
    client.force_login(request.getfixturevalue(persona))
    response = client.get(reverse(route, args=["participant", participant.pk]))
    assert response.status_code == 403
    response = client.get(reverse("privacy:export", args=["participant", participant.pk, "json"]))
    assert response.status_code == 403
    response = client.get(reverse("privacy:retention_edit", args=["audit"]))
    assert response.status_code == 403
    assert not AuditEntry.objects.filter(action="rights_export").exists()


def test_an_administrator_downloads_both_exports(client, administrator, participant):
    client.force_login(administrator)
    page = client.get(reverse("privacy:person", args=["participant", participant.pk]))
    assert page.status_code == 200
    assert b"Rivers" not in page.content
    as_json = client.get(reverse("privacy:export", args=["participant", participant.pk, "json"]))
    assert as_json.status_code == 200
    assert json.loads(as_json.content)["identity"][0]["given_name"] == "Alex"
    as_zip = client.get(reverse("privacy:export", args=["participant", participant.pk, "zip"]))
    assert zipfile.ZipFile(io.BytesIO(as_zip.content)).read("identity.csv")
    assert (
        client.get(f"/data-protection/people/participant/{participant.pk}/export.exe").status_code
        == 404
    )


def test_an_unknown_kind_or_person_is_not_found(client, administrator):
    client.force_login(administrator)
    assert client.get(reverse("privacy:person", args=["dog", 1])).status_code == 404
    assert client.get(reverse("privacy:person", args=["contact", 99999])).status_code == 404


def test_erasure_asks_for_the_word_and_changes_nothing_without_it(
    client, administrator, participant
):
    client.force_login(administrator)
    url = reverse("privacy:erase", args=["participant", participant.pk])
    assert client.get(url).status_code == 200
    assert client.post(url, {"confirm": "erase please"}).status_code == 400
    assert ParticipantIdentity.objects.get(participant=participant).given_name == "Alex"
    response = client.post(url, {"confirm": "ERASE"})
    assert response.status_code == 302
    assert ParticipantIdentity.objects.get(participant=participant).given_name == ""


def test_erasure_needs_the_csrf_token(administrator, participant):
    from django.test import Client

    client = Client(enforce_csrf_checks=True)
    client.force_login(administrator)
    url = reverse("privacy:erase", args=["participant", participant.pk])
    assert client.post(url, {"confirm": "ERASE"}).status_code == 403
    assert ParticipantIdentity.objects.get(participant=participant).given_name == "Alex"


def test_a_failed_erasure_leaves_nothing_half_erased(administrator, participant, monkeypatch):
    from outreach.privacy.rights import erase as erase_module

    def fail(*args, **kwargs):
        raise RuntimeError("trail unavailable")

    monkeypatch.setattr(erase_module, "redact", fail)
    with pytest.raises(RuntimeError):
        erase_person(kind="participant", person=participant, user=administrator)
    participant.refresh_from_db()
    assert participant.erased_at is None
    assert participant.partner_reference == "VC-77"
    assert (
        ParticipantIdentity.objects.get(participant=participant).email == "alex.rivers@example.com"
    )


def test_the_schedule_page_saves_a_valid_period_and_refuses_zero(client, administrator):
    client.force_login(administrator)
    url = reverse("privacy:retention_edit", args=["sign_ins"])
    refused = client.post(url, {"period": "0", "unit": "days", "action": "delete"})
    assert refused.status_code == 400
    saved = client.post(url, {"period": "14", "unit": "days", "action": "delete"})
    assert saved.status_code == 302
    page = client.get(reverse("privacy:retention"))
    assert b"14 days" in page.content
    assert client.get(reverse("privacy:dry_run")).status_code == 200


def test_the_search_finds_a_participant_by_reference(client, administrator, participant):
    client.force_login(administrator)
    response = client.get(
        reverse("privacy:index"), {"kind": "participant", "text": participant.reference}
    )
    assert (
        reverse("privacy:person", args=["participant", participant.pk]).encode() in response.content
    )


def test_the_page_explains_why_the_last_administrator_cannot_be_erased(client, administrator):
    client.force_login(administrator)
    url = reverse("privacy:erase", args=["user", administrator.pk])
    response = client.post(url, {"confirm": "ERASE"})
    assert response.status_code == 400
    assert b"only active administrator" in response.content
    administrator.refresh_from_db()
    assert administrator.is_active
