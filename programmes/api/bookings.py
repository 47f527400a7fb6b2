"""Workshop booking under /api/v1/: offers and slots (read), bookings (list, create,
cancel), the waiting list (list, accept, leave). Reads start from `for_user`; writes go
through services.bookings, so the API and the pages keep the same rules and messages. A
slot another request holds answers 409 "busy, try again"."""

from django.shortcuts import get_object_or_404
from rest_framework import exceptions, mixins, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response

from outreach.accounts.roles import Role
from outreach.accounts.scope import scope_for
from partners.models import Organisation, YearGroup

from ..models import Booking, WaitlistEntry, WorkshopOffer, WorkshopSlot
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


def register(router):
    router.register("workshop-offers", OfferViewSet, basename="workshop-offer")
    router.register("workshop-slots", SlotViewSet, basename="workshop-slot")
    router.register("bookings", BookingViewSet, basename="booking")
    router.register("waiting-list", WaitlistViewSet, basename="waiting-list")
