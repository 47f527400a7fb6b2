"""Figures computed from events — what targets are measured against.

Students reached counts each event's participants once, but not adults (those recorded
under the Adult year group), and not twice where the data shows the same students twice:
at a school, in one academic year, a year group's students are counted as the larger of
(the sum of its first-time events) and (its largest follow-up event, one marked
"follow-up with students already counted"). Events with no school, or without numbers
for every year group, are summed as they are: the data does not allow more.
"""

from collections import defaultdict
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from django.db.models import Count, Exists, Max, OuterRef, Q, Sum

from ..models import (
    ETHNIC_MINORITY_CATEGORIES,
    Dimension,
    EngagementEvent,
    EventAmbassador,
    EventDemographic,
    EventYearGroup,
    Measure,
    Programme,
)

ADULT = "adult"


def _pct(part, whole) -> Decimal | None:
    if not whole:
        return None
    return (Decimal(part) * 100 / Decimal(whole)).quantize(Decimal("0.1"), ROUND_HALF_UP)


@dataclass
class Figures:
    events_delivered: int = 0
    students_reached: int = 0
    parents_reached: int = 0
    ambassador_hours: Decimal = Decimal(0)
    schools: set = field(default_factory=set)
    target_school_ids: frozenset = frozenset()
    minority: int = 0
    ethnicity_known: int = 0
    male: int = 0
    gender_known: int = 0
    fsm: int = 0
    fsm_base: int = 0
    send: int = 0
    send_base: int = 0

    @property
    def schools_reached(self) -> int:
        return len(self.schools)

    @property
    def target_schools(self) -> int:
        return len(self.target_school_ids)

    @property
    def target_schools_reached(self) -> int:
        return len(self.schools & self.target_school_ids)

    @property
    def target_schools_not_reached(self) -> frozenset:
        return self.target_school_ids - self.schools

    def value(self, measure: str) -> Decimal | int | None:
        return {
            Measure.STUDENTS_REACHED: self.students_reached,
            Measure.SCHOOLS_REACHED: self.schools_reached,
            Measure.TARGET_SCHOOLS_REACHED: self.target_schools_reached,
            Measure.TARGET_SCHOOLS_COVERAGE: _pct(self.target_schools_reached, self.target_schools),
            Measure.EVENTS_DELIVERED: self.events_delivered,
            Measure.PARENTS_REACHED: self.parents_reached,
            Measure.AMBASSADOR_HOURS: self.ambassador_hours,
            Measure.ETHNIC_MINORITY_PCT: _pct(self.minority, self.ethnicity_known),
            Measure.MALE_PCT: _pct(self.male, self.gender_known),
            Measure.FSM_PCT: _pct(self.fsm, self.fsm_base),
            Measure.SEND_PCT: _pct(self.send, self.send_base),
        }[measure]


ADDITIVE = (
    "events_delivered",
    "students_reached",
    "parents_reached",
    "ambassador_hours",
    "minority",
    "ethnicity_known",
    "male",
    "gender_known",
    "fsm",
    "fsm_base",
    "send",
    "send_base",
)


def figures_by_year(
    events, target_school_ids=frozenset(), event_q=None
) -> tuple[Figures, dict[int, Figures]]:
    """(whole period, {academic year: figures}) for a queryset of events, in six queries.

    `event_q(prefix)`, when given, is the filter `events` was made with, written for a
    relation path: rows hanging from the events (year groups, hours, demographics) are
    then found by joining their event rather than by matching a subquery of ids, which
    saves PostgreSQL reading each event twice."""
    target_school_ids = frozenset(target_school_ids)
    grouped = _grouped(events, ("academic_year",), lambda key: target_school_ids, event_q)
    years = {key[0]: figures for key, figures in grouped.items()}
    return _total(years.values(), target_school_ids), years


def figures_by_programme(
    events, target_school_ids_by_programme
) -> dict[int, tuple[Figures, dict[int, Figures]]]:
    """{programme id: (whole period, {academic year: figures})} for events of many
    programmes, still in six queries: what `target_progress` needs for each programme
    without a query per programme. Programmes without events are left out."""
    targets = {pk: frozenset(ids) for pk, ids in target_school_ids_by_programme.items()}
    return _by_programme(_grouped(events, _PROGRAMME_YEAR, _programme_targets(targets)), targets)


