"""Workshop booking: offers, slots (one by one or as a series), bookings, the waiting list
with priority, cancellation, held offers and their expiry, delivery and attendance.

Every write that changes the places of a slot runs inside one transaction holding the
slot's row lock (`_lock_slot`), so "confirmed + held places <= capacity" holds whatever the
concurrency; the slot's check constraint is the database's own guard. A lock that cannot be
had within LOCK_TIMEOUT raises SlotBusy ("busy, try again"), never a server error.
"""

import datetime
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import DatabaseError, connection, transaction
from django.utils import timezone
from django.utils.formats import date_format

from outreach.accounts.roles import Role
from outreach.accounts.scope import scope_for
from outreach.audit.services import record_change
from partners.models import Organisation, YearGroup

from ..models import (
    ActivityType,
    Booking,
    BookingStatus,
    CapacityUnit,
    Goal,
    PartnerRole,
    PriorityGroup,
    Programme,
    ProgrammePartner,
    WaitlistEntry,
    WaitlistStatus,
    WorkshopOffer,
    WorkshopSlot,
)
from ._common import raise_if

LOCK_TIMEOUT = "3s"
AFTER_QUESTIONNAIRE = "after_questionnaire"
PRIORITY_DECILES = (1, 2, 3)


class SlotBusy(Exception):
    """Another booking holds the slot; the caller should try again in a moment."""

    message = "Many people are booking this workshop right now. Please try again."


@dataclass
class BookingOutcome:
    """What happened when a careers lead pressed Book: a booking, or a waiting-list place."""

    booking: Booking | None = None
    waitlist_entry: WaitlistEntry | None = None

    @property
    def confirmed(self) -> bool:
        return self.booking is not None


def _notify(kind: str, **ids) -> None:
    """Send the email of this change by Celery once the transaction commits."""
    from ..tasks import send_booking_email

    transaction.on_commit(lambda: send_booking_email.delay(kind, **ids))


def _now():
    return timezone.now()


def _day(value) -> str:
    return date_format(value, "j F Y")


def _lock_slot(slot_id: int) -> WorkshopSlot:
    """Lock the slot row for this transaction, waiting at most LOCK_TIMEOUT."""
    try:
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute(f"SET LOCAL lock_timeout = '{LOCK_TIMEOUT}'")
        return WorkshopSlot.objects.select_for_update().select_related("offer").get(pk=slot_id)
    except WorkshopSlot.DoesNotExist:
        raise
    except DatabaseError as error:
        # 55P03 lock_not_available (PostgreSQL); "database is locked" (SQLite).
        raise SlotBusy() from error


# ---------------------------------------------------------------------------- offers


OFFER_FIELDS = {
    "title",
    "description",
    "activity_type",
    "duration_minutes",
    "format",
    "max_students",
    "school_must_provide",
    "bsl_available",
    "step_free",
    "quiet_room",
    "accessibility_notes",
    "open_to_postcode_areas",
    "published",
    "priority_opens_at",
    "opens_at",
    "offer_hold_hours",
    "before_questionnaire",
    "after_questionnaire",
}


def _offer_errors(values: dict, programme: Programme, partner: Organisation) -> dict:
    errors: dict[str, list[str]] = {}
    if not (values.get("title") or "").strip():
        errors["title"] = ["Enter a title, for example “A day in the life of a nurse”."]
    if not (values.get("description") or "").strip():
        errors["description"] = ["Say in plain language what students will do."]
    if not values.get("activity_type"):
        errors["activity_type"] = ["Choose the type of activity."]
    if not values.get("goals"):
        errors["goals"] = ["Choose at least one goal."]
    if not values.get("year_groups"):
        errors["year_groups"] = ["Choose the year groups the workshop suits."]
    if (values.get("duration_minutes") or 0) < 1:
        errors["duration_minutes"] = ["Enter how long the workshop lasts, in minutes."]
    if (values.get("max_students") or 0) < 1:
        errors["max_students"] = ["Enter the most students a session can take."]
    priority, opens = values.get("priority_opens_at"), values.get("opens_at")
    if priority and opens and opens < priority:
        errors["opens_at"] = ["Booking for all schools must open after the priority window opens."]
    is_partner = ProgrammePartner.objects.filter(
        programme=programme,
        organisation=partner,
        role__in=[PartnerRole.DELIVERY, PartnerRole.LEAD],
    ).exists()
    if not is_partner:
        errors["partner"] = [f"{partner} does not deliver for {programme}."]
    errors.update(_questionnaire_errors(values, programme))
    return errors


