"""Feedback cases: where one has got to, its audit timeline, and its letters as PDF."""

from __future__ import annotations

from django.utils import timezone
from ninja import Router

from api.auth import caller
from api.schemas import INVALID, NOT_FOUND, UNAUTHORISED, EventOut, FeedbackOut, Reference
from casework.models import FeedbackCase, Task
from casework.services import access
from casework.services.letter_pdf import pdf_response
from policy import time_limits
from policy.workflows.registry import workflow_for

router = Router(tags=["feedback"])


@router.get("/feedback/{reference}", response={200: FeedbackOut, **UNAUTHORISED, **NOT_FOUND}, operation_id="get_feedback")
def get_feedback(request, reference: Reference):
    """One feedback case: its state, dates, grounds, flags, open tasks and letters."""
    return render_feedback(access.feedback_for(caller(request), reference))


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


def summarise_feedback(feedback: FeedbackCase) -> dict:
    workflow = workflow_for(feedback.kind)
    return {
        "reference": feedback.reference,
        "case_reference": feedback.case.reference,
        "kind": feedback.kind,
        "state": feedback.state,
        "state_label": workflow.state(feedback.state).label,
        "received_date": feedback.received_date,
    }


def render_feedback(feedback: FeedbackCase) -> dict:
    workflow = workflow_for(feedback.kind)
    state = workflow.state(feedback.state)
    case = feedback.case
    late = time_limits.raised_late(case.decision_date, feedback.received_date)
    clock = time_limits.judicial_review_clock(case.decision_date, feedback.received_date, None, timezone.localdate())
    tasks = feedback.tasks.filter(status=Task.Status.OPEN).select_related("assigned_to")
    return {
        **summarise_feedback(feedback),
        "kind_label": workflow.title,
        "state_label": state.label,
        "terminal": state.terminal,
        "channel": feedback.channel,
        "summary": feedback.summary,
        "reasonable_adjustments": feedback.reasonable_adjustments,
        "jr_in_prospect": feedback.jr_in_prospect,
        "raised_late": late.text if late else None,
        "grounds_deadline": feedback.grounds_deadline,
        "grounds_received_date": feedback.grounds_received_date,
        "grounds": feedback.grounds or {},
        "exceptional_reason": feedback.exceptional_reason,
        "exceptional_review_agreed": feedback.exceptional_review_agreed,
        "legal_advice": feedback.legal_advice,
        "outcome_note": feedback.outcome_note,
        "jr_date": clock.jr_date,
        "open_tasks": [
            {
                "id": task.id,
                "code": task.code,
                "subject": task.subject,
                "assigned_role": task.assigned_role,
                "assigned_to": name_of(task.assigned_to),
                "due_date": task.due_date,
            }
            for task in tasks
        ],
        "letters": [
            {"id": letter.id, "subject": letter.subject, "addressee": letter.addressee, "created_at": letter.created_at}
            for letter in feedback.letters.all()
        ],
        "review": {
            "challenge_answers": feedback.challenge_answers,
            "oat_advice_question": feedback.oat_advice_question,
            "oat_advice_decision": feedback.oat_advice_decision,
            "oat_advice": feedback.oat_advice,
            "challenge_analysis": feedback.challenge_analysis,
            "risk_assessment": feedback.risk_assessment,
            "referred_on": feedback.referred_on,
            "oat_caseworker": name_of(feedback.oat_caseworker),
            "oat_outcome": feedback.oat_outcome,
            "oat_directions": feedback.oat_directions,
            "decided_on": feedback.decided_on,
            "finding": feedback.finding or {},
        },
        "remedies": list(feedback.remedies.values("remedy_type", "details", "severity_level", "amount", "out_of_range_reason")),
        "learning_points": [
            {
                "kind": point.kind,
                "text": point.text,
                "service_model_section": point.service_model_section,
                "charter_commitment": point.charter_commitment.number if point.charter_commitment else None,
                "shared_with": point.shared_with,
                "fed_back_to": name_of(point.fed_back_to),
                "fed_back_at": point.fed_back_at,
            }
            for point in feedback.learning_points.select_related("charter_commitment", "fed_back_to")
        ],
        "created_at": feedback.created_at,
        "updated_at": feedback.updated_at,
    }


def name_of(user) -> str | None:
    if user is None:
        return None
    return user.get_full_name() or user.username
