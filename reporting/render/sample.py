"""A hand-made report with everything a renderer has to cope with, for tests and for
looking at the output while the compilers are being written.

Three sections, grouped and single-series charts, suppressed and missing cells, an empty
table, long text, quotes with `< & "` and a cell that a spreadsheet would run as a formula.
"""

from reporting.document import (
    DECIMAL,
    INTEGER,
    MONEY,
    PERCENT,
    TEXT,
    Chart,
    Column,
    Report,
    Section,
    Series,
    Suppressed,
    Table,
)

INJECTION = "=cmd|' /C calc'!A0"
QUOTE = 'I didn\'t know "nursing" had so many routes <and> apprenticeships & degrees!'
LONG_DEFINITION = (
    "An event counts as delivered when its date falls in the period and its attendance has "
    "been recorded. Planned figures come from the annual plan for the academic year; an "
    "activity planned for a term counts in that term even if it was delivered later. "
    "Events delivered jointly by several partners count once, under the programme that "
    "logged them, so the totals here can be lower than the sum of each partner's own records."
)


def _reach() -> Section:
    summary = Table(
        key="reach-summary",
        title="Reach at a glance",
        columns=[Column("measure", "Measure"), Column("value", "Figure", INTEGER)],
        rows=[
            ["Students reached", 8176],
            ["Unique schools reached", 19],
            ["Engagement events delivered", 412],
            ["Students with special educational needs", Suppressed()],
        ],
        definition="Students are counted once per event they attended; a school once.",
    )
    by_term = Table(
        key="events-by-term",
        title="Events planned and delivered, by term",
        columns=[
            Column("term", "Term"),
            Column("planned", "Planned", INTEGER),
            Column("delivered", "Delivered", INTEGER),
            Column("share", "Delivered against plan", PERCENT),
        ],
        rows=[
            ["Autumn 2025", 140, 131, 93.6],
            ["Spring 2026", 160, 171, 106.9],
            ["Summer 2026", 120, 110, 91.7],
            ["Total", 420, 412, 98.1],
        ],
        definition=LONG_DEFINITION,
        chart=Chart(
            title="Events planned and delivered, by term",
            categories=["Autumn 2025", "Spring 2026", "Summer 2026"],
            series=[Series("Planned", [140, 160, 120]), Series("Delivered", [131, 171, 110])],
            unit="events",
        ),
    )
    return Section(
        key="reach",
        title="Reach",
        summary="How many young people and schools the programme reached this year.",
        tables=[summary, by_term],
    )


def _delivery() -> Section:
    goals = ["Awareness", "Aspiration", "Access", "Achievement"]
    by_goal = Table(
        key="events-by-goal",
        title="Events by goal",
        columns=[
            Column("goal", "Goal"),
            Column("planned", "Planned", INTEGER),
            Column("delivered", "Delivered", INTEGER),
            Column("students", "Students", INTEGER),
        ],
        rows=[
            ["Awareness", 200, 214, 5120],
            ["Aspiration", 120, 118, 2204],
            ["Access", 60, Suppressed(), Suppressed()],
            ["Achievement", 40, None, None],
        ],
        definition="An event pursuing several goals counts under each of them.",
        chart=Chart(
            title="Events by goal",
            categories=goals,
            series=[
                Series("Planned", [200, 120, 60, 40]),
                Series("Delivered", [214, 118, Suppressed(), None]),
            ],
            unit="events",
        ),
    )
    target_schools = Table(
        key="target-schools-not-reached",
        title="Target schools not reached",
        columns=[Column("school", "School"), Column("urn", "URN")],
        rows=[],
        definition="Target schools on the programme's list with no delivered event.",
        empty_message="Every target school was reached (19 of 19).",
    )
    activity_rows = [
        ["Careers fair or employability day stand", 38, 41],
        ["Co-designed classroom workshop (Years 7 to 10)", 301, 52.5],
        ["Work experience and placements in a clinical setting", 12, 3],
        ["Mock interviews", 61, 3.5],
    ]
    activity = Table(
        key="activity-types",
        title="Delivered events by activity type and the share of students in each",
        columns=[
            Column("activity", "Activity type"),
            Column("events", "Events", INTEGER),
            Column("share", "Share of students", PERCENT),
        ],
        rows=activity_rows,
        definition="Share of students: students at events of that type over all students.",
        chart=Chart(
            title="Share of students by activity type",
            categories=[row[0] for row in activity_rows],
            series=[Series("Share of students", [41, 52.5, 3, 3.5])],
            unit="%",
        ),
    )
    return Section(
        key="delivery",
        title="Planned against delivered",
        summary="What the annual plan set out and what partners logged as delivered.",
        tables=[by_goal, target_schools, activity],
    )


def _impact() -> Section:
    demographics = Table(
        key="demographics",
        title="Participants against targets",
        columns=[
            Column("group", "Group"),
            Column("actual", "Participants", PERCENT),
            Column("target", "Target", PERCENT),
        ],
        rows=[
            ["From ethnic minority backgrounds", 44, 10],
            ["Living in IMD quintile 1", 26, 20],
            ["Care leavers", Suppressed(), 5],
            ["Disabled", 12.5, None],
        ],
        definition="Share of participants who answered the question; targets from the programme.",
        chart=Chart(
            title="Participants against targets",
            categories=["Ethnic minority", "IMD quintile 1", "Care leavers", "Disabled"],
            series=[
                Series("Participants", [44, 26, Suppressed(), 12.5]),
                Series("Target", [10, 20, 5, None]),
                Series("Last year", [38, 22, Suppressed(), 10]),
                Series("England", [27, 20, 1, 15]),
                Series("Region", [31, 18, 2, 14]),
            ],
            unit="%",
        ),
    )
    value = Table(
        key="value-for-money",
        title="Cost and return",
        columns=[
            Column("measure", "Measure"),
            Column("amount", "Amount", MONEY),
            Column("change", "Change on last year", DECIMAL),
        ],
        rows=[
            ["Total cost", 125000, 12.5],
            ["Cost per participant", 193.21, -8.25],
            ["Return per £1", 5.62, 0.4],
        ],
        definition="Return per £1 as entered by the programme from its own evaluation.",
    )
    quotes = Table(
        key="quotes",
        title='What young people said: "what comes next?" <quotes & comments>',
        columns=[Column("quote", "Quote"), Column("who", "Who", TEXT)],
        rows=[
            [QUOTE, "Year 9 student"],
            [INJECTION, "Careers lead"],
            ["-20 degrees outside but worth it", "+ parent"],
            ["@everyone should go next year", "Year 10 student"],
        ],
        definition="Quotes picked by the workforce lead from consented free-text answers.",
    )
    return Section(
        key="impact",
        title="Impact",
        summary="Who took part, what it cost and what young people said about it.",
        tables=[demographics, value, quotes],
    )


def sample_report() -> Report:
    return Report(
        kind="annual_cycle",
        title="Annual-cycle report",
        scope_label="NHS Gloucestershire ICB",
        period_label="Academic year 2025 to 2026",
        generated_at="2026-09-14T08:30:00+00:00",
        sections=[_reach(), _delivery(), _impact()],
        notes=[
            "Counts from 1 to 4 are shown as “1 to 4”, and any figure that would reveal "
            "them is hidden too.",
            "Percentages are rounded to one decimal place, so they may not add up to 100.",
        ],
    )
