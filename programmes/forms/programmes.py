from django import forms
from django.db.models import Q

from outreach.widgets import NHSDateInput
from partners.models import ICBArea, Organisation

from .. import academic_year
from ..models import Measure, PartnerRole, Programme, ProgrammeTarget, TargetGroup


class ProgrammeForm(forms.ModelForm):
    class Meta:
        model = Programme
        fields = [
            "name",
            "area",
            "lead_organisation",
            "description",
            "starts_on",
            "ends_on",
            "funding_sources",
            "cost",
            "goals",
            "target_groups",
        ]
        labels = {
            "name": "Programme name",
            "area": "ICB area that owns it",
            "goals": "Goals it pursues",
            "target_groups": "Who it is for",
            "cost": "Total cost in pounds (optional)",
            "ends_on": "End date (optional)",
            "funding_sources": "Funding sources (optional)",
            "description": "Description (optional)",
        }
        widgets = {
            "starts_on": NHSDateInput,
            "ends_on": NHSDateInput,
            "goals": forms.CheckboxSelectMultiple,
            "target_groups": forms.CheckboxSelectMultiple,
            "description": forms.Textarea(attrs={"rows": 4}),
        }
        help_texts = {"starts_on": "For example, 1 9 2024", "ends_on": "For example, 31 7 2025"}

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        areas = ICBArea.objects.managed_by(user)
        self.fields["area"].queryset = areas
        self.fields["area"].empty_label = "Choose an ICB area"
        self.fields["lead_organisation"].queryset = (
            Organisation.objects.for_user(user).filter(area__in=areas).exclude(kind="school")
        )
        self.fields["lead_organisation"].empty_label = "Choose the lead organisation"
        self.fields["target_groups"].queryset = TargetGroup.objects.all()
        if areas.count() == 1 and not self.instance.pk:
            self.fields["area"].initial = areas.first()

    def service_data(self) -> dict:
        data = dict(self.cleaned_data)
        return {
            "data": {k: v for k, v in data.items() if k not in ("goals", "target_groups")},
            "goals": data["goals"],
            "target_groups": data["target_groups"],
        }


class TargetSchoolsForm(forms.Form):
    schools = forms.ModelMultipleChoiceField(
        queryset=Organisation.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        label="Target schools",
        help_text="Schools and colleges in the programme's area.",
    )

    def __init__(self, *args, programme, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["schools"].queryset = Organisation.objects.schools().filter(
            Q(area=programme.area) | Q(pk__in=programme.target_schools.values("pk"))
        )


class PartnerForm(forms.Form):
    organisation = forms.ModelChoiceField(
        queryset=Organisation.objects.none(), empty_label="Choose an organisation"
    )
    role = forms.ChoiceField(
        choices=PartnerRole.choices,
        widget=forms.RadioSelect,
        help_text="Lead and delivery partners log the events they deliver.",
    )

    def __init__(self, *args, programme, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = Organisation.objects.for_user(user).filter(
            area=programme.area
        )


class TargetForm(forms.ModelForm):
    academic_year = forms.TypedChoiceField(
        coerce=int, required=False, empty_value=None, label="For"
    )

    class Meta:
        model = ProgrammeTarget
        fields = ["measure", "value", "academic_year", "notes"]
        labels = {"value": "Target", "notes": "Notes (optional)"}
        help_texts = {"value": "A number; for a percentage, from 0 to 100."}
        widgets = {"value": forms.TextInput(attrs={"class": "nhsuk-input--width-10"})}

    def __init__(self, *args, programme, **kwargs):
        super().__init__(*args, **kwargs)
        years = academic_year.years_between(programme.starts_on, programme.ends_on)
        self.fields["academic_year"].choices = [("", "The whole programme")] + [
            (y, f"The academic year {academic_year.label(y)}") for y in years
        ]
        self.fields["measure"].choices = [("", "Choose a measure"), *Measure.choices]
