from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q

from outreach.accounts.roles import Role
from outreach.accounts.scope import scope_for

from ..validators import validate_uk_postcode
from .areas import ICBArea
from .reference import CommunityGroup


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


EDUCATION_KINDS = (OrganisationKind.SCHOOL, OrganisationKind.COLLEGE)


class SchoolPhase(models.TextChoices):
    """Phases as Get Information About Schools names them."""

    NURSERY = "nursery", "Nursery"
    PRIMARY = "primary", "Primary"
    MIDDLE_PRIMARY = "middle_primary", "Middle deemed primary"
    SECONDARY = "secondary", "Secondary"
    MIDDLE_SECONDARY = "middle_secondary", "Middle deemed secondary"
    ALL_THROUGH = "all_through", "All-through"
    SIXTEEN_PLUS = "sixteen_plus", "16 plus"
    NOT_APPLICABLE = "not_applicable", "Not applicable"


class OrganisationQuerySet(models.QuerySet):
    def for_user(self, user):
        """The directory a user may browse: every organisation in the areas they work in.

        Who is who in an area is shared knowledge among its partners; the people at an
        organisation (contacts, ambassadors) are scoped more tightly, in people.py.
        """
        scope = scope_for(user)
        if scope.is_admin:
            return self.all()
        return self.filter(area_id__in=scope.area_ids())

    def editable_by(self, user):
        """Workforce leads manage their area; partners and careers leads their own."""
        scope = scope_for(user)
        if scope.is_admin:
            return self.all()
        own = scope.organisation_ids(Role.DELIVERY_PARTNER, Role.CAREERS_LEAD)
        return self.filter(Q(area_id__in=scope.lead_area_ids) | Q(pk__in=own))

    def schools(self):
        return self.filter(kind__in=EDUCATION_KINDS)


class Organisation(models.Model):
    name = models.CharField(max_length=255)
    kind = models.CharField(max_length=32, choices=OrganisationKind.choices)
    area = models.ForeignKey(ICBArea, on_delete=models.PROTECT, related_name="organisations")
    address = models.TextField(blank=True)
    postcode = models.CharField(max_length=8, blank=True, validators=[validate_uk_postcode])
    website = models.URLField(blank=True)
    email = models.EmailField("general email address", blank=True)
    phone = models.CharField("general phone number", max_length=30, blank=True)
    description = models.TextField(blank=True)
    groups_served = models.ManyToManyField(
        CommunityGroup,
        blank=True,
        related_name="organisations",
        verbose_name="under-represented groups it works with",
    )

    # Schools and colleges, as in Get Information About Schools.
    urn = models.PositiveIntegerField("URN", null=True, blank=True, unique=True)
    phase = models.CharField(max_length=20, choices=SchoolPhase.choices, blank=True)
    establishment_type = models.CharField(max_length=100, blank=True)
    local_authority = models.CharField(max_length=100, blank=True)
    number_of_pupils = models.PositiveIntegerField(null=True, blank=True)
    percentage_fsm = models.DecimalField(
        "% eligible for free school meals",
        max_digits=5,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(0), MaxValueValidator(100)],
    )
    imd_decile = models.PositiveSmallIntegerField(
        "IMD decile",
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(10)],
        help_text="1 is the most deprived tenth of areas in England.",
    )
    is_open = models.BooleanField(default=True)

    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = OrganisationQuerySet.as_manager()

    class Meta:
        ordering = ["name", "pk"]
        indexes = [
            models.Index(fields=["area", "kind", "name"]),
            models.Index(fields=["name"]),
            models.Index(fields=["imd_decile"]),
            models.Index(fields=["local_authority"]),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(imd_decile__isnull=True) | Q(imd_decile__gte=1, imd_decile__lte=10),
                name="partners_organisation_imd_decile_1_to_10",
            ),
            models.CheckConstraint(
                condition=Q(percentage_fsm__isnull=True)
                | Q(percentage_fsm__gte=0, percentage_fsm__lte=100),
                name="partners_organisation_fsm_percentage",
            ),
        ]

    def __str__(self):
        return self.name

    @property
    def is_school(self) -> bool:
        return self.kind in EDUCATION_KINDS
