"""Bulk logging from CSV or XLSX: a preview with every row's problems, then all or
nothing on confirmation, and idempotent on re-upload."""

import csv
import datetime
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from programmes.models import EngagementEvent, EventImport
from programmes.services.imports import import_check, import_confirm, import_plan
from programmes.spreadsheets import column_names, template_csv, template_xlsx
from tests.conftest import PERSONAS

from .test_pages_access import LOG, REST


@pytest.fixture
def urn_school(school):
    school.urn = 115678
    school.save()
    return school


def row(**values):
    base = {
        "external_reference": "WWY-1",
        "date": "2024-10-15",
        "activity_type": "Workshop",
        "title": "Careers in health",
        "school_urn": "115678",
        "goals": "Aspiration",
        "gatsby_benchmarks": "5;6",
        "participants": "60",
        "year_8": "30",
        "year_9": "30",
        "fsm": "12",
        "quote": "NHS isn't all doctors",
        "quote_attribution": "Student, a school in Gloucester",
    }
    base.update(values)
    return base


def as_csv(rows, columns=None) -> bytes:
    columns = columns or column_names()
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=columns)
    writer.writeheader()
    writer.writerows(rows)
    return buffer.getvalue().encode("utf-8")


def upload(client, programme, content: bytes, name="events.csv"):
    return client.post(
        reverse("programmes:import_upload", args=[programme.pk]),
        {"file": SimpleUploadedFile(name, content)},
    )


def test_the_templates_have_the_exact_columns(db):
    header = template_csv().decode("utf-8-sig").strip().split(",")
    assert header == column_names()
    assert header[:3] == ["external_reference", "date", "start_time"]
    assert {"year_7", "reception", "adult", "ethnicity_black", "send", "fsm"} <= set(header)
    from openpyxl import load_workbook

    sheet = load_workbook(io.BytesIO(template_xlsx())).worksheets[0]
    assert [cell.value for cell in sheet[1]] == column_names()


def test_a_partner_uploads_previews_confirms_and_re_uploads_without_change(
    client, partner, programme, urn_school, vcse
):
    client.force_login(partner)
    content = as_csv([row(), row(external_reference="WWY-2", date="16/10/2024")])
    response = upload(client, programme, content)
    event_import = EventImport.objects.get()
    assert response["Location"] == reverse("programmes:import", args=[event_import.pk])
    page = client.get(response["Location"])
    assert page.context["plan"] == {"new": 2, "changed": 0, "unchanged": 0}
    assert not EngagementEvent.objects.exists(), "nothing is saved before confirmation"

    client.post(response["Location"])
    event = EngagementEvent.objects.get(external_reference="WWY-1")
    assert list(event.delivering_organisations.all()) == [vcse]
    assert sorted(event.year_groups.values_list("participants", flat=True)) == [30, 30]
    assert event.quotes.get().attribution == "Student, a school in Gloucester"
    assert (event.academic_year, event.term, event.school) == (2024, "autumn", urn_school)
    stamps = dict(EngagementEvent.objects.values_list("external_reference", "updated_at"))

    response = upload(client, programme, content)
    page = client.get(response["Location"])
    assert page.context["plan"] == {"new": 0, "changed": 0, "unchanged": 2}
    client.post(response["Location"])
    assert EngagementEvent.objects.count() == 2
    assert dict(EngagementEvent.objects.values_list("external_reference", "updated_at")) == stamps
    confirmed = EventImport.objects.order_by("-pk").first()
    assert (confirmed.created, confirmed.updated, confirmed.unchanged) == (0, 0, 2)


def test_a_changed_row_updates_its_event(lead, programme, urn_school):
    first = import_check(programme=programme, user=lead, file_name="a.csv", rows=[row()])
    import_confirm(event_import=first, user=lead)
    changed = row(participants="61", year_9="31", title="Careers in health (updated)")
    second = import_check(programme=programme, user=lead, file_name="b.csv", rows=[changed])
    assert import_plan(second) == {"new": 0, "changed": 1, "unchanged": 0}
    import_confirm(event_import=second, user=lead)
    event = EngagementEvent.objects.get()
    assert (event.participants, event.title) == (61, "Careers in health (updated)")
    assert event.year_groups.get(year_group__code="year-9").participants == 31
    assert event.quotes.count() == 1


