"""Every list in the API comes a page at a time: `limit` (at most 100) and `offset`, with `count`.

`count` is the total up to 1,000 rows or the end of the page asked for, whichever is further; a list
longer than that answers that many with `count_is_lower_bound` true, so that a million cases are not
counted to say there are more."""

# No `from __future__ import annotations`: ninja reads the Input and Output schemas' annotations.

from typing import Any

from ninja import Field, Schema
from ninja.pagination import LimitOffsetPagination

from casework.read.rows import COUNTED_AT_MOST, count_up_to

MAX_LIMIT = 100


class Pages(LimitOffsetPagination):
    """`limit` and `offset`, bounded: the databases refuse an offset beyond 64 bits with an error, not an empty page."""

    class Input(Schema):
        limit: int = Field(50, ge=1, le=MAX_LIMIT)
        offset: int = Field(0, ge=0, le=1_000_000_000)

    class Output(Schema):
        items: list[Any]
        count: int = Field(
            description=f"How many there are, counted up to {COUNTED_AT_MOST:,} or the end of this page, whichever is further"
        )
        count_is_lower_bound: bool = Field(
            description="True when there are more than `count`: counting stopped there",
        )

    def paginate_queryset(self, queryset, pagination: Input, request, **params) -> dict:
        offset, limit = pagination.offset, min(pagination.limit, self.max_limit)
        items = queryset[offset : offset + limit]  # first: a list read a page at a time may count with it
        count, more = counted(queryset, offset, limit)
        return {"items": items, "count": count, "count_is_lower_bound": more}


def counted(found, offset: int, limit: int) -> tuple[int, bool]:
    """How many `found` holds, up to `COUNTED_AT_MOST` or the end of this page, and whether there are more."""
    bound = max(COUNTED_AT_MOST, offset + limit)
    read = count_up_to(found, bound + 1)
    return min(read, bound), read > bound
