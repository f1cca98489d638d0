"""The working-day calendar: weekends, national holidays, cuti bersama and local holidays.

Durations are O(1) per record: the calendar precomputes, for every date in its range, how many
working days (and working minutes) came before it, so a duration is a difference of two
look-ups; the work is vectorized over all records with numpy. No loop over calendar days per
record.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

import numpy as np

DAY = 86400
EPOCH = dt.date(1970, 1, 1)


def national_holidays(years: Iterable[int]) -> dict[dt.date, str]:
    """Indonesian public holidays and cuti bersama (government category) from ``holidays``."""
    import holidays

    found = holidays.country_holidays(
        "ID", categories=("public", "government"), language="id", years=sorted(set(years))
    )
    return dict(sorted(found.items()))


@dataclass
class Calendar:
    """Working days from ``start`` to ``end`` (inclusive) and the office day in minutes."""

    start: dt.date
    end: dt.date
    holidays: dict[dt.date, str]  # every non-weekend day off in range, with its name
    office_start: int  # minutes after midnight
    office_end: int
    workday: np.ndarray  # bool per date
    before: np.ndarray  # int64: working days strictly before each date; one extra at the end

    @classmethod
    def build(
        cls,
        start: dt.date,
        end: dt.date,
        local: dict[dt.date, str],
        office_start: dt.time = dt.time(8),
        office_end: dt.time = dt.time(16),
    ) -> Calendar:
        days = (end - start).days + 1
        off = {**national_holidays(range(start.year, end.year + 1)), **local}
        off = {d: n for d, n in off.items() if start <= d <= end}
        first = (start - EPOCH).days
        weekday = (np.arange(first, first + days) + 3) % 7  # 1970-01-01 was a Thursday: 0=Monday
        workday = weekday < 5
        for d in off:
            workday[(d - start).days] = False
        before = np.concatenate(([0], np.cumsum(workday, dtype=np.int64)))
        return cls(
            start,
            end,
            {d: n for d, n in sorted(off.items()) if d.weekday() < 5},
            office_start.hour * 60 + office_start.minute,
            office_end.hour * 60 + office_end.minute,
            workday,
            before,
        )

    @property
    def office_minutes(self) -> int:
        return self.office_end - self.office_start

    def day_index(self, local_seconds: np.ndarray) -> np.ndarray:
        """Index into the calendar of local times given as seconds since 1970 (local wall clock)."""
        return local_seconds // DAY - (self.start - EPOCH).days

    def workdays_between(self, a_day: np.ndarray, b_day: np.ndarray) -> np.ndarray:
        """Working days in (a, b]: the day of receipt does not count, the day of the answer does.

        Received and answered on the same day: 0. Received Friday, answered Monday: 1.
        """
        return self.before[b_day + 1] - self.before[a_day + 1]

    def position(self, local_seconds: np.ndarray) -> np.ndarray:
        """Working minutes elapsed since the calendar's start, at each local time."""
        day = self.day_index(local_seconds)
        minute = (local_seconds % DAY) // 60
        inside = np.clip(minute - self.office_start, 0, self.office_minutes)
        return self.before[day] * self.office_minutes + np.where(self.workday[day], inside, 0)

    def working_minutes(self, a: np.ndarray, b: np.ndarray) -> np.ndarray:
        """Office minutes on working days between two local times."""
        return self.position(b) - self.position(a)

    def count(self, a: dt.date, b: dt.date) -> int:
        """Working days in (a, b], for single dates (tests, pages)."""
        ia, ib = (a - self.start).days, (b - self.start).days
        return int(self.before[ib + 1] - self.before[ia + 1])
