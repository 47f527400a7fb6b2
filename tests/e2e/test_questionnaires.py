"""Questionnaires in the browser: building from a template, answering by keyboard, the
results, and the kiosk's offline queue. axe scans every page visited."""

import pytest
from django.urls import reverse

from programmes.factories import EventFactory, ProgrammeFactory, ProgrammePartnerFactory
from surveys.factories import QuestionnaireFactory, answer
from surveys.models import Questionnaire, Response

from .helpers import sign_in, tab_to, wait_until

REFERENCE_DATA = [
    "partners.migrations.0002_reference_data",
    "programmes.migrations.0002_reference_data",
    "surveys.migrations.0002_templates",
]


@pytest.fixture(autouse=True)
def _reference_data(transactional_db):
    """Browser tests run on a flushed database: put back the reference data migrations
    ship (goals, activity types, questionnaire templates); each loader is idempotent."""
    from importlib import import_module

    from django.apps import apps

    for module in REFERENCE_DATA:
        import_module(module).load(apps, None)


@pytest.fixture
def programme(home_area, icb, vcse):
    programme = ProgrammeFactory(name="We Want You", area=home_area, lead_organisation=icb)
    ProgrammePartnerFactory(programme=programme, organisation=vcse)
    return programme


@pytest.fixture
def kiosk_questionnaire(programme, school):
    event = EventFactory(programme=programme, school=school, title="Careers day")
    return QuestionnaireFactory(
        programme=programme, event=event, title="Workshop check", template="workshop-before"
    )


def _goal_answers():
    return dict.fromkeys(("know_jobs", "see_myself", "work_experience", "subjects"), "4")


def _fill_kiosk(page):
    page.get_by_label("Yes, I agree").check()
    for group in page.locator("[data-question]").all()[1:5]:
        group.get_by_label("Agree", exact=True).check()


def test_the_kiosk_keeps_answers_offline_and_sends_each_once(page, axe, kiosk_questionnaire):
    page.goto(reverse("surveys:kiosk", kwargs={"token": kiosk_questionnaire.token}))
    axe(page, "kiosk form")
    page.context.set_offline(True)
    for n in range(3):
        _fill_kiosk(page)
        page.get_by_role("button", name="Send my answers").click()
        thanks = page.locator("#kiosk-thanks")
        thanks.wait_for(state="visible")
        if n == 0:
            axe(page, "kiosk thank-you screen")
        page.get_by_role("link", name="Start for the next person").click()
        # A fresh empty form: nothing of the previous person's answers remains.
        assert page.locator("input:checked").count() == 0
    queued = page.evaluate(
        "token => JSON.parse(localStorage.getItem('outreach-kiosk-queue:' + token)).length",
        kiosk_questionnaire.token,
    )
    assert queued == 3
    assert Response.objects.count() == 0
    assert (
        "3 sets of answers are saved on this tablet" in page.locator("#kiosk-status").inner_text()
    )

    page.context.set_offline(False)
    queue = f"outreach-kiosk-queue:{kiosk_questionnaire.token}"
    wait_until(page, f"() => JSON.parse(localStorage.getItem('{queue}')).length === 0")
    assert Response.objects.filter(questionnaire=kiosk_questionnaire, via="kiosk").count() == 3
    # Flushing again (the timer, another "online" event) sends nothing twice.
    page.evaluate("window.dispatchEvent(new Event('online'))")
    page.wait_for_timeout(500)
    assert Response.objects.count() == 3
    assert Response.objects.values("client_id").distinct().count() == 3


