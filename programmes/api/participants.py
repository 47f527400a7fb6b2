"""Participant pathways under /api/v1/: cohorts (with their dashboard figures),
participants, stages, support and check-ins.

The API is pseudonymised only: no name or contact detail is ever read or written here
(names stay on the pages, where each view is logged). Cohorts and their figures start
from `Cohort.objects.for_user` (careers leads get 403); individual records are the
delivering organisation's delivery partners' only (`Cohort.objects.named_for`), as on the
pages. Writes go through the same services as the pages, so the same rules and messages
apply.
"""

from django.core.exceptions import ValidationError as DjangoValidationError
from rest_framework import mixins, permissions, serializers, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import PermissionDenied
from rest_framework.response import Response

from outreach.accounts.roles import Role
from outreach.accounts.scope import scope_for
from partners.models import Organisation

from ..models import (
    Cohort,
    Participant,
    ParticipantStage,
    Programme,
    RetentionCheckIn,
    SupportRecord,
)
from ..selectors.cohorts import cohort_dashboard
from ..services import participants as services
from .views import drf_error

VIEWERS = frozenset({Role.WORKFORCE_LEAD, Role.DELIVERY_PARTNER, Role.ADMINISTRATOR})


class CohortAccess(permissions.BasePermission):
    """Cohorts and their figures: workforce leads, delivery partners, administrators.
    Creating and changing a cohort: workforce leads and administrators of its programme."""

    def has_permission(self, request, view):
        if not request.user.is_authenticated:
            return False
        scope = scope_for(request.user)
        if request.method in permissions.SAFE_METHODS:
            return scope.has_any(VIEWERS)
        return scope.has_any({Role.WORKFORCE_LEAD, Role.ADMINISTRATOR})


class ParticipantAccess(permissions.BasePermission):
    """Individual records (pseudonymised): delivery partners only, and the querysets
    narrow them to the cohorts their organisation delivers. Everyone else reads the
    cohort's figures, where small numbers are suppressed."""

    def has_permission(self, request, view):
        return request.user.is_authenticated and scope_for(request.user).has_any(
            {Role.DELIVERY_PARTNER}
        )


def _named_cohort(user, cohort):
    if not Cohort.objects.named_for(user).filter(pk=cohort.pk).exists():
        raise PermissionDenied("Only the delivering organisation's staff may record this.")


# Serializers ------------------------------------------------------------------------------


class CohortSerializer(serializers.ModelSerializer):
    support_offered = serializers.ListField(child=serializers.CharField(), read_only=True)

    class Meta:
        model = Cohort
        fields = [
            "id",
            "programme",
            "name",
            "delivering_organisation",
            "employers",
            "starts_on",
            "ends_on",
            "capacity",
            "min_age",
            "max_age",
            "offers_course",
            "offers_interview",
            "offers_mentoring",
            "offers_wellbeing",
            "offers_grants",
            "support_offered",
            "cost",
            "outcome_value",
        ]
        read_only_fields = ["id", "support_offered"]
        extra_kwargs = {
            name: {"required": False}
            for name in (
                "employers",
                "ends_on",
                "min_age",
                "max_age",
                "cost",
                "outcome_value",
            )
        }
        validators = []

    def validate(self, attrs):  # the service validates (model rules and constraints)
        return attrs


PARTICIPANT_FIELDS = [
    "age_band",
    "gender",
    "ethnic_group",
    "disability",
    "carer",
    "care_leaver",
    "refugee",
    "previously_neet",
    "imd_quintile",
    "consent_on",
    "consent_version",
]


class ParticipantSerializer(serializers.ModelSerializer):
    current_stage = serializers.CharField(read_only=True, allow_null=True)

    class Meta:
        model = Participant
        fields = ["id", "reference", "cohort", *PARTICIPANT_FIELDS, "current_stage", "left_on"]
        read_only_fields = ["id", "reference", "current_stage", "left_on"]

    def validate(self, attrs):  # the service validates; skip DRF's model checks
        return attrs


class StageSerializer(serializers.ModelSerializer):
    participant = serializers.PrimaryKeyRelatedField(queryset=Participant.objects.none())
    referred_by = serializers.PrimaryKeyRelatedField(
        queryset=Organisation.objects.all(), required=False, allow_null=True
    )
    employer = serializers.PrimaryKeyRelatedField(
        queryset=Organisation.objects.all(), required=False, allow_null=True
    )
    occurred_on = serializers.DateField(required=True)

    class Meta:
        model = ParticipantStage
        fields = [
            "id",
            "participant",
            "stage",
            "occurred_on",
            "skipped",
            "skip_reason",
            "referred_by",
            "role",
            "employer",
            "band",
            "contract_type",
            "left_reason",
        ]
        read_only_fields = ["id", "skipped"]
        validators = []


