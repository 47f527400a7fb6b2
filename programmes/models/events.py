"""Engagement events: what was actually delivered. Counts only — never names of young
people."""

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import connection, models
from django.db.models import Q

from outreach.accounts.roles import Role
from outreach.accounts.scope import any_of, scope_for, where_in
from partners.models import Ambassador, Organisation, YearGroup

from ..academic_year import Term
from .programmes import LOGGING_ROLES, PartnerRole, Programme, ProgrammePartner
from .reference import ActivityType, GatsbyBenchmark, Goal


class DeliveryMode(models.TextChoices):
    IN_PERSON = "in_person", "In person"
    ONLINE = "online", "Online"
    HYBRID = "hybrid", "Hybrid"


class Dimension(models.TextChoices):
    GENDER = "gender", "Gender"
    ETHNICITY = "ethnicity", "Ethnic group"
    SEND = "send", "Special educational needs and disabilities"
    FSM = "fsm", "Free school meals"


# (dimension, category, label): aggregate counts an event may record. Gender and ethnic
# group count those who said; SEND and free school meals count those who are.
DEMOGRAPHICS = [
    (Dimension.GENDER, "female", "Female"),
    (Dimension.GENDER, "male", "Male"),
    (Dimension.GENDER, "other", "Another gender"),
    (Dimension.ETHNICITY, "asian", "Asian or Asian British"),
    (Dimension.ETHNICITY, "black", "Black, Black British, Caribbean or African"),
    (Dimension.ETHNICITY, "mixed", "Mixed or multiple ethnic groups"),
    (Dimension.ETHNICITY, "white", "White"),
    (Dimension.ETHNICITY, "other", "Another ethnic group"),
    (Dimension.SEND, "send", "With special educational needs or a disability (SEND)"),
    (Dimension.FSM, "fsm", "Eligible for free school meals"),
]
ETHNIC_MINORITY_CATEGORIES = ("asian", "black", "mixed", "other")
DEMOGRAPHIC_LABELS = {(dimension, category): label for dimension, category, label in DEMOGRAPHICS}


def _led_programmes(org_ids):
    return ProgrammePartner.objects.filter(
        role=PartnerRole.LEAD, organisation_id__in=org_ids
    ).values("programme_id")


def _partner_event_ids(org_ids):
    """Events the organisations delivered, and every event of a programme they lead, as
    one list of ids. Written as two conditions joined by OR, PostgreSQL could not use
    either subquery to find the rows and tested every event in the country against both
    (0.4 s to count a partner's events in the national set; this takes 0.01 s)."""
    delivered = (
        EngagementEvent.delivering_organisations.through.objects.filter(organisation_id__in=org_ids)
        .values("engagementevent_id")
        .order_by()
    )
    # No ORDER BY inside a UNION's parts (the events' default order): SQLite refuses it.
    led = (
        EngagementEvent.objects.filter(programme_id__in=_led_programmes(org_ids))
        .values("pk")
        .order_by()
    )
    return delivered.union(led)


class _IsAnyOf(models.Func):
    """`pk = ANY(ARRAY(subquery))`: PostgreSQL works the ids out once, then finds those
    events through their primary key."""

    arg_joiner = " = ANY("
    template = "%(expressions)s)"
    output_field = models.BooleanField()


def _partner_events(org_ids) -> Q:
    """A partner's events as a condition. `pk IN (the union)` made PostgreSQL scan all
    271,000 national events and hash the partner's ids for every count and page (50–60
    ms); as an array of ids it reads only the partner's rows (10 ms)."""
    ids = _partner_event_ids(org_ids)
    if connection.vendor != "postgresql":
        return Q(pk__in=ids)
    from django.contrib.postgres.expressions import ArraySubquery

    return Q(_IsAnyOf(models.F("pk"), ArraySubquery(ids)))


class EngagementEventQuerySet(models.QuerySet):
    def for_user(self, user):
        """Administrators: all. Workforce leads: events of programmes in their areas.
        Delivery partners: events their organisation delivered, and every event of a
        programme their organisation leads. Careers leads: events held at their school."""
        scope = scope_for(user)
        if scope.is_admin:
            return self.all()
        conditions = where_in("programme__area_id", scope.lead_area_ids)
        partner_orgs = scope.organisation_ids(Role.DELIVERY_PARTNER)
        if partner_orgs:
            conditions.append(_partner_events(partner_orgs))
        schools = scope.organisation_ids(Role.CAREERS_LEAD)
        if schools:
            conditions.append(Q(school_id__in=schools))
        return any_of(self, conditions)

    def editable_by(self, user):
        """Events the user may change or delete."""
        scope = scope_for(user)
        if scope.is_admin:
            return self.all()
        conditions = where_in("programme__area_id", scope.lead_area_ids)
        partner_orgs = scope.organisation_ids(Role.DELIVERY_PARTNER)
        if partner_orgs:
            delivering = ProgrammePartner.objects.filter(
                organisation_id__in=partner_orgs, role__in=LOGGING_ROLES
            ).values("programme_id")
            conditions.append(Q(programme_id__in=delivering) & _partner_events(partner_orgs))
        return any_of(self, conditions)


