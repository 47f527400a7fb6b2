"""Property test of the booking rules: over 1,000 random sequences of booking, cancelling,
joining and leaving the waiting list, accepting offers and letting time pass (offer
expiry), after every step
- confirmed plus held places equal the slot's counter and never exceed its capacity;
- offers are made in priority-then-time order: a group still waiting ahead of a group
  offered places in the same step needed more places than it; and no waiting group fits
  the places left free;
- no booking is lost: each successful request left exactly one row, each refused one
  changed nothing.
"""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.db import transaction
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from programmes.models import Booking, BookingStatus, WaitlistEntry, WaitlistStatus
from programmes.services import bookings as svc

from .conftest import request_for, slot_input

pytestmark = pytest.mark.django_db

SCHOOLS = 8

action = st.one_of(
    st.tuples(st.just("book"), st.integers(0, SCHOOLS - 1), st.integers(1, 30)),
    st.tuples(st.just("join"), st.integers(0, SCHOOLS - 1), st.integers(1, 30)),
    st.tuples(st.just("cancel"), st.integers(0, 20), st.just(0)),
    st.tuples(st.just("leave"), st.integers(0, 20), st.just(0)),
    st.tuples(st.just("accept"), st.integers(0, 20), st.just(0)),
    st.tuples(st.just("wait"), st.integers(1, 72), st.just(0)),
)


class Rollback(Exception):
    pass


def _order_key(entry):
    return (entry.priority, entry.joined_at, entry.pk)


def _check(slot, before_waiting, step_offered):
    slot.refresh_from_db()
    confirmed = sum(
        Booking.objects.filter(slot=slot, status=BookingStatus.CONFIRMED).values_list(
            "places", flat=True
        )
    )
    offered = list(WaitlistEntry.objects.filter(slot=slot, status=WaitlistStatus.OFFERED))
    held = sum(e.places for e in offered)
    assert confirmed + held == slot.places_taken
    assert slot.places_taken <= slot.capacity
    waiting = list(WaitlistEntry.objects.filter(slot=slot, status=WaitlistStatus.WAITING))
    free = slot.capacity - slot.places_taken
    assert all(w.places > free for w in waiting), "a waiting group fits the free places"
    for new in step_offered:
        for w in waiting:
            if _order_key(w) < _order_key(new):
                assert w.places > new.places, "an offer jumped a group that fitted"


@settings(
    max_examples=1000,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(steps=st.lists(action, min_size=1, max_size=15))
def test_any_sequence_keeps_capacity_order_and_every_booking(
    steps, offer, school, make_school, year9
):
    schools = getattr(offer, "_test_schools", None)
    if schools is None:
        # school (a target school) and two in IMD deciles 1-3 are priority schools
        schools = [school, make_school(imd_decile=1), make_school(imd_decile=3)]
        schools += [make_school(imd_decile=8) for _ in range(SCHOOLS - 3)]
        offer._test_schools = schools
    try:
        with transaction.atomic():
            _run(steps, offer, schools, year9)
            raise Rollback
    except Rollback:
        pass


def _run(steps, offer, schools, year9):
    slot = svc.slot_create(offer=offer, data=slot_input(days=30))
    now = slot.booking_deadline - datetime.timedelta(days=10)
    made_bookings, made_entries = 0, 0
    for kind, a, b in steps:
        now += datetime.timedelta(seconds=1)
        before = {e.pk: e.status for e in WaitlistEntry.objects.filter(slot=slot)}
        counts = (Booking.objects.count(), WaitlistEntry.objects.count())
        try:
            if kind == "book":
                outcome = svc.booking_create(
                    user=None, slot=slot, request=request_for(schools[a], year9, b), now=now
                )
                made_bookings += outcome.confirmed
                made_entries += not outcome.confirmed
            elif kind == "join":
                svc.waitlist_join(
                    user=None, slot=slot, request=request_for(schools[a], year9, b), now=now
                )
                made_entries += 1
            elif kind == "cancel":
                live = list(Booking.objects.filter(slot=slot, status=BookingStatus.CONFIRMED))
                if live:
                    svc.booking_cancel(user=None, booking=live[a % len(live)], now=now)
            elif kind == "leave":
                live = list(
                    WaitlistEntry.objects.filter(
                        slot=slot, status__in=(WaitlistStatus.WAITING, WaitlistStatus.OFFERED)
                    )
                )
                if live:
                    svc.waitlist_leave(user=None, entry=live[a % len(live)], now=now)
            elif kind == "accept":
                live = list(WaitlistEntry.objects.filter(slot=slot, status=WaitlistStatus.OFFERED))
                if live:
                    svc.waitlist_accept(user=None, entry=live[a % len(live)], now=now)
                    made_bookings += 1
            else:
                now += datetime.timedelta(hours=a)
                svc.offers_expire(now=now)
        except ValidationError:
            # refused with a message: nothing changed
            assert (Booking.objects.count(), WaitlistEntry.objects.count()) == counts
        step_offered = [
            e
            for e in WaitlistEntry.objects.filter(slot=slot, status=WaitlistStatus.OFFERED)
            if before.get(e.pk) != WaitlistStatus.OFFERED
        ]
        _check(slot, before, step_offered)
        assert Booking.objects.filter(slot=slot).count() == made_bookings
        assert WaitlistEntry.objects.filter(slot=slot).count() == made_entries
