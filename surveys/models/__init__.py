from .about_you import ABOUT_YOU_FIELDS, PREFER_NOT, AboutYou
from .questionnaires import (
    CHOICE_KINDS,
    LIKERT_OPTIONS,
    Option,
    Purpose,
    Question,
    QuestionKind,
    Questionnaire,
    QuestionnaireTemplate,
    Section,
    Version,
)
from .responses import Answer, Response, Theme, ThemeTag, Via
from .translations import LANGUAGE_CHOICES, NATIVE_NAMES, RIGHT_TO_LEFT, Translation

__all__ = [
    "ABOUT_YOU_FIELDS",
    "LANGUAGE_CHOICES",
    "NATIVE_NAMES",
    "RIGHT_TO_LEFT",
    "Translation",
    "CHOICE_KINDS",
    "LIKERT_OPTIONS",
    "PREFER_NOT",
    "AboutYou",
    "Answer",
    "Option",
    "Purpose",
    "Question",
    "QuestionKind",
    "Questionnaire",
    "QuestionnaireTemplate",
    "Response",
    "Section",
    "Theme",
    "ThemeTag",
    "Version",
    "Via",
]
