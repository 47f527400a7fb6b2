"""Forms of the report pages. They shape input into a scope and a period; who may ask
for what is the services' rule (`scope_allowed`)."""

from __future__ import annotations

import datetime

from django import forms
from django.utils import timezone

from outreach.accounts.scope import scope_for
from outreach.widgets import NHSDateInput
from partners.models import ICBArea
from programmes import academic_year
from programmes.models import Programme

from .models import REPORT_KINDS, ReportKind
from .periods import Period, PeriodError
from .scope import ReportScope

# The scope choices on the form: "areas" covers one area and several.
PROGRAMME, AREAS, NATIONAL = "programme", "areas", "national"
YEAR, DATES = "year", "dates"
YEARS_OFFERED = 6
# Ids the user may not pick answer 403 in the views, whether or not such a record exists.
OUT_OF_SCOPE = "invalid_choice"


MAX_ID = 2**63 - 1


def _is_id(value) -> bool:
    text = str(value)
    return text.isdigit() and 0 < int(text) <= MAX_ID


class IdChoiceField(forms.ModelChoiceField):
    """A choice by id where a crafted value (not a number, or past the largest id) is
    refused as "not a valid choice" instead of reaching the database."""

    def to_python(self, value):
        if value not in self.empty_values and not _is_id(value):
            raise forms.ValidationError(self.error_messages["invalid_choice"], code=OUT_OF_SCOPE)
        return super().to_python(value)


class IdMultipleChoiceField(forms.ModelMultipleChoiceField):
    def _check_values(self, value):
        if any(not _is_id(v) for v in value):
            raise forms.ValidationError(
                self.error_messages["invalid_choice"],
                code=OUT_OF_SCOPE,
                params={"value": "?"},
            )
        return super()._check_values(value)


def _year_choices(today: datetime.date):
    current = academic_year.academic_year_of(today)
    return [("", "Choose a year")] + academic_year.choices(
        range(current, current - YEARS_OFFERED, -1)
    )


