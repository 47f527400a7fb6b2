"""Workshop booking: offers published by delivery partners, slots, bookings by careers
leads, and the waiting list. The invariant "confirmed + held places <= capacity" is kept by
the booking service (which locks the slot row) and checked by the database on the slot's
`places_taken` counter."""

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import F, Q

from outreach.accounts.roles import Role
from outreach.accounts.scope import any_of, scope_for, where_in
from partners.models import Organisation, YearGroup

from .events import EngagementEvent
from .programmes import Programme
from .reference import ActivityType, Goal


class OfferFormat(models.TextChoices):
    IN_SCHOOL = "in_school", "In school"
    AT_OUR_SITE = "at_our_site", "At our site"
    ONLINE = "online", "Online"


class CapacityUnit(models.TextChoices):
    STUDENTS = "students", "Students"
    SESSIONS = "sessions", "Sessions (one booking fills a session)"


class WorkshopOfferQuerySet(models.QuerySet):
    def for_user(self, user):
        """Administrators: all. Workforce leads: offers of programmes in their areas.
        Delivery partners: their own organisation's offers, and published offers in their
        areas. Careers leads: published offers in their school's area."""
        scope = scope_for(user)
        if scope.is_admin:
            return self.all()
        areas = scope.area_ids(Role.CAREERS_LEAD, Role.DELIVERY_PARTNER)
        return any_of(
            self,
            [
                *where_in("programme__area_id", scope.lead_area_ids),
                *where_in("partner_id", scope.organisation_ids(Role.DELIVERY_PARTNER)),
                Q(published=True, programme__area_id__in=areas) if areas else None,
            ],
        )

    def manageable_by(self, user):
        """Offers the user may change and publish slots for."""
        scope = scope_for(user)
        if scope.is_admin:
            return self.all()
        return any_of(
            self,
            [
                *where_in("programme__area_id", scope.lead_area_ids),
                *where_in("partner_id", scope.organisation_ids(Role.DELIVERY_PARTNER)),
            ],
        )


