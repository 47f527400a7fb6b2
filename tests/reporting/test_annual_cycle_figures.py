"""The annual-cycle report, checked against figures worked out by hand.

The data set (academic year 2024/25; Easter Sunday 2025 is 20 April):

Programme "We Want You" in home_area, target schools Cleeve (S1), Brook (S2), Vale (S3).
Plan 2024/25 (5 activities):
    awareness  / primary-years-7-9 / workshop   / autumn  × 2
    aspiration / years-10-11       / workshop   / spring  × 1
    aspiration / years-10-11       / talk       / summer  × 1
    access     / care-leavers      / taster-day / summer  × 1
Events 2024/25:
    E1 31 Dec 2024 → Autumn. Workshop, awareness, at S1, 30 Year 8s; benchmarks 2, 5;
       delivered by the ICB; ambassador Ann 3 h.
    E2  1 Jan 2025 → Spring. Workshop, aspiration, at S1, 25 Year 8s, a follow-up with
       students already counted; benchmark 5; ICB and VCSE; Ann 1 h.
    E3 20 Apr 2025 (Easter Sunday) → Spring. Talk, aspiration + awareness, at S2,
       40 participants without a year-group breakdown, 10 parents; VCSE.
    E4 21 Apr 2025 (Easter Monday) → Summer. Talk, aspiration, community hall,
       12 participants; VCSE; ambassador Ben 2.5 h.
Plan 2023/24: awareness / primary / workshop / autumn × 3.
Event 2023/24: E0 10 Oct 2023, workshop at S1, 50 Year 9s.
Another area's programme: a plan of 7 and an event of 999 students at Dover Grammar.
"""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from partners.factories import SchoolFactory
from programmes.factories import (
    AnnualPlanFactory,
    PlannedActivityFactory,
    ProgrammeFactory,
    activity_type,
    goal,
)
from programmes.models import TargetGroup
from reporting.compilers import compile_annual_cycle
from reporting.periods import Period, PeriodError
from reporting.scope import ReportScope
from tests.reporting.compiler_data import ambassador, by_first, event, table

YEAR = Period.academic(2024)


def plan(programme, year, *rows):
    annual = AnnualPlanFactory(programme=programme, academic_year=year)
    for goal_code, group, kind, term, n in rows:
        PlannedActivityFactory(
            plan=annual,
            goal=goal(goal_code),
            target_group=TargetGroup.objects.get(code=group),
            activity_type=activity_type(kind),
            term=term,
            quantity=n,
        )


@pytest.fixture
def programme(icb, vcse, school):
    return ProgrammeFactory(name="We Want You", area=icb.area, lead_organisation=icb)


@pytest.fixture
def data(programme, icb, vcse, school, other_icb, other_school):
    brook = SchoolFactory(name="Brook School", area=icb.area)
    vale = SchoolFactory(name="Vale Academy", area=icb.area)
    programme.target_schools.set([school, brook, vale])
    plan(
        programme,
        2024,
        ("awareness", "primary-years-7-9", "workshop", "autumn", 2),
        ("aspiration", "years-10-11", "workshop", "spring", 1),
        ("aspiration", "years-10-11", "talk", "summer", 1),
        ("access", "care-leavers", "taster-day", "summer", 1),
    )
    ann, ben = ambassador(icb, "Ann"), ambassador(vcse, "Ben")
    d = datetime.date
    event(programme, d(2024, 12, 31), goals=["awareness"], school=school,
          participants=30, year_groups={"year-8": 30}, benchmarks=[2, 5],
          delivered_by=[icb], hours={ann: 3})  # fmt: skip
    event(programme, d(2025, 1, 1), school=school, participants=25,
          year_groups={"year-8": 25}, repeat=True, benchmarks=[5],
          delivered_by=[icb, vcse], hours={ann: 1})  # fmt: skip
    event(programme, d(2025, 4, 20), kind="talk", goals=["aspiration", "awareness"],
          school=brook, participants=40, parents=10, delivered_by=[vcse])  # fmt: skip
    event(programme, d(2025, 4, 21), kind="talk", participants=12,
          delivered_by=[vcse], hours={ben: "2.5"})  # fmt: skip
    plan(programme, 2023, ("awareness", "primary-years-7-9", "workshop", "autumn", 3))
    event(programme, d(2023, 10, 10), school=school, participants=50, year_groups={"year-9": 50})
    kent = ProgrammeFactory(name="Kent Careers", area=other_icb.area, lead_organisation=other_icb)
    plan(kent, 2024, ("awareness", "primary-years-7-9", "workshop", "autumn", 7))
    event(kent, d(2024, 11, 1), school=other_school, participants=999)
    return programme


