"""The impact report, checked against figures worked out by hand.

Programme "We Want You" (P) in home_area, target school Cleeve (S1). 2024/25 events:
    E1 15 Oct 2024 at S1, 60 Year 8s; ethnic group white 40, black 10, asian 10;
       gender male 30, female 30.
    E2  1 Mar 2025 at S1, 50 Year 8s, a follow-up with students already counted.
    E3 10 Jun 2025, community hall, 15 participants; an ambassador 2 hours.
    Students: S1's Year 8 counted once as max(60, 50) = 60, plus 15 = 75.
Targets: students 100 (whole programme), ethnic minority 10% (2024/25), events 5
(2025/26: outside the period), target schools reached 1 (whole programme).
Questionnaires, two before → after pairs on the four goals (each answer scores every goal):
    pair 1 (answered 1 Nov 2024): 6 before score 2, codes C0–C5; after C0–C4 score 4,
        C5 scores 2, and one without a code scores 5.
    pair 2 (answered 1 May 2025): 3 before score 1, codes D0–D2; the same 3 after score 5.
Cohorts: C1 starts 6 Jan 2025, 20 participants, cost £10,000, outcomes £56,200;
C2 starts 1 Feb 2025, no participants, cost £5,000; C0 started 2023 (outside), 30 people.
Another area: a questionnaire pair, a barrier action, a quote and a 500-student event.
"""

import datetime
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from programmes.factories import (
    BarrierActionFactory,
    BarrierFactory,
    CohortFactory,
    ParticipantFactory,
    ProgrammeFactory,
    TargetFactory,
)
from programmes.models import FeedbackQuote, ParticipantStage, RetentionCheckIn
from reporting.compilers import compile_impact, quote_choices
from reporting.compilers._common import FEWER_THAN_FIVE, NOT_SHOWN, ONE_TO_SEVEN
from reporting.periods import Period
from reporting.scope import ReportScope
from surveys.factories import QuestionnaireFactory, answer
from surveys.models import Response
from tests.reporting.compiler_data import ambassador, by_first, event, table

YEAR = Period.academic(2024)
SPRING_TERM_ON = Period.between(datetime.date(2025, 1, 1), datetime.date(2025, 6, 30))
GOAL_KEYS = ("know_jobs", "see_myself", "work_experience", "subjects")


def pair(programme, on, before_scores, after_scores):
    """A before → after pair; scores are (match code, score) per respondent."""
    before = QuestionnaireFactory(programme=programme, template="workshop-before")
    after = QuestionnaireFactory(programme=programme, template="workshop-after", before=before)
    for questionnaire, scores in ((before, before_scores), (after, after_scores)):
        for code, score in scores:
            answers = {key: str(score) for key in GOAL_KEYS}
            answer(questionnaire, consent="yes", match_code=code, **answers)
    when = timezone.make_aware(datetime.datetime.combine(on, datetime.time(12)))
    Response.objects.filter(questionnaire__in=[before, after]).update(submitted_at=when)


def cohort(programme, starts_on, positions, **money):
    made = CohortFactory(programme=programme, starts_on=starts_on, **money)
    people = [
        ParticipantFactory(cohort=made, furthest_position=p)
        for p, n in positions.items()
        for _ in range(n)
    ]
    return made, people


@pytest.fixture
def programme(icb, school):
    made = ProgrammeFactory(name="We Want You", area=icb.area, lead_organisation=icb)
    made.target_schools.set([school])
    return made


