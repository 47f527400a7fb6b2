from django import forms
from django.db.models import Q

from outreach.uploads import ImportFileField
from outreach.widgets import NHSDateInput
from partners.models import Organisation

from ..models import (
    Cohort,
    ContractType,
    JobRole,
    LeftReason,
    Participant,
    PartnerRole,
    Stage,
    SupportRecord,
)


class CohortForm(forms.ModelForm):
    class Meta:
        model = Cohort
        fields = [
            "name",
            "delivering_organisation",
            "employers",
            "starts_on",
            "ends_on",
            "capacity",
            "min_age",
            "max_age",
            "offers_course",
            "offers_interview",
            "offers_mentoring",
            "offers_wellbeing",
            "offers_grants",
            "cost",
            "outcome_value",
        ]
        labels = {
            "name": "Cohort name",
            "employers": "Employer partners (optional)",
            "ends_on": "End date (optional)",
            "capacity": "Places",
            "min_age": "Youngest age",
            "max_age": "Oldest age",
            "offers_course": "Pre-employment course",
            "offers_interview": "Guaranteed interview",
            "offers_mentoring": "Mentoring",
            "offers_wellbeing": "Wellbeing support",
            "offers_grants": "Needs-based grants",
            "cost": "Cost of the cohort in £ (optional)",
            "outcome_value": "Value of the outcomes in £ (optional)",
        }
        help_texts = {
            "delivering_organisation": "A delivery partner of the programme. Only its "
            "delivery-partner staff see participants' names.",
            "cost": "Used for the cost per participant and the return for each £1.",
        }
        widgets = {
            "starts_on": NHSDateInput,
            "ends_on": NHSDateInput,
            "employers": forms.CheckboxSelectMultiple,
        }

    def __init__(self, *args, programme, **kwargs):
        super().__init__(*args, **kwargs)
        partners = Organisation.objects.filter(
            programme_roles__programme=programme,
        ).distinct()
        self.fields["delivering_organisation"].queryset = partners.filter(
            programme_roles__role__in=[PartnerRole.DELIVERY, PartnerRole.LEAD]
        ).order_by("name")
        self.fields["delivering_organisation"].empty_label = "Choose an organisation"
        self.fields["employers"].queryset = partners.order_by("name")
        for name in ("min_age", "max_age", "capacity"):
            self.fields[name].widget.attrs["class"] = "nhsuk-input--width-4"


class ParticipantForm(forms.ModelForm):
    """Equality monitoring, consent and, for the delivering organisation, the identity."""

    given_name = forms.CharField(label="First name", max_length=100, required=False)
    family_name = forms.CharField(label="Last name", max_length=100, required=False)
    email = forms.EmailField(label="Email (optional)", required=False)
    phone = forms.CharField(label="Phone (optional)", max_length=30, required=False)
    postcode = forms.CharField(
        label="Home postcode (optional)",
        max_length=10,
        required=False,
        help_text="Used to work out the IMD quintile when you leave it empty. Stored with "
        "the name, never in reports.",
    )

    class Meta:
        model = Participant
        fields = [
            "partner_reference",
            "consent_on",
            "consent_version",
            "age_band",
            "gender",
            "ethnic_group",
            "disability",
            "carer",
            "care_leaver",
            "refugee",
            "previously_neet",
            "imd_quintile",
        ]
        labels = {
            "partner_reference": "Your reference (optional)",
            "consent_on": "Date they gave consent",
            "consent_version": "Version of the consent wording they agreed to",
            "age_band": "Age band (optional)",
            "gender": "Gender (optional)",
            "ethnic_group": "Ethnic group (optional)",
            "disability": "Disabled (optional)",
            "carer": "Young carer (optional)",
            "care_leaver": "Care leaver (optional)",
            "refugee": "Refugee or asylum seeker (optional)",
            "previously_neet": "Previously not in education, employment or training (optional)",
            "imd_quintile": "IMD quintile (optional)",
        }
        help_texts = {"consent_version": "For example, v2 (March 2025)."}
        widgets = {"consent_on": NHSDateInput}

    IDENTITY = ("given_name", "family_name", "email", "phone", "postcode")

    def __init__(self, *args, identity=None, **kwargs):
        super().__init__(*args, **kwargs)
        if identity is not None:
            for name in self.IDENTITY:
                self.fields[name].initial = getattr(identity, name)
        for field in self.fields.values():
            choices = getattr(field, "choices", None)
            if isinstance(field, forms.ChoiceField) and choices and choices[0][0] == "":
                field.choices = [("", "Not asked yet"), *choices[1:]]

    def participant_data(self) -> dict:
        return {name: self.cleaned_data[name] for name in self.Meta.fields}

    def identity_data(self) -> dict:
        return {name: self.cleaned_data[name] for name in self.IDENTITY}


