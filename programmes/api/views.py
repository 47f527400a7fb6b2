"""Programmes resources under /api/v1/: each starts from the user's scoped queryset and
writes through the same services as the pages. An object outside the user's scope is a
404 (or, as a reference in a body, a 400); one they see but may not change, a 403."""

import django_filters
from django.core.exceptions import ValidationError as DjangoValidationError
from django.db.models import Prefetch
from rest_framework import mixins, permissions, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import PermissionDenied
from rest_framework.exceptions import ValidationError as DRFValidationError
from rest_framework.response import Response

from outreach.accounts.roles import Role
from outreach.accounts.scope import scope_for
from partners.models import Organisation

from .. import services
from ..filters import EventFilter
from ..models import (
    ActivityType,
    AnnualPlan,
    Barrier,
    BarrierAction,
    EngagementEvent,
    EventAmbassador,
    EventYearGroup,
    GatsbyBenchmark,
    Goal,
    PlannedActivity,
    Programme,
    ProgrammePartner,
    ProgrammeTarget,
    TargetGroup,
)
from ..selectors.plans import plan_grid
from . import serializers as s

MANAGERS = frozenset({Role.WORKFORCE_LEAD, Role.ADMINISTRATOR})
LOGGERS = frozenset({Role.WORKFORCE_LEAD, Role.DELIVERY_PARTNER, Role.ADMINISTRATOR})


def drf_error(exc: DjangoValidationError) -> DRFValidationError:
    if hasattr(exc, "error_dict"):
        return DRFValidationError(exc.message_dict)
    return DRFValidationError({"non_field_errors": exc.messages})


class RolesForWrites(permissions.BasePermission):
    """Reads for every signed-in user (scoping does the rest); writes for the view's
    write_roles."""

    def has_permission(self, request, view):
        if not request.user.is_authenticated:
            return False
        if request.method in permissions.SAFE_METHODS:
            return True
        return scope_for(request.user).has_any(view.write_roles)


class ScopedViewSet(viewsets.ModelViewSet):
    permission_classes = [RolesForWrites]
    write_roles = MANAGERS
    http_method_names = ["get", "post", "put", "patch", "delete", "head", "options"]
    # name of the field that points at the parent, and its visible queryset
    parent_field = "programme"

    def parent_queryset(self):
        return Programme.objects.for_user(self.request.user)

    def get_serializer(self, *args, **kwargs):
        serializer = super().get_serializer(*args, **kwargs)
        fields = getattr(serializer, "fields", {})
        if self.parent_field in fields:
            fields[self.parent_field].queryset = self.parent_queryset()
        return serializer

    def programme_of(self, obj) -> Programme:
        return obj

    def check_manageable(self, obj) -> None:
        programme = self.programme_of(obj)
        if not Programme.objects.manageable_by(self.request.user).filter(pk=programme.pk).exists():
            raise PermissionDenied("You cannot change this programme's records.")

    def perform_create(self, serializer):
        data = dict(serializer.validated_data)
        parent = data.pop(self.parent_field)
        self.check_manageable(parent)
        try:
            serializer.instance = self.create_service(parent, data)
        except DjangoValidationError as exc:
            raise drf_error(exc) from exc

    def perform_update(self, serializer):
        instance = serializer.instance
        self.check_manageable(instance)
        data = dict(serializer.validated_data)
        parent = data.pop(self.parent_field, None)
        if parent is not None and parent != getattr(instance, self.parent_field):
            raise DRFValidationError({self.parent_field: ["This cannot be changed."]})
        try:
            serializer.instance = self.update_service(instance, data)
        except DjangoValidationError as exc:
            raise drf_error(exc) from exc

    def perform_destroy(self, instance):
        self.check_manageable(instance)
        self.delete_service(instance)


class ReferenceViewSet(viewsets.ReadOnlyModelViewSet):
    pagination_class = None


class GoalViewSet(ReferenceViewSet):
    queryset = Goal.objects.all()
    serializer_class = s.GoalSerializer


class TargetGroupViewSet(ReferenceViewSet):
    queryset = TargetGroup.objects.all()
    serializer_class = s.TargetGroupSerializer


class ActivityTypeViewSet(ReferenceViewSet):
    queryset = ActivityType.objects.prefetch_related("goals")
    serializer_class = s.ActivityTypeSerializer


class GatsbyBenchmarkViewSet(ReferenceViewSet):
    queryset = GatsbyBenchmark.objects.all()
    serializer_class = s.GatsbyBenchmarkSerializer


class ProgrammeFilter(django_filters.FilterSet):
    name = django_filters.CharFilter(lookup_expr="icontains")

    class Meta:
        model = Programme
        fields = ["area", "name"]