@pytest.fixture
def data(programme, icb, school, other_icb, other_school):
    d = datetime.date
    e1 = event(programme, d(2024, 10, 15), school=school, participants=60,
               year_groups={"year-8": 60},
               demographics={("ethnicity", "white"): 40, ("ethnicity", "black"): 10,
                             ("ethnicity", "asian"): 10, ("gender", "male"): 30,
                             ("gender", "female"): 30})  # fmt: skip
    event(programme, d(2025, 3, 1), school=school, participants=50,
          year_groups={"year-8": 50}, repeat=True)  # fmt: skip
    e3 = event(programme, d(2025, 6, 10), participants=15, hours={ambassador(icb): 2})
    TargetFactory(programme=programme, measure="students_reached", value=100)
    TargetFactory(programme=programme, measure="ethnic_minority_pct", value=10, academic_year=2024)
    TargetFactory(programme=programme, measure="events_delivered", value=5, academic_year=2025)
    TargetFactory(programme=programme, measure="target_schools_reached", value=1)

    pair(programme, d(2024, 11, 1), [(f"CODE{n}", 2) for n in range(6)],
         [(f"CODE{n}", 4) for n in range(5)] + [("CODE5", 2), ("", 5)])  # fmt: skip
    pair(programme, d(2025, 5, 1), [(f"DUET{n}", 1) for n in range(3)],
         [(f"DUET{n}", 5) for n in range(3)])  # fmt: skip

    # Furthest stage: 1 referred … 5 offered, 6 started, 7/8/9 in post at 3/6/12 months.
    c1, people = cohort(programme, d(2025, 1, 6),
                        {1: 2, 2: 2, 3: 4, 4: 2, 5: 1, 6: 1, 7: 5, 8: 3},
                        cost=Decimal(10000), outcome_value=Decimal(56200))  # fmt: skip
    offered = [p for p in people if p.furthest_position >= 5]
    for n, person in enumerate(offered):  # 8 healthcare assistants, 2 in administration
        ParticipantStage.objects.create(participant=person, stage="offered",
                                        occurred_on=d(2025, 3, 1),
                                        role="hca" if n < 8 else "admin")  # fmt: skip
    in_post = [p for p in people if p.furthest_position >= 7]  # 8 people
    for person in in_post:
        RetentionCheckIn.objects.create(participant=person, months=3,
                                        due_on=d(2025, 7, 1), status="in_post")  # fmt: skip
        six = "in_post" if person.furthest_position >= 8 else "due"  # 3 in post, 5 due
        RetentionCheckIn.objects.create(participant=person, months=6, due_on=d(2025, 10, 1),
                                        status=six)  # fmt: skip
    for person in in_post[:3]:
        RetentionCheckIn.objects.create(participant=person, months=12, due_on=d(2026, 4, 1))
    cohort(programme, d(2025, 2, 1), {}, cost=Decimal(5000))
    cohort(programme, d(2023, 9, 10), {1: 30}, cost=Decimal(1))

    barrier = BarrierFactory(programme=programme)
    for category, status in [("inform", "proposed"), ("inform", "proposed"),
                             ("inform", "done"), ("support", "in_progress")]:  # fmt: skip
        BarrierActionFactory(barrier=barrier, category=category, status=status)
    q1 = FeedbackQuote.objects.create(event=e1, text="I want to be a nurse", attribution="Year 8")
    q2 = FeedbackQuote.objects.create(event=e3, text="Eye-opening", attribution="A parent")

    kent = ProgrammeFactory(name="Kent Careers", area=other_icb.area, lead_organisation=other_icb)
    kent_event = event(kent, d(2024, 11, 5), school=other_school, participants=500)
    pair(
        kent,
        d(2024, 11, 1),
        [(f"KENT{n}", 1) for n in range(5)],
        [(f"KENT{n}", 1) for n in range(5)],
    )
    BarrierActionFactory(barrier=BarrierFactory(programme=kent), category="inform")
    q3 = FeedbackQuote.objects.create(event=kent_event, text="Kent", attribution="A teacher")
    return {"programme": programme, "quotes": (q1, q2, q3)}


def compile_home(data, period=YEAR, **options):
    return compile_impact(scope=ReportScope.programme(data["programme"]), period=period, **options)


def test_it_counts_reach_and_demographics_without_double_counting(data):
    report = compile_home(data)
    rows = by_first(report, "reach")
    assert rows["Events delivered"] == [3, None, None]
    assert rows["Students reached"] == [60 + 15, None, None]  # E2 revisits E1's Year 8s
    assert rows["Target schools reached"] == [1, 1, 100.0]
    assert rows["Ambassador hours"] == [2, None, None]
    assert by_first(report, "demographics") == {
        "From ethnic minority groups": [20, 60, 33.3],  # black 10 + asian 10 of 60
        "Male": [30, 60, 50.0],
    }


