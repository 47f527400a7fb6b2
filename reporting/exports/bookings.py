"""Workshop bookings: one row per booking of a slot dated in the period.

The teacher's name and email and the access needs are left out: the export is for
counting take-up, and those are personal details of the school's staff and students.
"""

from django.db.models import Case, Exists, OuterRef, Q, Value, When

from programmes.models import Booking, BookingStatus, PriorityGroup, Programme
from programmes.services.bookings import PRIORITY_DECILES

from ..models import ReportKind
from .base import Export, in_scope, local

STATUSES = dict(BookingStatus.choices)
PRIORITIES = dict(PriorityGroup.choices)


def _priority():
    """The fair-access group of the school for this offer, worked out the way the
    booking service does (target school of the programme, or IMD decile 1-3), as SQL."""
    targeted = Programme.target_schools.through.objects.filter(
        programme_id=OuterRef("slot__offer__programme_id"), organisation_id=OuterRef("school_id")
    )
    return Case(
        When(Q(school__imd_decile__in=PRIORITY_DECILES) | Exists(targeted), then=Value(1)),
        default=Value(2),
    )


class BookingsExport(Export):
    kind = ReportKind.EXPORT_BOOKINGS
    slug = "bookings"
    header = [
        "Booking ID",
        "Programme",
        "ICB area",
        "Workshop offer",
        "Delivered by",
        "Slot date",
        "Start time",
        "End time",
        "School URN",
        "School",
        "Year group",
        "Students",
        "Status",
        "Priority group",
        "Created",
        "Cancelled",
        "Late cancellation",
        "Attended",
    ]

    def queryset(self, *, scope, period):
        bookings = Booking.objects.filter(slot__date__range=(period.start, period.end))
        return (
            in_scope(bookings, scope, "slot__offer__programme")
            .annotate(priority_group=_priority())
            .order_by("slot__date", "slot__start_time", "pk")
            .values_list(
                "pk",
                "slot__offer__programme__name",
                "slot__offer__programme__area__name",
                "slot__offer__title",
                "slot__offer__partner__name",
                "slot__date",
                "slot__start_time",
                "slot__end_time",
                "school__urn",
                "school__name",
                "year_group__name",
                "students",
                "status",
                "priority_group",
                "created_at",
                "cancelled_at",
                "late_cancellation",
                "attended",
            )
        )

    def row(self, values):
        row = list(values)
        row[12] = STATUSES.get(row[12], row[12])
        row[13] = PRIORITIES.get(row[13], row[13])
        row[14] = local(row[14])
        row[15] = local(row[15])
        row[16] = "Yes" if row[16] else "No"
        return row
