"""Questionnaires and their versions. Questions belong to a version: once a version has
answers it is never edited again (services copy it into a new version), so an old answer
always points at the question, wording and options it was given for."""

import secrets
from types import SimpleNamespace

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q

from outreach.accounts.roles import Role
from outreach.accounts.scope import Scope, scope_for
from programmes.models import EngagementEvent, Goal, Programme

BUILDER_ROLES = (Role.WORKFORCE_LEAD, Role.DELIVERY_PARTNER)


def _restricted(user, roles):
    """A stand-in user whose scope keeps only the memberships in `roles`, so the
    programmes app's own `for_user` rules answer for just those roles (not duplicated)."""
    scope = scope_for(user)
    grants = tuple(g for g in scope.grants if g[0] in roles)
    return SimpleNamespace(
        is_authenticated=True,
        is_active=True,
        _outreach_scope=Scope(is_admin=scope.is_admin, grants=grants),
    )


def new_token() -> str:
    return secrets.token_urlsafe(18)


class Purpose(models.TextChoices):
    LISTENING = "listening", "Listening exercise"
    BEFORE = "before", "Before an activity"
    AFTER = "after", "After an activity"
    EVENT_FEEDBACK = "event_feedback", "Event feedback"
    CAREERS_LEAD_FEEDBACK = "careers_lead_feedback", "Careers lead feedback"
    OTHER = "other", "Other"


class QuestionnaireQuerySet(models.QuerySet):
    def buildable_by(self, user):
        """Questionnaires the user may build and edit: administrators all; workforce leads
        and delivery partners those of the programmes they see (programmes' rules)."""
        scope = scope_for(user)
        if scope.is_admin:
            return self.all()
        if not scope.has_any(BUILDER_ROLES):
            return self.none()
        programmes = Programme.objects.for_user(_restricted(user, BUILDER_ROLES))
        return self.filter(programme__in=programmes.values("pk"))

    def for_user(self, user):
        """What the user may see results of: what they build, and for careers leads the
        questionnaires run at events at their school."""
        scope = scope_for(user)
        if scope.is_admin:
            return self.all()
        condition = Q(pk__in=self.model.objects.buildable_by(user).values("pk"))
        if Role.CAREERS_LEAD in scope.roles:
            events = EngagementEvent.objects.for_user(_restricted(user, (Role.CAREERS_LEAD,)))
            condition |= Q(event__in=events.values("pk"))
        return self.filter(condition)


class Questionnaire(models.Model):
    programme = models.ForeignKey(
        Programme, on_delete=models.PROTECT, related_name="questionnaires"
    )
    event = models.ForeignKey(
        EngagementEvent,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="questionnaires",
        help_text="Optional: the event where it is answered.",
    )
    title = models.CharField(max_length=200)
    purpose = models.CharField(max_length=24, choices=Purpose.choices, default=Purpose.OTHER)
    introduction = models.TextField(
        blank=True, help_text="Shown to respondents above the questions. Use plain words."
    )
    token = models.CharField(max_length=40, unique=True, default=new_token, editable=False)
    opens_on = models.DateField("opens on", null=True, blank=True)
    closes_on = models.DateField("closes on", null=True, blank=True)
    include_about_you = models.BooleanField("ask the standard 'about you' questions", default=False)
    ask_match_code = models.BooleanField(
        "ask for a self-made code to match before and after answers", default=False
    )
    ask_year_group = models.BooleanField(
        "ask for the school year (also part of 'about you')",
        default=False,
        help_text="So results can be filtered by year group without the other 'about you' "
        "questions.",
    )
    kiosk_idle_seconds = models.PositiveSmallIntegerField(
        "kiosk: reset after this many seconds idle",
        default=90,
        validators=[MinValueValidator(15), MaxValueValidator(900)],
    )
    bsl_video_url = models.URLField("link to a BSL video", blank=True)
    easy_read_url = models.URLField("link to an easy-read version", blank=True)
    privacy_notice = models.TextField(
        blank=True,
        help_text="What you collect and why. A standard notice is shown when left empty.",
    )
    before = models.OneToOneField(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="after",
        help_text="For an 'after' questionnaire: the 'before' questionnaire it is compared with.",
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = QuestionnaireQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["programme", "-created_at"])]
        constraints = [
            models.CheckConstraint(
                condition=Q(closes_on__isnull=True)
                | Q(opens_on__isnull=True)
                | Q(closes_on__gte=models.F("opens_on")),
                name="surveys_questionnaire_closes_after_opening",
                violation_error_message="The closing date must be on or after the opening date.",
            ),
            models.CheckConstraint(
                condition=~Q(before=models.F("pk")),
                name="surveys_questionnaire_not_paired_with_itself",
            ),
        ]

    def __str__(self):
        return self.title

    def is_open(self, day) -> bool:
        if self.opens_on and day < self.opens_on:
            return False
        return not (self.closes_on and day > self.closes_on)

    @property
    def current_version(self):
        return self.versions.order_by("-number").first()


