"""Spreadsheet, CSV and screen renderers, on the hand-made sample report."""

import csv
import io
import re
import zipfile

import pytest
from django.template.loader import render_to_string
from openpyxl import load_workbook

from reporting.document import Report, Section, Suppressed, Table
from reporting.models import FileFormat
from reporting.render import RENDERERS, render_csv_zip, render_xlsx
from reporting.render.safe import neutralise
from reporting.render.sample import INJECTION, QUOTE, sample_report
from reporting.render.xlsx import SheetNames


@pytest.fixture(scope="module")
def report():
    return sample_report()


def test_every_file_format_has_a_renderer():
    assert set(RENDERERS) == set(FileFormat.values)


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("=1+1", "'=1+1"),
        ("+44 7700", "'+44 7700"),
        ("-2", "'-2"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\tx", "'\tx"),
        ("\rx", "'\rx"),
        ("plain", "plain"),
        (-3, -3),
        (-2.5, -2.5),
        (None, None),
    ],
)
def test_neutralise_quotes_formula_text_and_leaves_numbers(value, expected):
    assert neutralise(value) == expected


def test_survey_exports_still_import_the_old_names():
    from surveys.views.exports import FORMULA_START, _safe

    assert _safe("=x") == "'=x"
    assert "=" in FORMULA_START


# --- XLSX ----------------------------------------------------------------------------


@pytest.fixture(scope="module")
def workbook(report):
    return load_workbook(io.BytesIO(render_xlsx(report)))


def _cells(sheet):
    return [cell for row in sheet.iter_rows() for cell in row if cell.value is not None]


def test_xlsx_has_cover_a_sheet_per_section_and_definitions(workbook, report):
    assert workbook.sheetnames == ["Cover", "Reach", "Planned against delivered", "Impact"] + [
        "Definitions"
    ]
    cover = [cell.value for cell in _cells(workbook["Cover"])]
    assert report.title in cover
    assert report.scope_label in cover
    assert report.period_label in cover
    assert all(note in cover for note in report.notes)
    definitions = list(workbook["Definitions"].iter_rows(values_only=True))
    assert len(definitions) == 1 + sum(1 for _ in report.tables())
    assert definitions[2][1] == "Events planned and delivered, by term"


def test_xlsx_figures_are_numbers_with_formats(workbook):
    rows = {row[0].value: row for row in workbook["Reach"].iter_rows() if row[0].value}
    students = rows["Students reached"][1]
    assert students.value == 8176
    assert students.data_type == "n"
    assert students.number_format == "#,##0"
    autumn = rows["Autumn 2025"]
    assert autumn[3].value == pytest.approx(0.936)  # 93.6% as Excel counts percent
    assert "%" in autumn[3].number_format
    assert rows["Students with special educational needs"][1].value == "1 to 4"

    impact = {row[0].value: row for row in workbook["Impact"].iter_rows() if row[0].value}
    assert impact["Cost per participant"][1].value == pytest.approx(193.21)
    assert "£" in impact["Cost per participant"][1].number_format
    change = impact["Cost per participant"][2]
    assert change.value == pytest.approx(-8.25)  # a negative number is still a number
    assert change.data_type == "n"


def test_xlsx_neutralises_formula_text(workbook):
    values = [cell.value for cell in _cells(workbook["Impact"])]
    assert "'" + INJECTION in values
    assert INJECTION not in values
    assert "'+ parent" in values
    assert QUOTE in values
    assert not any(cell.data_type == "f" for sheet in workbook for cell in _cells(sheet))


def test_xlsx_empty_table_shows_its_message(workbook):
    values = [cell.value for cell in _cells(workbook["Planned against delivered"])]
    assert "Every target school was reached (19 of 19)." in values


def test_sheet_names_are_valid_and_unique():
    names = SheetNames("Cover", "Definitions")
    claimed = [
        names.claim("Reach: schools [by term] / year? *all* \\ of them, and more besides"),
        names.claim("Reach: schools [by term] / year? *all* \\ of them, and more besides"),
        names.claim("cover"),
        names.claim("'quoted'"),
        names.claim("History"),
        names.claim("???"),
    ]
    assert len({name.lower() for name in claimed}) == len(claimed)
    for name in claimed:
        assert 0 < len(name) <= 31
        assert not set(name) & set("[]:*?/\\")
        assert not name.startswith("'")
        assert not name.endswith("'")
    assert claimed[2].lower() != "cover"
    assert claimed[4].lower() != "history"


