"""A delivery partner enrols a participant, moves them to "started", and, once time has
moved on three months, sees the 3-month "still in post?" check-in due on the home page.
Every page visited passes axe-core."""

import datetime
from importlib import import_module

import pytest
from django.apps import apps
from django.utils import timezone

from programmes.factories import CohortFactory, ProgrammeFactory

from .helpers import sign_in


@pytest.fixture
def reference_data(transactional_db):
    for name in (
        "partners.migrations.0002_reference_data",
        "programmes.migrations.0002_reference_data",
    ):
        import_module(name).load(apps, None)


@pytest.fixture
def cohort(reference_data, home_area, icb, vcse):
    programme = ProgrammeFactory(name="Into Care", area=home_area, lead_organisation=icb)
    return CohortFactory(
        programme=programme, delivering_organisation=vcse, name="Spring 2025 cohort"
    )


def _today(monkeypatch, day):
    # The live server runs in this process: every timezone.localdate() now answers `day`.
    monkeypatch.setattr(timezone, "localdate", lambda *a, **k: day)


def _date(page, label, day):
    group = page.get_by_role("group", name=label)
    group.get_by_label("Day").fill(str(day.day))
    group.get_by_label("Month").fill(str(day.month))
    group.get_by_label("Year").fill(str(day.year))


def test_a_partner_enrols_someone_starts_them_and_sees_the_check_in_fall_due(
    page, axe, partner, password, cohort, monkeypatch
):
    from playwright.sync_api import expect

    _today(monkeypatch, datetime.date(2025, 3, 3))
    sign_in(page, partner.email, password)
    page.goto(f"/programmes/cohorts/{cohort.pk}/")
    axe(page, "cohort page")
    page.get_by_role("link", name="Add a participant").click()
    expect(page.get_by_role("heading", name="Add a participant")).to_be_visible()
    axe(page, "add a participant")
    page.get_by_label("Your reference (optional)").fill("PT-42")
    _date(page, "Date they gave consent", datetime.date(2025, 1, 6))
    page.get_by_label("Version of the consent wording they agreed to").fill("v2")
    page.get_by_label("Age band (optional)").select_option("18-21")
    page.get_by_label("First name").fill("Jordan")
    page.get_by_label("Last name").fill("Example")
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_role("heading", name="Name and contact")).to_be_visible()
    expect(page.get_by_text("Jordan Example")).to_be_visible()
    axe(page, "participant page")

    page.get_by_role("link", name="Record a stage").click()
    page.get_by_label("Stage", exact=True).select_option("started")
    _date(page, "Date", datetime.date(2025, 3, 3))
    page.get_by_role("button", name="Save").click()
    # Earlier stages were not recorded: the page asks for a reason to skip them.
    expect(page.get_by_text("Referred has not been recorded").first).to_be_visible()
    axe(page, "stage form with an error")
    page.get_by_label("Reason for skipping earlier stages (only if you skip any)").fill(
        "Direct offer from the trust's recruitment day"
    )
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_text("Started recorded.")).to_be_visible()
    expect(page.get_by_text("3 months, due 3 June 2025: Due")).to_be_visible()

    page.goto("/")
    expect(page.get_by_text("No check-ins are due.")).to_be_visible()

    _today(monkeypatch, datetime.date(2025, 6, 10))  # time moves on
    page.goto("/")
    check_in = page.get_by_role("link", name="at 3 months")
    expect(check_in).to_be_visible()
    expect(page.get_by_text("Overdue")).to_be_visible()
    axe(page, "home page with a check-in due")
    check_in.click()
    expect(page.get_by_role("heading", name="Still in post?")).to_be_visible()
    axe(page, "check-in form")
