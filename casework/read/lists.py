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
from django.db.models import Count, IntegerField, OuterRef, Q, QuerySet, Subquery, Value
from django.db.models.functions import Coalesce

from casework.models import Case, FeedbackCase
from casework.people import name_of
from casework.read.access import visible_cases, visible_feedback
from casework.read.holders import Holding, holding, time_limits, with_holding_facts
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
    there are staff who own a case, however many cases there are."""
    owners = get_user_model().objects.filter(pk__in=visible_cases(user).values("case_owner_id"))
    return sorted(((owner.pk, name_of(owner) or "") for owner in owners), key=lambda choice: choice[1].lower())


def find_cases(
    user, query: str = "", team: int | None = None, status: str = "", sort: str = "reference", owner: int | None = None
) -> QuerySet[Case]:
    """The cases this person may see matching the query: by the case's or any of its feedback's
    reference, the service user or the organisation; each with how much feedback is open on it."""
    cases = visible_cases(user)
    if query:
        by_feedback = FeedbackCase.objects.filter(reference__icontains=query).values("case_id")
        cases = cases.filter(
            Q(reference__icontains=query)
            | Q(service_user__name__icontains=query)
            | Q(organisation__name__icontains=query)
            | Q(pk__in=by_feedback)
        )
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
    return cases.order_by(*CASE_SORTS.get(sort, CASE_SORTS["reference"])[1])


def find_feedback(user, filters: FeedbackFilters, today: date) -> Sequence[FeedbackCase] | QuerySet[FeedbackCase]:
    """The feedback this person may see matching the filters, in the order asked for: a query set
    while the database can do it all, else a list (overdue, or due soonest first)."""
    found = visible_feedback(user)
    if filters.query:
        q = filters.query
        found = found.filter(
            Q(reference__icontains=q)
            | Q(case__reference__icontains=q)
            | Q(case__service_user__name__icontains=q)
            | Q(case__organisation__name__icontains=q)
        )
    if filters.kind:
        found = found.filter(kind=filters.kind)
    if filters.state:
        kind, _, state = filters.state.partition(".")
        found = found.filter(kind=kind, state=state)
    if filters.team:
        found = found.filter(case__team_id=filters.team)
    if filters.owner:
        found = found.filter(case__case_owner_id=filters.owner)
    if not (filters.overdue or filters.sort == "due"):
        return found.order_by(*FEEDBACK_SORTS.get(filters.sort, FEEDBACK_SORTS["newest"])[1])
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
