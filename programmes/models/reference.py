"""Reference lists shipped as data (migration 0002), editable by administrators in the
Django admin. Year groups are partners.YearGroup and under-represented groups are
partners.CommunityGroup: both are reused, not copied."""

from django.db import models


class Goal(models.Model):
    """One of the four goals of engagement (seed 002): Awareness, Aspiration, Access,
    Achievement."""

    code = models.SlugField(max_length=20, unique=True)
    name = models.CharField(max_length=40)
    description = models.TextField()
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["position"]

    def __str__(self):
        return self.name


class TargetGroupCategory(models.TextChoices):
    INFLUENCERS = "influencers", "People who influence young people"
    AGE = "age", "Young people by age"
    UNDER_REPRESENTED = "under_represented", "Under-represented and disadvantaged groups"


class TargetGroup(models.Model):
    """Who an activity is for: teachers, a key stage, or an under-represented group."""

    code = models.SlugField(max_length=40, unique=True)
    name = models.CharField(max_length=120)
    category = models.CharField(max_length=20, choices=TargetGroupCategory.choices)
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["position"]

    def __str__(self):
        return self.name


class ActivityType(models.Model):
    """A kind of activity (workshop, taster day …) and the goals it usually serves."""

    code = models.SlugField(max_length=40, unique=True)
    name = models.CharField(max_length=80)
    goals = models.ManyToManyField(Goal, blank=True, related_name="activity_types")
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["position"]

    def __str__(self):
        return self.name


class GatsbyBenchmark(models.Model):
    """The eight Gatsby Benchmarks of good careers guidance (statutory guidance, England)."""

    number = models.PositiveSmallIntegerField(unique=True)
    name = models.CharField(max_length=120)
    description = models.TextField(blank=True)

    class Meta:
        ordering = ["number"]

    def __str__(self):
        return f"{self.number}. {self.name}"
