"""Importing a spreadsheet of events: check every row with the same rules as the form
(services.events.event_errors), keep the checked rows for a preview, then save them all
in one transaction on confirmation. Rows are matched to events by their external
reference, so uploading the same file again changes nothing."""

import contextlib
import datetime
import hashlib
import json
from decimal import Decimal, InvalidOperation

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from outreach.accounts.roles import Role
from outreach.accounts.scope import scope_for
from outreach.audit import registry
from outreach.audit.context import audit_context
from outreach.audit.services import buffered, record_bulk_create, record_bulk_update
from partners.models import Organisation, YearGroup

from .. import spreadsheets
from ..models import (
    DEMOGRAPHICS,
    ActivityType,
    DeliveryMode,
    EngagementEvent,
    EventDemographic,
    EventImport,
    EventYearGroup,
    FeedbackQuote,
    GatsbyBenchmark,
    Goal,
    ImportStatus,
    Programme,
    ProgrammePartner,
)
from ..spreadsheets import demographic_column, year_group_column
from .events import (
    EventInput,
    ProgrammeFacts,
    event_errors,
    fill_event,
    required_deliverers,
    unserved_goals,
)

# Where each rule's message belongs in the spreadsheet.
FIELD_COLUMNS = {
    "title": "title",
    "activity_type": "activity_type",
    "date": "date",
    "end_time": "end_time",
    "school": "school_urn",
    "setting_name": "setting_name",
    "setting_postcode": "setting_postcode",
    "delivering_organisations": "delivering_organisations",
    "goals": "goals",
    "goal_reason": "goal_reason",
    "participants": "participants",
    "parents_reached": "parents_reached",
    "year_groups": "year group columns",
    "demographics": "gender, ethnicity, send, fsm columns",
    "quotes": "quote_attribution",
}
EVENT_FIELDS = [
    "activity_type_id",
    "title",
    "date",
    "start_time",
    "end_time",
    "academic_year",
    "term",
    "school_id",
    "setting_name",
    "setting_postcode",
    "delivery_mode",
    "participants",
    "year_group_counts_complete",
    "is_repeat_visit",
    "parents_reached",
    "notes",
    "goal_reason",
    "external_reference",
]
MODES = {
    "": DeliveryMode.IN_PERSON,
    "in person": DeliveryMode.IN_PERSON,
    "in_person": DeliveryMode.IN_PERSON,
    "online": DeliveryMode.ONLINE,
    "hybrid": DeliveryMode.HYBRID,
}
YES = {"yes", "y", "true", "1"}
NO = {"", "no", "n", "false", "0"}


def _split(value: str) -> list[str]:
    return [part.strip() for part in value.split(";") if part.strip()]


def _date(value: str) -> datetime.date:
    for pattern in ("%Y-%m-%d", "%d/%m/%Y"):
        try:
            return datetime.datetime.strptime(value, pattern).date()
        except ValueError:
            continue
    raise ValueError


def _time(value: str) -> datetime.time:
    for pattern in ("%H:%M", "%H:%M:%S", "%H.%M"):
        try:
            return datetime.datetime.strptime(value, pattern).time()
        except ValueError:
            continue
    raise ValueError


def _whole(value: str) -> int:
    number = Decimal(value)
    if number != number.to_integral_value():
        raise ValueError
    return int(number)


