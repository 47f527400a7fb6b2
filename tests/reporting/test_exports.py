"""Administrators' exports: rows, scope, pseudonymisation, formula injection, the page's
access and streaming, and a query count that does not grow with rows."""

import csv
import datetime
import io
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from openpyxl import load_workbook

from programmes.factories import EventFactory
from reporting.exports import EXPORTS
from reporting.exports.csv_stream import csv_chunks
from reporting.exports.xlsx import write_xlsx
from reporting.models import ReportKind
from reporting.render.safe import neutralise
from reporting.scope import ReportScope
from tests.reporting.export_data import DAY, PERIOD, build_programme

pytestmark = pytest.mark.django_db


@pytest.fixture
def data(home_area, other_area, icb, other_icb, school, other_school):
    home, participant = build_programme(home_area, icb, school, name="We Want You")
    other, _ = build_programme(other_area, other_icb, other_school, name="Kent Careers")
    return {"home": home, "other": other, "participant": participant}


def rows_of(kind, scope=None, period=PERIOD):
    export = EXPORTS[kind]
    rows = list(export.rows(scope=scope or ReportScope.national(), period=period))
    return [dict(zip(export.header, row, strict=True)) for row in rows]


def read_csv(chunks) -> list[list[str]]:
    text = b"".join(chunks).decode("utf-8")
    assert text.startswith("\ufeff")
    return list(csv.reader(io.StringIO(text[1:])))


def test_every_export_kind_has_an_export():
    assert set(EXPORTS) == {
        ReportKind.EXPORT_EVENTS,
        ReportKind.EXPORT_BOOKINGS,
        ReportKind.EXPORT_RESPONSES,
        ReportKind.EXPORT_PARTICIPANTS,
    }


def test_events_export_one_row_per_event_with_its_grouped_columns(data, school, home_area):
    [row] = rows_of(ReportKind.EXPORT_EVENTS, ReportScope.areas([home_area]))
    assert row["Programme"] == "We Want You"
    assert row["ICB area"] == home_area.name
    assert row["Date"] == DAY
    assert (row["Academic year"], row["Term"]) == ("2025/26", "Autumn")
    assert (row["School URN"], row["School"]) == (school.urn, school.name)
    assert (row["Participants"], row["Parents and carers"]) == (28, 3)
    assert set(row["Goals"].split("; ")) == {"Awareness", "Aspiration"}
    assert set(row["Gatsby Benchmarks"].split("; ")) == {"5", "6"}
    assert row["Delivering organisations"] == data["home"].lead_organisation.name
    assert row["Ambassador hours"] == Decimal("3.5")


def test_events_outside_the_period_are_left_out(data):
    titles = [row["Title"] for row in rows_of(ReportKind.EXPORT_EVENTS)]
    assert "Last year" not in titles
    assert len(titles) == 2  # one an area, nationally


def test_bookings_export(data, school, home_area):
    [row] = rows_of(ReportKind.EXPORT_BOOKINGS, ReportScope.areas([home_area]))
    assert row["Workshop offer"] == "A day as a paramedic"
    assert row["Slot date"] == DAY
    assert row["Start time"] == datetime.time(10)
    assert (row["School"], row["Year group"], row["Students"]) == (school.name, "Year 9", 25)
    assert row["Status"] == "Confirmed"
    assert row["Priority group"] == "Other schools"
    assert row["Cancelled"] is None
    assert row["Created"].tzinfo is None
    # The teacher's contact details are not part of it.
    assert "Ms Teacher" not in str(row)
    assert "teacher@school.example" not in str(row)


def test_a_target_school_is_in_the_priority_group(data, school, home_area):
    data["home"].target_schools.set([school])
    [row] = rows_of(ReportKind.EXPORT_BOOKINGS, ReportScope.areas([home_area]))
    assert row["Priority group"] == "Target school or IMD decile 1–3"


def test_answers_export_one_row_per_answer_and_no_respondent_identifier(data, home_area):
    rows = rows_of(ReportKind.EXPORT_RESPONSES, ReportScope.areas([home_area]))
    assert [(r["Question key"], r["Answer value"], r["Answer text"]) for r in rows] == [
        ("likes", "yes", ""),
        ("why", None, "=HYPERLINK(evil)"),
    ]
    assert rows[0]["Goal"] == "Aspiration"
    assert rows[0]["Submitted on"] == datetime.date(2025, 10, 16)
    assert rows[0]["Response ID"] == rows[1]["Response ID"]
    header = " ".join(EXPORTS[ReportKind.EXPORT_RESPONSES].header).lower()
    assert "client" not in header
    assert "match" not in header
    assert "AB12" not in str(rows)


