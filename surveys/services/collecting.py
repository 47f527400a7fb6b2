"""Taking in a response: every rule checked before anything is written, then one
transaction. Submissions are idempotent on (questionnaire, client_id): a replay returns
the response already stored."""

import re
import uuid

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from programmes.models import EngagementEvent

from ..models import ABOUT_YOU_FIELDS, AboutYou, Answer, Response, Via
from ..models.about_you import UNDER_13
from ..models.questionnaires import FIXED_OPTIONS, QuestionKind
from .building import OTHER

OTHER_TEXT_LIMIT = 200
NUMBER_LIMIT = 1_000_000
POSTCODE_DISTRICT = re.compile(r"^[A-Z]{1,2}[0-9][0-9A-Z]?$")
MATCH_CODE = re.compile(r"^[A-Z0-9]{4,12}$")
CONSENT_NO = "no"


def _values(data, name):
    if hasattr(data, "getlist"):
        values = data.getlist(name)
    else:
        value = data.get(name)
        values = value if isinstance(value, list | tuple) else ([] if value is None else [value])
    return [str(v).strip() for v in values if str(v).strip()]


def _first(data, name):
    values = _values(data, name)
    return values[0] if values else ""


def questions_of(version):
    return list(
        version.questions.select_related("section", "show_if__question")
        .prefetch_related("options")
        .order_by("section__position", "position", "pk")
    )


def visible_questions(questions, chosen):
    """Questions shown given the options chosen so far: a show-if question appears only
    when its answer was chosen (and the question it depends on was itself shown)."""
    shown = []
    shown_keys = set()
    for question in questions:
        condition = question.show_if
        if condition is not None:
            parent = condition.question.key
            if parent not in shown_keys or condition.value not in chosen.get(parent, ()):
                continue
        shown.append(question)
        shown_keys.add(question.key)
    return shown


def _check_choice(question, values, errors):
    allowed = {o.value: o for o in question.options.all()}
    if question.kind != QuestionKind.MULTIPLE and len(values) > 1:
        errors[question.key] = "Choose one answer."
        return []
    picked = []
    for value in values:
        if value in allowed:
            picked.append(allowed[value])
        elif value == OTHER and question.allow_other:
            picked.append(OTHER)
        else:
            errors[question.key] = "Choose one of the answers shown."
            return []
    return picked


def _clean_answers(version, data):
    questions = questions_of(version)
    chosen = {q.key: set(_values(data, f"q_{q.key}")) for q in questions if q.is_choice}
    consent = next((q for q in questions if q.kind == QuestionKind.CONSENT), None)
    declined = consent is not None and CONSENT_NO in chosen.get(consent.key, ())
    errors, rows = {}, []
    for question in visible_questions(questions, chosen):
        if declined and question is not consent:
            continue  # nothing but the consent answer is kept from someone who said no
        name = f"q_{question.key}"
        if question.is_choice:
            picked = _check_choice(question, _values(data, name), errors)
            for option in picked:
                if option == OTHER:
                    text = _first(data, f"{name}_other")
                    if not text:
                        errors[question.key] = "Say what your other answer is."
                    elif len(text) > OTHER_TEXT_LIMIT:
                        errors[question.key] = (
                            f"Your other answer must be {OTHER_TEXT_LIMIT} characters or fewer."
                        )
                    rows.append(Answer(question=question, text=text[:OTHER_TEXT_LIMIT]))
                else:
                    rows.append(Answer(question=question, option=option))
            answered = bool(picked)
        elif question.kind == QuestionKind.NUMBER:
            raw = _first(data, name)
            answered = bool(raw)
            if raw:
                try:
                    number = int(raw)
                except ValueError:
                    errors[question.key] = "Enter a whole number, like 12."
                else:
                    if abs(number) > NUMBER_LIMIT:
                        errors[question.key] = "Enter a smaller number."
                    else:
                        rows.append(Answer(question=question, number=number))
        else:
            text = _first(data, name)
            answered = bool(text)
            if len(text) > question.max_length:
                errors[question.key] = (
                    f"Your answer must be {question.max_length} characters or fewer."
                )
            elif text:
                rows.append(Answer(question=question, text=text))
        if question.required and not answered and question.key not in errors:
            errors[question.key] = (
                "Answer this question." if not question.is_choice else ("Choose an answer.")
            )
    return rows, errors, declined


