"""An administrator answers an erasure request and checks the retention schedule: every
page passes axe-core, including the ones showing errors."""

import pytest

from partners.factories import ContactFactory
from partners.models import Contact

from .helpers import sign_in

pytestmark = pytest.mark.e2e


def test_an_administrator_erases_a_contact_and_reviews_the_schedule(
    page, axe, administrator, password, vcse
):
    contact = ContactFactory(organisation=vcse, name="Jamie Request", email="jamie@example.org")
    sign_in(page, administrator.email, password)
    page.goto("/data-protection/")
    axe(page, "data protection")
    page.get_by_label("Partner contact").check()
    page.get_by_label("Reference, email address or name").fill("jamie@example.org")
    page.get_by_role("button", name="Find").click()
    page.get_by_role("link", name="Jamie Request").click()
    axe(page, "a person's page")
    page.get_by_role("link", name="Erase partner contact").click()
    page.get_by_label("Type ERASE to confirm").fill("erase")
    page.get_by_role("button", name="Erase").click()
    assert page.get_by_text("Type ERASE in capital letters to confirm").first.is_visible()
    axe(page, "erasure, with errors")
    assert Contact.objects.filter(pk=contact.pk).exists()
    page.get_by_label("Type ERASE to confirm").fill("ERASE")
    page.get_by_role("button", name="Erase").click()
    assert page.get_by_text("has been erased").is_visible()
    assert not Contact.objects.filter(pk=contact.pk).exists()

    page.goto("/data-protection/retention/")
    axe(page, "retention schedule")
    page.get_by_role("link", name="Change sign-in records").click()
    page.get_by_label("How long to keep it").fill("0")
    page.get_by_role("button", name="Save").click()
    axe(page, "retention rule, with errors")
    page.goto("/data-protection/retention/next-run/")
    assert page.get_by_role("cell", name="Inactive accounts").first.is_visible()
    axe(page, "the next retention run")
