"""Questionnaire answers: one row per answer (one per option chosen, for multiple choice)
given in the period.

Respondents are anonymous, and this export keeps them so: the response id is the only
thing that ties answers together. The device's client id, the before/after match code
and the "about you" answers are never read.

Free-text answers (and the words of "other, please say") are included because the
administrator exports them for analysis, but they are personal data in principle:
young people sometimes write their names, schools or health details in them. Treat the
file accordingly.
"""

from django.utils import timezone

from surveys.models import Answer

from ..models import ReportKind
from .base import Export, day_range, in_scope


class ResponsesExport(Export):
    kind = ReportKind.EXPORT_RESPONSES
    slug = "questionnaire-answers"
    header = [
        "Questionnaire ID",
        "Questionnaire",
        "Programme",
        "ICB area",
        "Version",
        "Response ID",
        "Submitted on",
        "Question key",
        "Question",
        "Goal",
        "Answer value",
        "Answer label",
        "Answer text",
        "Answer number",
    ]

    def queryset(self, *, scope, period):
        start, after = day_range(period)
        answers = Answer.objects.filter(
            response__submitted_at__gte=start, response__submitted_at__lt=after
        )
        return (
            in_scope(answers, scope, "response__questionnaire__programme")
            .order_by("pk")
            .values_list(
                "response__questionnaire_id",
                "response__questionnaire__title",
                "response__questionnaire__programme__name",
                "response__questionnaire__programme__area__name",
                "response__version__number",
                "response_id",
                "response__submitted_at",
                "question__key",
                "question__text",
                "question__goal__name",
                "option__value",
                "option__label",
                "text",
                "number",
            )
        )

    def row(self, values):
        row = list(values)
        row[6] = timezone.localtime(row[6]).date()
        return row