def _clean_about_you(data, errors, only=None):
    values = {}
    for name, _label, choices in ABOUT_YOU_FIELDS:
        if only is not None and name not in only:
            continue
        value = _first(data, f"about_{name}")
        if value and value not in dict(choices):
            errors[f"about_{name}"] = "Choose one of the answers shown."
        elif value:
            values[name] = value
    postcode = "" if only is not None else _first(data, "about_postcode_district")
    postcode = postcode.upper().replace(" ", "")
    if postcode:
        if not POSTCODE_DISTRICT.match(postcode):
            errors["about_postcode_district"] = (
                "Enter only the first part of your postcode, like GL52 or LU1."
            )
        else:
            values["postcode_district"] = postcode
    if values.get("age_band") == UNDER_13:
        values = {"age_band": UNDER_13}  # under 13: no personal data is kept
    return values


def _event_id(questionnaire, at):
    """The event a response is filed under: the questionnaire's own, or for one used at
    several events the event named in its link (only an event of the same programme)."""
    if questionnaire.event_id:
        return questionnaire.event_id
    if at and str(at).isdigit():
        event = EngagementEvent.objects.filter(pk=int(at), programme_id=questionnaire.programme_id)
        return event.values_list("pk", flat=True).first()
    return None


def response_submit(*, questionnaire, data, client_id=None, via=Via.LINK, today=None, at=None):
    """Validate and store one response. Returns (response, created). Raises
    ValidationError with a message per field; nothing is saved when it does. `at` is an
    event id from a per-event link."""
    today = today or timezone.localdate()
    try:
        client_uuid = uuid.UUID(str(client_id)) if client_id else uuid.uuid4()
    except ValueError:
        raise ValidationError({"client_id": "The form was damaged. Please reload it."}) from None
    existing = Response.objects.filter(questionnaire=questionnaire, client_id=client_uuid).first()
    if existing is not None:
        return existing, False
    if not questionnaire.is_open(today):
        raise ValidationError("This questionnaire is closed.")
    version = questionnaire.current_version
    rows, errors, declined = _clean_answers(version, data)
    about = {}
    match_code = ""
    if questionnaire.include_about_you and not declined:
        about = _clean_about_you(data, errors)
    elif questionnaire.ask_year_group and not declined:
        about = _clean_about_you(data, errors, only={"year_group"})
    if questionnaire.ask_match_code and not declined and about.get("age_band") != UNDER_13:
        match_code = _first(data, "match_code").upper().replace(" ", "")
        if match_code and not MATCH_CODE.match(match_code):
            errors["match_code"] = "Your code must be 4 to 12 letters or numbers."
    if errors:
        raise ValidationError(errors)
    try:
        with transaction.atomic():
            response = Response.objects.create(
                questionnaire=questionnaire,
                version=version,
                event_id=_event_id(questionnaire, at),
                client_id=client_uuid,
                via=via,
                match_code=match_code,
            )
            for row in rows:
                row.response = response
            Answer.objects.bulk_create(rows)
            if about:
                AboutYou.objects.create(response=response, **about)
    except IntegrityError:
        # The same client id arrived twice at once: the other request stored it.
        existing = Response.objects.filter(questionnaire=questionnaire, client_id=client_uuid)
        if existing.exists():
            return existing.get(), False
        raise
    return response, True


__all__ = ["FIXED_OPTIONS", "response_submit", "visible_questions"]