class SupportSerializer(serializers.ModelSerializer):
    participant = serializers.PrimaryKeyRelatedField(queryset=Participant.objects.none())

    class Meta:
        model = SupportRecord
        fields = ["id", "participant", "kind", "occurred_on", "amount", "hours"]
        read_only_fields = ["id"]

    def validate(self, attrs):
        return attrs


class CheckInSerializer(serializers.ModelSerializer):
    reference = serializers.CharField(source="participant.reference", read_only=True)

    class Meta:
        model = RetentionCheckIn
        fields = ["id", "participant", "reference", "months", "due_on", "status", "answered_on"]
        read_only_fields = fields


class CheckInAnswerSerializer(serializers.Serializer):
    in_post = serializers.BooleanField()
    answered_on = serializers.DateField()
    left_on = serializers.DateField(required=False, allow_null=True)
    left_reason = serializers.CharField(required=False, allow_blank=True, default="")


# Viewsets -------------------------------------------------------------------------------


def visible_participants(user):
    """Participants of the cohorts the user's organisation delivers."""
    return Participant.objects.filter(cohort__in=Cohort.objects.named_for(user))


class CohortViewSet(
    mixins.CreateModelMixin, mixins.UpdateModelMixin, viewsets.ReadOnlyModelViewSet
):
    serializer_class = CohortSerializer
    permission_classes = [CohortAccess]
    filterset_fields = ["programme"]
    http_method_names = ["get", "post", "patch", "head", "options"]

    def get_serializer(self, *args, **kwargs):
        serializer = super().get_serializer(*args, **kwargs)
        if "programme" in getattr(serializer, "fields", {}):
            serializer.fields["programme"].queryset = Programme.objects.for_user(self.request.user)
        return serializer

    def _managed(self, programme):
        if not Programme.objects.manageable_by(self.request.user).filter(pk=programme.pk).exists():
            raise PermissionDenied("Only the programme's workforce leads may do this.")

    def _split(self, serializer):
        data = dict(serializer.validated_data)
        data.pop("programme", None)
        return data, data.pop("employers", None)

    def perform_create(self, serializer):
        programme = serializer.validated_data["programme"]
        self._managed(programme)
        data, employers = self._split(serializer)
        try:
            serializer.instance = services.cohort_create(
                programme=programme, data=data, employers=employers or []
            )
        except DjangoValidationError as exc:
            raise drf_error(exc) from exc

    def perform_update(self, serializer):
        cohort = serializer.instance
        self._managed(cohort.programme)
        data, employers = self._split(serializer)
        try:
            services.cohort_update(cohort=cohort, data=data, employers=employers)
        except DjangoValidationError as exc:
            raise drf_error(exc) from exc

    def get_queryset(self):
        return (
            Cohort.objects.for_user(self.request.user)
            .prefetch_related("employers")
            .order_by("-starts_on", "name", "pk")
        )

    @action(detail=True)
    def dashboard(self, request, pk=None):
        """Funnel, roles, demographics, retention and value, with counts from 1 to 7
        suppressed (null) outside the delivering organisation."""
        cohort = self.get_object()
        named = Cohort.objects.named_for(request.user).filter(pk=cohort.pk).exists()
        dash = cohort_dashboard(cohort=cohort, named=named)

        def cell(c):
            return c.value

        return Response(
            {
                "cohort": cohort.pk,
                "suppressed_below": None if named else 8,
                "participants": cell(dash.funnel[0]["count"]),
                "funnel": [{"stage": r["stage"], "count": cell(r["count"])} for r in dash.funnel],
                "roles": [{"role": r["label"], "count": cell(r["count"])} for r in dash.roles],
                "headline": [
                    {
                        "group": r["label"],
                        "count": cell(r["count"]),
                        "answered": r["of"] if named else None,
                        "percent": r["percent"],
                        "target": r["target"] or None,
                    }
                    for r in dash.headline
                ],
                "retention": [
                    {
                        "months": r["months"],
                        "in_post": cell(r["in_post"]),
                        "left": cell(r["left"]),
                        "percent": r["percent"],
                    }
                    for r in dash.retention
                ],
                "value": {
                    k: (str(v) if v is not None else None)
                    for k, v in dash.value.items()
                    if k != "participants"
                },
            }
        )


