"""The events spreadsheet: its exact columns, the downloadable template (CSV and XLSX),
and reading an uploaded file into rows of text. Checking the rows is services/imports.py.
"""

import csv
import datetime
import io
import zipfile

from django.utils.text import slugify

from outreach import uploads
from partners.models import YearGroup

from .models import DEMOGRAPHICS


class SpreadsheetError(Exception):
    """The file as a whole cannot be read: the message says why, in plain words."""


def year_group_column(code: str) -> str:
    return code.replace("-", "_")


def demographic_column(dimension: str, category: str) -> str:
    if dimension in ("send", "fsm"):
        return dimension
    if dimension == "gender":
        return {"other": "gender_other"}.get(category, category)
    return f"ethnicity_{category}"


# (column, required, what to put in it)
BASE_COLUMNS = [
    (
        "external_reference",
        True,
        "Your own unique reference for the event, e.g. WWY-2024-001. "
        "Uploading the file again updates or skips events by this reference.",
    ),
    ("date", True, "The date, as 2024-10-15 or 15/10/2024."),
    ("start_time", False, "For example 09:30."),
    ("end_time", False, "For example 10:30."),
    ("activity_type", True, "A type of activity, e.g. Workshop, Talk, Careers fair."),
    ("title", True, "A short title."),
    (
        "school_urn",
        False,
        "The school's URN (Get Information About Schools). Leave empty for "
        "a community setting or online.",
    ),
    ("setting_name", False, "The community setting, when not at a school."),
    ("setting_postcode", False, "The postcode of the community setting."),
    ("delivery_mode", False, "In person (the default), Online or Hybrid."),
    (
        "delivering_organisations",
        False,
        "Partner names separated by ; — empty means your own organisation.",
    ),
    ("goals", True, "Awareness, Aspiration, Access or Achievement, separated by ;"),
    ("goal_reason", False, "Why, if a goal is one the activity type does not usually serve."),
    ("gatsby_benchmarks", False, "Benchmark numbers separated by ;, e.g. 5;6"),
    ("participants", True, "The number of participants."),
]
TAIL_COLUMNS = [
    (
        "is_repeat_visit",
        False,
        "Yes if these students were already counted at an earlier "
        "event of the programme this school year.",
    ),
    ("parents_reached", False, "Parents and carers reached."),
    ("notes", False, "Anything else."),
    ("quote", False, "A quote from someone who took part."),
    ("quote_attribution", False, "Who said it: a role and a place, never a name."),
]


def columns() -> list[tuple[str, bool, str]]:
    year_groups = [
        (year_group_column(yg.code), False, f"How many from {yg.name}.")
        for yg in YearGroup.objects.all()
    ]
    demographics = [
        (demographic_column(d, c), False, f"How many: {label}.") for d, c, label in DEMOGRAPHICS
    ]
    return BASE_COLUMNS + year_groups + TAIL_COLUMNS + demographics


def column_names() -> list[str]:
    return [name for name, _, _ in columns()]


def csv_template(columns_: list[tuple[str, bool, str]]) -> bytes:
    """An empty CSV with the column headings, as Excel opens it (UTF-8 with a BOM)."""
    buffer = io.StringIO()
    csv.writer(buffer).writerow([name for name, _, _ in columns_])
    return buffer.getvalue().encode("utf-8-sig")


def xlsx_template(columns_: list[tuple[str, bool, str]], sheet_title: str) -> bytes:
    """A workbook with the headings on its first sheet and a "Columns" sheet explaining
    each: one template builder for every upload (events, participants)."""
    from openpyxl import Workbook
    from openpyxl.styles import Font

    workbook = Workbook()
    sheet = workbook.active
    sheet.title = sheet_title
    sheet.append([name for name, _, _ in columns_])
    for cell in sheet[1]:
        cell.font = Font(bold=True)
        sheet.column_dimensions[cell.column_letter].width = max(12, len(cell.value) + 2)
    guide = workbook.create_sheet("Columns")
    guide.append(["Column", "Required", "What to put in it"])
    for name, required, help_text in columns_:
        guide.append([name, "yes" if required else "no", help_text])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def template_csv() -> bytes:
    return csv_template(columns())


def template_xlsx() -> bytes:
    return xlsx_template(columns(), "Events")


def _text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime.datetime):
        return value.date().isoformat() if value.time() == datetime.time() else value.isoformat()
    if isinstance(value, datetime.date | datetime.time):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def _header(cells) -> list[str]:
    return [slugify(_text(cell)).replace("-", "_") for cell in cells]


