"""Targets measured against what events show."""

import datetime
from decimal import Decimal

from partners.factories import SchoolFactory
from partners.models import Ambassador, YearGroup
from programmes.factories import ProgrammeFactory, TargetFactory, event_input
from programmes.models import EngagementEvent, Measure
from programmes.selectors.reach import (
    figures_by_programme,
    figures_by_year,
    figures_by_year_and_programme,
    programme_figures,
    target_progress,
)
from programmes.services import event_create


def year(code):
    return YearGroup.objects.get(code=code)


def log(user, programme, **overrides):
    return event_create(user=user, data=event_input(programme, **overrides))


def test_nineteen_of_nineteen_target_schools_reached(programme, lead):
    schools = SchoolFactory.create_batch(19, area=programme.area)
    programme.target_schools.set(schools)
    for school in schools:
        log(lead, programme, school=school, participants=100)
    total, years = programme_figures(programme)
    assert (total.target_schools_reached, total.target_schools) == (19, 19)
    assert total.value(Measure.TARGET_SCHOOLS_COVERAGE) == Decimal("100.0")
    assert total.events_delivered == 19
    assert years[2024].students_reached == 1900


def test_a_follow_up_with_the_same_cohort_is_not_counted_twice(programme, lead, school):
    y8, y9 = year("year-8"), year("year-9")
    # Two Year 8 classes on first visits: 60 different students.
    log(lead, programme, participants=30, year_groups={y8: 30})
    log(lead, programme, participants=30, year_groups={y8: 30})
    # A follow-up with 50 of the same Year 8s and 20 Year 9s seen for the first time
    # (the data shows the Year 9s were not counted before).
    log(lead, programme, participants=70, year_groups={y8: 50, y9: 20}, is_repeat_visit=True)
    # Without a year-group breakdown the data cannot tell: counted as given.
    log(lead, programme, participants=25, is_repeat_visit=True)
    # A community event is always added.
    log(lead, programme, school=None, setting_name="Youth club", participants=12)
    total, _ = programme_figures(programme)
    assert total.students_reached == 60 + 20 + 25 + 12
    assert total.schools_reached == 1


def test_the_same_cohort_in_another_year_is_counted_again(programme, lead):
    y8 = year("year-8")
    programme.ends_on = datetime.date(2026, 8, 31)
    programme.save()
    log(lead, programme, participants=30, year_groups={y8: 30})
    log(
        lead,
        programme,
        participants=30,
        year_groups={y8: 30},
        is_repeat_visit=True,
        date=datetime.date(2025, 10, 1),
    )
    total, years = programme_figures(programme)
    assert total.students_reached == 60
    assert (years[2024].students_reached, years[2025].students_reached) == (30, 30)


def test_demographic_percentages_hours_and_parents(programme, lead, icb):
    ambassador = Ambassador.objects.create(organisation=icb, name="Sam", profession="Nurse")
    log(
        lead,
        programme,
        participants=100,
        parents_reached=7,
        ambassadors={ambassador: Decimal("3")},
        demographics={
            ("ethnicity", "white"): 60,
            ("ethnicity", "black"): 20,
            ("ethnicity", "asian"): 20,
            ("gender", "male"): 45,
            ("gender", "female"): 55,
            ("fsm", "fsm"): 25,
        },
    )
    log(lead, programme, participants=100, demographics={("send", "send"): 10})
    total, _ = programme_figures(programme)
    assert total.value(Measure.ETHNIC_MINORITY_PCT) == Decimal("40.0")
    assert total.value(Measure.MALE_PCT) == Decimal("45.0")
    assert total.value(Measure.FSM_PCT) == Decimal("25.0")  # of the event that recorded it
    assert total.value(Measure.SEND_PCT) == Decimal("10.0")
    assert total.value(Measure.AMBASSADOR_HOURS) == Decimal("3")
    assert total.value(Measure.PARENTS_REACHED) == 7


def test_targets_are_measured_for_the_programme_or_one_year(programme, lead):
    log(lead, programme, participants=8000)
    whole = TargetFactory(programme=programme, measure=Measure.STUDENTS_REACHED, value=8000)
    later = TargetFactory(
        programme=programme, measure=Measure.STUDENTS_REACHED, value=10, academic_year=2025
    )
    coverage = TargetFactory(
        programme=programme, measure=Measure.TARGET_SCHOOLS_COVERAGE, value=100
    )
    progress = {p.target: p for p in target_progress(programme, [whole, later, coverage])}
    assert progress[whole].met
    assert progress[whole].percent_of_target == 100
    assert progress[later].actual == 0
    assert not progress[later].met
    assert progress[coverage].met


def test_no_demographics_means_no_percentage(programme):
    total, _ = programme_figures(programme)
    assert total.value(Measure.FSM_PCT) is None
    assert total.students_reached == 0


def test_adults_are_not_counted_as_students(programme, lead):
    adult = year("adult")
    log(
        lead,
        programme,
        school=None,
        setting_name="Careers hub",
        participants=20,
        year_groups={adult: 20},
    )
    log(
        lead,
        programme,
        school=None,
        setting_name="Careers hub",
        participants=12,
        year_groups={adult: None},
    )
    log(lead, programme, participants=40, year_groups={year("year-8"): 30, adult: 10})
    total, _ = programme_figures(programme)
    assert total.students_reached == 30


def test_community_events_with_numbers_count_their_young_people_not_their_adults(programme, lead):
    y10 = year("year-10")
    log(
        lead,
        programme,
        school=None,
        setting_name="Youth club",
        participants=25,
        year_groups={y10: 20, year("adult"): 5},
    )
    log(
        lead,
        programme,
        school=None,
        setting_name="Youth club",
        participants=20,
        year_groups={y10: 20},
        is_repeat_visit=True,
    )
    total, _ = programme_figures(programme)
    assert total.students_reached == 40  # no school: no cohort to match, so both count


def test_figures_rolled_up_from_programmes_equal_the_figures_asked_directly(
    programme, lead, school, django_assert_max_num_queries
):
    """The impact report takes an area's figures from the per-programme rows: the same
    Year 8s seen by two programmes at one school count once, as asking directly does."""
    other = ProgrammeFactory(area=programme.area, lead_organisation=programme.lead_organisation)
    other.target_schools.set([school])
    y8, y9 = year("year-8"), year("year-9")
    second = SchoolFactory(area=programme.area)
    log(lead, programme, participants=30, year_groups={y8: 30})
    log(lead, other, participants=40, year_groups={y8: 40})
    log(lead, other, participants=45, year_groups={y8: 45}, is_repeat_visit=True)
    log(lead, programme, participants=70, year_groups={y8: 50, y9: 20}, is_repeat_visit=True)
    log(lead, other, school=second, participants=25, is_repeat_visit=True)
    log(lead, programme, school=None, setting_name="Youth club", participants=12)
    log(lead, other, school=None, setting_name="Library", participants=9, year_groups={y9: 9})
    events = EngagementEvent.objects.filter(programme__area=programme.area)
    targets = {programme.pk: {school.pk}, other.pk: {second.pk}}
    with django_assert_max_num_queries(6):
        (total, years), by_programme = figures_by_year_and_programme(
            events, {school.pk, second.pk}, targets
        )
    direct_total, direct_years = figures_by_year(events, {school.pk, second.pk})
    assert total == direct_total
    assert years == direct_years
    assert total.students_reached == 70 + 20 + 25 + 12 + 9
    assert by_programme == figures_by_programme(events, targets)
