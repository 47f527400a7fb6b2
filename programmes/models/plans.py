"""The annual plan: what a programme means to deliver in one academic year, by term."""

from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Q

from partners.models import Organisation

from ..academic_year import Term, label
from .programmes import Programme
from .reference import ActivityType, Goal, TargetGroup


class AnnualPlanQuerySet(models.QuerySet):
    def for_user(self, user):
        return self.filter(programme__in=Programme.objects.for_user(user))

    def manageable_by(self, user):
        return self.filter(programme__in=Programme.objects.manageable_by(user))


class AnnualPlan(models.Model):
    programme = models.ForeignKey(Programme, on_delete=models.CASCADE, related_name="plans")
    academic_year = models.PositiveSmallIntegerField(
        help_text="The year the academic year starts in: 2024 is 2024/25."
    )
    notes = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = AnnualPlanQuerySet.as_manager()

    class Meta:
        ordering = ["programme__name", "-academic_year"]
        constraints = [
            models.UniqueConstraint(
                fields=["programme", "academic_year"],
                name="programmes_plan_one_per_year",
                violation_error_message="This programme already has a plan for that year.",
            ),
        ]

    def __str__(self):
        return f"{self.programme} {self.year_label}"

    @property
    def year_label(self) -> str:
        return label(self.academic_year)


class PlannedActivityQuerySet(models.QuerySet):
    def for_user(self, user):
        return self.filter(plan__programme__in=Programme.objects.for_user(user))

    def manageable_by(self, user):
        return self.filter(plan__programme__in=Programme.objects.manageable_by(user))


class PlannedActivity(models.Model):
    plan = models.ForeignKey(AnnualPlan, on_delete=models.CASCADE, related_name="activities")
    goal = models.ForeignKey(Goal, on_delete=models.PROTECT, related_name="+")
    target_group = models.ForeignKey(TargetGroup, on_delete=models.PROTECT, related_name="+")
    activity_type = models.ForeignKey(ActivityType, on_delete=models.PROTECT, related_name="+")
    term = models.CharField(max_length=10, choices=Term.choices)
    quantity = models.PositiveIntegerField("how many", validators=[MinValueValidator(1)])
    delivered_by = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="delivering partner",
    )
    notes = models.CharField(max_length=255, blank=True)

    objects = PlannedActivityQuerySet.as_manager()

    class Meta:
        ordering = ["goal__position", "term", "activity_type__position", "pk"]
        verbose_name_plural = "planned activities"
        constraints = [
            models.CheckConstraint(
                condition=Q(quantity__gte=1), name="programmes_planned_quantity_positive"
            ),
        ]

    def __str__(self):
        return f"{self.quantity} × {self.activity_type} ({self.get_term_display()})"