def _questionnaire_errors(values: dict, programme: Programme) -> dict:
    """Both questionnaires belong to the offer's programme; with both, the "after" one
    is the one paired with the "before" one (surveys' `Questionnaire.before`)."""
    errors: dict[str, list[str]] = {}
    before, after = values.get("before_questionnaire"), values.get("after_questionnaire")
    for name, questionnaire in (("before_questionnaire", before), ("after_questionnaire", after)):
        if questionnaire is not None and questionnaire.programme_id != programme.pk:
            errors[name] = [f"Choose a questionnaire of {programme}."]
    if before is not None and after is not None and not errors:
        if after.pk == before.pk:
            errors["after_questionnaire"] = [
                "Choose a different questionnaire for after the workshop."
            ]
        elif after.before_id != before.pk:
            errors["after_questionnaire"] = [
                f"“{after}” is not paired with “{before}”. Choose the questionnaire paired "
                "with the one before the workshop, or pair them in the questionnaire builder."
            ]
    return errors


@transaction.atomic
def offer_create(
    *,
    programme: Programme,
    partner: Organisation,
    goals: list[Goal],
    year_groups: list[YearGroup],
    open_to_schools: list[Organisation] | None = None,
    **values,
) -> WorkshopOffer:
    unknown = set(values) - OFFER_FIELDS
    if unknown:
        raise TypeError(f"unexpected fields: {sorted(unknown)}")
    raise_if(
        _offer_errors({**values, "goals": goals, "year_groups": year_groups}, programme, partner)
    )
    offer = WorkshopOffer.objects.create(programme=programme, partner=partner, **values)
    offer.goals.set(goals)
    offer.year_groups.set(year_groups)
    offer.open_to_schools.set(open_to_schools or [])
    return offer


@transaction.atomic
def offer_update(
    *,
    offer: WorkshopOffer,
    goals: list[Goal] | None = None,
    year_groups: list[YearGroup] | None = None,
    open_to_schools: list[Organisation] | None = None,
    **values,
) -> WorkshopOffer:
    unknown = set(values) - OFFER_FIELDS
    if unknown:
        raise TypeError(f"unexpected fields: {sorted(unknown)}")
    current = {name: getattr(offer, name) for name in OFFER_FIELDS}
    current.update(values)
    current["goals"] = goals if goals is not None else list(offer.goals.all())
    current["year_groups"] = (
        year_groups if year_groups is not None else list(offer.year_groups.all())
    )
    raise_if(_offer_errors(current, offer.programme, offer.partner))
    for name, value in values.items():
        setattr(offer, name, value)
    offer.save()
    if goals is not None:
        offer.goals.set(goals)
    if year_groups is not None:
        offer.year_groups.set(year_groups)
    if open_to_schools is not None:
        offer.open_to_schools.set(open_to_schools)
    return offer


# ----------------------------------------------------------------------------- slots


@dataclass
class SlotInput:
    date: datetime.date
    start_time: datetime.time
    end_time: datetime.time
    capacity: int
    booking_deadline: datetime.datetime
    location: str = ""
    facilitator: str = ""
    capacity_unit: str = CapacityUnit.STUDENTS


def _slot_errors(offer: WorkshopOffer, data: SlotInput, *, exclude=None) -> dict:
    errors: dict[str, list[str]] = {}
    if data.start_time and data.end_time and data.end_time <= data.start_time:
        errors["end_time"] = ["The end time must be after the start time."]
    if data.capacity is None or data.capacity < 1:
        errors["capacity"] = ["Enter how many places the slot has (at least 1)."]
    elif data.capacity_unit == CapacityUnit.STUDENTS and data.capacity > offer.max_students:
        errors["capacity"] = [f"The offer takes at most {offer.max_students} students a session."]
    if data.date and data.date < timezone.localdate():
        errors["date"] = ["The slot’s date is in the past."]
    if data.booking_deadline and data.date and data.start_time:
        starts = timezone.make_aware(datetime.datetime.combine(data.date, data.start_time))
        if data.booking_deadline > starts:
            errors["booking_deadline"] = ["The booking deadline must be before the slot starts."]
    if data.facilitator.strip() and "end_time" not in errors:
        clash = WorkshopSlot.objects.filter(
            offer__partner_id=offer.partner_id,
            facilitator__iexact=data.facilitator.strip(),
            date=data.date,
            start_time__lt=data.end_time,
            end_time__gt=data.start_time,
            cancelled=False,
        )
        if exclude is not None:
            clash = clash.exclude(pk=exclude.pk)
        other = clash.first()
        if other:
            errors["facilitator"] = [
                f"{other.facilitator} is already running “{other.offer.title}” "
                f"from {other.start_time:%H:%M} to {other.end_time:%H:%M} on {_day(data.date)}."
            ]
    return errors


