"""Reviewing a complaint about our decision: the case owner's analysis, OAT's review and decision.

Paragraphs 25 (amended reports), 38 to 46 (is there an actionable challenge, and what the case
owner does about it), 47 to 56 (OAT's consideration, outcomes and decision), 58 to 60 (remedy)
and 77 to 78 (a risk assessment before further work).
"""

from __future__ import annotations

from collections.abc import Mapping
from enum import StrEnum
from typing import Any

from policy.decisions import Decision, Reason, rule
from policy.facts import FeedbackFacts, Stage

# The review criteria the public is told about; each ground is recorded as one of them (para 38).
GROUND_TYPES = (
    ("inaccurate_facts", "The facts were inaccurate"),
    ("new_information", "There is new and relevant information"),
    ("overlooked", "Something was overlooked or misunderstood"),
)

# Recorded when the service user is unhappy with the decision without saying what was wrong (para 40),
# so that no ground type is ticked that they did not raise. It is no ground: nothing is recorded for it.
NO_SPECIFIC_GROUND = "none_given"
GROUND_CHOICES = (*GROUND_TYPES, (NO_SPECIFIC_GROUND, "No specific ground given: they are unhappy with the decision"))

FINDINGS = (("upheld", "Upheld"), ("not_upheld", "Not upheld"))


def ground_findings(finding: Mapping[str, Any]) -> list[dict[str, str]]:
    """The finding on each ground of a review decision, in words, in the order the grounds are listed."""
    labels, findings = dict(GROUND_TYPES), dict(FINDINGS)
    decided = finding.get("grounds", {})
    return [
        {"ground": ground, "label": labels[ground], "finding": findings[decided[ground]]}
        for ground, _ in GROUND_TYPES
        if ground in decided
    ]


class OatOutcome(StrEnum):
    """The outcomes of OAT's consideration of a referral: exactly these six (para 48)."""

    MORE_INFORMATION = "returned_more_information"
    FURTHER_WORK = "returned_further_work"
    SERVICE_COMPLAINT = "returned_service_complaint"
    CRITERIA_NOT_MET = "review_criteria_not_met"
    OTHER = "returned_other"
    ACCEPTED = "accepted"


OAT_OUTCOMES = {
    OatOutcome.MORE_INFORMATION: "Returned to caseworker: more information needed",
    OatOutcome.FURTHER_WORK: "Returned to caseworker: further work required",
    OatOutcome.SERVICE_COMPLAINT: "Returned to caseworker: not for OAT, a service complaint",
    OatOutcome.CRITERIA_NOT_MET: "Returned to caseworker: not for OAT, review criteria not met",
    OatOutcome.OTHER: "Returned to caseworker: not for OAT, other",
    OatOutcome.ACCEPTED: "Accepted by OAT",
}


class Route(StrEnum):
    """What follows an upheld review (para 51)."""

    NO_FURTHER_WORK = "no_further_work"
    REMEDY = "remedy"
    FINANCIAL_REMEDY = "financial_remedy"
    FRESH_PRIMARY = "fresh_primary_investigation"
    NEW_DETAILED = "new_detailed_investigation"


ROUTES = (
    (Route.NO_FURTHER_WORK, "No further work: the finding and explanation are the remedy"),
    (Route.REMEDY, "A remedy such as an apology or a service improvement"),
    (Route.FINANCIAL_REMEDY, "A financial remedy"),
    (Route.FRESH_PRIMARY, "A fresh primary investigation"),
    (Route.NEW_DETAILED, "A new detailed investigation (exceptional)"),
)

# Choosing one of these is deciding to do further work after a complaint (para 78).
FURTHER_WORK = frozenset({Route.REMEDY, Route.FINANCIAL_REMEDY, Route.FRESH_PRIMARY, Route.NEW_DETAILED})


