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

from django.utils import timezone

from casework.models import FeedbackCase, TimeLimit
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


def holding(feedback: FeedbackCase) -> Holding | None:
    """Who holds this feedback and when it falls due; None once its state is terminal."""
    state = workflow_for(feedback.kind).state(feedback.state)
    if state.terminal:
        return None
    assert state.holder is not None and state.due is not None  # every open state declares both (tested)
    person, queue = _holder(feedback, state.holder)
    return Holding(state.holder, person, queue, state.waiting_for, state.due, due_date(feedback, state))


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
            return (feedback.oat_caseworker, None) if feedback.oat_caseworker_id else (None, Role.OAT)
        case Holder.LEGAL:
            return None, Role.LEGAL
        case Holder.APPROVER:
            return None, _approver_role(feedback)
        case Holder.SHARED_SERVICES:
            return None, Role.SHARED_SERVICES
        case Holder.JOINT_WORKING:
            return None, Role.JOINT_WORKING


def _approver_role(feedback: FeedbackCase) -> Role | None:
    """The role the pending proposal waits for: the Delegation Scheme's, recorded when it was proposed (para 72)."""
    role = feedback.approvals.filter(decided_at__isnull=True).values_list("approver_role", flat=True).first()
    return Role(role) if role else None


def due_date(feedback: FeedbackCase, state: State) -> date | None:
    period = state.due
    assert period is not None
    if period.recorded:
        return getattr(feedback, period.code)
    return entered_on(feedback) + timedelta(days=period_days(period))


def period_days(period: Due) -> int:
    """The period's length as an administrator has set it, or its declared length while no row exists."""
    days = TimeLimit.objects.filter(code=period.code).values_list("days", flat=True).first()
    if days is None:
        assert period.days is not None, f"{period.code} is a recorded date, not a period"
        return period.days
    return days


def entered_on(feedback: FeedbackCase) -> date:
    """The day the feedback entered its current state: the last audited change of state."""
    moved = feedback.events.filter(after__has_key="state").order_by("-id").values_list("at", flat=True).first()
    return timezone.localtime(moved).date() if moved else feedback.received_date
