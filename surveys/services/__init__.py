from .building import (
    QuestionInput,
    editable_version,
    question_delete,
    question_move,
    question_save,
    questionnaire_create,
    questionnaire_update,
    section_create,
)
from .collecting import response_submit
from .ratelimit import submission_allowed, submission_retry_after
from .readability import reading_age
from .themes import answer_tags_set, theme_create
from .translations import (
    languages_of,
    translatable_texts,
    translations_for,
    translations_save,
)

__all__ = [
    "QuestionInput",
    "answer_tags_set",
    "editable_version",
    "question_delete",
    "question_move",
    "question_save",
    "questionnaire_create",
    "questionnaire_update",
    "reading_age",
    "response_submit",
    "section_create",
    "submission_allowed",
    "submission_retry_after",
    "theme_create",
    "languages_of",
    "translatable_texts",
    "translations_for",
    "translations_save",
]