@transaction.atomic
def slot_create(*, offer: WorkshopOffer, data: SlotInput) -> WorkshopSlot:
    raise_if(_slot_errors(offer, data))
    return WorkshopSlot.objects.create(
        offer=offer,
        date=data.date,
        start_time=data.start_time,
        end_time=data.end_time,
        capacity=data.capacity,
        capacity_unit=data.capacity_unit,
        booking_deadline=data.booking_deadline,
        location=data.location.strip(),
        facilitator=data.facilitator.strip(),
    )


@transaction.atomic
def slot_series_create(
    *,
    offer: WorkshopOffer,
    first: SlotInput,
    until: datetime.date,
    every_weeks: int = 1,
) -> list[WorkshopSlot]:
    """The same slot every `every_weeks` weeks from first.date to `until` (for example
    every Tuesday of the Spring term), each with its deadline the same time before it.
    All or nothing: a clash on any date creates none and names the date."""
    if until < first.date:
        raise ValidationError({"until": ["The last date must be on or after the first."]})
    if every_weeks < 1:
        raise ValidationError({"every_weeks": ["Choose how many weeks apart (at least 1)."]})
    first_start = timezone.make_aware(datetime.datetime.combine(first.date, first.start_time))
    lead = first_start - first.booking_deadline
    slots = []
    day = first.date
    while day <= until:
        start = timezone.make_aware(datetime.datetime.combine(day, first.start_time))
        data = SlotInput(
            date=day,
            start_time=first.start_time,
            end_time=first.end_time,
            capacity=first.capacity,
            booking_deadline=start - lead,
            location=first.location,
            facilitator=first.facilitator,
            capacity_unit=first.capacity_unit,
        )
        errors = _slot_errors(offer, data)
        if errors:
            raise ValidationError(
                {name: [f"{_day(day)}: {m}" for m in messages] for name, messages in errors.items()}
            )
        slots.append(slot_create(offer=offer, data=data))
        day += datetime.timedelta(weeks=every_weeks)
    return slots


# -------------------------------------------------------------------------- booking


def is_priority_school(offer: WorkshopOffer, school: Organisation) -> bool:
    """Target schools of the offer's programme and schools in IMD deciles 1-3."""
    if school.imd_decile in PRIORITY_DECILES:
        return True
    return offer.programme.target_schools.filter(pk=school.pk).exists()


def school_may_book(offer: WorkshopOffer, school: Organisation) -> bool:
    """Is the offer open to this school (its area, listed schools, postcode areas)?"""
    if school.area_id != offer.programme.area_id:
        return False
    listed = list(offer.open_to_schools.values_list("pk", flat=True))
    if listed and school.pk not in listed:
        return False
    areas = offer.postcode_areas
    if areas:
        outward = (school.postcode or "").upper().split(" ")[0]
        letters = "".join(ch for ch in outward if ch.isalpha())
        if outward not in areas and letters not in areas:
            return False
    return True


def is_staff_for(user, slot: WorkshopSlot) -> bool:
    """May this user run the slot (cancel with a reason, record attendance)?"""
    scope = scope_for(user)
    return scope.is_admin or (
        slot.offer.programme.area_id in scope.lead_area_ids
        or slot.offer.partner_id in scope.organisation_ids(Role.DELIVERY_PARTNER)
    )


def user_may_book_for(user, school: Organisation) -> bool:
    scope = scope_for(user)
    return scope.is_admin or school.pk in scope.organisation_ids(Role.CAREERS_LEAD)


