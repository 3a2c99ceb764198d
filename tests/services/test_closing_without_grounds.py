"""When the grounds never arrive, the case owner closes the complaint once the deadline, and any
extension agreed, has passed, and the letter says our internal process has ended (paras 32, 74)."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from casework.models import Letter
from casework.read.holders import holding
from casework.services.errors import Refused
from casework.services.feedback import take_action
from policy.letters import END_OF_PROCESS
from tests.services.conftest import DEADLINE, REQUEST, footprint

pytestmark = pytest.mark.django_db

CLOSE = "close_no_grounds"
NOTE = {"note": "No reply to our letter or our call"}


def paragraphs(refused) -> set[str]:
    return {reason.paragraph for reason in refused.value.reasons}


@pytest.mark.policy("32")
def test_the_case_owner_cannot_close_for_missing_grounds_on_or_before_the_deadline(complaint, walk, caseworker):
    feedback = walk(complaint(), REQUEST)
    assert feedback.grounds_deadline == DEADLINE
    before = footprint(feedback)
    for today in (DEADLINE - timedelta(days=3), DEADLINE):
        with pytest.raises(Refused) as refused:
            take_action(caseworker, feedback.reference, CLOSE, NOTE, today)
        assert paragraphs(refused) == {"32"}
    assert footprint(feedback) == before


@pytest.mark.policy("32")
def test_an_agreed_extension_moves_the_day_the_complaint_may_be_closed(complaint, walk, caseworker, manager):
    feedback = walk(complaint(), REQUEST)
    extended = date(2027, 1, 29)
    take_action(manager, feedback.reference, "extend_deadline", {"new_deadline": extended, "reason": "In hospital"}, DEADLINE)
    with pytest.raises(Refused):
        take_action(caseworker, feedback.reference, CLOSE, NOTE, DEADLINE + timedelta(days=1))
    closed = take_action(caseworker, feedback.reference, CLOSE, NOTE, extended + timedelta(days=1))
    assert holding(closed) is None


@pytest.mark.policy("32")
def test_only_the_case_owner_closes_for_missing_grounds(complaint, walk, manager):
    feedback = walk(complaint(), REQUEST)
    with pytest.raises(Refused):
        take_action(manager, feedback.reference, CLOSE, NOTE, DEADLINE + timedelta(days=1))


@pytest.mark.policy("74")
@pytest.mark.policy("32")
def test_closing_after_the_deadline_ends_the_process_and_tells_the_service_user_so(complaint, walk, caseworker):
    feedback = walk(complaint(), REQUEST)
    closed = take_action(caseworker, feedback.reference, CLOSE, NOTE, DEADLINE + timedelta(days=1))
    assert holding(closed) is None
    letter = Letter.objects.filter(feedback_case=closed).latest("id")
    assert letter.template.code == "no_grounds_received"
    assert END_OF_PROCESS in letter.body
    assert closed.state_label == "Closed: no grounds received"


def test_grounds_that_were_recorded_are_considered_not_closed_as_missing(complaint, walk, caseworker):
    """Once grounds are recorded the feedback has moved on: the action is no longer offered there."""
    from tests.services.conftest import grounds_on

    feedback = walk(complaint(), REQUEST, grounds_on(DEADLINE))
    with pytest.raises(Refused):
        take_action(caseworker, feedback.reference, CLOSE, NOTE, DEADLINE + timedelta(days=5))
