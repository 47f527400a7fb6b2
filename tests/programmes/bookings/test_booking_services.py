import datetime

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from programmes.models import (
    Booking,
    BookingStatus,
    CapacityUnit,
    EngagementEvent,
    PriorityGroup,
    WaitlistEntry,
    WaitlistStatus,
    WorkshopSlot,
)
from programmes.services import bookings as svc

from .conftest import request_for, slot_input

pytestmark = pytest.mark.django_db


def _refresh(slot):
    slot.refresh_from_db()
    return slot


def test_a_booking_is_confirmed_at_once_while_places_remain(slot, school, year9, careers):
    outcome = svc.booking_create(user=careers, slot=slot, request=request_for(school, year9, 12))
    assert outcome.confirmed
    assert outcome.booking.status == BookingStatus.CONFIRMED
    assert _refresh(slot).places_left == 18


def test_a_full_slot_puts_the_group_on_the_waiting_list(slot, make_school, year9):
    svc.booking_create(user=None, slot=slot, request=request_for(make_school(), year9, 30))
    outcome = svc.booking_create(user=None, slot=slot, request=request_for(make_school(), year9, 5))
    assert not outcome.confirmed
    assert outcome.waitlist_entry.status == WaitlistStatus.WAITING
    assert _refresh(slot).places_taken == 30


def test_without_the_waiting_list_a_full_slot_says_how_many_places_are_left(
    slot, make_school, year9
):
    svc.booking_create(user=None, slot=slot, request=request_for(make_school(), year9, 25))
    with pytest.raises(ValidationError, match="Only 5 places"):
        svc.booking_create(
            user=None,
            slot=slot,
            request=request_for(make_school(), year9, 6),
            waitlist_if_full=False,
        )
    assert Booking.objects.count() == 1


def test_an_in_school_session_is_filled_by_one_booking(offer, make_school, year9):
    slot = svc.slot_create(
        offer=offer, data=slot_input(capacity=1, capacity_unit=CapacityUnit.SESSIONS)
    )
    first = svc.booking_create(user=None, slot=slot, request=request_for(make_school(), year9, 28))
    second = svc.booking_create(user=None, slot=slot, request=request_for(make_school(), year9, 3))
    assert first.confirmed
    assert not second.confirmed
    assert _refresh(slot).places_taken == 1


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"students": 31}, "at most 30 students"),
        ({"students": 0}, "at least 1"),
        ({"contact_name": ""}, "name of the teacher"),
    ],
)
def test_bad_requests_get_a_clear_message_and_change_nothing(slot, school, year9, change, message):
    with pytest.raises(ValidationError, match=message):
        svc.booking_create(user=None, slot=slot, request=request_for(school, year9, **change))
    assert Booking.objects.count() == 0
    assert WaitlistEntry.objects.count() == 0
    assert _refresh(slot).places_taken == 0


def test_a_year_group_the_offer_does_not_suit_is_refused(slot, school, year12):
    with pytest.raises(ValidationError, match="suits Year 8, Year 9, not Year 12"):
        svc.booking_create(user=None, slot=slot, request=request_for(school, year12))
    assert _refresh(slot).places_taken == 0


def test_a_school_cannot_book_the_same_slot_twice(slot, school, year8, year9):
    svc.booking_create(user=None, slot=slot, request=request_for(school, year9))
    with pytest.raises(ValidationError, match="already booked this slot"):
        svc.booking_create(user=None, slot=slot, request=request_for(school, year8))
    assert _refresh(slot).places_taken == 10


def test_a_closed_or_past_slot_cannot_be_booked(slot, school, year9):
    after_deadline = slot.booking_deadline + datetime.timedelta(minutes=1)
    with pytest.raises(ValidationError, match="Booking for this slot closed"):
        svc.booking_create(
            user=None, slot=slot, request=request_for(school, year9), now=after_deadline
        )
    after_start = after_deadline + datetime.timedelta(days=5)
    with pytest.raises(ValidationError, match="in the past"):
        svc.booking_create(
            user=None, slot=slot, request=request_for(school, year9), now=after_start
        )
    assert _refresh(slot).places_taken == 0


def test_an_unpublished_offer_cannot_be_booked(slot, school, year9):
    slot.offer.published = False
    slot.offer.save()
    with pytest.raises(ValidationError, match="not open for booking"):
        svc.booking_create(user=None, slot=slot, request=request_for(school, year9))