@dataclass
class BookingRequest:
    school: Organisation
    year_group: YearGroup
    students: int
    contact_name: str
    contact_email: str
    access_needs: str = ""


def _request_errors(slot: WorkshopSlot, req: BookingRequest, now) -> dict:
    """Rules a booking or waiting-list request must meet, checked before the lock."""
    errors: dict[str, list[str]] = {}
    offer = slot.offer
    if slot.cancelled:
        errors["slot"] = ["This slot has been cancelled."]
    elif not offer.published:
        errors["slot"] = ["This workshop is not open for booking."]
    else:
        starts = timezone.make_aware(datetime.datetime.combine(slot.date, slot.start_time))
        if starts <= now:
            errors["slot"] = ["This slot is in the past."]
        elif slot.booking_deadline <= now:
            closed = _day(timezone.localtime(slot.booking_deadline))
            errors["slot"] = [f"Booking for this slot closed on {closed}."]
        else:
            priority = is_priority_school(offer, req.school)
            if offer.priority_opens_at and now < offer.priority_opens_at:
                errors["slot"] = [
                    f"Booking opens on {_day(timezone.localtime(offer.priority_opens_at))}."
                ]
            elif offer.opens_at and now < offer.opens_at and not priority:
                errors["slot"] = [
                    "Booking is open to priority schools first; it opens to every school on "
                    f"{_day(timezone.localtime(offer.opens_at))}."
                ]
    if not school_may_book(offer, req.school):
        errors["school"] = ["This workshop is not open to your school."]
    if not offer.year_groups.filter(pk=req.year_group.pk).exists():
        suits = ", ".join(str(y) for y in offer.year_groups.all())
        errors["year_group"] = [f"This workshop suits {suits}, not {req.year_group}."]
    if req.students is None or req.students < 1:
        errors["students"] = ["Enter how many students will come (at least 1)."]
    elif req.students > offer.max_students:
        errors["students"] = [f"A session takes at most {offer.max_students} students."]
    if not (req.contact_name or "").strip():
        errors["contact_name"] = ["Enter the name of the teacher we should contact."]
    if not (req.contact_email or "").strip():
        errors["contact_email"] = ["Enter the contact’s email address."]
    return errors


def _locked_errors(slot: WorkshopSlot, req: BookingRequest) -> dict:
    """The rules checked again under the slot's lock: it is still open, and the school
    has not booked it or joined its waiting list meanwhile. The other rules are checked
    before the lock is taken (`_checked`), so the lock is held only briefly."""
    errors: dict[str, list[str]] = {}
    if slot.cancelled:
        errors["slot"] = ["This slot has been cancelled."]
    if Booking.objects.filter(
        slot=slot, school=req.school, status=BookingStatus.CONFIRMED
    ).exists():
        errors.setdefault("slot", []).append("Your school has already booked this slot.")
    if WaitlistEntry.objects.filter(
        slot=slot,
        school=req.school,
        status__in=(WaitlistStatus.WAITING, WaitlistStatus.OFFERED),
    ).exists():
        errors.setdefault("slot", []).append(
            "Your school is already on the waiting list for this slot."
        )
    return errors


def _checked(slot: WorkshopSlot, req: BookingRequest, now) -> None:
    current = WorkshopSlot.objects.select_related("offer", "offer__programme").get(pk=slot.pk)
    errors = _request_errors(current, req, now)
    for name, messages in _locked_errors(current, req).items():
        errors.setdefault(name, []).extend(m for m in messages if m not in errors.get(name, []))
    raise_if(errors)


def _new_booking(slot, req: BookingRequest, user, places) -> Booking:
    return Booking.objects.create(
        slot=slot,
        school=req.school,
        year_group=req.year_group,
        students=req.students,
        places=places,
        contact_name=req.contact_name.strip(),
        contact_email=req.contact_email.strip(),
        access_needs=(req.access_needs or "").strip(),
        booked_by=user if user is not None and user.is_authenticated else None,
    )


