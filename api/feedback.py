"""Feedback cases: where one has got to, its audit timeline, and its letters as PDF."""

from __future__ import annotations

from django.http import HttpResponse
from django.utils import timezone
from ninja import Router

from api.auth import caller
from api.schemas import (
    INVALID,
    NOT_FOUND,
    UNAUTHORISED,
    EventOut,
    FeedbackOut,
    Reference,
)
from api.versions import tag
from casework.models import FeedbackCase
from casework.read import access
from casework.read.letter_pdf import pdf_response
from casework.read.presenters import FeedbackPresenter

router = Router(tags=["feedback"])


@router.get("/feedback/{reference}", response={200: FeedbackOut, **UNAUTHORISED, **NOT_FOUND}, operation_id="get_feedback")
def get_feedback(request, reference: Reference, response: HttpResponse):
    """One feedback case: its state, dates, grounds, flags, open tasks and letters. The `ETag` is its
    version, for `If-Match` on an action."""
    feedback = access.feedback_for(caller(request), reference)
    tag(response, feedback)
    return render_feedback(feedback)


@router.get(
    "/feedback/{reference}/events",
    response={200: list[EventOut], **UNAUTHORISED, **NOT_FOUND},
    operation_id="list_feedback_events",
)
def list_events(request, reference: Reference):
    """The audit timeline of a feedback case, oldest first: who did what, and what changed."""
    feedback = access.feedback_for(caller(request), reference)
    return [
        {
            "at": event.at,
            "actor_name": event.actor_name,
            "action": event.action,
            "summary": event.summary,
            "before": event.before,
            "after": event.after,
        }
        for event in feedback.events.order_by("id")
    ]


# Not JSON: declared by hand so that the schema (and schemathesis) expect a PDF.
PDF_RESPONSE = {
    200: {
        "description": "The letter as sent, as an A4 PDF",
        "content": {"application/pdf": {"schema": {"type": "string", "format": "binary"}}},
    }
}


@router.get(
    "/feedback/{reference}/letters/{letter_id}/pdf",
    response={200: None, **UNAUTHORISED, **NOT_FOUND, **INVALID},
    operation_id="get_letter_pdf",
    openapi_extra={"responses": PDF_RESPONSE},
)
def get_letter_pdf(request, reference: Reference, letter_id: int):
    """One letter of a feedback case as a printable A4 PDF (`Content-Disposition: inline`)."""
    return pdf_response(access.letter_for(caller(request), reference, letter_id))


def render_feedback(feedback: FeedbackCase) -> dict:
    return FeedbackPresenter(feedback, timezone.localdate()).as_json()
