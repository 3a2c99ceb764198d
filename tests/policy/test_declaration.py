"""The declarations own the workflow: who holds each state and by when, the OAT outcomes, the
paragraph each refusal cites, and no state named anywhere else in the code."""

from __future__ import annotations

import ast
from datetime import date
from pathlib import Path

import pytest

from policy.facts import CaseFacts, FeedbackFacts, FeedbackKind, Role
from policy.review import OatOutcome
from policy.workflows import State, Workflow, evaluate, validate
from policy.workflows.oat_review import OUTCOMES
from policy.workflows.registry import WORKFLOWS, unavailable, workflow_for

ROOT = Path(__file__).resolve().parents[2]
DECISION = workflow_for(FeedbackKind.DECISION_COMPLAINT)
SERVICE = workflow_for(FeedbackKind.SERVICE_COMPLAINT)
TODAY = date(2026, 11, 27)


def reachable() -> list[tuple[Workflow, State]]:
    """Every state reachable from where logged feedback starts, across reclassification into another kind."""
    seen: set[tuple[FeedbackKind, str]] = set()
    frontier = [(workflow, workflow.initial) for workflow in WORKFLOWS.values()]
    while frontier:
        workflow, name = frontier.pop()
        if (workflow.kind, name) in seen:
            continue
        seen.add((workflow.kind, name))
        for action in workflow.actions_from(name):
            if action.becomes:
                frontier.append((workflow_for(action.becomes), workflow_for(action.becomes).initial))
            if action.target:
                frontier.append((workflow, action.target))
    return [(workflow_for(kind), workflow_for(kind).state(name)) for kind, name in sorted(seen)]


@pytest.mark.parametrize("workflow, state", reachable(), ids=lambda value: getattr(value, "name", None) or value.kind)
def test_every_open_state_names_its_holder_and_when_it_falls_due_and_a_terminal_one_neither(workflow, state):
    if state.terminal:
        assert (state.holder, state.due, state.waiting_for) == (None, None, None)
    else:
        assert state.holder is not None, f"{workflow.kind}: nobody holds '{state.name}'"
        assert state.due is not None, f"{workflow.kind}: '{state.name}' has no due rule"


def test_every_declared_state_is_reached_from_where_feedback_starts():
    reached = {(workflow.kind, state.name) for workflow, state in reachable()}
    declared = {(workflow.kind, state.name) for workflow in WORKFLOWS.values() for state in workflow.states}
    assert declared - reached == set()


@pytest.mark.policy("76")
def test_a_joint_lgsco_decision_is_held_by_the_joint_working_team_until_they_close_it():
    state = DECISION.state(DECISION.action("route_to_joint_working").target)
    assert not state.terminal and state.holder == "joint_working"
    closing = DECISION.actions_from(state.name)
    assert [(action.roles, DECISION.state(action.target).terminal) for action in closing] == [
        (frozenset({Role.JOINT_WORKING}), True)
    ]


def test_every_oat_outcome_declares_where_it_goes_its_effect_and_its_letter():
    assert set(OUTCOMES) == set(OatOutcome)
    for outcome, route in OUTCOMES.items():
        action = DECISION.action(f"oat_outcome_{outcome.value}")
        assert (action.target, action.effect, action.letter) == (route.target, route.effect, route.letter)
        # an outcome that closes the review path writes to the service user, saying the process has ended (para 74)
        closes = DECISION.state(route.target).terminal
        assert bool(route.letter and route.letter.ends_process) == closes, outcome


@pytest.mark.parametrize("workflow", WORKFLOWS.values(), ids=lambda workflow: workflow.kind)
def test_an_action_that_ends_a_review_path_declares_a_letter_that_says_so(workflow):
    """Para 74: the actions that close a decision complaint after a review request tell the service user."""
    for action in workflow.actions:
        if action.letter and action.letter.ends_process:
            assert workflow.state(action.target).terminal, action.name


@pytest.mark.policy("11")
def test_a_review_route_on_a_complaint_about_our_service_cites_para_11():
    decision = unavailable(SERVICE, "request_grounds")
    assert not decision.allowed
    assert decision.paragraphs == ("11",)
    assert "Ask for the grounds in writing" in decision.reasons[0].text


@pytest.mark.policy("9")
def test_positive_feedback_is_only_commented_on_and_closed_so_another_kinds_action_cites_para_9():
    decision = unavailable(workflow_for(FeedbackKind.POSITIVE), "request_grounds")
    assert not decision.allowed
    assert decision.paragraphs == ("9",)


@pytest.mark.policy("13")
def test_handling_a_complaint_about_our_service_on_a_decision_complaint_cites_para_13():
    decision = unavailable(DECISION, "escalate")
    assert not decision.allowed
    assert decision.paragraphs == ("13",)
    assert "Escalate up the management chain" in decision.reasons[0].text


@pytest.mark.policy("12", "13", "48")
@pytest.mark.parametrize(
    ("workflow", "action"),
    [(workflow, action) for workflow in WORKFLOWS.values() for action in workflow.actions if action.becomes],
)
def test_feedback_that_becomes_another_kind_is_shown_ending_as_that_kind(workflow, action):
    ends = workflow.state(action.target)
    assert ends.terminal
    assert ends.label == f"Now {workflow_for(action.becomes).one}"


def test_an_action_no_workflow_declares_is_refused_by_name():
    decision = unavailable(SERVICE, "make_tea")
    assert not decision.allowed and "make_tea" in decision.reasons[0].text