def test_a_kiosk_submission_online_goes_straight_to_the_server(page, axe, kiosk_questionnaire):
    page.goto(reverse("surveys:kiosk", kwargs={"token": kiosk_questionnaire.token}))
    _fill_kiosk(page)
    page.get_by_role("button", name="Send my answers").click()
    page.locator("#kiosk-thanks").wait_for(state="visible")
    wait_until(page, "() => !document.querySelector('#kiosk-status').textContent")
    assert Response.objects.count() == 1
    # A missing answer online: the server's error summary, nothing saved.
    page.get_by_role("link", name="Start for the next person").click()
    page.get_by_role("button", name="Send my answers").click()
    page.locator(".nhsuk-error-summary").wait_for()
    axe(page, "kiosk with errors")
    assert Response.objects.count() == 1


def test_a_lead_builds_from_a_template_a_respondent_answers_by_keyboard_and_results_show(
    page, axe, lead, password, programme
):
    sign_in(page, lead.email, password)
    # The header folds later entries under "More" when they do not fit: go by the home page.
    page.get_by_role("link", name="Your questionnaires and their results").click()
    axe(page, "questionnaire list")
    page.get_by_role("link", name="Create a questionnaire").click()
    axe(page, "create questionnaire")
    page.get_by_label("Workshop: before").check()
    page.get_by_label("Title").fill("Year 9 workshop: before")
    page.get_by_label("Programme").select_option(label="We Want You")
    page.get_by_role("button", name="Create questionnaire").click()
    page.get_by_role("heading", name="Year 9 workshop: before").wait_for()
    axe(page, "builder")

    # Reorder by keyboard: focus "Move down" on the first goal question and press Enter.
    move = page.get_by_role(
        "button", name="Move down “I know what jobs there are in health and care”"
    )
    tab_to(page, move, "Move down button", max_tabs=80)
    with page.expect_navigation():
        page.keyboard.press("Enter")
    texts = page.locator(".outreach-builder-question h4").all_inner_texts()
    assert texts.index("I could see myself working in health and care") < texts.index(
        "I know what jobs there are in health and care"
    )
    axe(page, "builder after a move")

    page.get_by_role("link", name="Preview as a respondent").click()
    axe(page, "preview")
    page.goto(page.url.replace("/preview/", "/settings/"))
    axe(page, "settings")
    page.goto(page.url.replace("/settings/", "/questions/new/"))
    axe(page, "add a question")
    page.goto(page.url.replace("/questions/new/", "/share/"))
    axe(page, "share")
    link = page.get_by_role("link", name="/questionnaires/q/").first.get_attribute("href")

    questionnaire = Questionnaire.objects.get(title="Year 9 workshop: before")
    for _ in range(4):
        answer(questionnaire, consent="yes", **_goal_answers())

    # The respondent: keyboard only.
    respondent = page.context.browser.new_context(base_url=page.url.split("/questionnaires")[0])
    young = respondent.new_page()
    young.goto(link)
    axe(young, "respondent form")
    tab_to(young, young.get_by_label("Yes, I agree"), "consent answer", max_tabs=60)
    young.keyboard.press("Space")
    for group in young.locator("[data-question]").all()[1:5]:
        tab_to(young, group.locator("input").first, "first answer of a question", max_tabs=60)
        # Arrow keys move through the agree scale: down three times reaches "Agree".
        for _ in range(3):
            young.keyboard.press("ArrowDown")
    tab_to(young, young.get_by_role("button", name="Send my answers"), "Send button", max_tabs=60)
    with young.expect_navigation():
        young.keyboard.press("Enter")
    young.get_by_role("heading", name="Thank you").wait_for()
    axe(young, "thank-you page")
    respondent.close()
    assert questionnaire.responses.count() == 5

    page.goto(reverse("surveys:results", args=[questionnaire.pk]))
    assert "5 responses" in page.locator("main").inner_text()
    agree_row = page.locator("#result-see_myself ~ table tr").filter(
        has=page.get_by_role("cell", name="Agree", exact=True)
    )
    assert agree_row.inner_text().split("\t")[1:3] == ["5", "100%"]
    axe(page, "results")


