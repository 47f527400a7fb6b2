"""People at organisations: personal data, so scoped to the organisation's own staff and
the area's workforce leads (never the whole area's partners)."""

import datetime

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone

from outreach.accounts.roles import Role
from outreach.accounts.scope import scope_for

from .organisations import Organisation
from .reference import YearGroup


def _people_filter(user, prefix="organisation__"):
    scope = scope_for(user)
    if scope.is_admin:
        return Q()
    own = scope.organisation_ids(Role.DELIVERY_PARTNER, Role.CAREERS_LEAD)
    return Q(**{f"{prefix}area_id__in": scope.lead_area_ids}) | Q(**{f"{prefix}id__in": own})


class PeopleQuerySet(models.QuerySet):
    def for_user(self, user):
        if not user.is_authenticated:
            return self.none()
        return self.filter(_people_filter(user))


class PreferredContact(models.TextChoices):
    EMAIL = "email", "Email"
    PHONE = "phone", "Phone"
    EITHER = "either", "No preference"


class Contact(models.Model):
    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="contacts"
    )
    name = models.CharField(max_length=150)
    job_title = models.CharField("role", max_length=150, blank=True)
    email = models.EmailField(blank=True)
    phone = models.CharField(max_length=30, blank=True)
    preferred_contact = models.CharField(
        "preferred way to contact",
        max_length=10,
        choices=PreferredContact.choices,
        default=PreferredContact.EMAIL,
    )
    accessibility_needs = models.CharField(
        max_length=255, blank=True, help_text='For example "BSL interpreter" or "large print".'
    )
    is_key_contact = models.BooleanField("key contact", default=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = PeopleQuerySet.as_manager()

    class Meta:
        ordering = ["-is_key_contact", "name", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["organisation"],
                condition=Q(is_key_contact=True),
                name="partners_contact_one_key_contact",
            ),
        ]

    def __str__(self):
        return self.name


class AmbassadorQuerySet(PeopleQuerySet):
    def due_for_renewal(self, *, within_days: int = 60, today: datetime.date | None = None):
        """Active ambassadors whose DBS check or safeguarding training falls due soon
        (or is already overdue)."""
        today = today or timezone.localdate()
        horizon = today + datetime.timedelta(days=within_days)
        training_cutoff = horizon - datetime.timedelta(
            days=settings.SAFEGUARDING_TRAINING_VALID_DAYS
        )
        return self.filter(is_active=True).filter(
            Q(dbs_renewal_due__lte=horizon) | Q(safeguarding_trained_on__lte=training_cutoff)
        )


class Ambassador(models.Model):
    """A member of staff who volunteers to talk to young people about their work."""

    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="ambassadors"
    )
    name = models.CharField(max_length=150)
    email = models.EmailField(blank=True)
    profession = models.CharField("profession or role", max_length=150)
    year_groups = models.ManyToManyField(YearGroup, blank=True, related_name="ambassadors")
    topics = models.CharField(
        "topics they can cover",
        max_length=255,
        blank=True,
        help_text="For example: nursing, paramedic science, apprenticeships.",
    )
    dbs_checked_on = models.DateField("DBS check date", null=True, blank=True)
    dbs_renewal_due = models.DateField("DBS renewal due", null=True, blank=True)
    safeguarding_trained_on = models.DateField("safeguarding training date", null=True, blank=True)
    is_active = models.BooleanField("active", default=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = AmbassadorQuerySet.as_manager()

    class Meta:
        ordering = ["name", "pk"]
        indexes = [models.Index(fields=["organisation", "is_active"])]
        constraints = [
            models.CheckConstraint(
                condition=Q(dbs_renewal_due__isnull=True)
                | Q(dbs_checked_on__isnull=True)
                | Q(dbs_renewal_due__gt=models.F("dbs_checked_on")),
                name="partners_ambassador_dbs_renewal_after_check",
            ),
        ]

    def __str__(self):
        return self.name

    @property
    def safeguarding_due(self) -> datetime.date | None:
        if self.safeguarding_trained_on is None:
            return None
        return self.safeguarding_trained_on + datetime.timedelta(
            days=settings.SAFEGUARDING_TRAINING_VALID_DAYS
        )


class RenewalReminder(models.Model):
    """One row per organisation and month a renewal email was sent, so a retried or
    re-run monthly task never emails the same key contact twice."""

    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="renewal_reminders"
    )
    period = models.CharField(max_length=7, help_text="YYYY-MM")
    sent_to = models.EmailField()
    ambassador_count = models.PositiveIntegerField()
    sent_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "period"], name="partners_one_reminder_a_month"
            ),
        ]

    def __str__(self):
        return f"{self.organisation} {self.period}"
