"""The three privacy notices in the browser: reached from the footer, axe finds nothing."""

import pytest


@pytest.mark.parametrize(
    ("link", "heading"),
    [
        ("Privacy: questionnaires", "What happens to your answers"),
        ("Privacy: programme participants", "How we use your information on a pre-employment"),
        ("Privacy: staff and contacts", "How Outreach uses information about staff"),
    ],
)
def test_each_privacy_notice_is_reached_from_the_footer_and_passes_axe(page, axe, link, heading):
    page.goto("/accessibility/")
    with page.expect_navigation():
        page.get_by_role("contentinfo").get_by_role("link", name=link, exact=True).click()
    assert heading in page.get_by_role("heading", level=1).inner_text()
    axe(page, link)
