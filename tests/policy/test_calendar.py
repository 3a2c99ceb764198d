"""Calendar months, England and Wales working days, and the grounds deadline of para 32."""

from __future__ import annotations

import calendar as stdlib_calendar
from datetime import date, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from policy.calendar import ENGLAND_AND_WALES, WorkingCalendar, add_months
from policy.time_limits import grounds_deadline

decision_dates = st.dates(min_value=date(2000, 1, 1), max_value=date(2100, 12, 31))
FAST = settings(max_examples=200, deadline=None)


@pytest.mark.parametrize(
    ("day", "months", "expected"),
    [
        (date(2026, 1, 31), 1, date(2026, 2, 28)),  # February is shorter: its last day
        (date(2028, 1, 31), 1, date(2028, 2, 29)),  # leap year
        (date(2024, 1, 31), 1, date(2024, 2, 29)),  # leap year
        (date(2026, 3, 31), 1, date(2026, 4, 30)),
        (date(2026, 1, 15), 1, date(2026, 2, 15)),  # same day of the month when it exists
        (date(2026, 12, 15), 1, date(2027, 1, 15)),  # across the year end
        (date(2026, 11, 30), 3, date(2027, 2, 28)),
        (date(2027, 11, 30), 3, date(2028, 2, 29)),
    ],
)
def test_adding_calendar_months_keeps_the_day_or_takes_the_last_day_of_a_shorter_month(day, months, expected):
    assert add_months(day, months) == expected


@pytest.mark.parametrize(
    ("day", "working", "why"),
    [
        (date(2026, 4, 30), True, "an ordinary Thursday"),
        (date(2026, 2, 28), False, "a Saturday"),
        (date(2026, 3, 1), False, "a Sunday"),
        (date(2026, 12, 25), False, "Christmas Day"),
        (date(2026, 12, 28), False, "Boxing Day falls on a Saturday: the substitute Monday"),
        (date(2027, 12, 27), False, "Christmas Day falls on a Saturday: the substitute Monday"),
        (date(2027, 12, 28), False, "Boxing Day falls on a Sunday: the substitute Tuesday"),
        (date(2022, 1, 3), False, "New Year's Day falls on a Saturday: the substitute Monday"),
        (date(2026, 4, 3), False, "Good Friday"),
        (date(2026, 4, 6), False, "Easter Monday"),
        (date(2026, 5, 4), False, "Early May bank holiday"),
        (date(2026, 5, 25), False, "Spring bank holiday"),
        (date(2026, 8, 31), False, "Summer bank holiday (England and Wales, not Scotland's first Monday)"),
        (date(2026, 8, 3), True, "Scotland's summer bank holiday is a working day in England and Wales"),
        (date(2026, 3, 17), True, "St Patrick's Day is a holiday in Northern Ireland only"),
        (date(2026, 11, 30), True, "St Andrew's Day is a holiday in Scotland only"),
        (date(2022, 9, 19), False, "a one-off bank holiday: the State Funeral of Queen Elizabeth II"),
    ],
)
def test_working_days_leave_out_weekends_and_england_and_wales_bank_holidays(day, working, why):
    assert ENGLAND_AND_WALES.is_working_day(day) is working, why


def test_an_extra_holiday_set_by_an_administrator_is_not_a_working_day():
    office_closed = date(2026, 4, 30)
    calendar = WorkingCalendar.with_overrides(extra_holidays=[office_closed])

    assert ENGLAND_AND_WALES.is_working_day(office_closed)
    assert not calendar.is_working_day(office_closed)
    assert calendar.is_bank_holiday(office_closed)


def test_a_bank_holiday_the_office_works_is_a_working_day():
    boxing_day_substitute = date(2026, 12, 28)
    calendar = WorkingCalendar.with_overrides(extra_working_days=[boxing_day_substitute])

    assert calendar.is_working_day(boxing_day_substitute)
    assert not calendar.is_bank_holiday(boxing_day_substitute)
    assert not calendar.is_working_day(date(2026, 12, 25)), "only the date overridden changes"