def test_it_says_which_targets_are_met_for_the_years_the_period_touches(data):
    rows = {r[1]: r[2:] for r in table(compile_home(data), "targets").rows}
    assert rows == {
        "Students reached": ["Whole programme", 100, 75, 75, "Not met"],
        "Participants from ethnic minority groups (%)": ["2024/25", 10, 33.3, 333, "Met"],
        "Target schools reached": ["Whole programme", 1, 1, 100, "Met"],
    }  # the 2025/26 events target is outside the period


def test_it_compares_before_and_after_across_every_pair(data):
    rows = by_first(compile_home(data), "questionnaire_change")
    assert set(rows) == {"Awareness", "Aspiration", "Access", "Achievement"}
    # Before: 6 × 2 and 3 × 1 → 9 responses, none agree, mean 15 / 9 = 1.67.
    # After: 5 × 4, 1 × 2, 1 × 5, 3 × 5 → 10 responses, 9 agree = 90%, mean 42 / 10.
    # Matched: pair 1 gives +2 five times and 0 once, pair 2 +4 three times: 9 people,
    # 8 improved, 1 the same (hidden, so 8 is hidden too: 9 − 0 would give it away),
    # mean change 22 / 9 = 2.44.
    assert rows["Awareness"] == [
        9, 0, 1.67, 10, 90, 4.2, 90, 9, FEWER_THAN_FIVE, FEWER_THAN_FIVE, 0, 2.44,
    ]  # fmt: skip


def test_it_hides_questionnaire_figures_under_five_responses(data):
    # From January only pair 2 was answered: 3 before, 3 after, 3 matched.
    rows = by_first(compile_home(data, SPRING_TERM_ON), "questionnaire_change")
    assert rows["Access"] == [
        FEWER_THAN_FIVE, NOT_SHOWN, NOT_SHOWN, FEWER_THAN_FIVE, NOT_SHOWN, NOT_SHOWN,
        NOT_SHOWN, FEWER_THAN_FIVE, NOT_SHOWN, NOT_SHOWN, NOT_SHOWN, NOT_SHOWN,
    ]  # fmt: skip


def test_it_adds_up_the_funnel_and_hides_one_to_seven_people(data):
    rows = by_first(compile_home(data), "pathway_funnel")
    # C1 only: C2 has nobody and C0 started before the period.
    assert rows["Referred"] == [20, None, 100.0]
    assert rows["Enrolled"] == [18, 90.0, 90.0]
    assert rows["Completed training"] == [16, 88.9, 80.0]
    assert rows["Interviewed"] == [12, 75.0, 60.0]
    assert rows["Offered a job"] == [10, 83.3, 50.0]
    assert rows["Started"] == [9, 90.0, 45.0]
    assert rows["In post at 3 months"] == [8, 88.9, 40.0]
    assert rows["In post at 6 months"] == [ONE_TO_SEVEN, NOT_SHOWN, NOT_SHOWN]  # 3 people
    assert rows["In post at 12 months"] == [0, NOT_SHOWN, 0.0]  # of a hidden 3


def test_it_shows_retention_roles_and_value_for_money_with_their_inputs(data):
    report = compile_home(data)
    assert by_first(report, "retention") == {
        "3 months": [8, 0, 0, 100.0],
        "6 months": [ONE_TO_SEVEN, 0, ONE_TO_SEVEN, NOT_SHOWN],  # 3 in post, 5 due
        "12 months": [0, 0, ONE_TO_SEVEN, None],  # nobody answered yet: no share
    }
    # 10 offers (the funnel shows them): 8 and 2. Hiding the 2 alone would let 10 - 8 give
    # it away, so the 8 is hidden too, and the care roles together with it.
    assert by_first(report, "roles_offered") == {
        "Healthcare assistant": [NOT_SHOWN, NOT_SHOWN],
        "Administration and clerical": [ONE_TO_SEVEN, NOT_SHOWN],
        "Healthcare assistant or care worker (together)": [NOT_SHOWN, NOT_SHOWN],
    }
    # Cost: (£10,000 + £5,000) ÷ 20 participants; return: £56,200 ÷ £10,000 (C1 only).
    assert by_first(report, "value_for_money") == {
        "Cost per participant (£)": [2, 20, 15000, None, 750],
        "Return per £1 (£)": [1, 20, 10000, 56200, 5.62],
    }


