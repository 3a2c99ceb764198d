"""OAT's queue: referrals waiting to be taken, the reviews you hold, and requests for advice (paras 27, 47)."""

from __future__ import annotations

from django.http import Http404
from django.utils import timezone
from ninja import Router, Schema

from api.auth import caller
from api.feedback import summarise_feedback
from api.schemas import NOT_FOUND, UNAUTHORISED, FeedbackSummary
from casework.models.staff import roles_of
from casework.services.queues import days_waiting, oat_queue
from policy.facts import Role

router = Router(tags=["queues"])


class ReferralOut(FeedbackSummary):
    referred_on: str | None
    days_waiting: int | None
    reasonable_adjustments: str
    oat_advice_question: str


class OatQueueOut(Schema):
    waiting: list[ReferralOut]
    yours: list[ReferralOut]
    advice: list[ReferralOut]


@router.get("/oat/referrals", response={200: OatQueueOut, **UNAUTHORISED, **NOT_FOUND}, operation_id="get_oat_queue")
def get_oat_queue(request):
    """For OAT only (404 for anyone else): referrals longest-waiting first, with reasonable adjustments."""
    user = caller(request)
    if Role.OAT not in roles_of(user):
        raise Http404
    queue, today = oat_queue(user), timezone.localdate()

    def row(feedback) -> dict:
        return {
            **summarise_feedback(feedback),
            "referred_on": feedback.referred_on.isoformat() if feedback.referred_on else None,
            "days_waiting": days_waiting(feedback.referred_on, today),
            "reasonable_adjustments": feedback.reasonable_adjustments,
            "oat_advice_question": feedback.oat_advice_question,
        }

    return {
        "waiting": [row(f) for f in queue.waiting],
        "yours": [row(f) for f in queue.yours],
        "advice": [row(f) for f in queue.advice],
    }
