"""Facts and shortcuts shared by the policy tests: no database, just the pure rules."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from datetime import date

from policy.decisions import Decision
from policy.facts import CaseFacts, FeedbackFacts, Role
from policy.workflows import Workflow, evaluate, options
from policy.workflows.registry import workflow_for

WORKFLOW = workflow_for("decision_complaint")

CASEWORKER = {Role.CASEWORKER}
MANAGER = {Role.MANAGER}
OAT = {Role.OAT}
LEGAL = {Role.LEGAL}

DECISION = date(2026, 11, 2)
DEADLINE = date(2026, 12, 2)


def facts(state: str = "received", case: CaseFacts | None = None, **feedback) -> FeedbackFacts:
    """A decision complaint on a plain low-risk case, changed only where a test says so."""
    base = FeedbackFacts(case=case or CaseFacts(decision_date=DECISION), state=state, received_date=date(2026, 11, 10))
    return replace(base, **feedback)


def on_case(state: str = "received", **case_traits) -> FeedbackFacts:
    return facts(state, CaseFacts(decision_date=DECISION, **case_traits))


def grounds_in(received: date, state: str = "grounds_received", **case_traits) -> FeedbackFacts:
    """Grounds recorded against the usual deadline, arriving on `received`."""
    return replace(on_case(state, **case_traits), grounds_deadline=DEADLINE, grounds_received_date=received)


IN_TIME = DEADLINE
LATE = date(2026, 12, 3)


def decide(action_name: str, feedback: FeedbackFacts, roles=CASEWORKER) -> Decision:
    return evaluate(WORKFLOW, WORKFLOW.action(action_name), feedback, roles)


# Open to the case owner throughout their handling (paras 23 to 26, 31, 49), whatever route the
# complaint takes; `open_actions` leaves them out so that tests can name the routes on from a step.
THROUGHOUT = frozenset(
    {
        "resolve_by_case_owner",
        "issue_amended_report",
        "record_adjustments",
        "check_oat_advice_needed",
        "record_risk_assessment",
        "write_to_service_user",
    }
)


def open_actions(feedback: FeedbackFacts, roles=CASEWORKER) -> set[str]:
    return {option.action.name for option in options(WORKFLOW, feedback, roles) if option.open} - THROUGHOUT


def open_throughout(feedback: FeedbackFacts, roles=CASEWORKER) -> set[str]:
    return {option.action.name for option in options(WORKFLOW, feedback, roles) if option.open} & THROUGHOUT


def closed_paragraphs(action_name: str, feedback: FeedbackFacts, roles=CASEWORKER) -> set[str]:
    decision = decide(action_name, feedback, roles)
    assert not decision.allowed, f"{action_name} should be closed"
    return set(decision.paragraphs)


def taken_from(
    action_name: str, ready_in: Callable[[str], FeedbackFacts], roles=CASEWORKER, workflow: Workflow = WORKFLOW
) -> set[str]:
    """The open states from which someone holding `roles` may take the action, the facts otherwise ready for it."""
    action = workflow.action(action_name)
    return {state for state in workflow.open_states if evaluate(workflow, action, ready_in(state), roles).allowed}


def taken_by(action_name: str, feedback: FeedbackFacts, workflow: Workflow = WORKFLOW) -> set[Role]:
    """The roles that may take the action on this feedback, each held alone."""
    action = workflow.action(action_name)
    return {role for role in Role if evaluate(workflow, action, feedback, {role}).allowed}
