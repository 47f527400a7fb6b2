"""The floor for benchmarks/reports.py: one hand-written SQL statement that computes the
impact report's headline figures, and the same figures read back out of a compiled
report, so the benchmark can check both agree before comparing their times.

Headline figures: events delivered; students reached (reach.py's rule: events without
counts for every year group as given, adults-only events not at all, and per school ×
academic year × year group the larger of the first visits' sum and the largest repeat
visit); schools and target schools reached; ambassador hours; per goal, responses and
agree % before and after over every before → after pair that asked it on both sides;
participants who started a job and who were in post at 3 months.
"""

from decimal import Decimal

from programmes.models import POSITION, Goal, Stage
from reporting.compilers._common import day_range, num
from reporting.document import Suppressed

FLOOR_SQL = """
WITH prog AS (
    SELECT id FROM programmes_programme WHERE %(national)s OR area_id = ANY(%(areas)s)
), ev AS (
    SELECT e.id, e.academic_year, e.school_id, e.participants,
           e.year_group_counts_complete AS complete, e.is_repeat_visit AS repeat
    FROM programmes_engagementevent e
    WHERE e.programme_id IN (SELECT id FROM prog) AND {period}
), adult AS (
    SELECT id FROM partners_yeargroup WHERE code = 'adult'
), loose AS (  -- no count for some year group: summed as given, unless adults only
    SELECT coalesce(sum(ev.participants), 0) AS n FROM ev
    WHERE NOT ev.complete AND NOT (
        EXISTS (SELECT 1 FROM programmes_eventyeargroup g
                WHERE g.event_id = ev.id AND g.year_group_id IN (SELECT id FROM adult))
        AND NOT EXISTS (SELECT 1 FROM programmes_eventyeargroup g
                        WHERE g.event_id = ev.id
                          AND g.year_group_id NOT IN (SELECT id FROM adult)))
), cells AS (  -- one row per school × academic year × year group
    SELECT ev.school_id,
           coalesce(sum(g.participants) FILTER (WHERE NOT ev.repeat), 0) AS first,
           coalesce(max(g.participants) FILTER (WHERE ev.repeat), 0) AS again,
           coalesce(sum(g.participants) FILTER (WHERE ev.repeat), 0) AS again_total
    FROM ev JOIN programmes_eventyeargroup g ON g.event_id = ev.id
    WHERE ev.complete AND g.year_group_id NOT IN (SELECT id FROM adult)
    GROUP BY ev.academic_year, ev.school_id, g.year_group_id
), counted AS (
    SELECT coalesce(sum(CASE WHEN school_id IS NULL THEN first + again_total
                             ELSE greatest(first, again) END), 0) AS n
    FROM cells
), targets AS (
    SELECT DISTINCT organisation_id AS id FROM programmes_programme_target_schools
    WHERE programme_id IN (SELECT id FROM prog)
), events AS (
    SELECT count(*) AS n, count(DISTINCT ev.school_id) AS schools,
           count(DISTINCT t.id) AS target_schools
    FROM ev LEFT JOIN targets t ON t.id = ev.school_id
), hours AS (
    SELECT coalesce(sum(hours), 0) AS n FROM programmes_eventambassador
    WHERE event_id IN (SELECT id FROM ev)
), pairs AS (
    SELECT before_id AS before, id AS after FROM surveys_questionnaire
    WHERE programme_id IN (SELECT id FROM prog) AND before_id IS NOT NULL
), sides AS (  -- per questionnaire × goal: answers, agree answers, responses
    SELECT r.questionnaire_id AS q, qu.goal_id AS goal, count(*) AS answers,
           count(*) FILTER (WHERE o.value IN ('4', '5')) AS agree,
           count(DISTINCT a.response_id) AS responses
    FROM surveys_answer a
    JOIN surveys_response r ON r.id = a.response_id
    JOIN surveys_question qu ON qu.id = a.question_id
    JOIN surveys_option o ON o.id = a.option_id
    WHERE r.questionnaire_id IN (SELECT before FROM pairs UNION ALL SELECT after FROM pairs)
      AND r.submitted_at >= %(start)s AND r.submitted_at < %(end)s
      AND qu.kind = 'likert' AND qu.goal_id IS NOT NULL
    GROUP BY 1, 2
), goals AS (
    SELECT b.goal, sum(b.responses) AS br, sum(b.agree) AS bag, sum(b.answers) AS ban,
           sum(a.responses) AS ar, sum(a.agree) AS aag, sum(a.answers) AS aan
    FROM pairs p
    JOIN sides b ON b.q = p.before
    JOIN sides a ON a.q = p.after AND a.goal = b.goal
    GROUP BY b.goal
), people AS (
    SELECT count(*) FILTER (WHERE furthest_position >= %(started)s) AS started,
           count(*) FILTER (WHERE furthest_position >= %(in_post_3)s) AS in_post_3
    FROM programmes_participant
    WHERE cohort_id IN (SELECT id FROM programmes_cohort
                        WHERE programme_id IN (SELECT id FROM prog)
                          AND starts_on BETWEEN %(first)s AND %(last)s)
)
SELECT events.n, loose.n + counted.n, events.schools, events.target_schools, hours.n,
       people.started, people.in_post_3,
       (SELECT json_agg(json_build_array(goal, br, bag, ban, ar, aag, aan)) FROM goals)
FROM events, loose, counted, hours, people
"""


