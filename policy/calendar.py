"""Calendar months and working days in England and Wales.

A month is a calendar month (31 January + 1 month = 28 or 29 February). Working days leave out
weekends and the bank holidays of England and Wales, substitute days included, as published by
the `holidays` package; an administrator's overrides come in as plain dates.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, timedelta

import holidays
from dateutil.relativedelta import relativedelta


def add_months(day: date, months: int) -> date:
    """The same day `months` calendar months on, or the month's last day when it is shorter."""
    return day + relativedelta(months=months)


@dataclass(frozen=True)
class WorkingCalendar:
    """England and Wales working days, with optional overrides kept as reference data."""

    extra_holidays: frozenset[date] = field(default_factory=frozenset)
    extra_working_days: frozenset[date] = field(default_factory=frozenset)

    @classmethod
    def with_overrides(cls, extra_holidays: Iterable[date] = (), extra_working_days: Iterable[date] = ()) -> WorkingCalendar:
        return cls(frozenset(extra_holidays), frozenset(extra_working_days))

    def is_bank_holiday(self, day: date) -> bool:
        if day in self.extra_working_days:
            return False
        return day in self.extra_holidays or day in _england_and_wales(day.year)

    def is_working_day(self, day: date) -> bool:
        if day in self.extra_working_days:
            return True
        return day.weekday() < 5 and not self.is_bank_holiday(day)

    def on_or_next_working_day(self, day: date) -> date:
        while not self.is_working_day(day):
            day += timedelta(days=1)
        return day


def _england_and_wales(year: int) -> holidays.HolidayBase:
    if year not in _HOLIDAYS_BY_YEAR:
        _HOLIDAYS_BY_YEAR[year] = holidays.country_holidays("GB", subdiv="ENG", years=year)
    return _HOLIDAYS_BY_YEAR[year]


_HOLIDAYS_BY_YEAR: dict[int, holidays.HolidayBase] = {}

ENGLAND_AND_WALES = WorkingCalendar()
