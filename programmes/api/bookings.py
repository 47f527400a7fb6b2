"""Workshop booking under /api/v1/: offers and slots (read), bookings (list, create,
cancel), the waiting list (list, accept, leave). Reads start from `for_user`; writes go
through services.bookings, so the API and the pages keep the same rules and messages. A
slot another request holds answers 409 "busy, try again"."""

from django.shortcuts import get_object_or_404
from drf_spectacular.utils import extend_schema_field
from rest_framework import exceptions, mixins, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response

from outreach.accounts.roles import Role
from outreach.accounts.scope import scope_for
from partners.models import Ambassador, Organisation, YearGroup

from ..models import (
    Booking,
    Programme,
    RequestProposal,
    SchoolRequest,
    WaitlistEntry,
    WorkshopOffer,
    WorkshopSlot,
)
from ..services import bookings as svc
from .views import RolesForWrites


class Busy(exceptions.APIException):
    status_code = status.HTTP_409_CONFLICT
    default_code = "busy"
    default_detail = svc.SlotBusy.message


class SlotSerializer(serializers.ModelSerializer):
    places_left = serializers.IntegerField(read_only=True)

    class Meta:
        model = WorkshopSlot
        fields = [
            "id",
            "offer",
            "date",
            "start_time",
            "end_time",
            "capacity",
            "capacity_unit",
            "places_taken",
            "places_left",
            "booking_deadline",
            "location",
            "cancelled",
        ]


class OfferSerializer(serializers.ModelSerializer):
    class Meta:
        model = WorkshopOffer
        fields = [
            "id",
            "programme",
            "partner",
            "title",
            "description",
            "goals",
            "activity_type",
            "year_groups",
            "duration_minutes",
            "format",
            "max_students",
            "school_must_provide",
            "bsl_available",
            "step_free",
            "quiet_room",
            "accessibility_notes",
            "published",
            "priority_opens_at",
            "opens_at",
        ]


class BookingSerializer(serializers.ModelSerializer):
    class Meta:
        model = Booking
        fields = [
            "id",
            "slot",
            "school",
            "year_group",
            "students",
            "contact_name",
            "contact_email",
            "access_needs",
            "status",
            "created_at",
            "cancelled_at",
            "cancel_reason",
            "late_cancellation",
            "attended",
            "event",
        ]
        read_only_fields = fields


class WaitlistSerializer(serializers.ModelSerializer):
    class Meta:
        model = WaitlistEntry
        fields = [
            "id",
            "slot",
            "school",
            "year_group",
            "students",
            "priority",
            "priority_reason",
            "status",
            "joined_at",
            "offer_expires_at",
            "booking",
        ]
        read_only_fields = fields


class BookingRequestSerializer(serializers.Serializer):
    slot = serializers.IntegerField()
    school = serializers.IntegerField(
        required=False, help_text="Needed only if you lead careers at more than one school."
    )
    year_group = serializers.PrimaryKeyRelatedField(queryset=YearGroup.objects.all())
    students = serializers.IntegerField()
    contact_name = serializers.CharField(max_length=120)
    contact_email = serializers.EmailField()
    access_needs = serializers.CharField(required=False, allow_blank=True, default="")
    waitlist_if_full = serializers.BooleanField(required=False, default=True)


class CancelSerializer(serializers.Serializer):
    reason = serializers.CharField(required=False, allow_blank=True, default="")


class OfferViewSet(viewsets.ReadOnlyModelViewSet):
    serializer_class = OfferSerializer

    def get_queryset(self):
        return (
            WorkshopOffer.objects.for_user(self.request.user)
            .prefetch_related("goals", "year_groups")
            .order_by("title", "pk")
        )


class SlotViewSet(viewsets.ReadOnlyModelViewSet):
    serializer_class = SlotSerializer

    def get_queryset(self):
        return WorkshopSlot.objects.for_user(self.request.user).order_by("date", "start_time", "pk")


def _run(call):
    try:
        return call()
    except svc.SlotBusy as exc:
        raise Busy() from exc


