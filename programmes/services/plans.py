"""Writes to annual plans and their planned activities."""

from django.core.exceptions import ValidationError
from django.db import transaction

from .. import academic_year
from ..models import AnnualPlan, PlannedActivity, Programme, ProgrammePartner
from ._common import apply


@transaction.atomic
def plan_create(*, programme: Programme, academic_year_start: int, notes: str = "") -> AnnualPlan:
    years = academic_year.years_between(programme.starts_on, programme.ends_on)
    if academic_year_start not in years:
        raise ValidationError(
            {
                "academic_year": f"{academic_year.label(academic_year_start)} is outside the "
                "programme's dates."
            }
        )
    plan = AnnualPlan(programme=programme, academic_year=academic_year_start, notes=notes)
    plan.full_clean()
    plan.save()
    return plan


@transaction.atomic
def plan_update(*, plan: AnnualPlan, notes: str) -> AnnualPlan:
    plan.notes = notes
    plan.full_clean()
    plan.save()
    return plan


ACTIVITY_FIELDS = {
    "goal",
    "target_group",
    "activity_type",
    "term",
    "quantity",
    "delivered_by",
    "notes",
}


def _check_activity(activity: PlannedActivity) -> None:
    if (
        activity.delivered_by_id
        and not ProgrammePartner.objects.filter(
            programme_id=activity.plan.programme_id, organisation_id=activity.delivered_by_id
        ).exists()
    ):
        raise ValidationError(
            {"delivered_by": "Choose one of the programme's partners, or add this one first."}
        )


@transaction.atomic
def planned_activity_create(*, plan: AnnualPlan, data: dict) -> PlannedActivity:
    activity = PlannedActivity(plan=plan)
    apply(activity, data, ACTIVITY_FIELDS)
    activity.full_clean()
    _check_activity(activity)
    activity.save()
    return activity


@transaction.atomic
def planned_activity_update(*, activity: PlannedActivity, data: dict) -> PlannedActivity:
    apply(activity, data, ACTIVITY_FIELDS)
    activity.full_clean()
    _check_activity(activity)
    activity.save()
    return activity


def planned_activity_delete(*, activity: PlannedActivity) -> None:
    activity.delete()
