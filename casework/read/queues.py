"""Work queues for the teams that serve everyone: OAT's referrals and advice requests (para 47),
the Legal Team's requests (paras 68, 70) and proposals awaiting approval (paras 69, 72, 73)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from django.db.models import OuterRef, Subquery
from django.utils import timezone

from casework.models import Approval, DelegationRule, FeedbackCase, Referral, Task
from casework.models.staff import roles_of
from casework.read.access import visible_feedback
from policy.after_review import DEFAULT_DELEGATION
from policy.facts import FeedbackKind, Role
from policy.workflows.holding import Holder
from policy.workflows.registry import workflow_for


@dataclass(frozen=True)
class OatQueue:
    waiting: list[FeedbackCase]  # referred, not yet taken by an OAT caseworker; each has its current `referred_on`
    yours: list[FeedbackCase]  # taken by this OAT caseworker and not yet closed
    advice: list[FeedbackCase]  # case owners waiting for OAT's advice (paras 27, 29)


DECISIONS = workflow_for(FeedbackKind.DECISION_COMPLAINT)
# Where OAT hold a referral, untaken (para 47) or taken by one of them; the declaration says which states.
WAITING_FOR_OAT = DECISIONS.states_held_by(Holder.OAT_QUEUE)
WITH_OAT = DECISIONS.states_held_by(Holder.OAT_QUEUE, Holder.OAT_CASEWORKER)


def oat_queue(user) -> OatQueue:
    """Referrals oldest first, so the longest wait is seen first."""
    if Role.OAT not in roles_of(user):
        return OatQueue([], [], [])
    current = Referral.objects.filter(feedback_case=OuterRef("pk")).order_by("-id")
    decisions = (
        visible_feedback(user)
        .filter(kind=FeedbackKind.DECISION_COMPLAINT)
        .annotate(
            referred_on=Subquery(current.values("referred_on")[:1]), taken_by=Subquery(current.values("oat_caseworker")[:1])
        )
    )
    oldest_first = ("referred_on", "id")
    return OatQueue(
        waiting=list(decisions.filter(state__in=WAITING_FOR_OAT, taken_by__isnull=True).order_by(*oldest_first)),
        yours=list(decisions.filter(state__in=WITH_OAT, taken_by=user.pk).order_by(*oldest_first)),
        advice=list(decisions.exclude(oat_advice_question="").filter(oat_advice_decision="", state__in=DECISIONS.open_states)),
    )


def days_waiting(since: date | None, today: date) -> int | None:
    return (today - since).days if since else None


def days_since(moment: datetime, today: date) -> int:
    """Whole days from a moment (in local time) to today."""
    return (today - timezone.localtime(moment).date()).days


# What each kind of task asks of the Legal Team; any other task shows its subject.
LEGAL_ASKS = {
    "legal_advice": "Advice before the review goes on: Judicial Review is in prospect (para 70)",
    "quash_legal": "Your view on a proposal to quash the report (para 68)",
}


@dataclass(frozen=True)
class LegalRequest:
    """An open task for the Legal Team: what is asked, and how long it has been open."""

    task: Task
    asked: str
    days_open: int

    @property
    def feedback(self) -> FeedbackCase:
        return self.task.feedback_case


def legal_requests(user, today: date) -> list[LegalRequest]:
    """The Legal Team's open requests, oldest first; nothing for anyone outside the Legal Team."""
    if Role.LEGAL not in roles_of(user):
        return []
    tasks = (
        Task.objects.filter(status=Task.Status.OPEN, assigned_role=Role.LEGAL, feedback_case__in=visible_feedback(user))
        .select_related("feedback_case__case")
        .order_by("created_at", "id")
    )
    return [LegalRequest(task, LEGAL_ASKS.get(task.code, task.subject), days_since(task.created_at, today)) for task in tasks]


@dataclass(frozen=True)
class ApprovalRequest:
    """A proposal waiting for its approver under the Delegation Scheme, and how long it has waited."""

    approval: Approval
    days_waiting: int

    @property
    def feedback(self) -> FeedbackCase:
        return self.approval.feedback_case


def approver_roles() -> frozenset[Role]:
    """The roles that approve something: those the Delegation Scheme names (its defaults where an
    administrator named none, paras 69, 73), and any a proposal is still waiting for."""
    named = {subject.value: role.value for subject, role in DEFAULT_DELEGATION.items()}
    named.update(DelegationRule.objects.values_list("subject", "role"))
    waited_for = Approval.objects.filter(decided_at__isnull=True).values_list("approver_role", flat=True).distinct()
    known = {role.value for role in Role}
    return frozenset(Role(name) for name in {*named.values(), *waited_for} if name in known)


def approves_something(user) -> bool:
    return bool(roles_of(user) & approver_roles())


def pending_approvals(user, today: date) -> list[ApprovalRequest]:
    """Proposals waiting for a role this person holds, oldest first (para 72)."""
    approvals = (
        Approval.objects.filter(
            decided_at__isnull=True,
            approver_role__in=[role.value for role in roles_of(user)],
            feedback_case__in=visible_feedback(user),
        )
        .select_related("feedback_case__case", "proposed_by")
        .order_by("proposed_at", "id")
    )
    return [ApprovalRequest(approval, days_since(approval.proposed_at, today)) for approval in approvals]
