"""docs/data-protection.md lists every field that may hold personal data. A new field
whose name or type looks personal fails this test until the inventory says what it is,
why it is held, on what lawful basis, who sees it and how long it is kept — or lists it
under the fields that only look personal."""

import re
from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.db import models

INVENTORY = Path(settings.BASE_DIR) / "docs" / "data-protection.md"

# Installed third-party apps whose tables hold personal data (sign-in records, sessions,
# the admin's change log, API tokens, two-factor devices) are inventoried as well as the
# project's own.
THIRD_PARTY = {"axes", "sessions", "admin", "authtoken", "otp_totp", "otp_static"}

LOOKS_PERSONAL = re.compile(
    r"name|email|phone|postcode|birth|dob|address|(^|_)ip(_|$)|ethnic|gender|disab|carer"
    r"|care_leaver|in_care|refugee|neet|deaf|language|religio|sexual|health|access_needs"
    r"|accessibility|(^|_)text$|match_code|sent_to|user_agent|attribution|age|imd|notes"
    r"|message|reason|seen|facilitator|contact|rows$|client_id|password|token|key$"
    r"|last_login|dbs|safeguard|profession|job_title|reference|result|session|data$"
    r"|username|repr|hours"
)
PERSONAL_TYPES = (models.EmailField, models.GenericIPAddressField, models.FileField)


def inventoried_models():
    base = Path(settings.BASE_DIR).resolve()
    for app in apps.get_app_configs():
        path = Path(app.path).resolve()
        # The virtualenv may sit inside the checkout: installed libraries are not ours.
        ours = path.is_relative_to(base) and "site-packages" not in path.parts
        if app.label in THIRD_PARTY or ours:
            yield from (model for model in app.get_models() if not model._meta.proxy)


def looks_personal(field) -> bool:
    if LOOKS_PERSONAL.search(field.name) or isinstance(field, PERSONAL_TYPES):
        return True
    related = getattr(field, "related_model", None)
    return bool(field.is_relation and related and related._meta.label == settings.AUTH_USER_MODEL)


def personal_looking_fields() -> set[str]:
    found = set()
    for model in inventoried_models():
        for field in model._meta.get_fields():
            if field.auto_created and not field.concrete:
                continue  # reverse relations belong to the other model
            if looks_personal(field):
                found.add(f"{model._meta.app_label}.{model.__name__}.{field.name}")
    return found


def listed_fields() -> set[str]:
    return set(re.findall(r"`([a-z_]+\.[A-Z]\w*\.\w+)`", INVENTORY.read_text()))


def test_the_heuristic_finds_the_fields_we_know_are_personal():
    found = personal_looking_fields()
    assert {
        "programmes.ParticipantIdentity.given_name",
        "partners.Contact.email",
        "surveys.Answer.text",
        "surveys.AboutYou.ethnic_group",
        "programmes.Participant.disability",
        "axes.AccessAttempt.ip_address",
        "reporting.ReportRun.requested_by",
    } <= found


def test_every_field_that_looks_personal_is_in_the_data_inventory():
    missing = sorted(personal_looking_fields() - listed_fields())
    assert not missing, (
        f"add these fields to {INVENTORY.name} (the inventory, or the list of fields that "
        f"only look personal): {missing}"
    )


def test_the_inventory_names_only_fields_that_exist():
    existing = {
        f"{model._meta.app_label}.{model.__name__}.{field.name}"
        for model in apps.get_models()
        for field in model._meta.get_fields()
    }
    stale = sorted(listed_fields() - existing)
    assert not stale, f"{INVENTORY.name} lists fields that no longer exist: {stale}"