def figures_by_year_and_programme(
    events, target_school_ids, target_school_ids_by_programme, event_q=None
) -> tuple[tuple[Figures, dict[int, Figures]], dict]:
    """(`figures_by_year`, `figures_by_programme`) together, from the one set of six
    queries the second needs: a report over many programmes wants both, and the whole
    scope's figures can be rolled up from the finer rows (the no-double-count rule
    works on each school × year group, summing first visits and taking the largest
    follow-up across programmes), rather than asked of the database a second time.
    `event_q` as for `figures_by_year`."""
    targets = {pk: frozenset(ids) for pk, ids in target_school_ids_by_programme.items()}
    target_school_ids = frozenset(target_school_ids)
    found, cells = _parts(events, _PROGRAMME_YEAR, _programme_targets(targets), event_q)
    by_year = _finish(*_rollup(found, cells, lambda key: key[1:], target_school_ids))
    years = {key[0]: figures for key, figures in by_year.items()}
    by_programme = _by_programme(_finish(found, cells), targets)
    return (_total(years.values(), target_school_ids), years), by_programme


_PROGRAMME_YEAR = ("programme_id", "academic_year")


def _programme_targets(targets):
    return lambda key: targets.get(key[0], frozenset())


def _by_programme(grouped, targets):
    by_programme: dict[int, dict[int, Figures]] = defaultdict(dict)
    for (programme_id, year), figures in grouped.items():
        by_programme[programme_id][year] = figures
    return {
        pk: (_total(years.values(), targets.get(pk, frozenset())), years)
        for pk, years in by_programme.items()
    }


def _total(figures_list, target_school_ids) -> Figures:
    total = Figures(target_school_ids=target_school_ids)
    for figures in figures_list:
        for name in ADDITIVE:
            setattr(total, name, getattr(total, name) + getattr(figures, name))
        total.schools |= figures.schools
    return total


def _grouped(events, keys: tuple[str, ...], targets_for, event_q=None) -> dict[tuple, Figures]:
    """Figures per value of `keys` (fields of the event), in six grouped queries."""
    return _finish(*_parts(events, keys, targets_for, event_q))


def _finish(found: dict, cells: dict) -> dict[tuple, Figures]:
    """Add each school × year group's students (see the module doc) to its key's
    figures, which so far count only the events summed as they are."""
    for (key, school_id, _year_group), (first, again, again_total) in cells.items():
        if school_id is None:  # no cohort to match: count as given
            found[key].students_reached += first + again_total
        else:
            found[key].students_reached += max(first, again)
    return found


def _rollup(found: dict, cells: dict, coarser, target_school_ids) -> tuple[dict, dict]:
    """`_parts` output regrouped by `coarser(key)`, before `_finish`: the additive
    figures and school sets merge, and each school × year group's first visits add up
    while its largest follow-up is the largest of any."""
    merged: dict[tuple, Figures] = {}
    for key, figures in found.items():
        into = merged.setdefault(coarser(key), Figures(target_school_ids=target_school_ids))
        for name in ADDITIVE:
            setattr(into, name, getattr(into, name) + getattr(figures, name))
        into.schools |= figures.schools
    merged_cells: dict[tuple, list] = {}
    for (key, school_id, year_group), (first, again, again_total) in cells.items():
        cell = merged_cells.setdefault((coarser(key), school_id, year_group), [0, 0, 0])
        cell[0] += first
        cell[1] = max(cell[1], again)
        cell[2] += again_total
    return merged, merged_cells


def _of_events(model, events, event_q, counted_only=False):
    """Rows of `model` (with an `event` key) for the events: see `figures_by_year`."""
    if event_q is None:
        chosen = events.filter(year_group_counts_complete=True) if counted_only else events
        return model.objects.filter(event__in=chosen.order_by().values("pk"))
    rows = model.objects.filter(event_q("event__"))
    return rows.filter(event__year_group_counts_complete=True) if counted_only else rows


