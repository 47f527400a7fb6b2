import datetime

import pytest
from django.core.exceptions import ValidationError

from partners.factories import OrganisationFactory, SchoolFactory
from partners.models import CommunityGroup
from programmes.factories import AnnualPlanFactory, activity_type, goal
from programmes.models import PartnerRole, ProgrammePartner, TargetGroup
from programmes.services import (
    action_create,
    barrier_create,
    plan_create,
    planned_activity_create,
    programme_create,
    programme_partner_add,
    programme_partner_remove,
    programme_update,
    target_create,
)


def test_a_programme_keeps_its_lead_organisation_as_lead_partner(home_area, icb, vcse, school):
    programme = programme_create(
        data={
            "name": "We Want You",
            "area": home_area,
            "lead_organisation": icb,
            "starts_on": datetime.date(2024, 9, 1),
            "ends_on": datetime.date(2025, 7, 31),
        },
        goals=[goal("awareness")],
        target_schools=[school],
        partners=[(vcse, PartnerRole.DELIVERY)],
    )
    roles = set(ProgrammePartner.objects.values_list("organisation__name", "role"))
    assert roles == {(icb.name, "lead"), (vcse.name, "delivery")}
    programme_update(programme=programme, data={"lead_organisation": vcse})
    roles = set(ProgrammePartner.objects.values_list("organisation__name", "role"))
    assert roles == {(vcse.name, "lead"), (vcse.name, "delivery")}


def test_a_programme_refuses_an_end_before_its_start_and_non_schools_as_targets(
    home_area, icb, vcse
):
    data = {
        "name": "Backwards",
        "area": home_area,
        "lead_organisation": icb,
        "starts_on": datetime.date(2025, 9, 1),
        "ends_on": datetime.date(2025, 1, 1),
    }
    with pytest.raises(ValidationError) as excinfo:
        programme_create(data=data)
    assert "The end date must be on or after the start date." in str(excinfo.value)
    data["ends_on"] = None
    with pytest.raises(ValidationError) as excinfo:
        programme_create(data=data, target_schools=[vcse])
    assert "not schools or colleges: Reach Out VCSE" in str(excinfo.value)


def test_the_lead_partner_cannot_be_removed_and_roles_are_unique(programme, icb, vcse):
    lead_row = programme.partners.get(organisation=icb, role=PartnerRole.LEAD)
    with pytest.raises(ValidationError):
        programme_partner_remove(partner=lead_row)
    with pytest.raises(ValidationError) as excinfo:
        programme_partner_add(programme=programme, organisation=vcse, role=PartnerRole.DELIVERY)
    assert "already has that role" in str(excinfo.value)


def test_targets_are_checked(programme):
    with pytest.raises(ValidationError) as excinfo:
        target_create(programme=programme, data={"measure": "fsm_pct", "value": 120})
    assert excinfo.value.message_dict["value"] == ["A percentage target must be between 0 and 100."]
    with pytest.raises(ValidationError) as excinfo:
        target_create(
            programme=programme,
            data={"measure": "students_reached", "value": 5, "academic_year": 2030},
        )
    assert "2030/31 is outside" in excinfo.value.message_dict["academic_year"][0]
    target_create(programme=programme, data={"measure": "students_reached", "value": 8000})
    with pytest.raises(ValidationError) as excinfo:
        target_create(programme=programme, data={"measure": "students_reached", "value": 1})
    assert "already a target" in str(excinfo.value)
    with pytest.raises(ValidationError):
        target_create(programme=programme, data={"measure": "students_reached", "value": -1})


def test_plans_belong_to_a_year_of_the_programme_and_plan_with_partners(programme, vcse):
    with pytest.raises(ValidationError):
        plan_create(programme=programme, academic_year_start=2026)
    plan = plan_create(programme=programme, academic_year_start=2024)
    with pytest.raises(ValidationError) as excinfo:
        plan_create(programme=programme, academic_year_start=2024)
    assert "already has a plan" in str(excinfo.value)
    base = {
        "goal": goal("aspiration"),
        "target_group": TargetGroup.objects.get(code="primary-years-7-9"),
        "activity_type": activity_type("workshop"),
        "term": "autumn",
        "quantity": 19,
    }
    activity = planned_activity_create(plan=plan, data={**base, "delivered_by": vcse})
    assert activity.quantity == 19
    with pytest.raises(ValidationError) as excinfo:
        planned_activity_create(
            plan=plan, data={**base, "delivered_by": OrganisationFactory(area=programme.area)}
        )
    assert "delivered_by" in excinfo.value.message_dict
    with pytest.raises(ValidationError) as excinfo:
        planned_activity_create(plan=plan, data={**base, "quantity": 0})
    assert "quantity" in excinfo.value.message_dict


def test_barriers_and_actions_keep_their_dates_in_order(programme, vcse):
    barrier = barrier_create(
        programme=programme,
        data={"group": CommunityGroup.objects.get(code="deaf"), "title": "Inaccessible interviews"},
    )
    action = action_create(
        barrier=barrier,
        data={
            "category": "support",
            "description": "BSL interpretation at every stage of recruitment",
            "owner": vcse,
            "implement_by": datetime.date(2024, 9, 1),
            "review_on": datetime.date(2025, 4, 1),
            "assess_on": datetime.date(2026, 4, 1),
        },
    )
    assert action.status == "proposed"
    with pytest.raises(ValidationError) as excinfo:
        action_create(
            barrier=barrier,
            data={
                "category": "inform",
                "description": "x",
                "implement_by": datetime.date(2025, 9, 1),
                "review_on": datetime.date(2025, 4, 1),
            },
        )
    assert "review date must be on or after" in str(excinfo.value)


def test_a_plan_factory_is_usable(programme):
    assert AnnualPlanFactory(programme=programme).year_label == "2024/25"
    assert SchoolFactory().is_school
