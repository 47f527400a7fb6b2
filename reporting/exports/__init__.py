"""Data exports for administrators: one object per export kind, each with a `header`
and a `rows(scope=, period=)` generator read in chunks, so memory stays flat whatever
the size. `csv_stream.csv_chunks` streams one as CSV; `xlsx.write_xlsx` writes a file.
"""

from ..models import ReportKind
from .base import Export
from .bookings import BookingsExport
from .events import EventsExport
from .participants import ParticipantsExport
from .responses import ResponsesExport

EXPORTS: dict[str, Export] = {
    ReportKind.EXPORT_EVENTS: EventsExport(),
    ReportKind.EXPORT_BOOKINGS: BookingsExport(),
    ReportKind.EXPORT_RESPONSES: ResponsesExport(),
    ReportKind.EXPORT_PARTICIPANTS: ParticipantsExport(),
}

__all__ = ["EXPORTS", "Export"]
