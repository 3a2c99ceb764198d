"""The review's pages: OAT's queue, the review on the feedback page, and its forms' errors."""

from __future__ import annotations

import pytest

from casework.services.feedback import take_action
from tests.services.conftest import AFTER_DEADLINE, ANALYSE, REFER, RISK, UPHELD
from tests.web.test_pages import signed_in

pytestmark = pytest.mark.django_db


@pytest.mark.policy("47", "31")
def test_oats_queue_lists_a_waiting_referral_with_its_adjustments(client, considering, walk, oat, caseworker):
    feedback = walk(
        considering(),
        ("record_adjustments", {"adjustments": "Large print letters"}, AFTER_DEADLINE),
        ANALYSE,
        REFER,
    )

    page = signed_in(client, oat).get("/oat/")

    assert page.status_code == 200
    waiting = page.content.decode().split('id="waiting"')[1].split("</table>")[0]
    assert feedback.reference in waiting and "Large print letters" in waiting


def test_oats_queue_is_not_found_for_a_caseworker(client, caseworker):
    assert signed_in(client, caseworker).get("/oat/").status_code == 404


@pytest.mark.policy("47")
def test_a_taken_referral_moves_to_the_oat_caseworkers_own_list(client, at_oat, oat):
    feedback = at_oat()

    page = signed_in(client, oat).get("/oat/").content.decode()

    assert feedback.reference in page.split('id="yours"')[1].split("</table>")[0]
    assert feedback.reference not in page.split('id="waiting"')[1].split("</table>")[0]


@pytest.mark.policy("53", "58")
def test_the_feedback_page_shows_the_review_decision_ground_by_ground(client, at_oat, walk, oat, caseworker):
    feedback = walk(at_oat(), RISK)
    for name, inputs in [("oat_outcome_accepted", {"advice": "We will review it"}), ("record_review_decision", UPHELD)]:
        take_action(oat, feedback.reference, name, inputs, AFTER_DEADLINE)

    page = signed_in(client, caseworker).get(f"/feedback/{feedback.reference}/").content.decode()

    decision = page.split('id="review-decision"')[1].split("</dd>")[0]
    assert "Something was overlooked or misunderstood: Upheld" in decision
    assert "A careful analysis, referred promptly" in decision


@pytest.mark.policy("46")
def test_the_feedback_page_shows_each_referral_with_its_own_outcome(client, at_oat, walk, oat, caseworker):
    feedback = take_action(
        oat, at_oat().reference, "oat_outcome_returned_further_work", {"advice": "Ask for the discharge letter"}, AFTER_DEADLINE
    )
    acted = {"action_taken": "Asked for it", "service_user_told": "We are looking again"}
    walk(feedback, ("act_on_oat_directions", acted, AFTER_DEADLINE), REFER)

    review = signed_in(client, caseworker).get(f"/feedback/{feedback.reference}/").content.decode().split('id="review"')[1]

    assert review.count("Referred to OAT") == 2
    assert "Returned to caseworker: further work required</strong> (para 48): Ask for the discharge letter" in review
    assert "waiting for an OAT caseworker (para 47)" in review


@pytest.mark.policy("39", "42")
def test_the_pro_forma_without_answers_shows_each_missing_answer_in_the_error_summary(client, considering, caseworker):
    feedback = considering()

    response = signed_in(client, caseworker).post(
        f"/feedback/{feedback.reference}/actions/record_challenge_analysis/", {"reasons": "Some reasons"}
    )

    assert response.status_code == 400
    body = response.content.decode()
    assert "govuk-error-summary" in body
    for anchor in ("#field-is_challenge", "#field-clear_evidence", "#field-genuine_doubt"):
        assert anchor in body


@pytest.mark.policy("50")
def test_the_case_owner_sees_why_they_can_no_longer_write_once_oat_accept(client, at_oat, oat, caseworker):
    feedback = take_action(oat, at_oat().reference, "oat_outcome_accepted", {"advice": "Review"}, AFTER_DEADLINE)

    page = signed_in(client, caseworker).get(f"/feedback/{feedback.reference}/").content.decode()

    closed = page.split('id="closed-actions"')[1]
    assert "the OAT caseworker now communicates with the service user" in closed