def booking_create(
    *,
    user,
    slot: WorkshopSlot,
    request: BookingRequest,
    waitlist_if_full: bool = True,
    now=None,
) -> BookingOutcome:
    """Book places on a slot: confirmed at once while places remain; otherwise a place on
    the waiting list (or, with waitlist_if_full=False, a "no places left" error)."""
    now = now or _now()
    _checked(slot, request, now)
    with transaction.atomic():
        locked = _lock_slot(slot.pk)
        raise_if(_locked_errors(locked, request))
        places = locked.places_for(request.students)
        if places <= locked.places_left:
            locked.places_taken += places
            locked.save(update_fields=["places_taken"])
            booking = _new_booking(locked, request, user, places)
            _notify("confirmed", booking_id=booking.pk)
            return BookingOutcome(booking=booking)
        if not waitlist_if_full:
            raise ValidationError(
                {"students": [f"Only {locked.places_left} places are left on this slot."]}
            )
        entry = _new_entry(locked, request, user, places, now)
        return BookingOutcome(waitlist_entry=entry)


def _new_entry(slot, req: BookingRequest, user, places, now) -> WaitlistEntry:
    priority = (
        PriorityGroup.TARGET_OR_DEPRIVED
        if is_priority_school(slot.offer, req.school)
        else PriorityGroup.OTHER
    )
    entry = WaitlistEntry.objects.create(
        slot=slot,
        school=req.school,
        year_group=req.year_group,
        students=req.students,
        places=places,
        contact_name=req.contact_name.strip(),
        contact_email=req.contact_email.strip(),
        access_needs=(req.access_needs or "").strip(),
        priority=priority,
        joined_at=now,
        created_by=user if user is not None and user.is_authenticated else None,
    )
    _notify("waitlisted", entry_id=entry.pk)
    return entry


def waitlist_join(*, user, slot: WorkshopSlot, request: BookingRequest, now=None) -> WaitlistEntry:
    """Join the waiting list directly (a full slot, or a group that would not fit)."""
    now = now or _now()
    _checked(slot, request, now)
    with transaction.atomic():
        locked = _lock_slot(slot.pk)
        raise_if(_locked_errors(locked, request))
        entry = _new_entry(locked, request, user, locked.places_for(request.students), now)
        # Places may be free that nobody earlier in the queue could use.
        _offer_free_places(locked, now)
        entry.refresh_from_db()
        return entry


def _offer_free_places(slot: WorkshopSlot, now) -> list[WaitlistEntry]:
    """Offer the slot's free places to waiting groups in priority-then-time order, each
    to the first entry that fits; held for the offer's hold time. The slot is locked."""
    free = slot.capacity - slot.places_taken
    offered = []
    if free <= 0 or slot.cancelled:
        return offered
    starts = timezone.make_aware(datetime.datetime.combine(slot.date, slot.start_time))
    if starts <= now:
        return offered
    hold = datetime.timedelta(hours=slot.offer.offer_hold_hours)
    expires = min(now + hold, starts)
    for entry in WaitlistEntry.objects.filter(slot=slot, status=WaitlistStatus.WAITING).in_order():
        if free <= 0:
            break
        if entry.places > free:
            continue
        entry.status = WaitlistStatus.OFFERED
        entry.offered_at = now
        entry.offer_expires_at = expires
        entry.save(update_fields=["status", "offered_at", "offer_expires_at"])
        _notify("offered", entry_id=entry.pk)
        free -= entry.places
        slot.places_taken += entry.places
        offered.append(entry)
    if offered:
        slot.save(update_fields=["places_taken"])
    return offered


def _release(slot: WorkshopSlot, places: int) -> None:
    slot.places_taken -= places
    slot.save(update_fields=["places_taken"])


def booking_cancel(*, user, booking: Booking, reason: str = "", now=None) -> Booking:
    """A careers lead may cancel up to the booking deadline; the delivery partner (or
    staff) at any time before the slot, with a reason. Freed places go to the waiting
    list."""
    now = now or _now()
    with transaction.atomic():
        slot = _lock_slot(booking.slot_id)
        booking = Booking.objects.select_for_update().get(pk=booking.pk)
        staff = is_staff_for(user, slot)
        if booking.status != BookingStatus.CONFIRMED:
            raise ValidationError(
                {"booking": [f"This booking is {booking.get_status_display().lower()}."]}
            )
        starts = timezone.make_aware(datetime.datetime.combine(slot.date, slot.start_time))
        if staff:
            if not reason.strip():
                raise ValidationError({"reason": ["Say why the booking is cancelled."]})
        elif now > slot.booking_deadline:
            raise ValidationError(
                {
                    "booking": [
                        "Bookings can be cancelled here until the booking deadline, "
                        f"{_day(timezone.localtime(slot.booking_deadline))}. Please contact "
                        f"{slot.offer.partner} to cancel."
                    ]
                }
            )
        if now >= starts:
            raise ValidationError({"booking": ["This slot has already started."]})
        booking.status = BookingStatus.CANCELLED
        booking.cancelled_at = now
        booking.cancelled_by = user if user is not None and user.is_authenticated else None
        booking.cancel_reason = reason.strip()
        booking.save()
        _release(slot, booking.places)
        _offer_free_places(slot, now)
        _notify("cancelled", booking_id=booking.pk)
        return booking


