"""Bulk loading for the benchmark data sets: rows made in Python, sent with one `COPY`.

COPY is what makes hundreds of thousands of rows take seconds rather than the minutes
`bulk_create` spends building INSERT statements. Ids come from the table's own identity
column, in the order the rows were sent, so `new_ids` can hand them back for child rows.
"""

import datetime
import io
from decimal import Decimal


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


def copy_rows(cursor, model_or_table, columns, rows) -> int:
    """COPY `rows` (tuples in `columns` order) into the model's table; returns how many."""
    table = getattr(getattr(model_or_table, "_meta", None), "db_table", model_or_table)
    buffer = io.StringIO()
    count = 0
    for row in rows:
        buffer.write("\t".join(_cell(v) for v in row))
        buffer.write("\n")
        count += 1
    buffer.seek(0)
    # Django's cursor wraps psycopg2's, which has copy_expert.
    raw = getattr(cursor, "cursor", cursor)
    raw.copy_expert(f"COPY {table} ({', '.join(columns)}) FROM STDIN", buffer)
    return count


def max_id(cursor, model) -> int:
    cursor.execute(f"SELECT coalesce(max(id), 0) FROM {model._meta.db_table}")
    return cursor.fetchone()[0]


def new_ids(cursor, model, after: int) -> list[int]:
    """Ids of the rows added since `max_id` returned `after`, in the order they were sent
    (one loader at a time: the benchmark database is a scratch one)."""
    cursor.execute(f"SELECT id FROM {model._meta.db_table} WHERE id > %s ORDER BY id", [after])
    return [row[0] for row in cursor.fetchall()]


def analyze(cursor, *models) -> None:
    for model in models:
        cursor.execute(f"ANALYZE {model._meta.db_table}")
