"""Translations of a questionnaire's own words. They are keyed by question key and
option value, which carry over from version to version, so a translation outlives edits
that make a new version; a text with no translation shows in English."""

from django.db import models

from .questionnaires import Questionnaire

# Languages most often spoken at home in England after English (2021 Census), plus Welsh.
LANGUAGES = [
    ("cy", "Cymraeg", "Welsh"),
    ("pl", "Polski", "Polish"),
    ("ro", "Română", "Romanian"),
    ("pa", "ਪੰਜਾਬੀ", "Punjabi"),
    ("ur", "اردو", "Urdu"),
    ("pt", "Português", "Portuguese"),
    ("es", "Español", "Spanish"),
    ("ar", "العربية", "Arabic"),
    ("bn", "বাংলা", "Bengali"),
    ("gu", "ગુજરાતી", "Gujarati"),
    ("so", "Soomaali", "Somali"),
    ("uk", "Українська", "Ukrainian"),
]
RIGHT_TO_LEFT = {"ur", "ar"}
LANGUAGE_CHOICES = [(code, f"{english} ({native})") for code, native, english in LANGUAGES]
NATIVE_NAMES = {code: native for code, native, _ in LANGUAGES}


class Translation(models.Model):
    questionnaire = models.ForeignKey(
        Questionnaire, on_delete=models.CASCADE, related_name="translations"
    )
    language = models.CharField(max_length=8, choices=LANGUAGE_CHOICES)
    # "title", "introduction", "send", "section:<position>", "question:<key>",
    # "hint:<key>", "option:<key>:<value>"
    key = models.CharField(max_length=100)
    text = models.CharField(max_length=2000)

    class Meta:
        ordering = ["language", "key"]
        constraints = [
            models.UniqueConstraint(
                fields=["questionnaire", "language", "key"], name="surveys_translation_unique"
            )
        ]

    def __str__(self):
        return f"{self.language}: {self.key}"
