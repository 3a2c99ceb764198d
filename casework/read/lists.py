"""The lists of cases and of feedback: search across every reference, the service user and the
organisation; filters; sorting; and each row's status, read from the workflow declaration.

Only what the person may see is listed. Overdue and "due first" need each open item's due date,
which `holders.py` works out from the declaration; every other filter and sort is done in the
database, and only the page shown is worked out.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from django.contrib.auth import get_user_model
from django.db.models import Count, Exists, IntegerField, OuterRef, Subquery, Value
from django.db.models.functions import Coalesce

from casework.models import FeedbackCase
from casework.people import name_of
from casework.read.access import visible_cases, visible_feedback
from casework.read.holders import Holding, holding, time_limits, with_holding_facts
from casework.read.rows import Matches
from casework.read.search import case_matching, feedback_matching, search
from casework.read.work import items, open_states
from policy.workflows import State
from policy.workflows.registry import WORKFLOWS, workflow_for

CASE_SORTS = {
    "reference": ("Reference", ("reference",)),
    "service_user": ("Service user", ("service_user__name", "reference")),
    "newest": ("Newest decision first", ("-decision_date", "reference")),
    "oldest": ("Oldest decision first", ("decision_date", "reference")),
}
FEEDBACK_SORTS = {
    "newest": ("Newest received first", ("-received_date", "-id")),
    "oldest": ("Oldest received first", ("received_date", "id")),
    "reference": ("Reference", ("reference",)),
    "due": ("Due soonest first (open feedback first)", ()),  # worked out from the declaration, not stored
}
CASE_STATUSES = {"open": "With open feedback", "none_open": "With no open feedback"}


@dataclass(frozen=True)
class FeedbackFilters:
    query: str = ""
    kind: str = ""
    state: str = ""  # "<kind>.<state>": the same state name can mean different places in different kinds
    team: int | None = None
    owner: int | None = None  # the case owner's id
    overdue: bool = False
    sort: str = "newest"


@dataclass(frozen=True)
class FeedbackRow:
    feedback: FeedbackCase
    state: State
    held: Holding | None  # None once it is closed
    today: date

    @property
    def due(self) -> date | None:
        return self.held.due if self.held else None

    @property
    def overdue(self) -> bool:
        return self.due is not None and self.due < self.today


def state_choices() -> list[tuple[str, list[tuple[str, str]]]]:
    """Each kind's states, by their labels, for a filter: (kind's title, [(value, label), ...])."""
    return [
        (workflow.plural, [(f"{workflow.kind}.{state.name}", state.label) for state in workflow.states])
        for workflow in WORKFLOWS.values()
    ]


def kind_choices() -> list[tuple[str, str]]:
    return [(str(workflow.kind), workflow.plural) for workflow in WORKFLOWS.values()]


def owner_choices(user) -> list[tuple[int, str]]:
    """The owners of the cases this person may see, by name, for a filter: (id, name). As many as
    there are staff who own a case, however many cases there are: each member of staff is looked up
    among the cases (by owner and team), not each case's owner."""
    owns = Exists(visible_cases(user).select_related(None).filter(case_owner_id=OuterRef("pk")))
    owners = get_user_model().objects.filter(owns)
    return sorted(((owner.pk, name_of(owner) or "") for owner in owners), key=lambda choice: choice[1].lower())


def find_cases(
    user, query: str = "", team: int | None = None, status: str = "", sort: str = "reference", owner: int | None = None
) -> Matches:
    """The cases this person may see matching the query: by the case's or any of its feedback's
    reference, the service user or the organisation; each with how much feedback is open on it."""
    cases = visible_cases(user)
    if team:
        cases = cases.filter(team_id=team)
    if owner:
        cases = cases.filter(case_owner_id=owner)
    open_on_case = (
        FeedbackCase.objects.filter(open_states(), case=OuterRef("pk"))
        .order_by()
        .values("case")
        .annotate(n=Count("id"))
        .values("n")
    )
    cases = cases.annotate(open_feedback=Coalesce(Subquery(open_on_case, output_field=IntegerField()), Value(0)))
    if status == "open":
        cases = cases.filter(open_feedback__gt=0)
    elif status == "none_open":
        cases = cases.filter(open_feedback=0)
    order = CASE_SORTS.get(sort, CASE_SORTS["reference"])[1]
    return search(cases, case_matching(query), order) if query else Matches(cases.order_by(*order))


def find_feedback(user, filters: FeedbackFilters, today: date) -> Sequence[FeedbackCase] | Matches:
    """The feedback this person may see matching the filters, in the order asked for: a query set
    while the database can do it all, else a list (overdue, or due soonest first)."""
    found = visible_feedback(user)
    if filters.kind:
        found = found.filter(kind=filters.kind)
    if filters.state:
        kind, _, state = filters.state.partition(".")
        found = found.filter(kind=kind, state=state)
    if filters.team:
        found = found.filter(case__team_id=filters.team)
    if filters.owner:
        found = found.filter(case__case_owner_id=filters.owner)
    order = FEEDBACK_SORTS.get(filters.sort, FEEDBACK_SORTS["newest"])[1]
    matches = search(found, feedback_matching(filters.query), order) if filters.query else Matches(found.order_by(*order))
    if not (filters.overdue or filters.sort == "due"):
        return matches
    found = matches.found
    open_items = sorted(items(found, today), key=lambda item: (item.due is None, item.due or date.max, item.feedback.reference))
    if filters.overdue:
        return [item.feedback for item in open_items if item.overdue]
    return [item.feedback for item in open_items] + list(found.exclude(open_states()).order_by("-received_date", "-id"))


def rows(feedback: Sequence[FeedbackCase], today: date) -> list[FeedbackRow]:
    """Each piece of feedback on the page with its state, holder and due date (a few queries for the page)."""
    ids = [one.pk for one in feedback]
    limits = time_limits()
    shown = FeedbackCase.objects.filter(pk__in=ids).select_related("case__service_user", "case__organisation")
    with_facts = {one.pk: one for one in with_holding_facts(shown)}
    return [
        FeedbackRow(
            with_facts[pk], workflow_for(with_facts[pk].kind).state(with_facts[pk].state), holding(with_facts[pk], limits), today
        )
        for pk in ids
    ]
