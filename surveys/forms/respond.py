"""The respondent's form, built from a questionnaire version. The rules live in
services.response_submit; this form only lays the questions out (NHS.UK markup through
the crispy pack) and shows the service's messages beside the right fields."""

import uuid

from crispy_forms.helper import FormHelper
from crispy_forms.layout import HTML, Div, Layout
from django import forms
from django.forms.utils import ErrorDict
from django.utils.html import conditional_escape, format_html

from ..models import ABOUT_YOU_FIELDS, QuestionKind
from ..models.about_you import UNDER_13, YEAR_GROUPS
from ..services.building import OTHER
from ..services.collecting import questions_of

SELECT_FIELDS = {"ethnic_group"}


def _label(question, texts):
    text = texts.get(f"question:{question.key}", question.text)
    return text if question.required else f"{text} (optional)"


def _field_for(question, texts):
    key = question.key
    options = [
        (o.value, texts.get(f"option:{key}:{o.value}", o.label)) for o in question.options.all()
    ]
    if question.allow_other:
        options.append((OTHER, texts.get(f"option:{key}:{OTHER}", "Other")))
    common = {
        "label": _label(question, texts),
        "required": False,
        "help_text": conditional_escape(texts.get(f"hint:{key}", question.help_text)),
    }
    if question.kind == QuestionKind.MULTIPLE:
        return forms.MultipleChoiceField(
            choices=options, widget=forms.CheckboxSelectMultiple, **common
        )
    if question.is_choice:
        return forms.ChoiceField(choices=options, widget=forms.RadioSelect, **common)
    if question.kind == QuestionKind.NUMBER:
        widget = forms.TextInput(attrs={"inputmode": "numeric", "class": "nhsuk-input--width-5"})
        return forms.CharField(widget=widget, **common)
    if question.kind == QuestionKind.LONG_TEXT:
        widget = forms.Textarea(attrs={"rows": 4, "maxlength": question.max_length})
        return forms.CharField(widget=widget, **common)
    widget = forms.TextInput(attrs={"maxlength": question.max_length, "autocomplete": "off"})
    return forms.CharField(widget=widget, **common)


class RespondentForm(forms.Form):
    client_id = forms.UUIDField(widget=forms.HiddenInput, required=False)
    at = forms.CharField(widget=forms.HiddenInput, required=False)

    lang = forms.CharField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, questionnaire, version=None, at=None, texts=None, lang="", **kwargs):
        super().__init__(*args, **kwargs)
        texts = texts or {}
        self.fields["lang"].initial = lang
        self.fields["at"].initial = at if at and str(at).isdigit() else ""
        self.questionnaire = questionnaire
        self.version = version or questionnaire.current_version
        self.fields["client_id"].initial = uuid.uuid4()
        layout = []
        section = None
        for question in questions_of(self.version):
            if question.section_id != getattr(section, "pk", None):
                section = question.section
                title = texts.get(f"section:{section.position}", section.title)
                layout.append(HTML(format_html('<h2 class="nhsuk-heading-m">{}</h2>', title)))
            name = f"q_{question.key}"
            self.fields[name] = _field_for(question, texts)
            attrs = {"data-question": question.key}
            if question.required:
                attrs["data-required"] = "true"
            if question.show_if_id:
                attrs["data-show-if"] = (
                    f"q_{question.show_if.question.key}={question.show_if.value}"
                )
            items = [name]
            if question.allow_other:
                self.fields[f"{name}_other"] = forms.CharField(
                    label="Other, please say",
                    required=False,
                    widget=forms.TextInput(attrs={"maxlength": 200, "autocomplete": "off"}),
                )
                items.append(Div(f"{name}_other", **{"data-show-if": f"{name}={OTHER}"}))
            layout.append(Div(*items, **attrs))
        # Standard wording that is not translated says so to screen readers.
        english = {"lang": "en", "dir": "ltr"} if lang else {}
        if questionnaire.include_about_you:
            layout.append(Div(*self._about_you(), **english))
        elif questionnaire.ask_year_group:
            self.fields["about_year_group"] = forms.ChoiceField(
                label="What school year are you in? (optional)",
                required=False,
                choices=YEAR_GROUPS,
                widget=forms.RadioSelect,
            )
            layout.append(Div("about_year_group", **english))
        if questionnaire.ask_match_code:
            self.fields["match_code"] = forms.CharField(
                label="Your code (optional)",
                required=False,
                help_text="To link your answers now with your answers later, make up a code "
                "you will remember, like the first two letters of your street and your "
                "birthday month: MA07. Do not use your name.",
                widget=forms.TextInput(
                    attrs={"maxlength": 12, "autocomplete": "off", "class": "nhsuk-input--width-10"}
                ),
            )
            layout.append(
                Div("match_code", **{"data-hide-if": f"about_age_band={UNDER_13}"}, **english)
            )
        layout.extend(["client_id", "at", "lang"])
        self.helper = FormHelper()
        self.helper.form_tag = False
        self.helper.disable_csrf = True
        self.helper.layout = Layout(*layout)

    def _about_you(self):
        items = [
            HTML(
                '<h2 class="nhsuk-heading-m">About you</h2><p>These questions are optional. '
                "They help us check we reach everyone. Choose “Prefer not to say” for any "
                "you would rather not answer. If you are under 13, tell us your age and we "
                "will not ask anything else about you.</p>"
            )
        ]
        for name, label, choices in ABOUT_YOU_FIELDS:
            field_name = f"about_{name}"
            if name in SELECT_FIELDS:
                self.fields[field_name] = forms.ChoiceField(
                    label=label, required=False, choices=[("", "Choose an answer"), *choices]
                )
            else:
                self.fields[field_name] = forms.ChoiceField(
                    label=label, required=False, choices=choices, widget=forms.RadioSelect
                )
            if name == "age_band":
                items.append(field_name)
            else:
                items.append(Div(field_name, **{"data-hide-if": f"about_age_band={UNDER_13}"}))
        self.fields["about_postcode_district"] = forms.CharField(
            label="The first part of your postcode (optional)",
            required=False,
            help_text="Only the first part, like GL52 or LU1. "
            "Leave it empty if you prefer not to say.",
            widget=forms.TextInput(
                attrs={"maxlength": 4, "autocomplete": "off", "class": "nhsuk-input--width-4"}
            ),
        )
        items.append(
            Div("about_postcode_district", **{"data-hide-if": f"about_age_band={UNDER_13}"})
        )
        return items

    def show_errors(self, message_dict):
        """Put the service's messages beside their fields."""
        self.cleaned_data = {}
        self._errors = ErrorDict()
        for key, messages in message_dict.items():
            if key == "__all__":
                name = None
            elif key in self.fields:
                name = key
            else:
                name = f"q_{key}" if f"q_{key}" in self.fields else None
            self._errors.setdefault(name or "__all__", self.error_class()).extend(messages)
