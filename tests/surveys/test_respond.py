import datetime
import uuid

import pytest
from django.urls import reverse

from surveys.models import Response

VALID = {"q_consent": "yes", "q_considered": "no"}


def _url(questionnaire, name="surveys:respond"):
    return reverse(name, kwargs={"token": questionnaire.token})


def test_anyone_with_the_link_sees_that_questionnaire_only(client, listening, elsewhere):
    page = client.get(_url(listening))
    assert page.status_code == 200
    assert b"Employability Day" in page.content
    assert b"Kent listening" not in page.content
    assert b"How we use your answers" in page.content
    assert b'name="client_id"' in page.content


def test_an_unknown_link_is_not_found(client, db):
    assert client.get(reverse("surveys:respond", kwargs={"token": "nope"})).status_code == 404


def test_a_closed_link_says_so(client, listening):
    listening.closes_on = datetime.date(2020, 1, 1)
    listening.save()
    page = client.get(_url(listening))
    assert page.status_code == 410
    assert b"This questionnaire is closed" in page.content
    assert client.post(_url(listening), VALID).status_code == 410
    assert Response.objects.count() == 0


def test_a_respondent_answers_without_javascript(client, listening):
    page = client.post(_url(listening), {**VALID, "client_id": str(uuid.uuid4())})
    assert page.status_code == 302
    assert page["Location"] == _url(listening, "surveys:thanks")
    response = Response.objects.get()
    assert response.via == "link"
    assert client.get(page["Location"]).status_code == 200


def test_a_missing_answer_is_shown_beside_the_question_and_nothing_saved(client, listening):
    page = client.post(_url(listening), {"q_consent": "yes"})
    assert page.status_code == 400
    assert b"There is a problem" in page.content
    assert b"Choose an answer." in page.content
    assert b"<title>Error:" in page.content
    assert Response.objects.count() == 0


def test_script_in_free_text_is_shown_escaped(client, listening):
    page = client.post(
        _url(listening),
        {**VALID, "q_anything_else": "<script>alert(1)</script>", "q_consent": "maybe"},
    )
    assert page.status_code == 400
    assert b"<script>alert(1)</script>" not in page.content
    assert b"&lt;script&gt;alert(1)&lt;/script&gt;" in page.content


def test_a_replayed_submission_is_stored_once(client, listening):
    client_id = str(uuid.uuid4())
    headers = {"HTTP_ACCEPT": "application/json"}
    first = client.post(
        _url(listening, "surveys:kiosk"), {**VALID, "client_id": client_id}, **headers
    )
    again = client.post(
        _url(listening, "surveys:kiosk"), {**VALID, "client_id": client_id}, **headers
    )
    assert first.status_code == again.status_code == 201
    assert first.json() == again.json() == {"id": client_id}
    assert Response.objects.get().via == "kiosk"


def test_a_replay_after_closing_is_still_accepted_once(client, listening):
    client_id = str(uuid.uuid4())
    headers = {"HTTP_ACCEPT": "application/json"}
    client.post(_url(listening, "surveys:kiosk"), {**VALID, "client_id": client_id}, **headers)
    listening.closes_on = datetime.date(2020, 1, 1)
    listening.save()
    again = client.post(
        _url(listening, "surveys:kiosk"), {**VALID, "client_id": client_id}, **headers
    )
    assert again.status_code == 201
    late = client.post(
        _url(listening, "surveys:kiosk"), {**VALID, "client_id": str(uuid.uuid4())}, **headers
    )
    assert late.status_code == 410
    assert Response.objects.count() == 1


def test_bad_answers_come_back_as_json_errors_for_the_kiosk(client, listening):
    page = client.post(
        _url(listening, "surveys:kiosk"),
        {"q_consent": "yes", "q_considered": "perhaps"},
        HTTP_ACCEPT="application/json",
    )
    assert page.status_code == 400
    assert "q_considered" in page.json()["errors"]


