"""A compiled report as CSV files in a zip: one file per table, `definitions.csv` and
`about.csv` (title, scope, period, generated, notes), so the figures keep their context.

Files are UTF-8 with a byte-order mark, which is how Excel knows they are UTF-8 ("£",
names with accents). Numbers are written as numbers (percent as 0 to 100, as in the
document); suppressed cells as their label; every string goes through `neutralise`.
"""

import csv
import datetime
import io
import re
import zipfile

from reporting.document import Report, Suppressed

from .safe import neutralise

UNSAFE_IN_NAME = re.compile(r"[^A-Za-z0-9_-]+")


def _csv(rows) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    for row in rows:
        writer.writerow([_value(value) for value in row])
    return buffer.getvalue().encode("utf-8-sig")


def _value(value):
    if value is None:
        return ""
    if isinstance(value, Suppressed):
        return neutralise(value.label)
    return neutralise(value)


def file_names(report: Report) -> list[str]:
    """`<section key>-<table key>.csv` per table, in order; keys are meant to be file-name
    safe already, but anything else is replaced and clashes get a number."""
    names, used = [], {"definitions.csv", "about.csv"}
    for section, table in report.tables():
        stem = UNSAFE_IN_NAME.sub("-", f"{section.key}-{table.key}").strip("-") or "table"
        name, number = f"{stem}.csv", 1
        while name in used:
            number += 1
            name = f"{stem}-{number}.csv"
        used.add(name)
        names.append(name)
    return names


def _timestamp(report: Report) -> tuple:
    """Entries carry the report's generated time, so the same report zips to the same bytes."""
    try:
        moment = datetime.datetime.fromisoformat(report.generated_at)
    except ValueError:
        moment = datetime.datetime(1980, 1, 1)
    return max(moment.timetuple()[:6], (1980, 1, 1, 0, 0, 0))


def render_csv_zip(report: Report) -> bytes:
    names = file_names(report)
    stamp = _timestamp(report)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:

        def add(name, rows):
            info = zipfile.ZipInfo(name, date_time=stamp)
            info.compress_type = zipfile.ZIP_DEFLATED
            archive.writestr(info, _csv(rows))

        add(
            "about.csv",
            [
                ["field", "value"],
                ["title", report.title],
                ["scope", report.scope_label],
                ["period", report.period_label],
                ["generated", report.generated_at],
                *(["note", note] for note in report.notes),
            ],
        )
        definitions = [["file", "section", "table", "definition"]]
        for name, (section, table) in zip(names, report.tables(), strict=True):
            add(name, [[c.label for c in table.columns], *table.rows])
            definitions.append([name, section.title, table.title, table.definition])
        add("definitions.csv", definitions)
    return buffer.getvalue()