def test_a_school_of_another_area_cannot_book(slot, other_school, year9):
    with pytest.raises(ValidationError, match="not open to your school"):
        svc.booking_create(user=None, slot=slot, request=request_for(other_school, year9))


def test_the_priority_window_opens_first_to_target_and_deprived_schools(
    slot, school, make_school, year9
):
    now = timezone.now()
    offer = slot.offer
    svc.offer_update(
        offer=offer,
        priority_opens_at=now - datetime.timedelta(days=1),
        opens_at=now + datetime.timedelta(days=2),
    )
    target = school  # a target school of the programme
    deprived = make_school(imd_decile=2)
    other = make_school(imd_decile=8)
    assert svc.booking_create(user=None, slot=slot, request=request_for(target, year9)).confirmed
    assert svc.booking_create(user=None, slot=slot, request=request_for(deprived, year9)).confirmed
    with pytest.raises(ValidationError, match="priority schools first"):
        svc.booking_create(user=None, slot=slot, request=request_for(other, year9))
    later = now + datetime.timedelta(days=2, minutes=1)
    assert svc.booking_create(
        user=None, slot=slot, request=request_for(other, year9), now=later
    ).confirmed


def test_the_priority_window_must_open_before_general_booking(offer):
    now = timezone.now()
    with pytest.raises(ValidationError, match="after the priority window"):
        svc.offer_update(offer=offer, priority_opens_at=now, opens_at=now - datetime.timedelta(1))


def test_a_careers_lead_may_cancel_up_to_the_deadline(slot, school, year9, careers):
    booking = svc.booking_create(
        user=careers, slot=slot, request=request_for(school, year9, 20)
    ).booking
    svc.booking_cancel(user=careers, booking=booking)
    booking.refresh_from_db()
    assert booking.status == BookingStatus.CANCELLED
    assert _refresh(slot).places_taken == 0


def test_a_careers_lead_cannot_cancel_after_the_deadline(slot, school, year9, careers):
    booking = svc.booking_create(
        user=careers, slot=slot, request=request_for(school, year9)
    ).booking
    late = slot.booking_deadline + datetime.timedelta(hours=1)
    with pytest.raises(ValidationError, match="until the booking deadline"):
        svc.booking_cancel(user=careers, booking=booking, now=late)
    booking.refresh_from_db()
    assert booking.status == BookingStatus.CONFIRMED
    assert _refresh(slot).places_taken == 10


def test_the_delivery_partner_cancels_with_a_reason(slot, school, year9, partner):
    booking = svc.booking_create(user=None, slot=slot, request=request_for(school, year9)).booking
    with pytest.raises(ValidationError, match="Say why"):
        svc.booking_cancel(user=partner, booking=booking)
    late = slot.booking_deadline + datetime.timedelta(hours=1)
    svc.booking_mark_late_cancellation(
        user=partner, booking=booking, reason="School closed for snow", now=late
    )
    booking.refresh_from_db()
    assert booking.status == BookingStatus.CANCELLED
    assert booking.late_cancellation
    assert booking.cancel_reason == "School closed for snow"


def test_a_cancellation_offers_the_places_to_the_first_group_that_fits(slot, make_school, year9):
    first = svc.booking_create(user=None, slot=slot, request=request_for(make_school(), year9, 20))
    svc.booking_create(user=None, slot=slot, request=request_for(make_school(), year9, 10))
    big = svc.booking_create(
        user=None, slot=slot, request=request_for(make_school(), year9, 25)
    ).waitlist_entry
    small = svc.booking_create(
        user=None, slot=slot, request=request_for(make_school(), year9, 15)
    ).waitlist_entry
    svc.booking_cancel(user=None, booking=first.booking)  # frees 20: the 25 does not fit
    big.refresh_from_db()
    small.refresh_from_db()
    assert big.status == WaitlistStatus.WAITING
    assert small.status == WaitlistStatus.OFFERED
    assert small.offer_expires_at - small.offered_at == datetime.timedelta(hours=48)
    assert _refresh(slot).places_taken == 25  # 10 confirmed + 15 held


