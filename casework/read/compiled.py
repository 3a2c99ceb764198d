"""Queries compiled to SQL once a process: Django builds and compiles a query every time it runs,
and the facts an action loads (thirty subqueries over fifteen joined tables) take longer to compile
than to run. The SQL of such a query is kept by what shapes it, and each run puts its own values in.

Which parameters are the run's values is found by comparing: the first run's parameters equal to its
values are taken as their places. A value is put in its places only once a run with another value
there, compiled in full, gave the same SQL and the same parameters with its values in those places;
until then a run with another value is compiled as usual, so a constant that happened to equal a
value is never replaced.
"""

from __future__ import annotations

import copy
from collections.abc import Callable, Hashable
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import EmptyResultSet
from django.db import DatabaseError, connection, connections
from django.db.models import Model, QuerySet
from django.db.models.query import ModelIterable
from django.db.models.sql.compiler import SQLCompiler


@dataclass
class _Kept:
    queryset: QuerySet
    compiler: SQLCompiler
    sql: str
    params: tuple
    places: dict[str, tuple[int, ...]]
    values: dict[str, Any]
    checked: set[str] = field(default_factory=set)  # the values seen in their places in a run compiled in full

    def fits(self, values: dict[str, Any]) -> bool:
        return all(name in self.checked or values[name] == self.values[name] for name in self.places)

    def with_values(self, values: dict[str, Any]) -> tuple:
        params = list(self.params)
        for name, places in self.places.items():
            for place in places:
                params[place] = values[name]
        return tuple(params)


_kept: dict[Hashable, _Kept] = {}


def rows(key: Hashable, build: Callable[[], QuerySet], **values: Any) -> list:
    """The model instances `build()` selects (with what it joins and annotates), its SQL compiled
    once for `key`. `key` names everything that shapes the query; `values` are what change from
    run to run (each a number or text that appears among its parameters as it is)."""
    try:
        queryset, compiler, sql, params = _compiled(key, build, values)
    except EmptyResultSet:  # a query Django knows finds nothing is never sent
        return []
    return _run(queryset, compiler, sql, params)


def tuples(key: Hashable, build: Callable[[], QuerySet], **values: Any) -> list[tuple]:
    """The rows of `build()`, a `values_list` of columns the database gives as Python has them
    (numbers, text: nothing converted), as tuples, its SQL compiled once for `key` as `rows` does."""
    try:
        queryset, _, sql, params = _compiled(key, build, values)
    except EmptyResultSet:  # a query Django knows finds nothing is never sent
        return []
    with connections[queryset.db].cursor() as cursor:
        cursor.execute(sql, params)
        return [tuple(row) for row in cursor.fetchall()]


def _compiled(key: Hashable, build: Callable[[], QuerySet], values: dict[str, Any]) -> tuple[QuerySet, SQLCompiler, str, tuple]:
    """The query's SQL and parameters for these values: kept for `key`, or compiled in full (and kept)."""
    kept = _kept.get(key)
    if kept is not None and kept.fits(values):
        return kept.queryset, kept.compiler, kept.sql, kept.with_values(values)
    queryset = build()
    compiler = queryset.query.get_compiler(using=queryset.db)
    sql, params = compiler.as_sql()
    if kept is None or not _confirms(kept, sql, tuple(params), values):
        places = _places(tuple(params), values)
        if places is not None:
            _kept[key] = _Kept(queryset, compiler, sql, tuple(params), places, dict(values))
    return queryset, compiler, sql, tuple(params)


def _confirms(kept: _Kept, sql: str, params: tuple, values: dict[str, Any]) -> bool:
    """Whether a run compiled in full is the kept SQL with its values in their places: those of
    its values that differ from the first run's are then known to be in the right places."""
    if sql != kept.sql or kept.with_values(values) != params:
        return False
    kept.checked |= {name for name in kept.places if values[name] != kept.values[name]}
    return True


def _places(params: tuple, values: dict[str, Any]) -> dict[str, tuple[int, ...]] | None:
    """Where each value is among the parameters; None if two values share a place."""
    found = {
        name: tuple(i for i, param in enumerate(params) if type(param) is type(value) and param == value)
        for name, value in values.items()
        if value is not None
    }
    places = {name: at for name, at in found.items() if at}
    taken = [place for found in places.values() for place in found]
    return places if len(taken) == len(set(taken)) else None


def _run(queryset: QuerySet, compiler: SQLCompiler, sql: str, params: tuple) -> list:
    ready = copy.copy(compiler)
    ready.connection = connections[queryset.db]  # this thread's: the kept compiler's may be another thread's
    ready.as_sql = lambda *args, **kwargs: (sql, params)  # type: ignore[method-assign]
    ready.get_converters = lambda expressions: _converters(compiler, expressions)  # type: ignore[method-assign]
    return list(ModelIterable(_Compiled(queryset, ready)))


def _converters(compiler: SQLCompiler, expressions) -> dict:
    """The converters of the compiled query's columns, worked out once (they are the same each run)."""
    kept = compiler.__dict__.get("_kept_converters")
    if kept is None:
        kept = compiler.__dict__["_kept_converters"] = SQLCompiler.get_converters(compiler, expressions)
    return kept


def save_columns(record: Model) -> None:
    """Save every column of a record read from the database (as `save()` does, with no signal
    sent: use it only for models nothing listens to), with an UPDATE written once a model."""
    model = type(record)
    fields, sql = _updates.get(model) or _updates.setdefault(model, _update_of(model))
    params = [field.get_db_prep_save(getattr(record, field.attname), connection) for field in fields]
    with connection.cursor() as cursor:
        cursor.execute(sql, [*params, record.pk])
        if cursor.rowcount != 1:
            raise DatabaseError(f"{model.__name__} {record.pk} was not saved: it is not there")


_updates: dict[type[Model], tuple[list, str]] = {}


def _update_of(model: type[Model]) -> tuple[list, str]:
    fields = [field for field in model._meta.concrete_fields if not field.primary_key]
    quote = connection.ops.quote_name
    columns = ", ".join(f"{quote(field.column)} = %s" for field in fields)
    return fields, f"UPDATE {quote(model._meta.db_table)} SET {columns} WHERE {quote(model._meta.pk.column)} = %s"  # noqa: S608


class _Compiled:
    """What ModelIterable reads of a queryset, with the query's compiler already made."""

    def __init__(self, queryset: QuerySet, compiler: SQLCompiler) -> None:
        self.db = queryset.db
        self.model = queryset.model
        self._known_related_objects: dict = {}
        self._compiler = compiler
        self.query = self

    def get_compiler(self, using=None, connection=None, elide_empty=True) -> SQLCompiler:
        return self._compiler
