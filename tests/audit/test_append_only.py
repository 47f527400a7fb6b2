"""No role can change or delete an entry: not the admin site, not the model, and on
PostgreSQL not even raw SQL, except through the two maintenance services."""

import datetime

import pytest
from django.db import DatabaseError, connection, transaction
from django.urls import reverse
from django.utils import timezone

from outreach.accounts.factories import UserFactory
from outreach.audit.context import audit_context
from outreach.audit.models import AuditEntry
from outreach.audit.services import purge_before, record_event, redact_subject
from partners.factories import ContactFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def superuser(administrator):
    administrator.is_superuser = True
    administrator.is_staff = True
    administrator.save()
    return administrator


def test_the_admin_lists_entries_but_offers_no_add_change_or_delete(client, superuser):
    entry = record_event("erase", summary="Something erased")
    client.force_login(superuser)
    listing = client.get(reverse("admin:audit_auditentry_changelist"))
    assert listing.status_code == 200
    assert b"Something erased" in listing.content or b"erase" in listing.content
    assert client.get(reverse("admin:audit_auditentry_add")).status_code == 403
    page = client.get(reverse("admin:audit_auditentry_change", args=[entry.pk]))
    assert page.status_code == 200
    assert b'name="_save"' not in page.content
    changed = client.post(
        reverse("admin:audit_auditentry_change", args=[entry.pk]), {"detail": "rewritten"}
    )
    assert changed.status_code == 403
    deleted = client.post(
        reverse("admin:audit_auditentry_delete", args=[entry.pk]), {"post": "yes"}
    )
    assert deleted.status_code == 403
    bulk = client.post(
        reverse("admin:audit_auditentry_changelist"),
        {"action": "delete_selected", "_selected_action": [entry.pk], "post": "yes"},
    )
    assert bulk.status_code in (200, 302)
    entry_now = AuditEntry.objects.get(pk=entry.pk)
    assert entry_now.detail == "Something erased"


def test_passwords_and_link_tokens_are_never_stored():
    user = UserFactory(password="correct horse battery staple")
    user.set_password("another secret phrase")
    user.save()
    stored = str(list(AuditEntry.objects.filter(model="accounts.user").values("changes")))
    assert "correct horse" not in stored
    assert "another secret" not in stored
    assert user.password not in stored
    assert "pbkdf2" not in stored
    update = AuditEntry.objects.filter(model="accounts.user", action="update").last()
    assert update.changes["password"] == ["changed", "changed"]


def test_sign_ins_do_not_write_entries(client, lead):
    before = AuditEntry.objects.filter(model="accounts.user").count()
    client.force_login(lead)  # sets last_login, which is bookkeeping
    assert AuditEntry.objects.filter(model="accounts.user").count() == before


def test_a_users_label_survives_their_deletion():
    user = UserFactory(email="leaver@example.org")
    with audit_context(actor=user):
        contact = ContactFactory()
    user.delete()
    entry = AuditEntry.objects.get(model="partners.contact", object_pk=str(contact.pk))
    assert entry.actor_label == "leaver@example.org"
    assert AuditEntry.objects.filter(model="accounts.user", action="delete").exists()


def _raw(sql, *params):
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(sql, params)


@pytest.mark.postgres
def test_raw_sql_update_and_delete_are_refused_on_postgres():
    entry = record_event("erase", summary="kept")
    with pytest.raises(DatabaseError, match="append-only"):
        _raw("UPDATE audit_auditentry SET detail = 'forged' WHERE id = %s", entry.pk)
    with pytest.raises(DatabaseError, match="append-only"):
        _raw("DELETE FROM audit_auditentry WHERE id = %s", entry.pk)
    assert AuditEntry.objects.get(pk=entry.pk).detail == "kept"


@pytest.mark.postgres
def test_the_maintenance_setting_does_not_outlive_the_service_on_postgres():
    entry = record_event("erase", summary="kept")
    with transaction.atomic():
        redact_subject("partners.contact", 999)
        # Still inside the same outer transaction: the trigger is back on.
        with pytest.raises(DatabaseError, match="append-only"):
            _raw("UPDATE audit_auditentry SET detail = 'forged' WHERE id = %s", entry.pk)


@pytest.mark.postgres
def test_redact_and_purge_work_through_the_trigger_on_postgres():
    user = UserFactory(email="erased.person@example.org", full_name="Erin Erased")
    with audit_context(actor=user, source="web"):
        contact = ContactFactory(name="Carla Contact", email="carla@example.org")
    touched = redact_subject(type(contact), contact.pk)
    entry = AuditEntry.objects.get(model="partners.contact", object_pk=str(contact.pk))
    assert touched == 1
    assert entry.object_repr == "[erased]"
    assert "carla@example.org" not in str(entry.changes)
    assert entry.action == "create"
    assert entry.actor_label == "erased.person@example.org"

    assert redact_subject(type(user), user.pk) >= 2
    entry = AuditEntry.objects.get(model="partners.contact", object_pk=str(contact.pk))
    assert entry.actor_label == "[erased]"
    assert entry.actor_id == user.pk

    old = record_event("old")
    AuditEntry.objects.filter(pk=old.pk)  # a read is fine
    deleted = purge_before(timezone.now() + datetime.timedelta(seconds=1))
    assert deleted >= 3
    assert list(AuditEntry.objects.values_list("action", flat=True)) == ["audit_purge"]
