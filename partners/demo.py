"""Demo directory: a few real-sounding ICB areas and partners from the seed stories."""

import datetime

from django.conf import settings
from django.utils import timezone

from .models import (
    Ambassador,
    Contact,
    ICBArea,
    Organisation,
    OrganisationKind,
    PreferredContact,
    SchoolPhase,
    YearGroup,
)

AREAS = [
    ("NHS Gloucestershire ICB", "E54000066", "South West"),
    ("NHS Bedfordshire, Luton and Milton Keynes ICB", "E54000024", "East of England"),
    ("NHS South East London ICB", "E54000030", "London"),
]

ORGANISATIONS = [
    ("One Gloucestershire ICS workforce team", OrganisationKind.ICB, 0, "GL3 4FE"),
    ("Gloucestershire Hospitals NHS Foundation Trust", OrganisationKind.NHS_TRUST, 0, "GL1 3NN"),
    ("Gloucestershire Health and Care Careers Hub", OrganisationKind.CAREERS_HUB, 0, "GL1 2EH"),
    ("Cleeve School", OrganisationKind.SCHOOL, 0, "GL52 8AE"),
    ("Pittville School", OrganisationKind.SCHOOL, 0, "GL52 3JD"),
    ("BLMK Workforce Development Academy", OrganisationKind.ICB, 1, "LU1 2LJ"),
    ("The Reach Society", OrganisationKind.VCSE, 1, "LU1 3JH"),
    ("Luton Borough Council", OrganisationKind.LOCAL_AUTHORITY, 1, "LU1 2BQ"),
    ("SEL ICB workforce team", OrganisationKind.ICB, 2, "SE1 9RT"),
    ("SEL VCSE Strategic Alliance", OrganisationKind.VCSE, 2, "SE5 8BB"),
]

# School details as Get Information About Schools would give them (URNs come with the
# school import, so the demo leaves them out rather than invent ones that point elsewhere).
SCHOOLS = {
    "Cleeve School": {
        "phase": SchoolPhase.SECONDARY,
        "establishment_type": "Academy converter",
        "local_authority": "Gloucestershire",
        "number_of_pupils": 1650,
        "percentage_fsm": "11.20",
        "imd_decile": 8,
    },
    "Pittville School": {
        "phase": SchoolPhase.SECONDARY,
        "establishment_type": "Academy converter",
        "local_authority": "Gloucestershire",
        "number_of_pupils": 930,
        "percentage_fsm": "27.50",
        "imd_decile": 3,
    },
}

TRUST = "Gloucestershire Hospitals NHS Foundation Trust"

# (organisation, name, role, email, phone, preferred, accessibility needs, key contact)
CONTACTS = [
    (
        TRUST,
        "Sam Okafor",
        "Widening participation manager",
        "sam.okafor@nhs.example",
        "0300 422 2222",
        PreferredContact.EMAIL,
        "",
        True,
    ),
    (
        TRUST,
        "Jo Hughes",
        "Apprenticeship coordinator",
        "jo.hughes@nhs.example",
        "",
        PreferredContact.EMAIL,
        "BSL interpreter",
        False,
    ),
    (
        "Cleeve School",
        "Helen Marsh",
        "Careers leader",
        "careers@cleeve.example",
        "01242 672 546",
        PreferredContact.EITHER,
        "",
        True,
    ),
]


def _ambassadors(today):
    valid = datetime.timedelta(days=settings.SAFEGUARDING_TRAINING_VALID_DAYS)
    day = datetime.timedelta(days=1)
    # (name, profession, topics, year group codes, DBS checked, DBS renewal, trained on)
    return [
        (
            "Amira Hassan",
            "Staff nurse",
            "Nursing, working shifts, apprenticeships",
            [f"year-{n}" for n in range(7, 12)],
            today - 1065 * day,
            today + 30 * day,
            today - 200 * day,
        ),
        (
            "Tom Reid",
            "Physiotherapist",
            "Allied health professions, sport and health",
            [f"year-{n}" for n in range(9, 14)],
            today - 300 * day,
            today + 795 * day,
            today - valid + 45 * day,
        ),
        (
            "Grace Mensah",
            "Healthcare science practitioner",
            "Laboratory science, T levels",
            ["year-12", "year-13", "adult"],
            today - 90 * day,
            today + 1005 * day,
            today - 60 * day,
        ),
    ]


def seed(out):
    areas = []
    for name, code, region in AREAS:
        area, _ = ICBArea.objects.update_or_create(
            name=name, defaults={"code": code, "region": region}
        )
        areas.append(area)
    for name, kind, area_index, postcode in ORGANISATIONS:
        Organisation.objects.update_or_create(
            name=name,
            defaults={
                "kind": kind,
                "area": areas[area_index],
                "postcode": postcode,
                **SCHOOLS.get(name, {}),
            },
        )
    for org_name, name, role, email, phone, preferred, needs, key in CONTACTS:
        Contact.objects.update_or_create(
            organisation=Organisation.objects.get(name=org_name),
            name=name,
            defaults={
                "job_title": role,
                "email": email,
                "phone": phone,
                "preferred_contact": preferred,
                "accessibility_needs": needs,
                "is_key_contact": key,
            },
        )
    trust = Organisation.objects.get(name=TRUST)
    ambassadors = _ambassadors(timezone.localdate())
    for name, profession, topics, codes, checked, renewal, trained in ambassadors:
        ambassador, _ = Ambassador.objects.update_or_create(
            organisation=trust,
            name=name,
            defaults={
                "profession": profession,
                "topics": topics,
                "dbs_checked_on": checked,
                "dbs_renewal_due": renewal,
                "safeguarding_trained_on": trained,
            },
        )
        ambassador.year_groups.set(YearGroup.objects.filter(code__in=codes))
    out.write(
        f"Directory: {len(AREAS)} ICB areas, {len(ORGANISATIONS)} organisations, "
        f"{len(CONTACTS)} contacts, {len(ambassadors)} ambassadors."
    )
