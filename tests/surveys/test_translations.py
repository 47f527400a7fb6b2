import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from surveys import services
from surveys.models import Response, Translation

WELSH = {
    "title": "Diwrnod Cyflogadwyedd",
    "question:considered": "Ydych chi erioed wedi meddwl am weithio ym maes iechyd a gofal?",
    "option:considered:yes": "Ydw",
    "option:considered:no": "Nac ydw",
    "send": "Anfon fy atebion",
}


def test_staff_translate_the_questionnaires_own_words(listening):
    keys = dict(services.translatable_texts(listening))
    assert keys["question:considered"].startswith("Have you ever thought")
    assert keys["option:roles_known:other"] == "Other"
    assert services.translations_save(questionnaire=listening, language="cy", texts=WELSH) == 5
    services.translations_save(questionnaire=listening, language="cy", texts={"send": ""})
    assert not Translation.objects.filter(key="send").exists()


def test_unknown_languages_and_texts_are_refused(listening):
    with pytest.raises(ValidationError):
        services.translations_save(questionnaire=listening, language="xx", texts={})
    with pytest.raises(ValidationError):
        services.translations_save(questionnaire=listening, language="cy", texts={"nope": "x"})


def test_a_respondent_picks_a_language_and_answers_in_it(client, listening):
    services.translations_save(questionnaire=listening, language="cy", texts=WELSH)
    url = reverse("surveys:respond", kwargs={"token": listening.token})
    english = client.get(url)
    assert b"Read this in:" in english.content
    assert b'hreflang="cy"' in english.content
    welsh = client.get(url, {"lang": "cy"})
    content = welsh.content.decode()
    assert 'lang="cy"' in content
    assert "Ydych chi erioed wedi meddwl" in content
    assert "Anfon fy atebion" in content
    assert "Which health and care jobs have you heard of?" in content  # not translated yet
    page = client.post(url, {"lang": "cy", "q_consent": "yes"})
    assert "Ydych chi erioed wedi meddwl" in page.content.decode()  # errors stay in Welsh
    done = client.post(url, {"lang": "cy", "q_consent": "yes", "q_considered": "yes"})
    assert done["Location"].endswith("?lang=cy")
    assert Response.objects.count() == 1


def test_a_language_with_no_translation_falls_back_to_english(client, listening):
    page = client.get(reverse("surveys:respond", kwargs={"token": listening.token}), {"lang": "pl"})
    assert b'lang="pl"' not in page.content
    assert b"Read this in:" not in page.content


def test_right_to_left_languages_are_marked(client, listening):
    services.translations_save(questionnaire=listening, language="ur", texts={"title": "سوالنامہ"})
    page = client.get(reverse("surveys:respond", kwargs={"token": listening.token}), {"lang": "ur"})
    assert b'dir="rtl"' in page.content


@pytest.mark.parametrize(
    ("persona", "status"),
    [(None, 302), ("lead", 200), ("partner", 200), ("careers", 403), ("outsider", 404)],
)
def test_each_role_gets_the_right_answer_on_the_translation_pages(
    client, request, listening, persona, status
):
    if persona:
        client.force_login(request.getfixturevalue(persona))
    assert client.get(reverse("surveys:translations", args=[listening.pk])).status_code == status
    edit = reverse("surveys:translation_edit", args=[listening.pk, "cy"])
    assert client.get(edit).status_code == status


def test_a_lead_translates_through_the_page(client, lead, listening):
    client.force_login(lead)
    page = client.post(reverse("surveys:translations", args=[listening.pk]), {"language": "pl"})
    assert page["Location"] == reverse("surveys:translation_edit", args=[listening.pk, "pl"])
    form = client.get(page["Location"]).context["form"]
    keys = [key for key, _ in services.translatable_texts(listening)]
    data = dict.fromkeys(form.fields, "")
    data[f"t{keys.index('title')}"] = "Dzień zatrudnienia"
    saved = client.post(page["Location"], data)
    assert saved.status_code == 302
    assert Translation.objects.get(language="pl").text == "Dzień zatrudnienia"
    assert (
        client.get(reverse("surveys:translation_edit", args=[listening.pk, "xx"])).status_code
        == 404
    )
