"""Every programmes page, as the roles who use it, passes axe-core: lists with filters
open, forms empty and with errors, the plan grid, the board, the calendar, the upload
preview."""

import datetime
from decimal import Decimal

import pytest

from partners.models import Ambassador, CommunityGroup, YearGroup
from programmes.factories import (
    AnnualPlanFactory,
    BarrierActionFactory,
    BarrierFactory,
    PlannedActivityFactory,
    ProgrammeFactory,
    ProgrammePartnerFactory,
    TargetFactory,
    event_input,
    goal,
)
from programmes.models import PartnerRole
from programmes.services import event_create
from programmes.services.imports import import_check

from .helpers import sign_in
from .test_programmes_logging import reference_data  # noqa: F401 (fixture)


@pytest.fixture
def world(reference_data, icb, vcse, school, lead):  # noqa: F811
    school.urn = 115678
    school.save()
    programme = ProgrammeFactory(
        name="We Want You",
        area=icb.area,
        lead_organisation=icb,
        starts_on=datetime.date(2024, 9, 1),
        ends_on=datetime.date(2025, 8, 31),
    )
    programme.goals.set([goal("aspiration")])
    programme.target_schools.set([school])
    ProgrammePartnerFactory(programme=programme, organisation=vcse, role=PartnerRole.DELIVERY)
    plan = AnnualPlanFactory(programme=programme, academic_year=2024)
    activity = PlannedActivityFactory(plan=plan, delivered_by=vcse)
    TargetFactory(programme=programme, measure="students_reached", value=8000)
    ambassador = Ambassador.objects.create(organisation=vcse, name="Sam", profession="Nurse")
    event = event_create(
        user=lead,
        data=event_input(
            programme,
            delivering_organisations=[vcse],
            year_groups={YearGroup.objects.get(code="year-8"): 60},
            demographics={("gender", "female"): 31, ("fsm", "fsm"): 12},
            ambassadors={ambassador: Decimal("1.5")},
            quotes=[("NHS isn't all doctors", "Student, a school in Gloucester")],
        ),
    )
    barrier = BarrierFactory(programme=programme, group=CommunityGroup.objects.get(code="deaf"))
    action = BarrierActionFactory(barrier=barrier, category="support", status="in_progress")
    bad = import_check(
        programme=programme,
        user=lead,
        file_name="events.csv",
        rows=[{"external_reference": "", "date": "31/02/2025", "participants": "x"}],
    )
    good = import_check(
        programme=programme,
        user=lead,
        file_name="events.csv",
        rows=[
            {
                "external_reference": "WWY-9",
                "date": "2024-11-05",
                "activity_type": "Talk",
                "title": "Careers talk",
                "school_urn": "115678",
                "goals": "Aspiration",
                "participants": "30",
            }
        ],
    )
    return {
        "programme": programme,
        "plan": plan,
        "activity": activity,
        "event": event,
        "barrier": barrier,
        "action": action,
        "bad_import": bad,
        "good_import": good,
    }


def lead_pages(w):
    p = w["programme"].pk
    return [
        "/programmes/",
        "/programmes/new/",
        f"/programmes/{p}/",
        f"/programmes/{p}/edit/",
        f"/programmes/{p}/partners/",
        f"/programmes/{p}/target-schools/",
        f"/programmes/{p}/targets/",
        f"/programmes/{p}/plans/new/",
        f"/programmes/plans/{w['plan'].pk}/",
        f"/programmes/plans/{w['plan'].pk}/activities/new/",
        f"/programmes/activities/{w['activity'].pk}/edit/",
        f"/programmes/events/?programme={p}&goal=",
        f"/programmes/{p}/events/new/",
        f"/programmes/{p}/events/new/?like={w['event'].pk}",
        f"/programmes/events/{w['event'].pk}/",
        f"/programmes/events/{w['event'].pk}/edit/",
        f"/programmes/events/{w['event'].pk}/delete/",
        f"/programmes/events/calendar/?month=2024-10&programme={p}",
        f"/programmes/{p}/barriers/",
        f"/programmes/{p}/barriers/list/",
        f"/programmes/{p}/barriers/new/",
        f"/programmes/barriers/{w['barrier'].pk}/edit/",
        f"/programmes/{p}/actions/new/",
        f"/programmes/actions/{w['action'].pk}/edit/",
        f"/programmes/{p}/events/upload/",
        f"/programmes/uploads/{w['bad_import'].pk}/",
        f"/programmes/uploads/{w['good_import'].pk}/",
    ]


def test_every_page_a_workforce_lead_uses_passes_axe(page, axe, lead, password, world):
    sign_in(page, lead.email, password)
    for path in lead_pages(world):
        response = page.goto(path)
        assert response.status == 200, path
        assert page.locator("nav.nhsuk-breadcrumb").count() == 1, f"breadcrumbs on {path}"
        axe(page, path)


def test_forms_with_errors_pass_axe(page, axe, lead, password, world):
    sign_in(page, lead.email, password)
    p = world["programme"].pk
    for path, button in [
        ("/programmes/new/", "Save programme"),
        (f"/programmes/{p}/targets/", "Add target"),
        (f"/programmes/plans/{world['plan'].pk}/activities/new/", "Save"),
        (f"/programmes/{p}/barriers/new/", "Save"),
        (f"/programmes/{p}/actions/new/", "Save"),
        (f"/programmes/{p}/events/upload/", "Check the file"),
        (f"/programmes/{p}/events/new/", "Save event"),
    ]:
        page.goto(path)
        with page.expect_navigation():
            page.get_by_role("button", name=button, exact=True).click()
        assert page.locator(".nhsuk-error-summary").is_visible(), path
        axe(page, f"{path} with errors")


def test_a_careers_lead_sees_their_school_and_the_calendar(page, axe, careers, password, world):
    sign_in(page, careers.email, password)
    page.goto(f"/programmes/{world['programme'].pk}/")
    assert page.get_by_role("heading", name="At your school").is_visible()
    axe(page, "programme page for a careers lead")
    page.goto("/programmes/events/calendar/?month=2024-10")
    assert page.get_by_role("heading", name="Add to your calendar app").is_visible()
    axe(page, "calendar for a careers lead")


def test_a_partner_with_several_programmes_chooses_one(page, axe, partner, password, world, vcse):
    other = ProgrammeFactory(name="Summer taster days", area=world["programme"].area)
    ProgrammePartnerFactory(programme=other, organisation=vcse, role=PartnerRole.DELIVERY)
    sign_in(page, partner.email, password)
    page.goto("/programmes/events/new/")
    assert page.get_by_role("link", name="Summer taster days").is_visible()
    axe(page, "choose a programme")
    page.goto("/")
    assert page.get_by_role("heading", name="Your programmes").is_visible()
    axe(page, "partner home")
