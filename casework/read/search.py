"""A search by part of a reference or a name, answered in a time that does not grow with the caseload.

A search matches any of a few things (a case's reference, its service user's name, its
organisation's name, its feedback's references). Each can be asked two ways: from its own table's
trigram index on PostgreSQL (migration 0033), which finds every row that matches, however few; or
of each row as a list is read in its order, which stops at the page when many match but reads the
whole list when few do. So `search` first finds, from the indexes, up to `FEW` of the rows asked
about that each thing matches:
- if none matches more than `FEW`, the matches are those found: their ids are put in order, and a
  page reads its rows by their ids;
- otherwise they are many, and the list is read in its own order, each row checked; the count is
  then known to be over `FEW` without reading further.
SQLite has no trigram index; the same queries scan there.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import reduce
from operator import or_

from django.db.models import Exists, OuterRef, Q, QuerySet

from casework.models import FeedbackCase, Organisation, ServiceUser
from casework.read.rows import COUNTED_AT_MOST, Matches

FEW = COUNTED_AT_MOST


@dataclass(frozen=True)
class Matching:
    """One thing a search matches: as a filter its table's index answers, and as a check of a row."""

    by_index: Q
    by_row: Q


def search(found: QuerySet, matching: list[Matching], order: tuple[str, ...]) -> Matches:
    """The rows of `found` that any of `matching` matches, in `order`."""
    ids: set[int] = set()
    for one in matching:
        some = list(found.filter(one.by_index).order_by().values_list("pk", flat=True)[: FEW + 1])
        if len(some) > FEW:
            return Matches(found.filter(reduce(or_, (one.by_row for one in matching))).order_by(*order), at_least=len(some))
        ids.update(some)
    # All of them in order, then a page's rows by their ids alone: asked for a page of them, the
    # planner may read the whole list in its order looking for them.
    matched = found.filter(pk__in=ids).order_by(*order)
    return Matches(matched, ids=list(matched.values_list("pk", flat=True)), rows=found.order_by())


def case_matching(query: str, by_feedback: bool = True, path: str = "") -> list[Matching]:
    """What a case (at `path`, from a query of what is about cases) may match: its reference, its
    service user's or organisation's name, and, `by_feedback`, any of its feedback's references."""
    people = ServiceUser.objects.filter(name__icontains=query).values("pk")
    organisations = Organisation.objects.filter(name__icontains=query).values("pk")
    matching = [
        Matching(Q(**{f"{path}reference__icontains": query}), Q(**{f"{path}reference__icontains": query})),
        Matching(Q(**{f"{path}service_user__in": people}), Q(**{f"{path}service_user__name__icontains": query})),
        Matching(Q(**{f"{path}organisation__in": organisations}), Q(**{f"{path}organisation__name__icontains": query})),
    ]
    if by_feedback:
        feedback = FeedbackCase.objects.filter(reference__icontains=query)
        matching.append(Matching(Q(pk__in=feedback.values("case_id")), Q(Exists(feedback.filter(case=OuterRef("pk"))))))
    return matching


def feedback_matching(query: str) -> list[Matching]:
    """What feedback may match: its own reference, or what its case may match."""
    own = Q(reference__icontains=query)
    return [Matching(own, own), *case_matching(query, by_feedback=False, path="case__")]


def person_matching(query: str) -> list[Matching]:
    """What a service user may match: part of their name or email, or their whole reference."""
    return [Matching(one, one) for one in (Q(name__icontains=query), Q(email__icontains=query), Q(reference__iexact=query))]