class BookingViewSet(
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    viewsets.GenericViewSet,
):
    serializer_class = BookingSerializer
    permission_classes = [RolesForWrites]
    write_roles = frozenset(
        {Role.CAREERS_LEAD, Role.DELIVERY_PARTNER, Role.WORKFORCE_LEAD, Role.ADMINISTRATOR}
    )

    def get_queryset(self):
        return Booking.objects.for_user(self.request.user).order_by("-created_at", "-pk")

    def get_serializer_class(self):
        if self.action == "create":
            return BookingRequestSerializer
        if self.action == "cancel":
            return CancelSerializer
        return BookingSerializer

    def create(self, request, *args, **kwargs):
        """Book a slot for your school: 201 with the booking when confirmed; 202 with the
        waiting-list entry when there are not enough places."""
        incoming = BookingRequestSerializer(data=request.data)
        incoming.is_valid(raise_exception=True)
        data = dict(incoming.validated_data)
        schools = scope_for(request.user).organisation_ids(Role.CAREERS_LEAD)
        if not schools:
            raise exceptions.PermissionDenied("Only careers leads book for their school.")
        school_id = data.pop("school", None) or min(schools)
        if school_id not in schools:
            raise exceptions.PermissionDenied("You may book only for your own school.")
        slot = get_object_or_404(WorkshopSlot.objects.for_user(request.user), pk=data.pop("slot"))
        waitlist_if_full = data.pop("waitlist_if_full")
        booking_request = svc.BookingRequest(school=Organisation.objects.get(pk=school_id), **data)
        outcome = _run(
            lambda: svc.booking_create(
                user=request.user,
                slot=slot,
                request=booking_request,
                waitlist_if_full=waitlist_if_full,
            )
        )
        if outcome.confirmed:
            return Response(BookingSerializer(outcome.booking).data, status=201)
        return Response(WaitlistSerializer(outcome.waitlist_entry).data, status=202)

    @action(detail=True, methods=["post"])
    def cancel(self, request, pk=None):
        booking = self.get_object()
        scope = scope_for(request.user)
        staff = scope.is_admin or svc.is_staff_for(request.user, booking.slot)
        if not staff and booking.school_id not in scope.organisation_ids(Role.CAREERS_LEAD):
            raise exceptions.PermissionDenied()
        incoming = CancelSerializer(data=request.data)
        incoming.is_valid(raise_exception=True)
        booking = _run(
            lambda: svc.booking_cancel(
                user=request.user, booking=booking, reason=incoming.validated_data["reason"]
            )
        )
        return Response(BookingSerializer(booking).data)


class WaitlistViewSet(viewsets.ReadOnlyModelViewSet):
    serializer_class = WaitlistSerializer

    def get_queryset(self):
        return WaitlistEntry.objects.for_user(self.request.user).order_by(
            "slot_id", "priority", "joined_at", "pk"
        )

    def _own(self):
        entry = self.get_object()
        if entry.school_id not in scope_for(self.request.user).organisation_ids(Role.CAREERS_LEAD):
            raise exceptions.PermissionDenied("Only the school's careers lead may do this.")
        return entry

    @action(detail=True, methods=["post"])
    def leave(self, request, pk=None):
        entry = self._own()
        entry = _run(lambda: svc.waitlist_leave(user=request.user, entry=entry))
        return Response(WaitlistSerializer(entry).data)

    @action(detail=True, methods=["post"])
    def accept(self, request, pk=None):
        entry = self._own()
        booking = _run(lambda: svc.waitlist_accept(user=request.user, entry=entry))
        return Response(BookingSerializer(booking).data, status=201)


class ProposalSerializer(serializers.ModelSerializer):
    class Meta:
        model = RequestProposal
        fields = [
            "id",
            "programme",
            "partner",
            "ambassador",
            "message",
            "date",
            "start_time",
            "end_time",
            "location",
            "accepted",
        ]


class SchoolRequestSerializer(serializers.ModelSerializer):
    proposals = serializers.SerializerMethodField()

    class Meta:
        model = SchoolRequest
        fields = [
            "id",
            "school",
            "topic",
            "year_group",
            "students",
            "preferred_dates",
            "format",
            "notes",
            "status",
            "created_at",
            "booking",
            "proposals",
        ]
        read_only_fields = ["id", "school", "status", "created_at", "booking", "proposals"]

    @extend_schema_field(ProposalSerializer(many=True))
    def get_proposals(self, obj):
        visible = self.context.get("visible_proposals")
        rows = [p for p in obj.proposals.all() if visible is None or visible(p)]
        return ProposalSerializer(rows, many=True).data