class EngagementEvent(models.Model):
    programme = models.ForeignKey(Programme, on_delete=models.CASCADE, related_name="events")
    activity_type = models.ForeignKey(ActivityType, on_delete=models.PROTECT, related_name="+")
    title = models.CharField(max_length=200)
    date = models.DateField()
    start_time = models.TimeField(null=True, blank=True)
    end_time = models.TimeField(null=True, blank=True)
    # Derived from the date by the services, stored so plans and reports group by them.
    academic_year = models.PositiveSmallIntegerField(editable=False)
    term = models.CharField(max_length=10, choices=Term.choices, editable=False)

    school = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="events_hosted",
        help_text="The school or college the event was held at.",
    )
    setting_name = models.CharField("community setting", max_length=200, blank=True)
    setting_postcode = models.CharField("postcode of the setting", max_length=8, blank=True)
    delivery_mode = models.CharField(
        max_length=10, choices=DeliveryMode.choices, default=DeliveryMode.IN_PERSON
    )
    delivering_organisations = models.ManyToManyField(Organisation, related_name="events_delivered")
    goals = models.ManyToManyField(Goal, related_name="events")
    goal_reason = models.CharField(
        "why this event served a goal its activity type does not usually serve",
        max_length=255,
        blank=True,
    )
    gatsby_benchmarks = models.ManyToManyField(GatsbyBenchmark, blank=True, related_name="events")

    participants = models.PositiveIntegerField("number of participants")
    year_group_counts_complete = models.BooleanField(default=False, editable=False)
    is_repeat_visit = models.BooleanField(
        "follow-up with students already counted",
        default=False,
        help_text="The same students took part in an earlier event of this programme "
        "this school year.",
    )
    parents_reached = models.PositiveIntegerField("parents and carers reached", default=0)
    notes = models.TextField(blank=True)

    external_reference = models.CharField(max_length=100, blank=True)
    import_fingerprint = models.CharField(max_length=64, blank=True, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = EngagementEventQuerySet.as_manager()

    class Meta:
        ordering = ["-date", "-start_time", "-pk"]
        indexes = [
            models.Index(fields=["programme", "academic_year", "term"]),
            models.Index(fields=["programme", "date"]),
            # The lists' order: the page's ids come from this index alone, at any depth
            # (outreach/pagination.py); it also serves date ranges as the date index did.
            models.Index(
                fields=["-date", "-start_time", "-id"],
                include=["programme"],
                name="programmes_event_list_order",
            ),
            models.Index(fields=["school", "date"]),
            models.Index(fields=["academic_year", "term"]),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["programme", "external_reference"],
                condition=~Q(external_reference=""),
                name="programmes_event_external_reference_unique",
                violation_error_message="Another event of this programme has this reference.",
            ),
            models.CheckConstraint(
                condition=Q(end_time__isnull=True)
                | Q(start_time__isnull=True)
                | Q(end_time__gt=models.F("start_time")),
                name="programmes_event_ends_after_start",
                violation_error_message="The end time must be after the start time.",
            ),
        ]

    def __str__(self):
        return f"{self.title} ({self.date:%d %b %Y})"

    @property
    def year_label(self) -> str:
        from ..academic_year import label

        return label(self.academic_year)

    @property
    def place(self) -> str:
        if self.school_id:
            return self.school.name
        if self.setting_name:
            postcode = f", {self.setting_postcode}" if self.setting_postcode else ""
            return f"{self.setting_name}{postcode}"
        return "Online" if self.delivery_mode == DeliveryMode.ONLINE else ""


class EventYearGroup(models.Model):
    event = models.ForeignKey(EngagementEvent, on_delete=models.CASCADE, related_name="year_groups")
    year_group = models.ForeignKey(YearGroup, on_delete=models.PROTECT, related_name="+")
    participants = models.PositiveIntegerField(null=True, blank=True)

    class Meta:
        ordering = ["year_group__position"]
        constraints = [
            models.UniqueConstraint(
                fields=["event", "year_group"], name="programmes_event_year_group_unique"
            ),
        ]

    def __str__(self):
        return f"{self.year_group}: {self.participants if self.participants is not None else '?'}"


class EventDemographic(models.Model):
    event = models.ForeignKey(
        EngagementEvent, on_delete=models.CASCADE, related_name="demographics"
    )
    dimension = models.CharField(max_length=12, choices=Dimension.choices)
    category = models.CharField(max_length=12)
    count = models.PositiveIntegerField()

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["event", "dimension", "category"], name="programmes_demographic_unique"
            ),
        ]

    def __str__(self):
        return f"{self.label}: {self.count}"

    @property
    def label(self) -> str:
        return DEMOGRAPHIC_LABELS.get((self.dimension, self.category), self.category)


class EventAmbassador(models.Model):
    event = models.ForeignKey(
        EngagementEvent, on_delete=models.CASCADE, related_name="ambassador_hours"
    )
    ambassador = models.ForeignKey(Ambassador, on_delete=models.PROTECT, related_name="+")
    hours = models.DecimalField(max_digits=5, decimal_places=2, validators=[MinValueValidator(0)])

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["event", "ambassador"], name="programmes_event_ambassador_unique"
            ),
        ]

    def __str__(self):
        return f"{self.ambassador}: {self.hours} hours"


class FeedbackQuote(models.Model):
    event = models.ForeignKey(EngagementEvent, on_delete=models.CASCADE, related_name="quotes")
    text = models.TextField("quote")
    attribution = models.CharField(
        max_length=150,
        help_text='A role and a place, never a name: "Careers Lead, a school in Cheltenham".',
    )
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["position", "pk"]

    def __str__(self):
        return f"“{self.text[:40]}” – {self.attribution}"
