"""Filters of the audit page. Each is an equality or range test on an indexed column,
except the user, which matches the label kept on the entry (the user may be gone)."""

import datetime

import django_filters
from crispy_forms.helper import FormHelper
from crispy_forms.layout import Div, Layout
from django import forms
from django.apps import apps
from django.utils import timezone

from . import registry
from .models import Action, AuditEntry, Source

EVENT_ACTIONS = [
    ("erase", "Erased"),
    ("rights_export", "Rights export"),
    ("retention_run", "Retention run"),
    ("audit_redact", "Trail redacted"),
    ("audit_purge", "Trail purged"),
    ("lookup_replace", "Lookup replaced"),
]


def record_types() -> list[tuple[str, str]]:
    return sorted(
        (
            (model._meta.label_lower, str(model._meta.verbose_name).capitalize())
            for model in apps.get_models()
            if registry.is_tracked(model)
        ),
        key=lambda pair: pair[1],
    )


def _day_start(day: datetime.date) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time.min), datetime.UTC)


class DateInput(forms.DateInput):
    input_type = "date"


class AuditFilter(django_filters.FilterSet):
    user = django_filters.CharFilter(
        label="User (email address)",
        field_name="actor_label",
        lookup_expr="icontains",
        max_length=254,
    )
    model = django_filters.ChoiceFilter(
        label="Type of record", choices=record_types, empty_label="All types"
    )
    object_pk = django_filters.CharFilter(label="Record ID", max_length=64)
    action = django_filters.ChoiceFilter(
        label="Action",
        choices=[*Action.choices, *EVENT_ACTIONS],
        empty_label="All actions",
    )
    source = django_filters.ChoiceFilter(
        label="From", choices=Source.choices, empty_label="Anywhere"
    )
    date_from = django_filters.DateFilter(
        label="From date (UTC)", method="filter_from", widget=DateInput
    )
    date_to = django_filters.DateFilter(label="To date (UTC)", method="filter_to", widget=DateInput)

    class Meta:
        model = AuditEntry
        fields = ["user", "model", "object_pk", "action", "source", "date_from", "date_to"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        helper = FormHelper()
        helper.form_tag = False
        helper.disable_csrf = True
        helper.layout = Layout(
            Div(
                *[Div(name, css_class="outreach-filters__item") for name in self.Meta.fields],
                css_class="outreach-filters",
            )
        )
        self.form.helper = helper

    def filter_from(self, queryset, name, value):
        return queryset.filter(at__gte=_day_start(value))

    def filter_to(self, queryset, name, value):
        return queryset.filter(at__lt=_day_start(value + datetime.timedelta(days=1)))

    @property
    def is_filtered(self) -> bool:
        data = self.form.cleaned_data if self.form.is_valid() else {}
        return any(value not in (None, "") for value in data.values())
