"""Writes to the partners directory: one function per operation, used by pages, the API,
imports and tasks alike. Callers check *whether* a user may act (scoped querysets);
these functions keep the data consistent."""

from django.db import transaction

from .models import Ambassador, Contact, Organisation
from .validators import normalise_postcode

ORGANISATION_FIELDS = {
    "name",
    "kind",
    "area",
    "address",
    "postcode",
    "website",
    "email",
    "phone",
    "description",
    "urn",
    "phase",
    "establishment_type",
    "local_authority",
    "number_of_pupils",
    "percentage_fsm",
    "imd_decile",
    "is_open",
}


def _apply(instance, data: dict, allowed: set[str]):
    unknown = set(data) - allowed
    if unknown:
        raise TypeError(f"unexpected fields: {sorted(unknown)}")
    for field, value in data.items():
        setattr(instance, field, value)


@transaction.atomic
def organisation_create(*, data: dict, groups_served=None) -> Organisation:
    organisation = Organisation()
    _apply(organisation, data, ORGANISATION_FIELDS)
    organisation.postcode = normalise_postcode(organisation.postcode)
    organisation.full_clean()
    organisation.save()
    if groups_served is not None:
        organisation.groups_served.set(groups_served)
    return organisation


@transaction.atomic
def organisation_update(
    *, organisation: Organisation, data: dict, groups_served=None
) -> Organisation:
    _apply(organisation, data, ORGANISATION_FIELDS)
    organisation.postcode = normalise_postcode(organisation.postcode)
    organisation.full_clean()
    organisation.save()
    if groups_served is not None:
        organisation.groups_served.set(groups_served)
    return organisation


CONTACT_FIELDS = {
    "name",
    "job_title",
    "email",
    "phone",
    "preferred_contact",
    "accessibility_needs",
    "is_key_contact",
}


def _take_key_contact_role(contact: Contact) -> None:
    # Lock the organisation's contacts so two people assigning a key contact at once
    # cannot both win; the partial unique constraint is the backstop.
    siblings = Contact.objects.select_for_update().filter(
        organisation_id=contact.organisation_id, is_key_contact=True
    )
    if contact.pk:
        siblings = siblings.exclude(pk=contact.pk)
    for other in siblings:
        other.is_key_contact = False
        other.save(update_fields=["is_key_contact", "updated_at"])


@transaction.atomic
def contact_create(*, organisation: Organisation, data: dict) -> Contact:
    contact = Contact(organisation=organisation)
    _apply(contact, data, CONTACT_FIELDS)
    contact.full_clean(validate_constraints=False)
    if contact.is_key_contact:
        _take_key_contact_role(contact)
    contact.save()
    return contact


@transaction.atomic
def contact_update(*, contact: Contact, data: dict) -> Contact:
    _apply(contact, data, CONTACT_FIELDS)
    contact.full_clean(validate_constraints=False)
    if contact.is_key_contact:
        _take_key_contact_role(contact)
    contact.save()
    return contact


@transaction.atomic
def contact_make_key(*, contact: Contact) -> Contact:
    return contact_update(contact=contact, data={"is_key_contact": True})


def contact_delete(*, contact: Contact) -> None:
    contact.delete()


AMBASSADOR_FIELDS = {
    "name",
    "email",
    "profession",
    "topics",
    "dbs_checked_on",
    "dbs_renewal_due",
    "safeguarding_trained_on",
    "is_active",
}


@transaction.atomic
def ambassador_create(*, organisation: Organisation, data: dict, year_groups=()) -> Ambassador:
    ambassador = Ambassador(organisation=organisation)
    _apply(ambassador, data, AMBASSADOR_FIELDS)
    ambassador.full_clean()
    ambassador.save()
    ambassador.year_groups.set(year_groups)
    return ambassador


@transaction.atomic
def ambassador_update(*, ambassador: Ambassador, data: dict, year_groups=None) -> Ambassador:
    _apply(ambassador, data, AMBASSADOR_FIELDS)
    ambassador.full_clean()
    ambassador.save()
    if year_groups is not None:
        ambassador.year_groups.set(year_groups)
    return ambassador
