"""A compiled report as an Excel workbook, written in openpyxl's write-only mode.

Sheets: "Cover" (what the report covers, its notes, a list of sheets), one sheet per
section with its tables one under another, and "Definitions". Figures are real numbers
with number formats, so they can be summed and charted; a suppressed cell is its label as
text and never a number. Every string goes through `neutralise` first.
"""

import datetime
import io
import re

from django.utils import timezone

from reporting.document import DECIMAL, INTEGER, MONEY, PERCENT, Report, Suppressed

from .formatting import NUMERIC_KINDS, format_value, is_number
from .safe import neutralise

SHEET_NAME_MAX = 31
# Characters Excel refuses in a sheet name.
FORBIDDEN = re.compile(r"[\[\]:*?/\\]")
# Names Excel keeps for itself, and the sheets this workbook always has.
RESERVED = {"history"}
COVER, DEFINITIONS = "Cover", "Definitions"
NUMBER_FORMATS = {INTEGER: "#,##0", DECIMAL: "#,##0.0", MONEY: '"£"#,##0.00'}
WIDTH_MIN, WIDTH_MAX = 10, 60
GREY = "4C6272"


class SheetNames:
    """Sheet names Excel accepts: at most 31 characters, none of []:*?/\\, not starting
    or ending with an apostrophe, and unique ignoring case."""

    def __init__(self, *taken: str):
        self.used = {name.lower() for name in taken} | RESERVED

    def claim(self, wanted: str) -> str:
        base = re.sub(r"\s+", " ", FORBIDDEN.sub(" ", wanted)).strip().strip("'").strip()
        base = base[:SHEET_NAME_MAX].rstrip() or "Sheet"
        name, number = base, 1
        while name.lower() in self.used:
            number += 1
            suffix = f" ({number})"
            name = base[: SHEET_NAME_MAX - len(suffix)].rstrip() + suffix
        self.used.add(name.lower())
        return name


class _Styles:
    """Fonts and fills made once per workbook (openpyxl keeps one copy of each anyway)."""

    def __init__(self):
        from openpyxl.styles import Alignment, Font, PatternFill

        self.title = Font(bold=True, size=14)
        self.table_title = Font(bold=True, size=12)
        self.bold = Font(bold=True)
        self.muted = Font(italic=True, color=GREY)
        self.header_fill = PatternFill("solid", fgColor="E8EDEE")
        self.right = Alignment(horizontal="right")
        self.wrap = Alignment(wrap_text=True, vertical="top")


def _cell(sheet, value, *, font=None, fill=None, number_format=None, alignment=None):
    from openpyxl.cell import WriteOnlyCell

    cell = WriteOnlyCell(sheet, value=neutralise(value))
    if font:
        cell.font = font
    if fill:
        cell.fill = fill
    if number_format:
        cell.number_format = number_format
    if alignment:
        cell.alignment = alignment
    return cell


def _figure(sheet, styles, value, kind):
    """One table cell: a number with its format, a suppressed label, text, or nothing."""
    if value is None:
        return None
    if isinstance(value, Suppressed):
        right = styles.right if kind in NUMERIC_KINDS else None
        return _cell(sheet, value.label, font=styles.muted, alignment=right)
    if is_number(value):
        if kind == PERCENT:
            # Documents count percent as 0 to 100; Excel's percent format wants 0 to 1.
            whole = float(value).is_integer()
            # Rounded so 93.6 is stored as 0.936, not 0.9359999999999999.
            ratio = round(value / 100, 12)
            return _cell(sheet, ratio, number_format="0%" if whole else "0.0%")
        return _cell(sheet, value, number_format=NUMBER_FORMATS.get(kind))
    return _cell(sheet, value if isinstance(value, str) else str(value))


def _widths(sheet, rows_of_text: list[list[str]], *, first: int = WIDTH_MIN):
    """Column widths from the longest text in each column (write-only sheets cannot be
    measured afterwards, so this runs before any row is written)."""
    from openpyxl.utils import get_column_letter

    widths: dict[int, int] = {}
    for row in rows_of_text:
        for index, text in enumerate(row):
            widths[index] = max(widths.get(index, WIDTH_MIN), len(text) + 2)
    widths[0] = max(widths.get(0, WIDTH_MIN), first)
    for index, width in widths.items():
        sheet.column_dimensions[get_column_letter(index + 1)].width = min(width, WIDTH_MAX)


