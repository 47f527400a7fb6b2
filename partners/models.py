from django.db import models
from django.db.models import Q

from outreach.accounts.roles import Role
from outreach.accounts.scope import scope_for


class ICBAreaQuerySet(models.QuerySet):
    def for_user(self, user):
        scope = scope_for(user)
        if scope.is_admin:
            return self.all()
        return self.filter(pk__in=scope.area_ids())


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


class OrganisationKind(models.TextChoices):
    ICB = "icb", "Integrated care board"
    NHS_TRUST = "nhs_trust", "NHS trust"
    PRIMARY_CARE = "primary_care", "Primary care"
    LOCAL_AUTHORITY = "local_authority", "Local authority"
    VCSE = "vcse", "Voluntary, community or social enterprise"
    SCHOOL = "school", "School"
    COLLEGE = "college", "College"
    UNIVERSITY = "university", "University or medical school"
    EMPLOYER = "employer", "Employer"
    CAREERS_HUB = "careers_hub", "Careers hub"
    OTHER = "other", "Other"


class OrganisationQuerySet(models.QuerySet):
    def for_user(self, user):
        scope = scope_for(user)
        if scope.is_admin:
            return self.all()
        own = scope.organisation_ids(Role.DELIVERY_PARTNER, Role.CAREERS_LEAD)
        return self.filter(Q(area_id__in=scope.lead_area_ids) | Q(pk__in=own))


class Organisation(models.Model):
    name = models.CharField(max_length=255)
    kind = models.CharField(max_length=32, choices=OrganisationKind.choices)
    area = models.ForeignKey(ICBArea, on_delete=models.PROTECT, related_name="organisations")
    address = models.TextField(blank=True)
    postcode = models.CharField(max_length=10, blank=True)
    website = models.URLField(blank=True)
    description = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = OrganisationQuerySet.as_manager()

    class Meta:
        ordering = ["name", "pk"]
        indexes = [models.Index(fields=["area", "kind"]), models.Index(fields=["name"])]

    def __str__(self):
        return self.name
