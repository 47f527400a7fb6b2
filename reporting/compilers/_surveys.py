"""Questionnaire change per goal across every before → after pair in scope.

`surveys.selectors.compare.goal_comparison` answers for one pair in four queries; a report
over a whole area cannot loop over pairs, so the same figures are grouped here over all
pairs at once (one query for the pairs, then one grouping over the answers for the
distribution, the responses and the matched scores), then each side goes through
compare.py's own `_side` and the results.py suppression rules.
"""

from __future__ import annotations

from collections import defaultdict

from django.db import connection
from django.db.models import Avg, Count, IntegerField, Q
from django.db.models.functions import Cast

from programmes.models import Goal
from surveys.models import Answer, Question, Questionnaire
from surveys.models.questionnaires import LIKERT_OPTIONS
from surveys.selectors.compare import _side
from surveys.selectors.results import MIN_CELL, suppress, suppress_exclusive

from ..document import DECIMAL, INTEGER, PERCENT, Chart, Column, Section, Series, Table
from ._common import NOT_SHOWN, day_range, programme_q, survey_cell


def _answers(ids, period):
    start, end = day_range(period)
    # Through the questions (a subquery): the answers' (question, option) index then
    # reads only these questionnaires' answers. Filtered by response alone, PostgreSQL
    # scanned every answer in the country for one area's six questionnaires.
    questions = Question.objects.filter(
        version__questionnaire_id__in=ids, kind="likert", goal__isnull=False
    ).values("pk")
    return Answer.objects.filter(
        question_id__in=questions,
        response__questionnaire_id__in=ids,
        response__submitted_at__gte=start,
        response__submitted_at__lt=end,
        option__isnull=False,
    ).order_by()


def _grouped_sql(ids, period):
    """The answers grouped by (questionnaire, match code, goal), as SQL for a CTE: counts
    by value, distinct responses and the mean score. An answer falls in exactly one group,
    so the counts add up over the codes, and so do the responses (a response has one
    code, '' when none); the '' group's mean is not a person's and is never paired."""
    by_value = {value: Count("pk", filter=Q(option__value=value)) for value, _ in LIKERT_OPTIONS}
    grouped = (
        _answers(ids, period)
        .values_list("response__questionnaire_id", "response__match_code", "question__goal_id")
        .annotate(
            n=Count("response_id", distinct=True),
            score=Avg(Cast("option__value", IntegerField())),
            **{f"value_{value}": count for value, count in by_value.items()},
        )
        .order_by()
    )
    return (*grouped.query.sql_with_params(), list(by_value))


def _collect(scope, period):
    """Per goal: before and after answer counts by value, responses on each side, and
    the matched respondents' changes, over the goals each pair measured on both sides.

    One statement: the grouping over the answers (one scan), summed per questionnaire
    and goal, and joined before to after by match code for the matched pairs, so only a
    few rows per goal come back however many respondents there are."""
    pairs = list(
        Questionnaire.objects.filter(programme_q(scope), before__isnull=False).values_list(
            "before_id", "pk"
        )
    )
    ids = {q for pair in pairs for q in pair}
    goals = defaultdict(
        lambda: {
            "before": defaultdict(int),
            "after": defaultdict(int),
            "n": [0, 0],
            "moved": [0, 0, 0, 0, 0],
        }
    )
    if not ids:
        return goals
    inner, params, values = _grouped_sql(ids, period)
    value_columns = [f"v{i}" for i in range(len(values))]
    sums = ", ".join(f"SUM(g.{c})" for c in value_columns)
    blanks = ", ".join("NULL" for _ in value_columns)
    pair_rows = ", ".join(["(%s, %s)"] * len(pairs))
    # Only generated column names (v0, v1, ...) and %s placeholders are formatted in;
    # every value is a query parameter.
    sql = f"""
        WITH g (q, code, goal, n, score, {", ".join(value_columns)}) AS ({inner}),
             pairs (b, a) AS (VALUES {pair_rows})
        SELECT 0, g.q, g.goal, SUM(g.n), {sums}, NULL, NULL, NULL, NULL, NULL
          FROM g GROUP BY g.q, g.goal
        UNION ALL
        SELECT 1, p.a, gb.goal, NULL, {blanks}, COUNT(*),
               SUM(CASE WHEN ga.score > gb.score THEN 1 ELSE 0 END),
               SUM(CASE WHEN ga.score = gb.score THEN 1 ELSE 0 END),
               SUM(CASE WHEN ga.score < gb.score THEN 1 ELSE 0 END),
               SUM(ga.score - gb.score)
          FROM pairs p
          JOIN g gb ON gb.q = p.b AND gb.code <> ''
          JOIN g ga ON ga.q = p.a AND ga.code = gb.code AND ga.goal = gb.goal
         GROUP BY p.a, gb.goal
    """  # nosec B608
    counts = defaultdict(dict)  # questionnaire, goal -> {value: n}
    responses = {}
    matched = {}  # after questionnaire, goal -> (pairs, up, same, down, sum of changes)
    with connection.cursor() as cursor:
        cursor.execute(sql, [*params, *[q for pair in pairs for q in pair]])
        # PostgreSQL's sums come back as Decimal: the document holds plain numbers.
        for part, q, goal, n, *rest in cursor.fetchall():
            if part == 0:
                found = zip(values, rest[: len(values)], strict=True)
                counts[q, goal] = {v: int(c) for v, c in found if c}
                responses[q, goal] = int(n)
            else:
                matched[q, goal] = tuple(float(v or 0) for v in rest[len(values) :])
    measured = defaultdict(set)
    for q, goal in counts:
        measured[q].add(goal)
    for before, after in pairs:
        for goal in measured[before] & measured[after]:
            found = goals[goal]
            for side, q in (("before", before), ("after", after)):
                for value, n in counts[q, goal].items():
                    found[side][value] += n
            found["n"][0] += responses[before, goal]
            found["n"][1] += responses[after, goal]
            for k, v in enumerate(matched.get((after, goal), ())):
                found["moved"][k] += v
    return goals


