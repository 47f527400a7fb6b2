"""Participant pathways (seed 003): pre-employment cohorts followed from referral into a job
and still in post a year later.

Young people's data is personal data. A participant is known everywhere by a generated
reference; their name and contact details live in `ParticipantIdentity`, which only the
delivering organisation's delivery-partner staff may see (`Cohort.objects.named_for`), and
which erasure blanks without touching the statistics. Every view of a named record is
written to `NamedRecordAccess`, an append-only log.
"""

import secrets

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q

from outreach.accounts.roles import Role
from outreach.accounts.scope import any_of, scope_for, where_in
from partners.models import Organisation

from .programmes import Programme

PREFER_NOT = "prefer_not"
PREFER_NOT_LABEL = "Prefer not to say"


class AgeBand(models.TextChoices):
    A16_17 = "16-17", "16 to 17"
    A18_21 = "18-21", "18 to 21"
    A22_24 = "22-24", "22 to 24"
    A25_30 = "25-30", "25 to 30"
    A31_PLUS = "31+", "31 or over"
    PREFER_NOT = PREFER_NOT, PREFER_NOT_LABEL


# (youngest, oldest) of each band; None = no upper bound.
AGE_BAND_BOUNDS = {
    AgeBand.A16_17: (16, 17),
    AgeBand.A18_21: (18, 21),
    AgeBand.A22_24: (22, 24),
    AgeBand.A25_30: (25, 30),
    AgeBand.A31_PLUS: (31, None),
}


class Gender(models.TextChoices):
    WOMAN = "woman", "Woman"
    MAN = "man", "Man"
    NON_BINARY = "non_binary", "Non-binary"
    SELF_DESCRIBED = "other", "Another way"
    PREFER_NOT = PREFER_NOT, PREFER_NOT_LABEL


class EthnicGroup(models.TextChoices):
    """The 19 categories of the 2021 Census of England and Wales (ONS)."""

    ASIAN_BANGLADESHI = "asian_bangladeshi", "Asian: Bangladeshi"
    ASIAN_CHINESE = "asian_chinese", "Asian: Chinese"
    ASIAN_INDIAN = "asian_indian", "Asian: Indian"
    ASIAN_PAKISTANI = "asian_pakistani", "Asian: Pakistani"
    ASIAN_OTHER = "asian_other", "Asian: any other Asian background"
    BLACK_AFRICAN = "black_african", "Black: African"
    BLACK_CARIBBEAN = "black_caribbean", "Black: Caribbean"
    BLACK_OTHER = "black_other", "Black: any other Black background"
    MIXED_WHITE_ASIAN = "mixed_white_asian", "Mixed: White and Asian"
    MIXED_WHITE_BLACK_AFRICAN = "mixed_white_black_african", "Mixed: White and Black African"
    MIXED_WHITE_BLACK_CARIBBEAN = (
        "mixed_white_black_caribbean",
        "Mixed: White and Black Caribbean",
    )
    MIXED_OTHER = "mixed_other", "Mixed: any other mixed background"
    WHITE_BRITISH = "white_british", "White: English, Welsh, Scottish, Northern Irish or British"
    WHITE_IRISH = "white_irish", "White: Irish"
    WHITE_GYPSY = "white_gypsy_traveller", "White: Gypsy or Irish Traveller"
    WHITE_ROMA = "white_roma", "White: Roma"
    WHITE_OTHER = "white_other", "White: any other White background"
    OTHER_ARAB = "other_arab", "Other ethnic group: Arab"
    OTHER_ANY = "other_any", "Other ethnic group: any other"
    PREFER_NOT = PREFER_NOT, PREFER_NOT_LABEL


# Ethnic minority: every group except White British (as in the seed's 44% figure).
ETHNIC_MINORITY_GROUPS = tuple(
    g for g in EthnicGroup.values if g not in (EthnicGroup.WHITE_BRITISH, PREFER_NOT)
)


