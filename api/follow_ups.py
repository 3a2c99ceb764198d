"""Contact after the end of our internal process, logged on the closed feedback without reopening it (para 75)."""

# No `from __future__ import annotations`: ninja reads these views' annotations.

from django.http import HttpResponse
from django.utils import timezone
from ninja import Router, Status

from api.auth import caller
from api.idempotency import run_once
from api.schemas import (
    CSRF_FAILED,
    INVALID,
    NOT_FOUND,
    PRECONDITION_FAILED,
    UNAUTHORISED,
    FollowUpOut,
    NewFollowUpIn,
    Reference,
)
from api.versions import etag, if_match, tag
from casework.read.presenters import follow_up_json
from casework.services.follow_up import log_follow_up

router = Router(tags=["feedback"])


@router.post(
    "/feedback/{reference}/follow-ups",
    response={201: FollowUpOut, **UNAUTHORISED, **CSRF_FAILED, **NOT_FOUND, **PRECONDITION_FAILED, **INVALID},
    operation_id="log_follow_up",
)
def post_follow_up(request, reference: Reference, response: HttpResponse, payload: NewFollowUpIn):
    """Log contact received after our process ended, with what we decided to do about it (para 75). Only on
    feedback whose process has ended (a terminal state), by the case owner's team, their manager or OAT; the
    feedback stays in its state. Refused with 422 citing para 75 otherwise. Send the feedback's `ETag` as
    `If-Match` to have it refused with 412 if anyone has acted since (the version stays as it is), and an
    `Idempotency-Key` so that a retry returns the first response instead of logging it twice."""
    user = caller(request)

    def act(keep):
        def kept(contact):
            keep(follow_up_json(contact), {"ETag": etag(contact.feedback_case.version)})

        contact = log_follow_up(
            user,
            reference,
            payload.received_date,
            payload.channel,
            payload.summary,
            payload.response,
            timezone.localdate(),
            version=if_match(request),
            within=kept if keep else None,
        )
        tag(response, contact.feedback_case)
        return follow_up_json(contact)

    return Status(201, run_once(request, user, response, FollowUpOut, act, status=201))