class RowChecker:
    """Turns spreadsheet rows into EventInputs with lookups read once for the file."""

    def __init__(self, programme: Programme, user, urns: set[int]):
        self.programme = programme
        self.facts = ProgrammeFacts.load(programme)
        self.must_deliver = required_deliverers(user, programme)
        self.activity_types = {}
        for activity in ActivityType.objects.all():
            self.activity_types[activity.code] = activity
            self.activity_types[activity.name.lower()] = activity
        self.goals = {}
        for goal in Goal.objects.all():
            self.goals[goal.code] = goal
            self.goals[goal.name.lower()] = goal
        self.benchmarks = {str(b.number): b for b in GatsbyBenchmark.objects.all()}
        self.year_groups = {year_group_column(yg.code): yg for yg in YearGroup.objects.all()}
        partners = Organisation.objects.filter(
            pk__in=ProgrammePartner.objects.filter(programme=programme).values("organisation_id")
        )
        self.partners = {org.name.lower(): org for org in partners}
        own = scope_for(user).organisation_ids(Role.DELIVERY_PARTNER)
        self.default_deliverers = [o for o in partners if o.pk in own] or [
            programme.lead_organisation
        ]
        self.schools = {
            school.urn: school
            for school in Organisation.objects.for_user(user).schools().filter(urn__in=urns)
        }

    def check(self, row: dict[str, str]) -> tuple[EventInput | None, list[tuple[str, str]]]:
        problems: list[tuple[str, str]] = []

        def bad(column, message):
            problems.append((column, message))

        def number(column, *, whole=True):
            text = row.get(column, "")
            if not text:
                return None
            try:
                return _whole(text) if whole else Decimal(text)
            except (ValueError, InvalidOperation):
                bad(column, f"“{text}” is not a whole number.")
                return None

        reference = row.get("external_reference", "")
        if not reference:
            bad(
                "external_reference",
                "Give each row a reference, so uploading the file again changes nothing.",
            )
        elif len(reference) > 100:
            bad("external_reference", "References can be up to 100 characters.")

        date = None
        if not row.get("date"):
            bad("date", "Enter the date of the event.")
        else:
            try:
                date = _date(row["date"])
            except ValueError:
                bad("date", f"“{row['date']}” is not a date like 2024-10-15 or 15/10/2024.")
        times = {}
        for column in ("start_time", "end_time"):
            if row.get(column):
                try:
                    times[column] = _time(row[column])
                except ValueError:
                    bad(column, f"“{row[column]}” is not a time like 09:30.")

        activity = self.activity_types.get(row.get("activity_type", "").lower())
        if activity is None and row.get("activity_type"):
            bad("activity_type", f"“{row['activity_type']}” is not a type of activity we know.")

        school = None
        if row.get("school_urn"):
            try:
                school = self.schools.get(_whole(row["school_urn"]))
            except (ValueError, InvalidOperation):
                school = None
            if school is None:
                bad(
                    "school_urn",
                    f"No school with URN {row['school_urn']} in the directory for your area.",
                )

        mode = MODES.get(row.get("delivery_mode", "").lower())
        if mode is None:
            bad("delivery_mode", "Use In person, Online or Hybrid.")

        deliverers = []
        for name in _split(row.get("delivering_organisations", "")):
            organisation = self.partners.get(name.lower())
            if organisation is None:
                bad("delivering_organisations", f"“{name}” is not a partner of this programme.")
            else:
                deliverers.append(organisation)
        if not row.get("delivering_organisations"):
            deliverers = list(self.default_deliverers)

        goals = []
        for name in _split(row.get("goals", "")):
            goal = self.goals.get(name.lower())
            if goal is None:
                bad("goals", f"“{name}” is not one of Awareness, Aspiration, Access, Achievement.")
            else:
                goals.append(goal)
        benchmarks = []
        for value in _split(row.get("gatsby_benchmarks", "")):
            benchmark = self.benchmarks.get(value)
            if benchmark is None:
                bad("gatsby_benchmarks", f"“{value}” is not a benchmark number from 1 to 8.")
            else:
                benchmarks.append(benchmark)

        repeat = row.get("is_repeat_visit", "").lower()
        if repeat not in YES | NO:
            bad("is_repeat_visit", "Use Yes or No.")

        participants = number("participants")
        year_groups = {}
        for column, year_group in self.year_groups.items():
            count = number(column)
            if count is not None:
                year_groups[year_group] = count
        demographics = {}
        for dimension, category, _ in DEMOGRAPHICS:
            count = number(demographic_column(dimension, category))
            if count is not None:
                demographics[dimension, category] = count
        parents = number("parents_reached")

        quotes = []
        if row.get("quote") or row.get("quote_attribution"):
            quotes.append((row.get("quote", ""), row.get("quote_attribution", "")))

        if problems:
            return None, problems
        data = EventInput(
            programme=self.programme,
            activity_type=activity,
            title=row.get("title", ""),
            date=date,
            participants=participants,
            goals=goals,
            delivering_organisations=deliverers,
            start_time=times.get("start_time"),
            end_time=times.get("end_time"),
            school=school,
            setting_name=row.get("setting_name", ""),
            setting_postcode=row.get("setting_postcode", ""),
            delivery_mode=mode,
            gatsby_benchmarks=benchmarks,
            year_groups=year_groups,
            demographics=demographics,
            parents_reached=parents or 0,
            is_repeat_visit=repeat in YES,
            notes=row.get("notes", ""),
            goal_reason=row.get("goal_reason", ""),
            external_reference=reference,
            quotes=quotes,
        )
        for field, messages in event_errors(
            data, self.facts, must_deliver=self.must_deliver
        ).items():
            for message in messages:
                bad(FIELD_COLUMNS.get(field, field), message)
        return (None, problems) if problems else (data, [])

    def stored(self, data: EventInput) -> dict:
        """The checked row as JSON: the event's own columns (filled by the same code as a
        form save) and its links, with a fingerprint to spot changes on re-upload."""
        event = EngagementEvent()
        fill_event(event, data, keep_reason=bool(unserved_goals(data, self.facts)))
        values = {
            "fields": {
                name: (v.isoformat() if isinstance(v, datetime.date | datetime.time) else v)
                for name in EVENT_FIELDS
                for v in [getattr(event, name)]
            },
            "deliverers": sorted(o.pk for o in data.delivering_organisations),
            "goals": sorted(g.pk for g in data.goals),
            "benchmarks": sorted(b.pk for b in data.gatsby_benchmarks),
            "year_groups": sorted([yg.pk, n] for yg, n in data.year_groups.items()),
            "demographics": sorted([d, c, n] for (d, c), n in data.demographics.items()),
            "quotes": [[t.strip(), a.strip()] for t, a in data.quotes if t.strip()],
        }
        encoded = json.dumps(values, sort_keys=True, default=str).encode()
        values["fingerprint"] = hashlib.sha256(encoded).hexdigest()
        return values