def read_rows(upload, *, max_rows: int, columns_=None) -> list[dict[str, str]]:
    """Rows of an uploaded CSV or XLSX as {column: text}, checked against the template's
    columns (the events template unless `columns_` names another). Raises SpreadsheetError
    for a file that cannot be used at all."""
    columns_ = columns() if columns_ is None else columns_
    # The kind was found from the content by outreach.uploads; a file that has not been
    # through it (a caller outside the forms) is checked here.
    kind = getattr(upload, "import_kind", None) or uploads.check_upload(upload)
    upload.seek(0)
    raw = upload.read()
    ceiling = uploads.max_rows()
    if kind == uploads.XLSX:
        header, rows = _read_xlsx(raw, ceiling=ceiling, width=len(columns_) + 50)
    else:
        header, rows = _read_csv(raw, ceiling=ceiling)
    expected = [name for name, _, _ in columns_]
    required = [name for name, needed, _ in columns_ if needed]
    missing = [c for c in required if c not in header]
    if missing:
        raise SpreadsheetError(
            f"The file is missing these columns: {', '.join(missing)}. "
            "Download the template to see the exact columns."
        )
    unknown = [c for c in header if c and c not in expected]
    if unknown:
        raise SpreadsheetError(
            f"The file has columns the template does not: {', '.join(unknown)}. "
            "Use the template's column names."
        )
    if len({h for h in header if h}) != len([h for h in header if h]):
        raise SpreadsheetError("A column name appears twice in the first row.")
    result = []
    for cells in rows:
        values = [_text(cell) for cell in cells]
        if not any(values):
            continue
        if len(result) >= max_rows:
            raise SpreadsheetError(uploads.too_many_rows(max_rows))
        result.append(
            {h: (values[i] if i < len(values) else "") for i, h in enumerate(header) if h}
        )
    if not result:
        raise SpreadsheetError("The file has no rows under the column names.")
    return result


def plan_counts(rows: list[dict], existing: dict[str, str], key: str) -> dict[str, int]:
    """How many checked rows would create, change or leave alone a record, given the
    stored fingerprints of the records already held, by the rows' `key` field."""
    counts = {"new": 0, "changed": 0, "unchanged": 0}
    for row in rows:
        reference = row["fields"][key]
        if reference not in existing:
            counts["new"] += 1
        elif existing[reference] == row["fingerprint"]:
            counts["unchanged"] += 1
        else:
            counts["changed"] += 1
    return counts


def _read_csv(raw: bytes, *, ceiling: int):
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise SpreadsheetError(
            "The file is not a CSV saved as UTF-8 or an Excel workbook (.xlsx). In Excel, "
            "choose Save as, then CSV UTF-8."
        ) from exc
    if "\x00" in text:
        raise SpreadsheetError("The file is not a CSV or an Excel workbook (.xlsx).")
    reader = []
    try:
        for cells in csv.reader(io.StringIO(text)):
            if len(reader) > ceiling:
                raise SpreadsheetError(uploads.too_many_rows(ceiling))
            reader.append(cells)
    except csv.Error as exc:
        raise SpreadsheetError(f"The CSV cannot be read: {exc}.") from exc
    if not reader:
        raise SpreadsheetError("The file is empty.")
    return _header(reader[0]), reader[1:]


def _read_xlsx(raw: bytes, *, ceiling: int, width: int):
    """The first sheet's rows, read as they stream from the file. The sheet's own claim
    of its size is ignored (a sheet may claim a million rows and columns), rows are cut to
    `width` cells, and reading stops past `ceiling` rows, blank rows counted."""
    from openpyxl import load_workbook

    unreadable = (
        "The file cannot be opened as an Excel workbook (.xlsx). Save it again from Excel, "
        "or as CSV UTF-8."
    )
    try:
        workbook = load_workbook(io.BytesIO(raw), read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, OSError, ValueError, TypeError, SyntaxError) as exc:
        # defusedxml's refusals are ValueErrors; a malformed part is a SyntaxError.
        raise SpreadsheetError(unreadable) from exc
    try:
        if not workbook.worksheets:
            raise SpreadsheetError("The workbook has no sheets.")
        sheet = workbook.worksheets[0]
        if hasattr(sheet, "reset_dimensions"):
            sheet.reset_dimensions()
        rows = sheet.iter_rows(values_only=True, max_col=width)
        header = next(rows, None)
        if header is None:
            raise SpreadsheetError("The workbook's first sheet is empty.")
        data = []
        for cells in rows:
            if len(data) >= ceiling:
                raise SpreadsheetError(uploads.too_many_rows(ceiling))
            data.append(cells)
    except (zipfile.BadZipFile, KeyError, OSError, ValueError, TypeError, SyntaxError) as exc:
        raise SpreadsheetError(unreadable) from exc
    finally:
        workbook.close()
    return _header(header), data
