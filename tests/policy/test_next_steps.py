"""The suggested next step, read from each state's declared usual steps."""

from __future__ import annotations

from dataclasses import replace

import pytest

from policy.oat_advice import ChallengeAnswers
from policy.workflows import State, Workflow, options, suggested
from policy.workflows.registry import WORKFLOWS
from tests.policy.helpers import CASEWORKER, IN_TIME, LEGAL, OAT, WORKFLOW, facts, grounds_in

NO_TRIGGERS = ChallengeAnswers(False, False, False)


def next_step(feedback, roles) -> str | None:
    chosen = suggested(WORKFLOW, feedback, options(WORKFLOW, feedback, roles))
    return chosen.action.name if chosen else None


def test_the_first_usual_step_the_person_may_take_is_suggested():
    assert next_step(facts("received"), CASEWORKER) == "check_oat_advice_needed"
    assert next_step(grounds_in(IN_TIME), CASEWORKER) == "accept_in_time"


@pytest.mark.policy("26")
def test_a_step_already_done_is_not_suggested_again_but_stays_open_as_a_correction():
    checked = replace(facts("received"), challenge_answers=NO_TRIGGERS)

    assert next_step(checked, CASEWORKER) == "request_grounds"
    check = next(o for o in options(WORKFLOW, checked, CASEWORKER) if o.action.name == "check_oat_advice_needed")
    assert check.open and check.done(checked)
    assert check.label(checked) == "Change the answers on whether OAT's advice is needed"


def test_nothing_is_suggested_to_someone_who_may_take_none_of_the_usual_steps():
    assert next_step(facts("received"), LEGAL) is None
    assert next_step(facts("with_oat"), OAT) == "take_referral"


def test_every_suggested_step_can_be_taken_from_its_state():
    for workflow in WORKFLOWS.values():
        for state in workflow.states:
            offered = {action.name for action in workflow.actions_from(state.name)}
            assert set(state.suggested) <= offered, (workflow.kind, state.name)


def test_a_state_suggesting_a_step_that_cannot_be_taken_from_it_is_refused_when_declared():
    bad = State("start", "Start", holder=WORKFLOW.state("received").holder, due=WORKFLOW.state("received").due, suggested=("x",))
    with pytest.raises(ValueError, match="suggests"):
        Workflow(WORKFLOW.kind, "Broken", "start", (bad,), (), on_log="x", on_log_by="1", others_by="1")
