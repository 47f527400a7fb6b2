"""An export as an XLSX workbook, written with openpyxl's write-only mode (rows go to a
temporary file as they come, so memory stays flat), for the report-run task."""

from collections.abc import Callable
from typing import BinaryIO

from openpyxl import Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

from ..periods import Period
from ..render.safe import neutralise
from ..scope import ReportScope
from .base import Export

PROGRESS_EVERY = 10_000
SHEET_TITLE_MAX = 31


def _cell(value):
    if isinstance(value, str):
        # Control characters (pasted into free text) make openpyxl refuse the whole file.
        return neutralise(ILLEGAL_CHARACTERS_RE.sub("", value))
    return value


def write_xlsx(
    export: Export,
    *,
    scope: ReportScope,
    period: Period,
    target: str | BinaryIO,
    progress: Callable[[int, str], None] | None = None,
) -> int:
    """Writes the workbook to `target` (a path or a binary file) and returns the number
    of rows written, not counting the header. `progress(percent, stage)` is called
    every 10,000 rows, from a cheap count made first."""
    total = export.count(scope=scope, period=period) if progress else 0
    book = Workbook(write_only=True)
    sheet = book.create_sheet(title=export.slug.replace("-", " ").capitalize()[:SHEET_TITLE_MAX])
    sheet.append([_cell(label) for label in export.header])
    written = 0
    for row in export.rows(scope=scope, period=period):
        sheet.append([_cell(value) for value in row])
        written += 1
        if progress and written % PROGRESS_EVERY == 0:
            # Below 100 until the file is saved: saving a big sheet takes a while too.
            percent = min(99, written * 100 // total) if total else 0
            progress(percent, f"Written {written:,} of {total:,} rows")
    if progress:
        progress(99, "Saving the workbook")
    book.save(target)
    if progress:
        progress(100, f"Written {written:,} rows")
    return written
