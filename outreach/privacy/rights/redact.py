"""Blank what the audit trail says about a record once the record itself is gone."""

from outreach.audit.services import redact_subject

REPLACEMENT = "[erased]"


def redact(model, pk) -> int:
    return redact_subject(model, pk, replacement=REPLACEMENT)
