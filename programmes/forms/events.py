"""The event form: fast to fill (defaults from the programme and the last event), with
year-group numbers and ambassador hours revealed beside their ticks."""

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone

from outreach.accounts.roles import Role
from outreach.accounts.scope import scope_for
from outreach.widgets import LongSelect, NHSDateInput
from partners.models import Ambassador, Organisation, YearGroup

from ..models import (
    DEMOGRAPHICS,
    ActivityType,
    DeliveryMode,
    Dimension,
    EngagementEvent,
    GatsbyBenchmark,
    Goal,
    PartnerRole,
    ProgrammePartner,
)
from ..services import EventInput

DELIVERING_ROLES = (PartnerRole.LEAD, PartnerRole.DELIVERY, PartnerRole.HOST)
NUMBER = {"class": "nhsuk-input--width-4", "inputmode": "numeric", "autocomplete": "off"}
WHOLE_NUMBER = {"invalid": "Enter a whole number, like 30."}
# Where errors about a group of inputs are shown (the group's anchor in the page).
GROUP_ANCHORS = {"demographics": "demographics", "quotes": "id_quote_text"}


def _count_field(label, hint=""):
    return forms.IntegerField(
        required=False,
        label=label,
        help_text=hint,
        widget=forms.TextInput(attrs=NUMBER),
        error_messages=WHOLE_NUMBER,
    )


