"""Shortcuts for the service tests: log a decision complaint and walk it along its workflow."""

from __future__ import annotations

from datetime import date

import pytest

from casework.models import Event, FeedbackCase, Letter
from casework.services.feedback import NewFeedback, log_feedback, take_action
from policy.facts import Channel, FeedbackKind
from tests.conftest import TODAY

# A decision whose grounds fall due on Christmas Day 2026 (a Friday), so the deadline rolls on
# past the weekend and the Boxing Day substitute Monday to Tuesday 29 December (para 32).
DECISION = date(2026, 11, 25)
DEADLINE = date(2026, 12, 29)
LATE = date(2026, 12, 30)
AFTER_DEADLINE = date(2027, 1, 6)

GROUNDS = {
    "ground_types": ["overlooked"],
    "why_wrong": "You did not read the discharge letter I sent",
    "what_they_want": "Look at the case again",
    "evidence": "Discharge letter of 3 March",
}


@pytest.fixture
def complaint(make_case, caseworker):
    """Log a decision complaint on a new Team A case; traits change the case."""

    def log(received: date = date(2026, 11, 26), jr_in_prospect: bool = False, **traits) -> FeedbackCase:
        traits.setdefault("decision_date", DECISION)
        case = make_case(**traits)
        new = NewFeedback(
            kind=FeedbackKind.DECISION_COMPLAINT,
            received_date=received,
            channel=Channel.EMAIL,
            summary="I think your decision is wrong",
            jr_in_prospect=jr_in_prospect,
        )
        return log_feedback(caseworker, case, new, TODAY)

    return log


@pytest.fixture
def walk(caseworker):
    """Take a series of actions as the case owner; each step is (action, inputs, today)."""

    def steps(feedback: FeedbackCase, *actions: tuple[str, dict, date]) -> FeedbackCase:
        for name, inputs, today in actions:
            feedback = take_action(caseworker, feedback.reference, name, inputs, today)
        return feedback

    return steps


def grounds_on(received: date) -> tuple[str, dict, date]:
    """Record grounds that arrived on `received`, a few days after the deadline has passed."""
    return ("record_grounds", {**GROUNDS, "received_date": received}, AFTER_DEADLINE)


REQUEST = ("request_grounds", {}, TODAY)
INVITE = ("invite_explanation", {}, AFTER_DEADLINE)


def footprint(feedback: FeedbackCase) -> tuple:
    """What a refused action must leave exactly as it was."""
    fresh = FeedbackCase.objects.get(pk=feedback.pk)
    return (
        fresh.state,
        fresh.grounds_deadline,
        fresh.outcome_note,
        Event.objects.count(),
        Letter.objects.count(),
        fresh.tasks.count(),
        tuple(fresh.tasks.order_by("id").values_list("status", flat=True)),
    )