def _side_cells(counts, responses):
    side = _side(counts)
    # Fewer than five responses hides the side even when they gave five answers between
    # them (two questions on one goal), which compare.py's answer count would show.
    if responses < MIN_CELL or side["respondents"] is None:
        return [survey_cell(suppress(responses), responses), NOT_SHOWN, NOT_SHOWN], None
    return [responses, side["agree_percent"], side["mean"]], side["agree_percent"]


def _matched_cells(moved):
    """(pairs, improved, same, worse, sum of changes) as the table's matched cells."""
    pairs, up, same, down, total = moved
    pairs = int(pairs)
    if pairs < MIN_CELL:
        return [survey_cell(suppress(pairs), pairs), NOT_SHOWN, NOT_SHOWN, NOT_SHOWN, NOT_SHOWN]
    shown = suppress_exclusive([int(up), int(same), int(down)])
    return [pairs, *[survey_cell(v) for v in shown], round(total / pairs, 2)]


def survey_section(scope, period) -> Section:
    found = _collect(scope, period)
    rows, agree = [], []
    for goal in Goal.objects.filter(pk__in=list(found)).order_by("position"):
        data = found[goal.pk]
        before, before_agree = _side_cells(data["before"], data["n"][0])
        after, after_agree = _side_cells(data["after"], data["n"][1])
        shift = NOT_SHOWN
        if before_agree is not None and after_agree is not None:
            shift = after_agree - before_agree
        rows.append([goal.name, *before, *after, shift, *_matched_cells(data["moved"])])
        agree.append((goal.name, before_agree, after_agree))
    columns = [
        Column("goal", "Goal"),
        Column("before_responses", "Responses before", INTEGER),
        Column("before_agree", "Agree before (%)", PERCENT),
        Column("before_mean", "Mean score before", DECIMAL),
        Column("after_responses", "Responses after", INTEGER),
        Column("after_agree", "Agree after (%)", PERCENT),
        Column("after_mean", "Mean score after", DECIMAL),
        Column("agree_shift", "Change in agree (points)", DECIMAL),
        Column("pairs", "Matched respondents", INTEGER),
        Column("improved", "Improved", INTEGER),
        Column("same", "Same", INTEGER),
        Column("worse", "Worse", INTEGER),
        Column("mean_change", "Mean change per person", DECIMAL),
    ]
    chart = None
    if any(b is not None and a is not None for _, b, a in agree):
        chart = Chart(
            title="Agree or strongly agree, before and after",
            categories=[name for name, _, _ in agree],
            series=[
                Series("Before", [NOT_SHOWN if b is None else b for _, b, _ in agree]),
                Series("After", [NOT_SHOWN if a is None else a for _, _, a in agree]),
            ],
            unit="%",
        )
    return Section(
        key="questionnaires",
        title="Questionnaire results: before and after",
        tables=[
            Table(
                key="questionnaire_change",
                title="Change per goal, before and after",
                columns=columns,
                rows=rows,
                definition="Answers on the five-point agree scale to questions tied to a goal, "
                "in every 'after' questionnaire of the programmes in scope and the 'before' "
                "questionnaire it is paired with, given during the period. A goal counts for "
                "a pair only when both sides asked about it. Agree: agree or strongly agree, "
                "out of all answers. Mean score: 1 (strongly disagree) to 5 (strongly agree). "
                "Matched respondents gave the same self-made code on both sides; change per "
                "person is their mean score after minus before. Fewer than 5 responses or "
                "matched respondents hide the figures; counts of 1 to 4 are shown as '1 to 4'.",
                chart=chart,
                empty_message="No paired before and after questionnaires were answered "
                "in this period.",
            )
        ],
    )
