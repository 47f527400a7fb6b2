"""The results page of the largest questionnaire in the national set, against the floor:
the SQL of its counts (answers per question and option, respondents per question), one
statement that only counts and renders nothing.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/outreach_bench \\
        python benchmarks/results_page.py [--runs 5]
"""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.national_data import benchmark_areas  # noqa: E402
from benchmarks.timing import bench_user, signed_in_client, standalone, timed  # noqa: E402

FLOOR_SQL = """
SELECT a.question_id, a.option_id, count(*), count(DISTINCT a.response_id)
  FROM surveys_answer a
 WHERE a.question_id = ANY(%s)
 GROUP BY GROUPING SETS ((a.question_id, a.option_id), (a.question_id))
"""


def largest_questionnaire():
    """(questionnaire, answers) with the most answers among the synthetic areas'."""
    from django.db.models import Count

    from surveys.models import Answer, Questionnaire

    top = (
        Answer.objects.filter(response__questionnaire__programme__area__in=benchmark_areas())
        .values("response__questionnaire_id")
        .annotate(n=Count("pk"))
        .order_by("-n")
        .first()
    )
    return Questionnaire.objects.get(pk=top["response__questionnaire_id"]), top["n"]


def measure(runs: int) -> dict:
    from django.db import connection
    from django.urls import reverse

    from outreach.accounts.roles import Role

    questionnaire, answers = largest_questionnaire()
    question_ids = list(questionnaire.current_version.questions.values_list("pk", flat=True))
    lead = bench_user(
        "bench-results-lead@example.org",
        memberships=[(questionnaire.programme.lead_organisation, Role.WORKFORCE_LEAD)],
    )
    client = signed_in_client(lead)
    url = reverse("surveys:results", args=[questionnaire.pk])

    def page():
        response = client.get(url)
        assert response.status_code == 200, response.status_code
        return response

    with connection.cursor() as cursor:
        floor_s, _, _ = timed(lambda: cursor.execute(FLOOR_SQL, [question_ids]), runs)
    page_s, queries, _ = timed(page, runs)
    return {
        "questionnaire": questionnaire.title,
        "answers": answers,
        "seconds": page_s,
        "floor": floor_s,
        "queries": queries,
    }


def main():
    args = standalone(__doc__)
    found = measure(args.runs)
    print(
        f"{found['questionnaire']} ({found['answers']:,} answers): page {found['seconds']:.3f} s"
        f" in {found['queries']} queries; SQL of its counts {found['floor']:.3f} s"
        f" ({found['seconds'] / found['floor']:.2f}×)"
    )


if __name__ == "__main__":
    main()
