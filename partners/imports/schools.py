"""Import schools from the Get Information About Schools (GIAS) CSV extract.

Keyed by URN: a school already held is updated in place, or left alone when nothing
changed, so running the same file twice writes nothing. The whole file is one
transaction: a file that fails as a whole writes nothing, and a dry run never writes.
"""

from decimal import Decimal, InvalidOperation

from django.db import transaction
from django.utils import timezone

from outreach.audit.context import audit_context
from outreach.audit.services import record_bulk_create, record_changes
from outreach.audit.values import json_value
from outreach.uploads import max_rows, too_many_rows
from partners.models import ICBArea, LocalAuthority, Organisation, OrganisationKind, SchoolPhase
from partners.validators import _POSTCODE, normalise_postcode

from .csvfile import FileRejected, ImportReport, Rejection, decode, read_rows

URN = "URN"
NAME = "EstablishmentName"
TYPE = "TypeOfEstablishment (name)"
PHASE = "PhaseOfEducation (name)"
LA = "LA (name)"
POSTCODE = "Postcode"
PUPILS = "NumberOfPupils"
FSM = "PercentageFSM"
STATUS = "EstablishmentStatus (name)"

REQUIRED = [URN, NAME, LA]
BATCH = 2000

PHASES = {label.lower(): value for value, label in SchoolPhase.choices}
COLLEGE_TYPES = {"further education", "sixth form centres"}
UNIVERSITY_TYPES = {"higher education institutions"}
OPEN_STATUSES = {"open", "open, but proposed to close"}
SUPPRESSED = {"", "supp", "na", "n/a", "x", "ne"}

# The fields an import owns; anything else on the organisation (contacts, description,
# IMD decile from its own import) is left as the partners entered it.
FIELDS = [
    "name",
    "kind",
    "area_id",
    "establishment_type",
    "phase",
    "local_authority",
    "postcode",
    "number_of_pupils",
    "percentage_fsm",
    "is_open",
]


def read_area_map(raw: bytes) -> dict[str, str]:
    """A two-column CSV, `local_authority,icb_area`, header optional."""
    import csv
    import io

    mapping = {}
    ceiling = max_rows()
    for line_number, row in enumerate(csv.reader(io.StringIO(decode(raw), newline="")), 1):
        if line_number > ceiling + 1:
            raise FileRejected(f"Area map: {too_many_rows(ceiling)}")
        if not row or not any(cell.strip() for cell in row):
            continue
        if len(row) < 2:
            raise FileRejected(f"Area map line {line_number}: expected local_authority,icb_area.")
        local_authority, area = row[0].strip(), row[1].strip()
        if line_number == 1 and local_authority.lower() == "local_authority":
            continue
        if not local_authority or not area:
            raise FileRejected(f"Area map line {line_number}: both columns need a value.")
        mapping[local_authority.lower()] = area
    return mapping


def _kind(establishment_type: str) -> str:
    lowered = establishment_type.lower()
    if lowered in COLLEGE_TYPES:
        return OrganisationKind.COLLEGE
    if lowered in UNIVERSITY_TYPES:
        return OrganisationKind.UNIVERSITY
    return OrganisationKind.SCHOOL


def _number(value: str, *, decimal=False):
    if value.lower() in SUPPRESSED:
        return None
    try:
        number = Decimal(value) if decimal else int(value)
    except (InvalidOperation, ValueError):
        raise ValueError(value) from None
    if number < 0:
        raise ValueError(value)
    return number


class _Areas:
    """Local authority → ICB area, from the stored map plus this import's map file.
    Areas named in the map that do not exist yet are created (unless dry run)."""

    def __init__(self, area_map: dict[str, str], dry_run: bool):
        self.dry_run = dry_run
        self.by_name = {area.name.lower(): area for area in ICBArea.objects.all()}
        self.stored = {
            la.name.lower(): la.area for la in LocalAuthority.objects.select_related("area")
        }
        self.requested = area_map
        self.created_areas: list[str] = []
        self.resolved: dict[str, ICBArea | None] = {}

    def area_for(self, local_authority: str) -> ICBArea | None:
        key = local_authority.lower()
        if key in self.resolved:
            return self.resolved[key]
        area = None
        if key in self.requested:
            area = self._area_named(self.requested[key])
            stored = self.stored.get(key)
            if not self.dry_run and (stored is None or stored.pk != area.pk):
                LocalAuthority.objects.update_or_create(
                    name=local_authority, defaults={"area": area}
                )
        elif key in self.stored:
            area = self.stored[key]
        self.resolved[key] = area
        return area

    def _area_named(self, name: str) -> ICBArea:
        area = self.by_name.get(name.lower())
        if area is None:
            area = ICBArea(name=name) if self.dry_run else ICBArea.objects.create(name=name)
            if self.dry_run:
                area.pk = -(len(self.created_areas) + 1)  # stands in until a real run
            self.by_name[name.lower()] = area
            self.created_areas.append(name)
        return area