def test_participants_export_is_pseudonymised(data, home_area):
    participant = data["participant"]
    export = EXPORTS[ReportKind.EXPORT_PARTICIPANTS]
    with CaptureQueriesContext(connection) as queries:
        [row] = rows_of(ReportKind.EXPORT_PARTICIPANTS, ReportScope.areas([home_area]))
    assert row["Participant reference"] == participant.reference
    assert row["Ethnic group"] == "Asian: Indian"
    assert row["IMD quintile"] == "1 (most deprived)"
    assert row["Furthest stage"] == "Referred"
    assert row["Referred on"] == datetime.date(2025, 1, 6)
    assert row["Enrolled on"] is None
    header = " ".join(export.header).lower()
    for word in ("name", "email", "phone", "postcode"):
        assert word not in header
    identity = participant.identity
    for secret in (identity.given_name, identity.family_name, identity.email):
        assert secret not in str(row)
    assert queries.captured_queries
    assert not any("participantidentity" in q["sql"].lower() for q in queries.captured_queries)


@pytest.mark.parametrize("kind", list(EXPORTS))
def test_an_area_scope_leaves_other_areas_out(data, home_area, kind):
    rows = rows_of(kind, ReportScope.areas([home_area]))
    assert rows
    assert all(row.get("ICB area") == home_area.name for row in rows)
    assert len(rows_of(kind)) == 2 * len(rows)


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("=1+2", "'=1+2"),
        ("+44", "'+44"),
        ("-x", "'-x"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\tx", "'\tx"),
        ("\rx", "'\rx"),
        ("plain", "plain"),
        (-5, -5),
        (Decimal("-1.5"), Decimal("-1.5")),
        (None, None),
    ],
)
def test_neutralise(value, expected):
    assert neutralise(value) == expected


def test_csv_neutralises_formulas_and_keeps_numbers(data, home_area):
    scope = ReportScope.areas([home_area])
    header, *rows = read_csv(
        csv_chunks(EXPORTS[ReportKind.EXPORT_RESPONSES], scope=scope, period=PERIOD)
    )
    text = header.index("Answer text")
    assert rows[1][text] == "'=HYPERLINK(evil)"
    header, event = read_csv(
        csv_chunks(EXPORTS[ReportKind.EXPORT_EVENTS], scope=scope, period=PERIOD)
    )
    assert event[header.index("Participants")] == "28"
    assert event[header.index("Date")] == "2025-10-15"


def test_csv_comes_in_chunks_of_rows(home_area, icb):
    from programmes.factories import ProgrammeFactory

    programme = ProgrammeFactory(area=home_area, lead_organisation=icb)
    EventFactory.create_batch(501, programme=programme, date=DAY)
    chunks = list(
        csv_chunks(EXPORTS[ReportKind.EXPORT_EVENTS], scope=ReportScope.national(), period=PERIOD)
    )
    assert len(chunks) == 2
    assert chunks[0].startswith("\ufeff".encode())


def test_xlsx_has_numbers_as_numbers_and_neutralised_text(data, tmp_path, home_area):
    target = tmp_path / "answers.xlsx"
    calls = []
    written = write_xlsx(
        EXPORTS[ReportKind.EXPORT_RESPONSES],
        scope=ReportScope.areas([home_area]),
        period=PERIOD,
        target=target,
        progress=lambda percent, stage: calls.append(percent),
    )
    assert written == 2
    assert calls[-1] == 100
    sheet = load_workbook(target).active
    header, *rows = [list(row) for row in sheet.iter_rows(values_only=True)]
    assert rows[1][header.index("Answer text")] == "'=HYPERLINK(evil)"
    assert isinstance(rows[0][header.index("Response ID")], int)