class YesNo(models.TextChoices):
    YES = "yes", "Yes"
    NO = "no", "No"
    PREFER_NOT = PREFER_NOT, PREFER_NOT_LABEL


class ImdQuintile(models.TextChoices):
    Q1 = "1", "1 (most deprived)"
    Q2 = "2", "2"
    Q3 = "3", "3"
    Q4 = "4", "4"
    Q5 = "5", "5 (least deprived)"
    PREFER_NOT = PREFER_NOT, PREFER_NOT_LABEL


class Stage(models.TextChoices):
    REFERRED = "referred", "Referred"
    ENROLLED = "enrolled", "Enrolled"
    TRAINED = "trained", "Completed training"
    INTERVIEWED = "interviewed", "Interviewed"
    OFFERED = "offered", "Offered a job"
    STARTED = "started", "Started"
    IN_POST_3 = "in_post_3", "In post at 3 months"
    IN_POST_6 = "in_post_6", "In post at 6 months"
    IN_POST_12 = "in_post_12", "In post at 12 months"
    LEFT = "left", "Left"


# The pathway in order; LEFT may follow any stage and ends the pathway.
PATHWAY = [s for s in Stage if s != Stage.LEFT]
POSITION = {stage.value: i + 1 for i, stage in enumerate(PATHWAY)}


class JobRole(models.TextChoices):
    HCA = "hca", "Healthcare assistant"
    CARE_WORKER = "care_worker", "Care worker"
    ADMIN = "admin", "Administration and clerical"
    PORTER = "porter", "Porter"
    DOMESTIC = "domestic", "Domestic and housekeeping"
    CATERING = "catering", "Catering"
    AMBULANCE = "ambulance", "Ambulance support"
    PHARMACY = "pharmacy", "Pharmacy assistant"
    OTHER = "other", "Other role"


CARE_ROLES = (JobRole.HCA, JobRole.CARE_WORKER)


class ContractType(models.TextChoices):
    PERMANENT = "permanent", "Permanent"
    FIXED_TERM = "fixed_term", "Fixed term"
    BANK = "bank", "Bank"
    APPRENTICESHIP = "apprenticeship", "Apprenticeship"


class LeftReason(models.TextChoices):
    DROPPED_OUT = "dropped_out", "Left the programme before a job"
    RESIGNED = "resigned", "Resigned"
    DISMISSED = "dismissed", "Dismissed"
    CONTRACT_ENDED = "contract_ended", "Contract ended"
    OTHER_JOB = "other_job", "Moved to another job"
    EDUCATION = "education", "Went into education or training"
    OTHER = "other", "Other reason"


class SupportKind(models.TextChoices):
    MENTORING = "mentoring", "Mentoring session"
    GRANT = "grant", "Needs-based grant"
    WELLBEING = "wellbeing", "Wellbeing support"


class CohortQuerySet(models.QuerySet):
    def for_user(self, user):
        """Administrators: all. Workforce leads: cohorts of programmes in their areas.
        Delivery partners: cohorts their organisation delivers or employs from. Careers
        leads: none (participants are not school records)."""
        scope = scope_for(user)
        if scope.is_admin:
            return self.all()
        orgs = scope.organisation_ids(Role.DELIVERY_PARTNER)
        conditions = where_in("programme__area_id", scope.lead_area_ids)
        if orgs:
            employing = Cohort.employers.through.objects.filter(organisation_id__in=orgs)
            conditions += [
                Q(delivering_organisation_id__in=orgs),
                Q(pk__in=employing.values("cohort_id")),
            ]
        return any_of(self, conditions)

    def named_for(self, user):
        """Cohorts whose participants' names this user may see and change: delivery-partner
        staff of the delivering organisation only. Administrators and workforce leads see
        pseudonymised records (see docs/decisions.md)."""
        orgs = scope_for(user).organisation_ids(Role.DELIVERY_PARTNER)
        if not orgs:
            return self.none()
        return self.filter(delivering_organisation_id__in=orgs)

    # Recording stages and support is the delivering organisation's work.
    managed_by = named_for