def test_the_waiting_list_is_in_priority_then_time_order(slot, make_school, year9, lead):
    full = svc.booking_create(user=None, slot=slot, request=request_for(make_school(), year9, 30))
    early = svc.booking_create(
        user=None, slot=slot, request=request_for(make_school(), year9, 10)
    ).waitlist_entry
    deprived = svc.booking_create(
        user=None, slot=slot, request=request_for(make_school(imd_decile=1), year9, 10)
    ).waitlist_entry
    assert deprived.priority == PriorityGroup.TARGET_OR_DEPRIVED
    assert list(WaitlistEntry.objects.in_order()) == [deprived, early]
    svc.waitlist_set_priority(
        user=lead, entry=early, priority=1, reason="Year 9 missed out last term"
    )
    assert list(WaitlistEntry.objects.in_order()) == [early, deprived]
    with pytest.raises(ValidationError, match="Say why"):
        svc.waitlist_set_priority(user=lead, entry=early, priority=2, reason=" ")
    svc.booking_cancel(user=lead, booking=full.booking, reason="Moved to another day")
    early.refresh_from_db()
    deprived.refresh_from_db()
    assert early.status == WaitlistStatus.OFFERED
    assert deprived.status == WaitlistStatus.OFFERED


def test_an_accepted_offer_becomes_a_confirmed_booking(slot, make_school, year9):
    full = svc.booking_create(user=None, slot=slot, request=request_for(make_school(), year9, 30))
    entry = svc.booking_create(
        user=None, slot=slot, request=request_for(make_school(), year9, 12)
    ).waitlist_entry
    svc.booking_cancel(user=None, booking=full.booking)
    entry.refresh_from_db()
    booking = svc.waitlist_accept(user=None, entry=entry)
    assert booking.status == BookingStatus.CONFIRMED
    assert booking.students == 12
    assert _refresh(slot).places_taken == 12
    with pytest.raises(ValidationError, match="no place on offer"):
        svc.waitlist_accept(user=None, entry=entry)


def test_an_expired_offer_passes_to_the_next_group_once(slot, make_school, year9):
    full = svc.booking_create(user=None, slot=slot, request=request_for(make_school(), year9, 30))
    first = svc.booking_create(
        user=None, slot=slot, request=request_for(make_school(), year9, 30)
    ).waitlist_entry
    second = svc.booking_create(
        user=None, slot=slot, request=request_for(make_school(), year9, 30)
    ).waitlist_entry
    svc.booking_cancel(user=None, booking=full.booking)
    first.refresh_from_db()
    later = first.offer_expires_at + datetime.timedelta(seconds=1)
    assert svc.offers_expire(now=later) == 1
    assert svc.offers_expire(now=later) == 0  # running twice changes nothing
    first.refresh_from_db()
    second.refresh_from_db()
    assert first.status == WaitlistStatus.EXPIRED
    assert second.status == WaitlistStatus.OFFERED
    assert _refresh(slot).places_taken == 30
    with pytest.raises(ValidationError, match="no place on offer"):
        svc.waitlist_accept(user=None, entry=first, now=later)


def test_leaving_the_waiting_list_with_an_offer_frees_the_held_places(slot, make_school, year9):
    full = svc.booking_create(user=None, slot=slot, request=request_for(make_school(), year9, 30))
    first = svc.booking_create(
        user=None, slot=slot, request=request_for(make_school(), year9, 30)
    ).waitlist_entry
    second = svc.booking_create(
        user=None, slot=slot, request=request_for(make_school(), year9, 30)
    ).waitlist_entry
    svc.booking_cancel(user=None, booking=full.booking)
    first.refresh_from_db()
    svc.waitlist_leave(user=None, entry=first)
    svc.waitlist_leave(user=None, entry=first)  # idempotent
    second.refresh_from_db()
    assert second.status == WaitlistStatus.OFFERED
    assert _refresh(slot).places_taken == 30


def test_a_school_joins_the_waiting_list_only_once(slot, make_school, school, year9):
    svc.booking_create(user=None, slot=slot, request=request_for(make_school(), year9, 30))
    svc.waitlist_join(user=None, slot=slot, request=request_for(school, year9))
    with pytest.raises(ValidationError, match="already on the waiting list"):
        svc.waitlist_join(user=None, slot=slot, request=request_for(school, year9))


