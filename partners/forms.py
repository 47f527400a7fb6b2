"""Forms for the directory pages. They check input and say what is wrong in plain words;
the services in services.py do the writing."""

import re

from crispy_forms.helper import FormHelper
from crispy_forms.layout import HTML, Div, Field, Fieldset, Layout
from django import forms
from django.utils import timezone

from outreach.widgets import NHSDateInput

from .models import (
    Ambassador,
    CommunityGroup,
    Contact,
    ICBArea,
    Organisation,
    OrganisationKind,
    PreferredContact,
    YearGroup,
)
from .models.organisations import EDUCATION_KINDS
from .services import AMBASSADOR_FIELDS, CONTACT_FIELDS, ORGANISATION_FIELDS
from .validators import normalise_postcode, validate_uk_postcode

REAL_DATE = "Enter a real date"
# Digits with the spaces, brackets, dashes and leading + people write phone numbers with.
_PHONE_CHARACTERS = re.compile(r"^\+?[0-9 ()\-]+$")


class YesNoField(forms.TypedChoiceField):
    """A yes-or-no question as two radios: NHS.UK frontend gives a question with a hint
    above its answers, where a lone checkbox would leave the hint detached above it."""

    widget = forms.RadioSelect

    def __init__(self, *, yes="Yes", no="No", **kwargs):
        super().__init__(
            choices=[(True, yes), (False, no)],
            coerce=lambda value: value in (True, "True"),
            **kwargs,
        )


def _helper(layout) -> FormHelper:
    """Our page templates wrap each form in <form> with its own token and buttons."""
    helper = FormHelper()
    helper.form_tag = False
    helper.disable_csrf = True
    helper.layout = layout
    return helper


def _clean_phone(value: str) -> str:
    value = " ".join(value.split())
    if value and (
        not _PHONE_CHARACTERS.match(value) or not 10 <= len(re.sub(r"\D", "", value)) <= 15
    ):
        raise forms.ValidationError(
            "Enter a phone number, like 01632 960 001 or 07700 900 982",
            code="invalid_phone",
        )
    return value