class ProposalInSerializer(serializers.Serializer):
    programme = serializers.IntegerField()
    partner = serializers.IntegerField()
    ambassador = serializers.IntegerField(required=False, allow_null=True)
    message = serializers.CharField()
    date = serializers.DateField()
    start_time = serializers.TimeField()
    end_time = serializers.TimeField()
    location = serializers.CharField(required=False, allow_blank=True, default="")


class AcceptInSerializer(serializers.Serializer):
    proposal = serializers.IntegerField()
    contact_name = serializers.CharField(max_length=120)
    contact_email = serializers.EmailField()


class SchoolRequestViewSet(
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    viewsets.GenericViewSet,
):
    """Requests from schools: careers leads post and accept; partners in the area offer."""

    serializer_class = SchoolRequestSerializer
    permission_classes = [RolesForWrites]
    write_roles = frozenset({Role.CAREERS_LEAD, Role.DELIVERY_PARTNER})

    def get_queryset(self):
        return (
            SchoolRequest.objects.for_user(self.request.user)
            .prefetch_related("proposals")
            .order_by("-created_at", "-pk")
        )

    def get_serializer_context(self):
        context = super().get_serializer_context()
        scope = scope_for(self.request.user)
        own_schools = scope.organisation_ids(Role.CAREERS_LEAD)
        partners = scope.organisation_ids(Role.DELIVERY_PARTNER)
        if not scope.is_admin and not scope.lead_area_ids:
            context["visible_proposals"] = lambda p: (
                p.request.school_id in own_schools or p.partner_id in partners
            )
        return context

    def perform_create(self, serializer):
        schools = scope_for(self.request.user).organisation_ids(Role.CAREERS_LEAD)
        if not schools:
            raise exceptions.PermissionDenied("Only careers leads post requests.")
        made = svc.school_request_create(
            user=self.request.user,
            school=Organisation.objects.get(pk=min(schools)),
            **serializer.validated_data,
        )
        serializer.instance = made

    @action(detail=True, methods=["post"])
    def propose(self, request, pk=None):
        school_request = self.get_object()
        incoming = ProposalInSerializer(data=request.data)
        incoming.is_valid(raise_exception=True)
        data = dict(incoming.validated_data)
        partners = scope_for(request.user).organisation_ids(Role.DELIVERY_PARTNER)
        if data["partner"] not in partners:
            raise exceptions.PermissionDenied("Offer on behalf of your own organisation.")
        ambassador_id = data.pop("ambassador", None)
        proposal = svc.request_proposal_create(
            user=request.user,
            school_request=school_request,
            programme=get_object_or_404(Programme, pk=data.pop("programme")),
            partner=Organisation.objects.get(pk=data.pop("partner")),
            ambassador=Ambassador.objects.filter(pk=ambassador_id).first()
            if ambassador_id
            else None,
            **data,
        )
        return Response(ProposalSerializer(proposal).data, status=201)

    @action(detail=True, methods=["post"])
    def accept(self, request, pk=None):
        school_request = self.get_object()
        if school_request.school_id not in scope_for(request.user).organisation_ids(
            Role.CAREERS_LEAD
        ):
            raise exceptions.PermissionDenied("Only the school's careers lead may accept.")
        incoming = AcceptInSerializer(data=request.data)
        incoming.is_valid(raise_exception=True)
        proposal = get_object_or_404(
            school_request.proposals.all(), pk=incoming.validated_data["proposal"]
        )
        booking = _run(
            lambda: svc.request_proposal_accept(
                user=request.user,
                proposal=proposal,
                contact_name=incoming.validated_data["contact_name"],
                contact_email=incoming.validated_data["contact_email"],
            )
        )
        return Response(BookingSerializer(booking).data, status=201)


def register(router):
    router.register("workshop-offers", OfferViewSet, basename="workshop-offer")
    router.register("workshop-slots", SlotViewSet, basename="workshop-slot")
    router.register("bookings", BookingViewSet, basename="booking")
    router.register("waiting-list", WaitlistViewSet, basename="waiting-list")
    router.register("school-requests", SchoolRequestViewSet, basename="school-request")