def test_it_counts_barrier_actions_by_category_and_status(data):
    rows = by_first(compile_home(data), "barrier_actions")
    # Columns: proposed, in progress, done, dropped, all.
    assert rows["Inform"] == [2, 0, 1, 0, 3]
    assert rows["Support"] == [0, 1, 0, 0, 1]
    assert rows["All actions"] == [2, 1, 1, 0, 4]  # Kent's action is not in scope


def test_it_shows_only_chosen_quotes_from_events_in_scope(data):
    q1, q2, q3 = data["quotes"]
    report = compile_home(data, quote_ids=[q2.pk, q3.pk, q1.pk])
    assert [r[:2] for r in table(report, "quotes").rows] == [
        ["Eye-opening", "A parent"],
        ["I want to be a nurse", "Year 8"],
    ]
    scope = ReportScope.programme(data["programme"])
    assert list(quote_choices(scope=scope, period=YEAR)) == [q1, q2]
    assert list(quote_choices(scope=scope, period=SPRING_TERM_ON)) == [q2]


def test_a_date_range_counts_only_the_events_on_those_days(data):
    report = compile_home(data, SPRING_TERM_ON)
    # E2 and E3: the follow-up's 50 Year 8s have no first visit in range, so count.
    assert by_first(report, "reach")["Students reached"] == [50 + 15, None, None]
    targets = {r[1]: r[-3:] for r in table(report, "targets").rows}
    assert targets["Students reached"] == [65, 65, "Not met"]
    assert targets["Participants from ethnic minority groups (%)"] == [None, None, "No data"]
    assert report.period_label == "1 January 2025 to 30 June 2025"


def test_an_area_scope_measures_each_programme_against_its_own_targets(data, home_area, icb):
    second = ProgrammeFactory(name="Second", area=home_area, lead_organisation=icb)
    TargetFactory(programme=second, measure="students_reached", value=10)
    event(second, datetime.date(2024, 11, 1), participants=12)
    report = compile_impact(scope=ReportScope.areas([home_area]), period=YEAR)
    rows = {(r[0], r[1]): r[3:] for r in table(report, "targets").rows}
    assert rows["Second", "Students reached"] == [10, 12, 120, "Met"]  # not capped at 100
    assert rows["We Want You", "Students reached"] == [100, 75, 75, "Not met"]
    assert "Kent Careers" not in {r[0] for r in table(report, "targets").rows}
    assert by_first(report, "reach")["Students reached"][0] == 75 + 12  # not Kent's 500
    assert by_first(report, "questionnaire_change")["Awareness"][0] == 9  # not Kent's 5


def test_an_empty_programme_gives_an_empty_report_with_messages(db):
    report = compile_impact(scope=ReportScope.programme(ProgrammeFactory()), period=YEAR)
    assert report.is_empty
    assert report.kind == "impact"
    assert all(t.definition and t.empty_message for _, t in report.tables())
    assert report.from_dict(report.to_dict()).to_dict() == report.to_dict()


def test_it_reports_progress_rising_below_100(data):
    seen = []
    compile_home(data, progress=lambda percent, stage: seen.append(percent))
    assert seen == sorted(seen)
    assert len(seen) >= 3
    assert seen[-1] < 100


def test_its_query_count_does_not_grow_with_programmes(
    data, home_area, icb, django_assert_max_num_queries
):
    scope = ReportScope.areas([home_area])
    with CaptureQueriesContext(connection) as one:
        compile_impact(scope=scope, period=YEAR, quote_ids=[q.pk for q in data["quotes"]])
    for n in range(4):
        more = ProgrammeFactory(area=home_area, lead_organisation=icb)
        TargetFactory(programme=more, measure="students_reached", value=n + 1)
        made = event(more, datetime.date(2025, 2, 1), participants=n + 1)
        FeedbackQuote.objects.create(event=made, text="More", attribution="Someone")
        pair(more, datetime.date(2025, 2, 2), [("", 3)] * 5, [("", 4)] * 5)
        cohort(more, datetime.date(2025, 3, 1), {5: 2}, cost=Decimal(100))
        BarrierActionFactory(barrier=BarrierFactory(programme=more))
    # Measured: 24 queries on SQLite and PostgreSQL, for one programme or five.
    with django_assert_max_num_queries(len(one)):
        compile_impact(scope=scope, period=YEAR, quote_ids=[q.pk for q in data["quotes"]])
    assert len(one) <= 24
