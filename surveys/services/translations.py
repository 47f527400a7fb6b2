"""Translations of a questionnaire's words (see models/translations.py)."""

from django.core.exceptions import ValidationError
from django.db import transaction

from ..models import LANGUAGE_CHOICES, Translation
from .collecting import questions_of

SEND = "Send my answers"


def translatable_texts(questionnaire) -> list[tuple[str, str]]:
    """(key, English text) for every word a respondent reads, in page order."""
    texts = [("title", questionnaire.title)]
    if questionnaire.introduction:
        texts.append(("introduction", questionnaire.introduction))
    section = None
    for question in questions_of(questionnaire.current_version):
        if question.section_id != getattr(section, "pk", None):
            section = question.section
            texts.append((f"section:{section.position}", section.title))
        texts.append((f"question:{question.key}", question.text))
        if question.help_text:
            texts.append((f"hint:{question.key}", question.help_text))
        for option in question.options.all():
            texts.append((f"option:{question.key}:{option.value}", option.label))
        if question.allow_other:
            texts.append((f"option:{question.key}:other", "Other"))
    texts.append(("send", SEND))
    return texts


def translations_for(questionnaire, language) -> dict[str, str]:
    if not language:
        return {}
    return dict(
        Translation.objects.filter(questionnaire=questionnaire, language=language).values_list(
            "key", "text"
        )
    )


def languages_of(questionnaire) -> list[str]:
    return list(
        Translation.objects.filter(questionnaire=questionnaire)
        .order_by("language")
        .values_list("language", flat=True)
        .distinct()
    )


@transaction.atomic
def translations_save(*, questionnaire, language, texts: dict) -> int:
    """Set the translations of `language` to `texts` (key -> text); an empty text removes
    one. Returns how many are stored."""
    if language not in dict(LANGUAGE_CHOICES):
        raise ValidationError({"language": "Choose a language from the list."})
    english = dict(translatable_texts(questionnaire))
    errors = {}
    for key, text in texts.items():
        if key not in english:
            errors[key] = "This text is not part of the questionnaire."
        elif len(text or "") > max(300, 2 * len(english[key])):
            errors[key] = "This translation is much longer than the English. Please shorten it."
    if errors:
        raise ValidationError(errors)
    existing = {
        t.key: t for t in Translation.objects.filter(questionnaire=questionnaire, language=language)
    }
    for key, text in texts.items():
        text = (text or "").strip()
        current = existing.get(key)
        if not text:
            if current:
                current.delete()
        elif current is None:
            Translation.objects.create(
                questionnaire=questionnaire, language=language, key=key, text=text
            )
        elif current.text != text:
            current.text = text
            current.save(update_fields=["text"])
    return Translation.objects.filter(questionnaire=questionnaire, language=language).count()
