"""A delivery partner logs an event with year-group numbers using the keyboard alone,
well inside two minutes, and sees it counted in the annual plan grid."""

import datetime
import time
from importlib import import_module

import pytest
from django.apps import apps

from programmes.factories import (
    AnnualPlanFactory,
    PlannedActivityFactory,
    ProgrammeFactory,
    ProgrammePartnerFactory,
    goal,
)
from programmes.models import EngagementEvent, PartnerRole

from .helpers import keyboard_only_sign_in

# A steady typist: five keystrokes a second, Tab and Space included.
KEYS_PER_SECOND = 5
TWO_MINUTES = 120


@pytest.fixture
def reference_data(transactional_db):
    """Browser tests flush the database after each test, taking the reference lists the
    migrations ship with it: load them again (the loaders are idempotent)."""
    for name in (
        "partners.migrations.0002_reference_data",
        "programmes.migrations.0002_reference_data",
    ):
        import_module(name).load(apps, None)


@pytest.fixture
def delivered_programme(reference_data, icb, vcse, school):
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
    PlannedActivityFactory(plan=plan, goal=goal("aspiration"), term="autumn", quantity=5)
    return plan


class Keyboard:
    """Tab, type and press, counting every keystroke."""

    def __init__(self, page):
        self.page = page
        self.keys = 0

    def to(self, locator, description):
        before = self.page.evaluate("document.activeElement && document.activeElement.id")
        for _ in range(41):
            if locator.evaluate("el => el === document.activeElement"):
                return
            self.page.keyboard.press("Tab")
            self.keys += 1
        raise AssertionError(f"{description} not reached by Tab (from #{before})")

    def type(self, text):
        self.page.keyboard.type(text)
        self.keys += len(text)

    def press(self, key):
        self.page.keyboard.press(key)
        self.keys += 1


def test_a_partner_logs_an_event_by_keyboard_and_sees_it_in_the_plan(
    page, axe, partner, password, delivered_programme
):
    keyboard_only_sign_in(page, partner.email, password)
    keys = Keyboard(page)
    started = time.monotonic()

    # Home → "Log an event" (one programme, so straight to its form).
    keys.to(page.get_by_role("link", name="Log an event"), "Log an event")
    with page.expect_navigation():
        keys.press("Enter")
    page.wait_for_url("**/events/new/")
    assert page.get_by_role("heading", name="Log an event").is_visible()
    axe(page, "event form")

    keys.to(page.get_by_label("Activity type"), "Activity type")
    keys.type("Workshop")
    keys.to(page.get_by_label("Title", exact=True), "Title")
    keys.type("Careers in health, Years 8 and 9")
    keys.to(page.get_by_label("Day"), "Day")
    keys.type("15")
    keys.press("Tab")
    keys.type("10")
    keys.press("Tab")
    keys.type("2024")
    keys.to(page.get_by_label("School or college"), "School")
    keys.type("Cleeve")
    keys.to(page.get_by_label("Number of participants"), "Participants")
    keys.type("58")
    for year, count in (("Year 8", "30"), ("Year 9", "28")):
        keys.to(page.get_by_label(year, exact=True), year)
        keys.press("Space")
        number = page.get_by_label(f"Number from {year} (optional)")
        assert number.is_visible(), "ticking a year group reveals its number"
        keys.to(number, f"Number from {year}")
        keys.type(count)
    keys.to(page.get_by_role("button", name="Save event"), "Save event")
    with page.expect_navigation():
        keys.press("Enter")

    elapsed = time.monotonic() - started
    assert page.get_by_text("Event logged: Careers in health, Years 8 and 9").is_visible()
    axe(page, "event page")
    event = EngagementEvent.objects.get()
    assert event.participants == 58
    assert sorted(event.year_groups.values_list("participants", flat=True)) == [28, 30]
    assert event.school.name == "Cleeve School"
    # Scripted typing at a person's pace, and the run itself, are well inside 2 minutes.
    print(f"Logged with {keys.keys} keystrokes in {elapsed:.1f} s")
    assert keys.keys / KEYS_PER_SECOND < TWO_MINUTES, f"{keys.keys} keystrokes"
    assert elapsed < TWO_MINUTES

    page.goto(f"/programmes/plans/{delivered_programme.pk}/")
    cell = page.locator('td[data-goal="aspiration"][data-term="autumn"]')
    assert "1 delivered" in cell.inner_text()
    assert "of 5 planned" in cell.inner_text()
    axe(page, "annual plan grid")


def test_numbers_that_do_not_add_up_are_shown_beside_the_field(
    page, axe, partner, password, delivered_programme
):
    keyboard_only_sign_in(page, partner.email, password)
    page.goto(f"/programmes/{delivered_programme.programme_id}/events/new/")
    page.get_by_label("Activity type").select_option(label="Workshop")
    page.get_by_label("Title", exact=True).fill("Careers in health")
    page.get_by_label("Day").fill("15")
    page.get_by_label("Month").fill("10")
    page.get_by_label("Year", exact=True).fill("2024")
    page.get_by_label("School or college").select_option(label="Cleeve School")
    page.get_by_label("Number of participants").fill("60")
    page.get_by_label("Year 8", exact=True).check()
    page.get_by_label("Number from Year 8 (optional)").fill("50")
    with page.expect_navigation():
        page.get_by_role("button", name="Save event").click()
    summary = page.locator(".nhsuk-error-summary")
    assert "The year-group numbers add up to 50" in summary.inner_text()
    assert page.title().startswith("Error: ")
    beside = page.locator("#div_id_year_groups .nhsuk-error-message")
    assert "add up to 50" in beside.inner_text()
    # The number stays revealed, with what was typed.
    assert page.get_by_label("Number from Year 8 (optional)").input_value() == "50"
    axe(page, "event form with errors")
    summary.get_by_role("link").first.click()
    assert EngagementEvent.objects.count() == 0


def test_the_form_warns_at_once_about_a_goal_the_activity_does_not_serve(
    page, axe, partner, password, delivered_programme
):
    keyboard_only_sign_in(page, partner.email, password)
    page.goto(f"/programmes/{delivered_programme.programme_id}/events/new/")
    advice = page.locator("#goal-advice")
    page.get_by_label("Activity type").select_option(label="Webinar")
    assert advice.is_visible()
    assert advice.inner_text() == (
        "A webinar does not usually serve Aspiration. Say why below, or untick it."
    )
    axe(page, "event form with a goal warning")
    page.get_by_label("Aspiration", exact=True).uncheck()
    page.get_by_label("Awareness", exact=True).check()
    assert advice.is_hidden()
