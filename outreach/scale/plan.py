"""How much to make: national figures at fraction 1, shared out over areas and years.

At fraction 1 one deployment holds about what every ICB in England would: 3,500
secondary schools (with sixth forms and 16+ colleges) and 20,000 primary schools,
100,000 events and 120,000 questionnaire respondents in the latest academic year (fewer
in earlier ones, as a programme grows), and about 17,000 participants a year on
pre-employment cohorts. The fraction scales every count; the areas are as many as asked,
each with a few schools at least, so a tiny fraction still has every kind of row.
"""

import dataclasses
import datetime

SECONDARY_SCHOOLS = 3_500
PRIMARY_SCHOOLS = 20_000
EVENTS_PER_YEAR = 100_000
RESPONDENTS_PER_YEAR = 120_000
PARTICIPANTS_PER_YEAR = 16_667
# Each earlier academic year has this share of the next one's activity.
GROWTH = 0.9
MIN_SECONDARY, MIN_PRIMARY = 2, 2
# Synthetic areas' codes start with this; no real ONS or ODS code does.
CODE = "SYN"
SEED = 2024
LAST_YEAR = 2024  # 2024/25: the latest academic year made, fixed so rebuilds agree


@dataclasses.dataclass(frozen=True)
class Plan:
    areas: int = 42
    years: int = 3
    fraction: float = 1.0
    seed: int = SEED
    last_year: int = LAST_YEAR

    def __post_init__(self):
        if not 1 <= self.areas <= 99:
            raise ValueError("areas must be between 1 and 99")
        if not 1 <= self.years <= 10:
            raise ValueError("years must be between 1 and 10")
        if not 0 < self.fraction <= 1:
            raise ValueError("fraction must be more than 0 and at most 1")

    def _scaled(self, n: float) -> int:
        return max(1, round(n * self.fraction))

    @property
    def academic_years(self) -> list[int]:
        return list(range(self.last_year - self.years + 1, self.last_year + 1))

    @property
    def today(self) -> datetime.date:
        """Participants' stages are dated up to this day, not the clock's, so that rebuilds
        agree: the summer after the latest year, with 3- and 6-month check-ins due."""
        return datetime.date(self.last_year + 2, 6, 30)

    def _per_year(self, latest: int) -> dict[int, int]:
        last = self.academic_years[-1]
        return {y: self._scaled(latest * GROWTH ** (last - y)) for y in self.academic_years}

    @property
    def secondary_schools(self) -> int:
        return max(self._scaled(SECONDARY_SCHOOLS), MIN_SECONDARY * self.areas)

    @property
    def primary_schools(self) -> int:
        return max(self._scaled(PRIMARY_SCHOOLS), MIN_PRIMARY * self.areas)

    @property
    def events(self) -> dict[int, int]:
        return self._per_year(EVENTS_PER_YEAR)

    @property
    def respondents(self) -> dict[int, int]:
        return self._per_year(RESPONDENTS_PER_YEAR)

    @property
    def participants(self) -> dict[int, int]:
        return self._per_year(PARTICIPANTS_PER_YEAR)

    def expected_rows(self) -> int:
        """Rough rows the progress line counts: an event comes with about eight child
        rows, a respondent with about ten responses and answers, a participant with
        about seven stages and check-ins (measured on a small set)."""
        return (
            self.secondary_schools
            + self.primary_schools
            + 9 * sum(self.events.values())
            + 10 * sum(self.respondents.values())
            + 8 * sum(self.participants.values())
        )


def share_out(total: int, weights: list[float], minimum: int = 0) -> list[int]:
    """`total` shared out in proportion to `weights` (largest remainders), each share at
    least `minimum`; the shares add up to exactly max(total, minimum × len(weights))."""
    spare = max(0, total - minimum * len(weights))
    exact = [spare * w / sum(weights) for w in weights]
    shares = [int(x) for x in exact]
    by_remainder = sorted(range(len(weights)), key=lambda i: (shares[i] - exact[i], i))
    for i in by_remainder[: spare - sum(shares)]:
        shares[i] += 1
    return [minimum + n for n in shares]
