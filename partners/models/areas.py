from django.db import models

from outreach.accounts.scope import scope_for


class ICBAreaQuerySet(models.QuerySet):
    def for_user(self, user):
        """Areas the user works in (any role); administrators see all 42."""
        scope = scope_for(user)
        if scope.is_admin:
            return self.all()
        return self.filter(pk__in=scope.area_ids())

    def managed_by(self, user):
        """Areas whose directory the user may add organisations to."""
        scope = scope_for(user)
        if scope.is_admin:
            return self.all()
        return self.filter(pk__in=scope.lead_area_ids)


class ICBArea(models.Model):
    """An Integrated Care Board's area: every record belongs to one, directly or not."""

    name = models.CharField(max_length=200, unique=True)
    code = models.CharField(max_length=12, blank=True, help_text="ONS code, for example E54000025.")
    region = models.CharField(max_length=100, blank=True)

    objects = ICBAreaQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        verbose_name = "ICB area"

    def __str__(self):
        return self.name


class LocalAuthority(models.Model):
    """Which ICB area a local authority's schools belong to, as the administrator mapped
    it on a school import. Kept so later imports need no mapping file."""

    name = models.CharField(max_length=100, unique=True)
    area = models.ForeignKey(ICBArea, on_delete=models.PROTECT, related_name="local_authorities")

    class Meta:
        ordering = ["name"]
        verbose_name_plural = "local authorities"

    def __str__(self):
        return self.name
