"""Feedback cases: where one has got to, its audit timeline, and its letters as PDF."""

from __future__ import annotations

from dataclasses import asdict

from django.utils import timezone
from ninja import Router

from api.auth import caller
from api.schemas import (
    INVALID,
    NOT_FOUND,
    UNAUTHORISED,
    ChallengeAnalysisOut,
    ChallengeAnswersOut,
    EventOut,
    FeedbackOut,
    GroundsOut,
    Reference,
    ReviewFindingOut,
    ServiceFindingOut,
)
from casework.models import FeedbackCase, FollowUpContact, Task
from casework.models.review import latest_risk_assessment
from casework.read import access, after_review
from casework.read.facts import record_of
from casework.read.judicial_review import review_clock
from casework.read.letter_pdf import pdf_response
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
    clock = review_clock(feedback, timezone.localdate())
    tasks = feedback.tasks.filter(status=Task.Status.OPEN).select_related("assigned_to")
    referrals = list(feedback.referrals.select_related("oat_caseworker", "referred_by"))
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
        "grounds": render_grounds(feedback),
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
            "challenge_answers": _columns(record_of(feedback, "challenge_answers"), ChallengeAnswersOut),
            "oat_advice_question": feedback.oat_advice_question,
            "oat_advice_decision": feedback.oat_advice_decision,
            "oat_advice": feedback.oat_advice,
            "challenge_analysis": _columns(record_of(feedback, "challenge_analysis"), ChallengeAnalysisOut),
            "risk_assessment": render_risk_assessment(latest_risk_assessment(feedback)),
            **render_current_referral(referrals[-1] if referrals else None),
            "referrals": [render_referral(referral) for referral in referrals],
            "decided_on": feedback.decided_on,
            "finding": render_finding(feedback),
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


def _columns(record, schema, *, computed: dict | None = None) -> dict | None:
    """The record's columns that the schema names, with the fields it computes; None when there is no record."""
    if record is None:
        return None
    computed = computed or {}
    return {name: computed[name] if name in computed else getattr(record, name) for name in schema.model_fields}


def render_grounds(feedback: FeedbackCase) -> dict | None:
    grounds = record_of(feedback, "grounds")
    if grounds is None:
        return None
    return _columns(grounds, GroundsOut, computed={"ground_types": [item.ground_type for item in grounds.items.all()]})


def render_finding(feedback: FeedbackCase) -> dict | None:
    """OAT's review decision with the finding on each ground, or the manager's finding on a service complaint."""
    decision = record_of(feedback, "review_decision")
    if decision is not None:
        grounds = record_of(feedback, "grounds")
        found = dict(grounds.items.exclude(finding="").values_list("ground_type", "finding")) if grounds else {}
        return _columns(decision, ReviewFindingOut, computed={"grounds": found})
    return _columns(record_of(feedback, "service_finding"), ServiceFindingOut)


def render_risk_assessment(assessment) -> dict | None:
    if assessment is None:
        return None
    return {
        "risk": assessment.risk,
        "assessment": assessment.assessment,
        "by": name_of(assessment.assessed_by),
        "on": assessment.assessed_on,
    }


def render_current_referral(referral) -> dict:
    """The current referral's fields, kept at the top of `review` as before each referral had its own record."""
    return {
        "referred_on": referral.referred_on if referral else None,
        "oat_caseworker": name_of(referral.oat_caseworker) if referral else None,
        "oat_outcome": referral.outcome if referral else "",
        "oat_directions": referral.directions if referral else "",
    }


def render_referral(referral) -> dict:
    return {
        "referred_on": referral.referred_on,
        "referred_by": name_of(referral.referred_by),
        "note": referral.note,
        "oat_caseworker": name_of(referral.oat_caseworker),
        "assigned_at": referral.assigned_at,
        "outcome": referral.outcome,
        "outcome_label": referral.get_outcome_display() if referral.outcome else "",
        "directions": referral.directions,
        "decided_on": referral.decided_on,
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
