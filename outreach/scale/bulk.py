"""Bulk loading: rows made in Python, sent to PostgreSQL with `COPY` in batches.

COPY is what makes hundreds of thousands of rows take seconds rather than the minutes
`bulk_create` spends building INSERT statements. Rows are sent BATCH at a time so memory
stays flat however many there are. Ids come from the table's own identity column in the
order the rows were sent, so `new_ids` can hand them back for child rows (one loader at
a time: the generator holds the only writing transaction on these tables).
"""

import datetime
import io
from decimal import Decimal

BATCH = 100_000


def _cell(value) -> str:
    if value is None:
        return r"\N"
    if value is True:
        return "t"
    if value is False:
        return "f"
    if isinstance(value, datetime.datetime | datetime.date | Decimal | int | float):
        return str(value)
    # Text: COPY's text format needs backslash, tab and newline escaped.
    return str(value).replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n")


def copy_rows(cursor, model_or_table, columns, rows, *, tick=None) -> int:
    """COPY `rows` (tuples in `columns` order) into the model's table; returns how many.
    `tick(n)` is called after each batch with the rows it sent."""
    table = getattr(getattr(model_or_table, "_meta", None), "db_table", model_or_table)
    # Django's cursor wraps psycopg2's, which has copy_expert.
    raw = getattr(cursor, "cursor", cursor)
    sql = f"COPY {table} ({', '.join(columns)}) FROM STDIN"
    buffer, pending, count = io.StringIO(), 0, 0

    def send():
        buffer.seek(0)
        raw.copy_expert(sql, buffer)
        if tick:
            tick(pending)

    for row in rows:
        buffer.write("\t".join(_cell(v) for v in row))
        buffer.write("\n")
        pending += 1
        count += 1
        if pending == BATCH:
            send()
            buffer, pending = io.StringIO(), 0
    if pending:
        send()
    return count


def max_id(cursor, model) -> int:
    cursor.execute(f"SELECT coalesce(max(id), 0) FROM {model._meta.db_table}")
    return cursor.fetchone()[0]


def new_ids(cursor, model, after: int) -> list[int]:
    """Ids of the rows added since `max_id` returned `after`, in the order they were sent."""
    cursor.execute(f"SELECT id FROM {model._meta.db_table} WHERE id > %s ORDER BY id", [after])
    return [row[0] for row in cursor.fetchall()]
