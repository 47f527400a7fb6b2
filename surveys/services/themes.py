"""Theme coding of free-text answers by staff."""

from django.core.exceptions import ValidationError
from django.db import transaction

from outreach.audit.services import record_bulk_create

from ..models import Answer, Theme, ThemeTag


@transaction.atomic
def theme_create(*, questionnaire, name) -> Theme:
    name = (name or "").strip()
    if not name:
        raise ValidationError({"name": "Enter a name for the theme."})
    if len(name) > 80:
        raise ValidationError({"name": "The name must be 80 characters or fewer."})
    if questionnaire.themes.filter(name__iexact=name).exists():
        raise ValidationError({"name": "There is already a theme with this name."})
    return Theme.objects.create(questionnaire=questionnaire, name=name)


@transaction.atomic
def answer_tags_set(*, questionnaire, answer_id, theme_ids) -> Answer:
    """Make the answer's themes exactly `theme_ids` (themes of this questionnaire only)."""
    answer = Answer.objects.filter(
        pk=answer_id, response__questionnaire=questionnaire, text__gt=""
    ).first()
    if answer is None:
        raise ValidationError("That answer is not part of this questionnaire.")
    themes = set(
        questionnaire.themes.filter(pk__in=[int(t) for t in theme_ids]).values_list("pk", flat=True)
    )
    if len(themes) != len(set(map(int, theme_ids))):
        raise ValidationError("Choose themes of this questionnaire.")
    answer.tags.exclude(theme_id__in=themes).delete()
    have = set(answer.tags.values_list("theme_id", flat=True))
    record_bulk_create(
        ThemeTag.objects.bulk_create(ThemeTag(theme_id=t, answer=answer) for t in themes - have)
    )
    return answer