def test_a_slot_whose_end_is_before_its_start_is_refused(offer):
    with pytest.raises(ValidationError, match="end time must be after"):
        svc.slot_create(offer=offer, data=slot_input(end_time=datetime.time(9, 0)))
    assert WorkshopSlot.objects.count() == 0


def test_overlapping_slots_for_the_same_facilitator_are_refused(offer):
    svc.slot_create(offer=offer, data=slot_input(facilitator="Sam Okafor"))
    with pytest.raises(ValidationError, match="Sam Okafor is already running"):
        svc.slot_create(
            offer=offer,
            data=slot_input(
                facilitator="sam okafor",
                start_time=datetime.time(11, 0),
                end_time=datetime.time(12, 0),
            ),
        )
    svc.slot_create(
        offer=offer,
        data=slot_input(
            facilitator="Sam Okafor", start_time=datetime.time(11, 30), end_time=datetime.time(13)
        ),
    )
    assert WorkshopSlot.objects.count() == 2


def test_a_slot_takes_no_more_students_than_the_offer(offer):
    with pytest.raises(ValidationError, match="at most 30 students"):
        svc.slot_create(offer=offer, data=slot_input(capacity=31))


def test_a_series_creates_a_slot_every_week_and_none_on_a_clash(offer):
    first = slot_input(days=7, facilitator="Sam Okafor")
    until = first.date + datetime.timedelta(weeks=5)
    slots = svc.slot_series_create(offer=offer, first=first, until=until)
    assert [s.date for s in slots] == [first.date + datetime.timedelta(weeks=n) for n in range(6)]
    assert all(s.date.weekday() == first.date.weekday() for s in slots)
    assert all(
        s.booking_deadline == slots[0].booking_deadline + (s.date - slots[0].date) for s in slots
    )
    with pytest.raises(ValidationError, match="already running"):
        svc.slot_series_create(
            offer=offer, first=slot_input(days=35, facilitator="Sam Okafor"), until=until
        )
    assert WorkshopSlot.objects.count() == 6


def test_delivery_creates_then_updates_the_engagement_event(slot, school, year9, partner):
    booking = svc.booking_create(
        user=None, slot=slot, request=request_for(school, year9, 25)
    ).booking
    with pytest.raises(ValidationError, match="not happened yet"):
        svc.booking_deliver(user=partner, booking=booking, attended=24)
    after = timezone.make_aware(datetime.datetime.combine(slot.date, datetime.time(12)))
    svc.booking_deliver(user=partner, booking=booking, attended=24, now=after)
    booking.refresh_from_db()
    event = booking.event
    assert booking.status == BookingStatus.DELIVERED
    assert event.school == school
    assert event.participants == 24
    assert event.date == slot.date
    assert list(event.year_groups.values_list("year_group__name", "participants")) == [
        ("Year 9", 24)
    ]
    assert list(event.delivering_organisations.all()) == [slot.offer.partner]
    svc.booking_deliver(user=partner, booking=booking, attended=22, now=after)
    assert EngagementEvent.objects.count() == 1
    event.refresh_from_db()
    assert event.participants == 22


def test_a_no_show_is_recorded_without_an_event(slot, school, year9, partner):
    booking = svc.booking_create(user=None, slot=slot, request=request_for(school, year9)).booking
    after = timezone.make_aware(datetime.datetime.combine(slot.date, datetime.time(12)))
    svc.booking_mark_no_show(user=partner, booking=booking, now=after)
    booking.refresh_from_db()
    assert booking.status == BookingStatus.NO_SHOW
    assert EngagementEvent.objects.count() == 0


def test_an_offer_open_to_listed_schools_or_postcode_areas_refuses_others(
    slot, school, make_school, year9
):
    svc.offer_update(offer=slot.offer, open_to_schools=[school])
    with pytest.raises(ValidationError, match="not open to your school"):
        svc.booking_create(user=None, slot=slot, request=request_for(make_school(), year9))
    svc.offer_update(offer=slot.offer, open_to_schools=[], open_to_postcode_areas="BS")
    with pytest.raises(ValidationError, match="not open to your school"):
        svc.booking_create(
            user=None, slot=slot, request=request_for(make_school(postcode="GL1 2AB"), year9)
        )
    bristol = make_school(postcode="BS1 4DJ")
    assert svc.booking_create(user=None, slot=slot, request=request_for(bristol, year9)).confirmed
