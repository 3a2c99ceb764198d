"""OAT's part of a complaint about our decision, declared once (paragraphs 47 to 60, Annex A).

An OAT caseworker takes a referral (para 47) and records one of the six outcomes of para 48.
Returned, it goes back to the case owner with OAT's directions (para 49); accepted, OAT own all
communication (para 50), decide each ground, explain the remedy and route (paras 51, 58, 59),
record remedies (para 60) and learning (paras 55, 56, Annex A), then send the decision (para 74).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, replace
from datetime import date
from typing import Any

from policy import eligibility, learning, review
from policy.decisions import Reason
from policy.facts import FeedbackFacts, FeedbackKind, Role
from policy.review import OAT_OUTCOMES, OatOutcome
from policy.workflows import Action, Field, FieldKind, ServiceUserLetter
from policy.workflows.remedy import remedy_action

OAT = frozenset({Role.OAT})
CASE_OWNER = frozenset({Role.CASEWORKER})


@dataclass(frozen=True, kw_only=True)
class OutcomeRoute:
    """What one of the outcomes of para 48 does: where the feedback goes, the effect that records it,
    and the letter it sends (None: OAT write nothing yet). Every part must be given, by name."""

    target: str
    effect: str
    letter: ServiceUserLetter | None
    guidance: str


RETURNED = "returned_by_oat"
OUTCOMES: dict[OatOutcome, OutcomeRoute] = {
    OatOutcome.MORE_INFORMATION: OutcomeRoute(
        target=RETURNED,
        effect="return_for_more_information",
        letter=None,
        guidance="The case owner has not given enough information for OAT to decide.",
    ),
    OatOutcome.FURTHER_WORK: OutcomeRoute(
        target=RETURNED,
        effect="return_for_further_work",
        letter=None,
        guidance="The case owner can do more to resolve the complaint.",
    ),
    OatOutcome.SERVICE_COMPLAINT: OutcomeRoute(
        target=RETURNED,
        effect="return_as_service_complaint",
        letter=None,
        guidance="It is a complaint about our service, for the case owner's manager.",
    ),
    OatOutcome.CRITERIA_NOT_MET: OutcomeRoute(
        target="closed_criteria_not_met",
        effect="review_criteria_not_met",
        letter=ServiceUserLetter("review_criteria_not_met", ends_process=True),
        guidance="OAT write to the service user; follow-up questions about the original decision go to the case owner.",
    ),
    OatOutcome.OTHER: OutcomeRoute(
        target=RETURNED,
        effect="return_for_other_reason",
        letter=None,
        guidance="Not for OAT, for another reason: say which in the directions.",
    ),
    OatOutcome.ACCEPTED: OutcomeRoute(
        target="accepted_by_oat",
        effect="accept_referral",
        letter=None,
        guidance="OAT take overall responsibility, including all communication with the service user (para 50).",
    ),
}
_unrouted = [outcome.value for outcome in OatOutcome if outcome not in OUTCOMES]
if _unrouted:
    raise ValueError(f"OAT outcomes with no route (target, effect and letter) declared: {', '.join(_unrouted)}")


# With Judicial Review in prospect, OAT seek the Legal Team's advice before the review goes on (para 70).
ACCEPTING_GUARDS = (eligibility.legal_advice_first,)


def _check_review_decision(facts: FeedbackFacts, inputs: Mapping[str, Any], today: date) -> list[Reason]:
    return review.review_decision_refusals(facts, inputs)


def _outcome_action(outcome: OatOutcome) -> Action:
    route = OUTCOMES[outcome]
    return Action(
        f"oat_outcome_{outcome.value}",
        OAT_OUTCOMES[outcome],
        frozenset({"with_oat"}),
        route.target,
        OAT,
        ("48", "47", "49") if outcome != OatOutcome.CRITERIA_NOT_MET else ("48", "47", "74"),
        guards=(review.assigned_to_you, *ACCEPTING_GUARDS) if outcome == OatOutcome.ACCEPTED else (review.assigned_to_you,),
        fields=(
            Field(
                "advice",
                "OAT's advice and directions"
                if outcome != OatOutcome.CRITERIA_NOT_MET
                else "Why the review criteria are not met",
                hint="The case owner sees this" if outcome != OatOutcome.CRITERIA_NOT_MET else "This is given in OAT's letter",
                required_by="47",
                missing="Enter OAT's advice",
            ),
        ),
        guidance=route.guidance,
        effect=route.effect,
        letter=route.letter,
        roles_by="47",  # the OAT caseworker considers a referral and records its outcome
        sources_by="47",
    )


# As for a service complaint, but required by para 55, and fed back to the line manager by the system.
REVIEW_LEARNING_FIELDS = tuple(
    replace(field, required_by="55") if field.required else field
    for field in learning.LEARNING_FIELDS
    if field.name != "shared_with"
) + (
    Field(
        "shared_with",
        "Also shared with",
        FieldKind.TEXT,
        hint="It is fed back to the case owner's line manager in any case (OM for caseworkers, AD for OMs)",
    ),
)

ACTIONS: tuple[Action, ...] = (
    Action(
        "take_referral",
        "Assign this referral to yourself",
        frozenset({"with_oat"}),
        None,
        OAT,
        ("47",),
        guards=(review.referral_unassigned,),
    ),
    Action(
        "release_referral",
        "Release this referral back to OAT's queue",
        frozenset({"with_oat"}),
        None,
        OAT,
        ("47",),
        guards=(review.referral_taken,),
        fields=(
            Field("reason", "Why it goes back to the queue", required_by="47", missing="Enter why the referral is released"),
        ),
        guidance="Any OAT caseworker can then assign it to themselves (para 47).",
    ),
    *(_outcome_action(outcome) for outcome in OatOutcome),
    Action(
        "act_on_oat_directions",
        "Record what you did on OAT's directions",
        frozenset({"returned_by_oat"}),
        "under_consideration",
        CASE_OWNER,
        ("49",),
        fields=(
            Field("action_taken", "What you did", required_by="49", missing="Enter what you did on OAT's directions"),
            Field(
                "service_user_told",
                "What you told the service user",
                required_by="49",
                missing="Enter what you told the service user about their complaint",
            ),
        ),
    ),
    Action(
        "reclassify_as_service_complaint",
        "Treat as a complaint about our service",
        frozenset({"returned_by_oat"}),
        "reclassified",
        CASE_OWNER,
        ("48", "13"),
        guards=(review.returned_as_service_complaint,),
        fields=(Field("reason", "Why it is about our service", required_by="48", missing="Enter why it is about our service"),),
        becomes=FeedbackKind.SERVICE_COMPLAINT,
    ),
    Action(
        "oat_write_to_service_user",
        "Send OAT's letter to the service user",
        frozenset({"accepted_by_oat", "review_decided"}),
        None,
        OAT,
        ("50", "52"),
        guards=(review.assigned_to_you,),
        fields=(Field("message", "The letter", required_by="50", missing="Enter the letter"),),
        guidance="Take into account any reasonable adjustments needed or agreed by the case owner (para 52).",
    ),
    Action(
        "record_review_decision",
        "Record the review decision",
        frozenset({"accepted_by_oat"}),
        "review_decided",
        OAT,
        ("51", "53", "54", "58", "59", "78"),
        guards=(review.assigned_to_you,),
        fields=(
            *(
                field
                for ground, label in review.GROUND_TYPES
                for field in (
                    Field(
                        f"finding_{ground}",
                        f"Finding: {label[0].lower()}{label[1:]}",
                        FieldKind.CHOICE,
                        hint="Only for a ground the service user raised",
                        choices=review.FINDINGS,
                    ),
                    Field(
                        f"reasons_{ground}",
                        f"Reasons: {label[0].lower()}{label[1:]}",
                        hint="Required when the ground is not upheld: the decision letter gives them",
                    ),
                )
            ),
            Field("route", "What follows", FieldKind.CHOICE, hint="Required when any ground is upheld", choices=review.ROUTES),
            Field("remedy_analysis", "The remedy proposed, if any, and why", hint="Required when any ground is upheld"),
            Field("impact", "The specific impact on the service user", hint="Required when any ground is upheld"),
            Field("proportionality", "Is the remedy proportionate to the injustice?", hint="Required when any ground is upheld"),
            Field(
                "restoring_position",
                "Does it put the service user back in the position they would have been in?",
                hint="Required when any ground is upheld",
            ),
            Field(
                "handling_feedback",
                "Feedback to the case owner on their handling of the challenge",
                required_by="54",
                missing="Enter your feedback to the case owner on their handling",
            ),
            Field(
                "proportionate",
                "Was the case owner's work before referral proportionate?",
                FieldKind.YES_NO,
                required_by="54",
                missing="Select whether the case owner's work before referral was proportionate",
            ),
        ),
        check=_check_review_decision,
        guidance=(
            "Recording the decision tells the case owner, and their manager when the case was supervised (para 53). "
            "Use the Principles for Remedy (para 59)."
        ),
    ),
    remedy_action(
        frozenset({"review_decided"}),
        OAT,
        ("58", "60", "78"),
        required_by="58",
        scale_by="60",
        guards=(review.assigned_to_you, review.review_upheld, review.risk_assessed),
        guidance="Check a payment for consistency with the Typology of Injustice and the severity of injustice scale (para 60).",
    ),
    Action(
        "record_learning_point",
        "Record learning or good practice",
        frozenset({"accepted_by_oat", "review_decided"}),
        None,
        OAT,
        ("55", "56", "Annex A"),
        fields=REVIEW_LEARNING_FIELDS,
        check=learning.learning_point_refusals,
        effect="feed_back_learning_point",
        guidance="Link what went wrong to the Service Model guidance and the Service Charter commitment (Annex A).",
    ),
    Action(
        "send_review_decision",
        "Send the review decision",
        frozenset({"review_decided"}),
        "closed_reviewed",
        OAT,
        ("74", "55", "56", "60", "50"),
        guards=(review.assigned_to_you, review.may_send_review_decision),
        roles_by="50",  # OAT share their decision with the service user
        letter=ServiceUserLetter("review_decision", ends_process=True),
        guidance="The letter gives the finding on each ground and says our internal complaints process has ended (para 74).",
    ),
)
