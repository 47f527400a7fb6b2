"""Which models the trail follows, and which of their fields it leaves out or masks."""

import re

TRACKED_APPS = ("accounts", "partners", "programmes", "surveys", "reporting")

# Logs, staging areas and send-once bookkeeping: not domain records.
EXCLUDED_MODELS = {
    "programmes.namedrecordaccess",
    "programmes.eventimport",
    "programmes.participantimport",
    "programmes.bookingemail",
    "programmes.checkinreminder",
    "partners.renewalreminder",
    # Questionnaire submissions are the data itself (millions of answers a year), written
    # once by an anonymous respondent, and not a staff member's change. Following them
    # would also keep each before/after match code and device id in the trail for six
    # years after retention has removed them from the response (24 months).
    "surveys.response",
    "surveys.answer",
    "surveys.aboutyou",
}

# Fields whose changes are bookkeeping: following them would write an entry per
# heartbeat of a report run or per sign-in.
SKIPPED_FIELDS = {
    "*": {"last_login", "updated_at", "modified_at", "import_fingerprint"},
    "reporting.reportrun": {
        "progress",
        "stage",
        "heartbeat_at",
        "claimed_by",
        "attempts",
        "result",
        "notified_at",
        "params_key",
    },
    "reporting.reportschedule": {"last_term"},
}

# Secrets are never stored, whatever model holds them: only that they changed.
SECRET_NAME = re.compile(r"(^|_)(password|secret|token|otp|api_key|hash|salt)s?($|_)", re.I)
CHANGED = "changed"

# Personal data kept apart by design (participants are pseudonymised): the trail says a
# value changed, never what it was, and names the record by its key.
MASKED_MODELS = {
    "programmes.participantidentity": lambda obj: f"Identity of participant {obj.pk}",
}


def label_of(model) -> str:
    return model._meta.label_lower


def is_tracked(model) -> bool:
    meta = model._meta
    return (
        meta.app_label in TRACKED_APPS
        and not meta.abstract
        and meta.label_lower not in EXCLUDED_MODELS
    )


def is_secret(field_name: str) -> bool:
    return bool(SECRET_NAME.search(field_name))


def skipped(label: str) -> set[str]:
    return SKIPPED_FIELDS["*"] | SKIPPED_FIELDS.get(label, set())
