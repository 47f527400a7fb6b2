"""The rules an event must keep, whoever logs it (form, API or spreadsheet)."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from partners.factories import OrganisationFactory, SchoolFactory
from partners.models import Ambassador, YearGroup
from programmes.factories import activity_type, event_input, goal
from programmes.models import EngagementEvent, FeedbackQuote
from programmes.services import event_create, event_update


def year(code):
    return YearGroup.objects.get(code=code)


def errors_of(excinfo) -> dict:
    return excinfo.value.message_dict


def test_it_saves_an_event_with_its_year_group_counts_and_derives_year_and_term(programme, lead):
    event = event_create(
        user=lead,
        data=event_input(
            programme,
            date=datetime.date(2025, 4, 21),
            participants=60,
            year_groups={year("year-8"): 35, year("year-9"): 25},
            quotes=[("NHS isn't all doctors.", "Student, a school in Gloucester")],
        ),
    )
    assert (event.academic_year, event.term) == (2024, "summer")
    assert event.year_group_counts_complete
    assert sorted(event.year_groups.values_list("participants", flat=True)) == [25, 35]
    assert FeedbackQuote.objects.get(event=event).attribution == "Student, a school in Gloucester"
    assert event.created_by == lead


def test_year_group_counts_must_add_up_to_the_total(programme, lead):
    with pytest.raises(ValidationError) as excinfo:
        event_create(
            user=lead,
            data=event_input(
                programme, participants=60, year_groups={year("year-8"): 30, year("year-9"): 20}
            ),
        )
    assert errors_of(excinfo)["year_groups"] == [
        "The year-group numbers add up to 50, but the total number of participants is 60. "
        "Check the numbers or the total."
    ]
    assert EngagementEvent.objects.count() == 0


def test_year_groups_without_numbers_are_allowed_but_not_half_numbered(programme, lead):
    event = event_create(user=lead, data=event_input(programme, year_groups={year("year-8"): None}))
    assert not event.year_group_counts_complete
    with pytest.raises(ValidationError) as excinfo:
        event_create(
            user=lead,
            data=event_input(programme, year_groups={year("year-8"): 60, year("year-9"): None}),
        )
    assert "missing: Year 9" in errors_of(excinfo)["year_groups"][0]


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"participants": -1}, "participants"),
        ({"parents_reached": -3}, "parents_reached"),
        ({"year_groups": {"year-8": -5}}, "year_groups"),
        ({"demographics": {("send", "send"): -1}}, "demographics"),
    ],
)
def test_negative_numbers_are_refused(programme, lead, overrides, field):
    if "year_groups" in overrides:
        overrides["year_groups"] = {year(k): v for k, v in overrides["year_groups"].items()}
    with pytest.raises(ValidationError) as excinfo:
        event_create(user=lead, data=event_input(programme, **overrides))
    assert field in errors_of(excinfo)


def test_demographic_counts_cannot_exceed_the_participants(programme, lead):
    with pytest.raises(ValidationError) as excinfo:
        event_create(
            user=lead,
            data=event_input(
                programme,
                participants=60,
                demographics={("gender", "female"): 40, ("gender", "male"): 30},
            ),
        )
    assert errors_of(excinfo)["demographics"] == [
        "The gender numbers add up to 70, more than the 60 participants."
    ]


@pytest.mark.parametrize(
    "day", [datetime.date(2024, 8, 31), datetime.date(2025, 9, 1)], ids=["before", "after"]
)
def test_a_date_outside_the_programme_is_refused(programme, lead, day):
    with pytest.raises(ValidationError) as excinfo:
        event_create(user=lead, data=event_input(programme, date=day))
    assert errors_of(excinfo)["date"] == [
        "The date must be within the programme, which runs from 1 September 2024 to 31 August 2025."
    ]


def test_a_goal_the_activity_type_does_not_serve_needs_a_reason(programme, lead):
    data = event_input(
        programme, activity_type=activity_type("webinar"), goals=[goal("achievement")]
    )
    with pytest.raises(ValidationError) as excinfo:
        event_create(user=lead, data=data)
    assert errors_of(excinfo)["goal_reason"] == [
        "A webinar does not usually serve Achievement. Say why this one did, or untick the goal."
    ]
    data.goal_reason = "Revision techniques for GCSE science"
    event = event_create(user=lead, data=data)
    assert event.goal_reason == "Revision techniques for GCSE science"


def test_a_reason_is_dropped_when_no_goal_needs_it(programme, lead):
    event = event_create(user=lead, data=event_input(programme, goal_reason="not needed"))
    assert event.goal_reason == ""


def test_the_place_is_a_school_or_a_community_setting(programme, lead, vcse):
    cases = [
        ({"school": vcse}, "school", "Reach Out VCSE is not a school or college."),
        (
            {"setting_name": "Library"},
            "setting_name",
            "Give a school or a community setting, not both.",
        ),
        (
            {"school": None, "setting_name": ""},
            "school",
            "Say where the event took place: a school, or a community setting.",
        ),
        (
            {"school": None, "setting_name": "Hall", "setting_postcode": "NOT A CODE"},
            "setting_postcode",
            "Enter a real UK postcode, like GL1 2AB",
        ),
    ]
    for overrides, field, message in cases:
        with pytest.raises(ValidationError) as excinfo:
            event_create(user=lead, data=event_input(programme, **overrides))
        assert errors_of(excinfo)[field] == [message], overrides
    online = event_create(
        user=lead, data=event_input(programme, school=None, delivery_mode="online")
    )
    assert online.place == "Online"
    hall = event_create(
        user=lead,
        data=event_input(
            programme, school=None, setting_name="Kingsholm hall", setting_postcode="gl12ab"
        ),
    )
    assert hall.place == "Kingsholm hall, GL1 2AB"


def test_delivering_organisations_must_be_partners_of_the_programme(programme, lead):
    stranger = OrganisationFactory(name="Stranger Trust", area=programme.area)
    with pytest.raises(ValidationError) as excinfo:
        event_create(user=lead, data=event_input(programme, delivering_organisations=[stranger]))
    assert (
        "Not a partner of this programme: Stranger Trust"
        in (errors_of(excinfo)["delivering_organisations"][0])
    )


def test_a_delivery_partner_logs_only_what_their_organisation_delivered(
    programme, partner, vcse, icb
):
    with pytest.raises(ValidationError) as excinfo:
        event_create(user=partner, data=event_input(programme, delivering_organisations=[icb]))
    assert errors_of(excinfo)["delivering_organisations"] == [
        "Include your own organisation: you can log only events your organisation delivered."
    ]
    event = event_create(
        user=partner, data=event_input(programme, delivering_organisations=[vcse, icb])
    )
    assert set(event.delivering_organisations.all()) == {vcse, icb}


def test_ambassador_hours_are_recorded_and_checked(programme, lead, icb):
    ambassador = Ambassador.objects.create(organisation=icb, name="Sam", profession="Nurse")
    event = event_create(
        user=lead, data=event_input(programme, ambassadors={ambassador: Decimal("2.5")})
    )
    assert event.ambassador_hours.get().hours == Decimal("2.5")
    with pytest.raises(ValidationError) as excinfo:
        event_create(user=lead, data=event_input(programme, ambassadors={ambassador: -1}))
    assert errors_of(excinfo)["ambassadors"] == ["Enter Sam's hours as a number from 0 to 24."]


def test_a_quote_needs_an_attribution(programme, lead):
    with pytest.raises(ValidationError) as excinfo:
        event_create(user=lead, data=event_input(programme, quotes=[("Great day", "")]))
    assert "quotes" in errors_of(excinfo)


def test_external_references_are_unique_within_a_programme(programme, lead):
    event_create(user=lead, data=event_input(programme, external_reference="WWY-1"))
    with pytest.raises(ValidationError) as excinfo:
        event_create(user=lead, data=event_input(programme, external_reference="WWY-1"))
    assert "external_reference" in errors_of(excinfo)


def test_an_update_replaces_the_numbers_and_rederives_the_term(programme, lead):
    event = event_create(user=lead, data=event_input(programme, year_groups={year("year-8"): 60}))
    other_school = SchoolFactory(area=programme.area)
    data = event_input(
        programme,
        date=datetime.date(2025, 1, 1),
        school=other_school,
        participants=10,
        year_groups={year("year-10"): 10},
    )
    event_update(user=lead, event=event, data=data)
    event.refresh_from_db()
    assert (event.term, event.school) == ("spring", other_school)
    assert list(event.year_groups.values_list("year_group__code", "participants")) == [
        ("year-10", 10)
    ]


def test_a_refused_update_changes_nothing(programme, lead):
    event = event_create(user=lead, data=event_input(programme, participants=60))
    with pytest.raises(ValidationError):
        event_update(
            user=lead,
            event=event,
            data=event_input(programme, participants=5, year_groups={year("year-8"): 6}),
        )
    event.refresh_from_db()
    assert event.participants == 60