class StageForm(forms.Form):
    stage = forms.ChoiceField(label="Stage", choices=Stage.choices)
    occurred_on = forms.DateField(label="Date", widget=NHSDateInput)
    skip_reason = forms.CharField(
        label="Reason for skipping earlier stages (only if you skip any)",
        max_length=255,
        required=False,
    )
    referred_by = forms.ModelChoiceField(
        label="Referred by (for a referral)", queryset=Organisation.objects.none(), required=False
    )
    role = forms.ChoiceField(
        label="Role offered (for an offer)",
        choices=[("", "Choose a role"), *JobRole.choices],
        required=False,
    )
    employer = forms.ModelChoiceField(
        label="Employer (for an offer)", queryset=Organisation.objects.none(), required=False
    )
    band = forms.CharField(
        label="Agenda for Change band (for an offer)", max_length=8, required=False
    )
    contract_type = forms.ChoiceField(
        label="Contract (for an offer)",
        choices=[("", "Choose a contract"), *ContractType.choices],
        required=False,
    )
    left_reason = forms.ChoiceField(
        label="Why they left (when they left)",
        choices=[("", "Choose a reason"), *LeftReason.choices],
        required=False,
    )

    def __init__(self, *args, cohort, **kwargs):
        super().__init__(*args, **kwargs)
        in_programme = Q(programme_roles__programme_id=cohort.programme_id)
        partners = Organisation.objects.filter(in_programme).distinct().order_by("name")
        self.fields["referred_by"].queryset = partners
        self.fields["referred_by"].empty_label = "Choose a partner"
        self.fields["employer"].queryset = (
            Organisation.objects.filter(in_programme | Q(employer_cohorts=cohort))
            .distinct()
            .order_by("name")
        )
        self.fields["employer"].empty_label = "Choose an employer"
        self.fields["band"].widget.attrs["class"] = "nhsuk-input--width-4"

    def details(self) -> dict:
        data = self.cleaned_data
        stage = data["stage"]
        if stage == Stage.REFERRED:
            return {"referred_by": data["referred_by"]}
        if stage == Stage.OFFERED:
            return {
                "role": data["role"],
                "employer": data["employer"],
                "band": data["band"],
                "contract_type": data["contract_type"],
            }
        if stage == Stage.LEFT:
            return {"left_reason": data["left_reason"]}
        return {}


class SupportForm(forms.ModelForm):
    class Meta:
        model = SupportRecord
        fields = ["kind", "occurred_on", "amount", "hours", "notes"]
        labels = {
            "kind": "Support",
            "amount": "Grant amount in £ (for a grant)",
            "hours": "Hours (optional)",
            "notes": "Notes (optional)",
        }
        widgets = {"kind": forms.RadioSelect, "occurred_on": NHSDateInput}


class CheckInForm(forms.Form):
    in_post = forms.TypedChoiceField(
        label="Are they still in post?",
        choices=[("yes", "Yes, still in post"), ("no", "No, they have left")],
        coerce=lambda value: value == "yes",
        widget=forms.RadioSelect,
    )
    answered_on = forms.DateField(label="Date you checked", widget=NHSDateInput)
    left_on = forms.DateField(
        label="Date they left (if they left)", widget=NHSDateInput, required=False
    )
    left_reason = forms.ChoiceField(
        label="Why they left (if they left)",
        choices=[("", "Choose a reason"), *LeftReason.choices],
        required=False,
    )


class ParticipantImportForm(forms.Form):
    """The events upload's checks (outreach.uploads), reading the participants' columns."""

    file = ImportFileField(
        label="Upload a spreadsheet of participants",
        help_text="A CSV (UTF-8) or Excel workbook (.xlsx) with the template's columns.",
        error_messages={"required": "Choose a CSV or Excel file to upload."},
    )

    def clean_file(self):
        from ..services.participant_imports import read_rows
        from ..spreadsheets import SpreadsheetError

        upload = self.cleaned_data["file"]
        try:
            self.rows = read_rows(upload)
        except SpreadsheetError as exc:
            raise forms.ValidationError(str(exc)) from exc
        return upload