class Cohort(models.Model):
    programme = models.ForeignKey(Programme, on_delete=models.PROTECT, related_name="cohorts")
    name = models.CharField(max_length=200)
    delivering_organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="delivered_cohorts"
    )
    employers = models.ManyToManyField(
        Organisation, blank=True, related_name="employer_cohorts", verbose_name="employer partners"
    )
    starts_on = models.DateField("start date")
    ends_on = models.DateField("end date", null=True, blank=True)
    capacity = models.PositiveIntegerField(validators=[MinValueValidator(1)])
    min_age = models.PositiveSmallIntegerField(
        "youngest age", default=16, validators=[MinValueValidator(14), MaxValueValidator(99)]
    )
    max_age = models.PositiveSmallIntegerField(
        "oldest age", default=30, validators=[MinValueValidator(14), MaxValueValidator(99)]
    )
    offers_course = models.BooleanField("pre-employment course", default=True)
    offers_interview = models.BooleanField("guaranteed interview", default=False)
    offers_mentoring = models.BooleanField("mentoring", default=False)
    offers_wellbeing = models.BooleanField("wellbeing support", default=False)
    offers_grants = models.BooleanField("needs-based grants", default=False)
    cost = models.DecimalField(
        "cost of the cohort (£)",
        max_digits=12,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(0)],
    )
    outcome_value = models.DecimalField(
        "value of outcomes (£)",
        max_digits=12,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(0)],
        help_text="The social and economic value of the outcomes, from an evaluation.",
    )
    created_at = models.DateTimeField(auto_now_add=True)

    objects = CohortQuerySet.as_manager()

    class Meta:
        ordering = ["-starts_on", "name", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_on__isnull=True) | Q(ends_on__gte=models.F("starts_on")),
                name="programmes_cohort_ends_after_start",
                violation_error_message="The end date must be on or after the start date.",
            ),
            models.CheckConstraint(
                condition=Q(max_age__gte=models.F("min_age")),
                name="programmes_cohort_age_range",
                violation_error_message="The oldest age must be at least the youngest age.",
            ),
        ]

    def __str__(self):
        return self.name

    @property
    def support_offered(self) -> list[str]:
        return [
            str(self._meta.get_field(name).verbose_name).capitalize()
            for name in (
                "offers_course",
                "offers_interview",
                "offers_mentoring",
                "offers_wellbeing",
                "offers_grants",
            )
            if getattr(self, name)
        ]


def new_reference() -> str:
    alphabet = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"
    return "P-" + "".join(secrets.choice(alphabet) for _ in range(8))