def waitlist_leave(*, user, entry: WaitlistEntry, now=None) -> WaitlistEntry:
    """A careers lead leaves the waiting list (declining a held offer frees its places)."""
    now = now or _now()
    with transaction.atomic():
        slot = _lock_slot(entry.slot_id)
        entry = WaitlistEntry.objects.select_for_update().get(pk=entry.pk)
        if entry.status not in (WaitlistStatus.WAITING, WaitlistStatus.OFFERED):
            return entry
        held = entry.status == WaitlistStatus.OFFERED
        entry.status = WaitlistStatus.LEFT
        entry.save(update_fields=["status"])
        if held:
            _release(slot, entry.places)
            _offer_free_places(slot, now)
        return entry


def waitlist_accept(*, user, entry: WaitlistEntry, now=None) -> Booking:
    """Accept a held offer: the held places become a confirmed booking."""
    now = now or _now()
    with transaction.atomic():
        slot = _lock_slot(entry.slot_id)
        entry = WaitlistEntry.objects.select_for_update().get(pk=entry.pk)
        if entry.status != WaitlistStatus.OFFERED:
            raise ValidationError({"entry": ["There is no place on offer to accept."]})
        if entry.offer_expires_at <= now:
            raise ValidationError({"entry": ["This offer has expired."]})
        booking = Booking.objects.create(
            slot=slot,
            school=entry.school,
            year_group=entry.year_group,
            students=entry.students,
            places=entry.places,
            contact_name=entry.contact_name,
            contact_email=entry.contact_email,
            access_needs=entry.access_needs,
            booked_by=user if user is not None and user.is_authenticated else None,
        )
        entry.status = WaitlistStatus.ACCEPTED
        entry.booking = booking
        entry.save(update_fields=["status", "booking"])
        _notify("confirmed", booking_id=booking.pk)
        return booking


def offers_expire(*, now=None) -> int:
    """Pass every held offer past its time to the next group. Idempotent: an expired
    entry is never expired twice. Returns how many offers expired."""
    now = now or _now()
    slot_ids = set(
        WaitlistEntry.objects.filter(
            status=WaitlistStatus.OFFERED, offer_expires_at__lte=now
        ).values_list("slot_id", flat=True)
    )
    count = 0
    for slot_id in sorted(slot_ids):
        with transaction.atomic():
            slot = _lock_slot(slot_id)
            expired = list(
                WaitlistEntry.objects.select_for_update().filter(
                    slot=slot, status=WaitlistStatus.OFFERED, offer_expires_at__lte=now
                )
            )
            for entry in expired:
                entry.status = WaitlistStatus.EXPIRED
                entry.save(update_fields=["status"])
                _release(slot, entry.places)
                count += 1
            _offer_free_places(slot, now)
    return count


@transaction.atomic
def waitlist_set_priority(*, user, entry: WaitlistEntry, priority: int, reason: str):
    """Staff change a group's priority and record why (shown in the list)."""
    if not reason.strip():
        raise ValidationError({"reason": ["Say why the priority is changed."]})
    if priority not in PriorityGroup.values:
        raise ValidationError({"priority": ["Choose a priority group."]})
    entry.priority = priority
    entry.priority_reason = reason.strip()
    entry.save(update_fields=["priority", "priority_reason"])
    return entry


# ------------------------------------------------------------------------- delivery


