"""Building questionnaires. Every edit goes through `editable_version`: while the current
version has no answers it is edited in place; once it has, it is copied into a new
version first, so old answers keep the wording and options they were given for."""

from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils.text import slugify

from outreach.audit.services import record_bulk_update
from programmes.models import Goal, Programme

from ..models import Option, Question, Questionnaire, Section, Version
from ..models.questionnaires import BUILDER_ROLES, FIXED_OPTIONS, QuestionKind, _restricted

OTHER = "other"


def _buildable_programmes(user):
    return Programme.objects.for_user(_restricted(user, BUILDER_ROLES))


def _add_question(version, section, position, spec, goals, options_by_key):
    question = Question.objects.create(
        version=version,
        section=section,
        key=spec["key"],
        kind=spec["kind"],
        text=spec["text"],
        help_text=spec.get("help", ""),
        required=spec.get("required", False),
        allow_other=spec.get("allow_other", False),
        goal=goals.get(spec.get("goal")),
        position=position,
    )
    _set_options(question, spec.get("options") or [])
    show_if = spec.get("show_if")
    if show_if:
        question.show_if = options_by_key[show_if[0]][show_if[1]]
        question.save(update_fields=["show_if"])
    options_by_key[question.key] = {o.value: o for o in question.options.all()}
    return question


def _set_options(question, pairs):
    """Options in order; fixed kinds (agree scale, yes/no, consent) get their own."""
    pairs = FIXED_OPTIONS.get(question.kind, pairs)
    if question.kind not in {"single", "multiple", *FIXED_OPTIONS}:
        pairs = []
    wanted = {}
    for value, label in pairs:
        wanted.setdefault(value, label)
    if question.kind in {"single", "multiple"} and len(wanted) < 2:
        raise ValidationError({"options": "Give at least two options, one a line."})
    existing = {o.value: o for o in question.options.all()}
    for value, option in existing.items():
        if value not in wanted:
            option.delete()
    for position, (value, label) in enumerate(wanted.items()):
        option = existing.get(value)
        if option is None:
            Option.objects.create(question=question, value=value, label=label, position=position)
        elif (option.label, option.position) != (label, position):
            option.label, option.position = label, position
            option.save(update_fields=["label", "position"])


def options_from_lines(text: str) -> list[tuple[str, str]]:
    pairs = []
    for line in text.splitlines():
        label = line.strip()
        if label:
            value = slugify(label)[:40].replace("-", "_") or f"option_{len(pairs) + 1}"
            if value == OTHER:
                value = "other_option"
            pairs.append((value, label[:200]))
    return pairs


def _load_definition(version, definition):
    goals = {g.code: g for g in Goal.objects.all()}
    options_by_key = {}
    for s_position, section_spec in enumerate(definition.get("sections", [])):
        section = Section.objects.create(
            version=version, title=section_spec["title"], position=s_position
        )
        for q_position, spec in enumerate(section_spec.get("questions", [])):
            _add_question(version, section, q_position, spec, goals, options_by_key)


@transaction.atomic
def questionnaire_create(
    *, user, programme, title, template=None, event=None, purpose=None
) -> Questionnaire:
    if not _buildable_programmes(user).filter(pk=programme.pk).exists():
        raise ValidationError({"programme": "You cannot add questionnaires to this programme."})
    if event is not None and event.programme_id != programme.pk:
        raise ValidationError({"event": "Choose an event of this programme."})
    questionnaire = Questionnaire(
        programme=programme,
        event=event,
        title=title,
        created_by=user,
        purpose=purpose or (template.purpose if template else "other"),
    )
    if template is not None:
        questionnaire.include_about_you = template.include_about_you
        questionnaire.ask_match_code = template.ask_match_code
        questionnaire.ask_year_group = template.ask_year_group
    questionnaire.full_clean()
    questionnaire.save()
    version = Version.objects.create(questionnaire=questionnaire, number=1)
    if template is not None:
        _load_definition(version, template.definition)
    else:
        Section.objects.create(version=version, title="Questions", position=0)
    return questionnaire


@transaction.atomic
def questionnaire_update(*, questionnaire, **fields) -> Questionnaire:
    before = fields.get("before")
    if before is not None and (
        before.pk == questionnaire.pk or before.programme_id != questionnaire.programme_id
    ):
        raise ValidationError({"before": "Choose another questionnaire of this programme."})
    event = fields.get("event")
    if event is not None and event.programme_id != questionnaire.programme_id:
        raise ValidationError({"event": "Choose an event of this programme."})
    for name, value in fields.items():
        setattr(questionnaire, name, value)
    questionnaire.full_clean()
    questionnaire.save()
    return questionnaire


def _copy_version(version) -> Version:
    new = Version.objects.create(questionnaire=version.questionnaire, number=version.number + 1)
    option_map = {}
    pending_show_if = []
    for section in version.sections.prefetch_related("questions__options"):
        new_section = Section.objects.create(
            version=new, title=section.title, position=section.position
        )
        for question in section.questions.all():
            old_show_if = question.show_if_id
            options = list(question.options.all())
            question.pk = None
            question.version = new
            question.section = new_section
            question.show_if = None
            question.save()
            for option in options:
                old_pk = option.pk
                option.pk = None
                option.question = question
                option.save()
                option_map[old_pk] = option.pk
            if old_show_if:
                pending_show_if.append((question, old_show_if))
    for question, old_option in pending_show_if:
        question.show_if_id = option_map.get(old_option)
        question.save(update_fields=["show_if"])
    return new