class Participant(models.Model):
    """A young person on a cohort, known by `reference`. No name or contact here."""

    cohort = models.ForeignKey(Cohort, on_delete=models.PROTECT, related_name="participants")
    reference = models.CharField(max_length=12, unique=True, default=new_reference, editable=False)
    partner_reference = models.CharField(
        "your reference",
        max_length=50,
        blank=True,
        help_text="Your organisation's own reference, if you use one. Never a name.",
    )
    age_band = models.CharField(max_length=12, choices=AgeBand.choices, blank=True)
    gender = models.CharField(max_length=12, choices=Gender.choices, blank=True)
    ethnic_group = models.CharField(max_length=32, choices=EthnicGroup.choices, blank=True)
    disability = models.CharField(max_length=12, choices=YesNo.choices, blank=True)
    carer = models.CharField("young carer", max_length=12, choices=YesNo.choices, blank=True)
    care_leaver = models.CharField(max_length=12, choices=YesNo.choices, blank=True)
    refugee = models.CharField(
        "refugee or asylum seeker", max_length=12, choices=YesNo.choices, blank=True
    )
    previously_neet = models.CharField(
        "previously not in education, employment or training",
        max_length=12,
        choices=YesNo.choices,
        blank=True,
    )
    imd_quintile = models.CharField(
        "IMD quintile", max_length=12, choices=ImdQuintile.choices, blank=True
    )
    imd_derived = models.BooleanField(
        default=False, help_text="Set when the quintile came from the postcode lookup."
    )
    consent_on = models.DateField("consent given on")
    consent_version = models.CharField("consent wording version", max_length=20)
    # Denormalised from the stages by the services, so the funnel is one grouped query.
    furthest_position = models.PositiveSmallIntegerField(default=0, editable=False)
    left_on = models.DateField(null=True, blank=True, editable=False)
    erased_at = models.DateTimeField(null=True, blank=True, editable=False)
    import_fingerprint = models.CharField(max_length=64, blank=True, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["reference"]
        indexes = [models.Index(fields=["cohort", "furthest_position"])]
        constraints = [
            models.UniqueConstraint(
                fields=["cohort", "partner_reference"],
                condition=~Q(partner_reference=""),
                name="programmes_participant_partner_reference_unique",
                violation_error_message="Another participant in this cohort has that reference.",
            ),
        ]

    def __str__(self):
        return self.reference

    @property
    def current_stage(self):
        if self.left_on:
            return Stage.LEFT
        return PATHWAY[self.furthest_position - 1] if self.furthest_position else None


class ParticipantIdentity(models.Model):
    """Name and contact details, apart from everything else; blanked on erasure."""

    participant = models.OneToOneField(
        Participant, on_delete=models.CASCADE, related_name="identity", primary_key=True
    )
    given_name = models.CharField(max_length=100, blank=True)
    family_name = models.CharField(max_length=100, blank=True)
    email = models.EmailField(blank=True)
    phone = models.CharField(max_length=30, blank=True)
    postcode = models.CharField(max_length=10, blank=True)

    PERSONAL_FIELDS = ("given_name", "family_name", "email", "phone", "postcode")

    class Meta:
        verbose_name_plural = "participant identities"

    def __str__(self):
        return self.full_name or "(erased)"

    @property
    def full_name(self) -> str:
        return f"{self.given_name} {self.family_name}".strip()


class ParticipantStage(models.Model):
    participant = models.ForeignKey(Participant, on_delete=models.CASCADE, related_name="stages")
    stage = models.CharField(max_length=16, choices=Stage.choices)
    occurred_on = models.DateField(null=True, blank=True)
    skipped = models.BooleanField(default=False)
    skip_reason = models.CharField(max_length=255, blank=True)
    referred_by = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    role = models.CharField(max_length=16, choices=JobRole.choices, blank=True)
    employer = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    band = models.CharField("Agenda for Change band", max_length=8, blank=True)
    contract_type = models.CharField(max_length=16, choices=ContractType.choices, blank=True)
    left_reason = models.CharField(max_length=16, choices=LeftReason.choices, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    recorded_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["participant", "occurred_on", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["participant", "stage"], name="programmes_participant_stage_unique"
            ),
            models.CheckConstraint(
                condition=Q(skipped=True, occurred_on__isnull=True)
                | Q(skipped=False, occurred_on__isnull=False),
                name="programmes_stage_dated_or_skipped",
            ),
        ]
        indexes = [models.Index(fields=["stage", "role"])]

    def __str__(self):
        return f"{self.participant}: {self.get_stage_display()}"


class SupportRecord(models.Model):
    participant = models.ForeignKey(Participant, on_delete=models.CASCADE, related_name="support")
    kind = models.CharField(max_length=16, choices=SupportKind.choices)
    occurred_on = models.DateField("date")
    amount = models.DecimalField(
        "grant amount (£)",
        max_digits=8,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(0)],
    )
    hours = models.DecimalField(
        max_digits=5, decimal_places=2, null=True, blank=True, validators=[MinValueValidator(0)]
    )
    notes = models.CharField(max_length=255, blank=True, help_text="No names or health details.")

    class Meta:
        ordering = ["-occurred_on", "pk"]

    def __str__(self):
        return f"{self.get_kind_display()} on {self.occurred_on}"


