"""What both compilers share: the scope as a filter, the report shell, cell conversions."""

from __future__ import annotations

import datetime
from decimal import ROUND_HALF_UP, Decimal

from django.db.models import Q
from django.utils import timezone

from programmes.models import EngagementEvent

from ..document import Report, Suppressed
from ..periods import Period
from ..scope import ReportScope, ScopeKind

# Labels for hidden cells, as the pages that show the same figures word them.
FEWER_THAN_FIVE = Suppressed("1 to 4")
ONE_TO_SEVEN = Suppressed("1 to 7")
NOT_SHOWN = Suppressed("not shown")  # a share that would give away a hidden count


def programme_q(scope: ReportScope, prefix: str = "programme") -> Q:
    """The scope as a filter on a programme relation: a join on the area instead of a
    subquery of programmes, and no condition at all for the nation."""
    if scope.kind == ScopeKind.PROGRAMME:
        return Q(**{f"{prefix}_id": scope.programme_id})
    if scope.kind == ScopeKind.NATIONAL:
        return Q()
    return Q(**{f"{prefix}__area_id__in": scope.area_ids})


def period_q(period: Period, prefix: str = "") -> Q:
    """Events in the period: by the stored academic year when it is one (indexed with
    the programme, and the same days), otherwise by date."""
    if period.academic_year is not None:
        return Q(**{f"{prefix}academic_year": period.academic_year})
    return Q(**{f"{prefix}date__gte": period.start, f"{prefix}date__lte": period.end})


def scope_events(scope: ReportScope, period: Period):
    return EngagementEvent.objects.filter(programme_q(scope), period_q(period))


def day_range(period: Period) -> tuple[datetime.datetime, datetime.datetime]:
    """Aware bounds for timestamps: local midnight at the start to local midnight after
    the end (a range, not `__date`, so an index on the timestamp still serves)."""
    start = datetime.datetime.combine(period.start, datetime.time.min)
    end = datetime.datetime.combine(period.end + datetime.timedelta(days=1), datetime.time.min)
    return timezone.make_aware(start), timezone.make_aware(end)


NOTES = [
    "The figures are the records in Outreach at the moment the report was put together; "
    "anything logged later is not in them. Asking for the report again brings it up to date.",
    "Every table says how its figures are counted, under the table.",
    "Small numbers are hidden so that nobody can be singled out: counts of 1 to 4 "
    "questionnaire respondents or young people at events show as '1 to 4', counts of 1 to 7 "
    "participants on pre-employment programmes as '1 to 7', and 'not shown' marks a figure "
    "hidden so that a hidden one cannot be worked out from it.",
    "Young people are counted, never named: events record numbers, questionnaires are "
    "anonymous, and participants are known by a reference.",
]


def new_report(kind: str, title: str, scope: ReportScope, period: Period) -> Report:
    return Report(
        kind=kind,
        title=title,
        scope_label=scope.label,
        period_label=period.label,
        generated_at=timezone.now().astimezone(datetime.UTC).isoformat(timespec="seconds"),
        notes=list(NOTES),
    )


def tell(progress, percent: int, stage: str) -> None:
    if progress is not None:
        progress(percent, stage)


def num(value):
    """A figure as a JSON number: Decimals become int when whole, float otherwise."""
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() else float(value)
    return value


def share(part, whole, places: str = "0.1"):
    """Part of whole as a percentage from 0 to 100, or None when there is no whole."""
    if not whole or part is None:
        return None
    exact = Decimal(part) * 100 / Decimal(whole)
    return float(exact.quantize(Decimal(places), ROUND_HALF_UP))


def change(before, after) -> tuple:
    """(absolute change, % change); the % is None when there was nothing before."""
    if before is None or after is None:
        return None, None
    return num(Decimal(str(after)) - Decimal(str(before))), share(
        Decimal(str(after)) - Decimal(str(before)), before
    )


def cohort_cell(cell):
    """A cohorts.py Cell (value None when suppressed) as a document cell."""
    return ONE_TO_SEVEN if cell.suppressed else cell.value


def survey_cell(value, total=1):
    """A results.py count (None when suppressed) as a document cell; 0 stays 0."""
    if value is None:
        return FEWER_THAN_FIVE if total else 0
    return value