def _generated(report: Report):
    """The generated time as a date Excel understands: UK local time, no time zone."""
    try:
        moment = datetime.datetime.fromisoformat(report.generated_at)
    except ValueError:
        return report.generated_at
    if timezone.is_aware(moment):
        moment = timezone.localtime(moment).replace(tzinfo=None)
    return moment


def _cover(book, styles, report: Report, sheet_titles: list[tuple[str, str]]):
    sheet = book.create_sheet(COVER)
    sheet.column_dimensions["A"].width = 16
    sheet.column_dimensions["B"].width = 90
    sheet.append([_cell(sheet, report.title, font=styles.title)])
    sheet.append([])
    for label, value in (("Scope", report.scope_label), ("Period", report.period_label)):
        sheet.append([_cell(sheet, label, font=styles.bold), _cell(sheet, value)])
    sheet.append(
        [
            _cell(sheet, "Generated", font=styles.bold),
            _cell(sheet, _generated(report), number_format="d mmmm yyyy hh:mm"),
        ]
    )
    if report.notes:
        sheet.append([])
        sheet.append([_cell(sheet, "Notes", font=styles.bold)])
        for note in report.notes:
            sheet.append([None, _cell(sheet, note, alignment=styles.wrap)])
    sheet.append([])
    sheet.append([_cell(sheet, "Sheets", font=styles.bold)])
    for name, title in sheet_titles:
        sheet.append([_cell(sheet, name), _cell(sheet, title)])


def _section(book, styles, name: str, section):
    sheet = book.create_sheet(name)
    _widths(
        sheet,
        [[column.label for column in table.columns] for table in section.tables]
        + [
            [
                format_value(value, column.kind)
                for value, column in zip(row, table.columns, strict=True)
            ]
            for table in section.tables
            for row in table.rows
        ],
    )
    sheet.append([_cell(sheet, section.title, font=styles.title)])
    if section.summary:
        sheet.append([_cell(sheet, section.summary)])
    for table in section.tables:
        sheet.append([])
        sheet.append([_cell(sheet, table.title, font=styles.table_title)])
        sheet.append(
            [
                _cell(
                    sheet,
                    column.label,
                    font=styles.bold,
                    fill=styles.header_fill,
                    alignment=styles.right if column.kind in NUMERIC_KINDS else None,
                )
                for column in table.columns
            ]
        )
        if not table.rows:
            sheet.append([_cell(sheet, table.empty_message, font=styles.muted)])
        for row in table.rows:
            sheet.append(
                [
                    _figure(sheet, styles, value, column.kind)
                    for value, column in zip(row, table.columns, strict=True)
                ]
            )


def _definitions(book, styles, rows: list[tuple[str, str, str]]):
    sheet = book.create_sheet(DEFINITIONS)
    sheet.column_dimensions["A"].width = 24
    sheet.column_dimensions["B"].width = 45
    sheet.column_dimensions["C"].width = 90
    sheet.append(
        [
            _cell(sheet, heading, font=styles.bold, fill=styles.header_fill)
            for heading in ("Sheet", "Table", "Definition")
        ]
    )
    for sheet_name, title, definition in rows:
        sheet.append(
            [
                _cell(sheet, sheet_name, alignment=styles.wrap),
                _cell(sheet, title, alignment=styles.wrap),
                _cell(sheet, definition, alignment=styles.wrap),
            ]
        )


def render_xlsx(report: Report) -> bytes:
    # Imported here so web processes that only import the renderers' names stay light.
    from openpyxl import Workbook

    book = Workbook(write_only=True)
    book.properties.title = report.title
    book.properties.creator = "Outreach"
    styles = _Styles()
    names = SheetNames(COVER, DEFINITIONS)
    # Sheet names first: the cover lists them, and it is the first sheet written.
    section_names = [names.claim(section.title) for section in report.sections]

    titles = [section.title for section in report.sections]
    _cover(book, styles, report, list(zip(section_names, titles, strict=True)))
    for name, section in zip(section_names, report.sections, strict=True):
        _section(book, styles, name, section)
    _definitions(
        book,
        styles,
        [
            (name, table.title, table.definition)
            for name, section in zip(section_names, report.sections, strict=True)
            for table in section.tables
        ],
    )
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()
