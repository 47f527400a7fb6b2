"""Responses and answers, and the themes staff code free-text answers with. Nothing here
identifies a respondent: no IP address, no user agent, no account."""

from django.db import models

from outreach.accounts.scope import scope_for

from .questionnaires import Option, Question, Questionnaire, Version


class Via(models.TextChoices):
    LINK = "link", "Link or QR code"
    KIOSK = "kiosk", "Shared tablet"
    API = "api", "API"


class ResponseQuerySet(models.QuerySet):
    def for_user(self, user):
        """Responses to the questionnaires the user may see results of. Administrators'
        are all of them, without the subquery, so the list's order index serves alone."""
        if scope_for(user).is_admin:
            return self.all()
        return self.filter(questionnaire__in=Questionnaire.objects.for_user(user).values("pk"))


class Response(models.Model):
    questionnaire = models.ForeignKey(
        Questionnaire, on_delete=models.CASCADE, related_name="responses"
    )
    version = models.ForeignKey(Version, on_delete=models.PROTECT, related_name="responses")
    # Copied from the questionnaire when submitted, so results can filter by where.
    event = models.ForeignKey(
        "programmes.EngagementEvent",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    client_id = models.UUIDField(help_text="Made by the device; a replay returns this response.")
    via = models.CharField(max_length=8, choices=Via.choices, default=Via.LINK)
    match_code = models.CharField(max_length=12, blank=True, db_index=True)
    submitted_at = models.DateTimeField(auto_now_add=True)

    objects = ResponseQuerySet.as_manager()

    class Meta:
        ordering = ["-submitted_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["questionnaire", "client_id"], name="surveys_response_client_id_unique"
            )
        ]
        indexes = [
            models.Index(fields=["questionnaire", "-submitted_at"]),
            # The responses list's order, across questionnaires (outreach/pagination.py).
            models.Index(
                fields=["-submitted_at", "-id"],
                include=["questionnaire"],
                name="surveys_response_list_order",
            ),
        ]

    def __str__(self):
        return f"Response {self.pk} to {self.questionnaire}"


class Answer(models.Model):
    """One answer: a chosen option (one row per option for multiple choice), a number,
    or text (free text, or the words of "other, please say")."""

    response = models.ForeignKey(Response, on_delete=models.CASCADE, related_name="answers")
    question = models.ForeignKey(Question, on_delete=models.PROTECT, related_name="answers")
    option = models.ForeignKey(
        Option, on_delete=models.PROTECT, null=True, blank=True, related_name="answers"
    )
    number = models.IntegerField(null=True, blank=True)
    text = models.TextField(blank=True)

    class Meta:
        ordering = ["pk"]
        indexes = [
            models.Index(fields=["question", "option"]),
            models.Index(fields=["response", "question"]),
        ]

    def __str__(self):
        return f"Answer to {self.question_id}"


class Theme(models.Model):
    questionnaire = models.ForeignKey(
        Questionnaire, on_delete=models.CASCADE, related_name="themes"
    )
    name = models.CharField(max_length=80)

    class Meta:
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(
                fields=["questionnaire", "name"],
                name="surveys_theme_unique_name",
                violation_error_message="There is already a theme with this name.",
            )
        ]

    def __str__(self):
        return self.name


class ThemeTag(models.Model):
    theme = models.ForeignKey(Theme, on_delete=models.CASCADE, related_name="tags")
    answer = models.ForeignKey(Answer, on_delete=models.CASCADE, related_name="tags")

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["theme", "answer"], name="surveys_theme_tag_unique")
        ]

    def __str__(self):
        return f"{self.theme} on answer {self.answer_id}"
