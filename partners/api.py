"""Partners resources under /api/v1/. Reads start from the user's scoped queryset;
writes check the narrower `editable_by` / `managed_by` querysets and go through the same
services as the pages."""

import django_filters
from rest_framework import mixins, serializers, viewsets
from rest_framework.exceptions import PermissionDenied
from rest_framework.response import Response

from outreach.audit.services import record_access

from . import services
from .models import Ambassador, Contact, ICBArea, Organisation
from .serializers import (
    AmbassadorSerializer,
    ContactSerializer,
    ICBAreaSerializer,
    OrganisationSerializer,
)


class ICBAreaViewSet(viewsets.ReadOnlyModelViewSet):
    serializer_class = ICBAreaSerializer

    def get_queryset(self):
        return ICBArea.objects.for_user(self.request.user)


class OrganisationFilter(django_filters.FilterSet):
    name = django_filters.CharFilter(lookup_expr="icontains")

    class Meta:
        model = Organisation
        fields = ["area", "kind", "name", "phase", "imd_decile", "is_open", "urn"]


class OrganisationViewSet(
    mixins.CreateModelMixin, mixins.UpdateModelMixin, viewsets.ReadOnlyModelViewSet
):
    serializer_class = OrganisationSerializer
    filterset_class = OrganisationFilter

    def get_queryset(self):
        return (
            Organisation.objects.for_user(self.request.user)
            .select_related("area")
            .prefetch_related("groups_served")
        )

    def perform_create(self, serializer):
        data = dict(serializer.validated_data)
        groups = data.pop("groups_served", None)
        if not ICBArea.objects.managed_by(self.request.user).filter(pk=data["area"].pk).exists():
            raise PermissionDenied("You can add organisations only to the areas you manage.")
        serializer.instance = services.organisation_create(data=data, groups_served=groups)

    def perform_update(self, serializer):
        organisation = serializer.instance
        user = self.request.user
        if not Organisation.objects.editable_by(user).filter(pk=organisation.pk).exists():
            raise PermissionDenied("You cannot change this organisation.")
        data = dict(serializer.validated_data)
        groups = data.pop("groups_served", None)
        managed = ICBArea.objects.managed_by(user)
        if (
            "area" in data
            and data["area"].pk != organisation.area_id
            and not managed.filter(pk=data["area"].pk).exists()
        ):
            raise PermissionDenied("You cannot move an organisation to an area you do not manage.")
        if not managed.filter(pk=organisation.area_id).exists():
            # Partners and careers leads edit their own profile, not its kind or place.
            data.pop("area", None)
            data.pop("kind", None)
        serializer.instance = services.organisation_update(
            organisation=organisation, data=data, groups_served=groups
        )


class SchoolViewSet(OrganisationViewSet):
    """Schools and colleges only, read-only."""

    http_method_names = ["get", "head", "options"]

    def get_queryset(self):
        return super().get_queryset().schools()


class _PeopleViewSet(viewsets.ModelViewSet):
    model = None
    create_service = None
    update_service = None
    instance_name = ""

    def get_queryset(self):
        return self.model.objects.for_user(self.request.user).select_related("organisation")

    def _check_organisation(self, organisation):
        if (
            not Organisation.objects.editable_by(self.request.user)
            .filter(pk=organisation.pk)
            .exists()
        ):
            raise serializers.ValidationError(
                {"organisation": ["You can add people only to organisations you manage."]}
            )


class ContactViewSet(_PeopleViewSet):
    model = Contact
    serializer_class = ContactSerializer
    filterset_fields = ["organisation", "is_key_contact"]

    def list(self, request, *args, **kwargs):
        response = super().list(request, *args, **kwargs)
        shown = response.data.get("results", response.data) if response.status_code == 200 else []
        if shown:
            record_access(
                (Contact, ""),
                detail=f"Contacts listed through the API ({request.get_full_path()[:200]})",
                rows=len(shown),
            )
        return response

    def retrieve(self, request, *args, **kwargs):
        contact = self.get_object()
        record_access(contact, detail="Contact details through the API")
        return Response(self.get_serializer(contact).data)

    def perform_create(self, serializer):
        data = dict(serializer.validated_data)
        organisation = data.pop("organisation")
        self._check_organisation(organisation)
        serializer.instance = services.contact_create(organisation=organisation, data=data)

    def perform_update(self, serializer):
        data = dict(serializer.validated_data)
        data.pop("organisation", None)  # a contact stays with their organisation
        serializer.instance = services.contact_update(contact=serializer.instance, data=data)

    def perform_destroy(self, instance):
        services.contact_delete(contact=instance)


class AmbassadorViewSet(_PeopleViewSet):
    model = Ambassador
    serializer_class = AmbassadorSerializer
    filterset_fields = ["organisation", "is_active"]

    def get_queryset(self):
        return super().get_queryset().prefetch_related("year_groups")

    def perform_create(self, serializer):
        data = dict(serializer.validated_data)
        organisation = data.pop("organisation")
        year_groups = data.pop("year_groups", [])
        self._check_organisation(organisation)
        serializer.instance = services.ambassador_create(
            organisation=organisation, data=data, year_groups=year_groups
        )

    def perform_update(self, serializer):
        data = dict(serializer.validated_data)
        data.pop("organisation", None)
        year_groups = data.pop("year_groups", None)
        serializer.instance = services.ambassador_update(
            ambassador=serializer.instance, data=data, year_groups=year_groups
        )

    def perform_destroy(self, instance):
        raise PermissionDenied("Mark the ambassador inactive instead; their hours stay on record.")


def register(router):
    router.register("areas", ICBAreaViewSet, basename="area")
    router.register("organisations", OrganisationViewSet, basename="organisation")
    router.register("schools", SchoolViewSet, basename="school")
    router.register("contacts", ContactViewSet, basename="contact")
    router.register("ambassadors", AmbassadorViewSet, basename="ambassador")
