"""Changes made through pages, the API, imports and tasks all reach the trail, with who
made them and from where."""

import pytest
from django.urls import reverse
from rest_framework.test import APIClient

from outreach.audit.models import AuditEntry
from partners.factories import ContactFactory
from partners.imports.schools import schools_import
from partners.models import Contact, Organisation
from reporting import services as reporting
from reporting.models import ReportKind, RunStatus
from reporting.periods import Period
from reporting.scope import ReportScope

pytestmark = pytest.mark.django_db


def entries(model, pk=None, **filters):
    found = AuditEntry.objects.filter(model=model, **filters)
    return found.filter(object_pk=str(pk)) if pk is not None else found


CONTACT = {
    "name": "Priya Shah",
    "job_title": "Volunteer coordinator",
    "email": "priya.shah@example.org",
    "phone": "",
    "preferred_contact": "email",
    "accessibility_needs": "",
    "is_key_contact": "False",
}


def test_a_page_post_records_the_change_with_user_ip_and_request_id(client, partner, vcse):
    contact = ContactFactory(organisation=vcse, name="Priya Shah", email="priya@example.org")
    client.force_login(partner)
    response = client.post(
        reverse("partners:contact_edit", args=[contact.pk]),
        CONTACT,
        REMOTE_ADDR="203.0.113.9",
        HTTP_X_REQUEST_ID="req-42",
    )
    assert response.status_code == 302
    entry = entries("partners.contact", contact.pk, action="update").get()
    assert entry.changes["email"] == ["priya@example.org", "priya.shah@example.org"]
    assert entry.actor == partner
    assert entry.actor_label == partner.email
    assert entry.source == "web"
    assert entry.ip_address == "203.0.113.9"
    assert entry.request_id == "req-42"


def test_an_api_call_records_source_api_and_the_token_user(partner, vcse):
    client = APIClient()
    client.force_authenticate(partner)
    response = client.post(
        "/api/v1/contacts/",
        {"organisation": vcse.pk, "name": "Ada Api", "email": "ada@example.org"},
        format="json",
    )
    assert response.status_code == 201
    contact = Contact.objects.get(name="Ada Api")
    entry = entries("partners.contact", contact.pk, action="create").get()
    assert entry.source == "api"
    assert entry.actor == partner
    assert entry.changes["email"] == [None, "ada@example.org"]


def test_an_api_delete_keeps_what_was_deleted(partner, vcse):
    contact = ContactFactory(organisation=vcse, name="Gone Soon")
    client = APIClient()
    client.force_authenticate(partner)
    assert client.delete(f"/api/v1/contacts/{contact.pk}/").status_code == 204
    entry = entries("partners.contact", contact.pk, action="delete").get()
    assert entry.object_repr.startswith("Gone Soon")
    assert entry.changes["name"] == ["Gone Soon", None]


HEADER = (
    "URN,EstablishmentName,TypeOfEstablishment (name),PhaseOfEducation (name),LA (name),"
    "Postcode,NumberOfPupils,PercentageFSM,EstablishmentStatus (name)\r\n"
)
MAP = {"gloucestershire": "NHS Gloucestershire ICB"}


SCHOOL = "Academy converter,Secondary,Gloucestershire"
CLEEVE = "115799,Cleeve School," + SCHOOL + ",GL52 8AE,{pupils},9.8,Open"
PITTVILLE = "115800,Pittville School," + SCHOOL + ",GL52 3JD,900,,Open"


def gias(*rows):
    return (HEADER + "".join(row + "\r\n" for row in rows)).encode()


def test_a_bulk_import_records_every_created_and_changed_school(home_area):
    schools_import(
        raw=gias(
            CLEEVE.format(pupils=1650),
            PITTVILLE,
        ),
        area_map=MAP,
    )
    created = entries("partners.organisation", action="create", source="import")
    assert created.count() == 2
    cleeve = Organisation.objects.get(urn=115799)
    assert created.get(object_pk=str(cleeve.pk)).changes["number_of_pupils"] == [None, 1650]

    schools_import(
        raw=gias(
            CLEEVE.format(pupils=1700),
            PITTVILLE,
        )
    )
    changed = entries("partners.organisation", cleeve.pk, action="update").get()
    assert changed.changes == {"number_of_pupils": [1650, 1700]}
    assert changed.source == "import"


def test_a_dry_run_import_leaves_no_entries(home_area):
    schools_import(
        raw=gias(CLEEVE.format(pupils=1650)),
        area_map=MAP,
        dry_run=True,
    )
    assert not entries("partners.organisation").exists()


def test_a_task_records_status_changes_but_not_each_heartbeat(lead, programme, media):
    run, _ = reporting.report_run_start(
        user=lead,
        kind=ReportKind.ANNUAL_CYCLE,
        scope=ReportScope.programme(programme),
        period=Period.academic(2024),
    )  # the task runs in-process in tests
    run.refresh_from_db()
    assert run.status == RunStatus.DONE
    trail = entries("reporting.reportrun", run.pk).order_by("at", "pk")
    assert trail[0].action == "create"
    assert trail[0].source == "web" or trail[0].source == "system"
    statuses = [e.changes["status"][1] for e in trail if e.action == "update"]
    assert statuses == [RunStatus.RUNNING, RunStatus.DONE]
    assert {e.source for e in trail if e.action == "update"} == {"task"}
    assert all("progress" not in e.changes and "heartbeat_at" not in e.changes for e in trail)
    assert entries("reporting.reportfile", source="task", action="create").exists()
