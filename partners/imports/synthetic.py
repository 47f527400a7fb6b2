"""A synthetic Get Information About Schools extract, shaped like the real one (same
column names, Windows-1252, extra columns), for tests, benchmarks and demos."""

import csv
import io
import random

COLUMNS = [
    "URN",
    "LA (code)",
    "LA (name)",
    "EstablishmentNumber",
    "EstablishmentName",
    "TypeOfEstablishment (name)",
    "EstablishmentTypeGroup (name)",
    "EstablishmentStatus (name)",
    "OpenDate",
    "CloseDate",
    "PhaseOfEducation (name)",
    "StatutoryLowAge",
    "StatutoryHighAge",
    "Boarders (name)",
    "Gender (name)",
    "ReligiousCharacter (name)",
    "SchoolCapacity",
    "NumberOfPupils",
    "NumberOfBoys",
    "NumberOfGirls",
    "PercentageFSM",
    "Street",
    "Town",
    "Postcode",
    "SchoolWebsite",
    "TelephoneNum",
    "HeadFirstName",
    "HeadLastName",
    "UKPRN",
    "Easting",
    "Northing",
]
TYPES = [
    ("Community school", "Primary", 0.45),
    ("Academy converter", "Secondary", 0.2),
    ("Academy sponsor led", "Secondary", 0.06),
    ("Voluntary aided school", "Primary", 0.1),
    ("Foundation school", "Secondary", 0.04),
    ("Free schools", "All-through", 0.02),
    ("Further education", "16 plus", 0.03),
    ("Sixth form centres", "16 plus", 0.01),
    ("Community special school", "Not applicable", 0.05),
    ("Other independent school", "Not applicable", 0.04),
]
STATUSES = [
    ("Open", 0.86),
    ("Closed", 0.12),
    ("Open, but proposed to close", 0.01),
    ("Proposed to open", 0.01),
]
AREAS = ["GL", "LU", "MK", "SE", "ME", "CT", "BS", "OX", "RG", "B", "M", "LS", "NE", "S"]
WORDS = [
    "St Mary's",
    "Oakfield",
    "Riverside",
    "Hillview",
    "Kingsway",
    "Meadow",
    "Ashgrove",
    "Beacon",
    "Cleeve",
    "Pittville",
    "Holy Trinity",
    "Parkside",
    "Brook",
    "Castle",
]
SUFFIX = {
    "Primary": "Primary School",
    "Secondary": "Academy",
    "All-through": "School",
    "16 plus": "College",
    "Not applicable": "School",
}


def local_authorities(count: int = 150) -> list[str]:
    return [f"Local Authority {n:03d}" for n in range(1, count + 1)]


def area_map_csv(local_authority_count: int = 150, areas: int = 42) -> bytes:
    rows = ["local_authority,icb_area"] + [
        f"{la},NHS Synthetic Area {index % areas + 1:02d} ICB"
        for index, la in enumerate(local_authorities(local_authority_count))
    ]
    return ("\r\n".join(rows) + "\r\n").encode("cp1252")


def extract_csv(
    rows: int, *, seed: int = 1, local_authority_count: int = 150, first_urn: int = 100000
) -> bytes:
    rng = random.Random(seed)
    las = local_authorities(local_authority_count)
    type_names, type_weights = zip(*[((t, p), w) for t, p, w in TYPES], strict=True)
    status_names, status_weights = zip(*STATUSES, strict=True)
    out = io.StringIO(newline="")
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(COLUMNS)
    for index in range(rows):
        urn = first_urn + index
        la_index = rng.randrange(len(las))
        type_name, phase = rng.choices(type_names, type_weights)[0]
        status = rng.choices(status_names, status_weights)[0]
        pupils = rng.randint(30, 1800)
        fsm = "SUPP" if rng.random() < 0.03 else f"{rng.uniform(2, 65):.1f}"
        outward = f"{rng.choice(AREAS)}{rng.randint(1, 40)}"
        postcode = (
            f"{outward} {rng.randint(1, 9)}{rng.choice('ABDEFGHJLNPQRSTUWXYZ')}"
            f"{rng.choice('ABDEFGHJLNPQRSTUWXYZ')}"
        )
        name = f"{rng.choice(WORDS)} {SUFFIX[phase]} {index}"
        writer.writerow(
            [
                urn,
                800 + la_index,
                las[la_index],
                2000 + index % 7000,
                name,
                type_name,
                "Academies" if "Academy" in type_name else "Local authority maintained schools",
                status,
                "01-09-2011",
                "",
                phase,
                4 if phase == "Primary" else 11,
                11 if phase == "Primary" else 18,
                "No boarders",
                "Mixed",
                "Does not apply",
                pupils + 50,
                pupils,
                pupils // 2,
                pupils - pupils // 2,
                fsm,
                "1 School Lane",
                "Townsville",
                postcode,
                "https://www.example.sch.uk",
                "01234 567890",
                "Sam",
                "Head",
                10000000 + index,
                400000,
                200000,
            ]
        )
    return out.getvalue().encode("cp1252")