class CheckInStatus(models.TextChoices):
    DUE = "due", "Due"
    IN_POST = "in_post", "Still in post"
    LEFT = "left", "Left"


class RetentionCheckIn(models.Model):
    """ "Still in post?" at 3, 6 and 12 months after a start; created when the start is
    recorded."""

    participant = models.ForeignKey(Participant, on_delete=models.CASCADE, related_name="check_ins")
    months = models.PositiveSmallIntegerField(
        choices=[(3, "3 months"), (6, "6 months"), (12, "12 months")]
    )
    due_on = models.DateField()
    status = models.CharField(max_length=8, choices=CheckInStatus.choices, default="due")
    answered_on = models.DateField(null=True, blank=True)

    class Meta:
        ordering = ["due_on", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["participant", "months"], name="programmes_check_in_unique"
            ),
        ]
        indexes = [models.Index(fields=["status", "due_on"])]

    def __str__(self):
        return f"{self.participant} at {self.months} months"

    @property
    def stage(self) -> str:
        return {3: Stage.IN_POST_3, 6: Stage.IN_POST_6, 12: Stage.IN_POST_12}[self.months]


class CheckInReminder(models.Model):
    """A reminder sent: the unique check-in makes sending happen once, whatever the beat
    does."""

    check_in = models.OneToOneField(
        RetentionCheckIn, on_delete=models.CASCADE, related_name="reminder"
    )
    sent_at = models.DateTimeField(auto_now_add=True)
    recipients = models.PositiveIntegerField(default=0)

    def __str__(self):
        return f"Reminder for {self.check_in}"


class AccessAction(models.TextChoices):
    VIEWED = "viewed", "Viewed"
    CHANGED = "changed", "Changed"
    ERASED = "erased", "Erased"


class NamedRecordAccess(models.Model):
    """Append-only: who saw or changed a participant's name and contact details, and when.
    `name_seen` is the name shown at the time; erasure blanks it."""

    participant = models.ForeignKey(
        Participant, on_delete=models.CASCADE, related_name="access_log"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    user_email = models.CharField(max_length=254)
    at = models.DateTimeField(auto_now_add=True)
    action = models.CharField(max_length=8, choices=AccessAction.choices)
    name_seen = models.CharField(max_length=201, blank=True)

    class Meta:
        ordering = ["-at", "-pk"]
        verbose_name = "named record access"

    def __str__(self):
        return f"{self.user_email} {self.action} {self.participant} at {self.at:%Y-%m-%d %H:%M}"

    def save(self, *args, **kwargs):
        if self.pk is not None:
            raise ValueError("The access log is append-only.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise ValueError("The access log is append-only.")


class ImdPostcode(models.Model):
    """Postcode → IMD quintile, from a lookup file the administrator uploads."""

    postcode = models.CharField(max_length=10, primary_key=True)
    quintile = models.PositiveSmallIntegerField(
        validators=[MinValueValidator(1), MaxValueValidator(5)]
    )

    class Meta:
        verbose_name = "IMD postcode lookup"

    def __str__(self):
        return f"{self.postcode}: {self.quintile}"


class ParticipantImport(models.Model):
    """A spreadsheet of participants being imported: checked rows wait here between the
    preview and the confirmation. Only the uploader sees it; rows (which may hold names)
    are cleared once imported."""

    cohort = models.ForeignKey(Cohort, on_delete=models.CASCADE, related_name="imports")
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    file_name = models.CharField(max_length=255)
    confirmed = models.BooleanField(default=False)
    rows = models.JSONField(default=list)
    errors = models.JSONField(default=list, help_text="[row number, column, message] triples.")
    row_count = models.PositiveIntegerField(default=0)
    created = models.PositiveIntegerField(default=0)
    updated = models.PositiveIntegerField(default=0)
    unchanged = models.PositiveIntegerField(default=0)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self):
        return self.file_name
