import datetime

from django.urls import reverse

from partners.factories import SchoolFactory
from programmes.factories import AnnualPlanFactory, EventFactory, goal
from programmes.models import (
    AnnualPlan,
    PlannedActivity,
    Programme,
    ProgrammePartner,
    ProgrammeTarget,
    TargetGroup,
)


def test_a_workforce_lead_creates_a_programme(client, lead, home_area, icb):
    client.force_login(lead)
    response = client.post(
        reverse("programmes:create"),
        {
            "name": "We Want You",
            "area": home_area.pk,
            "lead_organisation": icb.pk,
            "starts_on_day": "1",
            "starts_on_month": "9",
            "starts_on_year": "2024",
            "goals": [goal("awareness").pk, goal("aspiration").pk],
            "target_groups": [TargetGroup.objects.get(code="primary-years-7-9").pk],
        },
    )
    programme = Programme.objects.get()
    assert response["Location"] == reverse("programmes:detail", args=[programme.pk])
    assert ProgrammePartner.objects.get().role == "lead"


def test_a_programme_with_an_end_before_its_start_is_refused_beside_the_field(
    client, lead, home_area, icb
):
    client.force_login(lead)
    response = client.post(
        reverse("programmes:create"),
        {
            "name": "Backwards",
            "area": home_area.pk,
            "lead_organisation": icb.pk,
            "starts_on_day": "1",
            "starts_on_month": "9",
            "starts_on_year": "2025",
            "ends_on_day": "1",
            "ends_on_month": "1",
            "ends_on_year": "2025",
        },
    )
    assert response.status_code == 200
    assert "The end date must be on or after the start date." in response.content.decode()
    assert not Programme.objects.exists()


def test_a_lead_cannot_create_a_programme_in_another_area(client, lead, other_area, other_icb):
    client.force_login(lead)
    response = client.post(
        reverse("programmes:create"),
        {"name": "X", "area": other_area.pk, "lead_organisation": other_icb.pk},
    )
    assert "area" in response.context["form"].errors
    assert not Programme.objects.exists()


def test_the_programme_page_shows_reach_against_targets(client, careers, programme, school):
    others = SchoolFactory.create_batch(2, area=programme.area, name="Severn Vale School")
    programme.target_schools.add(*others)
    EventFactory(programme=programme, school=school, participants=120)
    ProgrammeTarget.objects.create(programme=programme, measure="students_reached", value=100)
    client.force_login(careers)
    page = client.get(reverse("programmes:detail", args=[programme.pk])).content.decode()
    assert "1 of 3" in page
    assert "Target schools not reached yet (2)" in page
    assert "Met" in page
    assert "Log an event" not in page
    assert "Change the programme" not in page


def test_partners_target_schools_and_targets_are_managed_by_the_lead(
    client, lead, programme, vcse, school
):
    client.force_login(lead)
    new_school = SchoolFactory(area=programme.area, name="Pittville School")
    client.post(
        reverse("programmes:target_schools", args=[programme.pk]),
        {"schools": [school.pk, new_school.pk]},
    )
    assert set(programme.target_schools.all()) == {school, new_school}
    client.post(
        reverse("programmes:partners", args=[programme.pk]),
        {"organisation": vcse.pk, "role": "host"},
    )
    assert programme.partners.filter(organisation=vcse, role="host").exists()
    response = client.post(
        reverse("programmes:targets", args=[programme.pk]),
        {"measure": "fsm_pct", "value": "140", "academic_year": ""},
    )
    assert "A percentage target must be between 0 and 100." in response.content.decode()
    client.post(
        reverse("programmes:targets", args=[programme.pk]),
        {"measure": "students_reached", "value": "8000", "academic_year": "2024"},
    )
    assert programme.targets.get().academic_year == 2024


def test_the_lead_partner_row_cannot_be_removed_from_the_page(client, lead, programme, icb):
    client.force_login(lead)
    row = programme.partners.get(organisation=icb, role="lead")
    response = client.post(reverse("programmes:partner_remove", args=[row.pk]), follow=True)
    assert "The lead organisation stays a partner" in response.content.decode()
    assert ProgrammePartner.objects.filter(pk=row.pk).exists()


def test_a_lead_starts_a_plan_and_plans_activities(client, lead, programme, vcse):
    client.force_login(lead)
    response = client.post(
        reverse("programmes:plan_create", args=[programme.pk]), {"academic_year": "2024"}
    )
    plan = AnnualPlan.objects.get()
    assert response["Location"] == reverse("programmes:plan", args=[plan.pk])
    data = {
        "goal": goal("aspiration").pk,
        "target_group": TargetGroup.objects.get(code="primary-years-7-9").pk,
        "activity_type": 1,
        "term": "autumn",
        "quantity": "19",
        "delivered_by": vcse.pk,
        "add_another": "1",
    }
    response = client.post(reverse("programmes:activity_create", args=[plan.pk]), data)
    assert response["Location"] == reverse("programmes:activity_create", args=[plan.pk])
    activity = PlannedActivity.objects.get()
    response = client.post(
        reverse("programmes:activity_edit", args=[activity.pk]), {**data, "quantity": "0"}
    )
    assert "quantity" in response.context["form"].errors
    EventFactory(programme=programme, date=datetime.date(2024, 10, 1))
    grid = client.get(reverse("programmes:plan", args=[plan.pk])).context["grid"]
    assert grid.activities[0].delivered == 1
    page = client.get(reverse("programmes:plan_create", args=[programme.pk])).content.decode()
    assert "Every academic year of this programme already has a plan." in page


def test_a_partner_sees_the_plan_but_not_the_planning_buttons(client, partner, programme):
    plan = AnnualPlanFactory(programme=programme)
    client.force_login(partner)
    page = client.get(reverse("programmes:plan", args=[plan.pk])).content.decode()
    assert "Log an event" in page
    assert "Plan an activity" not in page
