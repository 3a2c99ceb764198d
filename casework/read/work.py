"""My work, derived: every open piece of feedback is on exactly one list, its holder's.

The holder is what the state's declaration names (casework.read.holders): a person's list, or a
role's queue while no one person holds it. Nothing here reads tasks, so an item is listed whether
or not a task was ever opened for it. The queries are the same few however many items there are.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta

from django.db.models import Q, QuerySet

from casework.models import FeedbackCase, Letter, Referral
from casework.models.staff import roles_of
from casework.read.holders import Holding, holding, time_limits, with_holding_facts
from policy.facts import Role
from policy.workflows import State
from policy.workflows.holding import Holder
from policy.workflows.registry import WORKFLOWS, workflow_for

# The holders that are a role's queue, and the role whose queue it is; None: the Delegation Scheme says.
QUEUE_HOLDERS: dict[Holder, Role | None] = {
    Holder.OAT_QUEUE: Role.OAT,
    Holder.OAT_CASEWORKER: Role.OAT,  # a queue item until an OAT caseworker takes it
    Holder.LEGAL: Role.LEGAL,
    Holder.APPROVER: None,
    Holder.SHARED_SERVICES: Role.SHARED_SERVICES,
    Holder.JOINT_WORKING: Role.JOINT_WORKING,
}


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
    """The open feedback among these, each with its holder and due date, overdue first."""
    limits = time_limits()
    found = []
    for one in with_holding_facts(feedback.filter(open_states())):
        held = holding(one, limits)
        assert held is not None
        found.append(WorkItem(one, workflow_for(one.kind).state(one.state), held, today))
    return sorted(found, key=WorkItem.sort_key)


def held_by(user, today: date, feedback: QuerySet[FeedbackCase] | None = None) -> list[WorkItem]:
    """What this person holds themselves."""
    base = FeedbackCase.objects.all() if feedback is None else feedback
    return [item for item in items(base.filter(pk__in=could_hold([user])), today) if item.person == user]


def in_queue(roles: Iterable[Role], today: date, feedback: QuerySet[FeedbackCase] | None = None) -> list[WorkItem]:
    """What waits in the queues of these roles for anyone holding the role to take or act on."""
    wanted = frozenset(roles)
    base = FeedbackCase.objects.all() if feedback is None else feedback
    return [item for item in items(base.filter(queue_states(wanted)), today) if item.queue in wanted]


def my_work(user, today: date) -> list[WorkItem]:
    """A person's list and their roles' queues, overdue first."""
    roles = roles_of(user)
    in_their_queues = FeedbackCase.objects.filter(queue_states(roles)).order_by().values("pk")
    candidates = FeedbackCase.objects.filter(pk__in=could_hold([user]).union(in_their_queues))
    return [item for item in items(candidates, today) if item.person == user or item.queue in roles]


def could_hold(people: list) -> QuerySet[FeedbackCase]:
    """The ids of open feedback one of these people may hold: as case owner, the case's manager, the
    handling manager or the OAT caseworker who took it, each only in the states whose declared holder
    that is. One query per way of holding, each along its own index, so that the cost follows their
    caseload, not everyone's: an OR of them would read all the open feedback."""
    ways = [
        (Q(case__case_owner__in=people), (Holder.CASE_OWNER,)),
        # the handling manager is the case's manager unless one was named; so is an approver no one recorded
        (Q(case__manager__in=people), (Holder.CASE_MANAGER, Holder.HANDLING_MANAGER, Holder.APPROVER)),
        (Q(handling_manager__in=people), (Holder.HANDLING_MANAGER,)),
        (taken_by(people), (Holder.OAT_CASEWORKER, Holder.OAT_QUEUE)),
    ]
    first, *others = (FeedbackCase.objects.filter(way, held_in(*holders)).order_by().values("pk") for way, holders in ways)
    return first.union(*others)


def held_in(*holders: Holder) -> Q:
    """Feedback in a state whose declared holder is one of these."""
    found = Q(pk__in=[])
    for workflow in WORKFLOWS.values():
        found |= Q(kind=workflow.kind, state__in=workflow.states_held_by(*holders))
    return found


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