def problems(event_import):
    return {(r, column): message for r, column, message in event_import.errors}


def test_every_bad_row_is_reported_with_its_column_and_nothing_is_saved(
    lead, programme, urn_school
):
    rows = [
        row(),  # fine, but nothing is saved while other rows have problems
        row(external_reference="2", participants="70"),
        row(external_reference="3", participants="-5", year_8="", year_9="", fsm=""),
        row(external_reference="4", date="2026-01-10"),
        row(external_reference="5", school_urn="999999"),
        row(external_reference="6", activity_type="Webinar", school_urn="", delivery_mode="Online"),
        row(external_reference="WWY-1"),
        row(external_reference="8", date="31/02/2025", participants="ten"),
        row(external_reference="9", goals="Wellbeing", delivering_organisations="Nobody Ltd"),
        row(external_reference=""),
    ]
    event_import = import_check(programme=programme, user=lead, file_name="x.csv", rows=rows)
    found = problems(event_import)
    assert found[3, "year group columns"].startswith("The year-group numbers add up to 60")
    assert found[4, "participants"] == "The number of participants must be 0 or more."
    assert found[5, "date"].startswith("The date must be within the programme")
    assert found[6, "school_urn"] == "No school with URN 999999 in the directory for your area."
    assert found[7, "goal_reason"].startswith("A webinar does not usually serve Aspiration")
    assert found[8, "external_reference"] == "The reference is also used on row 2."
    assert found[9, "date"] == "“31/02/2025” is not a date like 2024-10-15 or 15/10/2024."
    assert found[9, "participants"] == "“ten” is not a whole number."
    assert "Wellbeing" in found[10, "goals"]
    assert (
        found[10, "delivering_organisations"] == "“Nobody Ltd” is not a partner of this programme."
    )
    assert found[11, "external_reference"].startswith("Give each row a reference")
    assert (2, "date") not in found
    assert event_import.rows == []
    with pytest.raises(Exception, match="Fix the rows"):
        import_confirm(event_import=event_import, user=lead)
    assert not EngagementEvent.objects.exists()


def test_an_unusual_goal_is_allowed_with_a_reason(lead, programme):
    rows = [
        row(
            activity_type="webinar",
            school_urn="",
            delivery_mode="online",
            goal_reason="Live Q&A with students",
        )
    ]
    event_import = import_check(programme=programme, user=lead, file_name="x.csv", rows=rows)
    assert event_import.errors == []
    import_confirm(event_import=event_import, user=lead)
    assert EngagementEvent.objects.get().goal_reason == "Live Q&A with students"


@pytest.mark.parametrize(
    ("content", "name", "message"),
    [
        (b"\xff\xfe\x00bad", "events.csv", "Save it as CSV UTF-8"),
        (b"\xe9t\xe9,x\n", "events.csv", "is not a CSV saved as UTF-8"),
        (b"PK\x03\x04broken", "events.xlsx", "cannot be opened as an Excel workbook"),
        (b"date,title\n2024-10-15,x\n", "events.csv", "missing these columns: external_reference"),
        (None, "events.csv", "columns the template does not: colour"),
        (b"", "events.csv", "The submitted file is empty."),
        # The kind is read from the content, whatever the name says.
        (b"x", "events.pdf", "missing these columns: external_reference"),
        (b"%PDF-1.7\n", "events.csv", "not a CSV file or an Excel workbook"),
    ],
)
def test_a_malformed_spreadsheet_gets_a_message_beside_the_field(
    client, lead, programme, content, name, message
):
    if content is None:
        content = as_csv([row()], [*column_names(), "colour"])
    client.force_login(lead)
    response = upload(client, programme, content, name)
    assert response.status_code == 200
    assert message in response.content.decode()
    assert "nhsuk-error-message" in response.content.decode()
    assert not EventImport.objects.exists()


