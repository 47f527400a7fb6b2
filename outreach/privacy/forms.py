"""Forms for the data protection pages; the services do the writing."""

from crispy_forms.helper import FormHelper
from django import forms

from .models import ACTIONS, Action, Unit, period_errors
from .rights.people import PERSON_KINDS

CONFIRM_WORD = "ERASE"


def _helper() -> FormHelper:
    helper = FormHelper()
    helper.form_tag = False
    helper.disable_csrf = True
    return helper


class RetentionRuleForm(forms.Form):
    period = forms.IntegerField(
        label="How long to keep it",
        min_value=1,
        error_messages={
            "required": "Enter how long to keep it",
            "invalid": "Enter a whole number",
            "min_value": "Enter a whole number of 1 or more",
        },
    )
    unit = forms.ChoiceField(label="Days, months or years", choices=Unit.choices)
    action = forms.ChoiceField(label="Then", widget=forms.RadioSelect, choices=Action.choices)

    def __init__(self, *args, kind: str, **kwargs):
        super().__init__(*args, **kwargs)
        self.kind = kind
        allowed = ACTIONS[kind]
        self.fields["action"].choices = [(a.value, a.label) for a in Action if a in allowed]
        self.helper = _helper()

    def clean(self):
        data = super().clean()
        if not self.errors:
            for field, message in period_errors(
                self.kind, data["period"], data["unit"], data["action"]
            ).items():
                self.add_error(field, message)
        return data


class PersonSearchForm(forms.Form):
    kind = forms.ChoiceField(
        label="Who is it?",
        widget=forms.RadioSelect,
        choices=list(PERSON_KINDS.items()),
        error_messages={"required": "Choose who the request is about"},
    )
    text = forms.CharField(
        label="Reference, email address or name",
        help_text="A participant by their reference (P- and eight characters); a contact or "
        "user by email address or part of their name.",
        min_length=3,
        max_length=254,
        error_messages={
            "required": "Enter a reference, email address or name",
            "min_length": "Enter at least 3 characters",
        },
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = _helper()


class EraseConfirmForm(forms.Form):
    confirm = forms.CharField(
        label=f"Type {CONFIRM_WORD} to confirm",
        max_length=20,
        error_messages={"required": f"Type {CONFIRM_WORD} to confirm"},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = _helper()

    def clean_confirm(self):
        value = self.cleaned_data["confirm"].strip()
        if value != CONFIRM_WORD:
            raise forms.ValidationError(f"Type {CONFIRM_WORD} in capital letters to confirm")
        return value
