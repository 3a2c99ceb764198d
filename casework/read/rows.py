"""A list read a page at a time: an ordered query, and how each row it finds is shown.

A queue can hold thousands of items; a page shows fifty. `Rows` counts in the database and
presents only the rows of the slice asked for, so Django's Paginator (and the API's limit and
offset) read one page, never the whole list.

The lists that grow with the caseload (cases, feedback, people) count no further than
`COUNTED_AT_MOST` rows past the start (`count_up_to`): saying "more than 1,000" reads a thousand
rows, where the exact total of a million cases would read them all.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from typing import Any

from django.db.models import QuerySet

COUNTED_AT_MOST = 1000


def count_up_to(found, most: int) -> int:
    """How many rows `found` holds, or `most` if it holds that many or more: no more are read."""
    if isinstance(found, Rows):
        return found.count_up_to(most)
    if isinstance(found, Matches):
        if found.ids is not None:
            return min(len(found.ids), most)
        return most if found.at_least >= most else count_up_to(found.found, most)
    if isinstance(found, QuerySet):
        return found.order_by().values("pk")[:most].count()  # any `most` rows: no order, no annotations
    return min(len(found), most)


class Rows:
    """`complete`, if given, is handed the rows read (a page of them, or all) and gives those to show:
    it reads what they show besides what the ordered query read, for all of them at once."""

    def __init__(
        self, found: QuerySet | Matches | None, present: Callable[[Any], Any], complete: Callable[[list], list] | None = None
    ):
        self.found, self.present, self.complete = found, present, complete
        self.first: list | None = None  # once counted: the ids of the first rows, in order
        self.ended = False  # whether `first` holds every row

    def count_up_to(self, most: int) -> int:
        """How many rows there are, up to `most`. A query's ids are read in order, once, for the count
        and for the page within them, which is then read by its ids: one reading of the list where a
        count and a page would read it twice (OAT's own reviews are found among all they ever took)."""
        if not isinstance(self.found, QuerySet):
            return 0 if self.found is None else count_up_to(self.found, most)
        self.first = list(self.found.values_list("pk", flat=True)[:most])
        self.ended = len(self.first) < most
        return len(self.first)

    @classmethod
    def none(cls) -> Rows:
        return cls(None, lambda row: row)

    def shown_as(self, present: Callable[[Any], Any]) -> Rows:
        """The same rows, each shown as this makes of what they showed before (the API's JSON of them)."""
        return Rows(self.found, lambda row: present(self.present(row)), self.complete)

    def count(self) -> int:
        return 0 if self.found is None else self.found.count()

    def __len__(self) -> int:
        return self.count()

    def __getitem__(self, index: slice) -> list:
        if not isinstance(index, slice):
            raise TypeError("Rows are read a slice at a time")
        if self.found is None:
            return []
        if self.first is not None and (self.ended or (index.stop is not None and index.stop <= len(self.first))):
            wanted = self.first[index]
            read = {row.pk: row for row in self.found.order_by().filter(pk__in=wanted)}
            rows = [read[pk] for pk in wanted if pk in read]
        else:
            rows = self.found[index]
        return [self.present(row) for row in self._completed(rows)]

    def __iter__(self) -> Iterator:
        return iter([] if self.found is None else map(self.present, self._completed(self.found)))

    def _completed(self, rows) -> list:
        rows = list(rows)
        return self.complete(rows) if self.complete is not None and rows else rows


class Matches:
    """What a search found, in order: either rows still to be read in order and checked, of which it
    holds `at_least` (counted while searching, and not counted again), or the ids of the few it found
    (`ids`, in order), of which a page reads only its own, from `rows`."""

    def __init__(self, found: QuerySet, at_least: int = 0, ids: list | None = None, rows: QuerySet | None = None):
        self.found, self.at_least, self.ids, self.rows = found, at_least, ids, rows

    def count(self) -> int:
        return self.found.count() if self.ids is None else len(self.ids)

    def __len__(self) -> int:
        return self.count()

    def __getitem__(self, index: slice) -> Sequence:
        if self.ids is None or self.rows is None:
            return self.found[index]
        wanted = self.ids[index]
        read = {row.pk: row for row in self.rows.filter(pk__in=wanted)}
        return [read[pk] for pk in wanted if pk in read]

    def __iter__(self) -> Iterator:
        return iter(self.found)
