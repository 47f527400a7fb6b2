"""The partners directory in a browser: a workforce lead finds a school, opens it and adds
its key contact, with the mouse and with the keyboard alone; axe scans every page."""

import datetime

import pytest

from partners.factories import AmbassadorFactory, ContactFactory, SchoolFactory

from .helpers import keyboard_only_sign_in, sign_in, tab_to


@pytest.fixture
def directory(home_area, school):
    """Cleeve School (the personas' school) among a few neighbours."""
    for name in ["Pittville School", "Balcarras School", "Bournside School"]:
        SchoolFactory(name=name, area=home_area, phase="secondary", imd_decile=5)
    return school


def test_a_workforce_lead_finds_a_school_and_adds_its_key_contact(
    page, axe, lead, directory, password
):
    ContactFactory(organisation=directory, name="Old Key-Contact", is_key_contact=True)
    sign_in(page, lead.email, password)

    page.get_by_role("navigation", name="Menu").get_by_role("link", name="Directory").click()
    page.get_by_role("heading", name="Directory of partners").wait_for()
    axe(page, "directory list")

    page.get_by_label("Search by name, URN or postcode").fill("cleeve")
    page.get_by_role("button", name="Search", exact=True).click()
    page.get_by_text("Showing 1 to 1 of 1 organisation that match your search").wait_for()
    axe(page, "directory search results")

    page.get_by_role("link", name="Cleeve School").click()
    page.get_by_role("heading", name="Cleeve School", level=1).wait_for()
    axe(page, "organisation page")

    page.get_by_role("link", name="Add a contact").click()
    page.get_by_role("heading", name="Add a contact").wait_for()
    axe(page, "contact form")

    # A mistyped email: the summary and the field say so, and nothing is added.
    page.get_by_label("Full name").fill("Helen Marsh")
    page.get_by_label("Email address").fill("helen.marsh-at-cleeve")
    page.get_by_role("button", name="Add contact").click()
    summary = page.locator(".nhsuk-error-summary")
    summary.wait_for()
    assert page.title().startswith("Error:")
    assert "Enter an email address in the correct format" in summary.inner_text()
    assert (
        "Enter an email address in the correct format"
        in page.locator("#id_email_error").inner_text()
    )
    axe(page, "contact form with errors")

    # The summary's link takes people to the field.
    summary.get_by_role("link").first.click()
    assert page.evaluate("document.activeElement.id") == "id_email"

    page.get_by_label("Email address").fill("helen.marsh@cleeve.example")
    page.get_by_label("Role", exact=True).fill("Careers leader")
    page.get_by_label("Accessibility needs (optional)").fill("BSL interpreter")
    hint = page.locator("#id_is_key_contact_helptext").inner_text()
    assert "Old Key-Contact is the key contact now" in hint
    page.get_by_label("Yes", exact=True).check()
    page.get_by_role("button", name="Add contact").click()

    banner = page.locator(".nhsuk-notification-banner--success")
    banner.wait_for()
    assert "Helen Marsh has been added as the key contact" in banner.inner_text()
    row = page.get_by_role("row").filter(has_text="Helen Marsh")
    assert "Key contact" in row.inner_text()
    assert "BSL interpreter" in row.inner_text()
    old = page.get_by_role("row").filter(has_text="Old Key-Contact")
    assert "Key contact" not in old.inner_text()
    axe(page, "organisation page after adding a contact")


