"""Writes to barriers and their co-created actions."""

from django.db import transaction

from ..models import Barrier, BarrierAction, Programme
from ._common import apply

BARRIER_FIELDS = {"group", "title", "description"}
ACTION_FIELDS = {
    "category",
    "description",
    "owner",
    "status",
    "implement_by",
    "review_on",
    "assess_on",
}


@transaction.atomic
def barrier_create(*, programme: Programme, data: dict) -> Barrier:
    barrier = Barrier(programme=programme)
    apply(barrier, data, BARRIER_FIELDS)
    barrier.full_clean()
    barrier.save()
    return barrier


@transaction.atomic
def barrier_update(*, barrier: Barrier, data: dict) -> Barrier:
    apply(barrier, data, BARRIER_FIELDS)
    barrier.full_clean()
    barrier.save()
    return barrier


def barrier_delete(*, barrier: Barrier) -> None:
    barrier.delete()


@transaction.atomic
def action_create(*, barrier: Barrier, data: dict) -> BarrierAction:
    action = BarrierAction(barrier=barrier)
    apply(action, data, ACTION_FIELDS)
    action.full_clean()
    action.save()
    return action


@transaction.atomic
def action_update(*, action: BarrierAction, data: dict) -> BarrierAction:
    apply(action, data, ACTION_FIELDS)
    action.full_clean()
    action.save()
    return action


def action_delete(*, action: BarrierAction) -> None:
    action.delete()
