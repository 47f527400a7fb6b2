from django import forms
from django.db.models import Q

from outreach.widgets import NHSDateInput
from partners.models import CommunityGroup, Organisation

from ..models import ActionStatus, Barrier, BarrierAction, IdeasCategory


class BarrierForm(forms.ModelForm):
    class Meta:
        model = Barrier
        fields = ["group", "title", "description"]
        labels = {
            "group": "Under-represented group",
            "title": "Barrier",
            "description": "What people told you (optional)",
        }
        help_texts = {"title": "For example, “Where to find jobs” or “Inaccessible recruitment”."}
        widgets = {"description": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["group"].queryset = CommunityGroup.objects.all()
        self.fields["group"].empty_label = "Choose a group"


class ActionForm(forms.ModelForm):
    class Meta:
        model = BarrierAction
        fields = [
            "barrier",
            "category",
            "description",
            "owner",
            "status",
            "implement_by",
            "review_on",
            "assess_on",
        ]
        labels = {
            "barrier": "Barrier it tackles",
            "description": "Action",
            "owner": "Owner organisation (optional)",
            "implement_by": "Implement by (optional)",
            "review_on": "Review progress on (optional)",
            "assess_on": "Assess impact on (optional)",
        }
        widgets = {
            "category": forms.RadioSelect,
            "status": forms.RadioSelect,
            "description": forms.Textarea(attrs={"rows": 3}),
            "implement_by": NHSDateInput,
            "review_on": NHSDateInput,
            "assess_on": NHSDateInput,
        }

    def __init__(self, *args, programme, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["barrier"].queryset = Barrier.objects.filter(programme=programme)
        self.fields["barrier"].empty_label = "Choose a barrier"
        self.fields["category"].choices = IdeasCategory.choices
        self.fields["status"].choices = ActionStatus.choices
        self.fields["owner"].queryset = Organisation.objects.filter(
            Q(area=programme.area) | Q(programme_roles__programme=programme)
        ).distinct()
        self.fields["owner"].empty_label = "No owner yet"


class ActionFilterForm(forms.Form):
    group = forms.ModelChoiceField(
        queryset=CommunityGroup.objects.all(), required=False, empty_label="Any group"
    )
    category = forms.ChoiceField(
        choices=[("", "Any category"), *IdeasCategory.choices],
        required=False,
        label="IDEAS category",
    )
    status = forms.ChoiceField(choices=[("", "Any status"), *ActionStatus.choices], required=False)