def import_check(*, programme: Programme, user, file_name: str, rows: list[dict]) -> EventImport:
    """Check every row and keep the result for the preview. Nothing is saved to events."""
    urns = set()
    for row in rows:
        with contextlib.suppress(ValueError, InvalidOperation):
            urns.add(_whole(row.get("school_urn", "")))
    checker = RowChecker(programme, user, urns)
    stored, errors, seen = [], [], {}
    for number, row in enumerate(rows, start=2):  # row 1 holds the column names
        data, problems = checker.check(row)
        reference = row.get("external_reference", "")
        if reference and reference in seen:
            problems.append(
                ("external_reference", f"The reference is also used on row {seen[reference]}.")
            )
        seen.setdefault(reference, number)
        if problems:
            errors.extend([number, column, message] for column, message in problems)
        elif data is not None:
            stored.append(checker.stored(data))
    if errors:
        stored = []
    return EventImport.objects.create(
        programme=programme,
        uploaded_by=user,
        file_name=file_name[:255],
        rows=stored,
        errors=errors,
        row_count=len(rows),
    )


def import_plan(event_import: EventImport) -> dict[str, int]:
    """How many rows would create, update or leave alone an event (one query)."""
    references = [row["fields"]["external_reference"] for row in event_import.rows]
    existing = dict(
        EngagementEvent.objects.filter(
            programme_id=event_import.programme_id, external_reference__in=references
        ).values_list("external_reference", "import_fingerprint")
    )
    return spreadsheets.plan_counts(event_import.rows, existing, "external_reference")


def _event_values(fields: dict) -> dict:
    values = dict(fields)
    values["date"] = datetime.date.fromisoformat(values["date"])
    for name in ("start_time", "end_time"):
        if values[name]:
            values[name] = datetime.time.fromisoformat(values[name])
    return values


