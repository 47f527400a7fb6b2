"""The files a finished run offers, read back as the person downloading them would."""

import csv
import io
import re
import zipfile

import pytest
from openpyxl import load_workbook
from pypdf import PdfReader

from programmes.models import FeedbackQuote
from reporting import services
from reporting.document import Report
from reporting.models import FileFormat, ReportKind, RunStatus
from reporting.periods import Period
from reporting.scope import ReportScope


def _run(lead, programme, kind, options=None):
    run, _ = services.report_run_start(
        user=lead,
        kind=kind,
        scope=ReportScope.programme(programme),
        period=Period.academic(2024),
        options=options or {},
    )
    run.refresh_from_db()
    assert run.status == RunStatus.DONE, run.message
    return run


@pytest.fixture
def impact_run(lead, programme, media):
    FeedbackQuote.objects.create(
        event=programme.events.first(),
        text='=HYPERLINK("http://x") I never knew nurses did research',
        attribution="Year 10 student",
    )
    quote = FeedbackQuote.objects.get()
    return _run(lead, programme, ReportKind.IMPACT, {"quote_ids": [quote.pk]})


def _file(run, fmt) -> bytes:
    with run.files.get(format=fmt).file.open("rb") as handle:
        return handle.read()


@pytest.mark.parametrize("kind", [ReportKind.ANNUAL_CYCLE, ReportKind.IMPACT])
def test_the_pdf_has_a_cover_every_section_and_its_charts(lead, programme, media, kind):
    FeedbackQuote.objects.create(
        event=programme.events.first(), text="I never knew nurses did research", attribution="Y10"
    )
    options = {"quote_ids": [FeedbackQuote.objects.get().pk]} if kind == ReportKind.IMPACT else {}
    run = _run(lead, programme, kind, options)
    reader = PdfReader(io.BytesIO(_file(run, FileFormat.PDF)))
    document = Report.from_dict(run.result)
    cover = reader.pages[0].extract_text()
    assert document.title.split(" 20")[0] in cover
    assert "We Want You" in cover
    assert "2024/25" in cover
    text = " ".join(page.extract_text() for page in reader.pages)
    flat = re.sub(r"\s+", " ", text)
    for section in document.sections:
        assert section.title in flat
    assert f"Page 1 of {len(reader.pages)}" in flat
    charts = [t for _, t in document.tables() if t.chart and t.rows]
    if kind == ReportKind.ANNUAL_CYCLE:
        assert charts, "the annual cycle charts planned against delivered by term"
    for table in charts:
        assert table.chart.title in flat
        assert all(category in flat for category in table.chart.categories)
    assert not any(page.images for page in reader.pages)  # charts are vectors
    if kind == ReportKind.IMPACT:
        assert "I never knew nurses did research" in flat


def test_the_spreadsheet_has_real_numbers_a_definitions_sheet_and_safe_text(impact_run):
    book = load_workbook(io.BytesIO(_file(impact_run, FileFormat.XLSX)))
    assert "Definitions" in book.sheetnames
    numbers = [
        cell.value
        for sheet in book.worksheets
        for row in sheet.iter_rows()
        for cell in row
        if isinstance(cell.value, int | float)
    ]
    assert 80 in numbers  # two events of 40 students each
    texts = [
        cell.value
        for sheet in book.worksheets
        for row in sheet.iter_rows()
        for cell in row
        if isinstance(cell.value, str)
    ]
    assert not any(t.startswith("=") for t in texts)
    assert any(t.startswith("'=HYPERLINK") for t in texts)


def test_the_csv_zip_has_one_file_per_table_and_safe_text(impact_run):
    archive = zipfile.ZipFile(io.BytesIO(_file(impact_run, FileFormat.CSV_ZIP)))
    names = archive.namelist()
    document = Report.from_dict(impact_run.result)
    assert len([n for n in names if n not in ("definitions.csv", "about.csv")]) == len(
        list(document.tables())
    )
    cells = [
        cell
        for name in names
        for row in csv.reader(io.StringIO(archive.read(name).decode("utf-8-sig")))
        for cell in row
    ]
    assert not any(cell.startswith("=") for cell in cells)
    assert any(cell.startswith("'=HYPERLINK") for cell in cells)


def test_a_table_of_many_columns_keeps_every_column_on_the_a4_page():
    from reporting.document import Column, Section, Table
    from reporting.render import render_pdf

    columns = [Column("goal", "Goal")] + [Column(f"c{i}", f"Heading {i}", "int") for i in range(12)]
    document = Report(
        kind="impact",
        title="Impact report",
        scope_label="An area",
        period_label="2024/25",
        generated_at="2026-12-02T00:00:00+00:00",
        sections=[
            Section(
                key="s",
                title="Questionnaires",
                tables=[
                    Table(
                        key="wide",
                        title="Before and after",
                        columns=columns,
                        rows=[["Awareness", *[1234567] * 12]],
                        definition="Wide.",
                    )
                ],
            )
        ],
    )
    pages = PdfReader(io.BytesIO(render_pdf(document))).pages
    text = re.sub(r"\s+", " ", " ".join(p.extract_text() for p in pages))
    for column in columns:
        assert column.label in text
    assert text.count("1,234,567") == 12
