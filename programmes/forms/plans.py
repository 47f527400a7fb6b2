from django import forms

from .. import academic_year
from ..models import ActivityType, Goal, PlannedActivity, ProgrammePartner, TargetGroup


class PlanForm(forms.Form):
    academic_year = forms.TypedChoiceField(coerce=int, label="Academic year")
    notes = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 3}), required=False, label="Notes (optional)"
    )

    def __init__(self, *args, programme, **kwargs):
        super().__init__(*args, **kwargs)
        taken = set(programme.plans.values_list("academic_year", flat=True))
        years = academic_year.years_between(programme.starts_on, programme.ends_on)
        self.fields["academic_year"].choices = academic_year.choices(
            y for y in years if y not in taken
        )


class PlannedActivityForm(forms.ModelForm):
    class Meta:
        model = PlannedActivity
        fields = [
            "goal",
            "target_group",
            "activity_type",
            "term",
            "quantity",
            "delivered_by",
            "notes",
        ]
        labels = {
            "quantity": "How many",
            "delivered_by": "Which partner delivers it (optional)",
            "notes": "Notes (optional)",
        }
        widgets = {
            "goal": forms.RadioSelect,
            "term": forms.RadioSelect,
            "quantity": forms.NumberInput(attrs={"class": "nhsuk-input--width-4", "min": 1}),
        }
        help_texts = {"quantity": "The number of sessions or events you plan."}

    def __init__(self, *args, plan, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["goal"].queryset = Goal.objects.all()
        self.fields["goal"].empty_label = None
        self.fields["term"].choices = [
            (value, label) for value, label in self.fields["term"].choices if value
        ]
        self.fields["target_group"].queryset = TargetGroup.objects.all()
        self.fields["target_group"].empty_label = "Choose a target group"
        self.fields["activity_type"].queryset = ActivityType.objects.all()
        self.fields["activity_type"].empty_label = "Choose a type of activity"
        partner_ids = ProgrammePartner.objects.filter(programme_id=plan.programme_id).values(
            "organisation_id"
        )
        self.fields["delivered_by"].queryset = self.fields["delivered_by"].queryset.filter(
            pk__in=partner_ids
        )
        self.fields["delivered_by"].empty_label = "Not decided yet"