def test_xlsx_sheets_for_sections_with_clashing_titles():
    report = Report(
        kind="impact",
        title="T",
        scope_label="S",
        period_label="P",
        generated_at="not a date",
        sections=[Section(key=f"s{n}", title="Definitions: what/why?") for n in range(3)],
    )
    book = load_workbook(io.BytesIO(render_xlsx(report)))
    assert len(set(book.sheetnames)) == 5
    assert all(len(name) <= 31 for name in book.sheetnames)


# --- CSV zip -------------------------------------------------------------------------


@pytest.fixture(scope="module")
def archive(report):
    return zipfile.ZipFile(io.BytesIO(render_csv_zip(report)))


def _read(archive, name):
    data = archive.read(name)
    assert data.startswith(b"\xef\xbb\xbf"), f"{name} has no byte-order mark"
    return list(csv.reader(io.StringIO(data.decode("utf-8-sig"))))


def test_csv_zip_has_one_file_per_table_and_definitions(archive, report):
    expected = {f"{section.key}-{table.key}.csv" for section, table in report.tables()}
    names = set(archive.namelist())
    assert expected <= names
    assert names - expected == {"definitions.csv", "about.csv"}
    assert all(info.compress_type == zipfile.ZIP_DEFLATED for info in archive.infolist())
    definitions = _read(archive, "definitions.csv")
    assert definitions[0] == ["file", "section", "table", "definition"]
    assert len(definitions) == 1 + len(expected)


def test_csv_cells_are_neutralised_and_suppressed_shown_as_label(archive):
    quotes = _read(archive, "impact-quotes.csv")
    assert quotes[0] == ["Quote", "Who"]
    assert ["'" + INJECTION, "Careers lead"] in quotes
    assert [QUOTE, "Year 9 student"] in quotes
    goals = _read(archive, "delivery-events-by-goal.csv")
    assert ["Access", "60", "1 to 4", "1 to 4"] in goals
    assert ["Achievement", "40", "", ""] in goals
    money = _read(archive, "impact-value-for-money.csv")
    assert ["Cost per participant", "193.21", "-8.25"] in money  # not "'-8.25"


def test_csv_empty_table_is_its_header(archive):
    assert _read(archive, "delivery-target-schools-not-reached.csv") == [["School", "URN"]]


def test_csv_zip_is_the_same_bytes_for_the_same_report(report):
    assert render_csv_zip(report) == render_csv_zip(report)


# --- Screen --------------------------------------------------------------------------


@pytest.fixture(scope="module")
def screen(report):
    return render_to_string("reporting/includes/document.html", {"report": report})


def test_screen_tables_have_captions_column_headers_and_definitions(screen, report):
    for section, table in report.tables():
        assert section.title in screen
        if table.rows:
            assert '<caption class="nhsuk-table__caption nhsuk-u-visually-hidden">' in screen
    assert screen.count('<table class="nhsuk-table') == sum(
        1 for _, table in report.tables() if table.rows
    )
    assert '<th scope="col" class="nhsuk-table__header">Measure</th>' in screen
    assert 'scope="row"' in screen
    assert "How this is counted:</span> Students are counted once per event" in screen
    assert "Every target school was reached (19 of 19)." in screen
    assert all(note.replace("“", "&#8220;")[:10] in screen for note in report.notes)


def test_screen_formats_numbers(screen):
    assert "nhsuk-table__cell--numeric" in screen
    assert ">8,176<" in screen
    assert ">93.6%<" in screen
    assert ">£125,000<" in screen
    assert ">£193.21<" in screen
    assert ">-8.2<" in screen or ">-8.3<" in screen  # one decimal place
    assert 'outreach-report-suppressed">1 to 4<' in screen


def test_screen_escapes_text_and_has_no_inline_style_or_script(screen):
    assert "<quotes & comments>" not in screen
    assert "&lt;quotes &amp; comments&gt;" in screen
    assert not re.search(r"\sstyle=", screen)
    assert "<script" not in screen


def test_screen_charts_come_before_their_tables(screen):
    chart = screen.index('aria-label="Events by goal"')
    table = screen.index("<caption", chart)
    assert chart < table
    assert screen.count("<svg") == sum(
        1 for _, table in sample_report().tables() if table.chart and table.rows
    )


def test_a_table_without_rows_shows_no_chart():
    from reporting.document import Chart, Column, Series

    table = Table(
        key="t",
        title="Nothing yet",
        columns=[Column("a", "A")],
        rows=[],
        definition="",
        chart=Chart(title="c", categories=["x"], series=[Series("s", [Suppressed()])]),
    )
    section = Section("s", "S", [table])
    report = Report("impact", "T", "S", "P", "2026-01-01T00:00:00+00:00", [section])
    html = render_to_string("reporting/includes/document.html", {"report": report})
    assert "<svg" not in html
    assert "Nothing to show for this scope and period." in html
