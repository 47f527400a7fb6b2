"""Search and filters for the directory list page.

Every filter narrows the user's own directory (`Organisation.objects.for_user`), so a
filter can never widen what someone sees. Each one is a plain equality or prefix test on
an indexed column, except the name search, which has to be a contains test.
"""

import re

import django_filters
from crispy_forms.helper import FormHelper
from crispy_forms.layout import Div, Field, Layout
from django.db.models import Q

from outreach.accounts.scope import scope_for

from .models import ICBArea, Organisation, OrganisationKind, SchoolPhase
from .validators import normalise_postcode

# Something that starts like a postcode: one or two letters then a digit (GL5, SE1 9RT).
_POSTCODE_START = re.compile(r"^[A-Z]{1,2}[0-9]")
_FULL_POSTCODE = re.compile(r"^[A-Z]{1,2}[0-9][A-Z0-9]? [0-9][A-Z]{2}$")
# A URN is at most 7 digits; a longer number is not one and must not overflow the column.
_URN = re.compile(r"^[0-9]{1,7}$")

IMD_DECILE_CHOICES = [
    ("1", "1 (most deprived)"),
    *[(str(n), str(n)) for n in range(2, 10)],
    ("10", "10 (least deprived)"),
]
OPEN_CHOICES = [("open", "Open"), ("closed", "Closed")]


def search_filter(text: str) -> Q:
    """What the search box matches: a URN, or a name, or the start of a postcode."""
    text = " ".join(text.split())
    if not text:
        return Q()
    if _URN.match(text):
        return Q(urn=int(text))
    query = Q(name__icontains=text)
    upper = text.upper()
    if _POSTCODE_START.match(upper):
        normalised = normalise_postcode(upper)
        prefix = normalised if _FULL_POSTCODE.match(normalised) else upper
        query |= Q(postcode__startswith=prefix)
    return query


class OrganisationFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(
        label="Search by name, URN or postcode",
        method="filter_search",
        max_length=100,
    )
    area = django_filters.ModelChoiceFilter(
        label="ICB area", queryset=ICBArea.objects.none(), empty_label="All areas"
    )
    kind = django_filters.ChoiceFilter(
        label="Type of organisation",
        choices=OrganisationKind.choices,
        empty_label="All types",
    )
    phase = django_filters.ChoiceFilter(
        label="School phase", choices=SchoolPhase.choices, empty_label="All phases"
    )
    imd_decile = django_filters.ChoiceFilter(
        label="IMD decile", choices=IMD_DECILE_CHOICES, empty_label="All deciles"
    )
    is_open = django_filters.ChoiceFilter(
        label="Open or closed",
        choices=OPEN_CHOICES,
        empty_label="Open or closed",
        method="filter_open",
    )

    class Meta:
        model = Organisation
        fields = ["q", "area", "kind", "phase", "imd_decile", "is_open"]

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        area_field = self.form.fields["area"]
        area_field.queryset = ICBArea.objects.for_user(user)
        scope = scope_for(user)
        # Someone who works in one area has nothing to choose between.
        self.shows_area = scope.is_admin or len(scope.area_ids()) > 1
        if not self.shows_area:
            del self.form.fields["area"]
        self.form.helper = self._helper()

    def _helper(self) -> FormHelper:
        helper = FormHelper()
        helper.form_tag = False
        helper.disable_csrf = True
        columns = [
            name
            for name in ("area", "kind", "phase", "imd_decile", "is_open")
            if name in self.form.fields
        ]
        helper.layout = Layout(
            Field("q", css_class="nhsuk-input--width-20"),
            Div(
                *[Div(name, css_class="outreach-filters__item") for name in columns],
                css_class="outreach-filters",
            ),
        )
        return helper

    def filter_search(self, queryset, name, value):
        return queryset.filter(search_filter(value))

    def filter_open(self, queryset, name, value):
        return queryset.filter(is_open=value == "open")

    @property
    def is_filtered(self) -> bool:
        data = self.form.cleaned_data if self.form.is_valid() else {}
        return any(value not in (None, "") for value in data.values())
