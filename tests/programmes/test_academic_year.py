import datetime

import pytest

from programmes.academic_year import academic_year_of, label, term_bounds, term_of, years_between

D = datetime.date


@pytest.mark.parametrize(
    ("day", "year", "term"),
    [
        (D(2024, 8, 31), 2023, "summer"),
        (D(2024, 9, 1), 2024, "autumn"),
        (D(2024, 12, 31), 2024, "autumn"),
        (D(2025, 1, 1), 2024, "spring"),
        # Easter Sunday 2025 is 20 April: Spring includes it, Summer starts on the Monday.
        (D(2025, 4, 20), 2024, "spring"),
        (D(2025, 4, 21), 2024, "summer"),
        # Easter Sunday 2024 was 31 March.
        (D(2024, 3, 31), 2023, "spring"),
        (D(2024, 4, 1), 2023, "summer"),
        (D(2025, 8, 31), 2024, "summer"),
        (D(2025, 9, 1), 2025, "autumn"),
    ],
)
def test_an_events_date_decides_its_academic_year_and_term(day, year, term):
    assert academic_year_of(day) == year
    assert term_of(day) == term


def test_it_names_years_as_schools_do():
    assert label(2024) == "2024/25"
    assert label(2099) == "2099/00"


def test_term_bounds_follow_easter():
    assert term_bounds(2024, "spring") == (D(2025, 1, 1), D(2025, 4, 20))
    assert term_bounds(2024, "summer") == (D(2025, 4, 21), D(2025, 8, 31))
    assert term_bounds(2024, "autumn") == (D(2024, 9, 1), D(2024, 12, 31))


def test_it_lists_the_years_a_programme_touches():
    assert years_between(D(2024, 9, 1), D(2026, 7, 31)) == [2024, 2025]
    assert years_between(D(2024, 1, 10), D(2024, 9, 2)) == [2023, 2024]
    assert years_between(D(2024, 9, 1), None, today=D(2026, 1, 5)) == [2024, 2025]