class WorkshopOffer(models.Model):
    programme = models.ForeignKey(Programme, on_delete=models.CASCADE, related_name="offers")
    partner = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        related_name="workshop_offers",
        verbose_name="delivery partner",
    )
    title = models.CharField(max_length=200)
    description = models.TextField(help_text="In plain language: what students will do.")
    goals = models.ManyToManyField(Goal, related_name="workshop_offers")
    activity_type = models.ForeignKey(ActivityType, on_delete=models.PROTECT, related_name="+")
    year_groups = models.ManyToManyField(
        YearGroup, related_name="workshop_offers", verbose_name="suitable year groups"
    )
    duration_minutes = models.PositiveSmallIntegerField(
        "duration (minutes)", validators=[MinValueValidator(1)]
    )
    format = models.CharField(max_length=12, choices=OfferFormat.choices)
    max_students = models.PositiveIntegerField(
        "maximum students per session", validators=[MinValueValidator(1)]
    )
    school_must_provide = models.TextField("what the school must provide", blank=True)
    bsl_available = models.BooleanField("BSL interpretation available", default=False)
    step_free = models.BooleanField("step-free access", default=False)
    quiet_room = models.BooleanField("quiet room available", default=False)
    accessibility_notes = models.TextField("other accessibility information", blank=True)
    open_to_schools = models.ManyToManyField(
        Organisation,
        blank=True,
        related_name="offers_open_to",
        help_text="Leave empty to open the offer to every school in the area.",
    )
    open_to_postcode_areas = models.CharField(
        "postcode areas",
        max_length=200,
        blank=True,
        help_text="Outward postcode areas, separated by spaces (for example “GL BS”). "
        "Leave empty for the whole ICB area.",
    )
    published = models.BooleanField(default=False)
    # Fair access: target schools and IMD deciles 1-3 may book from priority_opens_at;
    # everyone from opens_at. Without priority_opens_at there is no priority window.
    priority_opens_at = models.DateTimeField("priority booking opens", null=True, blank=True)
    opens_at = models.DateTimeField("booking opens to all schools", null=True, blank=True)
    offer_hold_hours = models.PositiveSmallIntegerField(
        "hours a waiting-list offer is held", default=48, validators=[MinValueValidator(1)]
    )
    # Optional questionnaires of the same programme: the confirmation carries the
    # "before" link; recording attendance sends the careers lead the "after" link.
    before_questionnaire = models.ForeignKey(
        "surveys.Questionnaire",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="questionnaire before the workshop",
    )
    after_questionnaire = models.ForeignKey(
        "surveys.Questionnaire",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="questionnaire after the workshop",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = WorkshopOfferQuerySet.as_manager()

    class Meta:
        ordering = ["title", "pk"]
        indexes = [models.Index(fields=["programme", "published"])]
        constraints = [
            models.CheckConstraint(
                condition=Q(priority_opens_at__isnull=True)
                | Q(opens_at__isnull=True)
                | Q(opens_at__gte=F("priority_opens_at")),
                name="programmes_offer_priority_window_first",
                violation_error_message="Priority booking must open before booking opens "
                "to all schools.",
            ),
        ]

    def __str__(self):
        return self.title

    @property
    def postcode_areas(self) -> list[str]:
        return [part.upper() for part in self.open_to_postcode_areas.split() if part]


class SlotQuerySet(models.QuerySet):
    def for_user(self, user):
        return self.filter(offer__in=WorkshopOffer.objects.for_user(user))


class WorkshopSlot(models.Model):
    offer = models.ForeignKey(WorkshopOffer, on_delete=models.CASCADE, related_name="slots")
    date = models.DateField()
    start_time = models.TimeField()
    end_time = models.TimeField()
    capacity = models.PositiveIntegerField(validators=[MinValueValidator(1)])
    capacity_unit = models.CharField(
        max_length=10, choices=CapacityUnit.choices, default=CapacityUnit.STUDENTS
    )
    # Confirmed plus held (offered to the waiting list) places, kept by the booking service
    # under a row lock; the check constraint is the database's guard.
    places_taken = models.PositiveIntegerField(default=0, editable=False)
    booking_deadline = models.DateTimeField()
    location = models.CharField(max_length=255, blank=True)
    facilitator = models.CharField(max_length=120, blank=True)
    cancelled = models.BooleanField(default=False)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = SlotQuerySet.as_manager()

    class Meta:
        ordering = ["date", "start_time", "pk"]
        indexes = [models.Index(fields=["offer", "date"]), models.Index(fields=["date"])]
        constraints = [
            models.CheckConstraint(
                condition=Q(end_time__gt=F("start_time")),
                name="programmes_slot_ends_after_start",
                violation_error_message="The end time must be after the start time.",
            ),
            models.CheckConstraint(
                condition=Q(places_taken__lte=F("capacity")),
                name="programmes_slot_within_capacity",
                violation_error_message="This slot has no places left.",
            ),
        ]

    def __str__(self):
        return f"{self.offer.title}, {self.date:%d %b %Y} {self.start_time:%H:%M}"

    @property
    def places_left(self) -> int:
        return max(self.capacity - self.places_taken, 0)

    def places_for(self, students: int) -> int:
        """Places a group of `students` uses: one session, or one place a student."""
        return 1 if self.capacity_unit == CapacityUnit.SESSIONS else students


class BookingStatus(models.TextChoices):
    CONFIRMED = "confirmed", "Confirmed"
    CANCELLED = "cancelled", "Cancelled"
    DELIVERED = "delivered", "Delivered"
    NO_SHOW = "no_show", "Did not attend"


ACTIVE_BOOKING = (BookingStatus.CONFIRMED, BookingStatus.DELIVERED, BookingStatus.NO_SHOW)


def _of_slots_offers_or_schools(queryset, user):
    """Bookings and waiting-list entries alike: administrators all; workforce leads those
    of programmes in their areas; delivery partners those of their organisation's offers;
    careers leads their own school's."""
    scope = scope_for(user)
    if scope.is_admin:
        return queryset.all()
    return any_of(
        queryset,
        [
            *where_in("slot__offer__programme__area_id", scope.lead_area_ids),
            *where_in("slot__offer__partner_id", scope.organisation_ids(Role.DELIVERY_PARTNER)),
            *where_in("school_id", scope.organisation_ids(Role.CAREERS_LEAD)),
        ],
    )


class BookingQuerySet(models.QuerySet):
    def for_user(self, user):
        """Administrators: all. Workforce leads: bookings of programmes in their areas.
        Delivery partners: bookings of their organisation's offers. Careers leads: their
        own school's bookings."""
        return _of_slots_offers_or_schools(self, user)


class Booking(models.Model):
    slot = models.ForeignKey(WorkshopSlot, on_delete=models.PROTECT, related_name="bookings")
    school = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="bookings")
    year_group = models.ForeignKey(YearGroup, on_delete=models.PROTECT, related_name="+")
    students = models.PositiveIntegerField(validators=[MinValueValidator(1)])
    places = models.PositiveIntegerField(editable=False)
    contact_name = models.CharField(max_length=120)
    contact_email = models.EmailField()
    access_needs = models.TextField(blank=True)
    status = models.CharField(
        max_length=10, choices=BookingStatus.choices, default=BookingStatus.CONFIRMED
    )
    booked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    cancelled_at = models.DateTimeField(null=True, blank=True)
    cancelled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    cancel_reason = models.TextField(blank=True)
    late_cancellation = models.BooleanField(default=False)
    attended = models.PositiveIntegerField(null=True, blank=True)
    event = models.ForeignKey(
        EngagementEvent, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    objects = BookingQuerySet.as_manager()

    class Meta:
        ordering = ["slot__date", "slot__start_time", "pk"]
        indexes = [models.Index(fields=["school", "status"]), models.Index(fields=["slot"])]
        constraints = [
            models.UniqueConstraint(
                fields=["slot", "school"],
                condition=Q(status__in=ACTIVE_BOOKING),
                name="programmes_booking_one_per_school_slot",
                violation_error_message="Your school has already booked this slot.",
            ),
        ]

    def __str__(self):
        return f"{self.school} – {self.slot}"


class WaitlistStatus(models.TextChoices):
    WAITING = "waiting", "Waiting"
    OFFERED = "offered", "Place offered"
    ACCEPTED = "accepted", "Accepted"
    EXPIRED = "expired", "Offer expired"
    LEFT = "left", "Left the waiting list"


class PriorityGroup(models.IntegerChoices):
    TARGET_OR_DEPRIVED = 1, "Target school or IMD decile 1–3"
    OTHER = 2, "Other schools"


class WaitlistQuerySet(models.QuerySet):
    def for_user(self, user):
        return _of_slots_offers_or_schools(self, user)

    def in_order(self):
        return self.order_by("priority", "joined_at", "pk")


class WaitlistEntry(models.Model):
    """A group — one year group and a number of students — waiting for places."""

    slot = models.ForeignKey(WorkshopSlot, on_delete=models.CASCADE, related_name="waitlist")
    school = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="+")
    year_group = models.ForeignKey(YearGroup, on_delete=models.PROTECT, related_name="+")
    students = models.PositiveIntegerField(validators=[MinValueValidator(1)])
    places = models.PositiveIntegerField(editable=False)
    contact_name = models.CharField(max_length=120)
    contact_email = models.EmailField()
    access_needs = models.TextField(blank=True)
    priority = models.PositiveSmallIntegerField(
        choices=PriorityGroup.choices, default=PriorityGroup.OTHER
    )
    priority_reason = models.CharField("why the priority was changed", max_length=255, blank=True)
    status = models.CharField(
        max_length=10, choices=WaitlistStatus.choices, default=WaitlistStatus.WAITING
    )
    joined_at = models.DateTimeField()
    offered_at = models.DateTimeField(null=True, blank=True)
    offer_expires_at = models.DateTimeField(null=True, blank=True)
    booking = models.OneToOneField(
        Booking, on_delete=models.SET_NULL, null=True, blank=True, related_name="waitlist_entry"
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )

    objects = WaitlistQuerySet.as_manager()

    class Meta:
        ordering = ["priority", "joined_at", "pk"]
        verbose_name_plural = "waiting list entries"
        indexes = [models.Index(fields=["slot", "status", "priority", "joined_at"])]
        constraints = [
            models.UniqueConstraint(
                fields=["slot", "school"],
                condition=Q(status__in=("waiting", "offered")),
                name="programmes_waitlist_one_per_school_slot",
                violation_error_message="Your school is already on the waiting list for this slot.",
            ),
        ]

    def __str__(self):
        return f"{self.school} waiting for {self.slot}"


