import csv
import io

from django.urls import reverse

from surveys.factories import QuestionnaireFactory, answer
from surveys.models import Questionnaire, QuestionnaireTemplate


def test_a_partner_creates_a_questionnaire_from_a_template(client, partner, programme, event):
    client.force_login(partner)
    template = QuestionnaireTemplate.objects.get(code="workshop-before")
    page = client.post(
        reverse("surveys:create"),
        {
            "template": template.pk,
            "title": "Before the workshop",
            "programme": programme.pk,
            "event": event.pk,
        },
    )
    questionnaire = Questionnaire.objects.get(title="Before the workshop")
    assert page["Location"] == reverse("surveys:detail", args=[questionnaire.pk])
    assert questionnaire.created_by == partner
    detail = client.get(page["Location"])
    assert b"I know which subjects I need" in detail.content
    assert b"reading age about" in detail.content


def test_a_programme_outside_scope_cannot_be_chosen(client, lead, other_programme):
    client.force_login(lead)
    page = client.post(
        reverse("surveys:create"), {"title": "Sneaky", "programme": other_programme.pk}
    )
    assert page.status_code == 200
    assert b"Select a valid choice" in page.content
    assert not Questionnaire.objects.filter(title="Sneaky").exists()


def test_a_lead_adds_and_changes_a_question_with_show_if(client, lead, listening):
    client.force_login(lead)
    add = reverse("surveys:question_add", args=[listening.pk])
    page = client.post(
        add,
        {
            "text": "Which subject do you like best?",
            "kind": "single",
            "options": "Science\nMaths\nArt",
            "allow_other": "on",
            "show_if": "considered=yes",
            "goal": "",
            "section": listening.current_version.sections.last().pk,
        },
    )
    assert page.status_code == 302
    question = listening.current_version.questions.get(text="Which subject do you like best?")
    assert [o.label for o in question.options.all()] == ["Science", "Maths", "Art"]
    assert question.show_if.question.key == "considered"
    edit = reverse("surveys:question_edit", args=[listening.pk, question.key])
    assert b"Maths" in client.get(edit).content
    client.post(
        edit,
        {"text": "Which subject do you like most?", "kind": "single", "options": "Maths\nScience"},
    )
    question.refresh_from_db()
    assert question.text == "Which subject do you like most?"
    assert [o.label for o in question.options.all()] == ["Maths", "Science"]


def test_a_choice_question_needs_two_options(client, lead, listening):
    client.force_login(lead)
    page = client.post(
        reverse("surveys:question_add", args=[listening.pk]),
        {"text": "Pick", "kind": "single", "options": "Only one"},
    )
    assert page.status_code == 200
    assert b"Give at least two options" in page.content


def test_removing_a_question_asks_first(client, lead, listening):
    client.force_login(lead)
    url = reverse("surveys:question_delete", args=[listening.pk, "anything_else"])
    assert b"Remove this question?" in client.get(url).content
    client.post(url)
    assert not listening.current_version.questions.filter(key="anything_else").exists()


def test_settings_pair_a_before_questionnaire(client, lead, programme):
    before = QuestionnaireFactory(programme=programme, template="workshop-before", title="Before")
    after = QuestionnaireFactory(programme=programme, template="workshop-after", title="After")
    client.force_login(lead)
    url = reverse("surveys:settings", args=[after.pk])
    page = client.post(
        url,
        {
            "title": "After",
            "purpose": "after",
            "before": before.pk,
            "kiosk_idle_seconds": 60,
            "ask_match_code": "on",
        },
    )
    assert page.status_code == 302, page.content
    after.refresh_from_db()
    assert after.before == before
    assert client.get(reverse("surveys:compare", args=[after.pk])).status_code == 200
    # A questionnaire with no pair is sent back to its results.
    assert client.get(reverse("surveys:compare", args=[before.pk])).status_code == 302


def test_the_preview_shows_the_respondent_form_without_sending(client, lead, listening):
    client.force_login(lead)
    page = client.get(reverse("surveys:preview", args=[listening.pk]))
    assert b"Answers given here are not saved" in page.content
    assert b"About you" in page.content


def test_the_share_page_gives_the_link_and_kiosk_link(client, lead, listening):
    client.force_login(lead)
    page = client.get(reverse("surveys:share", args=[listening.pk]))
    assert listening.token.encode() in page.content
    assert b"/kiosk/" in page.content


def test_exports_give_one_row_per_response(client, lead, listening):
    client.force_login(lead)
    for n in range(5):
        answer(listening, consent="yes", considered="no", anything_else=f"=HYPERLINK({n})")
    page = client.get(reverse("surveys:export", args=[listening.pk, "csv"]))
    rows = list(csv.reader(io.StringIO(b"".join(page.streaming_content).decode())))
    assert len(rows) == 6
    assert "Have you ever thought about working in health and care?" in rows[0]
    assert "'=HYPERLINK(0)" in rows[1]
    xlsx = client.get(reverse("surveys:export", args=[listening.pk, "xlsx"]))
    assert xlsx.content.startswith(b"PK")
    summary = client.get(reverse("surveys:export", args=[listening.pk, "summary"]))
    assert b"question,answer,count,percent" in summary.content


def test_fewer_than_five_responses_are_not_exported(client, lead, listening):
    client.force_login(lead)
    answer(listening, consent="yes", considered="no")
    page = client.get(reverse("surveys:export", args=[listening.pk, "csv"]))
    assert page.status_code == 302
    assert client.get(reverse("surveys:export", args=[listening.pk, "pdf"])).status_code == 404
