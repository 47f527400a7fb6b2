"""Partners resources under /api/v1/, each starting from the user's scoped queryset."""

import django_filters
from rest_framework import viewsets

from .models import ICBArea, Organisation
from .serializers import ICBAreaSerializer, OrganisationSerializer


class ICBAreaViewSet(viewsets.ReadOnlyModelViewSet):
    serializer_class = ICBAreaSerializer

    def get_queryset(self):
        return ICBArea.objects.for_user(self.request.user)


class OrganisationFilter(django_filters.FilterSet):
    name = django_filters.CharFilter(lookup_expr="icontains")

    class Meta:
        model = Organisation
        fields = ["area", "kind", "name"]


class OrganisationViewSet(viewsets.ReadOnlyModelViewSet):
    serializer_class = OrganisationSerializer
    filterset_class = OrganisationFilter

    def get_queryset(self):
        return Organisation.objects.for_user(self.request.user).select_related("area")


def register(router):
    router.register("areas", ICBAreaViewSet, basename="area")
    router.register("organisations", OrganisationViewSet, basename="organisation")
