"""Demo directory: three ICB areas from the seed stories, their partners, dozens of
schools across IMD deciles, key contacts and ambassadors (one due for renewal)."""

import datetime
import random

from django.utils import timezone

from .models import (
    Ambassador,
    CommunityGroup,
    Contact,
    ICBArea,
    Organisation,
    OrganisationKind,
    YearGroup,
)

AREAS = [
    ("NHS Gloucestershire ICB", "E54000066", "South West"),
    ("NHS Bedfordshire, Luton and Milton Keynes ICB", "E54000024", "East of England"),
    ("NHS South East London ICB", "E54000030", "London"),
]

PARTNERS = [
    # name, kind, area index, postcode, description
    (
        "One Gloucestershire ICS workforce team",
        OrganisationKind.ICB,
        0,
        "GL3 4FE",
        "Runs 'We Want You', health and care careers workshops for Years 7 to 10.",
    ),
    (
        "Gloucestershire Hospitals NHS Foundation Trust",
        OrganisationKind.NHS_TRUST,
        0,
        "GL1 3NN",
        "Acute hospitals in Gloucester and Cheltenham; ambassadors from nursing, AHPs and estates.",
    ),
    (
        "Gloucestershire Health and Care NHS Foundation Trust",
        OrganisationKind.NHS_TRUST,
        0,
        "GL3 4AW",
        "Community and mental health services.",
    ),
    (
        "Gloucestershire Health and Care Careers Hub",
        OrganisationKind.CAREERS_HUB,
        0,
        "GL1 2EH",
        "Supports careers leaders in every state secondary school in the county.",
    ),
    ("Gloucestershire County Council", OrganisationKind.LOCAL_AUTHORITY, 0, "GL1 2TG", ""),
    (
        "University of Gloucestershire",
        OrganisationKind.UNIVERSITY,
        0,
        "GL50 2RH",
        "Nursing, paramedic science and allied health degrees.",
    ),
    (
        "BLMK Workforce Development Academy",
        OrganisationKind.ICB,
        1,
        "LU1 2LJ",
        "Cross-sector workforce academy for Bedfordshire, Luton and Milton Keynes.",
    ),
    (
        "The Reach Society",
        OrganisationKind.VCSE,
        1,
        "LU1 3JH",
        "Inspires young people, especially young Black men and boys, to realise their potential.",
    ),
    ("Luton Borough Council", OrganisationKind.LOCAL_AUTHORITY, 1, "LU1 2BQ", ""),
    ("Bedfordshire Hospitals NHS Foundation Trust", OrganisationKind.NHS_TRUST, 1, "LU4 0DZ", ""),
    ("SEL ICB workforce team", OrganisationKind.ICB, 2, "SE1 9RT", ""),
    (
        "SEL VCSE Strategic Alliance",
        OrganisationKind.VCSE,
        2,
        "SE5 8BB",
        "Coordinates 'By and For' VCSE organisations across south-east London.",
    ),
    (
        "Deaf Access Lewisham",
        OrganisationKind.VCSE,
        2,
        "SE13 6AD",
        "By and For organisation for deaf and hard of hearing people.",
    ),
    (
        "Carers Lewisham",
        OrganisationKind.VCSE,
        2,
        "SE6 4RU",
        "Supports young carers and people with caring responsibilities.",
    ),
    ("Guy's and St Thomas' NHS Foundation Trust", OrganisationKind.NHS_TRUST, 2, "SE1 7EH", ""),
]

GROUPS_SERVED = {
    "The Reach Society": ["black-heritage", "ethnic-minority"],
    "Deaf Access Lewisham": ["deaf"],
    "Carers Lewisham": ["young-carers"],
    "SEL VCSE Strategic Alliance": [
        "black-heritage",
        "migrants-refugees",
        "deaf",
        "neurodivergent",
        "young-carers",
    ],
}

GLOUCESTERSHIRE_SCHOOLS = [
    "Cleeve School",
    "Pittville School",
    "Balcarras School",
    "All Saints' Academy",
    "Bournside School",
    "Chosen Hill School",
    "Churchdown School Academy",
    "Gloucester Academy",
    "Severn Vale School",
    "Beaufort Co-operative Academy",
    "Barnwood Park School",
    "Holmleigh Park High School",
    "Henley Bank High School",
    "Tewkesbury Academy",
    "Winchcombe School",
    "Cirencester Deer Park School",
    "Cotswold School",
    "Forest High School",
    "Dene Magna School",
    "Wyedean School",
    "Archway School",
    "Maidenhill School",
    "Stroud High School",
    "Rednock School",
]
BLMK_SCHOOLS = [
    "Cardinal Newman Catholic School",
    "Challney High School for Boys",
    "Challney High School for Girls",
    "Lea Manor High School",
    "Stopsley High School",
    "Denbigh High School",
    "Icknield High School",
    "Putteridge High School",
    "Luton Sixth Form College",
    "Queensbury Academy",
]
SEL_SCHOOLS = [
    "Prendergast School",
    "Sydenham School",
    "Forest Hill School",
    "Deptford Green School",
    "Haberdashers' Hatcham College",
    "Addey and Stanhope School",
    "Bonus Pastor Catholic College",
    "Lewisham College",
]
LOCAL_AUTHORITY = {0: "Gloucestershire", 1: "Luton", 2: "Lewisham"}
POSTCODE_AREA = {0: "GL", 1: "LU", 2: "SE"}