def test_a_file_over_the_size_limit_is_refused(client, lead, programme, settings):
    settings.IMPORT_MAX_UPLOAD_BYTES = 100
    client.force_login(lead)
    response = upload(client, programme, as_csv([row()] * 3))
    assert "the largest you can upload is 100" in response.content.decode()
    assert not EventImport.objects.exists()


def test_an_excel_workbook_with_real_dates_and_numbers_imports(client, lead, programme, urn_school):
    from openpyxl import Workbook

    workbook = Workbook()
    sheet = workbook.active
    sheet.append(column_names())
    values = row()
    values.update(
        date=datetime.datetime(2024, 10, 15),
        participants=60.0,
        year_8=30,
        year_9=30,
        school_urn=115678,
    )
    sheet.append([values.get(column) for column in column_names()])
    buffer = io.BytesIO()
    workbook.save(buffer)
    client.force_login(lead)
    response = upload(client, programme, buffer.getvalue(), "events.xlsx")
    client.post(response["Location"])
    assert EngagementEvent.objects.get().date == datetime.date(2024, 10, 15)


def test_a_partner_uploads_only_events_their_organisation_delivered(
    partner, programme, urn_school, icb
):
    rows = [row(delivering_organisations=icb.name)]
    event_import = import_check(programme=programme, user=partner, file_name="x.csv", rows=rows)
    assert problems(event_import)[2, "delivering_organisations"].startswith(
        "Include your own organisation"
    )


@pytest.fixture
def an_import(lead, programme, urn_school):
    return import_check(programme=programme, user=lead, file_name="x.csv", rows=[row()])


@pytest.mark.parametrize("persona", [None, *PERSONAS], ids=lambda p: p or "anonymous")
def test_each_role_gets_the_right_answer_on_the_upload_pages(
    client, request, programme, an_import, persona
):
    user = request.getfixturevalue(persona) if persona else None
    if user:
        client.force_login(user)
    status = client.get(reverse("programmes:import_upload", args=[programme.pk])).status_code
    assert status == {**LOG, **REST}[persona]
    # Only the lead who uploaded the file sees its preview.
    preview = client.get(reverse("programmes:import", args=[an_import.pk])).status_code
    assert (
        preview
        == {"lead": 200, "partner": 404, "careers": 403, "administrator": 404, **REST}[persona]
    )
    templates = [
        reverse("programmes:import_template_csv"),
        reverse("programmes:import_template_xlsx"),
    ]
    for url in templates:
        assert client.get(url).status_code == (302 if user is None else 200)


def test_the_preview_lists_problems_a_page_at_a_time_in_fixed_queries(
    client, lead, programme, django_assert_max_num_queries
):
    client.force_login(lead)
    few = import_check(
        programme=programme, user=lead, file_name="x.csv", rows=[row(external_reference="")]
    )
    with django_assert_max_num_queries(10) as captured:
        client.get(reverse("programmes:import", args=[few.pk]))
    many = import_check(
        programme=programme,
        user=lead,
        file_name="x.csv",
        rows=[row(external_reference="", school_urn="1")] * 40,
    )
    with django_assert_max_num_queries(len(captured.captured_queries)):
        response = client.get(reverse("programmes:import", args=[many.pk]))
    assert len(response.context["page_obj"]) == 25


def test_five_hundred_rows_import_once(lead, programme, urn_school):
    rows = [row(external_reference=f"R{i}") for i in range(500)]
    first = import_check(programme=programme, user=lead, file_name="x.csv", rows=rows)
    assert import_confirm(event_import=first, user=lead).created == 500
    again = import_check(programme=programme, user=lead, file_name="x.csv", rows=rows)
    assert import_confirm(event_import=again, user=lead).unchanged == 500
    assert EngagementEvent.objects.count() == 500
