"""Builder forms. They collect input; services apply the rules."""

from crispy_forms.helper import FormHelper
from django import forms
from django.core.exceptions import ValidationError

from outreach.widgets import NHSDateInput
from programmes.models import EngagementEvent, Goal

from ..models import QuestionKind, Questionnaire, QuestionnaireTemplate
from ..services.building import _buildable_programmes


def _helper():
    helper = FormHelper()
    helper.form_tag = False
    helper.disable_csrf = True
    return helper


class QuestionnaireCreateForm(forms.Form):
    template = forms.ModelChoiceField(
        queryset=QuestionnaireTemplate.objects.all(),
        required=False,
        empty_label="Start with an empty questionnaire",
        widget=forms.RadioSelect,
        label="Start from a template",
        help_text="You can change every question afterwards.",
    )
    title = forms.CharField(max_length=200, help_text="Respondents see this as the page heading.")
    programme = forms.ModelChoiceField(queryset=None, empty_label="Choose a programme")
    event = forms.ModelChoiceField(
        queryset=None,
        required=False,
        empty_label="No particular event",
        label="Event (optional)",
        help_text="Answers are filed under this event, so results can be filtered by it.",
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        programmes = _buildable_programmes(user)
        self.fields["programme"].queryset = programmes
        self.fields["event"].queryset = EngagementEvent.objects.filter(
            programme__in=programmes.values("pk")
        ).select_related("programme")
        self.fields["event"].label_from_instance = lambda e: f"{e} — {e.programme}"
        self.fields["template"].label_from_instance = lambda t: t.name
        self.helper = _helper()

    def clean(self):
        data = super().clean()
        event, programme = data.get("event"), data.get("programme")
        if event and programme and event.programme_id != programme.pk:
            raise ValidationError({"event": "Choose an event of this programme."})
        return data


class QuestionnaireSettingsForm(forms.ModelForm):
    bsl_video_url = forms.URLField(
        label="Link to a BSL video (optional)", required=False, assume_scheme="https"
    )
    easy_read_url = forms.URLField(
        label="Link to an easy-read version (optional)", required=False, assume_scheme="https"
    )

    class Meta:
        model = Questionnaire
        fields = [
            "title",
            "purpose",
            "introduction",
            "event",
            "opens_on",
            "closes_on",
            "include_about_you",
            "ask_year_group",
            "ask_match_code",
            "before",
            "kiosk_idle_seconds",
            "bsl_video_url",
            "easy_read_url",
            "privacy_notice",
        ]
        widgets = {
            "opens_on": NHSDateInput,
            "closes_on": NHSDateInput,
            "introduction": forms.Textarea(attrs={"rows": 3}),
            "privacy_notice": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        programme = self.instance.programme
        self.fields["event"].queryset = EngagementEvent.objects.filter(programme=programme)
        self.fields["event"].empty_label = "No particular event"
        self.fields["before"].queryset = Questionnaire.objects.filter(programme=programme).exclude(
            pk=self.instance.pk
        )
        self.fields["before"].label = "Compare with this 'before' questionnaire"
        self.fields["before"].empty_label = "Not compared"
        self.helper = _helper()


def _before(one, other):
    return (one.section.position, one.position, one.pk) < (
        other.section.position,
        other.position,
        other.pk,
    )


class QuestionForm(forms.Form):
    text = forms.CharField(label="Question", max_length=300, widget=forms.TextInput)
    help_text = forms.CharField(
        label="Hint (optional)",
        max_length=300,
        required=False,
        help_text="Extra words under the question, like 'Choose all that apply'.",
    )
    kind = forms.ChoiceField(
        label="Kind of question", choices=QuestionKind.choices, widget=forms.RadioSelect
    )
    options = forms.CharField(
        label="Options (for single and multiple choice)",
        required=False,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text="One option a line, in the order respondents see them. The agree "
        "scale, yes or no and consent questions have their own.",
    )
    allow_other = forms.BooleanField(label='Offer "Other, please say"', required=False)
    required = forms.BooleanField(label="An answer is needed", required=False)
    goal = forms.ModelChoiceField(
        queryset=Goal.objects.all(),
        required=False,
        empty_label="No goal",
        label="Goal it measures (optional)",
    )
    show_if = forms.ChoiceField(label="Show this question only if (optional)", required=False)
    section = forms.ChoiceField(label="Section", required=False)

    def __init__(self, *args, version, question=None, **kwargs):
        super().__init__(*args, **kwargs)
        choices = [("", "Always show it")]
        earlier = version.questions.filter(
            kind__in=["single", "multiple", "yes_no", "consent", "likert"]
        ).order_by("section__position", "position", "pk")
        if question is not None:
            earlier = [q for q in earlier.prefetch_related("options") if _before(q, question)]
        else:
            earlier = earlier.prefetch_related("options")
        for parent in earlier:
            for option in parent.options.all():
                choices.append(
                    (
                        f"{parent.key}={option.value}",
                        f"“{parent.text}” is answered “{option.label}”",
                    )
                )
        self.fields["show_if"].choices = choices
        sections = [(str(s.pk), s.title) for s in version.sections.all()]
        self.fields["section"].choices = sections
        if question is not None:
            del self.fields["section"]
        self.helper = _helper()
