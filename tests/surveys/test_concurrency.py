"""Concurrent replays of one submission on PostgreSQL: the unique constraint on
(questionnaire, client id) keeps exactly one response."""

import threading
import uuid

import pytest
from django.db import connection

from surveys.factories import QuestionnaireFactory
from surveys.models import Answer, Response
from surveys.services import response_submit

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


def test_the_same_client_id_sent_at_once_from_many_devices_is_stored_once(programme):
    questionnaire = QuestionnaireFactory(programme=programme)
    client_id = uuid.uuid4()
    barrier = threading.Barrier(8)
    results, errors = [], []

    def submit():
        try:
            barrier.wait()
            results.append(
                response_submit(
                    questionnaire=questionnaire,
                    data={"q_consent": "yes", "q_considered": "yes", "q_roles_known": ["nurse"]},
                    client_id=client_id,
                )
            )
        except Exception as error:  # noqa: BLE001 - the test reports any failure
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=submit) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert Response.objects.count() == 1
    assert sum(1 for _, created in results if created) == 1
    assert {response.pk for response, _ in results} == {Response.objects.get().pk}
    assert Answer.objects.count() == 3
