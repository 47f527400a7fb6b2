"""Reference lists shipped as data (migration 0002), editable by administrators."""

from django.db import models


class YearGroup(models.Model):
    """Reception to Year 13, plus adults: the audiences activities and ambassadors suit."""

    code = models.SlugField(max_length=16, unique=True)
    name = models.CharField(max_length=40)
    position = models.PositiveSmallIntegerField(help_text="Order in lists: Reception first.")

    class Meta:
        ordering = ["position"]

    def __str__(self):
        return self.name


class CommunityGroup(models.Model):
    """An under-represented group in the health and care workforce (seeds 002 and 004)."""

    code = models.SlugField(max_length=40, unique=True)
    name = models.CharField(max_length=120)
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["position", "name"]
        verbose_name = "under-represented group"

    def __str__(self):
        return self.name
