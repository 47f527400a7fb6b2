"""An annual-cycle report of the year still running reads as a year under way, not as a
year that failed its plan."""

import datetime

from django.utils import timezone

from programmes.factories import AnnualPlanFactory, PlannedActivityFactory
from reporting.compilers import compile_annual_cycle
from reporting.periods import Period
from reporting.scope import ReportScope


def rows(report, key):
    return next(t for _, t in report.tables() if t.key == key).rows


def test_terms_not_over_are_under_way_or_not_started_and_no_gap_yet(programme, monkeypatch):
    plan = AnnualPlanFactory(programme=programme, academic_year=2024)
    for term in ("autumn", "spring", "summer"):
        PlannedActivityFactory(plan=plan, term=term, quantity=5)
    monkeypatch.setattr(timezone, "localdate", lambda *a, **k: datetime.date(2024, 11, 15))
    report = compile_annual_cycle(
        scope=ReportScope.programme(programme), period=Period.academic(2024)
    )

    by_term = {row[0]: row[-1] for row in rows(report, "plan_by_term")}
    assert by_term == {
        "Autumn": "Under way",
        "Spring": "Not started yet",
        "Summer": "Not started yet",
    }
    quiet_terms = {row[1] for row in rows(report, "goals_terms_without_activity")}
    assert quiet_terms <= {"Autumn"}
    comparison = next(t for _, t in report.tables() if t.key == "previous_year")
    assert "2024/25 so far" in [c.label for c in comparison.columns]
    assert "not over" in comparison.definition


def test_a_year_that_is_over_says_behind_plan(programme, monkeypatch):
    plan = AnnualPlanFactory(programme=programme, academic_year=2024)
    PlannedActivityFactory(plan=plan, term="summer", quantity=5)
    monkeypatch.setattr(timezone, "localdate", lambda *a, **k: datetime.date(2025, 10, 1))
    report = compile_annual_cycle(
        scope=ReportScope.programme(programme), period=Period.academic(2024)
    )
    by_term = {row[0]: row[-1] for row in rows(report, "plan_by_term")}
    assert by_term["Summer"] == "Behind plan"
