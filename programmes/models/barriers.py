"""Barriers that keep an under-represented group out of health and care jobs, and the
actions co-created to overcome them (seed 004: IDEAS)."""

from django.db import models
from django.db.models import Q

from partners.models import CommunityGroup, Organisation

from .programmes import Programme


class IdeasCategory(models.TextChoices):
    INFORM = "inform", "Inform"
    DEVELOP = "develop", "Develop"
    ENCOURAGE = "encourage", "Encourage"
    AWARENESS = "awareness", "Awareness"
    SUPPORT = "support", "Support"


IDEAS_DESCRIPTIONS = {
    IdeasCategory.INFORM: "Make jobs and the support on offer easy to find and understand.",
    IdeasCategory.DEVELOP: "Change recruitment practice and build pathways into and through work.",
    IdeasCategory.ENCOURAGE: "Build confidence: role models, coaching, tailored schemes.",
    IdeasCategory.AWARENESS: "Train staff and tackle discrimination, with By and For groups.",
    IdeasCategory.SUPPORT: "Support people through recruitment, on-boarding and in the job.",
}


class ActionStatus(models.TextChoices):
    PROPOSED = "proposed", "Proposed"
    IN_PROGRESS = "in_progress", "In progress"
    DONE = "done", "Done"
    DROPPED = "dropped", "Dropped"


class BarrierQuerySet(models.QuerySet):
    def for_user(self, user):
        return self.filter(programme__in=Programme.objects.for_user(user))

    def manageable_by(self, user):
        return self.filter(programme__in=Programme.objects.manageable_by(user))


class Barrier(models.Model):
    programme = models.ForeignKey(Programme, on_delete=models.CASCADE, related_name="barriers")
    group = models.ForeignKey(
        CommunityGroup,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name="under-represented group",
    )
    title = models.CharField("barrier", max_length=200)
    description = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = BarrierQuerySet.as_manager()

    class Meta:
        ordering = ["group__position", "title", "pk"]

    def __str__(self):
        return f"{self.title} ({self.group})"


class BarrierActionQuerySet(models.QuerySet):
    def for_user(self, user):
        return self.filter(barrier__programme__in=Programme.objects.for_user(user))

    def manageable_by(self, user):
        return self.filter(barrier__programme__in=Programme.objects.manageable_by(user))


class BarrierAction(models.Model):
    barrier = models.ForeignKey(Barrier, on_delete=models.CASCADE, related_name="actions")
    category = models.CharField("IDEAS category", max_length=12, choices=IdeasCategory.choices)
    description = models.TextField("action")
    owner = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="owner organisation",
    )
    status = models.CharField(
        max_length=12, choices=ActionStatus.choices, default=ActionStatus.PROPOSED
    )
    implement_by = models.DateField("implement by", null=True, blank=True)
    review_on = models.DateField("review on", null=True, blank=True)
    assess_on = models.DateField("assess impact on", null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = BarrierActionQuerySet.as_manager()

    class Meta:
        ordering = ["category", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(review_on__isnull=True)
                | Q(implement_by__isnull=True)
                | Q(review_on__gte=models.F("implement_by")),
                name="programmes_action_review_after_implement",
                violation_error_message="The review date must be on or after the "
                "implementation date.",
            ),
            models.CheckConstraint(
                condition=Q(assess_on__isnull=True)
                | Q(review_on__isnull=True)
                | Q(assess_on__gte=models.F("review_on")),
                name="programmes_action_assess_after_review",
                violation_error_message="The assessment date must be on or after the review date.",
            ),
        ]

    def __str__(self):
        return self.description[:60]
