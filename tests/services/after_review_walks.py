"""Walks through what follows an upheld review, through the use cases, for the service, page and API tests.

Each takes a review OAT decided upheld (`decided_review`) a step further; every step is a
declared action taken by the person the guidance names.
"""

from __future__ import annotations

from casework.models import FeedbackCase
from casework.services.feedback import take_action
from tests.services.conftest import AFTER_DEADLINE, RISK, UPHELD

PROPOSAL = {"ground": "evidence_flawed", "summary": "Whether the trust's discharge of Mrs Brown was safe"}
QUASH = {
    "missed_or_new_evidence": True,
    "incontrovertibly_wrong": False,
    "no_other_way": True,
    "public_interest": True,
    "reasons": "The report names the wrong surgeon",
}


def decided_review(at_oat, walk, oat, route: str) -> FeedbackCase:
    """An upheld review, decided by OAT on AFTER_DEADLINE, choosing `route` (para 51)."""
    feedback = walk(at_oat(), RISK)
    take_action(oat, feedback.reference, "oat_outcome_accepted", {"advice": "We will review it"}, AFTER_DEADLINE)
    return take_action(oat, feedback.reference, "record_review_decision", {**UPHELD, "route": route}, AFTER_DEADLINE)


def steps(feedback: FeedbackCase, *taken: tuple[object, str, dict]) -> FeedbackCase:
    for person, name, inputs in taken:
        feedback = take_action(person, feedback.reference, name, inputs, AFTER_DEADLINE)
    return feedback


def awaiting_approval(feedback: FeedbackCase, oat) -> FeedbackCase:
    """Proposed to both parties, both commented, and OAT decided to go ahead (paras 63, 64)."""
    return steps(
        feedback,
        (oat, "propose_new_investigation", PROPOSAL),
        (oat, "record_comments", {"party": "service_user", "comments": "Please look again"}),
        (oat, "record_comments", {"party": "organisation", "comments": "We have no objection"}),
        (oat, "decide_to_proceed", {"consideration": "Neither party objects"}),
    )


def quash_with_legal(feedback: FeedbackCase, oat) -> FeedbackCase:
    """A quash proposal meeting the para 67 criteria, with the Legal Team (para 68)."""
    return steps(feedback, (oat, "propose_quash", QUASH))


def quashed(feedback: FeedbackCase, oat, lawyer, ombudsman) -> FeedbackCase:
    return steps(
        quash_with_legal(feedback, oat),
        (lawyer, "give_quash_advice", {"advice": "Quashing is lawful here"}),
        (ombudsman, "quash_report", {"reasons": "The report cannot stand"}),
    )