class ProgrammeViewSet(
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    mixins.UpdateModelMixin,
    viewsets.GenericViewSet,
):
    """Programmes; created and changed by workforce leads and administrators (not deleted
    through the API: that would remove every event logged for them)."""

    serializer_class = s.ProgrammeSerializer
    permission_classes = [RolesForWrites]
    write_roles = MANAGERS
    filterset_class = ProgrammeFilter

    def get_queryset(self):
        return (
            Programme.objects.for_user(self.request.user)
            .prefetch_related(
                "goals",
                "target_groups",
                "target_schools",
                Prefetch("partners", ProgrammePartner.objects.select_related("organisation")),
            )
            .order_by("name", "pk")
        )

    @staticmethod
    def _split(data):
        relations = {
            k: data.pop(k) for k in ("goals", "target_groups", "target_schools") if k in data
        }
        return data, relations

    def perform_create(self, serializer):
        data, relations = self._split(dict(serializer.validated_data))
        try:
            serializer.instance = services.programme_create(data=data, **relations)
        except DjangoValidationError as exc:
            raise drf_error(exc) from exc

    def perform_update(self, serializer):
        programme = serializer.instance
        if not Programme.objects.manageable_by(self.request.user).filter(pk=programme.pk).exists():
            raise PermissionDenied("You cannot change this programme.")
        data, relations = self._split(dict(serializer.validated_data))
        try:
            serializer.instance = services.programme_update(
                programme=programme, data=data, **relations
            )
        except DjangoValidationError as exc:
            raise drf_error(exc) from exc


class TargetViewSet(ScopedViewSet):
    serializer_class = s.TargetSerializer
    filterset_fields = ["programme", "measure", "academic_year"]

    def get_queryset(self):
        return ProgrammeTarget.objects.filter(
            programme__in=Programme.objects.for_user(self.request.user)
        ).order_by("programme_id", "pk")

    def programme_of(self, obj):
        return obj if isinstance(obj, Programme) else obj.programme

    def create_service(self, programme, data):
        return services.target_create(programme=programme, data=data)

    def update_service(self, target, data):
        return services.target_update(target=target, data=data)

    def delete_service(self, target):
        services.target_delete(target=target)


class AnnualPlanViewSet(ScopedViewSet):
    serializer_class = s.AnnualPlanSerializer
    filterset_fields = ["programme", "academic_year"]

    def get_queryset(self):
        return AnnualPlan.objects.for_user(self.request.user).order_by("pk")

    def programme_of(self, obj):
        return obj if isinstance(obj, Programme) else obj.programme

    def create_service(self, programme, data):
        return services.plan_create(
            programme=programme,
            academic_year_start=data["academic_year"],
            notes=data.get("notes", ""),
        )

    def update_service(self, plan, data):
        if "academic_year" in data and data["academic_year"] != plan.academic_year:
            raise DRFValidationError({"academic_year": ["Start a new plan for another year."]})
        return services.plan_update(plan=plan, notes=data.get("notes", plan.notes))

    def delete_service(self, plan):
        plan.delete()

    @action(detail=True)
    def grid(self, request, pk=None):
        """Planned against delivered by goal and term, as on the plan page."""
        grid = plan_grid(self.get_object())
        terms = [value for value, *_ in grid.terms]
        return Response(
            {
                "academic_year": grid.plan.academic_year,
                "terms": terms,
                "goals": [
                    {
                        "goal": row.goal.code,
                        "cells": {
                            term: {"planned": c.planned, "delivered": c.delivered}
                            for term, c in zip(terms, row.cells, strict=True)
                        },
                        "total": {"planned": row.total.planned, "delivered": row.total.delivered},
                    }
                    for row in grid.rows
                ],
                "events_by_term": dict(zip(terms, grid.events_by_term, strict=True)),
                "events_total": grid.events_total,
            }
        )


class PlannedActivityViewSet(ScopedViewSet):
    serializer_class = s.PlannedActivitySerializer
    parent_field = "plan"
    filterset_fields = ["plan", "term"]

    def parent_queryset(self):
        return AnnualPlan.objects.for_user(self.request.user)

    def get_queryset(self):
        return (
            PlannedActivity.objects.for_user(self.request.user)
            .select_related("goal", "target_group", "activity_type", "plan__programme")
            .order_by("pk")
        )

    def programme_of(self, obj):
        return obj.programme if isinstance(obj, AnnualPlan) else obj.plan.programme

    def create_service(self, plan, data):
        return services.planned_activity_create(plan=plan, data=data)

    def update_service(self, activity, data):
        return services.planned_activity_update(activity=activity, data=data)

    def delete_service(self, activity):
        services.planned_activity_delete(activity=activity)


class BarrierViewSet(ScopedViewSet):
    serializer_class = s.BarrierSerializer
    filterset_fields = ["programme", "group"]

    def get_queryset(self):
        return Barrier.objects.for_user(self.request.user).select_related("group").order_by("pk")

    def programme_of(self, obj):
        return obj if isinstance(obj, Programme) else obj.programme

    def create_service(self, programme, data):
        return services.barrier_create(programme=programme, data=data)

    def update_service(self, barrier, data):
        return services.barrier_update(barrier=barrier, data=data)

    def delete_service(self, barrier):
        services.barrier_delete(barrier=barrier)