def compile_home(programme):
    return compile_annual_cycle(scope=ReportScope.programme(programme), period=YEAR)


def test_it_puts_31_december_in_autumn_and_easter_monday_in_summer(data):
    rows = by_first(compile_home(data), "plan_by_term")
    # Autumn: planned 2, delivered E1 only. Spring: planned 1, delivered E2 (1 January)
    # and E3 (Easter Sunday). Summer: planned 1 + 1, delivered E4 (Easter Monday).
    assert rows["Autumn"] == ["1 September 2024 to 31 December 2024", 2, 1, "Behind plan"]
    assert rows["Spring"] == ["1 January 2025 to 20 April 2025", 1, 2, "Met"]
    assert rows["Summer"] == ["21 April 2025 to 31 August 2025", 2, 1, "Behind plan"]
    chart = table(compile_home(data), "plan_by_term").chart
    assert [s.values for s in chart.series] == [[2, 1, 2], [1, 2, 1]]


def test_it_counts_an_event_under_each_goal_it_served(data):
    rows = {(r[0], r[1]): r[2:] for r in table(compile_home(data), "plan_by_goal_term").rows}
    assert len(rows) == 12  # four goals × three terms
    assert rows["Awareness", "Autumn"] == [2, 1, "Behind plan"]
    # E3 served awareness too, which was not planned for spring.
    assert rows["Awareness", "Spring"] == [0, 1, "Delivered, not planned"]
    assert rows["Aspiration", "Spring"] == [1, 2, "Met"]  # E2 and E3
    assert rows["Aspiration", "Summer"] == [1, 1, "Met"]  # E4
    assert rows["Access", "Summer"] == [1, 0, "Behind plan"]
    assert rows["Achievement", "Autumn"] == [0, 0, "Nothing planned or delivered"]


def test_it_matches_target_groups_through_goal_term_and_activity_type(data):
    rows = by_first(compile_home(data), "plan_by_target_group")
    # Primary: awareness/autumn/workshop → E1. Years 10–11: aspiration/spring/workshop →
    # E2, aspiration/summer/talk → E4; E3 (aspiration/spring/talk) matches no plan line.
    assert rows == {
        "Primary and Years 7 to 9": [2, 1, "Behind plan"],
        "Years 10 and 11": [2, 2, "Met"],
        "Care leavers": [1, 0, "Behind plan"],
    }
    assert "not target groups" in table(compile_home(data), "plan_by_target_group").definition


def test_it_counts_each_event_once_by_activity_type(data):
    rows = by_first(compile_home(data), "plan_by_activity_type")
    assert rows == {
        "Workshop": [3, 2, "Behind plan"],  # planned 2 + 1; E1, E2
        "Talk": [1, 2, "Met"],  # E3, E4
        "Taster day": [1, 0, "Behind plan"],
    }


def test_it_counts_a_follow_up_visit_once_in_reach(data):
    rows = by_first(compile_home(data), "reach")
    # S1's Year 8: max(30 first-time, 25 follow-up) = 30; E3 as given 40; E4 12.
    assert rows["Students reached"] == [30 + 40 + 12, None, None]
    assert rows["Events delivered"] == [4, None, None]
    assert rows["Parents and carers reached"] == [10, None, None]
    assert rows["Schools and colleges reached"] == [2, None, None]  # S1, S2
    assert rows["Target schools reached"] == [2, 3, 66.7]
    section = next(s for s in compile_home(data).sections if s.key == "reach")
    assert "2 of 3 target schools" in section.summary


def test_it_counts_events_and_schools_per_gatsby_benchmark(data):
    rows = by_first(compile_home(data), "gatsby_benchmarks")
    assert len(rows) == 8
    assert rows["2. Learning from career and labour market information"] == [1, 1, 50.0]
    assert rows["5. Encounters with employers and employees"] == [2, 1, 50.0]  # E1, E2 at S1
    assert rows["8. Personal guidance"] == [0, 0, 0.0]


def test_it_adds_ambassador_hours_by_term_and_counts_people_once_a_year(data):
    rows = by_first(compile_home(data), "ambassador_hours")
    assert rows == {
        "Autumn": [1, 1, 3],
        "Spring": [1, 1, 1],
        "Summer": [1, 1, 2.5],
        "Whole year": [3, 2, 6.5],  # Ann in two terms counts once
    }


