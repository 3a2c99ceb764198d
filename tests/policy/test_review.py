"""OAT's review decision and remedies, without a database: paras 51, 58 and 78."""

from __future__ import annotations

from datetime import date

import pytest

from policy.facts import CaseFacts, ChallengeAnalysis, Role, Stage
from policy.review import OatOutcome, Route
from policy.workflows import validate
from tests.policy.helpers import OAT, WORKFLOW, closed_paragraphs, decide, facts, taken_by, taken_from

TODAY = date(2026, 12, 20)
UPHELD = {
    "finding_overlooked": "upheld",
    "remedy_analysis": "The finding and our explanation put it right",
    "impact": "Months of uncertainty",
    "proportionality": "An explanation is proportionate",
    "restoring_position": "It restores the position as far as words can",
    "handling_feedback": "Clear and prompt",
    "proportionate": True,
}


def decided(upheld: bool | None, route: str = "", **feedback):
    """A review OAT's caseworker Olive decided, asking as Olive."""
    return facts(
        "review_decided",
        finding_upheld=upheld,
        review_route=route,
        oat_caseworker="olive",
        acting_as="olive",
        ground_types=("overlooked",),
        **feedback,
    )


REMEDY_PARTS = {
    "remedy_analysis": ("58", "Explain what remedy, if any, is proposed and why"),
    "impact": ("59", "Enter the specific impact on the service user"),
    "proportionality": ("59", "Enter whether the remedy is proportionate to the injustice"),
    "restoring_position": ("59", "Enter whether it puts the service user back in the position they would have been in"),
}


def accepted(**feedback):
    return facts("accepted_by_oat", oat_caseworker="olive", acting_as="olive", ground_types=("overlooked",), **feedback)


def refusals(inputs: dict, **feedback) -> list[tuple[str, str | None]]:
    decision = validate(WORKFLOW.action("record_review_decision"), accepted(**feedback), inputs, TODAY)
    return [(reason.paragraph, reason.field) for reason in decision.reasons]


def accepted_in(state: str, **feedback):
    return facts(state, **{"oat_caseworker": "olive", "acting_as": "olive", "ground_types": ("overlooked",), **feedback})


@pytest.mark.policy("53", "47")
def test_only_the_oat_caseworker_who_took_the_review_records_the_decision_that_tells_the_case_owner():
    assert taken_from("record_review_decision", accepted_in, OAT) == {"accepted_by_oat"}
    assert taken_by("record_review_decision", accepted()) == {Role.OAT}
    assert closed_paragraphs("record_review_decision", accepted_in("accepted_by_oat", acting_as="oscar"), OAT) == {"47"}
    assert closed_paragraphs("record_review_decision", accepted_in("accepted_by_oat", oat_caseworker=None), OAT) == {"47"}


@pytest.mark.policy("53", "54")
def test_the_review_decision_is_not_recorded_without_the_case_owners_feedback_on_their_handling():
    missing = refusals({**UPHELD, "handling_feedback": "  ", "proportionate": None})
    assert missing == [("54", "handling_feedback"), ("54", "proportionate")]


@pytest.mark.policy("48", "13")
def test_only_the_case_owner_treats_what_oat_returned_as_a_service_complaint_as_one_and_says_why():
    action = WORKFLOW.action("reclassify_as_service_complaint")

    def returned(state, outcome=OatOutcome.SERVICE_COMPLAINT):
        return facts(state, oat_outcome=outcome)

    assert taken_from("reclassify_as_service_complaint", returned) == {"returned_by_oat"}
    assert taken_by("reclassify_as_service_complaint", returned("returned_by_oat")) == {Role.CASEWORKER}
    for outcome in set(OatOutcome) - {OatOutcome.SERVICE_COMPLAINT}:
        assert closed_paragraphs("reclassify_as_service_complaint", returned("returned_by_oat", outcome)) == {"48"}
    decision = validate(action, returned("returned_by_oat"), {"reason": " "}, TODAY)
    assert [(r.paragraph, r.field) for r in decision.reasons] == [("48", "reason")]


@pytest.mark.policy("78")
@pytest.mark.parametrize("route", list(Route))
def test_oat_offer_a_remedy_on_an_upheld_review_only_after_a_risk_assessment_whatever_the_route(route):
    assert closed_paragraphs("offer_remedy", decided(True, route), OAT) == {"78"}
    assert decide("offer_remedy", decided(True, route, risk_assessed=True), OAT).allowed


@pytest.mark.policy("58")
@pytest.mark.parametrize("upheld", [False, None])
def test_oat_offer_no_remedy_on_a_review_that_was_not_upheld(upheld):
    assert "58" in closed_paragraphs("offer_remedy", decided(upheld, risk_assessed=True), OAT)


@pytest.mark.policy("51", "58")
def test_an_upheld_review_must_say_what_follows_and_does_not_default_to_no_further_work():
    assert refusals(UPHELD) == [("51", "route")]
    assert refusals({**UPHELD, "route": Route.NO_FURTHER_WORK}) == []


@pytest.mark.policy("51")
def test_further_work_follows_only_an_upheld_review():
    not_upheld = {
        "finding_overlooked": "not_upheld",
        "reasons_overlooked": "Nothing was missed",
        "handling_feedback": "Clear",
        "proportionate": True,
    }

    assert refusals(not_upheld) == []
    assert refusals({**not_upheld, "route": Route.REMEDY}) == [("51", "route")]