def test_theme_coding_comparison_and_translation_pages_pass_axe(
    page, axe, lead, password, programme
):
    listening = QuestionnaireFactory(programme=programme, title="Listening")
    for n in range(6):
        answer(listening, consent="yes", considered="yes", why_interested=f"<b>Reason</b> {n}")
    before = QuestionnaireFactory(programme=programme, template="workshop-before", title="Before")
    after = QuestionnaireFactory(
        programme=programme, template="workshop-after", title="After", before=before
    )
    for n in range(5):
        answer(before, consent="yes", match_code=f"CODE{n}", **dict.fromkeys(_goal_answers(), "2"))
        answer(after, consent="yes", match_code=f"CODE{n}", **_goal_answers())
    sign_in(page, lead.email, password)
    page.goto(reverse("surveys:themes", args=[listening.pk]))
    page.get_by_label("New theme").fill("Interested in working")
    page.get_by_role("button", name="Add theme").click()
    assert "<b>Reason</b> 0" in page.locator("main").inner_text()  # shown as text
    page.locator(".outreach-tag-form").first.get_by_label("Interested in working").check()
    page.locator(".outreach-tag-form").first.get_by_role("button").click()
    page.get_by_text("Themes saved.").wait_for()
    axe(page, "theme coding")
    page.goto(reverse("surveys:results", args=[listening.pk]))
    page.get_by_text("Filter the results").click()
    axe(page, "results with filters open")
    page.goto(reverse("surveys:compare", args=[after.pk]))
    assert "5 people gave the same code before and after" in page.locator("main").inner_text()
    axe(page, "before and after")

    page.goto(reverse("surveys:translations", args=[listening.pk]))
    axe(page, "translations")
    page.get_by_label("Add a language").select_option("ur")
    page.get_by_role("button", name="Translate into this language").click()
    axe(page, "translate into Urdu")
    page.get_by_label("Listening", exact=True).fill("سوالنامہ")
    page.get_by_role("button", name="Save translations").click()
    page.get_by_role("cell", name="1 of 51").wait_for()
    page.goto(reverse("surveys:respond", kwargs={"token": listening.token}) + "?lang=ur")
    assert page.get_by_role("heading", level=1).inner_text() == "سوالنامہ"
    axe(page, "respondent form in Urdu")


def test_the_kiosk_clears_itself_when_left_idle(page, axe, kiosk_questionnaire):
    page.clock.install()
    page.goto(reverse("surveys:kiosk", kwargs={"token": kiosk_questionnaire.token}))
    _fill_kiosk(page)
    assert page.locator("input:checked").count() == 5
    page.clock.fast_forward("00:30")
    assert page.locator("input:checked").count() == 5  # still someone's turn
    page.clock.fast_forward(kiosk_questionnaire.kiosk_idle_seconds * 1000)
    assert page.locator("input:checked").count() == 0
    assert Response.objects.count() == 0


def test_offline_the_kiosk_says_which_answers_are_missing(page, axe, kiosk_questionnaire):
    page.goto(reverse("surveys:kiosk", kwargs={"token": kiosk_questionnaire.token}))
    page.context.set_offline(True)
    page.get_by_label("Yes, I agree").check()
    page.get_by_role("button", name="Send my answers").click()
    summary = page.locator(".nhsuk-error-summary")
    summary.wait_for()
    assert "Answer: I know what jobs there are in health and care" in summary.inner_text()
    assert page.evaluate("document.activeElement.classList.contains('nhsuk-error-summary')")
    axe(page, "kiosk offline with missing answers")
    page.get_by_role("link", name="Answer: I know which subjects I need").click()
    assert page.evaluate("document.activeElement.name") == "q_subjects"
    assert page.locator("#kiosk-thanks").is_hidden()
    _fill_kiosk(page)
    page.get_by_role("button", name="Send my answers").click()
    page.locator("#kiosk-thanks").wait_for(state="visible")
    assert page.locator(".nhsuk-error-summary").count() == 0
