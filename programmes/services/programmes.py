"""Writes to programmes, their partners, target schools and targets."""

from django.core.exceptions import ValidationError
from django.db import transaction

from partners.models.organisations import EDUCATION_KINDS

from .. import academic_year
from ..models import PERCENT_MEASURES, PartnerRole, Programme, ProgrammePartner, ProgrammeTarget
from ._common import apply

PROGRAMME_FIELDS = {
    "name",
    "area",
    "lead_organisation",
    "description",
    "starts_on",
    "ends_on",
    "funding_sources",
    "cost",
}


def _check_schools(schools) -> None:
    not_schools = [s.name for s in schools if s.kind not in EDUCATION_KINDS]
    if not_schools:
        raise ValidationError(
            {"target_schools": f"These are not schools or colleges: {', '.join(not_schools)}."}
        )


def _sync_lead(programme: Programme, previous_lead_id: int | None) -> None:
    if previous_lead_id and previous_lead_id != programme.lead_organisation_id:
        ProgrammePartner.objects.filter(
            programme=programme, organisation_id=previous_lead_id, role=PartnerRole.LEAD
        ).delete()
    ProgrammePartner.objects.get_or_create(
        programme=programme, organisation=programme.lead_organisation, role=PartnerRole.LEAD
    )


@transaction.atomic
def programme_create(
    *, data: dict, goals=(), target_groups=(), target_schools=(), partners=()
) -> Programme:
    """partners: (organisation, role) pairs besides the lead, which is added as lead."""
    programme = Programme()
    apply(programme, data, PROGRAMME_FIELDS)
    programme.full_clean()
    _check_schools(target_schools)
    programme.save()
    programme.goals.set(goals)
    programme.target_groups.set(target_groups)
    programme.target_schools.set(target_schools)
    _sync_lead(programme, None)
    for organisation, role in partners:
        programme_partner_add(programme=programme, organisation=organisation, role=role)
    return programme


@transaction.atomic
def programme_update(
    *, programme: Programme, data: dict, goals=None, target_groups=None, target_schools=None
) -> Programme:
    previous_lead_id = programme.lead_organisation_id
    apply(programme, data, PROGRAMME_FIELDS)
    programme.full_clean()
    programme.save()
    if goals is not None:
        programme.goals.set(goals)
    if target_groups is not None:
        programme.target_groups.set(target_groups)
    if target_schools is not None:
        _check_schools(target_schools)
        programme.target_schools.set(target_schools)
    _sync_lead(programme, previous_lead_id)
    return programme


@transaction.atomic
def programme_target_schools_set(*, programme: Programme, schools) -> None:
    _check_schools(schools)
    programme.target_schools.set(schools)


@transaction.atomic
def programme_partner_add(*, programme: Programme, organisation, role: str) -> ProgrammePartner:
    partner = ProgrammePartner(programme=programme, organisation=organisation, role=role)
    partner.full_clean()
    partner.save()
    return partner


@transaction.atomic
def programme_partner_remove(*, partner: ProgrammePartner) -> None:
    programme = partner.programme
    if partner.role == PartnerRole.LEAD and partner.organisation_id == (
        programme.lead_organisation_id
    ):
        raise ValidationError(
            "The lead organisation stays a partner; choose another lead organisation first."
        )
    partner.delete()


TARGET_FIELDS = {"measure", "value", "academic_year", "notes"}


def _check_target(target: ProgrammeTarget) -> None:
    errors = {}
    if target.measure in PERCENT_MEASURES and target.value is not None and target.value > 100:
        errors["value"] = "A percentage target must be between 0 and 100."
    programme = target.programme
    if target.academic_year is not None and target.academic_year not in academic_year.years_between(
        programme.starts_on, programme.ends_on
    ):
        errors["academic_year"] = (
            f"{academic_year.label(target.academic_year)} is outside the programme's dates."
        )
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def target_create(*, programme: Programme, data: dict) -> ProgrammeTarget:
    target = ProgrammeTarget(programme=programme)
    apply(target, data, TARGET_FIELDS)
    target.full_clean()
    _check_target(target)
    target.save()
    return target


@transaction.atomic
def target_update(*, target: ProgrammeTarget, data: dict) -> ProgrammeTarget:
    apply(target, data, TARGET_FIELDS)
    target.full_clean()
    _check_target(target)
    target.save()
    return target


def target_delete(*, target: ProgrammeTarget) -> None:
    target.delete()
