"""Inserting and updating many rows with one statement each, for imports.

Django's bulk_create and bulk_update pass every value through the model and field layers; at
100,000 rows that costs several times the database's own work. Here text, numbers, booleans and
keys go to the driver as they are, and only the fields that need it (dates, times, JSON) are
converted, by the field itself. Callers give values already of the field's type and valid.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Sequence
from typing import Any

from django.db import connection, models

# Parameters in one SQLite statement: well under its limit (32,766).
MOST_PARAMETERS = 10_000
AS_IS = (models.CharField, models.TextField, models.BooleanField, models.IntegerField, models.ForeignKey, models.AutoField)


def insert_rows(model: type[models.Model], fields: Sequence[str], rows: Iterable[Sequence[Any]]) -> None:
    """PostgreSQL takes the rows by COPY, each as `rows` gives it (so the server stores one while the
    next is made, when `rows` makes them as it goes); SQLite many rows to an INSERT (each statement
    costs the database more than each row in it)."""
    table, columns, convert = _table(model), _columns(model, fields), _converter(model, fields)
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor, cursor.copy(f"COPY {table} ({', '.join(columns)}) FROM STDIN") as copy:
            for row in rows:
                copy.write_row(convert(row))
        return
    values = [convert(row) for row in rows]
    raw = _sqlite_cursor()
    row_placeholder = "(" + ", ".join(["?"] * len(fields)) + ")"
    per_statement = max(1, MOST_PARAMETERS // len(fields))
    for start in range(0, len(values), per_statement):
        chunk = values[start : start + per_statement]
        raw.execute(
            f"INSERT INTO {table} ({', '.join(columns)}) VALUES {', '.join([row_placeholder] * len(chunk))}",  # noqa: S608 - names from the model
            [value for row in chunk for value in row],
        )


def update_rows(model: type[models.Model], fields: Sequence[str], rows: Iterable[Sequence[Any]]) -> None:
    """Each row: the new values of `fields`, then the primary key of the row to change."""
    table, columns, convert = _table(model), _columns(model, fields), _converter(model, fields)
    assignments = ", ".join(f"{column} = %s" for column in columns)
    key = connection.ops.quote_name(model._meta.pk.column)
    with connection.cursor() as cursor:
        cursor.executemany(
            f"UPDATE {table} SET {assignments} WHERE {key} = %s",  # noqa: S608 - names from the model
            [(*convert(row[:-1]), row[-1]) for row in rows],
        )


def pks_by(model: type[models.Model], key: str, keys: Sequence[Any]) -> dict[Any, int]:
    """The primary key of each row whose `key` (a unique field) is one of `keys`, by its key. The
    keys go to the driver as they are: Django's `filter(key__in=...)` prepares each one, which for
    a batch of 2,000 cost more than the query."""
    table, (column, pk) = _table(model), _columns(model, [key, model._meta.pk.name])
    found: dict[Any, int] = {}
    with connection.cursor() as cursor:
        placeholder = "?" if connection.vendor == "sqlite" else "%s"
        raw = _sqlite_cursor() if connection.vendor == "sqlite" else cursor
        for start in range(0, len(keys), MOST_PARAMETERS):
            chunk = keys[start : start + MOST_PARAMETERS]
            raw.execute(
                f"SELECT {column}, {pk} FROM {table} WHERE {column} IN ({', '.join([placeholder] * len(chunk))})",  # noqa: S608 - names from the model
                chunk,
            )
            found.update(raw.fetchall())
    return found


def _sqlite_cursor():
    """The driver's own cursor, which takes SQLite's placeholders (?): Django's rewrites each of a
    statement's thousands of placeholders with a regular expression, which cost more than the insert."""
    connection.ensure_connection()
    return connection.connection.cursor()


def _table(model: type[models.Model]) -> str:
    return connection.ops.quote_name(model._meta.db_table)


def _columns(model: type[models.Model], fields: Sequence[str]) -> list[str]:
    return [connection.ops.quote_name(model._meta.get_field(name).column) for name in fields]


def _converter(model: type[models.Model], fields: Sequence[str]) -> Callable[[Sequence[Any]], tuple]:
    prepare = [model._meta.get_field(name) for name in fields]
    needed = [(index, _conversion(field)) for index, field in enumerate(prepare) if not isinstance(field, AS_IS)]

    def convert(row: Sequence[Any]) -> tuple:
        values = list(row)
        for index, conversion in needed:
            values[index] = conversion(values[index])
        return tuple(values)

    return convert


def _conversion(field: models.Field) -> Callable[[Any], Any]:
    """A date (already a date: callers give values of the field's type) goes straight to the
    database's form of it. Anything else is converted once when it is the very value of the row
    before (a time, say, or a JSON value given for every row): JSON to its text, which both
    databases read (PostgreSQL's COPY would otherwise encode a JSON value again on every row), the
    rest by its field."""
    if isinstance(field, models.DateField) and not isinstance(field, models.DateTimeField):
        return connection.ops.adapt_datefield_value
    if isinstance(field, models.JSONField):
        encoder = field.encoder

        def prepare(value: Any) -> Any:
            return None if value is None else json.dumps(value, cls=encoder)  # None: SQL's NULL, as the field has it
    else:

        def prepare(value: Any) -> Any:
            return field.get_db_prep_save(value, connection)

    last: list[Any] = [_NOTHING, None]

    def repeated(value: Any) -> Any:
        if last[0] is not value:
            last[:] = value, prepare(value)
        return last[1]

    return repeated


_NOTHING = object()