def _parts(events, keys: tuple[str, ...], targets_for, event_q=None) -> tuple[dict, dict]:
    """({key: figures but the counted students}, {(key, school, year group): (sum of
    first visits, largest follow-up, sum of follow-ups)}), in six grouped queries."""
    cells: dict[tuple, tuple] = {}
    related = tuple(f"event__{key}" for key in keys)
    found: dict[tuple, Figures] = {}

    def figures_for(key: tuple) -> Figures:
        if key not in found:
            found[key] = Figures(target_school_ids=targets_for(key))
        return found[key]

    counted = Q(year_group_counts_complete=True)
    groups = EventYearGroup.objects.filter(event=OuterRef("pk"))
    adults_only = Exists(groups.filter(year_group__code=ADULT)) & ~Exists(
        groups.exclude(year_group__code=ADULT)
    )
    for row in (
        events.order_by()
        .values(*keys)
        .annotate(
            n=Count("pk"),
            parents=Sum("parents_reached"),
            loose=Sum("participants", filter=~counted & ~Q(adults_only)),
        )
    ):
        figures = figures_for(tuple(row[k] for k in keys))
        figures.events_delivered = row["n"]
        figures.parents_reached = row["parents"] or 0
        figures.students_reached = row["loose"] or 0

    for *key, school_id in (
        events.filter(school__isnull=False).order_by().values_list(*keys, "school_id").distinct()
    ):
        figures_for(tuple(key)).schools.add(school_id)

    repeat = Q(event__is_repeat_visit=True)
    for row in (
        _of_events(EventYearGroup, events, event_q, counted_only=True)
        .exclude(year_group__code=ADULT)
        .order_by()
        .values(*related, "event__school_id", "year_group_id")
        .annotate(
            first=Sum("participants", filter=~repeat),
            again=Max("participants", filter=repeat),
            again_total=Sum("participants", filter=repeat),
        )
    ):
        key = tuple(row[k] for k in related)
        figures_for(key)
        cells[key, row["event__school_id"], row["year_group_id"]] = (
            row["first"] or 0,
            row["again"] or 0,
            row["again_total"] or 0,
        )

    for row in (
        _of_events(EventAmbassador, events, event_q)
        .order_by()
        .values(*related)
        .annotate(hours=Sum("hours"))
    ):
        figures_for(tuple(row[k] for k in related)).ambassador_hours = row["hours"] or Decimal(0)

    for row in (
        _of_events(EventDemographic, events, event_q)
        .order_by()
        .values(*related, "dimension", "category")
        .annotate(n=Sum("count"), base=Sum("event__participants"))
    ):
        figures = figures_for(tuple(row[k] for k in related))
        dimension, category, n = row["dimension"], row["category"], row["n"] or 0
        if dimension == Dimension.ETHNICITY:
            figures.ethnicity_known += n
            if category in ETHNIC_MINORITY_CATEGORIES:
                figures.minority += n
        elif dimension == Dimension.GENDER:
            figures.gender_known += n
            if category == "male":
                figures.male += n
        elif dimension == Dimension.FSM:
            figures.fsm, figures.fsm_base = figures.fsm + n, figures.fsm_base + row["base"]
        elif dimension == Dimension.SEND:
            figures.send, figures.send_base = figures.send + n, figures.send_base + row["base"]
    return found, cells


def programme_figures(programme: Programme) -> tuple[Figures, dict[int, Figures]]:
    """Joined through `event_q`: matched to a subquery of the programme's ids, the
    demographics and year groups made PostgreSQL scan all 271,000 national events to
    find 3,279 (the programme page's reach, 68 ms of SQL)."""
    target_ids = programme.target_schools.values_list("pk", flat=True)
    return figures_by_year(
        EngagementEvent.objects.filter(programme=programme),
        target_ids,
        event_q=lambda prefix: Q(**{f"{prefix}programme_id": programme.pk}),
    )


@dataclass
class TargetProgress:
    target: object
    actual: Decimal | int | None

    @property
    def met(self) -> bool:
        return self.actual is not None and self.actual >= self.target.value

    @property
    def percent_of_target(self) -> int | None:
        if self.actual is None or not self.target.value:
            return None
        return min(100, int(Decimal(self.actual) * 100 / self.target.value))


def target_progress(programme: Programme, targets, figures=None) -> list[TargetProgress]:
    total, years = figures or programme_figures(programme)
    rows = []
    for target in targets:
        source = total if target.academic_year is None else years.get(target.academic_year)
        if source is None:
            source = Figures(target_school_ids=total.target_school_ids)
        rows.append(TargetProgress(target, source.value(target.measure)))
    return rows