class EventForm(forms.Form):
    activity_type = forms.ModelChoiceField(
        queryset=ActivityType.objects.all(), empty_label="Choose a type of activity"
    )
    title = forms.CharField(
        max_length=200, help_text="For example, “Careers in health workshop, Year 8”."
    )
    date = forms.DateField(widget=NHSDateInput, help_text="For example, 15 10 2024")
    start_time = forms.TimeField(
        required=False,
        label="Start time (optional)",
        help_text="For example, 9:30 or 14:00",
        widget=forms.TimeInput(format="%H:%M", attrs={"class": "nhsuk-input--width-5"}),
        error_messages={"invalid": "Enter a time, like 9:30 or 14:00."},
    )
    end_time = forms.TimeField(
        required=False,
        label="End time (optional)",
        help_text="For example, 10:30 or 15:00",
        widget=forms.TimeInput(format="%H:%M", attrs={"class": "nhsuk-input--width-5"}),
        error_messages={"invalid": "Enter a time, like 10:30 or 15:00."},
    )
    delivery_mode = forms.ChoiceField(
        choices=DeliveryMode.choices, widget=forms.RadioSelect, label="How it was delivered"
    )
    school = forms.ModelChoiceField(
        queryset=Organisation.objects.none(),
        widget=LongSelect,
        required=False,
        label="School or college",
        empty_label="Not at a school or college",
        help_text="The programme's target schools come first.",
    )
    setting_name = forms.CharField(
        required=False,
        max_length=200,
        label="Or a community setting",
        help_text="For example, Gloucester Library. Leave empty for a school.",
    )
    setting_postcode = forms.CharField(
        required=False,
        max_length=8,
        label="Postcode of the community setting",
        widget=forms.TextInput(attrs={"class": "nhsuk-input--width-10", "autocomplete": "off"}),
    )
    delivering_organisations = forms.ModelMultipleChoiceField(
        queryset=Organisation.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        label="Who delivered it",
        error_messages={"required": "Choose at least one organisation that delivered it."},
    )
    goals = forms.ModelMultipleChoiceField(
        queryset=Goal.objects.all(),
        widget=forms.CheckboxSelectMultiple,
        label="Goals it served",
        error_messages={"required": "Choose at least one goal the event served."},
    )
    goal_reason = forms.CharField(
        required=False,
        max_length=255,
        label="Reason for an unusual goal (only if asked)",
        help_text="Needed only when you tick a goal this type of activity does not usually serve.",
    )
    gatsby_benchmarks = forms.ModelMultipleChoiceField(
        queryset=GatsbyBenchmark.objects.all(),
        widget=forms.CheckboxSelectMultiple,
        required=False,
        label="Gatsby Benchmarks it supports (optional)",
    )
    participants = forms.IntegerField(
        label="Number of participants",
        help_text="Everyone who took part, not counting staff, parents or carers.",
        widget=forms.TextInput(attrs=NUMBER),
        error_messages={**WHOLE_NUMBER, "required": "Enter the number of participants."},
    )
    year_groups = forms.ModelMultipleChoiceField(
        queryset=YearGroup.objects.all(),
        widget=forms.CheckboxSelectMultiple,
        required=False,
        label="Year groups",
        help_text="Tick each year group that took part. If you know how many came from each, "
        "give the numbers: they must add up to the number of participants.",
    )
    is_repeat_visit = forms.BooleanField(
        required=False,
        label="These students were already counted at an earlier event of this programme "
        "this school year",
    )
    parents_reached = _count_field("Parents and carers reached (optional)")
    ambassadors = forms.ModelMultipleChoiceField(
        queryset=Ambassador.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        required=False,
        label="Ambassadors who took part (optional)",
        help_text="Staff volunteers from the programme's partners. Give the hours each gave.",
    )
    notes = forms.CharField(
        required=False, widget=forms.Textarea(attrs={"rows": 3}), label="Notes (optional)"
    )
    quote_text = forms.CharField(
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        label="A quote from someone who took part (optional)",
    )
    quote_attribution = forms.CharField(
        required=False,
        max_length=150,
        label="Who said it",
        help_text="A role and a place, never a name: “Careers Lead, a school in Cheltenham”.",
    )

    def __init__(self, *args, programme, user, editing=False, **kwargs):
        super().__init__(*args, **kwargs)
        if editing:
            # Quotes on a logged event are added and removed on the event's page.
            del self.fields["quote_text"], self.fields["quote_attribution"]
        self.programme = programme
        self.user = user
        self.group_errors: dict[str, list[str]] = {}
        partner_ids = ProgrammePartner.objects.filter(programme=programme).values("organisation_id")
        # Lead, delivery and host partners deliver; funders and referrers do not.
        self.fields["delivering_organisations"].queryset = Organisation.objects.filter(
            pk__in=partner_ids.filter(role__in=DELIVERING_ROLES)
        ).order_by("name")
        target_ids = set(programme.target_schools.values_list("pk", flat=True))
        schools = Organisation.objects.schools().filter(area_id=programme.area_id)
        self.fields["school"].queryset = schools
        # Pairs, not model instances: an area has hundreds of schools.
        self.fields["school"].choices = [("", "Not at a school or college")] + sorted(
            schools.values_list("pk", "name"), key=lambda s: (s[0] not in target_ids, s[1])
        )
        self.fields["ambassadors"].queryset = (
            Ambassador.objects.for_user(user)
            .filter(organisation_id__in=partner_ids, is_active=True)
            .select_related("organisation")
        )
        self.fields["ambassadors"].label_from_instance = lambda a: (
            f"{a.name}, {a.profession} ({a.organisation.name})"
        )
        self.year_group_list = list(YearGroup.objects.all())
        for year_group in self.year_group_list:
            self.fields[f"yg_{year_group.code}"] = _count_field(
                f"Number from {year_group.name} (optional)"
            )
        self.ambassador_list = list(self.fields["ambassadors"].queryset)
        for ambassador in self.ambassador_list:
            self.fields[f"hours_{ambassador.pk}"] = forms.DecimalField(
                required=False,
                max_digits=5,
                decimal_places=2,
                label=f"Hours {ambassador.name} gave",
                widget=forms.TextInput(attrs={**NUMBER, "inputmode": "decimal"}),
                error_messages={"invalid": "Enter the hours as a number, like 1.5."},
            )
        for dimension, category, label in DEMOGRAPHICS:
            self.fields[f"demo_{dimension}_{category}"] = _count_field(label)

    # Rows for the templates: each tick with the number revealed beside it.
    def year_group_rows(self):
        by_pk = {str(yg.pk): yg for yg in self.year_group_list}
        return [
            (choice, self[f"yg_{by_pk[str(choice.data['value'])].code}"])
            for choice in self["year_groups"]
        ]

    def ambassador_rows(self):
        return [(choice, self[f"hours_{choice.data['value']}"]) for choice in self["ambassadors"]]

    def demographic_groups(self):
        groups = []
        for dimension in Dimension:
            fields = [self[f"demo_{d}_{c}"] for d, c, _ in DEMOGRAPHICS if d == dimension.value]
            groups.append((dimension.label, fields))
        return groups

    def goal_advice_data(self) -> dict:
        """For the page's script: which goals each activity type usually serves."""
        served: dict[str, list[str]] = {}
        for type_id, goal_id in ActivityType.goals.through.objects.values_list(
            "activitytype_id", "goal_id"
        ):
            served.setdefault(str(type_id), []).append(str(goal_id))
        return {
            "types": {str(t.pk): t.name for t in self.fields["activity_type"].queryset},
            "goals": {str(g.pk): g.name for g in self.fields["goals"].queryset},
            "served": served,
        }

    def has_demographics(self) -> bool:
        return any(self[f"demo_{d}_{c}"].value() not in (None, "") for d, c, _ in DEMOGRAPHICS)

    def summary_errors(self):
        """(anchor, message) pairs for the error summary, in page order."""
        from outreach.templatetags.outreach_tags import error_anchor

        items = [(error_anchor(self.visible_fields()[0]), e) for e in self.non_field_errors()]
        for field in self:
            for error in field.errors:
                items.append((error_anchor(field), error))
        for group, messages in self.group_errors.items():
            items.extend((GROUP_ANCHORS[group], m) for m in messages)
        return items

    def has_any_errors(self) -> bool:
        return bool(self.errors or self.group_errors)

    def to_input(self) -> EventInput:
        data = self.cleaned_data
        year_groups = {}
        for year_group in self.year_group_list:
            count = data.get(f"yg_{year_group.code}")
            if year_group in data["year_groups"] or count is not None:
                year_groups[year_group] = count
        ambassadors = {}
        for ambassador in self.ambassador_list:
            hours = data.get(f"hours_{ambassador.pk}")
            if ambassador in data["ambassadors"] or hours is not None:
                ambassadors[ambassador] = hours
        demographics = {
            (d, c): data[f"demo_{d}_{c}"]
            for d, c, _ in DEMOGRAPHICS
            if data.get(f"demo_{d}_{c}") is not None
        }
        quotes = []
        if data.get("quote_text") or data.get("quote_attribution"):
            quotes.append((data["quote_text"], data["quote_attribution"]))
        return EventInput(
            programme=self.programme,
            activity_type=data["activity_type"],
            title=data["title"],
            date=data["date"],
            start_time=data["start_time"],
            end_time=data["end_time"],
            participants=data["participants"],
            goals=list(data["goals"]),
            delivering_organisations=list(data["delivering_organisations"]),
            school=data["school"],
            setting_name=data["setting_name"],
            setting_postcode=data["setting_postcode"],
            delivery_mode=data["delivery_mode"],
            gatsby_benchmarks=list(data["gatsby_benchmarks"]),
            year_groups=year_groups,
            demographics=demographics,
            parents_reached=data["parents_reached"] or 0,
            ambassadors=ambassadors,
            is_repeat_visit=data["is_repeat_visit"],
            notes=data["notes"],
            goal_reason=data["goal_reason"],
            quotes=quotes,
        )

    def add_service_errors(self, exc: ValidationError) -> None:
        for name, messages in exc.message_dict.items():
            if name in GROUP_ANCHORS:
                self.group_errors.setdefault(name, []).extend(messages)
            elif name in self.fields:
                for message in messages:
                    self.add_error(name, message)
            else:
                for message in messages:
                    self.add_error(None, message)


