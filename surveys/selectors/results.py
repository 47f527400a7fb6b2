"""Results computed in the database: one grouped query per kind of figure, whatever the
number of answers. Any count from 1 to 4 is suppressed (shown as "fewer than 5") so
no one can be picked out; a question answered by fewer than 5 shows no breakdown."""

from dataclasses import dataclass, field

from django.db.models import Avg, Count, Max, Min

from ..models import ABOUT_YOU_FIELDS, Answer, Response, ThemeTag

MIN_CELL = 5
ABOUT_YOU_NAMES = [name for name, _, _ in ABOUT_YOU_FIELDS]


@dataclass
class ResultFilters:
    event_id: int | None = None
    school_id: int | None = None
    about: dict = field(default_factory=dict)  # about-you field -> value

    @classmethod
    def from_query(cls, params):
        def number(name):
            value = params.get(name, "")
            return int(value) if str(value).isdigit() else None

        about = {}
        for name, _, choices in ABOUT_YOU_FIELDS:
            value = params.get(name, "")
            if value and value in dict(choices):
                about[name] = value
        return cls(event_id=number("event"), school_id=number("school"), about=about)

    @property
    def active(self) -> bool:
        return bool(self.event_id or self.school_id or self.about)


def filtered_responses(questionnaire, filters=None, version=None):
    responses = Response.objects.filter(questionnaire=questionnaire)
    if version is not None:
        responses = responses.filter(version=version)
    filters = filters or ResultFilters()
    if filters.event_id:
        responses = responses.filter(event_id=filters.event_id)
    if filters.school_id:
        responses = responses.filter(event__school_id=filters.school_id)
    for name, value in filters.about.items():
        responses = responses.filter(**{f"about_you__{name}": value})
    return responses


def suppress(count):
    """The count to show, or None when it would identify someone."""
    return None if 0 < count < MIN_CELL else count


def suppress_exclusive(counts):
    """Suppress a list of counts that add up to a shown total (one answer each): a single
    hidden cell could be worked out by subtraction, so the next smallest goes too."""
    shown = [suppress(count) for count in counts]
    hidden = [i for i, value in enumerate(shown) if value is None]
    if len(hidden) == 1:
        others = [i for i, value in enumerate(shown) if value]
        if others:
            shown[min(others, key=lambda i: shown[i])] = None
    return shown


def _percent(count, total):
    return round(100 * count / total) if total else 0


def question_results(questionnaire, version, filters=None):
    """Per question of `version`: respondents, and counts per option (or number summary),
    suppressed under MIN_CELL. Three grouped queries over the answers, whatever their number."""
    questions = list(
        version.questions.select_related("goal", "section")
        .prefetch_related("options")
        .order_by("section__position", "position", "pk")
    )
    # Question ids, not a join on the question table: the planner then reads only the
    # answers of these questions (index on question, option) whatever else is stored.
    answers = Answer.objects.filter(question_id__in=[q.pk for q in questions])
    if filters is not None and filters.active:
        answers = answers.filter(response__in=filtered_responses(questionnaire, filters, version))
    answered = dict(
        answers.values_list("question_id").annotate(n=Count("response_id", distinct=True))
    )
    option_counts = {}
    for question_id, option_id, n in (
        answers.filter(question_id__in=[q.pk for q in questions if q.is_choice])
        .values_list("question_id", "option_id")
        .annotate(n=Count("id"))
    ):
        option_counts[(question_id, option_id)] = n
    number_ids = [q.pk for q in questions if q.kind == "number"]
    numbers = {}
    if number_ids:
        numbers = {
            row["question_id"]: row
            for row in answers.filter(question_id__in=number_ids)
            .values("question_id")
            .annotate(mean=Avg("number"), low=Min("number"), high=Max("number"))
        }
    results = []
    for question in questions:
        total = answered.get(question.pk, 0)
        shown = total >= MIN_CELL
        rows = []
        if question.is_choice:
            options = [
                (o.label, option_counts.get((question.pk, o.pk), 0)) for o in question.options.all()
            ]
            if question.allow_other:
                options.append(("Other", option_counts.get((question.pk, None), 0)))
            if not shown:
                visible_counts = [None] * len(options)
            elif question.kind == "multiple":
                visible_counts = [suppress(count) for _, count in options]
            else:
                visible_counts = suppress_exclusive([count for _, count in options])
            for (label, _count), visible in zip(options, visible_counts, strict=True):
                rows.append(
                    {
                        "label": label,
                        "count": visible,
                        "percent": _percent(visible, total) if visible is not None else None,
                    }
                )
        results.append(
            {
                "question": question,
                "respondents": total if shown else None,
                "too_few": not shown and total > 0,
                "rows": rows,
                "number": numbers.get(question.pk) if shown else None,
            }
        )
    return results


def theme_counts(questionnaire, filters=None):
    """Respondents whose free-text answers carry each theme, suppressed under MIN_CELL."""
    tags = ThemeTag.objects.filter(theme__questionnaire=questionnaire)
    if filters is not None and filters.active:
        tags = tags.filter(answer__response__in=filtered_responses(questionnaire, filters))
    counts = dict(
        tags.values_list("theme_id").annotate(n=Count("answer__response_id", distinct=True))
    )
    return [
        {"theme": theme, "count": suppress(counts.get(theme.pk, 0))}
        for theme in questionnaire.themes.all()
    ]