@pytest.mark.policy("60")
def test_a_financial_remedy_on_a_review_without_a_severity_level_cites_para_60():
    facts = FeedbackFacts(kind=FeedbackKind.DECISION_COMPLAINT, state="review_decided")
    inputs = {"remedy_type": "financial", "details": "A payment", "amount": "100"}
    refused = validate(DECISION.action("offer_remedy"), facts, inputs, TODAY)
    assert [(reason.paragraph, reason.field) for reason in refused.reasons] == [("60", "severity_level")]


@pytest.mark.policy("18")
def test_a_financial_remedy_on_a_service_complaint_without_a_severity_level_cites_para_18():
    facts = FeedbackFacts(kind=FeedbackKind.SERVICE_COMPLAINT, state="finding_recorded")
    inputs = {"remedy_type": "financial", "details": "A payment", "amount": "100"}
    refused = validate(SERVICE.action("offer_remedy"), facts, inputs, TODAY)
    assert [(reason.paragraph, reason.field) for reason in refused.reasons] == [("18", "severity_level")]


def test_the_remedy_action_is_the_same_declaration_on_both_kinds():
    on_review, on_service = DECISION.action("offer_remedy"), SERVICE.action("offer_remedy")
    assert [field.name for field in on_review.fields] == [field.name for field in on_service.fields]


@pytest.mark.policy("47")
def test_a_caseworker_recording_an_oat_outcome_is_told_para_47_gives_it_to_the_oat_caseworker():
    facts = FeedbackFacts(case=CaseFacts(decision_date=TODAY), state="with_oat")
    refused = evaluate(DECISION, DECISION.action("oat_outcome_accepted"), facts, {Role.CASEWORKER})
    assert refused.paragraphs == ("47",)
    assert "Ombudsman's Assurance Team" in refused.reasons[0].text


@pytest.mark.policy("50")
def test_a_caseworker_sending_the_review_decision_is_told_para_50_gives_it_to_oat():
    facts = FeedbackFacts(case=CaseFacts(decision_date=TODAY), state="review_decided")
    refused = evaluate(DECISION, DECISION.action("send_review_decision"), facts, {Role.CASEWORKER})
    assert refused.paragraphs == ("50",)


@pytest.mark.policy("64")
def test_a_caseworker_recording_comments_on_a_new_investigation_is_told_para_64_gives_it_to_oat():
    facts = FeedbackFacts(case=CaseFacts(decision_date=TODAY), state="new_investigation_proposed")
    refused = evaluate(DECISION, DECISION.action("record_comments"), facts, {Role.CASEWORKER})
    assert refused.paragraphs == ("64",)


@pytest.mark.policy("47")
def test_an_oat_outcome_outside_a_referral_cites_para_47_which_says_where_oat_record_it():
    facts = FeedbackFacts(case=CaseFacts(decision_date=TODAY), state="under_consideration")
    refused = evaluate(DECISION, DECISION.action("oat_outcome_accepted"), facts, {Role.OAT})
    assert refused.paragraphs == ("47",)


# Declarations of a record's fields, whose first argument is the field's name (the case's `closed`).
FIELD_DECLARATIONS = {"Column", "Field", "_required"}


def _is_lookup_by_key(node: ast.Constant, parents: dict[ast.AST, ast.AST]) -> bool:
    """A dictionary key ("received": a date), `.get("closed")` or a field declared by its name: a key
    that happens to share a state's name."""
    parent = parents.get(node)
    if isinstance(parent, ast.Dict) and any(key is node for key in parent.keys):
        return True
    if isinstance(parent, ast.Call) and isinstance(parent.func, ast.Name) and parent.func.id in FIELD_DECLARATIONS:
        return parent.args[:1] == [node]
    if isinstance(parent, ast.Subscript) and parent.slice is node:
        return True
    return (
        isinstance(parent, ast.Call)
        and isinstance(parent.func, ast.Attribute)
        and parent.func.attr == "get"
        and parent.args[:1] == [node]
    )


def test_no_state_is_named_in_a_string_outside_the_declarations():
    names = {state.name for workflow in WORKFLOWS.values() for state in workflow.states}
    found = []
    for path in sorted(ROOT.rglob("*.py")):
        relative = path.relative_to(ROOT).as_posix()
        if relative.startswith((".", "policy/workflows/", "tests/")) or "/migrations/" in relative:
            continue
        tree = ast.parse(path.read_text(), relative)
        parents = {child: parent for parent in ast.walk(tree) for child in ast.iter_child_nodes(parent)}
        for node in ast.walk(tree):
            if isinstance(node, ast.Constant) and node.value in names and not _is_lookup_by_key(node, parents):
                found.append(f"{relative}:{node.lineno}: '{node.value}'")
    assert found == [], "State names outside policy/workflows (use the declaration's sets):\n" + "\n".join(found)


def test_every_text_field_declares_the_policys_limit_and_validate_refuses_one_character_more():
    from datetime import date

    from policy.facts import FeedbackKind
    from policy.limits import LONG_TEXT_MAX_LENGTH, TEXT_MAX_LENGTH
    from policy.workflows import Field, FieldKind, validate
    from policy.workflows.registry import workflow_for
    from tests.policy.helpers import facts

    action = next(
        a for a in workflow_for(FeedbackKind.DECISION_COMPLAINT).actions if any(f.kind == FieldKind.LONG_TEXT for f in a.fields)
    )
    field = next(f for f in action.fields if f.kind == FieldKind.LONG_TEXT)
    decision = validate(action, facts(), {field.name: "x" * (LONG_TEXT_MAX_LENGTH + 1)}, date(2026, 11, 27))

    assert any(reason.field == field.name and "too long" in reason.text for reason in decision.reasons)
    assert Field("name", "Name", FieldKind.TEXT).max_length == TEXT_MAX_LENGTH
    assert Field("when", "When", FieldKind.DATE).max_length is None