def _values(row: dict, area: ICBArea) -> dict:
    establishment_type = row.get(TYPE, "")
    postcode = normalise_postcode(row.get(POSTCODE, ""))
    if postcode and not _POSTCODE.match(postcode):
        raise ValueError(f"the postcode {row.get(POSTCODE)!r} is not a UK postcode")
    try:
        pupils = _number(row.get(PUPILS, ""))
    except ValueError:
        raise ValueError(f"NumberOfPupils {row.get(PUPILS)!r} is not a whole number") from None
    try:
        fsm = _number(row.get(FSM, ""), decimal=True)
    except ValueError:
        raise ValueError(f"PercentageFSM {row.get(FSM)!r} is not a number") from None
    if fsm is not None:
        if fsm > 100:
            raise ValueError(f"PercentageFSM {fsm} is more than 100")
        fsm = fsm.quantize(Decimal("0.01"))
    status = row.get(STATUS)
    return {
        "name": row[NAME][:255],
        "kind": _kind(establishment_type),
        "area_id": area.pk,
        "establishment_type": establishment_type[:100],
        "phase": PHASES.get(row.get(PHASE, "").lower(), ""),
        "local_authority": row[LA][:100],
        "postcode": postcode,
        "number_of_pupils": pupils,
        "percentage_fsm": fsm,
        "is_open": True if status is None else status.lower() in OPEN_STATUSES,
    }


def schools_import(
    *, raw: bytes, area_map: dict[str, str] | None = None, dry_run: bool = False
) -> ImportReport:
    """Import a GIAS extract. Raises FileRejected when the file fails as a whole."""
    report = ImportReport(dry_run=dry_run)
    with transaction.atomic(), audit_context(source="import"):
        areas = _Areas(area_map or {}, dry_run)
        existing = {
            row["urn"]: row
            for row in Organisation.objects.filter(urn__isnull=False).values("pk", "urn", *FIELDS)
        }
        seen: dict[int, int] = {}
        now = timezone.now()
        to_create: list[Organisation] = []
        to_update: list[Organisation] = []
        for line, row, complete in read_rows(raw, required=REQUIRED):
            urn_text = row.get(URN, "")
            if not complete:
                report.rejected.append(
                    Rejection(line, "the row has fewer columns than the header", urn_text)
                )
                continue
            if not urn_text.isdigit():
                report.rejected.append(
                    Rejection(line, f"URN {urn_text!r} is not a number", urn_text)
                )
                continue
            urn = int(urn_text)
            if urn in seen:
                report.rejected.append(
                    Rejection(
                        line, f"URN {urn} appears again (first on line {seen[urn]})", urn_text
                    )
                )
                continue
            seen[urn] = line
            if not row.get(NAME):
                report.rejected.append(Rejection(line, "EstablishmentName is empty", urn_text))
                continue
            area = areas.area_for(row.get(LA, ""))
            if area is None:
                report.rejected.append(
                    Rejection(
                        line,
                        f"local authority {row.get(LA)!r} is not mapped to an ICB area "
                        "(add it to the area map)",
                        urn_text,
                    )
                )
                continue
            try:
                values = _values(row, area)
            except ValueError as exc:
                report.rejected.append(Rejection(line, str(exc), urn_text))
                continue
            current = existing.get(urn)
            if current is None:
                report.created += 1
                to_create.append(Organisation(urn=urn, **values))
            elif all(current[name] == value for name, value in values.items()):
                report.unchanged += 1
            else:
                report.updated += 1
                school = Organisation(pk=current["pk"], urn=urn, updated_at=now, **values)
                school._audit_changes = {
                    name: [json_value(current[name]), json_value(value)]
                    for name, value in values.items()
                    if current[name] != value
                }
                to_update.append(school)
        report.notes = [
            f"ICB area {name!r} {'would be' if dry_run else 'was'} created"
            for name in areas.created_areas
        ]
        if dry_run:
            transaction.set_rollback(True)
            return report
        Organisation.objects.bulk_create(to_create, batch_size=BATCH)
        Organisation.objects.bulk_update(to_update, [*FIELDS, "updated_at"], batch_size=BATCH)
        record_bulk_create(to_create)
        record_changes("update", to_update, changes=lambda school: school._audit_changes)
    return report
