"""The audit trail as CSV, streamed in chunks, every cell neutralised."""

import csv
import io
from collections.abc import Iterator

from reporting.render.safe import neutralise

from .selectors import action_label, readable_changes, record_type

HEADER = [
    "When (UTC)",
    "User",
    "From",
    "IP address",
    "Request ID",
    "Action",
    "Type of record",
    "Record ID",
    "Record",
    "Changes",
    "Detail",
    "Rows",
]
ROWS_PER_CHUNK = 500


def _row(entry) -> list:
    changes = "; ".join(
        f"{change.label}: {change.before} → {change.after}" for change in readable_changes(entry)
    )
    return [
        entry.at.strftime("%Y-%m-%d %H:%M:%S"),
        entry.actor_label,
        entry.get_source_display(),
        entry.ip_address or "",
        entry.request_id,
        action_label(entry),
        record_type(entry),
        entry.object_pk,
        entry.object_repr,
        changes,
        entry.detail,
        "" if entry.rows is None else entry.rows,
    ]


def csv_chunks(entries) -> Iterator[bytes]:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    buffer.write("\ufeff")
    writer.writerow(HEADER)
    pending = 0
    for entry in entries.iterator(chunk_size=2000):
        writer.writerow([neutralise(cell) for cell in _row(entry)])
        pending += 1
        if pending >= ROWS_PER_CHUNK:
            yield buffer.getvalue().encode("utf-8")
            buffer.seek(0)
            buffer.truncate()
            pending = 0
    yield buffer.getvalue().encode("utf-8")
