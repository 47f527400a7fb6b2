"""An export as CSV, in chunks of bytes for Django's StreamingHttpResponse (or a file).

UTF-8 with a byte-order mark, so Excel opens accents and symbols correctly; every string
cell neutralised against formula injection.
"""

import csv
import io
from collections.abc import Iterator

from ..periods import Period
from ..render.safe import neutralise
from ..scope import ReportScope
from .base import Export

ROWS_PER_CHUNK = 500
BOM = "\ufeff"


def csv_chunks(export: Export, *, scope: ReportScope, period: Period) -> Iterator[bytes]:
    return rows_as_csv_chunks(export.header, export.rows(scope=scope, period=period))


def rows_as_csv_chunks(header, rows) -> Iterator[bytes]:
    """Any header and rows (an iterator, read once) as the chunks above."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    buffer.write(BOM)
    writer.writerow([neutralise(label) for label in header])
    pending = 0
    for row in rows:
        writer.writerow([neutralise(cell) for cell in row])
        pending += 1
        if pending >= ROWS_PER_CHUNK:
            yield buffer.getvalue().encode("utf-8")
            buffer.seek(0)
            buffer.truncate()
            pending = 0
    yield buffer.getvalue().encode("utf-8")
