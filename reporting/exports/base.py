"""What every export shares: the scope and period filters, the cheap count, and a
grouped "a; b; c" read that keeps many-to-many columns in the one streamed query."""

from __future__ import annotations

import datetime
from collections.abc import Iterator

from django.db.models import Aggregate, OuterRef, Subquery, TextField, Value
from django.db.models.functions import Cast, Coalesce
from django.utils import timezone

from ..periods import Period
from ..scope import ReportScope, ScopeKind

CHUNK = 2000
SEPARATOR = "; "


class Joined(Aggregate):
    """`value` of every row in the group joined with "; ", in `ordering` order.

    PostgreSQL's STRING_AGG and SQLite's GROUP_CONCAT take the same arguments; SQLite
    before 3.44 cannot order inside the aggregate, so there the order is the scan order
    (the order the links were made in). Production runs on PostgreSQL."""

    output_field = TextField()
    contains_aggregate = True

    def __init__(self, value, ordering, **extra):
        super().__init__(Cast(value, TextField()), ordering, **extra)

    def as_sql(self, compiler, connection, **extra_context):
        value, ordering = self.get_source_expressions()[:2]  # then filter, unused
        value_sql, value_params = compiler.compile(value)
        order_sql, order_params = compiler.compile(ordering)
        if connection.vendor == "sqlite":
            import sqlite3

            if sqlite3.sqlite_version_info < (3, 44):
                return f"GROUP_CONCAT({value_sql}, '{SEPARATOR}')", tuple(value_params)
            function = "GROUP_CONCAT"
        else:
            function = "STRING_AGG"
        sql = f"{function}({value_sql}, '{SEPARATOR}' ORDER BY {order_sql})"
        return sql, (*value_params, *order_params)


def joined(queryset, link: str, value: str, ordering: str):
    """A correlated subquery: the `value`s of `queryset` rows whose `link` is the outer
    row, joined; "" when there are none."""
    grouped = (
        queryset.filter(**{link: OuterRef("pk")})
        .order_by()
        .values(link)
        .annotate(joined=Joined(value, ordering))
        .values("joined")
    )
    text = TextField()
    return Coalesce(Subquery(grouped, output_field=text), Value(""), output_field=text)


def in_scope(queryset, scope: ReportScope, programme_path: str):
    """Narrowed to the scope's programmes; the nation needs no filter at all."""
    if scope.kind == ScopeKind.NATIONAL:
        return queryset
    return queryset.filter(**{f"{programme_path}__in": scope.programmes().values("pk")})


def day_range(period: Period) -> tuple[datetime.datetime, datetime.datetime]:
    """[start of the first day, start of the day after the last) in local time, so a
    timestamp column is compared as it is and its index stays usable."""
    zone = timezone.get_current_timezone()
    start = datetime.datetime.combine(period.start, datetime.time.min, zone)
    day_after = period.end + datetime.timedelta(days=1)
    return start, datetime.datetime.combine(day_after, datetime.time.min, zone)


def local(moment: datetime.datetime | None) -> datetime.datetime | None:
    """Local wall-clock time without the zone: spreadsheets cannot hold a time zone."""
    if moment is None:
        return None
    return timezone.localtime(moment).replace(tzinfo=None, microsecond=0)


class Export:
    """One export kind. Subclasses give `kind`, `slug`, `header`, `queryset()` (a
    values_list in header order, or a superset `row()` turns into one)."""

    kind: str = ""
    slug: str = ""
    header: list[str] = []

    def queryset(self, *, scope: ReportScope, period: Period):
        raise NotImplementedError

    def row(self, values: tuple) -> list:
        return list(values)

    def count(self, *, scope: ReportScope, period: Period) -> int:
        # The subquery columns are not needed to count: strip them for a cheap COUNT.
        return self.queryset(scope=scope, period=period).values("pk").order_by().count()

    def rows(self, *, scope: ReportScope, period: Period) -> Iterator[list]:
        """One list per record, read in chunks (a server-side cursor on PostgreSQL), so
        memory stays flat whatever the number of rows."""
        queryset = self.queryset(scope=scope, period=period)
        for values in queryset.iterator(chunk_size=CHUNK):
            yield self.row(values)