def booking_deliver(
    *, user, booking: Booking, attended: int, gatsby_benchmarks=None, now=None
) -> Booking:
    """Mark a booking delivered with its attendance. This creates — or, when recorded
    again, updates — the engagement event through the event service, with the school,
    year group and numbers, so nothing is typed twice."""
    from . import events as event_services

    now = now or _now()
    if attended is None or attended < 0:
        raise ValidationError({"attended": ["Enter how many students attended."]})
    with transaction.atomic():
        booking = (
            Booking.objects.select_for_update()
            .select_related(
                "slot__offer__programme", "slot__offer__activity_type", "school", "year_group"
            )
            .get(pk=booking.pk)
        )
        slot, offer = booking.slot, booking.slot.offer
        if booking.status not in (BookingStatus.CONFIRMED, BookingStatus.DELIVERED):
            raise ValidationError(
                {"booking": [f"This booking is {booking.get_status_display().lower()}."]}
            )
        starts = timezone.make_aware(datetime.datetime.combine(slot.date, slot.start_time))
        if starts > now:
            raise ValidationError({"booking": ["The workshop has not happened yet."]})
        if attended == 0:
            raise ValidationError(
                {"attended": ["No students attended: record it as a no-show instead."]}
            )
        data = event_services.EventInput(
            programme=offer.programme,
            activity_type=offer.activity_type,
            title=offer.title,
            date=slot.date,
            start_time=slot.start_time,
            end_time=slot.end_time,
            participants=attended,
            goals=list(offer.goals.all()),
            delivering_organisations=[offer.partner],
            school=booking.school,
            delivery_mode="online" if offer.format == "online" else "in_person",
            year_groups={booking.year_group: attended},
            gatsby_benchmarks=list(gatsby_benchmarks or []),
            external_reference=f"booking-{booking.pk}",
        )
        if booking.event_id:
            event = event_services.event_update(user=user, event=booking.event, data=data)
        else:
            event = event_services.event_create(user=user, data=data)
        booking.event = event
        booking.attended = attended
        booking.status = BookingStatus.DELIVERED
        booking.save(update_fields=["event", "attended", "status"])
        # The "after" questionnaire goes to the careers lead once per booking; the email
        # is recorded by key, so recording attendance again sends nothing twice.
        if (
            offer.after_questionnaire_id
            and not booking.emails.filter(kind=AFTER_QUESTIONNAIRE).exists()
        ):
            _notify(AFTER_QUESTIONNAIRE, booking_id=booking.pk)
        return booking


@transaction.atomic
def booking_mark_no_show(*, user, booking: Booking, now=None) -> Booking:
    now = now or _now()
    booking = Booking.objects.select_for_update().select_related("slot").get(pk=booking.pk)
    slot = booking.slot
    starts = timezone.make_aware(datetime.datetime.combine(slot.date, slot.start_time))
    if starts > now:
        raise ValidationError({"booking": ["The workshop has not happened yet."]})
    if booking.status != BookingStatus.CONFIRMED:
        raise ValidationError(
            {"booking": [f"This booking is {booking.get_status_display().lower()}."]}
        )
    booking.status = BookingStatus.NO_SHOW
    booking.attended = 0
    booking.save(update_fields=["status", "attended"])
    return booking


def booking_mark_late_cancellation(*, user, booking: Booking, reason: str, now=None) -> Booking:
    """The school told the partner after the deadline: cancel, and record it as late."""
    booking = booking_cancel(user=user, booking=booking, reason=reason, now=now)
    Booking.objects.filter(pk=booking.pk).update(late_cancellation=True)
    record_change(
        "update", booking, changes={"late_cancellation": [booking.late_cancellation, True]}
    )
    booking.late_cancellation = True
    return booking


# ----------------------------------------------------------- requests from schools


@transaction.atomic
def school_request_create(
    *, user, school, topic, year_group, students, preferred_dates, format, notes=""
):
    from ..models import OfferFormat, SchoolRequest

    errors: dict[str, list[str]] = {}
    if not (topic or "").strip():
        errors["topic"] = ["Say what you would like, for example “a talk by a midwife”."]
    if students is None or students < 1:
        errors["students"] = ["Enter how many students (at least 1)."]
    if not (preferred_dates or "").strip():
        errors["preferred_dates"] = ["Say which dates or weeks would suit you."]
    if format not in OfferFormat.values:
        errors["format"] = ["Choose a format."]
    raise_if(errors)
    return SchoolRequest.objects.create(
        school=school,
        topic=topic.strip(),
        year_group=year_group,
        students=students,
        preferred_dates=preferred_dates.strip(),
        format=format,
        notes=(notes or "").strip(),
        created_by=user if user is not None and user.is_authenticated else None,
    )


