"""Logging what was delivered. One set of rules (`event_errors`) serves the form, the API
and the spreadsheet import, so a rule changes in one place."""

import datetime
from dataclasses import dataclass, field
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.formats import date_format

from outreach.accounts.roles import Role
from outreach.accounts.scope import scope_for
from outreach.audit.services import record_bulk_create
from partners.models import Ambassador, Organisation, YearGroup
from partners.models.organisations import EDUCATION_KINDS
from partners.validators import normalise_postcode, validate_uk_postcode

from .. import academic_year
from ..models import (
    DEMOGRAPHICS,
    ActivityType,
    DeliveryMode,
    Dimension,
    EngagementEvent,
    EventAmbassador,
    EventDemographic,
    EventYearGroup,
    FeedbackQuote,
    GatsbyBenchmark,
    Goal,
    PartnerRole,
    Programme,
    ProgrammePartner,
)
from ._common import raise_if

DIMENSION_WORDS = {
    Dimension.GENDER: "gender",
    Dimension.ETHNICITY: "ethnic group",
    Dimension.SEND: "SEND",
    Dimension.FSM: "free school meals",
}
KNOWN_DEMOGRAPHICS = {(dimension, category) for dimension, category, _ in DEMOGRAPHICS}


@dataclass
class EventInput:
    """Everything about one event, already turned into objects and numbers."""

    programme: Programme
    activity_type: ActivityType | None
    title: str
    date: datetime.date | None
    participants: int | None
    goals: list[Goal] = field(default_factory=list)
    delivering_organisations: list[Organisation] = field(default_factory=list)
    start_time: datetime.time | None = None
    end_time: datetime.time | None = None
    school: Organisation | None = None
    setting_name: str = ""
    setting_postcode: str = ""
    delivery_mode: str = DeliveryMode.IN_PERSON
    gatsby_benchmarks: list[GatsbyBenchmark] = field(default_factory=list)
    # year group -> number of participants from it (None: took part, number not known)
    year_groups: dict[YearGroup, int | None] = field(default_factory=dict)
    # (dimension, category) -> count
    demographics: dict[tuple[str, str], int] = field(default_factory=dict)
    parents_reached: int = 0
    ambassadors: dict[Ambassador, Decimal] = field(default_factory=dict)
    is_repeat_visit: bool = False
    notes: str = ""
    goal_reason: str = ""
    external_reference: str = ""
    quotes: list[tuple[str, str]] = field(default_factory=list)


@dataclass
class ProgrammeFacts:
    """What the rules need to know about a programme, read once (an import checks
    thousands of rows against the same facts)."""

    partner_ids: frozenset[int]
    served_goals: dict[int, frozenset[int]]  # activity type id -> goal ids it serves

    @classmethod
    def load(cls, programme: Programme) -> "ProgrammeFacts":
        partner_ids = frozenset(
            ProgrammePartner.objects.filter(programme=programme).values_list(
                "organisation_id", flat=True
            )
        )
        served: dict[int, set[int]] = {}
        for type_id, goal_id in ActivityType.goals.through.objects.values_list(
            "activitytype_id", "goal_id"
        ):
            served.setdefault(type_id, set()).add(goal_id)
        return cls(partner_ids, {k: frozenset(v) for k, v in served.items()})


def _day(value: datetime.date) -> str:
    return date_format(value, "j F Y")


def required_deliverers(user, programme: Programme) -> frozenset[int] | None:
    """Organisations one of which must deliver an event this user logs, or None when the
    user may log any event of the programme (administrators, the area's workforce leads,
    partners whose organisation leads the programme)."""
    scope = scope_for(user)
    if scope.is_admin or programme.area_id in scope.lead_area_ids:
        return None
    own = scope.organisation_ids(Role.DELIVERY_PARTNER)
    roles = ProgrammePartner.objects.filter(programme=programme, organisation_id__in=own)
    if roles.filter(role=PartnerRole.LEAD).exists():
        return None
    delivering = roles.filter(role=PartnerRole.DELIVERY)
    return frozenset(delivering.values_list("organisation_id", flat=True))


def unserved_goals(data: EventInput, facts: ProgrammeFacts) -> list[Goal]:
    if data.activity_type is None:
        return []
    served = facts.served_goals.get(data.activity_type.pk, frozenset())
    return [goal for goal in data.goals if goal.pk not in served]


