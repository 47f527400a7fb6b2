"""The period a report covers: an academic year, or a date range of at most five years."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from programmes import academic_year

MAX_YEARS = 5
# Outreach records start this century; a date outside these years is a typing slip.
FIRST_YEAR, LAST_YEAR = 2000, 2100


class PeriodError(ValueError):
    """A period no report can cover; the message is for the person who asked."""


@dataclass(frozen=True)
class Period:
    start: datetime.date
    end: datetime.date
    academic_year: int | None = None

    def __post_init__(self):
        if not (
            FIRST_YEAR <= self.start.year <= LAST_YEAR and FIRST_YEAR <= self.end.year <= LAST_YEAR
        ):
            raise PeriodError(f"Enter dates between {FIRST_YEAR} and {LAST_YEAR}.")
        if self.end < self.start:
            raise PeriodError("The end date must be on or after the start date.")
        if self.end > _years_after(self.start, MAX_YEARS):
            raise PeriodError(f"A report can cover at most {MAX_YEARS} years.")

    @classmethod
    def academic(cls, year: int) -> Period:
        start, end = academic_year.bounds(year)
        return cls(start, end, year)

    @classmethod
    def between(cls, start: datetime.date, end: datetime.date) -> Period:
        return cls(start, end, None)

    @property
    def label(self) -> str:
        if self.academic_year is not None:
            return f"Academic year {academic_year.label(self.academic_year)}"
        return f"{self.start:%-d %B %Y} to {self.end:%-d %B %Y}"

    @property
    def short_label(self) -> str:
        if self.academic_year is not None:
            return academic_year.label(self.academic_year)
        return f"{self.start:%d/%m/%Y}–{self.end:%d/%m/%Y}"

    def previous(self) -> Period:
        """The same stretch of time one year earlier, for the year-on-year comparison."""
        if self.academic_year is not None:
            return Period.academic(self.academic_year - 1)
        return Period(_years_after(self.start, -1), _years_after(self.end, -1), None)

    @property
    def academic_years(self) -> list[int]:
        """Every academic year the period touches."""
        first = academic_year.academic_year_of(self.start)
        last = academic_year.academic_year_of(self.end)
        return list(range(first, last + 1))


def _years_after(day: datetime.date, years: int) -> datetime.date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February in a year without one
        return day.replace(year=day.year + years, day=28)
