"""When the case owner must ask OAT before a review goes on (paras 26 to 29)."""

from __future__ import annotations

import pytest

from policy.facts import CaseFacts, Risk
from policy.oat_advice import ChallengeAnswers, needs_oat_discussion_on_high_risk, oat_advice_triggers

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