@transaction.atomic
def import_confirm(*, event_import: EventImport, user) -> EventImport:
    """Save every checked row: new references become events, changed ones are updated,
    unchanged ones are left alone. All or nothing."""
    with audit_context(actor=user, source="import"), buffered():
        return _confirm(event_import=event_import, user=user)


def _confirm(*, event_import: EventImport, user) -> EventImport:
    event_import = EventImport.objects.select_for_update().get(pk=event_import.pk)
    if event_import.status != ImportStatus.PREVIEWED:
        raise ValidationError("This file has already been imported.")
    if event_import.errors:
        raise ValidationError("Fix the rows with problems and upload the file again.")
    programme_id = event_import.programme_id
    by_reference = {row["fields"]["external_reference"]: row for row in event_import.rows}
    existing = {
        event.external_reference: event
        for event in EngagementEvent.objects.select_for_update().filter(
            programme_id=programme_id, external_reference__in=list(by_reference)
        )
    }
    created, updated, unchanged = [], [], 0
    for reference, row in by_reference.items():
        event = existing.get(reference)
        if event is None:
            event = EngagementEvent(
                programme_id=programme_id,
                created_by=user,
                import_fingerprint=row["fingerprint"],
                **_event_values(row["fields"]),
            )
            created.append((event, row))
        elif event.import_fingerprint == row["fingerprint"]:
            unchanged += 1
        else:
            for name, value in _event_values(row["fields"]).items():
                setattr(event, name, value)
            event.import_fingerprint = row["fingerprint"]
            event.updated_at = timezone.now()
            updated.append((event, row))

    EngagementEvent.objects.bulk_create([event for event, _ in created], batch_size=1000)
    record_bulk_create(event for event, _ in created)
    if updated:
        EngagementEvent.objects.bulk_update(
            [event for event, _ in updated],
            [*EVENT_FIELDS, "import_fingerprint", "updated_at"],
            batch_size=1000,
        )
        record_bulk_update((event for event, _ in updated), EVENT_FIELDS)
        ids = [event.pk for event, _ in updated]
        for model in (EventYearGroup, EventDemographic, FeedbackQuote):
            model.objects.filter(event_id__in=ids).delete()
        for relation in ("goals", "gatsby_benchmarks", "delivering_organisations"):
            through = getattr(EngagementEvent, relation).through
            through.objects.filter(engagementevent_id__in=ids).delete()
    _link([*created, *updated])

    event_import.status = ImportStatus.CONFIRMED
    event_import.created, event_import.updated = len(created), len(updated)
    event_import.unchanged = unchanged
    event_import.confirmed_at = timezone.now()
    event_import.rows = []  # the events hold the data now
    event_import.save()
    return event_import


def _link(pairs) -> None:
    goals = EngagementEvent.goals.through
    benchmarks = EngagementEvent.gatsby_benchmarks.through
    deliverers = EngagementEvent.delivering_organisations.through
    links = {
        goals: [],
        benchmarks: [],
        deliverers: [],
        EventYearGroup: [],
        EventDemographic: [],
        FeedbackQuote: [],
    }
    for event, row in pairs:
        links[goals] += [goals(engagementevent_id=event.pk, goal_id=g) for g in row["goals"]]
        links[benchmarks] += [
            benchmarks(engagementevent_id=event.pk, gatsbybenchmark_id=b) for b in row["benchmarks"]
        ]
        links[deliverers] += [
            deliverers(engagementevent_id=event.pk, organisation_id=o) for o in row["deliverers"]
        ]
        links[EventYearGroup] += [
            EventYearGroup(event_id=event.pk, year_group_id=yg, participants=n)
            for yg, n in row["year_groups"]
        ]
        links[EventDemographic] += [
            EventDemographic(event_id=event.pk, dimension=d, category=c, count=n)
            for d, c, n in row["demographics"]
        ]
        links[FeedbackQuote] += [
            FeedbackQuote(event_id=event.pk, text=t, attribution=a, position=i)
            for i, (t, a) in enumerate(row["quotes"])
        ]
    for model, objects in links.items():
        model.objects.bulk_create(objects, batch_size=2000)
        if registry.is_tracked(model):
            record_bulk_create(objects)
