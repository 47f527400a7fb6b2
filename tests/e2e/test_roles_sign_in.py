"""Each role signs in, lands on their home page and moves around; axe finds nothing."""

import re

import pytest
from playwright.sync_api import expect

from .helpers import keyboard_only_sign_in, sign_in

HOME_HEADINGS = {
    "lead": "Your ICB area",
    "partner": "You deliver outreach for",
    "careers": "Your school",
    "administrator": "Administration",
}


@pytest.mark.parametrize("persona", list(HOME_HEADINGS))
def test_each_role_signs_in_to_their_home_page(page, axe, request, persona, password):
    user = request.getfixturevalue(persona)
    page.goto("/accounts/sign-in/")
    axe(page, "sign-in page")
    sign_in(page, user.email, password)
    expect(page.get_by_role("heading", name=HOME_HEADINGS[persona])).to_be_visible()
    assert page.url.endswith("/")
    axe(page, f"{persona} home")

    page.get_by_role("link", name="Your details and roles").click()
    expect(page.get_by_role("heading", name="Your account")).to_be_visible()
    axe(page, f"{persona} account page")

    page.get_by_role("button", name="Sign out").click()
    expect(page).to_have_url(re.compile("/accounts/sign-in/"))


def test_a_careers_lead_signs_in_with_the_keyboard_alone(page, axe, careers, password):
    keyboard_only_sign_in(page, careers.email, password)
    expect(page.get_by_role("heading", name="Your school")).to_be_visible()
    # The skip link is the first thing a keyboard user reaches.
    page.keyboard.press("Tab")
    focused = page.evaluate("document.activeElement.textContent.trim()")
    assert focused == "Skip to main content"


def test_wrong_credentials_show_an_accessible_error_summary(page, axe, lead):
    sign_in(page, lead.email, "not-the-password")
    summary = page.locator(".nhsuk-error-summary")
    expect(summary).to_be_visible()
    assert "Enter a correct email address and password" in summary.inner_text()
    axe(page, "sign-in with errors")


def test_public_pages_pass_axe(page, axe, db):
    for path in ["/accounts/password/reset/", "/accessibility/", "/privacy/", "/no-such-page/"]:
        page.goto(path)
        axe(page, path)
