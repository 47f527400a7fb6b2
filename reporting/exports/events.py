"""Engagement events: one row per event delivered in the period (by its date).

Counts only, as the events themselves hold: no young person is named anywhere in an
event. Goals, benchmarks, delivering organisations and ambassador hours are read as
correlated subqueries in the same SELECT, so the export is one query whatever its size.
"""

from decimal import Decimal

from django.db.models import DecimalField, OuterRef, Subquery, Sum, Value
from django.db.models.functions import Coalesce

from programmes import academic_year
from programmes.academic_year import Term
from programmes.models import DeliveryMode, EngagementEvent, EventAmbassador

from ..models import ReportKind
from .base import Export, in_scope, joined

TERMS = dict(Term.choices)
MODES = dict(DeliveryMode.choices)


def _hours():
    per_event = (
        EventAmbassador.objects.filter(event=OuterRef("pk"))
        .order_by()
        .values("event")
        .annotate(total=Sum("hours"))
        .values("total")
    )
    hours = DecimalField(max_digits=9, decimal_places=2)
    # 0, not empty, for an event without ambassadors: the column sums as it should.
    return Coalesce(Subquery(per_event, output_field=hours), Value(Decimal(0)), output_field=hours)


class EventsExport(Export):
    kind = ReportKind.EXPORT_EVENTS
    slug = "events"
    header = [
        "Event ID",
        "Programme",
        "ICB area",
        "Date",
        "Academic year",
        "Term",
        "Activity type",
        "Title",
        "School URN",
        "School",
        "Community setting",
        "Setting postcode",
        "Delivery mode",
        "Participants",
        "Parents and carers",
        "Goals",
        "Gatsby Benchmarks",
        "Delivering organisations",
        "Ambassador hours",
    ]

    def queryset(self, *, scope, period):
        goals = EngagementEvent.goals.through.objects
        benchmarks = EngagementEvent.gatsby_benchmarks.through.objects
        organisations = EngagementEvent.delivering_organisations.through.objects
        events = EngagementEvent.objects.filter(date__range=(period.start, period.end))
        return (
            in_scope(events, scope, "programme")
            .annotate(
                goal_names=joined(goals, "engagementevent", "goal__name", "goal__position"),
                benchmark_numbers=joined(
                    benchmarks,
                    "engagementevent",
                    "gatsbybenchmark__number",
                    "gatsbybenchmark__number",
                ),
                organisation_names=joined(
                    organisations, "engagementevent", "organisation__name", "organisation__name"
                ),
                hours=_hours(),
            )
            .order_by("date", "pk")
            .values_list(
                "pk",
                "programme__name",
                "programme__area__name",
                "date",
                "academic_year",
                "term",
                "activity_type__name",
                "title",
                "school__urn",
                "school__name",
                "setting_name",
                "setting_postcode",
                "delivery_mode",
                "participants",
                "parents_reached",
                "goal_names",
                "benchmark_numbers",
                "organisation_names",
                "hours",
            )
        )

    def row(self, values):
        row = list(values)
        row[4] = academic_year.label(row[4])
        row[5] = TERMS.get(row[5], row[5])
        row[12] = MODES.get(row[12], row[12])
        return row
