"""Contact after the end of our internal process, logged on the closed feedback without reopening it (para 75)."""

# No `from __future__ import annotations`: ninja reads these views' annotations.

from django.utils import timezone
from ninja import Router, Status

from api.auth import caller
from api.schemas import CSRF_FAILED, INVALID, NOT_FOUND, UNAUTHORISED, FollowUpOut, NewFollowUpIn, Reference
from casework.read.presenters import follow_up_json
from casework.services.follow_up import log_follow_up

router = Router(tags=["feedback"])


@router.post(
    "/feedback/{reference}/follow-ups",
    response={201: FollowUpOut, **UNAUTHORISED, **CSRF_FAILED, **NOT_FOUND, **INVALID},
    operation_id="log_follow_up",
)
def post_follow_up(request, reference: Reference, payload: NewFollowUpIn):
    """Log contact received after our process ended, with what we decided to do about it (para 75). Only on
    feedback whose process has ended (a terminal state), by the case owner's team, their manager or OAT; the
    feedback stays in its state. Refused with 422 citing para 75 otherwise."""
    contact = log_follow_up(
        caller(request),
        reference,
        payload.received_date,
        payload.channel,
        payload.summary,
        payload.response,
        timezone.localdate(),
    )
    return Status(201, follow_up_json(contact))
