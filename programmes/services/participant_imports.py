"""Bulk import of participants and their stage dates from CSV or XLSX.

Reuses the events import's file reading (`programmes.spreadsheets`) and its shape:
check every row and keep the result for a preview; confirm saves all rows or none,
matched by the partner's own reference, so uploading the same file again changes nothing.
Each row goes through the same services as the pages (`participant_create` /
`participant_update`, `stage_record`), so the rules are the same everywhere.
"""

import datetime
import hashlib
import json

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify

from outreach.audit.context import audit_context
from outreach.audit.services import buffered
from outreach.uploads import max_rows
from partners.models import Organisation

from .. import spreadsheets
from ..models import (
    PATHWAY,
    Cohort,
    ContractType,
    JobRole,
    LeftReason,
    Participant,
    ParticipantIdentity,
    ParticipantImport,
    Stage,
)
from . import participants as services

MAX_ROWS = 5000

# (column, required, what to put in it)
PERSON_COLUMNS = [
    (
        "partner_reference",
        True,
        "Your own unique reference for the person. Never a name. "
        "Uploading again updates or skips people by this reference.",
    ),
    ("consent_on", True, "Date they gave consent, as YYYY-MM-DD or DD/MM/YYYY."),
    ("consent_version", True, "Version of the consent wording they agreed to, e.g. v2."),
    ("given_name", False, "First name. Seen only by your organisation's delivery staff."),
    ("family_name", False, "Last name."),
    ("email", False, "Email address."),
    ("phone", False, "Phone number."),
    ("postcode", False, "Home postcode; used for the IMD quintile when that is empty."),
    ("age_band", False, "16-17, 18-21, 22-24, 25-30, 31+ or prefer_not."),
    ("gender", False, "woman, man, non_binary, other or prefer_not."),
    ("ethnic_group", False, "An ONS 2021 code, e.g. black_african, white_british; or prefer_not."),
    ("disability", False, "yes, no or prefer_not."),
    ("carer", False, "yes, no or prefer_not."),
    ("care_leaver", False, "yes, no or prefer_not."),
    ("refugee", False, "yes, no or prefer_not."),
    ("previously_neet", False, "yes, no or prefer_not."),
    ("imd_quintile", False, "1 (most deprived) to 5, or prefer_not."),
]
STAGE_COLUMNS = [
    ("referred_on", False, "Date referred."),
    ("referred_by", False, "Name of the partner organisation that referred them."),
    ("enrolled_on", False, "Date enrolled."),
    ("trained_on", False, "Date they completed training."),
    ("interviewed_on", False, "Date interviewed."),
    ("offered_on", False, "Date offered a job."),
    (
        "offer_role",
        False,
        "hca, care_worker, admin, porter, domestic, catering, ambulance, pharmacy or other.",
    ),
    ("offer_employer", False, "Name of the employer organisation."),
    ("offer_band", False, "Agenda for Change band, e.g. 2."),
    ("offer_contract", False, "permanent, fixed_term, bank or apprenticeship."),
    ("started_on", False, "Date they started work."),
    ("in_post_3_on", False, "Date confirmed still in post at 3 months."),
    ("in_post_6_on", False, "Date confirmed still in post at 6 months."),
    ("in_post_12_on", False, "Date confirmed still in post at 12 months."),
    ("left_on", False, "Date they left the programme or the job."),
    (
        "left_reason",
        False,
        "dropped_out, resigned, dismissed, contract_ended, other_job, education or other.",
    ),
    ("skip_reason", False, "Why an earlier stage has no date, if any is skipped."),
]
COLUMNS = PERSON_COLUMNS + STAGE_COLUMNS
STAGE_DATE_COLUMN = {
    Stage.REFERRED: "referred_on",
    Stage.ENROLLED: "enrolled_on",
    Stage.TRAINED: "trained_on",
    Stage.INTERVIEWED: "interviewed_on",
    Stage.OFFERED: "offered_on",
    Stage.STARTED: "started_on",
    Stage.IN_POST_3: "in_post_3_on",
    Stage.IN_POST_6: "in_post_6_on",
    Stage.IN_POST_12: "in_post_12_on",
}
IDENTITY_COLUMNS = ParticipantIdentity.PERSONAL_FIELDS
PARTICIPANT_COLUMNS = [
    "partner_reference",
    "consent_on",
    "consent_version",
    "age_band",
    "gender",
    "ethnic_group",
    "disability",
    "carer",
    "care_leaver",
    "refugee",
    "previously_neet",
    "imd_quintile",
]


def column_names() -> list[str]:
    return [name for name, _, _ in COLUMNS]


def template_csv() -> bytes:
    return spreadsheets.csv_template(COLUMNS)


def template_xlsx() -> bytes:
    return spreadsheets.xlsx_template(COLUMNS, "Participants")


