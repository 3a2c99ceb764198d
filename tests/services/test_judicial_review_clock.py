"""The Judicial Review clock of a complaint about our decision (para 71): we will not argue delay when
the review was asked for within one month of the decision and we took more than three months.

The decision complained about is of 25 November 2026: a review asked for by 25 December is in time,
and one asked for on 26 November has taken more than three months after 26 February 2027.
"""

from __future__ import annotations

from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest

from casework.models import FeedbackCase
from casework.read.judicial_review import review_clock, review_requests
from casework.services.feedback import NewFeedback, log_feedback, take_action
from policy.facts import Channel, ClosureReason, FeedbackKind
from tests.conftest import TODAY
from tests.services.conftest import AFTER_DEADLINE, DECISION, RISK, UPHELD

pytestmark = pytest.mark.django_db

JR_DATE = date(2027, 2, 25)
MUCH_LATER = date(2027, 6, 1)


def decided_on(at_oat, walk, oat, day: date) -> FeedbackCase:
    """A review asked for on 26 November 2026 and decided by OAT on `day`."""
    feedback = walk(at_oat(), RISK)
    take_action(oat, feedback.reference, "oat_outcome_accepted", {"advice": "We will review it"}, AFTER_DEADLINE)
    return take_action(oat, feedback.reference, "record_review_decision", UPHELD, day)


@pytest.mark.policy("71")
def test_a_review_asked_for_in_time_and_decided_after_more_than_three_months_means_we_will_not_argue_delay(at_oat, walk, oat):
    feedback = decided_on(at_oat, walk, oat, date(2027, 3, 1))

    clock = review_clock(feedback, MUCH_LATER)

    assert clock.jr_date == JR_DATE
    assert (clock.review_asked_within_a_month, clock.review_took_over_three_months) == (True, True)
    assert clock.will_not_argue_delay


@pytest.mark.policy("71")
def test_a_review_asked_for_in_time_and_decided_quickly_leaves_the_usual_time_limit(at_oat, walk, oat):
    feedback = decided_on(at_oat, walk, oat, AFTER_DEADLINE)

    clock = review_clock(feedback, MUCH_LATER)  # the clock stopped at the decision, months ago

    assert (clock.review_asked_within_a_month, clock.review_took_over_three_months) == (True, False)
    assert not clock.will_not_argue_delay


@pytest.mark.policy("71")
def test_a_review_asked_for_in_time_and_still_undecided_after_three_months_is_flagged(complaint):
    feedback = complaint()  # asked for on 26 November 2026

    assert not review_clock(feedback, date(2027, 2, 26)).will_not_argue_delay
    assert review_clock(feedback, date(2027, 2, 27)).will_not_argue_delay


@pytest.mark.policy("71")
def test_a_review_asked_for_more_than_a_month_after_the_decision_is_never_flagged(complaint):
    feedback = complaint(decision_date=date(2026, 9, 1), received=date(2026, 11, 20))

    clock = review_clock(feedback, MUCH_LATER)

    assert (clock.review_asked_within_a_month, clock.review_took_over_three_months) == (False, True)
    assert not clock.will_not_argue_delay


@pytest.mark.policy("71")
def test_the_clock_of_a_complaint_closed_without_a_review_stops_when_it_closed(complaint, walk):
    feedback = walk(complaint(closure_reason=ClosureReason.LOW_LEVEL_INJUSTICE), ("close_not_eligible", {}, TODAY))
    FeedbackCase.objects.filter(pk=feedback.pk).update(updated_at=datetime(2026, 12, 1, 10, tzinfo=ZoneInfo("Europe/London")))

    assert not review_clock(FeedbackCase.objects.get(pk=feedback.pk), MUCH_LATER).will_not_argue_delay


def test_positive_feedback_is_no_request_for_a_review(make_case, caseworker):
    case = make_case(decision_date=DECISION)
    feedback = log_feedback(
        caseworker, case, NewFeedback(FeedbackKind.POSITIVE, date(2026, 11, 26), Channel.EMAIL, "Thank you"), TODAY
    )

    clock = review_clock(feedback, MUCH_LATER)

    assert clock.jr_date == JR_DATE and not clock.will_not_argue_delay


def test_the_case_lists_each_complaint_about_our_decision_with_its_clock(at_oat, walk, oat):
    feedback = decided_on(at_oat, walk, oat, date(2027, 3, 1))

    [request] = review_requests(feedback.case, MUCH_LATER)

    assert (request.feedback, request.decided_on, request.clock.will_not_argue_delay) == (feedback, date(2027, 3, 1), True)
