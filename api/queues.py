"""Queues: OAT's referrals and advice requests (paras 27, 47), the Legal Team's requests (paras 68, 70),
and proposals waiting for approval under the Delegation Scheme (paras 69, 72, 73)."""

# No `from __future__ import annotations`: ninja reads these views' annotations, some through a decorator.

from datetime import date, datetime

from django.http import Http404
from django.utils import timezone
from ninja import Query, Router, Schema
from ninja.pagination import paginate

from api.auth import caller
from api.paging import MAX_LIMIT, Pages, counted
from api.schemas import INVALID, NOT_FOUND, UNAUTHORISED, FeedbackSummary
from casework.models.staff import roles_of
from casework.people import name_of
from casework.read.presenters import feedback_summary
from casework.read.queues import approves_something, days_waiting, legal_requests, oat_queue, pending_approvals
from policy.facts import Role

router = Router(tags=["queues"])


class ReferralOut(FeedbackSummary):
    referred_on: str | None
    days_waiting: int | None
    reasonable_adjustments: str
    oat_advice_question: str


class OatQueueOut(Schema):
    waiting: list[ReferralOut]
    waiting_count: int
    waiting_count_is_lower_bound: bool
    yours: list[ReferralOut]
    yours_count: int
    yours_count_is_lower_bound: bool
    advice: list[ReferralOut]
    advice_count: int
    advice_count_is_lower_bound: bool


@router.get("/oat/referrals", response={200: OatQueueOut, **UNAUTHORISED, **NOT_FOUND, **INVALID}, operation_id="get_oat_queue")
def get_oat_queue(request, page: Query[Pages.Input]):
    """For OAT only (404 for anyone else): referrals longest-waiting first, with reasonable adjustments.
    Each of the three lists is paged by the same `limit` and `offset`; `*_count` is each list's total, counted
    up to 1,000 or the end of the page asked for, with `*_count_is_lower_bound` true when there are more."""
    user = caller(request)
    if Role.OAT not in roles_of(user):
        raise Http404
    queue, today = oat_queue(user), timezone.localdate()
    window = slice(page.offset, page.offset + page.limit)

    def row(feedback) -> dict:
        return {
            **feedback_summary(feedback),
            "referred_on": feedback.referred_on.isoformat() if feedback.referred_on else None,
            "days_waiting": days_waiting(feedback.referred_on, today),
            "reasonable_adjustments": feedback.reasonable_adjustments,
            "oat_advice_question": feedback.oat_advice_question,
        }

    lists = {"waiting": queue.waiting, "yours": queue.yours, "advice": queue.advice}
    body: dict = {}
    for name, rows in lists.items():
        body[f"{name}_count"], body[f"{name}_count_is_lower_bound"] = counted(rows, page.offset, page.limit)
        body[name] = [row(feedback) for feedback in rows[window]]  # after the count: it read the page's ids
    return body


class LegalRequestOut(Schema):
    task_id: int
    code: str
    asked: str
    subject: str
    details: str
    feedback_reference: str
    case_reference: str
    created_at: datetime
    days_open: int
    due_date: date | None


@router.get(
    "/legal/requests",
    response={200: list[LegalRequestOut], **UNAUTHORISED, **NOT_FOUND, **INVALID},
    operation_id="list_legal_requests",
)
@paginate(Pages, max_limit=MAX_LIMIT)
def list_legal_requests(request):
    """For the Legal Team only (404 for anyone else): their open requests, oldest first. `legal_advice` asks
    for advice before a review while Judicial Review is in prospect (para 70); `quash_legal` for a view on a
    proposal to quash the report (para 68), with its `details`."""
    user = caller(request)
    if Role.LEGAL not in roles_of(user):
        raise Http404
    return legal_requests(user, timezone.localdate()).shown_as(
        lambda item: {
            "task_id": item.task.pk,
            "code": item.task.code,
            "asked": item.asked,
            "subject": item.task.subject,
            "details": item.task.body,
            "feedback_reference": item.feedback.reference,
            "case_reference": item.feedback.case.reference,
            "created_at": item.task.created_at,
            "days_open": item.days_open,
            "due_date": item.task.due_date,
        },
    )


class PendingApprovalOut(Schema):
    id: int
    subject: str
    subject_label: str
    summary: str
    approver_role: str
    proposed_by: str
    proposed_at: datetime
    days_waiting: int
    feedback_reference: str
    case_reference: str


@router.get(
    "/approvals", response={200: list[PendingApprovalOut], **UNAUTHORISED, **NOT_FOUND, **INVALID}, operation_id="list_approvals"
)
@paginate(Pages, max_limit=MAX_LIMIT)
def list_approvals(request):
    """For the people the Delegation Scheme names (the Ombudsman or a Deputy by default; 404 for anyone else):
    proposals waiting for a role they hold, longest wait first (paras 69, 72, 73). The decision itself is an
    action on the feedback."""
    user = caller(request)
    if not approves_something(user):
        raise Http404
    return pending_approvals(user, timezone.localdate()).shown_as(
        lambda item: {
            "id": item.approval.pk,
            "subject": item.approval.subject,
            "subject_label": item.approval.get_subject_display(),
            "summary": item.approval.summary,
            "approver_role": item.approval.approver_role,
            "proposed_by": name_of(item.approval.proposed_by),
            "proposed_at": item.approval.proposed_at,
            "days_waiting": item.days_waiting,
            "feedback_reference": item.feedback.reference,
            "case_reference": item.feedback.case.reference,
        },
    )
