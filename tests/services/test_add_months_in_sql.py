"""`AddMonths` gives in SQL what `policy.calendar.add_months` gives in Python, on the database the tests use."""

from datetime import date, timedelta

import pytest
from django.db.models import DateField, Value

from casework.models import Case
from casework.read.months import AddMonths
from policy.calendar import add_months

MONTH_ENDS = [date(2024, 1, 31), date(2024, 2, 29), date(2025, 1, 31), date(2025, 11, 30), date(2026, 3, 31), date(2026, 8, 31)]
DAYS = [*MONTH_ENDS, *(day - timedelta(days=1) for day in MONTH_ENDS), date(2026, 1, 15), date(2026, 12, 1)]


@pytest.mark.parametrize("months", [1, 3, 12])
def test_add_months_in_sql_keeps_the_day_or_takes_the_shorter_month_s_last(make_case, months):
    case = make_case()
    later = {
        day: Case.objects.filter(pk=case.pk)
        .annotate(later=AddMonths(Value(day, output_field=DateField()), months))
        .values_list("later", flat=True)
        .get()
        for day in DAYS
    }
    assert later == {day: add_months(day, months) for day in DAYS}