class Version(models.Model):
    questionnaire = models.ForeignKey(
        Questionnaire, on_delete=models.CASCADE, related_name="versions"
    )
    number = models.PositiveIntegerField()
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["questionnaire", "number"]
        constraints = [
            models.UniqueConstraint(
                fields=["questionnaire", "number"], name="surveys_version_unique_number"
            )
        ]

    def __str__(self):
        return f"{self.questionnaire} (version {self.number})"


class Section(models.Model):
    version = models.ForeignKey(Version, on_delete=models.CASCADE, related_name="sections")
    title = models.CharField(max_length=200)
    position = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["position", "pk"]

    def __str__(self):
        return self.title


class QuestionKind(models.TextChoices):
    SINGLE = "single", "Single choice"
    MULTIPLE = "multiple", "Multiple choice"
    LIKERT = "likert", "Agree scale (5 points)"
    YES_NO = "yes_no", "Yes or no"
    NUMBER = "number", "Number"
    SHORT_TEXT = "short_text", "Short text"
    LONG_TEXT = "long_text", "Long text"
    CONSENT = "consent", "Consent"


CHOICE_KINDS = {
    QuestionKind.SINGLE,
    QuestionKind.MULTIPLE,
    QuestionKind.LIKERT,
    QuestionKind.YES_NO,
    QuestionKind.CONSENT,
}
TEXT_KINDS = {QuestionKind.SHORT_TEXT, QuestionKind.LONG_TEXT}
LIKERT_OPTIONS = [
    ("1", "Strongly disagree"),
    ("2", "Disagree"),
    ("3", "Neither agree nor disagree"),
    ("4", "Agree"),
    ("5", "Strongly agree"),
]
FIXED_OPTIONS = {
    QuestionKind.LIKERT: LIKERT_OPTIONS,
    QuestionKind.YES_NO: [("yes", "Yes"), ("no", "No")],
    QuestionKind.CONSENT: [("yes", "Yes, I agree"), ("no", "No, I do not agree")],
}
TEXT_LIMITS = {QuestionKind.SHORT_TEXT: 200, QuestionKind.LONG_TEXT: 2000}


class Question(models.Model):
    version = models.ForeignKey(Version, on_delete=models.CASCADE, related_name="questions")
    section = models.ForeignKey(Section, on_delete=models.CASCADE, related_name="questions")
    # Carried from version to version, so the same question can be followed across them.
    key = models.SlugField(max_length=40)
    kind = models.CharField(max_length=12, choices=QuestionKind.choices)
    text = models.CharField("question", max_length=300)
    help_text = models.CharField("hint", max_length=300, blank=True)
    required = models.BooleanField(default=False)
    allow_other = models.BooleanField('offer "other, please say"', default=False)
    goal = models.ForeignKey(
        Goal,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        help_text="The goal this question measures, if any.",
    )
    show_if = models.ForeignKey(
        "Option",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        help_text="Show this question only when this answer was chosen earlier.",
    )
    position = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["section__position", "position", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["version", "key"], name="surveys_question_key_unique")
        ]

    def __str__(self):
        return self.text

    @property
    def is_choice(self) -> bool:
        return self.kind in CHOICE_KINDS

    @property
    def is_text(self) -> bool:
        return self.kind in TEXT_KINDS

    @property
    def max_length(self) -> int:
        return TEXT_LIMITS.get(self.kind, 200)


class Option(models.Model):
    question = models.ForeignKey(Question, on_delete=models.CASCADE, related_name="options")
    value = models.SlugField(max_length=40)
    label = models.CharField(max_length=200)
    position = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["position", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["question", "value"], name="surveys_option_value_unique"
            )
        ]

    def __str__(self):
        return self.label


class QuestionnaireTemplate(models.Model):
    """A starting point shipped as data (migration 0002): its questions as JSON."""

    code = models.SlugField(max_length=40, unique=True)
    name = models.CharField(max_length=120)
    description = models.TextField(blank=True)
    purpose = models.CharField(max_length=24, choices=Purpose.choices)
    include_about_you = models.BooleanField(default=False)
    ask_match_code = models.BooleanField(default=False)
    ask_year_group = models.BooleanField(default=False)
    definition = models.JSONField(help_text="Sections and their questions.")
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["position"]

    def __str__(self):
        return self.name
