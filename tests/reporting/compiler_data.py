"""Builders shared by the compiler tests: events with the details the figures read."""

import datetime
from decimal import Decimal

from partners.factories import AmbassadorFactory
from partners.models import YearGroup
from programmes.factories import EventFactory, activity_type, goal
from programmes.models import EventAmbassador, EventDemographic, EventYearGroup, GatsbyBenchmark


def event(
    programme,
    day: datetime.date,
    *,
    kind="workshop",
    goals=("aspiration",),
    school=None,
    participants=30,
    year_groups=None,
    repeat=False,
    parents=0,
    delivered_by=None,
    benchmarks=(),
    hours=None,
    demographics=None,
    **extra,
):
    """An event saved as the services would leave it (year and term from the date)."""
    made = EventFactory(
        programme=programme,
        date=day,
        activity_type=activity_type(kind),
        goals=[goal(code) for code in goals],
        school=school,
        setting_name="" if school else "Community hall",
        participants=participants,
        is_repeat_visit=repeat,
        parents_reached=parents,
        delivering_organisations=delivered_by,
        year_group_counts_complete=bool(year_groups),
        **extra,
    )
    for code, n in (year_groups or {}).items():
        EventYearGroup.objects.create(
            event=made, year_group=YearGroup.objects.get(code=code), participants=n
        )
    if benchmarks:
        made.gatsby_benchmarks.set(GatsbyBenchmark.objects.filter(number__in=benchmarks))
    for ambassador, given in (hours or {}).items():
        EventAmbassador.objects.create(event=made, ambassador=ambassador, hours=Decimal(given))
    for (dimension, category), n in (demographics or {}).items():
        EventDemographic.objects.create(event=made, dimension=dimension, category=category, count=n)
    return made


def ambassador(organisation, name="Sam"):
    return AmbassadorFactory(organisation=organisation, name=name)


def table(report, key):
    found = [t for _, t in report.tables() if t.key == key]
    assert len(found) == 1, (key, [t.key for _, t in report.tables()])
    return found[0]


def by_first(report, key) -> dict:
    """A table's rows by their first cell, the rest of the row as a list."""
    return {row[0]: row[1:] for row in table(report, key).rows}
