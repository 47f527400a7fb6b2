"""Reading the CSV files people upload: Get Information About Schools publishes
Windows-1252; spreadsheets save UTF-8 with or without a byte-order mark."""

import csv
import io
from dataclasses import dataclass, field

from outreach.uploads import max_rows, too_many_rows


class FileRejected(Exception):
    """The file cannot be imported at all; nothing is written."""


@dataclass
class Rejection:
    line: int
    reason: str
    key: str = ""


@dataclass
class ImportReport:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    rejected: list[Rejection] = field(default_factory=list)
    dry_run: bool = False
    notes: list[str] = field(default_factory=list)

    @property
    def rows(self) -> int:
        return self.created + self.updated + self.unchanged + len(self.rejected)

    def summary(self) -> str:
        verb = "would be" if self.dry_run else "were"
        return (
            f"{self.rows} rows read: {self.created} {verb} created, {self.updated} {verb} "
            f"updated, {self.unchanged} unchanged, {len(self.rejected)} rejected."
        )


def decode(raw: bytes) -> str:
    if not raw or not raw.strip():
        raise FileRejected("The file is empty.")
    if b"\x00" in raw[:4096]:
        raise FileRejected(
            "The file is not a CSV file (it looks like a spreadsheet or binary "
            "file). Save it as CSV and try again."
        )
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    try:
        return raw.decode("cp1252")
    except UnicodeDecodeError as exc:
        raise FileRejected(
            "The file is not readable text: save it as CSV UTF-8 and try again."
        ) from exc


def read_rows(raw: bytes, *, required: list[str]):
    """Yield (line_number, row, complete) after checking the header row; `complete` is
    False when the row has fewer cells than the header names."""
    reader = csv.reader(io.StringIO(decode(raw), newline=""))
    try:
        header = [name.strip() for name in next(reader)]
    except (StopIteration, csv.Error) as exc:
        raise FileRejected(f"The file is not a readable CSV file ({exc}).") from exc
    missing = [name for name in required if name not in header]
    if missing:
        raise FileRejected(
            f"Line 1: the header has no {', '.join(missing)} column. "
            "The first row must name the columns."
        )
    ceiling = max_rows()
    try:
        for row in reader:
            if reader.line_num > ceiling + 1:
                raise FileRejected(too_many_rows(ceiling))
            if not any(cell.strip() for cell in row):
                continue
            cells = dict(zip(header, (cell.strip() for cell in row), strict=False))
            yield reader.line_num, cells, len(row) >= len(header)
    except csv.Error as exc:
        raise FileRejected(f"Line {reader.line_num}: the file is not valid CSV ({exc}).") from exc
