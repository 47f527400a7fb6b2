"""An administrator reads the audit trail: a change made through a page is there with
its before and after, the filters narrow it, and axe-core finds no violations."""

from playwright.sync_api import expect

from partners.factories import ContactFactory

from .helpers import sign_in


def test_an_administrator_filters_the_audit_trail(page, axe, administrator, lead, vcse, password):
    contact = ContactFactory(organisation=vcse, name="Priya Shah", job_title="Coordinator")
    contact.job_title = "Volunteer lead"
    contact.save()

    sign_in(page, administrator.email, password)
    page.goto("/audit/")
    expect(page.get_by_role("heading", name="Audit trail", level=1)).to_be_visible()
    axe(page, "audit trail")

    page.get_by_label("Type of record").select_option("partners.contact")
    page.get_by_label("Action").select_option("update")
    page.get_by_role("button", name="Filter").click()
    expect(page.get_by_text("Volunteer lead")).to_be_visible()
    expect(page.get_by_text("Showing 1 to 1 of 1 entry")).to_be_visible()
    axe(page, "audit trail filtered")

    page.goto("/audit/?date_from=not-a-date")
    expect(page.get_by_text("Enter a valid date.").first).to_be_visible()
    axe(page, "audit trail with an error")
