"""My work, derived: every open piece of feedback is on exactly one list, its holder's.

The holder is what the state's declaration names (casework.read.holders): a person's list, or a
role's queue while no one person holds it. Nothing here reads tasks, so an item is listed whether
or not a task was ever opened for it. A list is chosen, counted and sorted in the database
(casework.read.holding_sql) and only the items shown are read, so its queries and their rows are
the same few however long the list is.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from functools import cached_property
from typing import Any, overload

from django.db.models import Count, F, IntegerField, OuterRef, Q, QuerySet, Subquery, Window
from django.db.models.lookups import In

from casework.models import Case, FeedbackCase, Letter, Referral
from casework.models.staff import roles_of
from casework.read import compiled
from casework.read.holders import Holding, holding, time_limits, with_holding_facts
from casework.read.holding_sql import QUEUE_HOLDERS, held_in, with_holder_and_due
from policy.facts import Role
from policy.workflows import State
from policy.workflows.holding import Holder
from policy.workflows.registry import WORKFLOWS, workflow_for

FIRST = 10  # items shown on My work and for each person in the team view: the overdue and soonest due


@dataclass(frozen=True)
class WorkItem:
    feedback: FeedbackCase
    state: State
    held: Holding
    today: date

    @property
    def person(self):
        """Who holds it: the declared person, or the case owner's manager when a queue cannot be named."""
        if self.held.person is None and self.held.queue is None:
            return self.feedback.case.manager  # a proposal with no approver recorded: someone must see it
        return self.held.person

    @property
    def queue(self) -> Role | None:
        return None if self.held.person is not None else self.held.queue

    @property
    def needed(self) -> str:
        """What is needed: the state's own description, or its label."""
        return self.state.description or self.state.label

    @property
    def holder_label(self) -> str:
        return self.queue.label if self.queue else self.held.holder.label

    @property
    def due(self) -> date | None:
        return self.held.due

    @property
    def overdue(self) -> bool:
        return self.due is not None and self.due < self.today

    @property
    def due_this_week(self) -> bool:
        return self.due is not None and self.today <= self.due < self.today + timedelta(days=7)

    def sort_key(self) -> tuple:
        return (not self.overdue, self.due is None, self.due or date.max, self.feedback.reference)


# Overdue first, then the soonest due, then those with no date: `WorkItem.sort_key`, in SQL.
MOST_PRESSING = (F("due_on").asc(nulls_last=True), F("reference").asc())


class WorkList(Sequence):
    """Open feedback annotated with its holder and due date, most pressing first: an item or a slice reads
    only those rows (and the count with them), each worked out by `holding` as one alone would be.

    `shape`, if given, names everything that shapes the query but the values in `values` (see
    `casework.read.compiled`): its slices are then compiled to SQL once a process, and the query
    (`feedback`, given as what builds it) is built only when one is compiled or it is counted."""

    def __init__(
        self,
        feedback: Callable[[], QuerySet[FeedbackCase]],
        today: date,
        render: Callable[[WorkItem], Any] | None = None,
        shape: Hashable | None = None,
        values: dict[str, Any] | None = None,
    ):
        self.build, self.today, self.render = feedback, today, render
        self.shape, self.values = shape, values or {}
        self._count: int | None = None

    @cached_property
    def feedback(self) -> QuerySet[FeedbackCase]:
        return self.build().order_by(*MOST_PRESSING)

    def rendered(self, render: Callable[[WorkItem], Any]) -> WorkList:
        """The same list, each item handed out as `render` makes it (an API's rows)."""
        return WorkList(self.build, self.today, render, self.shape, self.values)

    def count(self) -> int:  # what a Paginator asks for
        if self._count is None:
            self._count = self.feedback.count()
        return self._count

    def __len__(self) -> int:
        return self.count()

    def __iter__(self) -> Iterator[Any]:
        return iter(self._read(slice(None)))

    @overload
    def __getitem__(self, index: int) -> Any: ...
    @overload
    def __getitem__(self, index: slice) -> list[Any]: ...
    def __getitem__(self, index):
        if isinstance(index, slice):
            return self._read(index)
        found = self._read(slice(index, index + 1))
        if not found:
            raise IndexError(index)
        return found[0]

    def _read(self, window: slice) -> list[Any]:
        def build() -> QuerySet:
            return self.feedback.annotate(total=Window(Count("pk"))).values_list("pk", "total")[window]

        if self.shape is None:
            rows = list(build())
        else:  # the window's bounds are written into the SQL, not passed as parameters
            rows = compiled.tuples(("work", self.shape, window.start, window.stop), build, **self.values)
        if rows or not window.start:
            self._count = rows[0][1] if rows else 0
        found = read_items([pk for pk, _ in rows], self.today)
        return [self.render(item) for item in found] if self.render else found


def read_items(chosen: list[int], today: date) -> list[WorkItem]:
    """These feedback, in this order, each with its holder and due date: the ids are chosen first, as
    the facts joined before a sort would be read for every row sorted."""
    place = {pk: number for number, pk in enumerate(chosen)}
    limits = time_limits()
    facts = sorted(with_holding_facts(FeedbackCase.objects.filter(pk__in=chosen)), key=lambda one: place[one.pk])
    # an action taken between the two reads may have closed one: it is no longer anyone's work
    return [_item(one, today, limits) for one in facts if not workflow_for(one.kind).state(one.state).terminal]