class OrganisationForm(forms.ModelForm):
    """Organisation profile. The area can only be one the user manages; someone editing
    their own organisation's profile (not its area's workforce lead) cannot move it to
    another area or change what kind of organisation it is."""

    SCHOOL_FIELDS = (
        "urn",
        "phase",
        "establishment_type",
        "local_authority",
        "number_of_pupils",
        "percentage_fsm",
        "imd_decile",
    )

    postcode = forms.CharField(
        label="Postcode",
        required=False,
        max_length=12,
        widget=forms.TextInput(
            attrs={"class": "nhsuk-input--width-10", "autocomplete": "postal-code"}
        ),
        error_messages={"max_length": "Enter a real UK postcode, like GL1 2AB"},
    )
    website = forms.URLField(
        label="Website",
        required=False,
        max_length=200,
        assume_scheme="https",
        help_text="For example, https://www.example.org.uk",
        error_messages={"invalid": "Enter a website address, like https://www.example.org.uk"},
    )
    is_open = YesNoField(
        label="Is it open?",
        initial=True,
        no="No, it has closed",
        help_text="Closed organisations stay in the directory so past records still make sense.",
        error_messages={"required": "Select whether the organisation is open"},
    )
    groups_served = forms.ModelMultipleChoiceField(
        label="Under-represented groups it works with",
        queryset=CommunityGroup.objects.all(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text="Select all that apply.",
    )

    class Meta:
        model = Organisation
        fields = [
            "name",
            "kind",
            "area",
            "address",
            "postcode",
            "website",
            "email",
            "phone",
            "description",
            "groups_served",
            "is_open",
            "urn",
            "phase",
            "establishment_type",
            "local_authority",
            "number_of_pupils",
            "percentage_fsm",
            "imd_decile",
        ]
        labels = {
            "name": "Name of organisation",
            "kind": "Type of organisation",
            "area": "ICB area",
            "email": "General email address",
            "phone": "General phone number",
            "description": "What the organisation does",
            "urn": "URN (unique reference number)",
            "phase": "Phase",
            "establishment_type": "Type of school",
            "local_authority": "Local authority",
            "number_of_pupils": "Number of pupils",
            "percentage_fsm": "Percentage of pupils eligible for free school meals",
            "imd_decile": "IMD decile",
        }
        help_texts = {
            "description": "One or two sentences other partners will find useful.",
            "urn": "The 6-digit number from Get Information About Schools.",
            "establishment_type": "For example, academy converter or community school.",
            "percentage_fsm": "A number from 0 to 100.",
            "imd_decile": "From 1 (most deprived tenth of areas in England) to 10 (least "
            "deprived).",
        }
        widgets = {
            "address": forms.Textarea(attrs={"rows": 3}),
            "description": forms.Textarea(attrs={"rows": 4}),
            "phone": forms.TextInput(attrs={"class": "nhsuk-input--width-20", "type": "tel"}),
            "urn": forms.TextInput(
                attrs={"class": "nhsuk-input--width-10", "inputmode": "numeric"}
            ),
            "number_of_pupils": forms.TextInput(
                attrs={"class": "nhsuk-input--width-5", "inputmode": "numeric"}
            ),
            "percentage_fsm": forms.TextInput(
                attrs={"class": "nhsuk-input--width-5", "inputmode": "decimal"}
            ),
            "imd_decile": forms.TextInput(
                attrs={"class": "nhsuk-input--width-2", "inputmode": "numeric"}
            ),
        }
        error_messages = {
            "name": {"required": "Enter the name of the organisation"},
            "kind": {"required": "Select the type of organisation"},
            "area": {"required": "Select the ICB area"},
            "email": {
                "invalid": "Enter an email address in the correct format, like name@example.org"
            },
            "urn": {
                "invalid": "Enter the URN as a number, like 115629",
                "unique": "Another organisation in the directory already has this URN",
            },
            "number_of_pupils": {"invalid": "Enter the number of pupils as a whole number"},
            "percentage_fsm": {"invalid": "Enter the percentage as a number, like 23.5"},
            "imd_decile": {"invalid": "Enter the IMD decile as a whole number from 1 to 10"},
        }

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        areas = ICBArea.objects.managed_by(user)
        creating = self.instance.pk is None
        # Only someone who manages the organisation's area (its workforce lead or an
        # administrator) may move it or change its kind.
        self.can_move = creating or areas.filter(pk=self.instance.area_id).exists()
        if self.can_move:
            self.fields["area"].queryset = areas
            self.fields["area"].empty_label = "Select an ICB area"
            if creating:
                managed = list(areas.values_list("pk", flat=True)[:2])
                if len(managed) == 1:
                    self.initial.setdefault("area", managed[0])
            self.fields["kind"].choices = [("", "Select a type"), *OrganisationKind.choices]
        else:
            del self.fields["area"]
            del self.fields["kind"]
        self.fields["phase"].choices = [("", "Not known or not a school")] + [
            choice for choice in self.fields["phase"].choices if choice[0]
        ]
        for name, message in (
            ("imd_decile", "Enter an IMD decile from 1 to 10"),
            ("percentage_fsm", "Enter a percentage from 0 to 100"),
        ):
            self.fields[name].error_messages.update(min_value=message, max_value=message)

        sections = [
            Fieldset(
                "About the organisation",
                *[name for name in ("name", "kind", "area") if name in self.fields],
                "description",
                "groups_served",
                "is_open",
            ),
            Fieldset(
                "How to reach it",
                "address",
                "postcode",
                Field("website", css_class="nhsuk-u-width-two-thirds"),
                Field("email", css_class="nhsuk-u-width-two-thirds"),
                "phone",
            ),
        ]
        if self.can_move or self.instance.is_school:
            sections.append(
                Fieldset(
                    "School or college details",
                    HTML(
                        '<p class="nhsuk-hint">Only for a school or college. The details '
                        "are as in Get Information About Schools.</p>"
                        if self.can_move
                        else '<p class="nhsuk-hint">As in Get Information About Schools.</p>'
                    ),
                    *self.SCHOOL_FIELDS,
                    css_id="school-details",
                )
            )
        else:
            # The kind cannot change here, and it is not a school: nothing to fill in.
            for name in self.SCHOOL_FIELDS:
                del self.fields[name]
        self.helper = _helper(Layout(*sections))

    def clean_postcode(self):
        # Checked here, before the model's 8-character limit, so a mistyped postcode gets
        # the postcode message rather than one about its length.
        postcode = normalise_postcode(self.cleaned_data["postcode"])
        validate_uk_postcode(postcode)
        return postcode

    def clean_phone(self):
        return _clean_phone(self.cleaned_data["phone"])

    def clean(self):
        cleaned = super().clean()
        kind = cleaned.get("kind") if self.can_move else self.instance.kind
        if kind and kind not in EDUCATION_KINDS:
            for name in self.SCHOOL_FIELDS:
                if cleaned.get(name) not in (None, ""):
                    self.add_error(name, "Leave this blank: it is only for schools and colleges")
        return cleaned

    def service_data(self) -> dict:
        """The cleaned values the organisation services take."""
        return {k: v for k, v in self.cleaned_data.items() if k in ORGANISATION_FIELDS}


class ContactForm(forms.ModelForm):
    is_key_contact = YesNoField(
        label="Is this person the key contact?",
        initial=False,
        error_messages={"required": "Select whether this person is the key contact"},
    )

    class Meta:
        model = Contact
        fields = [
            "name",
            "job_title",
            "email",
            "phone",
            "preferred_contact",
            "accessibility_needs",
            "is_key_contact",
        ]
        labels = {
            "name": "Full name",
            "job_title": "Role",
            "email": "Email address",
            "phone": "Phone number",
            "preferred_contact": "How do they prefer to be contacted?",
            "accessibility_needs": "Accessibility needs (optional)",
        }
        help_texts = {
            "job_title": "For example, careers leader or volunteer coordinator.",
            "accessibility_needs": 'Anything that helps you reach them, for example "BSL '
            'interpreter" or "large print".',
        }
        widgets = {
            "preferred_contact": forms.RadioSelect,
            "email": forms.EmailInput(attrs={"autocomplete": "off"}),
            "phone": forms.TextInput(
                attrs={"class": "nhsuk-input--width-20", "type": "tel", "autocomplete": "off"}
            ),
        }
        error_messages = {
            "name": {"required": "Enter the contact's full name"},
            "email": {
                "invalid": "Enter an email address in the correct format, like name@example.org"
            },
            "preferred_contact": {"required": "Select how they prefer to be contacted"},
        }

    def __init__(self, *args, key_contact=None, **kwargs):
        """key_contact: the organisation's key contact now, if it has one."""
        super().__init__(*args, **kwargs)
        self.fields["preferred_contact"].choices = PreferredContact.choices
        hint = "The key contact is the first person other partners get in touch with. "
        if key_contact is None:
            hint += "There is no key contact at the moment."
        elif key_contact.pk == self.instance.pk:
            hint += "This person is the key contact now."
        else:
            hint += f"{key_contact.name} is the key contact now: choosing yes replaces them."
        self.fields["is_key_contact"].help_text = hint
        self.helper = _helper(
            Layout(
                Field("name", css_class="nhsuk-u-width-two-thirds", autocomplete="off"),
                Field("job_title", css_class="nhsuk-u-width-two-thirds"),
                Field("email", css_class="nhsuk-u-width-two-thirds"),
                "phone",
                "preferred_contact",
                Field("accessibility_needs", css_class="nhsuk-u-width-two-thirds"),
                "is_key_contact",
            )
        )

    def clean_phone(self):
        return _clean_phone(self.cleaned_data["phone"])

    def clean(self):
        cleaned = super().clean()
        preferred = cleaned.get("preferred_contact")
        email, phone = cleaned.get("email"), cleaned.get("phone")
        # Only complain about a missing value, not one already reported as wrongly typed.
        email_missing = not email and "email" not in self.errors
        phone_missing = not phone and "phone" not in self.errors
        if preferred == PreferredContact.EMAIL and email_missing:
            self.add_error("email", "Enter an email address, as they prefer email")
        elif preferred == PreferredContact.PHONE and phone_missing:
            self.add_error("phone", "Enter a phone number, as they prefer the phone")
        elif preferred == PreferredContact.EITHER and email_missing and phone_missing:
            self.add_error("email", "Enter an email address or a phone number")
        return cleaned

    def service_data(self) -> dict:
        return {k: v for k, v in self.cleaned_data.items() if k in CONTACT_FIELDS}


class AmbassadorForm(forms.ModelForm):
    is_active = YesNoField(
        label="Are they volunteering at the moment?",
        initial=True,
        no="No, not at the moment",
        help_text="People who have stopped for now stay on the list, marked as not volunteering.",
        error_messages={"required": "Select whether they are volunteering at the moment"},
    )
    year_groups = forms.ModelMultipleChoiceField(
        label="Year groups they can talk to",
        queryset=YearGroup.objects.all(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text="Select all that apply.",
    )

    class Meta:
        model = Ambassador
        fields = [
            "name",
            "email",
            "profession",
            "year_groups",
            "topics",
            "dbs_checked_on",
            "dbs_renewal_due",
            "safeguarding_trained_on",
            "is_active",
        ]
        labels = {
            "name": "Full name",
            "email": "Email address (optional)",
            "profession": "Profession or role",
            "topics": "Topics they can cover (optional)",
            "dbs_checked_on": "Date of their last DBS check",
            "dbs_renewal_due": "When their DBS check is due for renewal",
            "safeguarding_trained_on": "Date of their last safeguarding training",
        }
        help_texts = {
            "profession": "For example, staff nurse or paramedic.",
            "dbs_checked_on": "For example, 15 3 2024",
            "dbs_renewal_due": "Most organisations renew DBS checks every 3 years. "
            "For example, 15 3 2027",
            "safeguarding_trained_on": "For example, 2 9 2024",
        }
        widgets = {
            "dbs_checked_on": NHSDateInput,
            "dbs_renewal_due": NHSDateInput,
            "safeguarding_trained_on": NHSDateInput,
        }
        error_messages = {
            "name": {"required": "Enter the ambassador's full name"},
            "profession": {"required": "Enter their profession or role"},
            "email": {
                "invalid": "Enter an email address in the correct format, like name@example.org"
            },
        }

    DATE_FIELDS = ("dbs_checked_on", "dbs_renewal_due", "safeguarding_trained_on")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in self.DATE_FIELDS:
            self.fields[name].error_messages["invalid"] = REAL_DATE
        self.helper = _helper(
            Layout(
                Field("name", css_class="nhsuk-u-width-two-thirds"),
                Field("email", css_class="nhsuk-u-width-two-thirds"),
                Field("profession", css_class="nhsuk-u-width-two-thirds"),
                Div("year_groups", css_class="outreach-checkbox-columns"),
                Field("topics", css_class="nhsuk-u-width-two-thirds"),
                Fieldset(
                    "Safety checks",
                    "dbs_checked_on",
                    "dbs_renewal_due",
                    "safeguarding_trained_on",
                ),
                "is_active",
            )
        )

    def clean(self):
        cleaned = super().clean()
        today = timezone.localdate()
        for name in ("dbs_checked_on", "safeguarding_trained_on"):
            value = cleaned.get(name)
            if value and value > today:
                self.add_error(name, "The date must be today or in the past")
        checked, renewal = cleaned.get("dbs_checked_on"), cleaned.get("dbs_renewal_due")
        if checked and renewal and renewal <= checked:
            self.add_error(
                "dbs_renewal_due", "The renewal date must be after the date of the DBS check"
            )
        return cleaned

    def service_data(self) -> dict:
        return {k: v for k, v in self.cleaned_data.items() if k in AMBASSADOR_FIELDS}
