"""`policy.calendar.add_months` in SQL, so that a rule about months can be counted by the database."""

from __future__ import annotations

from django.db.models import DateField, Func


class AddMonths(Func):
    """The same day `months` calendar months after `day`, or that month's last day when it is shorter.

    PostgreSQL's date arithmetic does just that. SQLite's rolls over into the next month instead
    (31 January and a month is 3 March), so there it is the earlier of the day of the month counted
    on from the month's first day, and the month's last day."""

    output_field = DateField()

    def __init__(self, day, months: int):
        super().__init__(day)
        self.months = months

    def as_sql(self, compiler, connection, **extra):
        day, params = compiler.compile(self.source_expressions[0])
        return f"(({day}) + make_interval(months => %s))::date", (*params, self.months)

    def as_sqlite(self, compiler, connection, **extra):
        day, params = compiler.compile(self.source_expressions[0])
        same_day = f"DATE({day}, 'start of month', %s, '+' || (CAST(STRFTIME('%%d', {day}) AS INTEGER) - 1) || ' days')"
        last_day = f"DATE({day}, 'start of month', %s, '-1 day')"
        return f"MIN({same_day}, {last_day})", (
            *params,
            f"+{self.months} months",
            *params,
            *params,
            f"+{self.months + 1} months",
        )