def test_a_flood_from_one_address_is_slowed_with_a_friendly_message(client, listening, settings):
    from django.core.cache import cache

    cache.clear()
    settings.SURVEYS_SUBMISSIONS_PER_MINUTE = 3
    for _ in range(3):
        assert client.post(_url(listening), VALID).status_code == 302
    page = client.post(_url(listening), VALID)
    assert page.status_code == 429
    assert b"Please wait a minute" in page.content
    assert Response.objects.count() == 3
    cache.clear()


def test_the_kiosk_page_has_the_offline_script_and_no_account_links(client, listening):
    page = client.get(_url(listening, "surveys:kiosk"))
    assert page.status_code == 200
    assert b"js/kiosk.js" in page.content
    assert b"data-kiosk" in page.content
    assert b"Sign in" not in page.content
    assert "no-store" in page["Cache-Control"] or "no-cache" in page["Cache-Control"]


def test_after_a_kiosk_submission_without_javascript_a_fresh_form_follows(client, listening):
    page = client.post(_url(listening, "surveys:kiosk"), VALID, follow=True)
    assert page.redirect_chain[-1][0].endswith("?done=1")
    assert b"Please pass the tablet to the next person" in page.content
    assert b'value="no"' in page.content  # the options are there...
    assert b"checked" not in page.content  # ...but no one's answers


@pytest.mark.parametrize("age", ["under_13"])
def test_under_13s_are_asked_nothing_more_about_themselves(client, listening, age):
    page = client.get(_url(listening))
    assert b'data-hide-if="about_age_band=under_13"' in page.content
    client.post(_url(listening), {**VALID, "about_age_band": age, "about_gender": "boy_man"})
    assert Response.objects.get().about_you.gender == ""


def test_no_address_or_device_details_are_stored(client, listening):
    client.post(_url(listening), VALID, REMOTE_ADDR="203.0.113.9", HTTP_USER_AGENT="iPad")
    response = Response.objects.get()
    values = " ".join(str(getattr(response, f.attname)) for f in Response._meta.concrete_fields)
    assert "203.0.113.9" not in values
    assert "iPad" not in values


def test_a_per_event_link_files_answers_under_that_event(client, programme, other_programme):
    from programmes.factories import EventFactory
    from surveys.factories import QuestionnaireFactory

    questionnaire = QuestionnaireFactory(programme=programme)
    event = EventFactory(programme=programme, title="Workshop at Cleeve")
    foreign = EventFactory(programme=other_programme)
    page = client.get(_url(questionnaire), {"at": event.pk})
    assert f'name="at" value="{event.pk}"'.encode() in page.content
    client.post(_url(questionnaire), {**VALID, "at": str(event.pk)})
    client.post(_url(questionnaire), {**VALID, "at": str(foreign.pk)})
    assert sorted(Response.objects.values_list("event_id", flat=True), key=str) == sorted(
        [event.pk, None], key=str
    )


def test_answering_takes_a_fixed_number_of_queries(
    client, programme, django_assert_max_num_queries
):
    from surveys.factories import QuestionnaireFactory

    for template in ("event-feedback", "listening"):
        questionnaire = QuestionnaireFactory(programme=programme, template=template)
        url = _url(questionnaire)
        with django_assert_max_num_queries(6):
            assert client.get(url).status_code == 200
        with django_assert_max_num_queries(12):
            assert client.post(url, {**VALID, "q_rating": "5"}).status_code == 302


def test_a_signed_in_kiosk_shows_no_staff_menu_and_offers_to_sign_out(client, lead, listening):
    client.force_login(lead)
    kiosk_url = _url(listening, "surveys:kiosk")
    page = client.get(kiosk_url)
    assert b'aria-label="Menu"' not in page.content
    assert b"You are signed in on this device" in page.content
    out = client.post(reverse("accounts:logout"), {"next": kiosk_url})
    assert out["Location"] == kiosk_url
    assert b"You are signed in on this device" not in client.get(kiosk_url).content
