"""Every list in the API comes a page at a time: `limit` (at most 100) and `offset`, with the total `count`."""

# No `from __future__ import annotations`: ninja reads the Input schema's annotations.

from ninja import Field, Schema
from ninja.pagination import LimitOffsetPagination

MAX_LIMIT = 100


class Pages(LimitOffsetPagination):
    """`limit` and `offset`, bounded: the databases refuse an offset beyond 64 bits with an error, not an empty page."""

    class Input(Schema):
        limit: int = Field(50, ge=1, le=MAX_LIMIT)
        offset: int = Field(0, ge=0, le=1_000_000_000)
