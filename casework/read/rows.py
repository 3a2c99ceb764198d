"""A list read a page at a time: an ordered query, and how each row it finds is shown.

A queue can hold thousands of items; a page shows fifty. `Rows` counts in the database and
presents only the rows of the slice asked for, so Django's Paginator (and the API's limit and
offset) read one page, never the whole list.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

from django.db.models import QuerySet


class Rows:
    def __init__(self, found: QuerySet | None, present: Callable[[Any], Any]):
        self.found, self.present = found, present

    @classmethod
    def none(cls) -> Rows:
        return cls(None, lambda row: row)

    def shown_as(self, present: Callable[[Any], Any]) -> Rows:
        """The same rows, each shown as this makes of what they showed before (the API's JSON of them)."""
        return Rows(self.found, lambda row: present(self.present(row)))

    def count(self) -> int:
        return 0 if self.found is None else self.found.count()

    def __len__(self) -> int:
        return self.count()

    def __getitem__(self, index: slice) -> list:
        if not isinstance(index, slice):
            raise TypeError("Rows are read a slice at a time")
        return [] if self.found is None else [self.present(row) for row in self.found[index]]

    def __iter__(self) -> Iterator:
        return iter([] if self.found is None else map(self.present, self.found))