def read_rows(upload) -> list[dict[str, str]]:
    """Rows as {column: text}; raises spreadsheets.SpreadsheetError for an unusable file."""
    return spreadsheets.read_rows(upload, max_rows=max_rows(MAX_ROWS), columns_=COLUMNS)


def _date(value: str) -> datetime.date:
    value = value.strip()
    for fmt in ("%Y-%m-%d", "%d/%m/%Y", "%d-%m-%Y"):
        try:
            return datetime.datetime.strptime(value, fmt).date()
        except ValueError:
            continue
    raise ValueError


class RowChecker:
    def __init__(self, cohort: Cohort):
        self.cohort = cohort
        self.organisations = {}
        for pk, org_name in Organisation.objects.values_list("pk", "name"):
            self.organisations.setdefault(slugify(org_name), pk)

    def _org(self, name):
        return self.organisations.get(slugify(name))

    def check(self, row: dict) -> tuple[dict | None, list[tuple[str, str]]]:
        problems = []
        fields = {}
        for name in PARTICIPANT_COLUMNS:
            value = row.get(name, "").strip()
            if name == "consent_on":
                if not value:
                    problems.append((name, "Enter the date they gave consent."))
                    continue
                try:
                    fields[name] = _date(value).isoformat()
                except ValueError:
                    problems.append((name, f"“{value}” is not a date. Use YYYY-MM-DD."))
                continue
            fields[name] = value
        identity = {name: row.get(name, "").strip() for name in IDENTITY_COLUMNS}
        if not fields.get("partner_reference"):
            problems.append(("partner_reference", "Enter your reference for the person."))
        if not fields.get("consent_version"):
            problems.append(("consent_version", "Enter the consent wording version."))
        # Field rules: the model's choices and the cohort's age range.
        if not problems:
            participant = Participant(cohort=self.cohort, **self._values(fields))
            person = ParticipantIdentity(**identity)
            try:
                participant.full_clean(
                    exclude=["cohort", "reference"],
                    validate_unique=False,
                    validate_constraints=False,
                )
            except ValidationError as exc:
                problems += [(k, m) for k, ms in exc.message_dict.items() for m in ms]
            age = services._age_errors(self.cohort, participant.age_band)
            problems += [("age_band", m) for m in age]
            try:
                person.full_clean(exclude=["participant"])
                if person.postcode:
                    services.validate_uk_postcode(person.postcode)
            except ValidationError as exc:
                if hasattr(exc, "error_dict"):
                    problems += [(k, m) for k, ms in exc.message_dict.items() for m in ms]
                else:
                    problems += [("postcode", m) for m in exc.messages]
        stages, stage_problems = self._stages(row)
        problems += stage_problems
        if problems:
            return None, problems
        stored = {"fields": fields, "identity": identity, "stages": stages}
        encoded = json.dumps(stored, sort_keys=True).encode()
        stored["fingerprint"] = hashlib.sha256(encoded).hexdigest()
        return stored, []

    @staticmethod
    def _values(fields):
        values = dict(fields)
        values["consent_on"] = datetime.date.fromisoformat(values["consent_on"])
        return values

    def _stages(self, row):
        problems = []
        stages = []
        skip_reason = row.get("skip_reason", "").strip()
        previous = None  # (label, date)
        seen_later = False
        for stage in reversed(PATHWAY):
            if row.get(STAGE_DATE_COLUMN[stage], "").strip():
                seen_later = True
            elif seen_later and not skip_reason:
                problems.append(
                    (
                        STAGE_DATE_COLUMN[stage],
                        f"{stage.label} has no date but a later stage has. Give the date, or a "
                        "skip_reason.",
                    )
                )
                break
        today = timezone.localdate()
        for stage in PATHWAY:
            column = STAGE_DATE_COLUMN[stage]
            value = row.get(column, "").strip()
            if not value:
                continue
            try:
                day = _date(value)
            except ValueError:
                problems.append((column, f"“{value}” is not a date. Use YYYY-MM-DD."))
                continue
            if day > today:
                problems.append((column, "The date cannot be in the future."))
            if previous and day < previous[1]:
                problems.append(
                    (
                        column,
                        f"{stage.label} ({day:%d/%m/%Y}) is before "
                        f"{previous[0].lower()} ({previous[1]:%d/%m/%Y}).",
                    )
                )
            previous = (stage.label, day)
            details = {}
            if stage == Stage.REFERRED and row.get("referred_by", "").strip():
                org = self._org(row["referred_by"])
                if org is None:
                    problems.append(
                        ("referred_by", f"No organisation called “{row['referred_by']}”.")
                    )
                details["referred_by"] = org
            if stage == Stage.OFFERED:
                role = row.get("offer_role", "").strip()
                if role not in JobRole.values:
                    problems.append(("offer_role", "Give the role offered, e.g. hca."))
                employer = self._org(row.get("offer_employer", ""))
                if employer is None:
                    problems.append(
                        ("offer_employer", "Give the employer's name as in the directory.")
                    )
                contract = row.get("offer_contract", "").strip()
                if contract and contract not in ContractType.values:
                    problems.append(("offer_contract", f"“{contract}” is not a contract type."))
                details.update(
                    role=role,
                    employer=employer,
                    band=row.get("offer_band", "").strip(),
                    contract_type=contract,
                )
            stages.append([stage.value, day.isoformat(), details])
        left = row.get("left_on", "").strip()
        if left:
            reason = row.get("left_reason", "").strip()
            if reason not in LeftReason.values:
                problems.append(("left_reason", "Give why they left, e.g. resigned."))
            try:
                day = _date(left)
            except ValueError:
                problems.append(("left_on", f"“{left}” is not a date. Use YYYY-MM-DD."))
            else:
                if previous and day < previous[1]:
                    problems.append(("left_on", f"They cannot leave before {previous[0].lower()}."))
                if not stages:
                    problems.append(("left_on", "Give at least the referral date."))
                stages.append([Stage.LEFT.value, day.isoformat(), {"left_reason": reason}])
        return {"list": stages, "skip_reason": skip_reason}, problems


