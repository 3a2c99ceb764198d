"""Feedback cases: where one has got to, and its audit timeline."""

from __future__ import annotations

from django.utils import timezone
from ninja import Router

from api.auth import caller
from api.schemas import NOT_FOUND, UNAUTHORISED, EventOut, FeedbackOut, Reference
from casework.models import FeedbackCase, Task
from casework.services import access
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
        "created_at": feedback.created_at,
        "updated_at": feedback.updated_at,
    }


def name_of(user) -> str | None:
    if user is None:
        return None
    return user.get_full_name() or user.username