def editable_version(questionnaire) -> Version:
    """The version edits go to: the current one, or a fresh copy once it has answers."""
    version = (
        Version.objects.select_for_update().filter(questionnaire=questionnaire).order_by("-number")
    ).first()
    if version.responses.exists():
        version = _copy_version(version)
    return version


@dataclass
class QuestionInput:
    kind: str
    text: str
    help_text: str = ""
    required: bool = False
    allow_other: bool = False
    goal: object = None
    section_id: int | None = None
    # "key=value" of an option of an earlier question, or ""
    show_if: str = ""
    options: list = field(default_factory=list)


def _section_in(version, section_id):
    """The section with this id, or the one at the same place when the id belongs to the
    version that was just copied."""
    if not section_id:
        return None
    section = version.sections.filter(pk=section_id).first()
    if section is None:
        old = Section.objects.filter(pk=section_id, version__questionnaire=version.questionnaire)
        old = old.first()
        if old is not None:
            section = version.sections.filter(position=old.position).first()
    return section


def _key_for(version, text):
    base = (slugify(text)[:30].replace("-", "_")) or "question"
    key, n = base, 2
    while version.questions.filter(key=key).exists():
        key, n = f"{base}_{n}", n + 1
    return key


def _resolve_show_if(version, question, spec):
    if not spec:
        return None
    key, _, value = spec.partition("=")
    option = Option.objects.filter(question__version=version, question__key=key, value=value)
    option = option.select_related("question").first()
    if option is None or (question.pk and option.question_id == question.pk):
        raise ValidationError({"show_if": "Choose an answer to another question."})
    return option


def _check_show_if_order(version):
    """A show-if question must come after the question whose answer it depends on."""
    order = list(
        version.questions.order_by("section__position", "position", "pk").values_list(
            "pk", "show_if__question_id"
        )
    )
    place = {pk: index for index, (pk, _) in enumerate(order)}
    for pk, parent in order:
        if parent is not None and place[parent] > place[pk]:
            raise ValidationError(
                {"show_if": "A question can only depend on a question that comes before it."}
            )


@transaction.atomic
def question_save(*, questionnaire, data: QuestionInput, key=None) -> Question:
    """Add a question (key=None) or change the one with `key` in the editable version."""
    if data.kind not in QuestionKind.values:
        raise ValidationError({"kind": "Choose a kind of question."})
    version = editable_version(questionnaire)
    if key is None:
        section = _section_in(version, data.section_id)
        section = section or version.sections.order_by("-position").first()
        if section is None:
            section = Section.objects.create(version=version, title="Questions", position=0)
        last = section.questions.aggregate(m=Max("position"))["m"]
        question = Question(
            version=version,
            section=section,
            key=_key_for(version, data.text),
            position=0 if last is None else last + 1,
        )
    else:
        question = version.questions.filter(key=key).first()
        if question is None:
            raise ValidationError("That question no longer exists.")
    question.kind = data.kind
    question.text = data.text.strip()
    question.help_text = data.help_text.strip()
    question.required = data.required
    question.allow_other = data.allow_other and data.kind in ("single", "multiple")
    question.goal = data.goal
    question.show_if = _resolve_show_if(version, question, data.show_if)
    question.full_clean(exclude=["version", "section", "show_if", "goal"])
    question.save()
    _set_options(question, data.options)
    _check_show_if_order(version)
    return question


@transaction.atomic
def question_move(*, questionnaire, key, direction: str) -> Question:
    """Swap a question with its neighbour above ("up") or below ("down") in its section."""
    version = editable_version(questionnaire)
    question = version.questions.select_related("section").get(key=key)
    siblings = list(question.section.questions.order_by("position", "pk"))
    index = siblings.index(question)
    other = index - 1 if direction == "up" else index + 1
    if 0 <= other < len(siblings):
        siblings[index], siblings[other] = siblings[other], siblings[index]
    for position, item in enumerate(siblings):
        if item.position != position:
            item.position = position
            item.save(update_fields=["position"])
    _check_show_if_order(version)
    return question


@transaction.atomic
def question_delete(*, questionnaire, key) -> None:
    version = editable_version(questionnaire)
    question = version.questions.filter(key=key).first()
    if question is None:
        return
    dependants = list(Question.objects.filter(show_if__question=question))
    Question.objects.filter(pk__in=[q.pk for q in dependants]).update(show_if=None)
    for dependant in dependants:
        dependant.show_if = None
    record_bulk_update(dependants, ["show_if"])
    question.delete()


@transaction.atomic
def section_create(*, questionnaire, title) -> Section:
    title = (title or "").strip()
    if not title:
        raise ValidationError({"title": "Enter a title for the section."})
    version = editable_version(questionnaire)
    last = version.sections.aggregate(m=Max("position"))["m"]
    return Section.objects.create(
        version=version, title=title[:200], position=0 if last is None else last + 1
    )