def test_the_contact_form_can_be_completed_with_the_keyboard_alone(
    page, axe, lead, directory, password
):
    keyboard_only_sign_in(page, lead.email, password)
    page.goto(f"/partners/{directory.pk}/contacts/new/")
    axe(page, "contact form")

    for label, value in [
        ("Full name", "Kai Keyboard"),
        ("Role", "Careers leader"),
        ("Email address", "kai@cleeve.example"),
        ("Phone number", "01242 672 546"),
    ]:
        tab_to(page, page.get_by_label(label, exact=True), f"The {label} field")
        page.keyboard.type(value)

    # Radios: Tab reaches the group's selected answer; arrow keys change it.
    tab_to(page, page.get_by_label("Email", exact=True), "The preferred contact radios")
    page.keyboard.press("ArrowDown")
    assert page.get_by_label("Phone", exact=True).is_checked()
    tab_to(page, page.get_by_label("No", exact=True), "The key contact radios")
    page.keyboard.press("ArrowUp")
    assert page.get_by_label("Yes", exact=True).is_checked()

    tab_to(page, page.get_by_role("button", name="Add contact"), "The Add contact button")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    banner = page.locator(".nhsuk-notification-banner--success")
    assert "Kai Keyboard has been added as the key contact" in banner.inner_text()
    row = page.get_by_role("row").filter(has_text="Kai Keyboard")
    assert "Key contact" in row.inner_text()
    assert "Prefers phone" in row.inner_text()
    axe(page, "organisation page after keyboard-only entry")


def test_the_other_directory_pages_pass_axe(page, axe, lead, partner, vcse, directory, password):
    today = datetime.date.today()
    contact = ContactFactory(organisation=vcse, name="Vera Key", is_key_contact=True)
    ContactFactory(organisation=vcse, name="Nina Other")
    AmbassadorFactory(
        organisation=vcse,
        name="Amira Hassan",
        dbs_checked_on=today - datetime.timedelta(days=1000),
        dbs_renewal_due=today + datetime.timedelta(days=20),
    )
    AmbassadorFactory(organisation=vcse, name="Off Duty", is_active=False)

    sign_in(page, lead.email, password)
    page.get_by_role("heading", name="Ambassadors due for renewal").wait_for()
    axe(page, "lead home with renewals")

    pages = [
        (f"/partners/{vcse.pk}/", "organisation page with people and due dates"),
        (f"/partners/{vcse.pk}/edit/", "organisation form"),
        ("/partners/new/", "new organisation form"),
        (f"/partners/{vcse.pk}/ambassadors/new/", "ambassador form"),
        (f"/partners/contacts/{contact.pk}/delete/", "remove contact confirmation"),
        ("/partners/?q=no+such+place", "directory with no results"),
    ]
    for path, label in pages:
        page.goto(path)
        axe(page, label)

    page.goto(f"/partners/{vcse.pk}/edit/")
    page.get_by_label("Postcode").fill("not a postcode")
    page.get_by_role("button", name="Save changes").click()
    page.locator(".nhsuk-error-summary").wait_for()
    assert "Enter a real UK postcode" in page.locator("#id_postcode_error").inner_text()
    axe(page, "organisation form with errors")

    page.goto(f"/partners/{vcse.pk}/ambassadors/new/")
    page.locator("#id_dbs_checked_on_0").fill("31")
    page.locator("#id_dbs_checked_on_1").fill("2")
    page.locator("#id_dbs_checked_on_2").fill("2025")
    page.get_by_role("button", name="Add ambassador").click()
    page.locator(".nhsuk-error-summary").wait_for()
    assert "Enter a real date" in page.locator("#id_dbs_checked_on_error").inner_text()
    axe(page, "ambassador form with errors")

    page.goto(f"/partners/{vcse.pk}/")
    nina = page.get_by_role("row").filter(has_text="Nina Other")
    nina.get_by_role("button", name="Make key contact").click()
    banner = page.locator(".nhsuk-notification-banner--success")
    assert "Nina Other is now the key contact" in banner.inner_text()
    axe(page, "organisation page after changing the key contact")

    page.get_by_role("button", name="Sign out").click()
    sign_in(page, partner.email, password)
    page.goto(f"/partners/{directory.pk}/")
    assert "only its own staff and the workforce leads" in page.locator("main").inner_text()
    axe(page, "another organisation's page, as a delivery partner")