def _item(feedback: FeedbackCase, today: date, limits: dict[str, int]) -> WorkItem:
    held = holding(feedback, limits)
    assert held is not None
    return WorkItem(feedback, workflow_for(feedback.kind).state(feedback.state), held, today)


def open_states() -> Q:
    """Feedback whose state is not terminal, from every workflow's declaration."""
    open_ = Q(pk__in=[])
    for workflow in WORKFLOWS.values():
        names = [state.name for state in workflow.states if not state.terminal]
        open_ |= Q(kind=workflow.kind, state__in=names)
    return open_


def queue_states(roles: Iterable[Role]) -> Q:
    """Feedback in a state whose holder may be the queue of one of these roles (exactness comes later)."""
    wanted = set(roles)
    found = Q(pk__in=[])
    for workflow in WORKFLOWS.values():
        names = [
            state.name
            for state in workflow.states
            if state.holder in QUEUE_HOLDERS and (QUEUE_HOLDERS[state.holder] in wanted or QUEUE_HOLDERS[state.holder] is None)
        ]
        found |= Q(kind=workflow.kind, state__in=names)
    return found


def items(feedback: QuerySet[FeedbackCase], today: date) -> list[WorkItem]:
    """Every open feedback among these, each with its holder and due date, overdue first, worked out in Python."""
    limits = time_limits()
    found = [_item(one, today, limits) for one in with_holding_facts(feedback.filter(open_states()))]
    return sorted(found, key=WorkItem.sort_key)


def work_list(feedback: QuerySet[FeedbackCase], held: Q, today: date) -> WorkList:
    """The feedback among these whose holder and due date, worked out in SQL, match `held` (so it is open)."""
    return WorkList(lambda: with_holder_and_due(feedback).filter(held), today)


def held_by(user, today: date, feedback: QuerySet[FeedbackCase] | None = None) -> WorkList:
    """What this person holds themselves."""
    base = FeedbackCase.objects.all() if feedback is None else feedback
    return work_list(base.filter(pk__in=could_hold([user])), Q(held_person=user.pk), today)


def in_queue(roles: Iterable[Role], today: date, feedback: QuerySet[FeedbackCase] | None = None) -> WorkList:
    """What waits in the queues of these roles for anyone holding the role to take or act on."""
    wanted = frozenset(roles)
    base = FeedbackCase.objects.all() if feedback is None else feedback
    return work_list(base.filter(queue_states(wanted)), Q(held_queue__in=[role.value for role in wanted]), today)


def my_work(user, today: date) -> WorkList:
    """A person's list and their roles' queues, overdue first."""
    roles = roles_of(user)

    def build() -> QuerySet[FeedbackCase]:
        in_their_queues = FeedbackCase.objects.filter(queue_states(roles)).order_by().values("pk")
        candidates = FeedbackCase.objects.filter(pk__in=could_hold([user]).union(in_their_queues))
        return with_holder_and_due(candidates).filter(Q(held_person=user.pk) | Q(held_queue__in=[role.value for role in roles]))

    # The same SQL for everyone with these roles, while the periods' days (written into it) are these.
    shape = ("my_work", roles, tuple(sorted(time_limits().items())))
    return WorkList(build, today, shape=shape, values={"user": user.pk})


def could_hold(people: list) -> QuerySet[FeedbackCase]:
    """The ids of open feedback one of these people may hold: as case owner, the case's manager, the
    handling manager or the OAT caseworker who took it, each only in the states whose declared holder
    that is. One query per way of holding, each along its own index, so that the cost follows their
    caseload, not everyone's: an OR of them would read all the open feedback."""
    ways = [
        (_owned_by(people), (Holder.CASE_OWNER,)),
        # the handling manager is the case's manager unless one was named; so is an approver no one recorded
        (Q(case__manager__in=people), (Holder.CASE_MANAGER, Holder.HANDLING_MANAGER, Holder.APPROVER)),
        (Q(handling_manager__in=people), (Holder.HANDLING_MANAGER,)),
        (taken_by(people), (Holder.OAT_CASEWORKER, Holder.OAT_QUEUE)),
    ]
    first, *others = (FeedbackCase.objects.filter(way, held_in(*holders)).order_by().values("pk") for way, holders in ways)
    return first.union(*others)


def _owned_by(people: list) -> Q:
    """Feedback on a case one of these people owns. For a whole team the case owner is looked up for each
    open feedback in the case owner's states: joined instead, PostgreSQL reads every case the team owns,
    most of them long closed, and that grows with every case ever handled."""
    if len(people) == 1:
        return Q(case__case_owner__in=people)
    owner = Case.objects.filter(pk=OuterRef("case_id")).values("case_owner_id")[:1]
    return Q(In(Subquery(owner, output_field=IntegerField()), [person.pk for person in people]))


def taken_by(people) -> Q:
    """Feedback whose referral one of these OAT caseworkers took (any referral: `holding` then asks of the current one)."""
    people = people if isinstance(people, (list, tuple, set, QuerySet)) else [people]
    return Q(pk__in=Referral.objects.filter(oat_caseworker__in=people).values("feedback_case"))


def drafts_of(user) -> QuerySet[Letter]:
    """Letters this person drafted and has not yet sent: theirs to check and send."""
    return (
        Letter.objects.filter(created_by=user, status=Letter.Status.DRAFT)
        .select_related("feedback_case", "template")
        .order_by("created_at", "id")
    )