def import_check(*, cohort: Cohort, user, file_name: str, rows: list[dict]) -> ParticipantImport:
    """Check every row and keep the result for the preview; nothing is saved yet."""
    checker = RowChecker(cohort)
    stored, errors, seen = [], [], {}
    for number, row in enumerate(rows, start=2):
        data, problems = checker.check(row)
        reference = row.get("partner_reference", "").strip()
        if reference and reference in seen:
            problems.append(
                ("partner_reference", f"The reference is also used on row {seen[reference]}.")
            )
            data = None
        seen.setdefault(reference, number)
        if problems:
            errors.extend([number, column, message] for column, message in problems)
        elif data is not None:
            stored.append(data)
    if errors:
        stored = []
    return ParticipantImport.objects.create(
        cohort=cohort,
        uploaded_by=user,
        file_name=file_name[:255],
        rows=stored,
        errors=errors,
        row_count=len(rows),
    )


def import_plan(batch: ParticipantImport) -> dict[str, int]:
    references = [row["fields"]["partner_reference"] for row in batch.rows]
    existing = dict(
        Participant.objects.filter(
            cohort_id=batch.cohort_id, partner_reference__in=references
        ).values_list("partner_reference", "import_fingerprint")
    )
    return spreadsheets.plan_counts(batch.rows, existing, "partner_reference")


def _details(raw: dict) -> dict:
    details = dict(raw)
    for name in ("referred_by", "employer"):
        if details.get(name):
            details[name] = Organisation.objects.get(pk=details[name])
    return details


@transaction.atomic
def import_confirm(*, batch: ParticipantImport, user) -> ParticipantImport:
    """Save every checked row through the services, or none: a row the services refuse
    (say a stage that contradicts one already recorded) rolls the whole file back, and
    the error names its row."""
    with audit_context(actor=user, source="import"), buffered():
        return _confirm(batch=batch, user=user)


def _confirm(*, batch: ParticipantImport, user) -> ParticipantImport:
    batch = ParticipantImport.objects.select_for_update().get(pk=batch.pk)
    if batch.confirmed:
        raise ValidationError("This file has already been imported.")
    if batch.errors:
        raise ValidationError("Fix the rows with problems and upload the file again.")
    cohort = batch.cohort
    references = [row["fields"]["partner_reference"] for row in batch.rows]
    existing = {
        p.partner_reference: p
        for p in Participant.objects.filter(cohort=cohort, partner_reference__in=references)
    }
    created = updated = unchanged = 0
    for number, row in enumerate(batch.rows, start=2):
        participant = existing.get(row["fields"]["partner_reference"])
        if participant is not None and participant.import_fingerprint == row["fingerprint"]:
            unchanged += 1
            continue
        data = RowChecker._values(row["fields"])
        try:
            if participant is None:
                participant = services.participant_create(
                    cohort=cohort, data=data, identity=row["identity"], user=user
                )
                created += 1
            else:
                services.participant_update(
                    participant=participant, data=data, identity=row["identity"], user=user
                )
                updated += 1
            for stage, day, details in row["stages"]["list"]:
                services.stage_record(
                    participant=participant,
                    stage=stage,
                    occurred_on=datetime.date.fromisoformat(day),
                    skip_reason=row["stages"]["skip_reason"],
                    details=_details(details),
                    user=user,
                )
        except ValidationError as exc:
            messages = exc.messages
            raise ValidationError(
                f"Row {number} ({row['fields']['partner_reference']}): {messages[0]} "
                "Nothing was imported."
            ) from exc
        Participant.objects.filter(pk=participant.pk).update(import_fingerprint=row["fingerprint"])
    batch.confirmed = True
    batch.created, batch.updated, batch.unchanged = created, updated, unchanged
    batch.rows = []  # names leave the import once they are in the identity records
    batch.save()
    return batch
