"""Whether a decision complaint may enter review: paras 3, 21 (low-level injustice), 5 (one
review only), 22 (unacceptable behaviour), 70 (Judicial Review in prospect), 76 (joint LGSCO)."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest

from policy.facts import ChallengeAnalysis, ChallengeAnswers, ClosureReason, FeedbackFacts, Risk, Role
from policy.workflows import validate
from tests.policy.helpers import (
    CASEWORKER,
    IN_TIME,
    LATE,
    LEGAL,
    MANAGER,
    OAT,
    WORKFLOW,
    closed_paragraphs,
    decide,
    facts,
    grounds_in,
    on_case,
    open_actions,
)

TODAY = date(2026, 11, 27)
LOW_LEVEL = ClosureReason.LOW_LEVEL_INJUSTICE


def test_a_plain_decision_complaint_can_go_on_to_ask_for_grounds():
    assert open_actions(on_case()) == {"request_grounds"}


@pytest.mark.policy("3", "21")
def test_a_case_closed_as_a_low_level_injustice_cannot_enter_review():
    feedback = on_case(closure_reason=LOW_LEVEL)

    assert closed_paragraphs("request_grounds", feedback) == {"21", "3"}
    assert open_actions(feedback) == {"close_not_eligible"}


@pytest.mark.policy("3", "21")
@pytest.mark.parametrize("closure", [reason for reason in ClosureReason if reason != LOW_LEVEL] + [None])
def test_only_a_low_level_injustice_closes_the_complaint_as_not_eligible(closure):
    feedback = on_case(closure_reason=closure)

    assert decide("request_grounds", feedback).allowed
    assert closed_paragraphs("close_not_eligible", feedback) == {"21"}


@pytest.mark.policy("76")
def test_a_joint_lgsco_decision_goes_to_the_joint_working_team_and_not_to_review():
    feedback = on_case(joint_with_lgsco=True)

    assert closed_paragraphs("request_grounds", feedback) == {"76"}
    assert open_actions(feedback) == {"route_to_joint_working"}


@pytest.mark.policy("76")
def test_a_decision_that_is_not_joint_is_not_sent_to_the_joint_working_team():
    assert closed_paragraphs("route_to_joint_working", on_case()) == {"76"}


@pytest.mark.policy("5")
@pytest.mark.parametrize(
    ("exceptional_reason", "agreed", "may_request_grounds"),
    [
        ("", False, False),
        ("The report misnamed the organisation throughout", False, False),  # recorded, OAT not yet agreed
        ("", True, False),  # agreement without recorded circumstances is not enough
        ("The report misnamed the organisation throughout", True, True),
    ],
)
def test_a_case_reviewed_before_needs_exceptional_circumstances_and_oats_agreement(
    exceptional_reason, agreed, may_request_grounds
):
    feedback = facts(case=on_case(review_count=1).case, exceptional_reason=exceptional_reason, exceptional_review_agreed=agreed)
    decision = decide("request_grounds", feedback)

    assert decision.allowed is may_request_grounds
    if not may_request_grounds:
        assert set(decision.paragraphs) == {"5"}


@pytest.mark.policy("5")
def test_a_case_never_reviewed_needs_no_exceptional_reason():
    feedback = on_case(review_count=0)

    assert decide("request_grounds", feedback).allowed
    assert closed_paragraphs("record_exceptional_reason", feedback) == {"5"}


@pytest.mark.policy("5")
def test_the_case_owner_records_the_exceptional_circumstances_of_a_further_review():
    feedback = on_case(review_count=2)

    assert open_actions(feedback) == {"record_exceptional_reason"}


@pytest.mark.policy("5")
@pytest.mark.parametrize("reason", [None, "", "  "])
def test_exceptional_circumstances_cannot_be_recorded_blank(reason):
    decision = validate(WORKFLOW.action("record_exceptional_reason"), on_case(review_count=1), {"reason": reason}, TODAY)

    assert [(r.paragraph, r.field) for r in decision.reasons] == [("5", "reason")]
    assert not decision.allowed


@pytest.mark.policy("5")
@pytest.mark.parametrize(
    ("roles", "may_agree"),
    [
        (OAT, True),
        (CASEWORKER, False),
        (MANAGER, False),
        (LEGAL, False),
        ({Role.OMBUDSMAN}, False),
    ],
)
def test_only_oat_agree_to_a_further_review(roles, may_agree):
    feedback = facts(case=on_case(review_count=1).case, exceptional_reason="The report misnamed the organisation")
    decision = decide("agree_exceptional_review", feedback, roles)

    assert decision.allowed is may_agree
    if not may_agree:
        assert decision.paragraphs == ("5",)


@pytest.mark.policy("5")
def test_oat_cannot_agree_before_the_case_owner_records_the_exceptional_circumstances():
    assert closed_paragraphs("agree_exceptional_review", on_case(review_count=1), OAT) == {"5"}


@pytest.mark.policy("22")
@pytest.mark.parametrize("state", ["received", "grounds_requested", "grounds_received", "explanation_invited"])
@pytest.mark.parametrize(
    ("restriction", "roles", "may_decline"), [(True, CASEWORKER, True), (True, MANAGER, True), (False, CASEWORKER, False)]
)
def test_a_review_is_declined_for_behaviour_only_under_a_recorded_restriction(state, restriction, roles, may_decline):
    feedback = grounds_in(LATE, state=state, behaviour_restriction=restriction)
    decision = decide("decline_for_behaviour", feedback, roles)

    assert decision.allowed is may_decline
    if not may_decline:
        assert decision.paragraphs == ("22",)


@pytest.mark.policy("22")
@pytest.mark.parametrize("reason", [None, "", "  "])
def test_declining_for_behaviour_needs_a_recorded_reason(reason):
    decision = validate(WORKFLOW.action("decline_for_behaviour"), on_case(behaviour_restriction=True), {"reason": reason}, TODAY)

    assert not decision.allowed
    assert [(r.paragraph, r.field) for r in decision.reasons] == [("22", "reason")]


@pytest.mark.policy("70")
@pytest.mark.parametrize(("received", "action"), [(IN_TIME, "accept_in_time"), (LATE, "set_aside_time_limit")])
def test_with_judicial_review_in_prospect_the_review_waits_for_legal_advice(received, action):
    waiting = replace(grounds_in(received), jr_in_prospect=True)

    assert closed_paragraphs(action, waiting) == {"70"}
    assert action not in open_actions(waiting)

    advised = replace(waiting, legal_advice_recorded=True)
    assert decide(action, advised).allowed


@pytest.mark.policy("70")
@pytest.mark.parametrize(
    ("roles", "may_record"),
    [(LEGAL, True), (OAT, True), (CASEWORKER, False), (MANAGER, False)],
)
def test_the_legal_teams_advice_is_recorded_by_legal_or_oat(roles, may_record):
    feedback = facts("grounds_requested", jr_in_prospect=True)
    decision = decide("record_legal_advice", feedback, roles)

    assert decision.allowed is may_record
    if not may_record:
        assert decision.paragraphs == ("70",)


@pytest.mark.policy("70")
def test_legal_advice_is_asked_for_only_when_judicial_review_is_in_prospect_and_only_once():
    assert closed_paragraphs("record_legal_advice", facts("grounds_requested"), LEGAL) == {"70"}
    advised = facts("grounds_requested", jr_in_prospect=True, legal_advice_recorded=True)
    assert closed_paragraphs("record_legal_advice", advised, LEGAL) == {"70"}


@pytest.mark.policy("70")
@pytest.mark.parametrize("advice", [None, "", " "])
def test_legal_advice_cannot_be_recorded_blank(advice):
    decision = validate(
        WORKFLOW.action("record_legal_advice"), facts("grounds_requested", jr_in_prospect=True), {"advice": advice}, TODAY
    )

    assert [(r.paragraph, r.field) for r in decision.reasons] == [("70", "advice")]


@pytest.mark.policy("70")
@pytest.mark.parametrize("received", [IN_TIME, LATE])
def test_with_judicial_review_in_prospect_a_complaint_oat_asked_for_first_waits_for_legal_advice(received):
    waiting = replace(grounds_in(received, reviews_go_to_oat_first=True), jr_in_prospect=True)

    assert closed_paragraphs("pass_to_oat", waiting) == {"70"}
    assert decide("pass_to_oat", replace(waiting, legal_advice_recorded=True)).allowed


@pytest.mark.policy("70")
def test_with_judicial_review_in_prospect_oat_accept_a_review_only_after_legal_advice():
    referral = facts("with_oat", jr_in_prospect=True, oat_caseworker="olive", acting_as="olive")

    assert closed_paragraphs("oat_outcome_accepted", referral, OAT) == {"70"}
    assert decide("oat_outcome_returned_more_information", referral, OAT).allowed  # only going ahead waits
    assert decide("oat_outcome_accepted", replace(referral, legal_advice_recorded=True), OAT).allowed


@pytest.mark.policy("70")
@pytest.mark.parametrize("state", ["under_consideration", "case_owner_acted", "returned_by_oat", "with_oat"])
def test_judicial_review_coming_into_prospect_later_can_still_get_its_legal_advice(state):
    assert decide("record_legal_advice", facts(state, jr_in_prospect=True), LEGAL).allowed


ACTIONABLE = ChallengeAnalysis(is_challenge=True, clear_evidence=True, genuine_doubt=True)
# Each way the case owner (or OAT) could take a complaint on towards a review or OAT, with
# feedback on which it is open when the case is not joint with the LGSCO.
TOWARDS_OAT = [
    ("resolve_by_case_owner", CASEWORKER, facts("under_consideration")),
    ("issue_amended_report", CASEWORKER, facts("received")),
    ("check_oat_advice_needed", CASEWORKER, facts("received")),
    ("request_oat_advice", CASEWORKER, facts("received", challenge_answers=ChallengeAnswers(specialist_subject=True))),
    ("refer_to_oat", CASEWORKER, facts("under_consideration", challenge_analysis=ACTIONABLE)),
    ("pass_to_oat", CASEWORKER, grounds_in(IN_TIME, reviews_go_to_oat_first=True)),
    ("agree_exceptional_review", OAT, facts("received", exceptional_reason="Misnamed throughout")),
]


def _joint(feedback: FeedbackFacts) -> FeedbackFacts:
    return replace(feedback, case=replace(feedback.case, joint_with_lgsco=True, risk=Risk.LOW))


@pytest.mark.policy("76")
@pytest.mark.parametrize(("action", "roles", "feedback"), TOWARDS_OAT, ids=[name for name, _, _ in TOWARDS_OAT])
def test_on_a_joint_lgsco_case_nothing_takes_the_complaint_towards_oat(action, roles, feedback):
    if action == "agree_exceptional_review":
        feedback = replace(feedback, case=replace(feedback.case, review_count=1))

    assert decide(action, feedback, roles).allowed
    assert closed_paragraphs(action, _joint(feedback), roles) == {"76"}


@pytest.mark.policy("5")
def test_exceptional_circumstances_are_recorded_once_and_only_for_a_case_reviewed_before():
    reviewed = on_case(review_count=1)

    assert decide("record_exceptional_reason", reviewed).allowed
    assert closed_paragraphs("record_exceptional_reason", on_case()) == {"5"}
    assert closed_paragraphs("record_exceptional_reason", replace(reviewed, exceptional_reason="Misnamed")) == {"5"}


@pytest.mark.policy("5")
def test_oat_agree_to_a_further_review_once():
    agreed = replace(on_case(review_count=1), exceptional_reason="Misnamed", exceptional_review_agreed=True)

    assert closed_paragraphs("agree_exceptional_review", agreed, OAT) == {"5"}
