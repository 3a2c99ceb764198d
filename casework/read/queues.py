"""Work queues for the teams that serve everyone: OAT's referrals and advice requests (para 47),
the Legal Team's requests (paras 68, 70) and proposals awaiting approval (paras 69, 72, 73)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from django.db.models import BooleanField, OuterRef, QuerySet, Subquery, Value
from django.db.models.functions import Coalesce
from django.utils import timezone

from casework.models import Approval, DelegationRule, FeedbackCase, Referral, Task
from casework.models.staff import roles_of
from casework.read import compiled
from casework.read.access import narrowed_to_visible
from casework.read.reference_cache import kept
from casework.read.rows import Rows
from policy.after_review import DEFAULT_DELEGATION
from policy.facts import FeedbackKind, Role
from policy.workflows.holding import Holder
from policy.workflows.registry import workflow_for


@dataclass(frozen=True)
class OatQueue:
    """Each list is lazy and ordered, for a page of it to be read: feedback, each with its `referred_on`."""

    waiting: Rows  # referred, not yet taken by an OAT caseworker
    yours: Rows  # taken by this OAT caseworker and not yet closed
    advice: Rows  # case owners waiting for OAT's advice (paras 27, 29)


DECISIONS = workflow_for(FeedbackKind.DECISION_COMPLAINT)
# Where OAT hold a referral, untaken (para 47) or taken by one of them; the declaration says which states.
WAITING_FOR_OAT = DECISIONS.states_held_by(Holder.OAT_QUEUE)
WITH_OAT = DECISIONS.states_held_by(Holder.OAT_CASEWORKER, Holder.OAT_QUEUE)


def oat_queue(user) -> OatQueue:
    """Referrals oldest first, so the longest wait is seen first; requests for advice oldest first."""
    if Role.OAT not in roles_of(user):
        return OatQueue(Rows.none(), Rows.none(), Rows.none())
    asked = FeedbackCase.objects.filter(
        kind=FeedbackKind.DECISION_COMPLAINT, state__in=DECISIONS.open_states, oat_advice_decision=""
    ).exclude(oat_advice_question="")
    # Ordered by an expression, not the column: PostgreSQL then finds the few open requests by their
    # index and sorts them, rather than walking every piece of feedback by date for the open ones.
    advice = narrowed_to_visible(user, asked, "pk").order_by(Coalesce("received_date", "received_date"), "id")
    return OatQueue(
        waiting=Rows(
            narrowed_to_visible(user, _current_referrals(WAITING_FOR_OAT).filter(oat_caseworker=None)), _referred, _with_feedback
        ),
        yours=Rows(
            narrowed_to_visible(user, _current_referrals(WITH_OAT).filter(oat_caseworker=user)), _referred, _with_feedback
        ),
        advice=Rows(advice.only("pk"), _asking, _read_feedback),
    )


def _current_referrals(states) -> QuerySet[Referral]:
    """The latest referral of each decision complaint in these states, oldest first. The feedback, its
    case and decision are read for the page only, after the sort.

    Whether a referral is the latest and its complaint in these states are asked of each referral as it
    is read (subqueries, not joins): joined, PostgreSQL misjudges how many of the untaken referrals are
    still waiting (nearly all) and sorts every one of them for the page; asked of each, it reads the
    untaken oldest first along their index (`referral_untaken_idx`) and stops at the page, or at the
    count's bound."""
    latest = Referral.objects.filter(feedback_case=OuterRef("feedback_case")).order_by("-id").values("pk")[:1]
    held = FeedbackCase.objects.filter(
        pk=OuterRef("feedback_case"), kind=FeedbackKind.DECISION_COMPLAINT, state__in=states
    ).order_by()
    return (
        Referral.objects.filter(pk=Subquery(latest))
        .filter(Subquery(held.annotate(held=Value(True)).values("held")[:1], output_field=BooleanField()))
        .order_by("referred_on", "id")
    )


def _feedback_shown(pks) -> dict[int, FeedbackCase]:
    """The feedback a page of a queue shows, with its case and decision: one query by key for the page,
    after the sort (where reading them with the rows, or one query for each, would cost more)."""
    pks = sorted(pks)
    # compiled once a process for each length of page: its many columns take Django long to compile
    found = compiled.rows(
        ("feedback shown", len(pks)),
        lambda: FeedbackCase.objects.select_related("case", "decision").filter(pk__in=pks),
        **{f"pk{number}": pk for number, pk in enumerate(pks)},
    )
    return {feedback.pk: feedback for feedback in found}


def _with_feedback(referrals: list[Referral]) -> list[Referral]:
    read = _feedback_shown({referral.feedback_case_id for referral in referrals})
    for referral in referrals:
        referral.feedback_case = read[referral.feedback_case_id]
    return referrals


def _read_feedback(rows: list[FeedbackCase]) -> list[FeedbackCase]:
    read = _feedback_shown(row.pk for row in rows)
    return [read[row.pk] for row in rows]


def _referred(referral: Referral) -> FeedbackCase:
    feedback = referral.feedback_case
    feedback.referred_on = referral.referred_on
    return feedback


def _asking(feedback: FeedbackCase) -> FeedbackCase:
    feedback.referred_on = None  # advice is asked before any referral (paras 27, 29)
    return feedback


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


def legal_requests(user, today: date) -> Rows:
    """The Legal Team's open requests (LegalRequest), oldest first; nothing for anyone outside the Legal Team."""
    if Role.LEGAL not in roles_of(user):
        return Rows.none()
    tasks = (
        narrowed_to_visible(user, Task.objects.filter(status=Task.Status.OPEN, assigned_role=Role.LEGAL))
        .select_related("feedback_case__case")
        .order_by("created_at", "id")
    )
    return Rows(
        tasks, lambda task: LegalRequest(task, LEGAL_ASKS.get(task.code, task.subject), days_since(task.created_at, today))
    )


@dataclass(frozen=True)
class ApprovalRequest:
    """A proposal waiting for its approver under the Delegation Scheme, and how long it has waited."""

    approval: Approval
    days_waiting: int

    @property
    def feedback(self) -> FeedbackCase:
        return self.approval.feedback_case


def approves_something(user) -> bool:
    """Whether a role this person holds approves something: one the Delegation Scheme names (its
    defaults where an administrator named none, paras 69, 73), or one a proposal still waits for."""
    roles = roles_of(user)
    if not roles:
        return False
    if roles & _named_approver_roles():
        return True
    waiting = Approval.objects.filter(decided_at__isnull=True, approver_role__in=sorted(role.value for role in roles))
    # asked on every page: its SQL compiled once a process for each set of roles
    return bool(compiled.tuples(("approval waits", roles), lambda: waiting.order_by().values_list("pk")[:1]))


@kept
def _named_approver_roles() -> frozenset[Role]:
    named = {subject.value: role.value for subject, role in DEFAULT_DELEGATION.items()}
    named.update(DelegationRule.objects.values_list("subject", "role"))
    known = {role.value for role in Role}
    return frozenset(Role(name) for name in named.values() if name in known)


def pending_approvals(user, today: date) -> Rows:
    """Proposals (ApprovalRequest) waiting for a role this person holds, oldest first (para 72)."""
    roles = [role.value for role in roles_of(user)]
    approvals = (
        narrowed_to_visible(user, Approval.objects.filter(decided_at__isnull=True, approver_role__in=roles))
        .select_related("feedback_case__case", "proposed_by")
        .order_by("proposed_at", "id")
    )
    return Rows(approvals, lambda approval: ApprovalRequest(approval, days_since(approval.proposed_at, today)))
