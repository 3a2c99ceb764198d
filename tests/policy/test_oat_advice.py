"""When the case owner must ask OAT before a review goes on (paras 26 to 29)."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest

from policy.facts import CaseFacts, Risk
from policy.oat_advice import ChallengeAnswers, OatAdvice, needs_oat_discussion_on_high_risk, oat_advice_triggers
from policy.workflows import validate
from tests.policy.helpers import DEADLINE, OAT, WORKFLOW, closed_paragraphs, decide, on_case, open_actions

TODAY = date(2026, 11, 27)

NONE = ChallengeAnswers()

# Each para 26 criterion on its own, and the words that show which one it was.
CRITERIA = [
    ("medium risk", CaseFacts(risk=Risk.MEDIUM), NONE, "medium risk"),
    ("an MP supports or is involved", CaseFacts(mp_involved=True), NONE, "MP"),
    ("a credible threat of JR", CaseFacts(), ChallengeAnswers(jr_threat_or_unlawful_allegation=True), "Judicial Review"),
    ("an organisation brings it", CaseFacts(), ChallengeAnswers(brought_by_organisation=True), "compliance"),
    ("a further complaint after an upheld review", CaseFacts(previous_review_upheld=True), NONE, "upheld review"),
    ("reviews go to OAT first", CaseFacts(reviews_go_to_oat_first=True), NONE, "within OAT"),
    ("a specialist subject", CaseFacts(), ChallengeAnswers(specialist_subject=True), "specialist"),
]


@pytest.mark.policy("26", "27")
@pytest.mark.parametrize(("criterion", "case", "answers", "words"), CRITERIA, ids=[row[0] for row in CRITERIA])
def test_each_criterion_on_its_own_means_asking_oat_for_advice(criterion, case, answers, words):
    triggers = oat_advice_triggers(case, answers)

    assert len(triggers) == 1, criterion
    assert triggers[0].paragraph == "26"
    assert words in triggers[0].text


@pytest.mark.policy("26")
@pytest.mark.parametrize("risk", [Risk.LOW, Risk.HIGH])
def test_with_no_criterion_there_is_nothing_to_ask_oat(risk):
    assert oat_advice_triggers(CaseFacts(risk=risk), NONE) == []


@pytest.mark.policy("26")
def test_every_criterion_that_applies_is_listed():
    everything = CaseFacts(risk=Risk.MEDIUM, mp_involved=True, previous_review_upheld=True, reviews_go_to_oat_first=True)
    answers = ChallengeAnswers(jr_threat_or_unlawful_allegation=True, brought_by_organisation=True, specialist_subject=True)

    triggers = oat_advice_triggers(everything, answers)

    assert len(triggers) == len(CRITERIA)
    assert {reason.paragraph for reason in triggers} == {"26"}


@pytest.mark.policy("28", "29")
@pytest.mark.parametrize(("risk", "discuss"), [(Risk.HIGH, True), (Risk.MEDIUM, False), (Risk.LOW, False)])
def test_a_high_risk_case_needs_a_discussion_with_oat_about_whether_to_review(risk, discuss):
    reason = needs_oat_discussion_on_high_risk(CaseFacts(risk=risk))

    assert (reason is not None) is discuss
    if discuss:
        assert reason.paragraph == "29"
        assert "high risk" in reason.text


# --- the review waits for OAT's advice when the guidance says to ask for it (paras 26 to 29) ---

ANSWERED = ChallengeAnswers()
CONSIDERING = "under_consideration"


@pytest.mark.policy("26")
def test_the_review_waits_until_the_case_owner_has_checked_whether_oat_advice_is_needed():
    assert closed_paragraphs("record_challenge_analysis", on_case(CONSIDERING)) == {"26"}
    assert decide("record_challenge_analysis", replace(on_case(CONSIDERING), challenge_answers=ANSWERED)).allowed


@pytest.mark.policy("26", "27")
@pytest.mark.parametrize(
    ("case_traits", "answers"),
    [
        ({"risk": Risk.MEDIUM}, ANSWERED),
        ({"mp_involved": True}, ANSWERED),
        ({}, ChallengeAnswers(brought_by_organisation=True)),
        ({}, ChallengeAnswers(specialist_subject=True)),
        ({"previous_review_upheld": True}, ANSWERED),
        ({"reviews_go_to_oat_first": True}, ANSWERED),
    ],
)
def test_when_a_criterion_applies_the_review_waits_for_oats_advice(case_traits, answers):
    waiting = replace(on_case(CONSIDERING, **case_traits), challenge_answers=answers)

    assert closed_paragraphs("record_challenge_analysis", waiting) == {"26", "27"}
    assert decide("request_oat_advice", waiting).allowed
    advised = replace(waiting, oat_advice_requested=True, oat_advice_given=OatAdvice.AS_USUAL)
    assert decide("record_challenge_analysis", advised).allowed


@pytest.mark.policy("26")
def test_with_no_criterion_there_is_no_call_to_ask_oat():
    feedback = replace(on_case(CONSIDERING), challenge_answers=ANSWERED)

    assert closed_paragraphs("request_oat_advice", feedback) == {"26"}


@pytest.mark.policy("28", "29")
def test_no_review_of_a_high_risk_case_without_oats_discussion_and_decision():
    high = replace(on_case(CONSIDERING, risk=Risk.HIGH), challenge_answers=ANSWERED)

    assert "29" in closed_paragraphs("record_challenge_analysis", high)
    asked = replace(high, oat_advice_requested=True)
    assert "29" in closed_paragraphs("record_challenge_analysis", asked)
    assert decide("record_oat_advice", asked, OAT).allowed
    declined = replace(asked, oat_advice_given=OatAdvice.NO_REVIEW)
    assert closed_paragraphs("record_challenge_analysis", declined) == {"29"}
    assert decide("close_no_review", declined).allowed


@pytest.mark.policy("29")
def test_only_on_a_high_risk_case_may_oat_advise_against_any_review():
    medium = replace(on_case(CONSIDERING, risk=Risk.MEDIUM), challenge_answers=ANSWERED, oat_advice_requested=True)
    action = WORKFLOW.action("record_oat_advice")

    refused = validate(action, medium, {"decision": OatAdvice.NO_REVIEW, "advice": "No review"}, TODAY)

    assert [(reason.paragraph, reason.field) for reason in refused.reasons] == [("29", "decision")]
    assert closed_paragraphs("close_no_review", medium) == {"29"}


@pytest.mark.policy("27", "37")
def test_when_oat_will_consider_it_the_grounds_go_straight_to_them():
    advised = replace(
        on_case("grounds_received"),
        grounds_deadline=DEADLINE,
        grounds_received_date=DEADLINE,
        challenge_answers=ANSWERED,
        oat_advice_requested=True,
        oat_advice_given=OatAdvice.CONSIDER_WITHIN_OAT,
    )

    assert open_actions(advised) == {"pass_to_oat"}


@pytest.mark.policy("27")
def test_oat_give_their_advice_only_when_asked_and_only_once():
    answered = replace(on_case(CONSIDERING, risk=Risk.MEDIUM), challenge_answers=ANSWERED)

    assert closed_paragraphs("record_oat_advice", answered, OAT) == {"27"}
    given = replace(answered, oat_advice_requested=True, oat_advice_given=OatAdvice.AS_USUAL)
    assert closed_paragraphs("record_oat_advice", given, OAT) == {"27"}


@pytest.mark.policy("29")
@pytest.mark.parametrize(
    ("risk", "advice"),
    [(Risk.MEDIUM, OatAdvice.AS_USUAL), (Risk.LOW, OatAdvice.FURTHER_OVERSIGHT), (Risk.HIGH, OatAdvice.NO_REVIEW)],
)
def test_oat_may_advise_how_to_handle_any_case_and_against_a_review_on_a_high_risk_one(risk, advice):
    asked = replace(on_case(CONSIDERING, risk=risk), challenge_answers=ANSWERED, oat_advice_requested=True)

    assert validate(WORKFLOW.action("record_oat_advice"), asked, {"decision": advice, "advice": "Go ahead"}, TODAY).allowed


@pytest.mark.policy("27")
def test_the_case_owner_asks_oat_for_advice_once():
    asked = replace(on_case(CONSIDERING, risk=Risk.MEDIUM), challenge_answers=ANSWERED, oat_advice_requested=True)

    assert closed_paragraphs("request_oat_advice", asked) == {"27"}
