"""The administrators' audit page: filters, newest first, a fixed number of queries, and
a CSV download that is itself recorded."""

import csv
import datetime
import io

import pytest
from django.urls import reverse

from outreach.audit.context import audit_context
from outreach.audit.models import AuditEntry
from outreach.audit.services import record_change, record_event
from partners.factories import ContactFactory

pytestmark = pytest.mark.django_db


def page(client, **query):
    return client.get(reverse("audit:list"), query)


def test_only_administrators_open_it(client, lead):
    client.force_login(lead)
    assert page(client).status_code == 403


def test_it_shows_changes_with_field_labels_newest_first(client, administrator, lead, vcse):
    with audit_context(actor=lead, source="web"):
        contact = ContactFactory(organisation=vcse, name="Old Name", email="old@example.org")
        contact.name = "New Name"
        contact.save()
    client.force_login(administrator)
    response = page(client, model="partners.contact", object_pk=contact.pk)
    assert response.status_code == 200
    rows = response.context["rows"]
    assert [row["entry"].action for row in rows] == ["update", "create"]
    (change,) = rows[0]["changes"]
    assert (change.label, change.before, change.after) == ("Name", "Old Name", "New Name")
    html = response.content.decode()
    assert "changed from </span>Old Name" in html
    assert lead.email in html


def test_with_no_filter_it_lists_the_newest_entries(client, administrator, vcse):
    with audit_context(actor=administrator, source="web"):
        ContactFactory(organisation=vcse, name="Listed Contact")
    client.force_login(administrator)
    response = client.get(reverse("audit:list"))
    assert response.status_code == 200
    assert response.context["rows"], "the page opens on the newest entries, unfiltered"
    assert "Listed Contact" in response.content.decode()


def test_filters_by_user_action_and_dates(client, administrator, lead, partner, vcse):
    with audit_context(actor=lead):
        ContactFactory(organisation=vcse)
    with audit_context(actor=partner):
        record_event("erase", summary="by the partner")
    client.force_login(administrator)

    by_partner = page(client, user=partner.email).context["rows"]
    assert {row["entry"].actor_label for row in by_partner} == {partner.email}

    erasures = page(client, action="erase").context["rows"]
    assert [row["entry"].detail for row in erasures] == ["by the partner"]

    today = datetime.datetime.now(datetime.UTC).date()
    assert page(client, date_from=today.isoformat(), date_to=today.isoformat()).context["rows"]
    tomorrow = today + datetime.timedelta(days=1)
    assert page(client, date_from=tomorrow.isoformat()).context["rows"] == []


def test_a_bad_filter_is_explained_not_crashed(client, administrator):
    client.force_login(administrator)
    response = page(client, date_from="not-a-date", action="nonsense")
    assert response.status_code == 400
    assert "Error:" in response.content.decode()


@pytest.mark.parametrize("count", [1, 60])
def test_the_query_count_does_not_grow_with_rows(
    client, administrator, vcse, count, django_assert_max_num_queries
):
    for n in range(count):
        record_change("update", vcse, changes={"name": [f"n{n}", f"n{n + 1}"]})
    client.force_login(administrator)
    page(client)  # warm the session and the user
    # session, user, memberships (scope), COUNT, the page's ids, the page of entries.
    with django_assert_max_num_queries(7):
        response = page(client, model="partners.organisation", action="update")
    assert len(response.context["rows"]) == min(count, 50)


def test_the_csv_download_is_neutralised_and_recorded(client, administrator, vcse):
    with audit_context(source="web"):
        record_change("update", vcse, changes={"name": ["Plain", "=HYPERLINK(1)"]})
    client.force_login(administrator)
    response = client.get(
        reverse("audit:export"), {"model": "partners.organisation", "action": "update"}
    )
    assert response.status_code == 200
    body = b"".join(response.streaming_content).decode("utf-8-sig")
    header, *rows = list(csv.reader(io.StringIO(body)))
    assert header[0] == "When (UTC)"
    assert len(rows) == 1
    assert rows[0][9] == "Name: Plain → =HYPERLINK(1)"  # safe: it does not start with "="
    assert rows[0][8].startswith(str(vcse)[:5])
    logged = AuditEntry.objects.get(kind="access", action="export")
    assert "Audit trail as CSV" in logged.detail
    assert logged.rows == 1
    assert logged.actor == administrator


def test_a_cell_starting_with_a_formula_is_quoted(client, administrator):
    record_event("erase", summary="=cmd|' /C calc'!A0")
    client.force_login(administrator)
    response = client.get(reverse("audit:export"), {"action": "erase"})
    body = b"".join(response.streaming_content).decode("utf-8-sig")
    _, row = list(csv.reader(io.StringIO(body)))
    assert row[10] == "'=cmd|' /C calc'!A0"


def test_the_navigation_shows_the_audit_trail_to_administrators_only(client, administrator, lead):
    client.force_login(administrator)
    assert reverse("audit:list") in client.get("/").content.decode()
    client.force_login(lead)
    assert reverse("audit:list") not in client.get("/").content.decode()