@rule("25")
def amended_report_refusals(inputs: Mapping[str, Any]) -> list[Reason]:
    """An amended report is only for minor mistakes that would not change the decision."""
    if inputs.get("inconsequential") is False:
        return [
            Reason(
                "25",
                "An amended report is only for minor mistakes that would not affect our decision: consider the complaint instead",
                field="inconsequential",
            )
        ]
    return []


@rule("38", "39")
def analysis_recorded(facts: FeedbackFacts) -> Decision:
    if facts.challenge_analysis is None:
        return Decision.refuse(Reason("38", "Complete the analysis of the challenge (the pro-forma) first"))
    return Decision.allow()


@rule("40")
def not_actionable(facts: FeedbackFacts) -> Decision:
    """No further action when the service user is only unhappy, or unspecific about what is wrong."""
    analysis = facts.challenge_analysis
    if analysis is None:
        return analysis_recorded(facts)
    if analysis.actionable:
        return Decision.refuse(
            Reason("40", "The analysis found a challenge with clear evidence or explanation: it is actionable")
        )
    return Decision.allow()


@rule("39", "40")
def actionable(facts: FeedbackFacts) -> Decision:
    analysis = facts.challenge_analysis
    if analysis is None:
        return analysis_recorded(facts)
    if not analysis.actionable:
        return Decision.refuse(
            Reason("40", "The analysis found no challenge with clear evidence or explanation: close it with no further action")
        )
    return Decision.allow()


@rule("42", "43", "44")
def may_reconsider_within_team(facts: FeedbackFacts) -> Decision:
    """A primary decision shown to be wrong is reconsidered in the team; a detailed one goes to OAT."""
    decision = actionable(facts)
    if not decision.allowed:
        return decision
    refusals = []
    if facts.challenge_analysis is not None and not facts.challenge_analysis.genuine_doubt:
        refusals.append(Reason("42", "The analysis found no genuine doubt about the decision"))
    if facts.case.stage == Stage.DETAILED:
        refusals.append(
            Reason("44", "This was a detailed investigation decision: if it may be wrong, refer it to OAT to decide next steps")
        )
    return Decision.unless(refusals)


@rule("77", "78")
def risk_assessed(facts: FeedbackFacts) -> Decision:
    """Deciding to do further work after a complaint needs a recorded risk assessment."""
    if facts.risk_assessed:
        return Decision.allow()
    return Decision.refuse(Reason("78", "Record a risk assessment before deciding to do further work"))


@rule("47")
def referral_unassigned(facts: FeedbackFacts) -> Decision:
    if facts.oat_caseworker:
        return Decision.refuse(Reason("47", f"This referral is already assigned to {facts.oat_caseworker}"))
    return Decision.allow()


@rule("47")
def referral_taken(facts: FeedbackFacts) -> Decision:
    """A referral an OAT caseworker has taken can go back to OAT's queue, say while they are away."""
    if not facts.oat_caseworker:
        return Decision.refuse(Reason("47", "This referral is already in OAT's queue"))
    return Decision.allow()


@rule("47", "50")
def assigned_to_you(facts: FeedbackFacts) -> Decision:
    """Only the OAT caseworker who took the referral acts on it."""
    if not facts.oat_caseworker:
        return Decision.refuse(Reason("47", "An OAT caseworker must first assign this referral to themselves"))
    if facts.oat_caseworker != facts.acting_as:
        return Decision.refuse(Reason("47", f"This referral is assigned to {facts.oat_caseworker}"))
    return Decision.allow()


@rule("48")
def returned_as_service_complaint(facts: FeedbackFacts) -> Decision:
    if facts.oat_outcome == OatOutcome.SERVICE_COMPLAINT:
        return Decision.allow()
    return Decision.refuse(Reason("48", "OAT did not return this as a complaint about our service"))