def event_errors(
    data: EventInput, facts: ProgrammeFacts, *, must_deliver: frozenset[int] | None = None
) -> dict[str, list[str]]:
    """Every broken rule, as {field: [messages]}; empty when the event may be saved."""
    errors: dict[str, list[str]] = {}

    def add(name, message):
        errors.setdefault(name, []).append(message)

    programme = data.programme
    if not (data.title or "").strip():
        add("title", "Enter a title, for example “Careers in health workshop, Year 8”.")
    if data.activity_type is None:
        add("activity_type", "Choose the type of activity.")

    if data.date is None:
        add("date", "Enter the date of the event.")
    elif not programme.covers(data.date):
        runs_to = f" to {_day(programme.ends_on)}" if programme.ends_on else " onwards"
        add(
            "date",
            f"The date must be within the programme, which runs from "
            f"{_day(programme.starts_on)}{runs_to}.",
        )
    if data.start_time and data.end_time and data.end_time <= data.start_time:
        add("end_time", "The end time must be after the start time.")

    # Where it took place.
    if data.school is not None and data.school.kind not in EDUCATION_KINDS:
        add("school", f"{data.school.name} is not a school or college.")
    if data.school is not None and (data.setting_name or data.setting_postcode):
        add("setting_name", "Give a school or a community setting, not both.")
    if data.setting_postcode:
        try:
            validate_uk_postcode(data.setting_postcode)
        except ValidationError as exc:
            add("setting_postcode", exc.messages[0])
        if not data.setting_name:
            add("setting_name", "Enter the name of the community setting.")
    if (
        data.delivery_mode != DeliveryMode.ONLINE
        and data.school is None
        and not data.setting_name
        and "setting_name" not in errors
    ):
        add("school", "Say where the event took place: a school, or a community setting.")

    # Who delivered it.
    if not data.delivering_organisations:
        add("delivering_organisations", "Choose at least one organisation that delivered it.")
    outsiders = [o.name for o in data.delivering_organisations if o.pk not in facts.partner_ids]
    if outsiders:
        add(
            "delivering_organisations",
            f"Not a partner of this programme: {', '.join(outsiders)}. "
            "Ask the workforce lead to add them first.",
        )
    if must_deliver is not None and not any(
        o.pk in must_deliver for o in data.delivering_organisations
    ):
        add(
            "delivering_organisations",
            "Include your own organisation: you can log only events your organisation delivered.",
        )

    # Goals.
    if not data.goals:
        add("goals", "Choose at least one goal the event served.")
    unserved = unserved_goals(data, facts)
    if unserved and not (data.goal_reason or "").strip():
        names = " and ".join(goal.name for goal in unserved)
        add(
            "goal_reason",
            f"A {data.activity_type.name.lower()} does not usually serve {names}. "
            "Say why this one did, or untick the goal.",
        )

    # Numbers: never negative, and the parts add up.
    total = data.participants
    if total is None:
        add("participants", "Enter the number of participants.")
    elif total < 0:
        add("participants", "The number of participants must be 0 or more.")
        total = None
    if data.parents_reached is not None and data.parents_reached < 0:
        add("parents_reached", "The number of parents and carers must be 0 or more.")

    counts = {yg: n for yg, n in data.year_groups.items() if n is not None}
    negative = [yg.name for yg, n in counts.items() if n < 0]
    if negative:
        add("year_groups", f"Numbers must be 0 or more ({', '.join(negative)}).")
    elif counts:
        missing = [yg.name for yg, n in data.year_groups.items() if n is None]
        if missing:
            add(
                "year_groups",
                f"Give a number for every year group, or for none (missing: {', '.join(missing)}).",
            )
        elif total is not None and sum(counts.values()) != total:
            add(
                "year_groups",
                f"The year-group numbers add up to {sum(counts.values())}, but the total "
                f"number of participants is {total}. Check the numbers or the total.",
            )

    by_dimension: dict[str, int] = {}
    for (dimension, category), count in data.demographics.items():
        if (dimension, category) not in KNOWN_DEMOGRAPHICS:
            add("demographics", f"Unknown demographic: {dimension} {category}.")
        elif count < 0:
            add("demographics", "Demographic numbers must be 0 or more.")
        else:
            by_dimension[dimension] = by_dimension.get(dimension, 0) + count
    if total is not None:
        for dimension, count in by_dimension.items():
            if count > total:
                add(
                    "demographics",
                    f"The {DIMENSION_WORDS[dimension]} numbers add up to {count}, more than "
                    f"the {total} participants.",
                )

    for ambassador, hours in data.ambassadors.items():
        if hours is None or hours < 0 or hours > 24:
            add("ambassadors", f"Enter {ambassador.name}'s hours as a number from 0 to 24.")
        elif ambassador.organisation_id not in facts.partner_ids:
            add("ambassadors", f"{ambassador.name} is not from a partner of this programme.")
    for text, attribution in data.quotes:
        if text.strip() and not attribution.strip():
            add("quotes", "Say who said each quote, by role and place, never by name.")
    return errors


def fill_event(event: EngagementEvent, data: EventInput, *, keep_reason: bool) -> None:
    event.programme = data.programme
    event.activity_type = data.activity_type
    event.title = data.title.strip()
    event.date = data.date
    event.start_time = data.start_time
    event.end_time = data.end_time
    event.academic_year = academic_year.academic_year_of(data.date)
    event.term = academic_year.term_of(data.date)
    event.school = data.school
    event.setting_name = data.setting_name.strip()
    event.setting_postcode = normalise_postcode(data.setting_postcode)
    event.delivery_mode = data.delivery_mode
    event.participants = data.participants
    event.year_group_counts_complete = bool(data.year_groups) and all(
        n is not None for n in data.year_groups.values()
    )
    event.is_repeat_visit = data.is_repeat_visit
    event.parents_reached = data.parents_reached or 0
    event.notes = data.notes
    # A reason is kept only while some goal needs one.
    event.goal_reason = data.goal_reason.strip() if keep_reason else ""
    event.external_reference = data.external_reference.strip()


