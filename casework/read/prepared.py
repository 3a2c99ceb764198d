"""Queries planned once a connection: PostgreSQL plans the facts of an action (thirty subqueries
over fifteen joined tables) in far longer than it takes to run them, on every action."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from django.db import connection


@contextmanager
def prepared() -> Iterator[None]:
    """Send the queries run within with their values apart (server-side binding), so that psycopg
    prepares each after a few runs (`prepare_threshold`, settings) and PostgreSQL plans it no more.
    Elsewhere the values are bound into the text, which a prepared statement cannot reuse."""
    if connection.vendor != "postgresql" or connection.settings_dict["OPTIONS"].get("prepare_threshold") is None:
        yield
        return
    from django.db.backends.postgresql.base import ServerBindingCursor  # psycopg is there only on PostgreSQL

    connection.ensure_connection()
    raw = connection.connection
    bound_apart, raw.cursor_factory = raw.cursor_factory, ServerBindingCursor
    try:
        yield
    finally:
        raw.cursor_factory = bound_apart