@transaction.atomic
def request_proposal_create(
    *,
    user,
    school_request,
    programme,
    partner,
    message,
    date,
    start_time,
    end_time,
    location="",
    ambassador=None,
):
    """A delivery partner offers to take an open request."""
    from ..models import RequestProposal, RequestStatus

    errors: dict[str, list[str]] = {}
    if school_request.status != RequestStatus.OPEN:
        errors["request"] = ["This request is no longer open."]
    if not ProgrammePartner.objects.filter(
        programme=programme,
        organisation=partner,
        role__in=[PartnerRole.DELIVERY, PartnerRole.LEAD],
    ).exists():
        errors["programme"] = [f"{partner} does not deliver for {programme}."]
    if programme.area_id != school_request.school.area_id:
        errors.setdefault("programme", []).append("Choose a programme in the school’s area.")
    if not (message or "").strip():
        errors["message"] = ["Tell the school what you would do."]
    if date and date <= timezone.localdate():
        errors["date"] = ["Choose a date from tomorrow on."]
    if start_time and end_time and end_time <= start_time:
        errors["end_time"] = ["The end time must be after the start time."]
    if ambassador is not None and ambassador.organisation_id != partner.pk:
        errors["ambassador"] = ["Choose one of your own organisation’s ambassadors."]
    raise_if(errors)
    return RequestProposal.objects.create(
        request=school_request,
        programme=programme,
        partner=partner,
        ambassador=ambassador,
        message=message.strip(),
        date=date,
        start_time=start_time,
        end_time=end_time,
        location=(location or "").strip(),
        offered_by=user if user is not None and user.is_authenticated else None,
    )


def request_proposal_accept(*, user, proposal, contact_name, contact_email, now=None) -> Booking:
    """The careers lead accepts a proposal: it becomes a booking — an unpublished offer
    open only to this school, one slot sized for the group, and a confirmed booking,
    made through the same booking service."""
    from ..models import RequestProposal, RequestStatus, SchoolRequest

    now = now or _now()
    with transaction.atomic():
        school_request = SchoolRequest.objects.select_for_update().get(pk=proposal.request_id)
        proposal = RequestProposal.objects.select_related("programme", "partner").get(
            pk=proposal.pk
        )
        if school_request.status != RequestStatus.OPEN:
            raise ValidationError({"request": ["This request has already been booked."]})
        offer = WorkshopOffer.objects.create(
            programme=proposal.programme,
            partner=proposal.partner,
            title=school_request.topic,
            description=proposal.message,
            activity_type=ActivityType.objects.get(code="workshop"),
            duration_minutes=max(
                1,
                int(
                    (
                        datetime.datetime.combine(proposal.date, proposal.end_time)
                        - datetime.datetime.combine(proposal.date, proposal.start_time)
                    ).total_seconds()
                    // 60
                ),
            ),
            format=school_request.format,
            max_students=school_request.students,
            published=True,
        )
        offer.goals.set(Goal.objects.filter(code="awareness"))
        offer.year_groups.set([school_request.year_group])
        offer.open_to_schools.set([school_request.school])
        starts = timezone.make_aware(datetime.datetime.combine(proposal.date, proposal.start_time))
        slot = WorkshopSlot.objects.create(
            offer=offer,
            date=proposal.date,
            start_time=proposal.start_time,
            end_time=proposal.end_time,
            capacity=school_request.students,
            booking_deadline=max(
                starts - datetime.timedelta(days=1), now + datetime.timedelta(minutes=1)
            ),
            location=proposal.location,
            facilitator=proposal.ambassador.name if proposal.ambassador else "",
        )
        outcome = booking_create(
            user=user,
            slot=slot,
            request=BookingRequest(
                school=school_request.school,
                year_group=school_request.year_group,
                students=school_request.students,
                contact_name=contact_name,
                contact_email=contact_email,
            ),
            waitlist_if_full=False,
            now=now,
        )
        RequestProposal.objects.filter(pk=proposal.pk).update(accepted=True)
        record_change("update", proposal, changes={"accepted": [proposal.accepted, True]})
        school_request.status = RequestStatus.BOOKED
        school_request.booking = outcome.booking
        school_request.save(update_fields=["status", "booking"])
        return outcome.booking