def test_the_next_working_day_is_the_day_itself_when_it_is_one():
    assert ENGLAND_AND_WALES.on_or_next_working_day(date(2026, 4, 30)) == date(2026, 4, 30)
    assert ENGLAND_AND_WALES.on_or_next_working_day(date(2026, 12, 25)) == date(2026, 12, 29)


@pytest.mark.policy("32")
@pytest.mark.parametrize(
    ("decision", "deadline", "why"),
    [
        (date(2026, 11, 25), date(2026, 12, 29), "Christmas Friday, weekend, Boxing Day substitute Monday"),
        (date(2026, 1, 30), date(2026, 3, 2), "28 February is a Saturday"),
        (date(2026, 3, 3), date(2026, 4, 7), "3 April is Good Friday; Easter Monday follows the weekend"),
        (date(2026, 3, 31), date(2026, 4, 30), "30 April is the last day of a shorter month, and a working day"),
        (date(2026, 11, 2), date(2026, 12, 2), "an ordinary Wednesday"),
        (date(2021, 11, 25), date(2021, 12, 29), "Christmas on a Saturday: substitute Monday and Tuesday"),
        (date(2027, 11, 25), date(2027, 12, 29), "Christmas on a Saturday in 2027 too"),
        (date(2027, 2, 26), date(2027, 3, 30), "26 March 2027 is Good Friday, 29 March Easter Monday"),
        (date(2027, 2, 28), date(2027, 3, 30), "28 March 2027 is Easter Sunday"),
        (date(2021, 12, 1), date(2022, 1, 4), "New Year's Day on a Saturday: substitute Monday 3 January"),
        (date(2022, 8, 19), date(2022, 9, 20), "the State Funeral of Queen Elizabeth II"),
        (date(2022, 5, 2), date(2022, 6, 6), "Spring bank holiday and the Platinum Jubilee, then a weekend"),
        (date(2028, 1, 31), date(2028, 2, 29), "31 January in a leap year: 29 February, a Tuesday"),
    ],
)
def test_grounds_are_due_one_calendar_month_after_the_decision_on_the_next_working_day(decision, deadline, why):
    assert grounds_deadline(decision) == deadline, why


@pytest.mark.policy("32")
@pytest.mark.parametrize(
    ("decision", "calendar_date"),
    [
        (date(2026, 11, 25), date(2026, 12, 25)),
        (date(2026, 1, 30), date(2026, 2, 28)),
        (date(2026, 3, 3), date(2026, 4, 3)),
    ],
)
def test_when_deadlines_do_not_roll_the_deadline_is_the_calendar_date_one_month_on(decision, calendar_date):
    assert grounds_deadline(decision, roll_to_working_day=False) == calendar_date


@pytest.mark.policy("32")
def test_the_deadline_follows_the_administrators_calendar_overrides():
    worked = WorkingCalendar.with_overrides(extra_working_days=[date(2026, 12, 28)])
    closed = WorkingCalendar.with_overrides(extra_holidays=[date(2026, 4, 30)])

    assert grounds_deadline(date(2026, 11, 25), worked) == date(2026, 12, 28)
    assert grounds_deadline(date(2026, 3, 31), closed) == date(2026, 5, 1)


@pytest.mark.policy("32")
@FAST
@given(decision=decision_dates)
def test_the_grounds_deadline_is_a_working_day_between_one_month_and_four_days_after_it(decision):
    one_month_on = add_months(decision, 1)
    deadline = grounds_deadline(decision)

    assert deadline >= one_month_on
    assert ENGLAND_AND_WALES.is_working_day(deadline)
    assert deadline - one_month_on <= timedelta(days=4)
    # and no earlier working day would do
    day = one_month_on
    while day < deadline:
        assert not ENGLAND_AND_WALES.is_working_day(day)
        day += timedelta(days=1)


@FAST
@given(day=decision_dates, months=st.integers(min_value=0, max_value=36))
def test_adding_months_never_runs_past_the_end_of_the_target_month(day, months):
    result = add_months(day, months)
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    last_day = stdlib_calendar.monthrange(year, month + 1)[1]

    assert (result.year, result.month) == (year, month + 1)
    assert result.day == min(day.day, last_day)
