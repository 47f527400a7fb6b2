"""Programmes: who runs them, for whom, where, and what they aim to reach."""

from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Exists, OuterRef, Q

from outreach.accounts.roles import Role
from outreach.accounts.scope import scope_for
from partners.models import CommunityGroup, ICBArea, Organisation

from .reference import Goal, TargetGroup


class PartnerRole(models.TextChoices):
    LEAD = "lead", "Lead"
    DELIVERY = "delivery", "Delivery"
    FUNDING = "funding", "Funding"
    HOST = "host", "Host"
    REFERRAL = "referral", "Referral"


# Partners in these roles log what they deliver.
LOGGING_ROLES = (PartnerRole.LEAD, PartnerRole.DELIVERY)


class ProgrammeQuerySet(models.QuerySet):
    def for_user(self, user):
        """Administrators: all. Workforce leads: their areas. Delivery partners: programmes
        their organisation is a partner of (any role). Careers leads: programmes with an
        event at their school."""
        scope = scope_for(user)
        if scope.is_admin:
            return self.all()
        condition = Q(area_id__in=scope.lead_area_ids)
        partner_orgs = scope.organisation_ids(Role.DELIVERY_PARTNER)
        if partner_orgs:
            condition |= Exists(
                ProgrammePartner.objects.filter(
                    programme=OuterRef("pk"), organisation_id__in=partner_orgs
                )
            )
        schools = scope.organisation_ids(Role.CAREERS_LEAD)
        if schools:
            from .events import EngagementEvent

            condition |= Exists(
                EngagementEvent.objects.filter(programme=OuterRef("pk"), school_id__in=schools)
            )
        return self.filter(condition)

    def manageable_by(self, user):
        """Programmes whose settings, plans, targets and barriers the user may change."""
        scope = scope_for(user)
        if scope.is_admin:
            return self.all()
        return self.filter(area_id__in=scope.lead_area_ids)

    def loggable_by(self, user):
        """Programmes the user may log events for: leads and administrators for those they
        manage, delivery partners where their organisation delivers or leads."""
        scope = scope_for(user)
        if scope.is_admin:
            return self.all()
        condition = Q(area_id__in=scope.lead_area_ids)
        partner_orgs = scope.organisation_ids(Role.DELIVERY_PARTNER)
        if partner_orgs:
            condition |= Exists(
                ProgrammePartner.objects.filter(
                    programme=OuterRef("pk"),
                    organisation_id__in=partner_orgs,
                    role__in=LOGGING_ROLES,
                )
            )
        return self.filter(condition)


class Programme(models.Model):
    name = models.CharField(max_length=200)
    area = models.ForeignKey(
        ICBArea, on_delete=models.PROTECT, related_name="programmes", verbose_name="ICB area"
    )
    lead_organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="led_programmes"
    )
    description = models.TextField(blank=True)
    starts_on = models.DateField("start date")
    ends_on = models.DateField("end date", null=True, blank=True)
    funding_sources = models.CharField(
        max_length=255, blank=True, help_text="For example: ICB workforce budget, HEE grant."
    )
    cost = models.DecimalField(
        "cost (£)",
        max_digits=12,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(0)],
    )
    goals = models.ManyToManyField(Goal, blank=True, related_name="programmes")
    target_groups = models.ManyToManyField(TargetGroup, blank=True, related_name="programmes")
    target_schools = models.ManyToManyField(
        Organisation, blank=True, related_name="targeted_by_programmes"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = ProgrammeQuerySet.as_manager()

    class Meta:
        ordering = ["name", "pk"]
        indexes = [models.Index(fields=["area", "name"])]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_on__isnull=True) | Q(ends_on__gte=models.F("starts_on")),
                name="programmes_programme_ends_after_start",
                violation_error_message="The end date must be on or after the start date.",
            ),
        ]

    def __str__(self):
        return self.name

    def covers(self, day) -> bool:
        return self.starts_on <= day and (self.ends_on is None or day <= self.ends_on)


class ProgrammePartner(models.Model):
    programme = models.ForeignKey(Programme, on_delete=models.CASCADE, related_name="partners")
    organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="programme_roles"
    )
    role = models.CharField(max_length=16, choices=PartnerRole.choices)

    class Meta:
        ordering = ["role", "organisation__name"]
        constraints = [
            models.UniqueConstraint(
                fields=["programme", "organisation", "role"],
                name="programmes_partner_unique",
                violation_error_message="This organisation already has that role.",
            ),
        ]
        indexes = [models.Index(fields=["organisation", "role"])]

    def __str__(self):
        return f"{self.organisation} ({self.get_role_display()})"


class Measure(models.TextChoices):
    STUDENTS_REACHED = "students_reached", "Students reached"
    SCHOOLS_REACHED = "schools_reached", "Schools reached"
    TARGET_SCHOOLS_REACHED = "target_schools_reached", "Target schools reached"
    TARGET_SCHOOLS_COVERAGE = "target_schools_coverage", "Target schools covered (%)"
    EVENTS_DELIVERED = "events_delivered", "Events delivered"
    PARENTS_REACHED = "parents_reached", "Parents and carers reached"
    AMBASSADOR_HOURS = "ambassador_hours", "Ambassador hours"
    ETHNIC_MINORITY_PCT = "ethnic_minority_pct", "Participants from ethnic minority groups (%)"
    MALE_PCT = "male_pct", "Participants who are male (%)"
    FSM_PCT = "fsm_pct", "Participants eligible for free school meals (%)"
    SEND_PCT = "send_pct", "Participants with SEND (%)"


PERCENT_MEASURES = {
    Measure.TARGET_SCHOOLS_COVERAGE,
    Measure.ETHNIC_MINORITY_PCT,
    Measure.MALE_PCT,
    Measure.FSM_PCT,
    Measure.SEND_PCT,
}


class ProgrammeTarget(models.Model):
    """A number to reach for one measure, for the whole programme or one academic year."""

    programme = models.ForeignKey(Programme, on_delete=models.CASCADE, related_name="targets")
    measure = models.CharField(max_length=32, choices=Measure.choices)
    value = models.DecimalField(max_digits=12, decimal_places=2, validators=[MinValueValidator(0)])
    academic_year = models.PositiveSmallIntegerField(
        null=True, blank=True, help_text="Leave empty for the whole programme."
    )
    notes = models.CharField(max_length=255, blank=True)

    class Meta:
        ordering = ["academic_year", "measure"]
        constraints = [
            models.UniqueConstraint(
                fields=["programme", "measure", "academic_year"],
                condition=Q(academic_year__isnull=False),
                name="programmes_target_unique_per_year",
                violation_error_message="There is already a target for this measure and year.",
            ),
            models.UniqueConstraint(
                fields=["programme", "measure"],
                condition=Q(academic_year__isnull=True),
                name="programmes_target_unique_whole_programme",
                violation_error_message="There is already a target for this measure for the "
                "whole programme.",
            ),
            models.CheckConstraint(
                condition=Q(value__gte=0), name="programmes_target_value_not_negative"
            ),
        ]

    def __str__(self):
        return f"{self.get_measure_display()}: {self.value}"

    @property
    def is_percentage(self) -> bool:
        return self.measure in PERCENT_MEASURES

    @property
    def year_label(self) -> str:
        from ..academic_year import label

        return label(self.academic_year) if self.academic_year else "Whole programme"


__all__ = [
    "CommunityGroup",
    "Measure",
    "PartnerRole",
    "Programme",
    "ProgrammePartner",
    "ProgrammeTarget",
]
