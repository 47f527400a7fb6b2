"""My school's record: every encounter the careers lead's students had with health and
care employers (engagement events at the school, including delivered bookings), by year
group and Gatsby Benchmark. A fixed number of queries whatever the number of events."""

from collections import defaultdict

from ..models import EngagementEvent, EventYearGroup, GatsbyBenchmark


def encounters(school):
    return (
        EngagementEvent.objects.filter(school=school)
        .select_related("activity_type", "programme")
        .prefetch_related(
            "delivering_organisations", "gatsby_benchmarks", "year_groups__year_group"
        )
        .order_by("-date", "-pk")
    )


def summary(school):
    """{year group name: {benchmark number: encounters}}, the benchmarks, and totals."""
    benchmarks = list(GatsbyBenchmark.objects.order_by("number"))
    rows = (
        EventYearGroup.objects.filter(event__school=school)
        .values_list("year_group__name", "year_group__position", "event_id")
        .order_by("year_group__position")
    )
    by_event = defaultdict(set)
    for event_id, number in EngagementEvent.gatsby_benchmarks.through.objects.filter(
        engagementevent__school=school
    ).values_list("engagementevent_id", "gatsbybenchmark__number"):
        by_event[event_id].add(number)
    table: dict[str, dict[int, int]] = {}
    totals: dict[str, int] = defaultdict(int)
    for name, _, event_id in rows:
        cells = table.setdefault(name, defaultdict(int))
        totals[name] += 1
        for number in by_event.get(event_id, ()):
            cells[number] += 1
    return table, benchmarks, dict(totals)


def row_of(event) -> list[str]:
    return [
        event.date.isoformat(),
        event.title,
        event.activity_type.name,
        "; ".join(o.name for o in event.delivering_organisations.all()),
        "; ".join(
            f"{y.year_group.name}" + (f" ({y.participants})" if y.participants else "")
            for y in event.year_groups.all()
        ),
        str(event.participants),
        "; ".join(str(b.number) for b in event.gatsby_benchmarks.all()),
    ]


HEADER = [
    "Date",
    "Encounter",
    "Type",
    "Delivered by",
    "Year groups (students)",
    "Students",
    "Gatsby Benchmarks",
]
