"""Logging feedback and taking the actions its workflow declares."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import Any

from django.db import transaction
from django.utils import timezone

from casework.effects import EFFECTS
from casework.limits import LONG_TEXT_MAX_LENGTH
from casework.models import Case, FeedbackCase
from casework.models.staff import roles_of
from casework.services import access
from casework.services.audit import record_event
from casework.services.errors import Conflict, Refused
from casework.services.facts import feedback_facts
from casework.services.records import changes, next_reference, open_task, snapshot, write_letter
from policy.decisions import Reason
from policy.facts import Channel, FeedbackKind, Role
from policy.service_feedback import POSITIVE_FEEDBACK_TASK_SUBJECT
from policy.workflows import evaluate, validate
from policy.workflows.registry import workflow_for


@dataclass(frozen=True)
class NewFeedback:
    kind: FeedbackKind
    received_date: date | None
    channel: Channel | str
    summary: str
    reasonable_adjustments: str = ""
    jr_in_prospect: bool = False


def log_feedback(
    actor, case: Case, new: NewFeedback, today: date, *, within: Callable[[FeedbackCase], None] | None = None
) -> FeedbackCase:
    """Save feedback against its case (paras 1, 7, 20) and route it to the case owner.

    `within` runs last, inside the same transaction (an API response kept for retries)."""
    if not roles_of(actor) & {Role.CASEWORKER, Role.MANAGER}:
        raise Refused(reasons=(Reason("1", "Only a caseworker or manager can log feedback"),))
    access.case_for(actor, case.reference)
    problems = []
    if new.received_date is None:
        problems.append(Reason("7", "Enter the date the feedback was received", field="received_date"))
    elif new.received_date > today:
        problems.append(Reason("7", "The date received must be today or in the past", field="received_date"))
    if new.channel not in set(Channel):
        problems.append(Reason("7", "Select how the feedback came in", field="channel"))
    if not new.summary.strip():
        problems.append(Reason("7", "Enter what the service user said", field="summary"))
    elif len(new.summary) > LONG_TEXT_MAX_LENGTH:
        problems.append(
            Reason("7", f"Shorten what the service user said to {LONG_TEXT_MAX_LENGTH:,} characters or fewer", field="summary")
        )
    if problems:
        raise Refused(reasons=tuple(problems))
    workflow = workflow_for(new.kind)
    with transaction.atomic(durable=True):
        now = timezone.now()
        feedback = FeedbackCase.objects.create(
            reference=next_reference("FB-", FeedbackCase),
            case=case,
            kind=new.kind,
            state=workflow.initial,
            received_date=new.received_date,
            channel=new.channel,
            received_by=actor,
            summary=new.summary.strip(),
            reasonable_adjustments=new.reasonable_adjustments.strip(),
            jr_in_prospect=new.jr_in_prospect,
            created_at=now,
            updated_at=now,
        )
        ROUTES[new.kind](feedback, actor)
        record_event(actor, "log_feedback", f"Logged {workflow.title.lower()}", feedback_case=feedback, after=snapshot(feedback))
        if within is not None:
            within(feedback)
    return feedback


def _route_decision_complaint(feedback: FeedbackCase, actor) -> None:
    case = feedback.case
    open_task(
        feedback,
        "consider_complaint",
        f"Consider the complaint about our decision on {case.reference}",
        role=Role.CASEWORKER,
        assignee=case.case_owner,
        body=feedback.summary,
    )
    if feedback.jr_in_prospect:
        open_task(feedback, "legal_advice", f"Advice needed: Judicial Review in prospect on {case.reference}", role=Role.LEGAL)


def _route_service_complaint(feedback: FeedbackCase, actor) -> None:
    """Paras 1 and 13: a service complaint goes to the case owner's manager."""
    feedback.handling_manager = feedback.case.manager
    feedback.save(update_fields=["handling_manager"])
    open_task(
        feedback,
        "resolve_service_complaint",
        f"Resolve the complaint about our service on {feedback.case.reference}",
        role=Role.MANAGER,
        assignee=feedback.handling_manager,
        body=feedback.summary,
    )
    write_letter(feedback, "acknowledgement", addressee=feedback.case.service_user, by=actor)


def _route_positive_feedback(feedback: FeedbackCase, actor) -> None:
    """Para 8: a task for the manager, with that exact subject and the main contents."""
    open_task(
        feedback,
        "review_positive_feedback",
        POSITIVE_FEEDBACK_TASK_SUBJECT,
        role=Role.MANAGER,
        assignee=feedback.case.manager,
        body=feedback.summary,
    )


ROUTES = {
    FeedbackKind.DECISION_COMPLAINT: _route_decision_complaint,
    FeedbackKind.SERVICE_COMPLAINT: _route_service_complaint,
    FeedbackKind.POSITIVE: _route_positive_feedback,
}


def take_action(
    actor,
    reference: str,
    action_name: str,
    inputs: dict[str, Any],
    today: date,
    *,
    version: int | None = None,
    within: Callable[[FeedbackCase], None] | None = None,
) -> FeedbackCase:
    """Take one declared action: check the role, the rules and the input, change, record.

    `version` is the version the person acted from: if anyone has acted since, nothing is written
    (Conflict). `within` runs last, inside the same transaction (an API response kept for retries).
    """
    with transaction.atomic(durable=True):
        feedback = access.visible_feedback(actor).select_for_update(of=("self",)).filter(reference=reference).first()
        if feedback is None:
            access.feedback_for(actor, reference)  # raises NotFound
        if version is not None and version != feedback.version:
            raise Conflict(feedback.reference, feedback.version, feedback.events.order_by("-id").first())
        workflow = workflow_for(feedback.kind)
        if not workflow.has_action(action_name):
            raise Refused(reasons=(Reason("-", f"There is no action '{action_name}' for {workflow.title.lower()}"),))
        action = workflow.action(action_name)
        facts = feedback_facts(feedback, actor)
        decision = evaluate(workflow, action, facts, access.roles_on(actor, feedback))
        if decision.allowed:  # input errors matter only to someone who may take the action
            decision = validate(action, facts, inputs, today)
        if not decision.allowed:
            raise Refused(decision)
        before = snapshot(feedback)
        effect = EFFECTS.get((workflow.kind, action.name))
        if effect:
            effect(feedback, inputs, actor, today)
        if action.becomes:
            feedback.kind = action.becomes
            feedback.state = workflow_for(action.becomes).initial
        elif action.target:
            feedback.state = action.target
        feedback.updated_at = timezone.now()
        feedback.version += 1
        feedback.save()
        old, new = changes(before, snapshot(feedback))
        record_event(
            actor,
            action.name,
            action.label,
            feedback_case=feedback,
            before=old,
            after={**new, "inputs": {name: inputs.get(name) for name in (f.name for f in action.fields)}},
        )
        if within is not None:
            within(feedback)
    return feedback
