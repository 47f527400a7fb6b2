"""Import Index of Multiple Deprivation deciles for schools: `URN,IMD decile` pairs, or
`URN,IMD rank` (rank 1 is the most deprived of England's LSOAs (settings.IMD_LSOA_COUNT);
the decile is the tenth the rank falls in). Keyed by URN; idempotent."""

import math

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from outreach.audit.context import audit_context
from outreach.audit.services import record_changes
from partners.models import Organisation

from .csvfile import FileRejected, ImportReport, Rejection, read_rows

DECILE = "IMD decile"
RANK = "IMD rank"


def decile_from_rank(rank: int, areas: int | None = None) -> int:
    areas = areas or settings.IMD_LSOA_COUNT
    return min(10, max(1, math.ceil(rank * 10 / areas)))


def imd_import(*, raw: bytes, dry_run: bool = False) -> ImportReport:
    report = ImportReport(dry_run=dry_run)
    rows = read_rows(raw, required=["URN"])
    with transaction.atomic(), audit_context(source="import"):
        current = dict(
            Organisation.objects.filter(urn__isnull=False).values_list("urn", "imd_decile")
        )
        ids = dict(Organisation.objects.filter(urn__isnull=False).values_list("urn", "pk"))
        seen: dict[int, int] = {}
        changes: list[Organisation] = []
        now = timezone.now()
        checked_header = False
        for line, row, complete in rows:
            if not checked_header:
                if DECILE not in row and RANK not in row:
                    raise FileRejected(
                        f"Line 1: the header needs an '{DECILE}' or '{RANK}' column beside URN."
                    )
                checked_header = True
            urn_text = row.get("URN", "")
            if not complete:
                report.rejected.append(Rejection(line, "the row has too few columns", urn_text))
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
            if urn not in ids:
                report.rejected.append(
                    Rejection(
                        line, f"no school with URN {urn} is held; import schools first", urn_text
                    )
                )
                continue
            try:
                decile = _decile(row)
            except ValueError as exc:
                report.rejected.append(Rejection(line, str(exc), urn_text))
                continue
            if current[urn] == decile:
                report.unchanged += 1
            else:
                report.updated += 1
                changes.append(
                    Organisation(pk=ids[urn], urn=urn, imd_decile=decile, updated_at=now)
                )
        if not dry_run:
            Organisation.objects.bulk_update(changes, ["imd_decile", "updated_at"], batch_size=2000)
            record_changes(
                "update",
                changes,
                changes=lambda school: {"imd_decile": [current[school.urn], school.imd_decile]},
            )
    return report


def _decile(row: dict) -> int:
    if row.get(DECILE):
        value = row[DECILE]
        if not value.isdigit() or not 1 <= int(value) <= 10:
            raise ValueError(f"IMD decile {value!r} is not a whole number from 1 to 10")
        return int(value)
    value = row.get(RANK, "")
    if not value.isdigit() or int(value) < 1 or int(value) > settings.IMD_LSOA_COUNT:
        raise ValueError(
            f"IMD rank {value!r} is not a whole number from 1 to {settings.IMD_LSOA_COUNT}"
        )
    return decile_from_rank(int(value))