@rule("50")
def case_owner_communicates(facts: FeedbackFacts) -> Decision:
    """Once OAT accept a review, their caseworker owns all communication with the service user."""
    if facts.oat_outcome == OatOutcome.ACCEPTED:
        return Decision.refuse(
            Reason("50", "OAT have accepted this review: the OAT caseworker now communicates with the service user")
        )
    return Decision.allow()


@rule("51", "54", "58", "59", "78")
def review_decision_refusals(facts: FeedbackFacts, inputs: Mapping[str, Any]) -> list[Reason]:
    """A finding on each ground raised; an upheld review explains its remedy and route (paras 58, 59)."""
    refusals = []
    for ground in facts.ground_types:
        if not inputs.get(f"finding_{ground}"):
            refusals.append(Reason("58", "Record a finding on this ground", field=f"finding_{ground}"))
        elif inputs.get(f"finding_{ground}") == "not_upheld" and not (inputs.get(f"reasons_{ground}") or "").strip():
            refusals.append(Reason("50", "Give OAT's reasons for not upholding this ground", field=f"reasons_{ground}"))
    for name, value in inputs.items():
        raised = name.removeprefix("finding_").removeprefix("reasons_")
        if name.startswith(("finding_", "reasons_")) and value and raised not in facts.ground_types:
            refusals.append(Reason("58", "The service user did not raise this ground: leave it blank", field=name))
    upheld = any(inputs.get(f"finding_{ground}") == "upheld" for ground in facts.ground_types)
    if not upheld:
        if inputs.get("route") not in (None, "", Route.NO_FURTHER_WORK):
            refusals.append(Reason("51", "Further work follows only an upheld review", field="route"))
        return refusals
    if not inputs.get("route"):
        refusals.append(Reason("51", "Select what follows the upheld review", field="route"))
    for name, paragraph, missing in (
        ("remedy_analysis", "58", "Explain what remedy, if any, is proposed and why"),
        ("impact", "59", "Enter the specific impact on the service user"),
        ("proportionality", "59", "Enter whether the remedy is proportionate to the injustice"),
        ("restoring_position", "59", "Enter whether it puts the service user back in the position they would have been in"),
    ):
        if not (inputs.get(name) or "").strip():
            refusals.append(Reason(paragraph, missing, field=name))
    if inputs.get("route") in FURTHER_WORK and not facts.risk_assessed:
        refusals.append(Reason("78", "Record a risk assessment before deciding on further work", field="route"))
    return refusals


@rule("58")
def review_upheld(facts: FeedbackFacts) -> Decision:
    if facts.finding_upheld:
        return Decision.allow()
    return Decision.refuse(Reason("58", "A remedy is offered only when the review is upheld"))


@rule("55", "56", "57", "60", "64", "74")
def may_send_review_decision(facts: FeedbackFacts) -> Decision:
    """An upheld review closes only with its learning recorded, and any payment it promised made."""
    if facts.finding_upheld is None:
        return Decision.refuse(Reason("51", "Record the review decision first"))
    refusals = []
    if facts.finding_upheld and facts.learning_point_count == 0:
        refusals.append(Reason("55", "The review was upheld: record at least one learning point before closing it"))
    if facts.review_route == Route.FINANCIAL_REMEDY and facts.financial_remedy_count == 0:
        refusals.append(Reason("60", "The decision proposes a financial remedy: record it, with its severity level and amount"))
    if facts.review_route == Route.REMEDY and facts.remedy_count == facts.financial_remedy_count:
        refusals.append(Reason("58", "The decision proposes a remedy: record what is offered"))
    if facts.review_route == Route.FRESH_PRIMARY and not facts.follow_on_arranged:
        refusals.append(
            Reason("57", "The decision asks for a fresh primary investigation: arrange it with shared services first")
        )
    if facts.review_route == Route.NEW_DETAILED and not (facts.follow_on_arranged or facts.new_investigation_ended):
        refusals.append(
            Reason("64", "The decision proposes a new detailed investigation: see the proposal through to its decision first")
        )
    return Decision.unless(refusals)
