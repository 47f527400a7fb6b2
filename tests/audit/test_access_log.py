"""Views and exports of named personal data are in the trail: who saw what."""

import pytest
from django.urls import reverse
from rest_framework.test import APIClient

from outreach.audit.models import AuditEntry
from partners.factories import ContactFactory

pytestmark = pytest.mark.django_db


def accesses(**filters):
    return AuditEntry.objects.filter(kind="access", **filters)


def test_an_organisation_page_showing_contacts_records_one_view(client, lead, vcse):
    ContactFactory.create_batch(3, organisation=vcse)
    client.force_login(lead)
    assert client.get(reverse("partners:organisation_detail", args=[vcse.pk])).status_code == 200
    entry = accesses(model="partners.contact").get()
    assert entry.action == "view"
    assert entry.rows == 3
    assert f"organisation {vcse.pk}" in entry.detail
    assert entry.actor == lead


def test_a_page_without_contacts_records_nothing(client, lead, vcse):
    client.force_login(lead)
    client.get(reverse("partners:organisation_detail", args=[vcse.pk]))
    assert not accesses().exists()


def test_the_contact_api_records_lists_and_single_reads(partner, vcse):
    contact = ContactFactory(organisation=vcse)
    api = APIClient()
    api.force_authenticate(partner)
    assert api.get("/api/v1/contacts/").status_code == 200
    assert api.get(f"/api/v1/contacts/{contact.pk}/").status_code == 200
    listed, single = accesses(model="partners.contact").order_by("pk")
    assert listed.rows == 1
    assert listed.source == "api"
    assert single.object_pk == str(contact.pk)


def test_the_administrators_streamed_export_is_recorded(client, administrator):
    from tests.reporting.test_exports import download_query

    client.force_login(administrator)
    response = client.post(reverse("reporting:export_download"), download_query())
    assert response.status_code == 200
    b"".join(response.streaming_content)
    entry = accesses(action="export").get()
    assert "streamed as CSV" in entry.detail
    assert entry.actor == administrator
