"""Feedback cases: where one has got to, its audit timeline, and its letters as PDF."""

from __future__ import annotations

from dataclasses import asdict

from django.http import HttpResponse
from django.utils import timezone
from ninja import Router

from api.auth import caller
from api.schemas import INVALID, NOT_FOUND, UNAUTHORISED, EventOut, FeedbackOut, Reference
from api.versions import tag
from casework.models import FeedbackCase, FollowUpContact, Task
from casework.services import access, after_review
from casework.services.judicial_review import review_clock
from casework.services.letter_pdf import pdf_response
from policy import time_limits
from policy.workflows.registry import workflow_for

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
    clock = review_clock(feedback, timezone.localdate())
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
        "will_not_argue_delay": clock.will_not_argue_delay,
        "report_quashed": case.report_quashed,
        "quashed_on": case.quashed_on,
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
        **render_after_review(feedback),
        "follow_ups": [render_follow_up(contact) for contact in feedback.follow_ups.select_related("logged_by")],
        "created_at": feedback.created_at,
        "updated_at": feedback.updated_at,
    }


def render_after_review(feedback: FeedbackCase) -> dict:
    """What followed an upheld review (paras 57 to 73)."""
    proposal = after_review.new_investigation(feedback)
    quash = after_review.quash_proposal(feedback)
    return {
        "new_investigation": asdict(proposal) if proposal else None,
        "quash_proposal": asdict(quash) if quash else None,
        "approvals": [
            {
                "subject": approval.subject,
                "subject_label": approval.get_subject_display(),
                "approver_role": approval.approver_role,
                "summary": approval.summary,
                "proposed_by": name_of(approval.proposed_by),
                "proposed_at": approval.proposed_at,
                "decided_by": name_of(approval.decided_by),
                "decided_at": approval.decided_at,
                "approved": approval.approved,
                "reasons": approval.reasons,
            }
            for approval in feedback.approvals.select_related("proposed_by", "decided_by")
        ],
        "follow_on_cases": [
            {
                "kind": follow_on.kind,
                "kind_label": follow_on.get_kind_display(),
                "priority": follow_on.priority,
                "summary": follow_on.summary,
                "allocation_advice": follow_on.allocation_advice,
                "new_reference": follow_on.new_reference or None,
                "opened_on": follow_on.opened_on,
                "arranged_at": follow_on.arranged_at,
            }
            for follow_on in feedback.follow_on_cases.order_by("arranged_at", "id")
        ],
    }


def render_follow_up(contact: FollowUpContact) -> dict:
    return {
        "id": contact.pk,
        "received_date": contact.received_date,
        "channel": contact.channel,
        "summary": contact.summary,
        "response": contact.response,
        "logged_by": name_of(contact.logged_by),
        "logged_at": contact.logged_at,
    }


def name_of(user) -> str | None:
    if user is None:
        return None
    return user.get_full_name() or user.username