def test_xlsx_to_a_file_object_drops_control_characters(data, home_area):
    from surveys.models import Answer

    Answer.objects.filter(text__startswith="=").update(text="bad\x0bcharacter")
    buffer = io.BytesIO()
    written = write_xlsx(
        EXPORTS[ReportKind.EXPORT_RESPONSES],
        scope=ReportScope.areas([home_area]),
        period=PERIOD,
        target=buffer,
    )
    assert written == 2
    buffer.seek(0)
    values = [c for row in load_workbook(buffer).active.iter_rows(values_only=True) for c in row]
    assert "badcharacter" in values


@pytest.mark.parametrize("kind", list(EXPORTS))
def test_the_stream_query_count_does_not_grow_with_rows(
    home_area, icb, school, kind, django_assert_max_num_queries
):
    from programmes.factories import ProgrammeFactory

    def stream():
        with django_assert_max_num_queries(2):
            b"".join(csv_chunks(EXPORTS[kind], scope=ReportScope.areas([home_area]), period=PERIOD))

    build_programme(home_area, icb, school, name="Small")
    stream()
    programme = ProgrammeFactory(area=home_area, lead_organisation=icb)
    EventFactory.create_batch(200, programme=programme, date=DAY, school=school)
    for _ in range(9):
        build_programme(home_area, icb, school, name="More")
    stream()


# The page --------------------------------------------------------------------------


def download_query(**overrides):
    query = {
        "export": ReportKind.EXPORT_EVENTS,
        "scope": "national",
        "date_from_day": "1",
        "date_from_month": "9",
        "date_from_year": "2025",
        "date_to_day": "31",
        "date_to_month": "8",
        "date_to_year": "2026",
    }
    query.update(overrides)
    return query


@pytest.mark.parametrize("persona", ["lead", "partner", "careers", "outsider", "no_role"])
@pytest.mark.parametrize("route", ["reporting:exports", "reporting:export_download"])
def test_only_administrators_may_export(client, request, persona, route):
    client.force_login(request.getfixturevalue(persona))
    response = client.post(reverse(route), download_query())
    assert response.status_code == 403


def test_the_page_shows_the_form(client, administrator):
    client.force_login(administrator)
    response = client.get(reverse("reporting:exports"))
    assert response.status_code == 200
    assert b"Download CSV now" in response.content


def test_download_streams_a_csv_attachment(client, administrator, data):
    client.force_login(administrator)
    response = client.post(reverse("reporting:export_download"), download_query())
    assert response.status_code == 200
    assert response.streaming
    assert response["Content-Disposition"] == (
        'attachment; filename="outreach-events-2025-09-01-to-2026-08-31.csv"'
    )
    header, *rows = read_csv(response.streaming_content)
    assert header[0] == "Event ID"
    assert len(rows) == 2


def test_download_for_chosen_areas(client, administrator, data, home_area):
    client.force_login(administrator)
    query = download_query(scope="areas", areas=[home_area.pk])
    response = client.post(reverse("reporting:export_download"), query)
    _, *rows = read_csv(response.streaming_content)
    assert len(rows) == 1


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"date_to_year": "2024"}, "The end date must be the same as or after the start date"),
        ({"date_to_year": "2031"}, "The end date must be within 5 years of the start date"),
        ({"date_from_day": ""}, "The start date must be a real date"),
        (
            {"date_from_day": "", "date_from_month": "", "date_from_year": ""},
            "Enter the date the export starts from",
        ),
        ({"scope": "areas"}, "Select at least one ICB area"),
        ({"export": "impact"}, "Select a valid choice"),
    ],
)
def test_bad_input_is_refused_beside_the_field(client, administrator, overrides, message):
    client.force_login(administrator)
    response = client.post(reverse("reporting:export_download"), download_query(**overrides))
    assert response.status_code == 200
    assert not response.streaming
    content = response.content.decode()
    assert "There is a problem" in content
    assert message in content
    assert "nhsuk-error-message" in content


def test_an_excel_file_is_built_in_the_background_as_a_run(client, administrator, data, media):
    from reporting.models import FileFormat, ReportRun, RunStatus

    client.force_login(administrator)
    response = client.post(reverse("reporting:export_download"), download_query(format="xlsx"))
    run = ReportRun.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("reporting:run_detail", args=[run.pk])
    assert run.kind == ReportKind.EXPORT_EVENTS
    assert run.status == RunStatus.DONE
    assert run.rows == 2
    assert list(run.files.values_list("format", flat=True)) == [FileFormat.XLSX]
    page = client.get(response["Location"]).content.decode()
    assert "2 rows exported" in page