class ParticipantViewSet(
    mixins.CreateModelMixin,
    mixins.UpdateModelMixin,
    viewsets.ReadOnlyModelViewSet,
):
    serializer_class = ParticipantSerializer
    permission_classes = [ParticipantAccess]
    filterset_fields = ["cohort", "furthest_position"]
    http_method_names = ["get", "post", "patch", "head", "options"]

    def get_queryset(self):
        return visible_participants(self.request.user).order_by("pk")

    def get_serializer(self, *args, **kwargs):
        serializer = super().get_serializer(*args, **kwargs)
        if "cohort" in getattr(serializer, "fields", {}):
            serializer.fields["cohort"].queryset = Cohort.objects.for_user(self.request.user)
        return serializer

    def perform_create(self, serializer):
        data = dict(serializer.validated_data)
        cohort = data.pop("cohort")
        _named_cohort(self.request.user, cohort)
        try:
            serializer.instance = services.participant_create(cohort=cohort, data=data)
        except DjangoValidationError as exc:
            raise drf_error(exc) from exc

    def perform_update(self, serializer):
        participant = serializer.instance
        _named_cohort(self.request.user, participant.cohort)
        data = dict(serializer.validated_data)
        data.pop("cohort", None)
        try:
            services.participant_update(participant=participant, data=data)
        except DjangoValidationError as exc:
            raise drf_error(exc) from exc


class _ChildViewSet(mixins.CreateModelMixin, viewsets.ReadOnlyModelViewSet):
    permission_classes = [ParticipantAccess]
    filterset_fields = ["participant"]

    def get_serializer(self, *args, **kwargs):
        serializer = super().get_serializer(*args, **kwargs)
        if "participant" in getattr(serializer, "fields", {}):
            serializer.fields["participant"].queryset = visible_participants(self.request.user)
        return serializer


class StageViewSet(_ChildViewSet):
    serializer_class = StageSerializer

    def get_queryset(self):
        return ParticipantStage.objects.filter(
            participant__in=visible_participants(self.request.user)
        ).order_by("participant_id", "pk")

    def perform_create(self, serializer):
        data = dict(serializer.validated_data)
        participant = data.pop("participant")
        _named_cohort(self.request.user, participant.cohort)
        stage = data.pop("stage")
        details = {
            k: data[k] for k in services.STAGE_DETAILS if k in data and data[k] not in (None, "")
        }
        try:
            serializer.instance = services.stage_record(
                participant=participant,
                stage=stage,
                occurred_on=data.get("occurred_on"),
                skip_reason=data.get("skip_reason", ""),
                details=details,
                user=self.request.user,
            )
        except DjangoValidationError as exc:
            raise drf_error(exc) from exc


class SupportViewSet(_ChildViewSet):
    serializer_class = SupportSerializer

    def get_queryset(self):
        return SupportRecord.objects.filter(
            participant__in=visible_participants(self.request.user)
        ).order_by("-occurred_on", "pk")

    def perform_create(self, serializer):
        data = dict(serializer.validated_data)
        participant = data.pop("participant")
        _named_cohort(self.request.user, participant.cohort)
        try:
            serializer.instance = services.support_add(participant=participant, data=data)
        except DjangoValidationError as exc:
            raise drf_error(exc) from exc


class CheckInViewSet(viewsets.ReadOnlyModelViewSet):
    serializer_class = CheckInSerializer
    permission_classes = [ParticipantAccess]
    filterset_fields = ["participant", "status", "months"]

    def get_queryset(self):
        return (
            RetentionCheckIn.objects.filter(participant__in=visible_participants(self.request.user))
            .select_related("participant")
            .order_by("due_on", "pk")
        )

    @action(detail=True, methods=["post"], serializer_class=CheckInAnswerSerializer)
    def answer(self, request, pk=None):
        """Still in post? `in_post` true records the in-post stage; false records that they
        left (`left_reason` required)."""
        check_in = self.get_object()
        _named_cohort(request.user, check_in.participant.cohort)
        answer = CheckInAnswerSerializer(data=request.data)
        answer.is_valid(raise_exception=True)
        try:
            check_in = services.check_in_answer(
                check_in=check_in, user=request.user, **answer.validated_data
            )
        except DjangoValidationError as exc:
            raise drf_error(exc) from exc
        return Response(CheckInSerializer(check_in).data)


def register(router):
    router.register("cohorts", CohortViewSet, basename="cohort")
    router.register("participants", ParticipantViewSet, basename="participant")
    router.register("participant-stages", StageViewSet, basename="participant-stage")
    router.register("participant-support", SupportViewSet, basename="participant-support")
    router.register("check-ins", CheckInViewSet, basename="check-in")


__all__ = ["register"]
