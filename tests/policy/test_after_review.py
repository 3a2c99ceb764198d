"""The rules after an upheld review, without a database (paras 62, 64, 67, 69, 72, 73)."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from policy.after_review import (
    QUASH_CRITERIA,
    comments_refusals,
    may_approve,
    may_propose_quash,
    new_investigation_chosen,
    quash_criteria_refusals,
)
from policy.facts import CaseFacts, PendingApproval, Role
from policy.letters import END_OF_PROCESS, closing_letter_refusals
from policy.time_limits import extension_refusals
from tests.policy.helpers import facts

DEADLINE = date(2026, 12, 11)


@pytest.mark.policy("67")
@given(st.fixed_dictionaries({name: st.booleans() for name, _ in QUASH_CRITERIA}))
def test_a_quash_goes_forward_exactly_when_the_para_67_criteria_hold(criteria):
    holds = (criteria["missed_or_new_evidence"] or criteria["incontrovertibly_wrong"]) and (
        criteria["no_other_way"] and criteria["public_interest"]
    )

    assert (quash_criteria_refusals(criteria) == []) == holds


@pytest.mark.policy("64")
@pytest.mark.parametrize(
    ("received", "today", "may_go_ahead"),
    [
        (frozenset(), DEADLINE, False),
        (frozenset({"service_user"}), DEADLINE, False),
        (frozenset({"service_user", "organisation"}), DEADLINE, True),
        (frozenset(), date(2026, 12, 12), True),
    ],
)
def test_going_ahead_waits_for_both_parties_or_the_end_of_the_comment_period(received, today, may_go_ahead):
    proposal = replace(facts("new_investigation_proposed"), comment_deadline=DEADLINE, comments_received=received)

    assert (comments_refusals(proposal, today) == []) == may_go_ahead


@pytest.mark.policy("69", "72", "73")
@pytest.mark.parametrize(
    ("subject", "roles", "who", "paragraph"),
    [
        ("new_detailed_investigation", {Role.OAT}, "olive", "73"),
        ("new_detailed_investigation", {Role.LEGAL}, "lena", "73"),
        ("quash", {Role.CASEWORKER}, "cara", "69"),
        ("quash", {Role.OMBUDSMAN, Role.OAT}, "olive", "72"),  # the proposer, even as a Deputy
        ("quash", {Role.OMBUDSMAN}, "oscar", None),
    ],
)
def test_only_the_delegated_role_approves_and_never_the_proposer(subject, roles, who, paragraph):
    waiting = replace(
        facts("awaiting_approval"),
        pending_approval=PendingApproval(subject, Role.OMBUDSMAN, "olive"),
        acting_roles=frozenset(roles),
        acting_as=who,
    )

    decision = may_approve(waiting)

    assert decision.allowed == (paragraph is None)
    assert decision.paragraphs == ((paragraph,) if paragraph else ())


@pytest.mark.policy("72")
def test_nothing_is_approved_when_nothing_waits_for_approval():
    assert may_approve(replace(facts("awaiting_approval"), acting_roles=frozenset({Role.OMBUDSMAN}))).paragraphs == ("72",)


@pytest.mark.policy("64")
def test_waiting_for_comments_names_the_paragraph_and_the_party_still_to_reply():
    proposal = replace(facts("new_investigation_proposed"), comment_deadline=DEADLINE, comments_received={"service_user"})

    [reason] = comments_refusals(proposal, DEADLINE)

    assert reason.paragraph == "64"
    assert "Wait for comments from the organisation complained about, or until" in reason.text
    [neither] = comments_refusals(replace(proposal, comments_received=frozenset()), DEADLINE)
    assert "Wait for comments from the service user and the organisation complained about, or until" in neither.text


@pytest.mark.policy("67")
@pytest.mark.parametrize(
    ("failing", "field"),
    [
        (("missed_or_new_evidence", "incontrovertibly_wrong"), "missed_or_new_evidence"),
        (("no_other_way",), "no_other_way"),
        (("public_interest",), "public_interest"),
    ],
)
def test_a_quash_proposal_names_the_criterion_that_does_not_hold(failing, field):
    criteria = {name: name not in failing for name, _ in QUASH_CRITERIA}

    assert [(reason.paragraph, reason.field) for reason in quash_criteria_refusals(criteria)] == [("67", field)]


@pytest.mark.policy("66", "69")
@pytest.mark.parametrize(
    ("feedback", "paragraph"),
    [
        ({"finding_upheld": False}, "66"),
        ({"finding_upheld": True, "quash_decided": True}, "69"),
        ({"finding_upheld": True}, None),
    ],
)
def test_quashing_is_proposed_only_on_an_upheld_review_and_decided_once(feedback, paragraph):
    decision = may_propose_quash(replace(facts("review_decided"), **feedback))

    assert decision.paragraphs == ((paragraph,) if paragraph else ())
    assert decision.allowed is (paragraph is None)


@pytest.mark.policy("66")
def test_a_report_already_quashed_is_not_quashed_again():
    feedback = facts("review_decided", CaseFacts(report_quashed=True), finding_upheld=True)

    assert may_propose_quash(feedback).paragraphs == ("66",)


@pytest.mark.policy("74")
def test_a_closing_letter_must_say_the_internal_process_has_ended():
    assert [reason.paragraph for reason in closing_letter_refusals("Kind regards.")] == ["74"]
    assert closing_letter_refusals(f"We have decided. {END_OF_PROCESS} Kind regards.") == []


@pytest.mark.policy("32")
@pytest.mark.parametrize(
    ("new", "refused"), [(date(2026, 12, 10), True), (date(2026, 12, 11), True), (date(2026, 12, 12), False)]
)
def test_an_extended_deadline_must_be_later_than_the_current_one(new, refused):
    reasons = extension_refusals(DEADLINE, new)

    assert [(reason.paragraph, reason.field) for reason in reasons] == ([("32", "new_deadline")] if refused else [])
    assert extension_refusals(None, new) == [] and extension_refusals(DEADLINE, None) == []


@pytest.mark.policy("61")
@pytest.mark.parametrize(
    ("route", "arranged", "paragraph"),
    [("new_detailed_investigation", False, None), ("new_detailed_investigation", True, "61"), ("remedy", False, "61")],
)
def test_a_new_detailed_investigation_is_proposed_only_when_the_decision_chose_it_and_only_once(route, arranged, paragraph):
    decision = new_investigation_chosen(replace(facts("review_decided"), review_route=route, follow_on_arranged=arranged))

    assert decision.paragraphs == ((paragraph,) if paragraph else ())
