"""Engagement events with their year groups, goals, Gatsby Benchmarks, delivering
partners, ambassador hours and demographics.

Shapes follow the seeds: mostly workshops and talks at secondary schools for one to three
year groups, some at primary schools for years 5 and 6, some community and online events;
two in five school events at one of the programme's target schools (so a target school
sees several times the events of another); more in spring than in the other terms; one
in ten a follow-up with students already counted, four in five with a count for every
year group (so reach.py's no-double-count rule has work to do), some with ambassadors and
aggregate demographics.
"""

import datetime

from django.utils import timezone

from programmes import academic_year
from programmes.models import (
    EngagementEvent,
    EventAmbassador,
    EventDemographic,
    EventYearGroup,
    GatsbyBenchmark,
    Goal,
)
from programmes.models.reference import ActivityType

from .bulk import copy_rows, max_id, new_ids
from .plan import share_out

# Year groups a school's events are for, by kind of school (codes of partners.YearGroup).
YEARS = {
    "primary": ["year-5", "year-6"],
    "secondary": ["year-7", "year-8", "year-9", "year-10", "year-11"],
    "sixth": ["year-9", "year-10", "year-11", "year-12", "year-13"],
    "16_plus": ["year-12", "year-13"],
}
TERM_WEIGHTS = [("autumn", 33), ("spring", 42), ("summer", 25)]
AT_TARGET = 0.4  # of school events
AT_PRIMARY = 0.2  # of the other school events
SCHOOL_TYPES = [("workshop", 40), ("talk", 25), ("careers-fair", 10), ("taster-day", 8)]
COMMUNITY_TYPES = [("event-stand", 5), ("open-day", 4), ("mentoring", 3)]
GOAL_WEIGHTS = [("awareness", 40), ("aspiration", 32), ("access", 18), ("achievement", 10)]
EVENT_COLUMNS = [
    "programme_id",
    "activity_type_id",
    "title",
    "date",
    "academic_year",
    "term",
    "school_id",
    "setting_name",
    "setting_postcode",
    "delivery_mode",
    "goal_reason",
    "participants",
    "year_group_counts_complete",
    "is_repeat_visit",
    "parents_reached",
    "notes",
    "external_reference",
    "import_fingerprint",
    "created_at",
    "updated_at",
]


def _pick(rng, weighted):
    return rng.choices([v for v, _ in weighted], weights=[w for _, w in weighted])[0]


def _school_day(rng, year: int, term: str) -> datetime.date:
    """A weekday in the term, away from its first and last days and from August."""
    first, last = academic_year.term_bounds(year, term)
    first += datetime.timedelta(days=4)
    last = min(last, datetime.date(year + 1, 7, 20)) - datetime.timedelta(days=3)
    day = first + datetime.timedelta(days=rng.randint(0, (last - first).days))
    while day.weekday() >= 5:
        day -= datetime.timedelta(days=2)
    return day


def _school(rng, area, programme):
    if rng.random() < AT_TARGET:
        return rng.choice(programme["targets"])
    if rng.random() < AT_PRIMARY:
        return rng.choice(area["primary"])
    return rng.choice(area["secondary"])


def _event(rng, area, programme, codes, year):
    """(event row, [(year group id, participants or None)], participants) for one event."""
    day = _school_day(rng, year, _pick(rng, TERM_WEIGHTS))
    kind = rng.random()
    school, setting, postcode, mode, groups = None, "", "", "in_person", []
    if kind < 0.85:  # at a school: one to three neighbouring year groups
        school = _school(rng, area, programme)
        years = YEARS[school[1]]
        first = rng.randrange(len(years))
        chosen = years[first : first + rng.choice([1, 1, 2, 3])]
        complete = rng.random() < 0.8
        groups = [(codes[c], rng.randint(12, 60) if complete else None) for c in chosen]
        if not complete and rng.random() < 0.3:
            groups = []  # the partner gave a total only
        activity = _pick(rng, SCHOOL_TYPES)
    elif kind < 0.97:  # community setting: adults only, or young people without counts
        setting, postcode = f"{area['name']} community hub", "GL1 1AA"
        if rng.random() < 0.5:
            groups = [(codes["adult"], rng.randint(8, 40))]
        else:
            groups = [(codes[c], None) for c in ("year-11", "year-12", "year-13")]
        activity = _pick(rng, COMMUNITY_TYPES)
    else:  # a webinar open to anyone: no school, no year groups
        mode, activity = "online", "webinar"
    complete = bool(groups) and all(n is not None for _, n in groups)
    participants = sum(n for _, n in groups) if complete else rng.randint(15, 150)
    repeat = school is not None and rng.random() < 0.1
    parents = rng.randint(5, 40) if rng.random() < 0.1 else 0
    now = timezone.now()
    row = (
        programme["id"],
        codes[activity],
        f"{activity.replace('-', ' ').capitalize()} {day:%d %b}",
        day,
        academic_year.academic_year_of(day),
        academic_year.term_of(day),
        school[0] if school else None,
        setting,
        postcode,
        mode,
        "",
        participants,
        complete,
        repeat,
        parents,
        "",
        "",
        "",
        now,
        now,
    )
    return row, groups, participants


