"""The public API other parts of the application call."""

import datetime

import pytest
from django.utils import timezone

from outreach.accounts.factories import UserFactory
from outreach.audit.context import audit_context
from outreach.audit.models import AppendOnly, AuditEntry
from outreach.audit.services import (
    purge_before,
    record_access,
    record_event,
    redact_subject,
)
from partners.factories import ICBAreaFactory

pytestmark = pytest.mark.django_db


def test_it_records_a_create_with_the_acting_user_and_source():
    user = UserFactory(email="ann@example.org")
    with audit_context(actor=user, source="command"):
        area = ICBAreaFactory(name="NHS Somewhere ICB")
    entry = AuditEntry.objects.get(model="partners.icbarea", object_pk=str(area.pk))
    assert entry.action == "create"
    assert entry.actor == user
    assert entry.actor_label == "ann@example.org"
    assert entry.source == "command"
    assert entry.changes["name"] == [None, "NHS Somewhere ICB"]


def test_it_records_an_update_as_before_and_after_without_reading_the_row_again(
    django_assert_num_queries,
):
    area = ICBAreaFactory(name="Old name")
    area = type(area).objects.get(pk=area.pk)
    area.name = "New name"
    with django_assert_num_queries(2):  # the UPDATE, the audit INSERT
        area.save()
    entry = AuditEntry.objects.filter(action="update").get()
    assert entry.changes == {"name": ["Old name", "New name"]}
    assert entry.source == "system"
    assert entry.actor is None


def test_a_save_that_changes_nothing_writes_no_entry():
    area = ICBAreaFactory()
    area.save()
    assert not AuditEntry.objects.filter(action="update").exists()


def test_contexts_nest_and_restore():
    user = UserFactory()
    with audit_context(actor=user, source="task"):
        with audit_context(source="import"):
            record_event("retention_run")
        record_event("erase")
    record_event("rights_export")
    sources = dict(AuditEntry.objects.filter(kind="event").values_list("action", "source"))
    assert sources == {"retention_run": "import", "erase": "task", "rights_export": "system"}
    assert AuditEntry.objects.get(action="retention_run").actor == user


def test_entries_cannot_be_changed_or_deleted_from_the_application():
    entry = record_access(None, kind="export", detail="All contacts", rows=3)
    entry.detail = "nothing"
    with pytest.raises(AppendOnly):
        entry.save()
    with pytest.raises(AppendOnly):
        entry.delete()
    with pytest.raises(AppendOnly):
        AuditEntry.objects.filter(pk=entry.pk).update(detail="x")
    with pytest.raises(AppendOnly):
        AuditEntry.objects.all().delete()


def test_redact_subject_blanks_the_record_and_the_user_as_actor():
    user = UserFactory(email="zed@example.org", full_name="Zed Zedson")
    with audit_context(actor=user):
        area = ICBAreaFactory(name="Zed's area")
    touched = redact_subject(type(user), user.pk)
    assert touched >= 2  # the user's own creation, and the area they created
    area_entry = AuditEntry.objects.get(model="partners.icbarea", object_pk=str(area.pk))
    assert area_entry.actor_label == "[erased]"
    assert area_entry.changes["name"] == [None, "Zed's area"]
    user_entry = AuditEntry.objects.get(
        model="accounts.user", object_pk=str(user.pk), action="create"
    )
    assert user_entry.object_repr == "[erased]"
    assert "zed@example.org" not in str(user_entry.changes)
    assert user_entry.action == "create"


def test_purge_before_deletes_only_older_entries():
    record_event("old")
    cutoff = timezone.now() + datetime.timedelta(seconds=1)
    assert purge_before(cutoff) == 1
    assert list(AuditEntry.objects.values_list("action", flat=True)) == ["audit_purge"]
