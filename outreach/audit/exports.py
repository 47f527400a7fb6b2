"""The audit trail as CSV, streamed in chunks, every cell neutralised."""

from collections.abc import Iterator

from reporting.exports.csv_stream import rows_as_csv_chunks

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
    return rows_as_csv_chunks(HEADER, (_row(entry) for entry in entries.iterator(chunk_size=2000)))
