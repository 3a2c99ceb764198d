"""The decision-complaint workflow declaration, and the engine that reads it."""

from __future__ import annotations

import pytest

from policy.facts import Role
from policy.workflows import options
from tests.policy.helpers import CASEWORKER, LATE, MANAGER, WORKFLOW, decide, facts, grounds_in

STATES = {state.name for state in WORKFLOW.states}
TERMINAL = {state.name for state in WORKFLOW.states if state.terminal}
PARAGRAPHS = {str(number) for number in range(1, 79)} | {"Annex A"}


def test_the_initial_state_is_declared_and_not_terminal():
    assert WORKFLOW.initial in STATES
    assert WORKFLOW.initial not in TERMINAL


def test_state_and_action_names_are_unique():
    assert len(STATES) == len(WORKFLOW.states)
    assert len({action.name for action in WORKFLOW.actions}) == len(WORKFLOW.actions)


@pytest.mark.parametrize("action", WORKFLOW.actions, ids=lambda action: action.name)
def test_every_action_moves_between_declared_states(action):
    assert action.sources, "an action must be available from somewhere"
    assert action.sources <= STATES
    assert action.target is None or action.target in STATES


def test_every_state_can_be_reached_and_every_open_state_has_a_way_on():
    reached, frontier = {WORKFLOW.initial}, [WORKFLOW.initial]
    while frontier:
        for action in WORKFLOW.actions_from(frontier.pop()):
            if action.target and action.target not in reached:
                reached.add(action.target)
                frontier.append(action.target)

    assert reached == STATES
    for state in STATES - TERMINAL:
        assert any(action.target for action in WORKFLOW.actions_from(state)), state


@pytest.mark.parametrize("state", sorted(TERMINAL))
def test_nothing_can_be_done_from_a_terminal_state(state):
    assert WORKFLOW.actions_from(state) == []


@pytest.mark.parametrize("action", WORKFLOW.actions, ids=lambda action: action.name)
def test_every_action_cites_the_guidance_and_names_who_may_take_it(action):
    assert action.paragraphs
    assert set(action.paragraphs) <= PARAGRAPHS
    assert action.roles


@pytest.mark.parametrize(
    ("action", "field"),
    [(action, field) for action in WORKFLOW.actions for field in action.fields if field.required],
    ids=lambda value: value.name,
)
def test_every_required_field_names_the_paragraph_that_requires_it(action, field):
    assert field.required_by in action.paragraphs
    assert field.missing.strip(), "the error a user sees when it is missing"


@pytest.mark.policy("32")
def test_a_caseworker_cannot_extend_the_deadline_for_grounds_and_is_told_why():
    decision = decide("extend_deadline", facts("grounds_requested"), CASEWORKER)

    assert not decision.allowed
    assert decision.paragraphs == ("32",)
    assert Role.MANAGER.label in decision.reasons[0].text


@pytest.mark.policy("32")
def test_a_manager_can_extend_the_deadline_for_grounds():
    assert decide("extend_deadline", facts("grounds_requested"), MANAGER).allowed


@pytest.mark.policy("32")
@pytest.mark.parametrize("roles", [{Role.OAT}, {Role.LEGAL}, {Role.OMBUDSMAN}, set()])
def test_nobody_else_can_extend_the_deadline(roles):
    decision = decide("extend_deadline", facts("grounds_requested"), roles)

    assert not decision.allowed
    assert decision.paragraphs == ("32",)


def test_an_action_from_another_state_is_refused_naming_the_state():
    decision = decide("record_grounds", facts("received"), CASEWORKER)

    assert not decision.allowed
    assert "Received" in decision.reasons[0].text


@pytest.mark.parametrize("state", sorted(STATES))
def test_the_options_are_exactly_the_actions_from_the_current_state(state):
    listed = [option.action.name for option in options(WORKFLOW, facts(state), CASEWORKER)]
    declared = [action.name for action in WORKFLOW.actions if state in action.sources]

    assert listed == declared


def test_a_closed_option_says_why_with_a_paragraph():
    for option in options(WORKFLOW, grounds_in(LATE), CASEWORKER):
        if not option.open:
            assert option.decision.reasons, option.action.name
            assert all(reason.paragraph in PARAGRAPHS for reason in option.decision.reasons)
