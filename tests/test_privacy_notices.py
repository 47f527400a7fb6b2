"""The privacy notices: public, one per audience, naming the deploying organisation, and
linked from the pages where people meet Outreach."""

import pytest
from django.urls import reverse

NOTICES = ["privacy_questionnaires", "privacy_participants", "privacy_staff"]


@pytest.mark.parametrize("name", NOTICES)
def test_each_notice_opens_without_signing_in_and_names_the_controller(client, settings, name):
    settings.OUTREACH_CONTROLLER_NAME = "NHS Gloucestershire ICB"
    settings.OUTREACH_DPO_EMAIL = "dpo@glos.example.nhs.uk"
    response = client.get(reverse(name))
    assert response.status_code == 200
    body = response.content.decode()
    assert "NHS Gloucestershire ICB" in body
    assert 'href="mailto:dpo@glos.example.nhs.uk"' in body
    assert "ico.org.uk" in body
    others = [reverse(other) for other in NOTICES if other != name]
    assert all(f'href="{url}"' in body for url in others)


def test_without_settings_the_notice_says_your_integrated_care_board(client, settings):
    settings.OUTREACH_DPO_EMAIL = ""
    body = client.get(reverse("privacy_participants")).content.decode()
    assert "your Integrated Care Board" in body
    assert "ask the organisation that ran the activity" in body


def test_the_notices_quote_the_retention_defaults(client):
    questionnaires = client.get(reverse("privacy_questionnaires")).content.decode()
    assert "After 24 months we delete the words you typed and your code" in questionnaires
    participants = client.get(reverse("privacy_participants")).content.decode()
    assert "12 months after your last activity" in participants
    staff = client.get(reverse("privacy_staff")).content.decode()
    assert "Sign-in records: 30 days" in staff
    assert "6 years" in staff


def test_the_footer_links_every_notice(client):
    body = client.get(reverse("accessibility")).content.decode()
    for name in NOTICES:
        assert f'class="nhsuk-footer__list-item-link" href="{reverse(name)}"' in body


def test_the_privacy_page_lists_the_three_notices(client):
    body = client.get(reverse("privacy")).content.decode()
    for name in NOTICES:
        assert f'href="{reverse(name)}"' in body


@pytest.mark.django_db
def test_a_public_questionnaire_links_its_privacy_notice(client):
    from surveys.factories import QuestionnaireFactory

    questionnaire = QuestionnaireFactory()
    body = client.get(reverse("surveys:respond", args=[questionnaire.token])).content.decode()
    assert f'href="{reverse("privacy_questionnaires")}"' in body


@pytest.mark.django_db
def test_the_add_participant_page_points_to_the_participants_notice(client, partner, vcse):
    from programmes.factories import CohortFactory

    cohort = CohortFactory(programme__area=vcse.area, delivering_organisation=vcse)
    client.force_login(partner)
    response = client.get(reverse("programmes:participant_create", args=[cohort.pk]))
    assert response.status_code == 200
    assert f'href="{reverse("privacy_participants")}"' in response.content.decode()
