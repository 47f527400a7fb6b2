"""The school year: 1 September to 31 August, in three terms.

Autumn  1 September – 31 December
Spring  1 January – Easter Sunday (inclusive)
Summer  Easter Monday – 31 August

An academic year is named by the calendar year it starts in: 2024 is "2024/25".
"""

import datetime

from dateutil.easter import easter
from django.db import models


class Term(models.TextChoices):
    AUTUMN = "autumn", "Autumn"
    SPRING = "spring", "Spring"
    SUMMER = "summer", "Summer"


TERMS = [Term.AUTUMN, Term.SPRING, Term.SUMMER]


def academic_year_of(day: datetime.date) -> int:
    return day.year if day.month >= 9 else day.year - 1


def term_of(day: datetime.date) -> str:
    if day.month >= 9:
        return Term.AUTUMN
    return Term.SPRING if day <= easter(day.year) else Term.SUMMER


def label(year: int) -> str:
    return f"{year}/{(year + 1) % 100:02d}"


def bounds(year: int) -> tuple[datetime.date, datetime.date]:
    return datetime.date(year, 9, 1), datetime.date(year + 1, 8, 31)


def term_bounds(year: int, term: str) -> tuple[datetime.date, datetime.date]:
    easter_sunday = easter(year + 1)
    if term == Term.AUTUMN:
        return datetime.date(year, 9, 1), datetime.date(year, 12, 31)
    if term == Term.SPRING:
        return datetime.date(year + 1, 1, 1), easter_sunday
    return easter_sunday + datetime.timedelta(days=1), datetime.date(year + 1, 8, 31)


def years_between(start: datetime.date, end: datetime.date | None, *, today=None) -> list[int]:
    """Academic years a programme running from start to end touches (to this year if open)."""
    today = today or datetime.date.today()
    last = academic_year_of(end) if end else max(academic_year_of(today), academic_year_of(start))
    return list(range(academic_year_of(start), last + 1))


def choices(years) -> list[tuple[int, str]]:
    return [(year, label(year)) for year in years]