class BookingEmail(models.Model):
    """Each email of the booking flow, recorded once: a task or beat run that repeats
    finds the row and sends nothing."""

    key = models.CharField(max_length=120, unique=True)
    kind = models.CharField(max_length=30)
    booking = models.ForeignKey(
        Booking, on_delete=models.CASCADE, null=True, blank=True, related_name="emails"
    )
    waitlist_entry = models.ForeignKey(
        WaitlistEntry, on_delete=models.CASCADE, null=True, blank=True, related_name="emails"
    )
    sent_to = models.EmailField()
    sent_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-sent_at", "-pk"]

    def __str__(self):
        return self.key


class RequestStatus(models.TextChoices):
    OPEN = "open", "Open"
    BOOKED = "booked", "Booked"
    WITHDRAWN = "withdrawn", "Withdrawn"


class SchoolRequestQuerySet(models.QuerySet):
    def for_user(self, user):
        """Administrators: all. Workforce leads and delivery partners: requests from
        schools in their areas. Careers leads: their own school's."""
        scope = scope_for(user)
        if scope.is_admin:
            return self.all()
        areas = scope.lead_area_ids | scope.area_ids(Role.DELIVERY_PARTNER)
        condition = Q(school__area_id__in=areas)
        schools = scope.organisation_ids(Role.CAREERS_LEAD)
        if schools:
            condition |= Q(school_id__in=schools)
        return self.filter(condition)


