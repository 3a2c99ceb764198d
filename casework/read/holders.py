"""Who holds a piece of feedback now, and when it falls due, worked out from its state's declaration.

A holder is a person (the case owner, their manager, the handling manager, the OAT caseworker who
took it) or a queue (a role: OAT before anyone takes the referral, the Legal Team, the approver the
Delegation Scheme names, shared services, the Joint Working Team). A due date is the date recorded
under the period's name (the grounds deadline), or the period's days, which an administrator sets
as a TimeLimit row of the same code, counted from the day the feedback entered its state.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from django.db.models import OuterRef, Prefetch, QuerySet, Subquery
from django.utils import timezone

from casework.models import Approval, Event, FeedbackCase, Referral, TimeLimit
from casework.read.reference_cache import kept
from policy.facts import Role
from policy.workflows import State
from policy.workflows.holding import Due, Holder, Party
from policy.workflows.registry import workflow_for


@dataclass(frozen=True)
class Holding:
    """The open feedback's holder: a person, or else the queue of a role, and when it is due."""

    holder: Holder
    person: object | None  # a user
    queue: Role | None
    waiting_for: Party | None
    period: Due
    due: date | None  # None only while a recorded date has not been set


def holding(feedback: FeedbackCase, limits: dict[str, int] | None = None) -> Holding | None:
    """Who holds this feedback and when it falls due; None once its state is terminal.
    `limits`: the TimeLimit days by code, read once when many are worked out together."""
    state = workflow_for(feedback.kind).state(feedback.state)
    if state.terminal:
        return None
    assert state.holder is not None and state.due is not None  # every open state declares both (tested)
    person, queue = _holder(feedback, state.holder)
    return Holding(state.holder, person, queue, state.waiting_for, state.due, due_date(feedback, state, limits))


def with_holding_facts(feedback: QuerySet[FeedbackCase]) -> QuerySet[FeedbackCase]:
    """The feedback with what `holding` reads joined or annotated, so a list of any length costs the same queries."""
    moved = Event.objects.filter(feedback_case=OuterRef("pk"), after__has_key="state").order_by("-id").values("at")[:1]
    pending = Approval.objects.filter(feedback_case=OuterRef("pk"), decided_at__isnull=True).values("approver_role")[:1]
    referrals = Prefetch("referrals", queryset=Referral.objects.select_related("oat_caseworker"))
    return (
        feedback.select_related("case", "case__team", "case__case_owner", "case__manager", "handling_manager")
        .prefetch_related(referrals)
        .annotate(state_entered_at=Subquery(moved), pending_approver_role=Subquery(pending))
    )


def time_limits() -> dict[str, int]:
    return dict(_time_limits())


@kept
def _time_limits() -> tuple[tuple[str, int], ...]:
    return tuple(TimeLimit.objects.values_list("code", "days"))


def _holder(feedback: FeedbackCase, holder: Holder) -> tuple[object | None, Role | None]:
    case = feedback.case
    match holder:
        case Holder.CASE_OWNER:
            return case.case_owner, None
        case Holder.CASE_MANAGER:
            return case.manager, None
        case Holder.HANDLING_MANAGER:
            return feedback.handling_manager or case.manager, None
        case Holder.OAT_CASEWORKER | Holder.OAT_QUEUE:
            taken_by = _taken_by(feedback)
            return (taken_by, None) if taken_by else (None, Role.OAT)
        case Holder.LEGAL:
            return None, Role.LEGAL
        case Holder.APPROVER:
            return None, _approver_role(feedback)
        case Holder.SHARED_SERVICES:
            return None, Role.SHARED_SERVICES
        case Holder.JOINT_WORKING:
            return None, Role.JOINT_WORKING


def _taken_by(feedback: FeedbackCase):
    """The OAT caseworker who took the current (latest) referral, if anyone has."""
    referrals = list(feedback.referrals.all())  # prefetched when many are worked out together
    return max(referrals, key=lambda referral: referral.pk).oat_caseworker if referrals else None


def _approver_role(feedback: FeedbackCase) -> Role | None:
    """The role the pending proposal waits for: the Delegation Scheme's, recorded when it was proposed (para 72)."""
    if hasattr(feedback, "pending_approver_role"):
        role = feedback.pending_approver_role
        return Role(role) if role else None
    role = feedback.approvals.filter(decided_at__isnull=True).values_list("approver_role", flat=True).first()
    return Role(role) if role else None


def due_date(feedback: FeedbackCase, state: State, limits: dict[str, int] | None = None) -> date | None:
    period = state.due
    assert period is not None
    if period.recorded:
        return getattr(feedback, period.code)
    return entered_on(feedback) + timedelta(days=period_days(period, limits))


def period_days(period: Due, limits: dict[str, int] | None = None) -> int:
    """The period's length as an administrator has set it, or its declared length while no row exists."""
    days = (time_limits() if limits is None else limits).get(period.code)
    if days is None:
        assert period.days is not None, f"{period.code} is a recorded date, not a period"
        return period.days
    return days


def entered_on(feedback: FeedbackCase) -> date:
    """The day the feedback entered its current state: the last audited change of state."""
    if hasattr(feedback, "state_entered_at"):
        moved = feedback.state_entered_at
        return timezone.localtime(moved).date() if moved else feedback.received_date
    moved = feedback.events.filter(after__has_key="state").order_by("-id").values_list("at", flat=True).first()
    return timezone.localtime(moved).date() if moved else feedback.received_date