class ScopeFields(forms.Form):
    scope = forms.ChoiceField(
        label="What should it cover?",
        widget=forms.RadioSelect,
        choices=[(PROGRAMME, "One programme"), (AREAS, "One or more ICB areas")],
    )
    programme = IdChoiceField(
        Programme.objects.none(),
        required=False,
        empty_label="Choose a programme",
    )
    areas = IdMultipleChoiceField(
        ICBArea.objects.none(),
        required=False,
        label="ICB areas",
        widget=forms.CheckboxSelectMultiple,
        help_text="Tick one or more.",
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        self.fields["programme"].queryset = (
            Programme.objects.manageable_by(user).select_related("area").order_by("name")
        )
        self.fields["programme"].label_from_instance = lambda p: f"{p.name} ({p.area.name})"
        self.fields["areas"].queryset = ICBArea.objects.managed_by(user)
        if scope_for(user).is_admin:
            self.fields["scope"].choices = [
                *self.fields["scope"].choices,
                (NATIONAL, "England: every ICB area"),
            ]

    def scope_reveals(self):
        """(choice, follow-up fields) for the scope radios' conditional reveal."""
        return [(PROGRAMME, [self["programme"]]), (AREAS, [self["areas"]])]

    @property
    def out_of_scope(self) -> bool:
        """An id outside what the user may pick was posted (a crafted request)."""
        return any(
            error.code == OUT_OF_SCOPE
            for name in ("programme", "areas")
            for error in self.errors.as_data().get(name, [])
        )

    def clean(self):
        data = super().clean()
        scope = data.get("scope")
        if scope == PROGRAMME and not data.get("programme"):
            self.add_error("programme", "Choose the programme to report on.")
        if scope == AREAS and not data.get("areas"):
            self.add_error("areas", "Tick at least one ICB area.")
        return data

    def report_scope(self) -> ReportScope:
        data = self.cleaned_data
        if data["scope"] == PROGRAMME:
            return ReportScope.programme(data["programme"])
        if data["scope"] == NATIONAL:
            return ReportScope.national()
        return ReportScope.areas(data["areas"])


class ReportRequestForm(ScopeFields):
    kind = forms.ChoiceField(
        label="Which report?",
        widget=forms.RadioSelect,
        choices=[(k.value, k.label) for k in REPORT_KINDS],
        help_text="The annual-cycle report sets what was planned against what was "
        "delivered in one school year. The impact report shows reach against targets, "
        "what young people said before and after, and where participants went.",
    )
    period = forms.ChoiceField(
        label="Which period?",
        widget=forms.RadioSelect,
        choices=[(YEAR, "An academic year"), (DATES, "Dates you choose")],
        required=False,
    )
    academic_year = forms.TypedChoiceField(
        label="Academic year", coerce=int, empty_value=None, required=False
    )
    date_from = forms.DateField(
        label="From", required=False, widget=NHSDateInput, help_text="For example, 1 9 2025"
    )
    date_to = forms.DateField(
        label="To", required=False, widget=NHSDateInput, help_text="For example, 31 3 2026"
    )

    field_order = [
        "kind",
        "scope",
        "programme",
        "areas",
        "period",
        "academic_year",
        "date_from",
        "date_to",
    ]

    def __init__(self, *args, user, today=None, **kwargs):
        super().__init__(*args, user=user, **kwargs)
        today = today or timezone.localdate()
        self.fields["academic_year"].choices = _year_choices(today)
        self.fields["period"].help_text = (
            "The annual-cycle report covers an academic year. The impact report can cover "
            "a year or any dates up to five years apart."
        )
        self.period = None

    def period_reveals(self):
        return [(YEAR, [self["academic_year"]]), (DATES, [self["date_from"], self["date_to"]])]

    def clean(self):
        data = super().clean()
        year, start, end = data.get("academic_year"), data.get("date_from"), data.get("date_to")
        # With the period chosen, the other answer (hidden on the page) is set aside.
        if data.get("period") == YEAR:
            start = end = None
            self.errors.pop("date_from", None)
            self.errors.pop("date_to", None)
            if year is None:
                self.add_error("academic_year", "Choose the academic year to report on.")
                return data
        elif data.get("period") == DATES:
            year = None
            if data.get("kind") == ReportKind.ANNUAL_CYCLE:
                self.add_error(
                    "period", "The annual-cycle report covers one academic year: choose a year."
                )
                return data
        if "date_from" in self.errors or "date_to" in self.errors:
            return data
        if year is not None and (start or end):
            self.add_error("academic_year", "Choose a year or dates, not both.")
        elif year is not None:
            self.period = Period.academic(year)
        elif data.get("kind") == ReportKind.ANNUAL_CYCLE:
            self.add_error("academic_year", "Choose the academic year to report on.")
        elif not (start and end):
            if not start:
                self.add_error("date_from", "Enter the first day to report on, or choose a year.")
            if not end:
                self.add_error("date_to", "Enter the last day to report on, or choose a year.")
        else:
            try:
                self.period = Period.between(start, end)
            except PeriodError as exc:
                self.add_error("date_to", str(exc))
        return data


class QuoteChoiceForm(forms.Form):
    quotes = forms.ModelMultipleChoiceField(
        queryset=None,
        required=False,
        label="Quotes to include",
        widget=forms.CheckboxSelectMultiple,
        help_text="Up to six. Quotes name a role and a place, never a person.",
    )

    def __init__(self, *args, quotes, limit, **kwargs):
        super().__init__(*args, **kwargs)
        self.limit = limit
        self.fields["quotes"].queryset = quotes
        self.fields["quotes"].label_from_instance = lambda q: f"“{q.text}” – {q.attribution}"

    def clean_quotes(self):
        chosen = self.cleaned_data["quotes"]
        if len(chosen) > self.limit:
            raise forms.ValidationError(f"Choose up to {self.limit} quotes.")
        return chosen


class ScheduleForm(ScopeFields):
    kind = forms.ChoiceField(
        label="Which report?",
        widget=forms.RadioSelect,
        choices=[(k.value, k.label) for k in REPORT_KINDS],
    )
    field_order = ["kind", "scope", "programme", "areas"]