def test_it_credits_each_delivering_partner_and_leaves_follow_ups_out(data):
    rows = table(compile_home(data), "partners").rows
    # VCSE: E2, E3, E4; participants 40 + 12 (E2 is a follow-up). ICB: E1, E2; 30.
    assert rows == [
        ["Reach Out VCSE", "Voluntary, community or social enterprise", 3, 52],
        ["Gloucestershire ICB team", "Integrated care board", 2, 30],
    ]


def test_it_lists_target_schools_not_reached_and_goals_without_activity(data):
    report = compile_home(data)
    assert table(report, "target_schools_not_reached").rows == [["Vale Academy", "We Want You"]]
    quiet = {(r[0], r[1]): r[2] for r in table(report, "goals_terms_without_activity").rows}
    # Zero delivered: awareness summer, aspiration autumn, access ×3, achievement ×3.
    assert len(quiet) == 8
    assert quiet["Access", "Summer"] == 1  # planned, not delivered
    assert quiet["Awareness", "Summer"] == 0
    gaps = next(s for s in report.sections if s.key == "gaps")
    assert "No activity all year for: Access, Achievement." in gaps.summary


def test_it_compares_the_headline_figures_with_the_year_before(data):
    rows = by_first(compile_home(data), "previous_year")
    # 2023/24: planned 3, 1 event, 50 students, 0 parents, 1 school (a target), 0 hours.
    assert rows["Activities planned"] == [3, 5, 2, 66.7]
    assert rows["Events delivered"] == [1, 4, 3, 300.0]
    assert rows["Students reached"] == [50, 82, 32, 64.0]
    assert rows["Parents and carers reached"] == [0, 10, 10, None]  # nothing before
    assert rows["Schools and colleges reached"] == [1, 2, 1, 100.0]
    assert rows["Target schools reached"] == [1, 2, 1, 100.0]
    assert rows["Ambassador hours"] == [0, 6.5, 6.5, None]
    chart = table(compile_home(data), "previous_year").chart
    assert chart.categories == ["2023/24", "2024/25"]
    assert chart.series[0].values == [50, 82]


def test_an_area_scope_leaves_out_another_areas_programmes(data, home_area):
    report = compile_annual_cycle(scope=ReportScope.areas([home_area]), period=YEAR)
    assert by_first(report, "reach")["Students reached"][0] == 82
    assert by_first(report, "plan_by_term")["Autumn"][1:3] == [2, 1]
    national = compile_annual_cycle(scope=ReportScope.national(), period=YEAR)
    # Kent's 999 students and its plan of 7 in the autumn join the national report.
    assert by_first(national, "reach")["Students reached"][0] == 82 + 999
    assert by_first(national, "plan_by_term")["Autumn"][1:3] == [2 + 7, 1 + 1]


def test_an_empty_programme_gives_an_empty_report_with_messages(db):
    report = compile_home(ProgrammeFactory())
    assert report.is_empty
    assert report.kind == "annual_cycle"
    assert table(report, "reach").empty_message.startswith("No events")
    assert all(t.definition for _, t in report.tables())
    assert report.to_dict()["sections"]  # still a whole document


def test_it_needs_an_academic_year(data):
    with pytest.raises(PeriodError):
        compile_annual_cycle(
            scope=ReportScope.programme(data),
            period=Period.between(datetime.date(2024, 9, 1), datetime.date(2024, 12, 31)),
        )


def test_it_reports_progress_rising_below_100(data):
    seen = []
    compile_annual_cycle(
        scope=ReportScope.programme(data), period=YEAR, progress=lambda p, s: seen.append(p)
    )
    assert seen == sorted(seen)
    assert len(seen) >= 3
    assert seen[-1] < 100


def test_its_query_count_does_not_grow_with_programmes(
    data, home_area, school, django_assert_max_num_queries
):
    with CaptureQueriesContext(connection) as one:
        compile_annual_cycle(scope=ReportScope.areas([home_area]), period=YEAR)
    for n in range(5):
        more = ProgrammeFactory(area=home_area)
        more.target_schools.set([school, SchoolFactory(area=home_area)])
        plan(more, 2024, ("access", "care-leavers", "taster-day", "spring", n + 1))
        for day in (datetime.date(2024, 10, 1), datetime.date(2025, 5, 1)):
            event(more, day, school=school, benchmarks=[1], hours={ambassador(school): 1})
    # Measured: 19 queries on SQLite and PostgreSQL, for one programme or five.
    with django_assert_max_num_queries(len(one)):
        compile_annual_cycle(scope=ReportScope.areas([home_area]), period=YEAR)
    assert len(one) <= 19