def floor(cursor, scope, period) -> dict:
    """Run the floor statement; returns the headline figures."""
    if period.academic_year is not None:
        where = "e.academic_year = %(year)s"
    else:
        where = "e.date BETWEEN %(first)s AND %(last)s"
    start, end = day_range(period)
    cursor.execute(
        FLOOR_SQL.format(period=where),
        {
            "national": not scope.area_ids,
            "areas": list(scope.area_ids),
            "year": period.academic_year,
            "first": period.start,
            "last": period.end,
            "start": start,
            "end": end,
            "started": POSITION[Stage.STARTED],
            "in_post_3": POSITION[Stage.IN_POST_3],
        },
    )
    events, students, schools, targets, hours, started, in_post, goals = cursor.fetchone()
    names = dict(Goal.objects.values_list("pk", "name"))
    per_goal = {
        names[goal]: (br, round(100 * bag / ban), ar, round(100 * aag / aan))
        for goal, br, bag, ban, ar, aag, aan in goals or []
    }
    return {
        "Events delivered": events,
        "Students reached": int(students),
        "Schools and colleges reached": schools,
        "Target schools reached": targets,
        "Ambassador hours": num(Decimal(hours)),
        "Started": started,
        "In post at 3 months": in_post,
        "goals": dict(sorted(per_goal.items())),
    }


def _table(report, key):
    return next(t for s in report.sections for t in s.tables if t.key == key)


def report_figures(report) -> dict:
    """The same figures as `floor`, read from a compiled impact report."""
    reach = {row[0]: row[1] for row in _table(report, "reach").rows}
    funnel = {row[0]: row[1] for row in _table(report, "pathway_funnel").rows}
    goals = {
        row[0]: (row[1], row[2], row[4], row[5])
        for row in _table(report, "questionnaire_change").rows
    }
    found = {}
    for key in (
        "Events delivered",
        "Students reached",
        "Schools and colleges reached",
        "Target schools reached",
        "Ambassador hours",
    ):
        found[key] = reach.get(key)
    found["Started"] = funnel.get(Stage.STARTED.label)
    found["In post at 3 months"] = funnel.get(Stage.IN_POST_3.label)
    found["goals"] = dict(sorted(goals.items()))
    return found


def figures_agree(mine: dict, floor_figures: dict) -> bool:
    """The report's figures are the floor's, where a small count the report suppresses
    ("1 to 7") agrees with any floor count in that range."""

    def same(shown, counted):
        if isinstance(shown, Suppressed):
            low, _, high = shown.label.partition(" to ")
            return int(low) <= counted <= int(high)
        return shown == counted

    return (
        mine.keys() == floor_figures.keys()
        and all(same(mine[key], floor_figures[key]) for key in mine if key != "goals")
        and mine["goals"] == floor_figures["goals"]
    )
