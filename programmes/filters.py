"""Filters for event lists, shared by the page, the calendar and the API."""

import datetime

import django_filters
from django.db.models import Exists, OuterRef, Q
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field

from outreach.widgets import NHSDateInput
from partners.models import Organisation

from . import academic_year
from .academic_year import Term
from .models import ActivityType, EngagementEvent, Goal, Programme, ProgrammePartner


class EventFilter(django_filters.FilterSet):
    programme = django_filters.ModelChoiceFilter(
        queryset=Programme.objects.none(), empty_label="All programmes"
    )
    partner = django_filters.ModelChoiceFilter(
        queryset=Organisation.objects.none(),
        method="filter_partner",
        label="Delivered by",
        empty_label="Any partner",
    )
    school = django_filters.CharFilter(method="filter_school", label="School (name or URN)")
    goal = django_filters.ModelChoiceFilter(
        queryset=Goal.objects.all(), method="filter_goal", empty_label="Any goal", label="Goal"
    )
    activity_type = django_filters.ModelChoiceFilter(
        queryset=ActivityType.objects.all(), empty_label="Any type", label="Type of activity"
    )
    academic_year = django_filters.ChoiceFilter(
        choices=(), empty_label="Any year", label="Academic year"
    )
    term = django_filters.ChoiceFilter(choices=Term.choices, empty_label="Any term")
    date_from = django_filters.DateFilter(
        field_name="date", lookup_expr="gte", label="From", widget=NHSDateInput
    )
    date_to = django_filters.DateFilter(
        field_name="date", lookup_expr="lte", label="To", widget=NHSDateInput
    )

    class Meta:
        model = EngagementEvent
        fields = ["programme", "activity_type", "term"]

    def __init__(self, data=None, queryset=None, *, request=None, **kwargs):
        super().__init__(data, queryset, request=request, **kwargs)
        user = request.user
        programmes = Programme.objects.for_user(user)
        self.filters["programme"].queryset = programmes.only("pk", "name")
        self.filters["partner"].queryset = Organisation.objects.filter(
            Exists(
                ProgrammePartner.objects.filter(
                    organisation=OuterRef("pk"), programme__in=programmes
                )
            )
        ).only("pk", "name")
        this_year = academic_year.academic_year_of(datetime.date.today())
        self.filters["academic_year"].extra["choices"] = academic_year.choices(
            range(this_year + 1, this_year - 6, -1)
        )

    @extend_schema_field(OpenApiTypes.INT)
    def filter_partner(self, queryset, name, value):
        through = EngagementEvent.delivering_organisations.through
        return queryset.filter(
            Exists(through.objects.filter(engagementevent_id=OuterRef("pk"), organisation=value))
        )

    @extend_schema_field(OpenApiTypes.INT)
    def filter_goal(self, queryset, name, value):
        through = EngagementEvent.goals.through
        return queryset.filter(
            Exists(through.objects.filter(engagementevent_id=OuterRef("pk"), goal=value))
        )

    def filter_school(self, queryset, name, value):
        value = value.strip()
        if not value:
            return queryset
        if value.isdigit():
            return queryset.filter(Q(school__urn=int(value)) | Q(school__name__icontains=value))
        return queryset.filter(school__name__icontains=value)
