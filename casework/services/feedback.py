"""Logging feedback and taking the actions its workflow declares."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import Any

from django.db import transaction
from django.utils import timezone

from casework.effects import EFFECTS
from casework.models import Case, Decision, FeedbackCase
from casework.models.audit import GENESIS
from casework.models.staff import roles_of, team_of
from casework.read import access, compiled
from casework.read.facts import all_with_facts, loaded_facts
from casework.read.prepared import prepared
from casework.services.audit import record_event
from casework.services.errors import Conflict, Refused
from casework.services.intake import input_refusals, log_feedback_fields
from casework.services.notices import tell_of_new_tasks
from casework.services.record_watch import RecordWatch, close_tasks
from casework.services.records import RECORDS, changes, next_reference, snapshot, write_letter
from policy.decisions import Reason
from policy.facts import Channel, FeedbackKind, Role
from policy.workflows import evaluate, validate
from policy.workflows.registry import unavailable, workflow_for


@dataclass(frozen=True)
class NewFeedback:
    kind: FeedbackKind
    received_date: date | None
    channel: Channel | str
    summary: str
    reasonable_adjustments: str = ""
    jr_in_prospect: bool = False
    decision: int | None = None  # the id of the decision complained about (para 20); the case's latest if none


LOGGERS = {Role.CASEWORKER, Role.MANAGER}


def may_log_feedback(actor) -> bool:
    return bool(roles_of(actor) & LOGGERS)


def log_feedback(
    actor, case: Case, new: NewFeedback, today: date, *, within: Callable[[FeedbackCase], None] | None = None
) -> FeedbackCase:
    """Save feedback against its case (paras 1, 7, 20) and route it to the case owner.

    `within` runs last, inside the same transaction (an API response kept for retries)."""
    if not may_log_feedback(actor):
        raise Refused(reasons=(Reason("1", "Only a caseworker or manager can log feedback"),))
    access.case_for(actor, case.reference)
    problems = input_refusals(log_feedback_fields(new.kind), vars(new), today)
    decision = _decision_named(case, new.decision)
    if new.decision is not None and decision is None:
        problems.append(
            Reason("20", f"Decision {new.decision} is not one of the decisions on case {case.reference}", field="decision")
        )
    if problems:
        raise Refused(reasons=tuple(problems))
    workflow = workflow_for(new.kind)
    with transaction.atomic(durable=True):
        now = timezone.now()
        feedback = FeedbackCase.objects.create(
            reference=next_reference("FB-", FeedbackCase),
            case=case,
            decision=decision,
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
        with RecordWatch(feedback) as watch:
            EFFECTS[workflow.on_log](feedback, {}, actor, today)
        feedback.save()
        tell_of_new_tasks(feedback, watch, now, actor)
        after = {**snapshot(feedback), RECORDS: watch.records()[1]}
        record_event(
            actor, "log_feedback", f"Logged {workflow.title.lower()}", feedback_case=feedback, after=after, chain_head=GENESIS
        )
        if within is not None:
            within(feedback)
    return feedback


def _decision_named(case: Case, decision_id: int | None) -> Decision | None:
    """The decision named, or the case's latest one; None for a case whose decisions are not recorded."""
    decisions = Decision.objects.filter(case=case).order_by("-decided_on", "-id")
    return decisions.filter(pk=decision_id).first() if decision_id is not None else decisions.first()


def _locked_with_facts(actor, reference: str) -> FeedbackCase | None:
    """The feedback, if this person may see it, locked, with every fact the rules read (one query,
    compiled once a process for each shape of what people may see)."""
    team = team_of(actor)
    found = compiled.rows(
        ("take_action", access.visibility_shape(actor)),
        lambda: access.visible_feedback(actor, all_with_facts()).select_for_update(of=("self",)).filter(reference=reference),
        reference=reference,
        user=actor.pk,
        team=team.pk if team else None,
    )
    return found[0] if found else None


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
        with prepared():
            feedback = _locked_with_facts(actor, reference)
            if feedback is not None and feedback.records_version != feedback.version:
                feedback = _locked_with_facts(actor, reference)  # it waited for an action on it: read its records as they are now
        if feedback is None:
            access.feedback_for(actor, reference)  # raises NotFound
        if version is not None and version != feedback.version:
            raise Conflict(feedback.reference, feedback.version, feedback.events.order_by("-id").first())
        workflow = workflow_for(feedback.kind)
        if not workflow.has_action(action_name):
            raise Refused(unavailable(workflow, action_name))
        action = workflow.action(action_name)
        facts = loaded_facts(feedback, feedback, actor)
        decision = evaluate(workflow, action, facts, access.roles_on(actor, feedback))
        if decision.allowed:  # input errors matter only to someone who may take the action
            decision = validate(action, facts, inputs, today)
        if not decision.allowed:
            raise Refused(decision)
        before, started = snapshot(feedback), timezone.now()
        with RecordWatch(feedback) as watch:
            if action.target and workflow.state(action.target).terminal:
                close_tasks(feedback, by=actor)  # nobody holds finished feedback
            letter_context = EFFECTS[action.effect](feedback, inputs, actor, today) if action.effect else None
            if action.letter:
                write_letter(
                    feedback,
                    action.letter.template,
                    addressee=feedback.case.service_user,
                    by=actor,
                    extra=letter_context,
                    closing=action.letter.ends_process,
                )
        if action.becomes:
            feedback.kind = action.becomes
            feedback.state = workflow_for(action.becomes).initial
        elif action.target:
            feedback.state = action.target
        feedback.updated_at = timezone.now()
        feedback.version += 1
        compiled.save_columns(feedback)
        tell_of_new_tasks(feedback, watch, started, actor)
        records_before, records_after = watch.records()
        old, new = changes({**before, RECORDS: records_before}, {**snapshot(feedback), RECORDS: records_after})
        record_event(
            actor,
            action.name,
            action.label,
            feedback_case=feedback,
            before=old,
            after={**new, "inputs": {name: inputs.get(name) for name in (f.name for f in action.fields)}},
            chain_head=feedback.audit_chain_head or GENESIS,  # loaded, locked, with the facts; no head yet: none written
        )
        if within is not None:
            within(feedback)
    return feedback
