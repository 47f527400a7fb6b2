"""The administrators' export form: which export, for where, over which dates. It says
what is wrong in plain words beside the field, and hands back a scope and a period."""

from crispy_forms.helper import FormHelper
from crispy_forms.layout import Layout
from django import forms

from outreach.widgets import NHSDateInput
from partners.models import ICBArea

from .forms import IdMultipleChoiceField
from .models import EXPORT_KINDS
from .periods import MAX_YEARS, Period, PeriodError
from .scope import ReportScope

NATIONAL, AREAS = "national", "areas"


def _export_choices():
    # "Data export: engagement events" reads as "Engagement events" in a list of exports.
    return [(kind.value, kind.label.split(": ", 1)[-1].capitalize()) for kind in EXPORT_KINDS]


class ExportForm(forms.Form):
    export = forms.ChoiceField(
        label="What do you want to export?",
        choices=_export_choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Select what you want to export"},
    )
    scope = forms.ChoiceField(
        label="Which ICB areas?",
        choices=[(NATIONAL, "England: every ICB area"), (AREAS, "One or more ICB areas")],
        widget=forms.RadioSelect,
        initial=NATIONAL,
        error_messages={"required": "Select England or one or more ICB areas"},
    )
    areas = IdMultipleChoiceField(
        label="ICB areas",
        queryset=ICBArea.objects.order_by("name"),
        widget=forms.CheckboxSelectMultiple,
        required=False,
        help_text="If you chose one or more ICB areas, select them here.",
    )
    date_from = forms.DateField(
        label="From",
        widget=NHSDateInput,
        help_text="For example, 1 9 2025",
        error_messages={
            "required": "Enter the date the export starts from",
            "invalid": "The start date must be a real date",
        },
    )
    date_to = forms.DateField(
        label="To",
        widget=NHSDateInput,
        help_text=f"For example, 31 8 2026. At most {MAX_YEARS} years after the start date.",
        error_messages={
            "required": "Enter the date the export runs to",
            "invalid": "The end date must be a real date",
        },
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.form_tag = False
        self.helper.disable_csrf = True
        self.helper.layout = Layout("export", "scope", "areas", "date_from", "date_to")

    def clean(self):
        data = super().clean()
        if data.get("scope") == AREAS:
            if not data.get("areas"):
                self.add_error("areas", "Select at least one ICB area")
            else:
                data["report_scope"] = ReportScope.areas(data["areas"])
        elif data.get("scope") == NATIONAL:
            data["report_scope"] = ReportScope.national()
        start, end = data.get("date_from"), data.get("date_to")
        if start and end:
            if end < start:
                self.add_error(
                    "date_to", "The end date must be the same as or after the start date"
                )
            else:
                try:
                    data["period"] = Period.between(start, end)
                except PeriodError:
                    self.add_error(
                        "date_to",
                        f"The end date must be within {MAX_YEARS} years of the start date",
                    )
        return data