class SchoolRequest(models.Model):
    """What no catalogue covers: a careers lead asks for a topic or profession."""

    school = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="+")
    topic = models.CharField("topic or profession", max_length=200)
    year_group = models.ForeignKey(YearGroup, on_delete=models.PROTECT, related_name="+")
    students = models.PositiveIntegerField(validators=[MinValueValidator(1)])
    preferred_dates = models.CharField(max_length=255)
    format = models.CharField(max_length=12, choices=OfferFormat.choices)
    notes = models.TextField(blank=True)
    status = models.CharField(
        max_length=10, choices=RequestStatus.choices, default=RequestStatus.OPEN
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    booking = models.OneToOneField(
        Booking, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    objects = SchoolRequestQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["status", "created_at"])]

    def __str__(self):
        return f"{self.topic} for {self.school}"


class RequestProposal(models.Model):
    """A delivery partner's offer to take a request (optionally naming an ambassador)."""

    request = models.ForeignKey(SchoolRequest, on_delete=models.CASCADE, related_name="proposals")
    programme = models.ForeignKey(Programme, on_delete=models.CASCADE, related_name="+")
    partner = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="+")
    ambassador = models.ForeignKey(
        "partners.Ambassador", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    message = models.TextField()
    date = models.DateField()
    start_time = models.TimeField()
    end_time = models.TimeField()
    location = models.CharField(max_length=255, blank=True)
    accepted = models.BooleanField(default=False)
    offered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(end_time__gt=F("start_time")),
                name="programmes_proposal_ends_after_start",
                violation_error_message="The end time must be after the start time.",
            ),
        ]

    def __str__(self):
        return f"{self.partner} for {self.request}"
