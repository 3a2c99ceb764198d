"""A list of ids, worked out once, as one parameter of the queries that read it."""

from __future__ import annotations

import json
from collections.abc import Iterable

from django.db import connection
from django.db.models.expressions import RawSQL


def id_list(ids: Iterable[int]) -> RawSQL:
    """The ids as a subquery for `field__in=`, however many: one array (PostgreSQL) or one JSON text
    (SQLite) rather than a placeholder each, which would pass SQLite's limit on them."""
    ids = list(ids)
    if connection.vendor == "postgresql":
        return RawSQL("SELECT unnest(%s::bigint[])", (ids,))
    return RawSQL("SELECT value FROM json_each(%s)", (json.dumps(ids),))