@pytest.mark.policy("58", "59")
@pytest.mark.parametrize("missing", ["remedy_analysis", "impact", "proportionality", "restoring_position"])
def test_an_upheld_review_explains_its_remedy_on_the_principles_for_remedy(missing):
    inputs = {**UPHELD, "route": Route.NO_FURTHER_WORK, missing: " "}

    assert [field for _, field in refusals(inputs)] == [missing]


@pytest.mark.policy("78")
@pytest.mark.parametrize("route", sorted(Route))
def test_choosing_further_work_on_an_upheld_review_needs_a_risk_assessment(route):
    inputs = {**UPHELD, "route": route}
    further_work = route != Route.NO_FURTHER_WORK

    assert (("78", "route") in refusals(inputs)) is further_work
    assert refusals(inputs, risk_assessed=True) == []


@pytest.mark.policy("42", "43", "44")
@pytest.mark.parametrize(
    ("stage", "genuine_doubt", "closed"),
    [
        (Stage.PRIMARY, True, set()),
        (Stage.PRIMARY, False, {"42"}),
        (Stage.DETAILED, True, {"44"}),
        (Stage.DETAILED, False, {"42", "44"}),
    ],
)
def test_a_primary_decision_in_genuine_doubt_is_reconsidered_in_the_team_and_a_detailed_one_goes_to_oat(
    stage, genuine_doubt, closed
):
    analysis = ChallengeAnalysis(is_challenge=True, clear_evidence=True, genuine_doubt=genuine_doubt)
    feedback = facts("under_consideration", CaseFacts(stage=stage), challenge_analysis=analysis, risk_assessed=True)

    assert set(decide("reconsider_within_team", feedback).paragraphs) == closed
    assert decide("reconsider_within_team", feedback).allowed is not closed


@pytest.mark.policy("42", "43")
def test_reconsidering_needs_an_actionable_challenge():
    analysis = ChallengeAnalysis(is_challenge=True, clear_evidence=False, genuine_doubt=True)
    feedback = facts("under_consideration", challenge_analysis=analysis, risk_assessed=True)

    assert decide("reconsider_within_team", feedback).paragraphs == ("40",)


@pytest.mark.policy("58", "59")
def test_an_upheld_review_names_each_missing_part_of_its_remedy_analysis_in_the_users_words():
    inputs = {key: value for key, value in UPHELD.items() if key not in REMEDY_PARTS} | {"route": Route.NO_FURTHER_WORK}

    assert [(paragraph, field) for paragraph, field in refusals(inputs)] == [(p, f) for f, (p, _) in REMEDY_PARTS.items()]
    texts = validate(WORKFLOW.action("record_review_decision"), accepted(), inputs, TODAY).reasons
    assert [reason.text for reason in texts] == [text for _, text in REMEDY_PARTS.values()]


@pytest.mark.policy("58")
def test_a_finding_is_recorded_on_each_ground_raised_and_only_on_those():
    assert refusals({**UPHELD, "route": Route.NO_FURTHER_WORK, "finding_overlooked": ""}) == [("58", "finding_overlooked")]
    assert refusals({**UPHELD, "route": Route.NO_FURTHER_WORK, "finding_new_information": "upheld"}) == [
        ("58", "finding_new_information")
    ]


@pytest.mark.policy("51")
@pytest.mark.parametrize("route", [None, "", Route.NO_FURTHER_WORK])
def test_a_review_not_upheld_may_leave_what_follows_blank_or_say_no_further_work(route):
    not_upheld = {
        "finding_overlooked": "not_upheld",
        "reasons_overlooked": "Nothing was missed",
        "handling_feedback": "Clear",
        "proportionate": True,
        "route": route,
    }

    assert refusals(not_upheld) == []


@pytest.mark.policy("51", "55", "56", "57", "58", "60", "64", "74")
@pytest.mark.parametrize(
    ("upheld", "route", "done", "closed"),
    [
        (None, "", {}, {"51"}),
        (False, "", {}, set()),
        (True, Route.NO_FURTHER_WORK, {"learning_point_count": 0}, {"55"}),
        (True, Route.NO_FURTHER_WORK, {}, set()),
        (True, Route.FINANCIAL_REMEDY, {}, {"60"}),
        (True, Route.FINANCIAL_REMEDY, {"financial_remedy_count": 1, "remedy_count": 1}, set()),
        (True, Route.REMEDY, {"financial_remedy_count": 1, "remedy_count": 1}, {"58"}),
        (True, Route.REMEDY, {"remedy_count": 1}, set()),
        (True, Route.FRESH_PRIMARY, {}, {"57"}),
        (True, Route.FRESH_PRIMARY, {"follow_on_arranged": True}, set()),
        (True, Route.NEW_DETAILED, {}, {"64"}),
        (True, Route.NEW_DETAILED, {"follow_on_arranged": True}, set()),
        (True, Route.NEW_DETAILED, {"new_investigation_ended": True}, set()),
    ],
)
def test_the_review_decision_is_sent_only_with_its_learning_and_what_it_promised_done(upheld, route, done, closed):
    feedback = decided(upheld, route, **{"learning_point_count": 1, **done})

    assert set(decide("send_review_decision", feedback, OAT).paragraphs) == closed
    assert decide("send_review_decision", feedback, OAT).allowed is not closed


@pytest.mark.policy("50")
def test_a_ground_not_upheld_needs_oats_reasons_for_the_letter():
    no_reasons = {"finding_overlooked": "not_upheld", "handling_feedback": "Clear", "proportionate": True}

    assert refusals(no_reasons) == [("50", "reasons_overlooked")]
    assert refusals({**no_reasons, "reasons_overlooked": "  "}) == [("50", "reasons_overlooked")]
