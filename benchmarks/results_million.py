"""Results for a questionnaire with 1,000,000 answers, computed in the database.

  DATABASE_URL=postgres://postgres@127.0.0.1:5432/outreach_surveys \\
      python benchmarks/results_million.py            # loads once, then times
  ... python benchmarks/results_million.py --reload   # throw the data away and load again

Loading uses INSERT … SELECT over generate_series (PostgreSQL only), so a million
answers take seconds; the timings then go through the same selector and page the
application uses: grouped queries, no Python loop over answer rows.
"""

import argparse
import os
import statistics
import sys
import time

TITLE = "Results benchmark: 1,000,000 answers"
RESPONSES = 146_000


def _django():
    sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "outreach.settings")
    import django

    django.setup()


def _load(questionnaire, event):
    from django.db import connection, transaction

    version = questionnaire.current_version
    questions = {q.key: q for q in version.questions.prefetch_related("options")}
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(
            """
            INSERT INTO surveys_response
                (questionnaire_id, version_id, event_id, client_id, via, match_code, submitted_at)
            SELECT %s, %s, CASE WHEN n %% 2 = 0 THEN %s END, gen_random_uuid(), 'kiosk', '',
                   now() - (n || ' seconds')::interval
            FROM generate_series(1, %s) AS n
            """,
            [questionnaire.pk, version.pk, event.pk, RESPONSES],
        )
        cursor.execute(
            """
            INSERT INTO surveys_aboutyou (response_id, age_band, year_group, gender, ethnic_group,
                disability, young_carer, deaf, first_language_english, in_care, postcode_district)
            SELECT id, '13_15', (ARRAY['8','9','10','11'])[1 + (id %% 4)],
                   (ARRAY['girl_woman','boy_man','prefer_not'])[1 + (id %% 3)], '', '', '', '', '',
                   '', ''
            FROM surveys_response WHERE questionnaire_id = %s
            """,
            [questionnaire.pk],
        )
        for key, question in questions.items():
            options = [o.pk for o in question.options.all()]
            if question.kind == "multiple":
                # Each option chosen by about a third of respondents.
                cursor.execute(
                    """
                    INSERT INTO surveys_answer (response_id, question_id, option_id, text)
                    SELECT r.id, %s, o, '' FROM surveys_response r
                    CROSS JOIN unnest(%s::bigint[]) AS o
                    WHERE r.questionnaire_id = %s AND random() < 0.21
                    """,
                    [question.pk, options, questionnaire.pk],
                )
            elif options:
                cursor.execute(
                    """
                    INSERT INTO surveys_answer (response_id, question_id, option_id, text)
                    SELECT r.id, %s, (%s::bigint[])[1 + floor(random() * %s)::int], ''
                    FROM surveys_response r WHERE r.questionnaire_id = %s
                    """,
                    [question.pk, options, len(options), questionnaire.pk],
                )
            elif key == "why_interested":
                cursor.execute(
                    """
                    INSERT INTO surveys_answer (response_id, question_id, text)
                    SELECT r.id, %s, 'I want to help people' FROM surveys_response r
                    WHERE r.questionnaire_id = %s AND r.id %% 10 = 0
                    """,
                    [question.pk, questionnaire.pk],
                )
        for table in ("answer", "response", "aboutyou", "question", "option"):
            cursor.execute(f"ANALYZE surveys_{table}")


def _setup(reload):
    from django.contrib.auth import get_user_model

    from outreach.accounts.models import Membership
    from partners.factories import ICBAreaFactory, OrganisationFactory
    from programmes.factories import EventFactory, ProgrammeFactory
    from surveys.factories import QuestionnaireFactory
    from surveys.models import Questionnaire

    questionnaire = Questionnaire.objects.filter(title=TITLE).first()
    if questionnaire is not None and reload:
        questionnaire.responses.all().delete()
    if questionnaire is None:
        area = ICBAreaFactory(name="Results benchmark area")
        organisation = OrganisationFactory(area=area)
        programme = ProgrammeFactory(
            name="Results benchmark", area=area, lead_organisation=organisation
        )
        event = EventFactory(programme=programme, title="Benchmark event")
        questionnaire = QuestionnaireFactory(programme=programme, event=event, title=TITLE)
        user, _ = get_user_model().objects.get_or_create(email="bench-lead@example.org")
        Membership.objects.get_or_create(
            user=user, organisation=organisation, role="workforce_lead"
        )
    if not questionnaire.responses.exists():
        started = time.perf_counter()
        _load(questionnaire, questionnaire.event)
        print(f"loaded in {time.perf_counter() - started:.1f}s")
    return questionnaire


def _time(label, fn, repeat=5):
    fn()  # warm the connection and the database cache
    runs = []
    for _ in range(repeat):
        started = time.perf_counter()
        fn()
        runs.append(time.perf_counter() - started)
    print(f"{label}: median {statistics.median(runs) * 1000:.0f} ms, max {max(runs) * 1000:.0f} ms")


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--reload", action="store_true")
    args = parser.parse_args()
    _django()
    from django.conf import settings
    from django.contrib.auth import get_user_model
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext
    from django.urls import reverse

    from surveys.models import Answer
    from surveys.selectors import ResultFilters, question_results

    if connection.vendor != "postgresql":
        sys.exit("Set DATABASE_URL to a PostgreSQL database.")
    questionnaire = _setup(args.reload)
    version = questionnaire.current_version
    answers = Answer.objects.filter(response__questionnaire=questionnaire).count()
    responses = questionnaire.responses.count()
    print(f"questionnaire {questionnaire.pk}: {responses:,} responses, {answers:,} answers")

    _time("selector, all responses", lambda: question_results(questionnaire, version))
    year_9 = ResultFilters(about={"year_group": "9"})
    _time("selector, filtered to Year 9", lambda: question_results(questionnaire, version, year_9))
    with CaptureQueriesContext(connection) as queries:
        question_results(questionnaire, version, year_9)
    print(f"queries for the selector: {len(queries)}")

    settings.ALLOWED_HOSTS = ["*"]
    client = Client()
    client.force_login(get_user_model().objects.get(email="bench-lead@example.org"))
    url = reverse("surveys:results", args=[questionnaire.pk])

    def page(query=""):
        response = client.get(url + query)
        assert response.status_code == 200, response.status_code

    _time("results page, all responses", page)
    _time(
        "results page, filtered to Year 9 and the event",
        lambda: page(f"?year_group=9&event={questionnaire.event_id}"),
    )


if __name__ == "__main__":
    main()