class BarrierActionViewSet(ScopedViewSet):
    serializer_class = s.BarrierActionSerializer
    parent_field = "barrier"
    filterset_fields = ["barrier", "category", "status"]

    def parent_queryset(self):
        return Barrier.objects.for_user(self.request.user)

    def get_queryset(self):
        return BarrierAction.objects.for_user(self.request.user).order_by("pk")

    def programme_of(self, obj):
        return obj.programme if isinstance(obj, Barrier) else obj.barrier.programme

    def create_service(self, barrier, data):
        return services.action_create(barrier=barrier, data=data)

    def update_service(self, action, data):
        return services.action_update(action=action, data=data)

    def delete_service(self, action):
        services.action_delete(action=action)


class EventApiFilter(EventFilter):
    """The page's filters, with plain ISO dates (date_from=2024-10-01)."""

    date_from = django_filters.DateFilter(field_name="date", lookup_expr="gte")
    date_to = django_filters.DateFilter(field_name="date", lookup_expr="lte")


def to_event_input(data: dict, base: services.EventInput | None, programme) -> services.EventInput:
    """validated_data (possibly partial) as an EventInput, over `base` for a PATCH."""
    values = {}
    for name in ("activity_type", "date", "start_time", "end_time", "school", "participants"):
        if name in data:
            values[name] = data[name]
    for name in (
        "title",
        "setting_name",
        "setting_postcode",
        "delivery_mode",
        "goal_reason",
        "notes",
        "external_reference",
    ):
        if name in data:
            values[name] = data[name] or ""
    for name in ("is_repeat_visit", "parents_reached"):
        if name in data:
            values[name] = data[name]
    for name in ("goals", "delivering_organisations", "gatsby_benchmarks"):
        if name in data:
            values[name] = list(data[name])
    if "year_groups" in data:
        values["year_groups"] = {
            row["year_group"]: row.get("participants") for row in data["year_groups"]
        }
    if "demographics" in data:
        values["demographics"] = {
            (row["dimension"], row["category"]): row["count"] for row in data["demographics"]
        }
    if "ambassador_hours" in data:
        values["ambassadors"] = {
            row["ambassador"]: row["hours"] for row in data["ambassador_hours"]
        }
    if "quotes" in data:
        values["quotes"] = [(q["text"], q.get("attribution", "")) for q in data["quotes"]]
    if base is None:
        values.setdefault("activity_type", None)
        values.setdefault("title", "")
        values.setdefault("date", None)
        values.setdefault("participants", None)
        return services.EventInput(programme=programme, **values)
    for name, value in values.items():
        setattr(base, name, value)
    return base


class EventViewSet(viewsets.ModelViewSet):
    """Engagement events. Delivery partners log events for programmes their organisation
    delivers or leads, and see their own organisation's events unless it leads."""

    serializer_class = s.EventSerializer
    permission_classes = [RolesForWrites]
    write_roles = LOGGERS
    filterset_class = EventApiFilter

    def get_queryset(self):
        return (
            EngagementEvent.objects.for_user(self.request.user)
            .select_related("activity_type")
            .prefetch_related(
                Prefetch("delivering_organisations", Organisation.objects.only("pk")),
                "goals",
                "gatsby_benchmarks",
                Prefetch("year_groups", EventYearGroup.objects.select_related("year_group")),
                "demographics",
                Prefetch("ambassador_hours", EventAmbassador.objects.all()),
                "quotes",
            )
        )

    def _editable(self, event):
        if not EngagementEvent.objects.editable_by(self.request.user).filter(pk=event.pk).exists():
            raise PermissionDenied("You cannot change this event.")

    def perform_create(self, serializer):
        data = dict(serializer.validated_data)
        programme = data.pop("programme")
        if not Programme.objects.loggable_by(self.request.user).filter(pk=programme.pk).exists():
            raise PermissionDenied("You cannot log events for this programme.")
        try:
            serializer.instance = services.event_create(
                user=self.request.user, data=to_event_input(data, None, programme)
            )
        except DjangoValidationError as exc:
            raise drf_error(exc) from exc

    def perform_update(self, serializer):
        event = serializer.instance
        self._editable(event)
        data = dict(serializer.validated_data)
        programme = data.pop("programme", event.programme)
        if programme != event.programme:
            raise DRFValidationError({"programme": ["An event cannot move to another programme."]})
        data.pop("quotes", None)  # quotes change through the page, one at a time
        base = services.input_from_event(event)
        try:
            serializer.instance = services.event_update(
                user=self.request.user, event=event, data=to_event_input(data, base, programme)
            )
        except DjangoValidationError as exc:
            raise drf_error(exc) from exc

    def perform_destroy(self, instance):
        self._editable(instance)
        services.event_delete(event=instance)