def _save_related(event: EngagementEvent, data: EventInput, *, replace: bool) -> None:
    if replace:
        event.year_groups.all().delete()
        event.demographics.all().delete()
        event.ambassador_hours.all().delete()
    event.delivering_organisations.set(data.delivering_organisations)
    event.goals.set(data.goals)
    event.gatsby_benchmarks.set(data.gatsby_benchmarks)
    created = EventYearGroup.objects.bulk_create(
        EventYearGroup(event=event, year_group=yg, participants=n)
        for yg, n in data.year_groups.items()
    )
    created += EventDemographic.objects.bulk_create(
        EventDemographic(event=event, dimension=dimension, category=category, count=count)
        for (dimension, category), count in data.demographics.items()
    )
    created += EventAmbassador.objects.bulk_create(
        EventAmbassador(event=event, ambassador=ambassador, hours=hours)
        for ambassador, hours in data.ambassadors.items()
    )
    record_bulk_create(created)


def _check(data: EventInput, user, *, event: EngagementEvent | None = None) -> ProgrammeFacts:
    facts = ProgrammeFacts.load(data.programme)
    must_deliver = required_deliverers(user, data.programme) if user is not None else None
    errors = event_errors(data, facts, must_deliver=must_deliver)
    reference = data.external_reference.strip()
    if reference:
        clash = EngagementEvent.objects.filter(
            programme=data.programme, external_reference=reference
        )
        if event is not None:
            clash = clash.exclude(pk=event.pk)
        if clash.exists():
            errors.setdefault("external_reference", []).append(
                "Another event of this programme has this reference."
            )
    raise_if(errors)
    return facts


@transaction.atomic
def event_create(*, user, data: EventInput) -> EngagementEvent:
    """Log an event. `user` is who logs it: a delivery partner must be among those who
    delivered it unless their organisation leads the programme."""
    facts = _check(data, user)
    event = EngagementEvent(created_by=user if user and user.is_authenticated else None)
    fill_event(event, data, keep_reason=bool(unserved_goals(data, facts)))
    event.save()
    _save_related(event, data, replace=False)
    quotes = FeedbackQuote.objects.bulk_create(
        FeedbackQuote(event=event, text=text.strip(), attribution=attribution.strip(), position=i)
        for i, (text, attribution) in enumerate(data.quotes)
        if text.strip()
    )
    record_bulk_create(quotes)
    return event


@transaction.atomic
def event_update(*, user, event: EngagementEvent, data: EventInput) -> EngagementEvent:
    """Change an event; its quotes are kept (they change through quote_add / quote_delete)."""
    facts = _check(data, user, event=event)
    fill_event(event, data, keep_reason=bool(unserved_goals(data, facts)))
    event.import_fingerprint = ""
    event.save()
    _save_related(event, data, replace=True)
    return event


def event_delete(*, event: EngagementEvent) -> None:
    event.delete()


@transaction.atomic
def quote_add(*, event: EngagementEvent, text: str, attribution: str) -> FeedbackQuote:
    errors = {}
    if not text.strip():
        errors["text"] = ["Enter the quote."]
    if not attribution.strip():
        errors["attribution"] = ["Say who said it, by role and place, never by name."]
    raise_if(errors)
    position = event.quotes.count()
    return FeedbackQuote.objects.create(
        event=event, text=text.strip(), attribution=attribution.strip(), position=position
    )


def quote_delete(*, quote: FeedbackQuote) -> None:
    quote.delete()


def input_from_event(event: EngagementEvent, **overrides) -> EventInput:
    """An EventInput describing an existing event (for "log another like this" and the
    API's partial updates)."""
    data = EventInput(
        programme=event.programme,
        activity_type=event.activity_type,
        title=event.title,
        date=event.date,
        participants=event.participants,
        goals=list(event.goals.all()),
        delivering_organisations=list(event.delivering_organisations.all()),
        start_time=event.start_time,
        end_time=event.end_time,
        school=event.school,
        setting_name=event.setting_name,
        setting_postcode=event.setting_postcode,
        delivery_mode=event.delivery_mode,
        gatsby_benchmarks=list(event.gatsby_benchmarks.all()),
        year_groups={row.year_group: row.participants for row in event.year_groups.all()},
        demographics={(d.dimension, d.category): d.count for d in event.demographics.all()},
        parents_reached=event.parents_reached,
        ambassadors={row.ambassador: row.hours for row in event.ambassador_hours.all()},
        is_repeat_visit=event.is_repeat_visit,
        notes=event.notes,
        goal_reason=event.goal_reason,
        external_reference=event.external_reference,
    )
    for name, value in overrides.items():
        setattr(data, name, value)
    return data
