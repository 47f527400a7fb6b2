"""Demo directory: a few real-sounding ICB areas and partners from the seed stories."""

from .models import ICBArea, Organisation, OrganisationKind

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
            defaults={"kind": kind, "area": areas[area_index], "postcode": postcode},
        )
    out.write(f"Directory: {len(AREAS)} ICB areas, {len(ORGANISATIONS)} organisations.")
