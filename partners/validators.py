import re

from django.core.exceptions import ValidationError

# The UK postcode shapes (A9 9AA, A99 9AA, AA9 9AA, AA99 9AA, A9A 9AA, AA9A 9AA), plus
# GIR 0AA. Spaces and case are forgiven on entry and normalised on save.
_POSTCODE = re.compile(r"^(GIR ?0AA|[A-Z]{1,2}[0-9][A-Z0-9]? ?[0-9][A-Z]{2})$")


def normalise_postcode(value: str) -> str:
    compact = re.sub(r"\s+", "", (value or "").upper())
    if len(compact) < 5:
        return compact
    return f"{compact[:-3]} {compact[-3:]}"


def validate_uk_postcode(value: str) -> None:
    if value and not _POSTCODE.match(normalise_postcode(value)):
        raise ValidationError("Enter a real UK postcode, like GL1 2AB", code="invalid_postcode")


def postcode_district(value: str) -> str:
    """The outward code (GL52 of GL52 8AE): precise enough for reports, never a home."""
    return normalise_postcode(value).split(" ")[0] if value else ""