def build_events(cursor, rng, plan, areas, *, tick=None) -> tuple[int, dict]:
    """Each year's events over the areas' programmes, in proportion to the areas' and the
    programmes' weights. Returns how many, and per (programme id, academic year) the ids
    of its events at secondary schools, where questionnaires are answered."""
    codes = {yg: pk for pk, yg in _year_groups()}
    codes.update(ActivityType.objects.values_list("code", "pk"))
    goals = dict(Goal.objects.values_list("code", "pk"))
    gatsby = dict(GatsbyBenchmark.objects.values_list("number", "pk"))
    weights = [a["weight"] for a in areas]
    events, details = [], []
    for year, total in plan.events.items():
        for area, count in zip(areas, share_out(total, weights), strict=True):
            programmes = [(p, p["weight"]) for p in area["programmes"]]
            for _ in range(count):
                programme = _pick(rng, programmes)
                row, groups, participants = _event(rng, area, programme, codes, year)
                events.append(row)
                details.append((area, programme, groups, participants))
    start = max_id(cursor, EngagementEvent)
    copy_rows(cursor, EngagementEvent, EVENT_COLUMNS, events, tick=tick)
    ids = new_ids(cursor, EngagementEvent, start)
    assert len(ids) == len(events)
    _children(cursor, rng, ids, details, goals, gatsby, tick=tick)
    primary = {s[0] for a in areas for s in a["primary"]}
    answered_at = {}
    for pk, row in zip(ids, events, strict=True):
        if row[6] is not None and row[6] not in primary:
            answered_at.setdefault((row[0], row[4]), []).append((pk, row[3]))
    return len(ids), answered_at


def _year_groups():
    from partners.models import YearGroup

    return YearGroup.objects.values_list("pk", "code")


def _children(cursor, rng, ids, details, goals, gatsby, *, tick=None):
    year_groups, event_goals, benchmarks, delivered = [], [], [], []
    ambassadors, demographics = [], []
    for pk, (area, programme, groups, participants) in zip(ids, details, strict=True):
        year_groups += [(pk, yg, n) for yg, n in groups]
        chosen = sorted({_pick(rng, GOAL_WEIGHTS) for _ in range(rng.choice([1, 1, 2]))})
        event_goals += [(pk, goals[code]) for code in chosen]
        if rng.random() < 0.9:
            benchmarks += [(pk, gatsby[n]) for n in rng.sample([5, 6], rng.choice([1, 1, 2]))]
        delivered.append((pk, programme["delivered_by"]))
        if rng.random() < 0.35:
            for person in rng.sample(area["ambassadors"], rng.choice([1, 1, 2])):
                ambassadors.append((pk, person, f"{rng.randint(2, 12) / 2:.2f}"))
        if rng.random() < 0.3:
            demographics += _demographics(rng, pk, participants)
    tables = [
        (EventYearGroup, ["event_id", "year_group_id", "participants"], year_groups),
        (EngagementEvent.goals.through, ["engagementevent_id", "goal_id"], event_goals),
        (
            EngagementEvent.gatsby_benchmarks.through,
            ["engagementevent_id", "gatsbybenchmark_id"],
            benchmarks,
        ),
        (
            EngagementEvent.delivering_organisations.through,
            ["engagementevent_id", "organisation_id"],
            delivered,
        ),
        (EventAmbassador, ["event_id", "ambassador_id", "hours"], ambassadors),
        (EventDemographic, ["event_id", "dimension", "category", "count"], demographics),
    ]
    for model, columns, rows in tables:
        copy_rows(cursor, model, columns, rows, tick=tick)


def _demographics(rng, pk, participants):
    """Aggregate counts as a partner records them: most say, some do not."""
    said = int(participants * rng.uniform(0.7, 1.0))
    female = int(said * rng.uniform(0.45, 0.65))
    other = int(said * 0.02)
    rows = [
        (pk, "gender", "female", female),
        (pk, "gender", "male", said - female - other),
        (pk, "gender", "other", other),
    ]
    left = said
    for category, share in (("asian", 0.12), ("black", 0.06), ("mixed", 0.05), ("other", 0.03)):
        n = int(said * share * rng.uniform(0.4, 2.0))
        rows.append((pk, "ethnicity", category, min(n, left)))
        left -= min(n, left)
    rows.append((pk, "ethnicity", "white", left))
    rows.append((pk, "fsm", "fsm", int(participants * rng.uniform(0.1, 0.4))))
    rows.append((pk, "send", "send", int(participants * rng.uniform(0.05, 0.2))))
    return rows
