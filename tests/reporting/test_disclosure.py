"""Demographic counts in the impact report: nobody can be singled out from them."""

import datetime

from programmes.factories import TargetFactory
from programmes.models import Measure
from reporting.compilers import compile_impact
from reporting.compilers._common import FEWER_THAN_FIVE, NOT_SHOWN
from reporting.periods import Period
from reporting.scope import ReportScope
from tests.reporting.compiler_data import by_first, event


def test_small_groups_and_groups_that_leave_a_few_out_are_not_shown(programme, school):
    # 30 took part: 28 male of 30 who said (2 not male), 3 with SEND, 10 on free school meals.
    event(
        programme,
        datetime.date(2024, 11, 5),
        school=school,
        participants=30,
        demographics={
            ("gender", "male"): 28,
            ("gender", "female"): 2,
            ("send", "send"): 3,
            ("fsm", "fsm"): 10,
        },
    )
    report = compile_impact(scope=ReportScope.programme(programme), period=Period.academic(2024))
    rows = by_first(report, "demographics")
    assert rows["Male"] == [NOT_SHOWN, 30, NOT_SHOWN]  # 28 of 30 would say who the 2 are
    assert rows["With special educational needs or a disability"] == [
        FEWER_THAN_FIVE,
        # the base is every participant at events that recorded SEND: 30 + 40 + 40
        rows["With special educational needs or a disability"][1],
        NOT_SHOWN,
    ]
    assert rows["Eligible for free school meals"][0] == 10


def test_a_percentage_target_over_fewer_than_five_people_is_not_shown(programme, school):
    TargetFactory(programme=programme, measure=Measure.MALE_PCT, value=50, academic_year=2024)
    event(
        programme,
        datetime.date(2024, 11, 5),
        school=school,
        participants=3,
        demographics={("gender", "male"): 1, ("gender", "female"): 2},
    )
    report = compile_impact(scope=ReportScope.programme(programme), period=Period.academic(2024))
    (row,) = [r for r in by_first(report, "targets").values() if "male" in r[0]]
    assert row[-3:] == [NOT_SHOWN, NOT_SHOWN, "Too few to show"]
