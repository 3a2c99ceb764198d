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
    version, for `If-Match` on an action. Shared services get the facts: what was said, the grounds,
    advice, findings, letters, remedies and learning are empty for them."""
    user = caller(request)
    feedback = access.feedback_for(user, reference)
    tag(response, feedback)
    shown = render_feedback(feedback)
    return shown if access.reads_contents(user) else facts_of(shown)


@router.get(
    "/feedback/{reference}/events",
    response={200: list[EventOut], **UNAUTHORISED, **NOT_FOUND},
    operation_id="list_feedback_events",
)
def list_events(request, reference: Reference):
    """The audit timeline of a feedback case, oldest first: who did what, and what changed. Not for shared services."""
    feedback = access.contents_for(caller(request), reference)
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


# What the service user and the people working on it said, as opposed to the facts of where it has got to.
CONTENTS_TEXT = ("summary", "reasonable_adjustments", "exceptional_reason", "legal_advice", "outcome_note", "raised_late")
CONTENTS_LISTS = ("letters", "remedies", "learning_points", "follow_ups")
REVIEW_TEXT = ("oat_advice_question", "oat_advice", "oat_directions")
REVIEW_RECORDS = ("challenge_answers", "challenge_analysis", "risk_assessment", "finding")


def facts_of(shown: dict) -> dict:
    """The feedback without its contents, for someone who may see only the facts (shared services)."""
    facts = {**shown, "grounds": None, "new_investigation": None, "quash_proposal": None}
    facts.update({key: "" for key in CONTENTS_TEXT if facts[key] is not None})
    facts.update({key: [] for key in CONTENTS_LISTS})
    review = {**shown["review"], "referrals": []}
    review.update({key: "" for key in REVIEW_TEXT})
    review.update({key: None for key in REVIEW_RECORDS})
    facts["review"] = review
    return facts
