"""Role × page for every questionnaire page that needs an object in its URL."""

import pytest
from django.urls import reverse

from surveys.factories import answer
from surveys.models import Questionnaire

BUILDER_PAGES = [
    "surveys:detail",
    "surveys:settings",
    "surveys:question_add",
    "surveys:preview",
    "surveys:share",
    "surveys:themes",
]
RESULT_PAGES = ["surveys:results"]
QUESTION_PAGES = ["surveys:question_edit", "surveys:question_delete"]

# persona -> (builder pages, results pages)
EXPECTED = {
    None: (302, 302),
    "lead": (200, 200),
    "partner": (200, 200),
    "careers": (403, 200),
    "administrator": (200, 200),
    "outsider": (404, 404),
    "no_role": (403, 403),
}


def _login(client, request, persona):
    if persona:
        client.force_login(request.getfixturevalue(persona))


@pytest.mark.parametrize("persona", list(EXPECTED), ids=lambda p: p or "anonymous")
def test_each_role_gets_the_right_answer_on_each_questionnaire_page(
    client, request, listening, persona
):
    _login(client, request, persona)
    builder_status, results_status = EXPECTED[persona]
    for name in BUILDER_PAGES:
        assert client.get(reverse(name, args=[listening.pk])).status_code == builder_status, name
    for name in QUESTION_PAGES:
        url = reverse(name, args=[listening.pk, "considered"])
        assert client.get(url).status_code == builder_status, name
    for fmt in ("png", "svg"):
        url = reverse("surveys:qr", args=[listening.pk, fmt])
        assert client.get(url).status_code == builder_status
    for name in RESULT_PAGES:
        assert client.get(reverse(name, args=[listening.pk])).status_code == results_status, name
    for fmt in ("summary",):
        url = reverse("surveys:export", args=[listening.pk, fmt])
        assert client.get(url).status_code == results_status


@pytest.mark.parametrize("persona", ["lead", "partner", "administrator"])
def test_staff_of_the_programme_build_and_code(client, request, listening, persona):
    _login(client, request, persona)
    pk = listening.pk
    move = client.post(
        reverse("surveys:question_move", args=[pk, "advice_from"]), {"direction": "down"}
    )
    assert move.status_code == 302
    section = client.post(reverse("surveys:section_add", args=[pk]), {"title": "Last bits"})
    assert section.status_code == 302
    theme = client.post(reverse("surveys:theme_add", args=[pk]), {"name": "Mentoring"})
    assert theme.status_code == 302
    response = answer(listening, consent="yes", considered="yes", why_interested="Helping")
    text = response.answers.get(question__key="why_interested")
    tag = client.post(
        reverse("surveys:answer_tag", args=[pk, text.pk]),
        {"themes": [listening.themes.get().pk]},
    )
    assert tag.status_code == 302
    assert text.tags.count() == 1


@pytest.mark.parametrize("persona", ["careers", "outsider", "no_role"])
def test_others_cannot_change_a_questionnaire(client, request, listening, persona):
    _login(client, request, persona)
    pk = listening.pk
    urls = [
        reverse("surveys:question_move", args=[pk, "advice_from"]),
        reverse("surveys:section_add", args=[pk]),
        reverse("surveys:theme_add", args=[pk]),
        reverse("surveys:answer_tag", args=[pk, 1]),
    ]
    for url in urls:
        assert client.post(url, {"direction": "up", "title": "x", "name": "x"}).status_code in (
            403,
            404,
        )
    assert listening.themes.count() == 0
    assert listening.current_version.sections.count() == 3


def test_results_of_another_area_are_not_found(client, lead, elsewhere):
    client.force_login(lead)
    assert client.get(reverse("surveys:results", args=[elsewhere.pk])).status_code == 404
    assert client.get(reverse("surveys:compare", args=[elsewhere.pk])).status_code == 404


def test_a_careers_lead_sees_results_only_for_events_at_their_school(
    client, careers, listening, programme
):
    from surveys.factories import QuestionnaireFactory

    elsewhere_in_programme = QuestionnaireFactory(programme=programme, title="No event")
    client.force_login(careers)
    page = client.get(reverse("surveys:list"))
    assert b"Employability Day" in page.content
    assert b"No event" not in page.content
    url = reverse("surveys:results", args=[elsewhere_in_programme.pk])
    assert client.get(url).status_code == 404
    assert set(Questionnaire.objects.for_user(careers)) == {listening}


def test_the_list_keeps_a_fixed_number_of_queries(
    client, lead, programme, django_assert_max_num_queries
):
    from surveys.factories import QuestionnaireFactory

    client.force_login(lead)
    QuestionnaireFactory(programme=programme)
    with django_assert_max_num_queries(9):
        assert client.get(reverse("surveys:list")).status_code == 200
    for _ in range(30):
        QuestionnaireFactory(programme=programme, template="")
    with django_assert_max_num_queries(9):
        page = client.get(reverse("surveys:list"))
    assert len(page.context["page_obj"].object_list) == 25


def test_the_theme_page_keeps_a_fixed_number_of_queries(
    client, lead, listening, django_assert_max_num_queries
):
    client.force_login(lead)
    url = reverse("surveys:themes", args=[listening.pk])
    answer(listening, consent="yes", considered="yes", why_interested="One")
    with django_assert_max_num_queries(14):
        client.get(url)
    for n in range(30):
        answer(listening, consent="yes", considered="yes", why_interested=f"Answer {n}")
    with django_assert_max_num_queries(14):
        page = client.get(url)
    assert len(page.context["page_obj"].object_list) == 25


def test_the_results_page_keeps_a_fixed_number_of_queries(
    client, lead, listening, django_assert_max_num_queries
):
    client.force_login(lead)
    url = reverse("surveys:results", args=[listening.pk])
    answer(listening, consent="yes", considered="yes")
    with django_assert_max_num_queries(16):
        client.get(url)
    for _ in range(20):
        answer(listening, consent="yes", considered="no", about_year_group="9")
    with django_assert_max_num_queries(16):
        page = client.get(url, {"year_group": "9"})
    assert b"Have you ever thought" in page.content


def test_the_qr_code_comes_as_png_and_svg(client, lead, listening):
    client.force_login(lead)
    png = client.get(reverse("surveys:qr", args=[listening.pk, "png"]))
    assert png["Content-Type"] == "image/png"
    assert png.content.startswith(b"\x89PNG")
    svg = client.get(reverse("surveys:qr", args=[listening.pk, "svg"]) + "?download=1")
    assert svg["Content-Type"] == "image/svg+xml"
    assert b"<svg" in svg.content
    assert "attachment" in svg["Content-Disposition"]
    assert client.get(reverse("surveys:qr", args=[listening.pk, "gif"])).status_code == 404


def test_administrators_see_questionnaires_in_the_django_admin(client, administrator, listening):
    answer(listening, consent="yes", considered="no")
    client.force_login(administrator)
    for model in ("questionnaire", "response", "questionnairetemplate", "theme"):
        assert client.get(f"/admin/surveys/{model}/").status_code == 200, model


@pytest.mark.parametrize(
    ("persona", "shown"),
    [("lead", True), ("partner", True), ("administrator", True), ("careers", False)],
)
def test_the_home_page_links_builders_to_questionnaires(client, request, persona, shown):
    client.force_login(request.getfixturevalue(persona))
    page = client.get(reverse("home"))
    assert (b"Create a questionnaire from a template" in page.content) is shown