CONTACTS = [
    # organisation, name, job title, email, key?, preferred, accessibility needs
    (
        "Cleeve School",
        "Chris Careers-Lead",
        "Careers leader",
        "careers@cleeve.example",
        True,
        "email",
        "",
    ),
    (
        "Pittville School",
        "Jo Okafor",
        "Careers leader",
        "j.okafor@pittville.example",
        True,
        "email",
        "",
    ),
    (
        "Gloucestershire Hospitals NHS Foundation Trust",
        "Priya Partner",
        "Widening participation manager",
        "priya.partner@ghnhsft.example",
        True,
        "email",
        "",
    ),
    (
        "Gloucestershire Hospitals NHS Foundation Trust",
        "Tom Reed",
        "Apprenticeship lead",
        "tom.reed@ghnhsft.example",
        False,
        "phone",
        "",
    ),
    (
        "The Reach Society",
        "Daniel Mensah",
        "Programme lead",
        "daniel@reach.example",
        True,
        "either",
        "",
    ),
    (
        "Deaf Access Lewisham",
        "Amira Hassan",
        "Director",
        "amira@deafaccess.example",
        True,
        "email",
        "BSL interpreter",
    ),
]

AMBASSADORS = [
    # organisation, name, profession, year group codes, topics, dbs due offset days, trained ago
    (
        "Gloucestershire Hospitals NHS Foundation Trust",
        "Grace Adeyemi",
        "Staff nurse",
        ["year-8", "year-9", "year-10"],
        "Nursing, apprenticeships",
        40,
        400,
    ),
    (
        "Gloucestershire Hospitals NHS Foundation Trust",
        "Mo Patel",
        "Physiotherapist",
        ["year-9", "year-10", "year-11"],
        "Allied health professions",
        500,
        1080,
    ),
    (
        "Gloucestershire Hospitals NHS Foundation Trust",
        "Ellie Brooks",
        "Estates apprentice",
        ["year-10", "year-11", "year-12", "year-13"],
        "Non-clinical careers",
        700,
        100,
    ),
    (
        "Gloucestershire Health and Care NHS Foundation Trust",
        "Sam Leary",
        "Mental health nurse",
        ["year-11", "year-12", "year-13"],
        "Mental health careers",
        300,
        200,
    ),
]


def _school_rows():
    rng = random.Random(2026)
    urn = 970001  # fictional; programmes.demo uses 990001 upwards
    for area_index, names in ((0, GLOUCESTERSHIRE_SCHOOLS), (1, BLMK_SCHOOLS), (2, SEL_SCHOOLS)):
        for index, name in enumerate(names):
            college = "College" in name
            yield (
                area_index,
                name,
                {
                    "kind": OrganisationKind.COLLEGE if college else OrganisationKind.SCHOOL,
                    "urn": urn,
                    "phase": "sixteen_plus" if college else "secondary",
                    "establishment_type": "Further education" if college else "Academy converter",
                    "local_authority": LOCAL_AUTHORITY[area_index],
                    "postcode": f"{POSTCODE_AREA[area_index]}{rng.randint(1, 20)} "
                    f"{rng.randint(1, 9)}{rng.choice('ABDEHJLNPRSTUW')}"
                    f"{rng.choice('ABDEHJLNPRSTUW')}",
                    "number_of_pupils": rng.randint(600, 1800),
                    "percentage_fsm": round(rng.uniform(5, 45), 1),
                    # Spread across deciles, leaning deprived in Luton and Lewisham.
                    "imd_decile": (index % 10) + 1 if area_index == 0 else (index % 5) + 1,
                    "is_open": True,
                },
            )
            urn += 1


def seed(out):
    areas = []
    for name, code, region in AREAS:
        area, _ = ICBArea.objects.update_or_create(
            name=name, defaults={"code": code, "region": region}
        )
        areas.append(area)
    for name, kind, area_index, postcode, description in PARTNERS:
        Organisation.objects.update_or_create(
            name=name,
            defaults={
                "kind": kind,
                "area": areas[area_index],
                "postcode": postcode,
                "description": description,
            },
        )
    for name, codes in GROUPS_SERVED.items():
        Organisation.objects.get(name=name).groups_served.set(
            CommunityGroup.objects.filter(code__in=codes)
        )
    schools = 0
    for area_index, name, values in _school_rows():
        Organisation.objects.update_or_create(
            name=name, defaults={"area": areas[area_index], **values}
        )
        schools += 1
    for org_name, name, title, email, key, preferred, needs in CONTACTS:
        Contact.objects.update_or_create(
            organisation=Organisation.objects.get(name=org_name),
            name=name,
            defaults={
                "job_title": title,
                "email": email,
                "is_key_contact": key,
                "preferred_contact": preferred,
                "accessibility_needs": needs,
            },
        )
    today = timezone.localdate()
    for org_name, name, profession, codes, topics, dbs_due, trained_ago in AMBASSADORS:
        ambassador, _ = Ambassador.objects.update_or_create(
            organisation=Organisation.objects.get(name=org_name),
            name=name,
            defaults={
                "profession": profession,
                "topics": topics,
                "dbs_checked_on": today + datetime.timedelta(days=dbs_due - 3 * 365),
                "dbs_renewal_due": today + datetime.timedelta(days=dbs_due),
                "safeguarding_trained_on": today - datetime.timedelta(days=trained_ago),
            },
        )
        ambassador.year_groups.set(YearGroup.objects.filter(code__in=codes))
    out.write(
        f"Directory: {len(AREAS)} ICB areas, {len(PARTNERS)} partners, {schools} schools "
        f"and colleges, {len(CONTACTS)} contacts, {len(AMBASSADORS)} ambassadors."
    )
