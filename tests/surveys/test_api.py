import uuid

import pytest
from rest_framework.test import APIClient

from surveys.factories import QuestionnaireFactory, answer
from surveys.models import Response

PERSONAS = ["lead", "partner", "careers", "administrator", "outsider", "no_role"]
# persona -> sees the listening questionnaire (and its responses)?
SEES = {
    "lead": True,
    "partner": True,
    "careers": True,
    "administrator": True,
    "outsider": False,
    "no_role": False,
}


def _client(user=None):
    client = APIClient()
    if user is not None:
        client.force_authenticate(user)
    return client


@pytest.mark.parametrize("persona", PERSONAS)
def test_each_role_sees_questionnaires_and_responses_in_scope(
    request, listening, elsewhere, persona
):
    answer(listening, consent="yes", considered="no")
    client = _client(request.getfixturevalue(persona))
    titles = {row["title"] for row in client.get("/api/v1/questionnaires/").json()["results"]}
    assert titles == ({"Employability Day"} if SEES[persona] else set()) | (
        {"Kent listening"} if persona in ("administrator", "outsider") else set()
    )
    detail = client.get(f"/api/v1/questionnaires/{listening.pk}/")
    assert detail.status_code == (200 if SEES[persona] else 404)
    results = client.get(f"/api/v1/questionnaires/{listening.pk}/results/")
    assert results.status_code == (200 if SEES[persona] else 404)
    responses = client.get("/api/v1/responses/").json()["results"]
    assert len(responses) == (1 if SEES[persona] else 0)


def test_anonymous_callers_cannot_list(db, listening):
    assert _client().get("/api/v1/questionnaires/").status_code in (401, 403)
    assert _client().get("/api/v1/responses/").status_code in (401, 403)


def test_a_questionnaire_shows_its_questions(lead, listening):
    body = _client(lead).get(f"/api/v1/questionnaires/{listening.pk}/").json()
    keys = [q["key"] for q in body["questions"]]
    assert keys[0] == "consent"
    why = next(q for q in body["questions"] if q["key"] == "why_interested")
    assert why["show_if"] == {"question": "considered", "value": "yes"}
    assert body["link"].endswith(f"/questionnaires/q/{listening.token}/")


def _submission(questionnaire, **answers):
    return {
        "token": questionnaire.token,
        "client_id": str(uuid.uuid4()),
        "answers": {"consent": "yes", "considered": "yes", **answers},
        "about_you": {"year_group": "9"},
    }


def test_anyone_with_the_token_submits_once_per_client_id(db, listening):
    body = _submission(listening, roles_known=["nurse", "doctor"])
    first = _client().post("/api/v1/responses/", body, format="json")
    assert first.status_code == 201
    assert first.json()["created"] is True
    again = _client().post("/api/v1/responses/", body, format="json")
    assert again.status_code == 200
    assert again.json() == {"id": body["client_id"], "created": False}
    response = Response.objects.get()
    assert response.via == "api"
    assert response.answers.filter(question__key="roles_known").count() == 2
    assert response.about_you.year_group == "9"


def test_bad_submissions_get_the_standard_error_body(db, listening):
    bad = _submission(listening, considered="perhaps")
    error = _client().post("/api/v1/responses/", bad, format="json").json()["error"]
    assert error["status"] == 400
    assert "considered" in error["fields"]
    unknown = {**_submission(listening), "token": "nope"}
    assert _client().post("/api/v1/responses/", unknown, format="json").status_code == 404
    assert Response.objects.count() == 0


def test_a_closed_questionnaire_answers_410(db, listening):
    import datetime

    listening.closes_on = datetime.date(2020, 1, 1)
    listening.save()
    page = _client().post("/api/v1/responses/", _submission(listening), format="json")
    assert page.status_code == 410
    assert page.json()["error"]["code"] == "closed"


def test_results_summary_suppresses_small_numbers(lead, listening):
    for _ in range(6):
        answer(listening, consent="yes", considered="yes")
    for _ in range(5):
        answer(listening, consent="yes", considered="no", roles_known=["nurse"])
    answer(listening, consent="yes", considered="no", roles_known=["doctor"])
    body = _client(lead).get(f"/api/v1/questionnaires/{listening.pk}/results/").json()
    considered = next(q for q in body["questions"] if q["key"] == "considered")
    assert considered["respondents"] == 12
    assert considered["answers"] == [
        {"label": "Yes", "count": 6, "percent": 50},
        {"label": "No", "count": 6, "percent": 50},
    ]
    roles = next(q for q in body["questions"] if q["key"] == "roles_known")
    assert roles["answers"][:2] == [
        {"label": "Doctor", "count": None, "percent": None},
        {"label": "Nurse", "count": 5, "percent": 83},
    ]


def test_lists_keep_a_fixed_number_of_queries(lead, programme, django_assert_max_num_queries):
    questionnaire = QuestionnaireFactory(programme=programme)
    answer(questionnaire, consent="yes", considered="no")
    client = _client(lead)
    with django_assert_max_num_queries(8):
        client.get("/api/v1/responses/")
    with django_assert_max_num_queries(8):
        client.get("/api/v1/questionnaires/")
    for _ in range(20):
        QuestionnaireFactory(programme=programme, template="")
        answer(questionnaire, consent="yes", considered="yes", roles_known=["nurse", "doctor"])
    with django_assert_max_num_queries(8):
        assert len(client.get("/api/v1/responses/").json()["results"]) == 21
    with django_assert_max_num_queries(8):
        assert len(client.get("/api/v1/questionnaires/").json()["results"]) == 21
