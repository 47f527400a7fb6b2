"""Forms of the booking pages. They only shape input; the rules are the services'."""

import datetime

from django import forms
from django.utils import timezone

from outreach.widgets import NHSDateInput
from partners.models import Ambassador, Organisation, YearGroup

from ..models import (
    ActivityType,
    CapacityUnit,
    Goal,
    OfferFormat,
    PriorityGroup,
    Programme,
    WorkshopOffer,
)


class CatalogueFilterForm(forms.Form):
    year_group = forms.ModelChoiceField(
        YearGroup.objects.all(), required=False, empty_label="Any year group"
    )
    goal = forms.ModelChoiceField(Goal.objects.all(), required=False, empty_label="Any goal")
    format = forms.ChoiceField(choices=[("", "Any format"), *OfferFormat.choices], required=False)
    date_from = forms.DateField(label="From", required=False, widget=NHSDateInput)
    date_to = forms.DateField(label="To", required=False, widget=NHSDateInput)
    near = forms.BooleanField(
        label="Only near my school (same postcode area, or in school / online)",
        required=False,
    )


class BookingForm(forms.Form):
    year_group = forms.ModelChoiceField(YearGroup.objects.none(), empty_label="Choose a year group")
    students = forms.IntegerField(label="Number of students", min_value=1)
    contact_name = forms.CharField(label="Teacher to contact on the day", max_length=120)
    contact_email = forms.EmailField(label="Their email address")
    access_needs = forms.CharField(
        label="Access needs (optional)",
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="For example: a wheelchair user, a BSL interpreter, a quiet space.",
    )

    def __init__(self, *args, offer, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["year_group"].queryset = offer.year_groups.all()
        self.fields["students"].help_text = f"Up to {offer.max_students} students."


class CancelForm(forms.Form):
    reason = forms.CharField(
        label="Why is it cancelled?",
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="The school sees this. Required when a delivery partner cancels.",
    )
    late = forms.BooleanField(
        label="The school cancelled late (after the booking deadline)", required=False
    )


class OfferForm(forms.ModelForm):
    class Meta:
        model = WorkshopOffer
        fields = [
            "programme",
            "partner",
            "title",
            "description",
            "goals",
            "activity_type",
            "year_groups",
            "duration_minutes",
            "format",
            "max_students",
            "school_must_provide",
            "bsl_available",
            "step_free",
            "quiet_room",
            "accessibility_notes",
            "open_to_schools",
            "open_to_postcode_areas",
            "priority_opens_at",
            "opens_at",
            "offer_hold_hours",
            "before_questionnaire",
            "after_questionnaire",
            "published",
        ]
        widgets = {
            "goals": forms.CheckboxSelectMultiple,
            "year_groups": forms.CheckboxSelectMultiple,
            "format": forms.RadioSelect,
            "description": forms.Textarea(attrs={"rows": 4}),
            "school_must_provide": forms.Textarea(attrs={"rows": 2}),
            "accessibility_notes": forms.Textarea(attrs={"rows": 2}),
            "priority_opens_at": forms.DateTimeInput(attrs={"type": "datetime-local"}),
            "opens_at": forms.DateTimeInput(attrs={"type": "datetime-local"}),
        }
        help_texts = {
            "priority_opens_at": "Optional. Target schools and schools in IMD deciles 1–3 "
            "may book from this time.",
            "opens_at": "Optional. Every school may book from this time.",
        }

    def __init__(self, *args, programmes, partners, user, **kwargs):
        from surveys.models import Questionnaire

        super().__init__(*args, **kwargs)
        self.fields["programme"].queryset = programmes
        self.fields["partner"].queryset = partners
        self.fields["goals"].queryset = Goal.objects.all()
        self.fields["activity_type"].queryset = ActivityType.objects.all()
        self.fields["year_groups"].queryset = YearGroup.objects.all()
        areas = programmes.values("area_id")
        self.fields["open_to_schools"].queryset = (
            Organisation.objects.filter(area_id__in=areas).schools().order_by("name")
        )
        self.fields["open_to_schools"].label = "Only these schools (optional)"
        self.fields["open_to_schools"].widget.attrs["size"] = 8
        self.fields["open_to_postcode_areas"].label = "Only these postcode areas (optional)"
        self.fields["format"].choices = OfferFormat.choices
        self.fields["school_must_provide"].label = "What the school must provide (optional)"
        self.fields["accessibility_notes"].label = "Other accessibility information (optional)"
        self.fields["activity_type"].empty_label = "Choose an activity type"
        self.fields["programme"].empty_label = "Choose a programme"
        self.fields["partner"].empty_label = "Choose your organisation"
        # Questionnaires of the offer's programme (of the user's programmes while it is
        # not chosen yet) that the user may see.
        questionnaires = Questionnaire.objects.for_user(user).order_by("title", "pk")
        if self.instance.pk:
            questionnaires = questionnaires.filter(programme_id=self.instance.programme_id)
        else:
            questionnaires = questionnaires.filter(programme__in=programmes.values("pk"))
        for name, label in (
            ("before_questionnaire", "Questionnaire before the workshop (optional)"),
            ("after_questionnaire", "Questionnaire after the workshop (optional)"),
        ):
            self.fields[name].queryset = questionnaires
            self.fields[name].label = label
            self.fields[name].empty_label = "No questionnaire"
        self.fields["before_questionnaire"].help_text = "Its link is in the booking confirmation."
        self.fields[
            "after_questionnaire"
        ].help_text = "Its link is sent to the careers lead once attendance is recorded."
        if self.instance.pk:
            del self.fields["programme"]
            del self.fields["partner"]

    def clean(self):
        cleaned = super().clean()
        programme = self.instance.programme if self.instance.pk else cleaned.get("programme")
        if programme is not None:
            for name in ("before_questionnaire", "after_questionnaire"):
                questionnaire = cleaned.get(name)
                if questionnaire is not None and questionnaire.programme_id != programme.pk:
                    self.add_error(name, f"Choose a questionnaire of {programme}.")
        return cleaned


class SlotForm(forms.Form):
    date = forms.DateField(widget=NHSDateInput)
    start_time = forms.TimeField(label="Start time", help_text="For example, 09:30.")
    end_time = forms.TimeField(label="End time", help_text="For example, 11:00.")
    capacity = forms.IntegerField(label="Places", min_value=1)
    capacity_unit = forms.ChoiceField(
        label="Places are counted in",
        choices=CapacityUnit.choices,
        initial=CapacityUnit.STUDENTS,
        widget=forms.RadioSelect,
    )
    deadline_days = forms.IntegerField(
        label="Booking closes this many days before", min_value=0, initial=3
    )
    location = forms.CharField(label="Location (optional)", max_length=255, required=False)
    facilitator = forms.CharField(label="Facilitator (optional)", max_length=120, required=False)
    repeat_until = forms.DateField(
        label="Repeat every week until (optional)",
        required=False,
        widget=NHSDateInput,
        help_text="For example, every Tuesday to the end of the Spring term.",
    )

    def slot_input(self):
        from ..services.bookings import SlotInput

        data = self.cleaned_data
        starts = timezone.make_aware(datetime.datetime.combine(data["date"], data["start_time"]))
        return SlotInput(
            date=data["date"],
            start_time=data["start_time"],
            end_time=data["end_time"],
            capacity=data["capacity"],
            capacity_unit=data["capacity_unit"],
            booking_deadline=starts - datetime.timedelta(days=data["deadline_days"]),
            location=data["location"],
            facilitator=data["facilitator"],
        )


class AttendanceForm(forms.Form):
    attended = forms.IntegerField(label="How many students attended?", min_value=0)


class PriorityForm(forms.Form):
    priority = forms.TypedChoiceField(
        choices=PriorityGroup.choices, coerce=int, widget=forms.RadioSelect
    )
    reason = forms.CharField(label="Why are you changing it?", max_length=255)


def programmes_for_offers(user):
    return Programme.objects.loggable_by(user).order_by("name")


class SchoolRequestForm(forms.Form):
    topic = forms.CharField(
        label="What would you like?",
        max_length=200,
        help_text="A topic or a profession, for example “a talk by a midwife”.",
    )
    year_group = forms.ModelChoiceField(YearGroup.objects.all(), empty_label="Choose a year group")
    students = forms.IntegerField(label="Number of students", min_value=1)
    preferred_dates = forms.CharField(
        label="Dates that suit you",
        max_length=255,
        help_text="For example, “any Tuesday in March”.",
    )
    format = forms.ChoiceField(choices=OfferFormat.choices, widget=forms.RadioSelect)
    notes = forms.CharField(
        label="Anything else (optional)", required=False, widget=forms.Textarea(attrs={"rows": 3})
    )


class ProposalForm(forms.Form):
    programme = forms.ModelChoiceField(Programme.objects.none(), empty_label="Choose a programme")
    partner = forms.ModelChoiceField(
        Organisation.objects.none(), label="Your organisation", empty_label=None
    )
    ambassador = forms.ModelChoiceField(
        Ambassador.objects.none(),
        label="Ambassador (optional)",
        required=False,
        empty_label="No ambassador named",
    )
    message = forms.CharField(label="What you would do", widget=forms.Textarea(attrs={"rows": 3}))
    date = forms.DateField(widget=NHSDateInput)
    start_time = forms.TimeField(label="Start time", help_text="For example, 09:30.")
    end_time = forms.TimeField(label="End time", help_text="For example, 11:00.")
    location = forms.CharField(label="Location (optional)", max_length=255, required=False)

    def __init__(self, *args, programmes, partners, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["programme"].queryset = programmes
        self.fields["partner"].queryset = partners
        self.fields["ambassador"].queryset = Ambassador.objects.filter(
            organisation__in=partners, is_active=True
        )


class AcceptProposalForm(forms.Form):
    contact_name = forms.CharField(label="Teacher to contact on the day", max_length=120)
    contact_email = forms.EmailField(label="Their email address")
