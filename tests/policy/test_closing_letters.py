"""Para 74: every way into a terminal state that ends the review process writes a closing letter
carrying the end-of-process statement. The walk is over the declaration, so a new terminal state,
or a new way into one, without its closing letter fails here until it has one or is listed below
with the guidance's reason."""

from __future__ import annotations

import pytest

from policy.facts import FeedbackKind
from policy.workflows.registry import WORKFLOWS

# Terminal states that are not the end of the review process, each with the guidance's reason.
NOT_THE_END_OF_A_REVIEW = {
    (FeedbackKind.DECISION_COMPLAINT, "closed_resolved"): (
        "Para 24: the service user considers it resolved after the case owner's intervention; no decision on a "
        "review request is made, so there is no review request decision letter to carry the statement"
    ),
    (FeedbackKind.DECISION_COMPLAINT, "reclassified"): (
        "Paras 12, 48: returned by OAT as a complaint about our service, it carries on with the case owner's manager"
    ),
    (FeedbackKind.DECISION_COMPLAINT, "closed_by_joint_working"): (
        "Para 76: a joint decision is considered in line with the LGSCO process, not ours, and the Joint Working "
        "Team write under that process"
    ),
    **{
        (FeedbackKind.SERVICE_COMPLAINT, state): "Para 11: a complaint about our service is never reviewed"
        for state in WORKFLOWS[FeedbackKind.SERVICE_COMPLAINT].terminal_states
    },
    **{
        (FeedbackKind.POSITIVE, state): "Paras 7 to 9: positive feedback is not a complaint; nothing is reviewed"
        for state in WORKFLOWS[FeedbackKind.POSITIVE].terminal_states
    },
}

PATHS_INTO_TERMINAL_STATES = [
    (workflow.kind, action.name, action.target)
    for workflow in WORKFLOWS.values()
    for action in workflow.actions
    if action.target in workflow.terminal_states and not action.becomes
]
ENDS_A_REVIEW = [path for path in PATHS_INTO_TERMINAL_STATES if (path[0], path[2]) not in NOT_THE_END_OF_A_REVIEW]


@pytest.mark.policy("74")
@pytest.mark.parametrize(("kind", "action_name", "state"), ENDS_A_REVIEW)
def test_every_way_into_a_state_that_ends_the_review_process_writes_a_closing_letter(kind, action_name, state):
    action = WORKFLOWS[kind].action(action_name)

    assert action.letter is not None, f"{action_name} closes as {state} without a letter to the service user"
    assert action.letter.ends_process, f"{action_name}'s letter must say our internal complaints process has ended"


@pytest.mark.policy("74")
def test_every_terminal_state_is_reached_by_a_declared_action_so_the_walk_sees_it():
    reached = {(kind, state) for kind, _, state in PATHS_INTO_TERMINAL_STATES}
    reached |= {
        (workflow.kind, action.target) for workflow in WORKFLOWS.values() for action in workflow.actions if action.becomes
    }

    for workflow in WORKFLOWS.values():
        for state in workflow.terminal_states:
            assert (workflow.kind, state) in reached, f"{workflow.kind}: no declared action leads to {state}"


@pytest.mark.policy("74")
def test_the_exceptions_name_only_terminal_states_the_declaration_has():
    declared = {(workflow.kind, state) for workflow in WORKFLOWS.values() for state in workflow.terminal_states}

    assert NOT_THE_END_OF_A_REVIEW.keys() <= declared


@pytest.mark.policy("74", "22", "2")
@pytest.mark.parametrize(
    ("action_name", "template"),
    [("decline_for_behaviour", "behaviour_decline"), ("decline_late_feedback", "late_complaint_not_considered")],
)
def test_declining_for_behaviour_and_not_considering_a_late_complaint_end_the_process_in_writing(action_name, template):
    letter = WORKFLOWS[FeedbackKind.DECISION_COMPLAINT].action(action_name).letter

    assert letter is not None and letter.template == template and letter.ends_process
