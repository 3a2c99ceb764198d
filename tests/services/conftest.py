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


def log_complaint(caseworker, make_case, received: date = date(2026, 11, 26), jr_in_prospect: bool = False, **traits):
    """A decision complaint on a new Team A case; traits change the case."""
    traits.setdefault("decision_date", DECISION)
    new = NewFeedback(
        kind=FeedbackKind.DECISION_COMPLAINT,
        received_date=received,
        channel=Channel.EMAIL,
        summary="I think your decision is wrong",
        jr_in_prospect=jr_in_prospect,
    )
    return log_feedback(caseworker, make_case(**traits), new, TODAY)


@pytest.fixture
def complaint(make_case, caseworker):
    """Log a decision complaint on a new Team A case; traits change the case."""

    def log(**options) -> FeedbackCase:
        return log_complaint(caseworker, make_case, **options)

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


# --- the review: the case owner's analysis, the referral and OAT's decision ---------------------

NO_TRIGGERS = {"jr_threat_or_unlawful_allegation": False, "brought_by_organisation": False, "specialist_subject": False}
CHECK = ("check_oat_advice_needed", NO_TRIGGERS, TODAY)
ACCEPT = ("accept_in_time", {}, AFTER_DEADLINE)
ACTIONABLE = {"is_challenge": True, "clear_evidence": True, "genuine_doubt": True, "reasons": "The letter was not read"}
ANALYSE = ("record_challenge_analysis", ACTIONABLE, AFTER_DEADLINE)
RISK = ("record_risk_assessment", {"risk": "low", "assessment": "No new risks to the service user"}, AFTER_DEADLINE)
REFER = ("refer_to_oat", {"summary": "The discharge letter was overlooked"}, AFTER_DEADLINE)
UPHELD = {
    "finding_overlooked": "upheld",
    "route": "financial_remedy",
    "remedy_analysis": "A payment for the distress of a wrong decision",
    "impact": "Months of distress",
    "proportionality": "Level 2 of the scale fits the distress",
    "restoring_position": "A payment cannot undo it, but recognises it",
    "handling_feedback": "A careful analysis, referred promptly",
    "proportionate": True,
}
PAYMENT = {"remedy_type": "financial", "details": "A payment for distress", "severity_level": "2", "amount": "500"}
LEARNING = {
    "kind": "individual",
    "text": "The case owner did not contact the service user to discuss the complaint",
    "service_model_section": "Section 2 Contacting the complainant (para 2.140)",
    "charter_commitment": "5",
}


@pytest.fixture
def considering(caseworker, make_case, walk):
    """A complaint whose in-time grounds are under the case owner's consideration."""

    def make(**traits):
        return walk(log_complaint(caseworker, make_case, **traits), CHECK, REQUEST, grounds_on(DEADLINE), ACCEPT)

    return make


@pytest.fixture
def at_oat(considering, walk, oat):
    """Referred to OAT, and taken by the OAT caseworker."""

    def make(**traits):
        feedback = walk(considering(**traits), ANALYSE, REFER)
        return take_action(oat, feedback.reference, "take_referral", {}, AFTER_DEADLINE)

    return make


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