def initial_for(programme, user, *, like: EngagementEvent | None = None) -> dict:
    """Sensible starting values: from the event being copied ("log another like this"),
    else from the user's last event in this programme, else from the programme."""
    today = timezone.localdate()
    initial = {"delivery_mode": DeliveryMode.IN_PERSON}
    if programme.covers(today):
        initial["date"] = today
    own_orgs = scope_for(user).organisation_ids(Role.DELIVERY_PARTNER)
    partner_orgs = set(
        ProgrammePartner.objects.filter(programme=programme).values_list(
            "organisation_id", flat=True
        )
    )
    deliverers = [pk for pk in own_orgs if pk in partner_orgs] or [programme.lead_organisation_id]
    initial["delivering_organisations"] = deliverers
    template = like
    if template is None:
        template = (
            EngagementEvent.objects.filter(programme=programme, created_by=user)
            .order_by("-created_at", "-pk")
            .first()
        )
    if template is None:
        initial["goals"] = list(programme.goals.values_list("pk", flat=True))
        return initial
    initial.update(
        activity_type=template.activity_type_id,
        title=template.title,
        delivery_mode=template.delivery_mode,
        start_time=template.start_time,
        end_time=template.end_time,
        delivering_organisations=list(
            template.delivering_organisations.values_list("pk", flat=True)
        ),
        goals=list(template.goals.values_list("pk", flat=True)),
        gatsby_benchmarks=list(template.gatsby_benchmarks.values_list("pk", flat=True)),
        year_groups=list(template.year_groups.values_list("year_group_id", flat=True)),
    )
    if like is not None:
        initial.update(
            date=like.date,
            school=like.school_id,
            setting_name=like.setting_name,
            setting_postcode=like.setting_postcode,
        )
    return initial


def initial_from_event(event: EngagementEvent) -> dict:
    """The form's values for editing an event."""
    initial = {
        "activity_type": event.activity_type_id,
        "title": event.title,
        "date": event.date,
        "start_time": event.start_time,
        "end_time": event.end_time,
        "delivery_mode": event.delivery_mode,
        "school": event.school_id,
        "setting_name": event.setting_name,
        "setting_postcode": event.setting_postcode,
        "delivering_organisations": [o.pk for o in event.delivering_organisations.all()],
        "goals": [g.pk for g in event.goals.all()],
        "goal_reason": event.goal_reason,
        "gatsby_benchmarks": [g.pk for g in event.gatsby_benchmarks.all()],
        "participants": event.participants,
        "is_repeat_visit": event.is_repeat_visit,
        "parents_reached": event.parents_reached or None,
        "notes": event.notes,
        "year_groups": [],
        "ambassadors": [],
    }
    for row in event.year_groups.select_related("year_group"):
        initial["year_groups"].append(row.year_group_id)
        initial[f"yg_{row.year_group.code}"] = row.participants
    for row in event.ambassador_hours.all():
        initial["ambassadors"].append(row.ambassador_id)
        initial[f"hours_{row.ambassador_id}"] = row.hours
    for row in event.demographics.all():
        initial[f"demo_{row.dimension}_{row.category}"] = row.count
    return initial
