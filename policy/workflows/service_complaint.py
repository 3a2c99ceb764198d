"""The complaint-about-our-service workflow, declared once (paragraphs 10 to 19).

The case owner's manager handles it (para 13): first an attempt to resolve (para 14), then
resolved, closed, escalated up the chain or OAT's advice (para 15); the finding compares what
happened with what should have happened (para 17); an upheld complaint needs a remedy before it
closes as a service review (para 18). It is never reviewed (para 11); one that is really about
the decision becomes a complaint about our decision (para 12).
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import Any

from policy import learning, review, service_feedback
from policy.decisions import Reason
from policy.facts import FeedbackFacts, FeedbackKind, Role
from policy.reference import ReferenceList
from policy.service_feedback import REMEDY_TYPES
from policy.workflows import Action, Field, FieldKind, State, Workflow
from policy.workflows.late_feedback import late_feedback_actions
from policy.workflows.risk_assessment import risk_assessment_action

MANAGER = frozenset({Role.MANAGER})
OPEN = frozenset({"received", "resolution_attempted", "finding_recorded"})


def _check_remedy(facts: FeedbackFacts, inputs: Mapping[str, Any], today: date) -> list[Reason]:
    return service_feedback.remedy_refusals(inputs, facts.severity_scale)


STATES = (
    State("received", "Received", "With the case owner's manager to resolve (paras 13, 14)"),
    State("resolution_attempted", "Resolution attempted", "The manager has tried to resolve it (para 14)"),
    State("finding_recorded", "Finding recorded", "The manager has considered what happened and what should have (para 17)"),
    State("closed_resolved", "Closed: resolved", "Resolved with the service user (para 16)", terminal=True),
    State("closed_unresolved", "Closed: not resolved", "The manager closed it unresolved (para 15)", terminal=True),
    State("closed_upheld", "Closed: upheld, remedy offered", "Recorded as a service review (para 18)", terminal=True),
    State("closed_not_upheld", "Closed: not upheld", "Considered and not upheld (para 17)", terminal=True),
    State(
        "reclassified",
        "Now a complaint about our decision",
        "Reclassified: it continues as a complaint about our decision (para 12)",
        terminal=True,
    ),
    State(
        "not_considered", "Not considered: raised too late", "Raised more than a month after the decision (para 2)", terminal=True
    ),
)

ACTIONS: tuple[Action, ...] = (
    Action(
        "record_resolution_attempt",
        "Record the attempt to resolve",
        frozenset({"received"}),
        "resolution_attempted",
        MANAGER,
        ("13", "14", "16"),
        fields=(
            Field(
                "attempt",
                "What you did to resolve it",
                hint="For example, an apology for a delay, arranging contact with the caseworker, or showing how we will improve",
                required_by="14",
                missing="Enter what you did to resolve the complaint",
            ),
        ),
    ),
    Action(
        "resolve",
        "Close: resolved",
        frozenset({"resolution_attempted"}),
        "closed_resolved",
        MANAGER,
        ("16", "14"),
        guards=(service_feedback.resolution_attempted,),
        fields=(Field("note", "How it was resolved", required_by="16", missing="Enter how the complaint was resolved"),),
    ),
    Action(
        "close_unresolved",
        "Close without resolving",
        frozenset({"resolution_attempted"}),
        "closed_unresolved",
        MANAGER,
        ("15",),
        guards=(service_feedback.resolution_attempted,),
        fields=(Field("reason", "Why you are closing it", required_by="15", missing="Enter why you are closing the complaint"),),
    ),
    Action(
        "escalate",
        "Escalate up the management chain",
        frozenset({"resolution_attempted"}),
        None,
        MANAGER,
        ("15", "11"),
        guards=(service_feedback.resolution_attempted, service_feedback.can_escalate),
        fields=(
            Field(
                "reason",
                "Why it needs escalating",
                hint="For example, the risk profile of the case has changed (para 11)",
                required_by="15",
                missing="Enter why the complaint needs escalating",
            ),
        ),
    ),
    Action(
        "ask_oat_advice",
        "Ask OAT for advice",
        frozenset({"resolution_attempted", "finding_recorded"}),
        None,
        MANAGER,
        ("15",),
        guards=(service_feedback.resolution_attempted,),
        fields=(
            Field(
                "question",
                "What you would like OAT's advice on",
                required_by="15",
                missing="Enter what you would like OAT's advice on",
            ),
        ),
    ),
    Action(
        "give_oat_advice",
        "Give OAT's advice",
        frozenset({"resolution_attempted", "finding_recorded"}),
        None,
        frozenset({Role.OAT}),
        ("15",),
        guards=(service_feedback.oat_advice_can_be_recorded,),
        fields=(Field("advice", "OAT's advice", required_by="15", missing="Enter OAT's advice"),),
    ),
    Action(
        "record_finding",
        "Record your finding",
        frozenset({"resolution_attempted"}),
        "finding_recorded",
        MANAGER,
        ("17", "18"),
        guards=(service_feedback.resolution_attempted,),
        fields=(
            Field("what_happened", "What happened", required_by="17", missing="Enter what happened"),
            Field(
                "what_should_have_happened",
                "What should have happened",
                required_by="17",
                missing="Enter what should have happened",
            ),
            Field(
                "difference",
                "The difference, and its impact on the service user",
                required_by="17",
                missing="Enter the difference between the two",
            ),
            Field(
                "upheld",
                "Is the complaint upheld?",
                FieldKind.YES_NO,
                required_by="18",
                missing="Select whether the complaint is upheld",
            ),
        ),
        guidance="Consider it as we consider complaints about other organisations under our Service Model (para 17).",
    ),
    Action(
        "offer_remedy",
        "Offer a remedy",
        frozenset({"finding_recorded"}),
        None,
        MANAGER,
        ("18", "60", "78"),
        guards=(service_feedback.upheld, review.risk_assessed),
        fields=(
            Field(
                "remedy_type",
                "Type of remedy",
                FieldKind.CHOICE,
                choices=tuple(REMEDY_TYPES),
                required_by="18",
                missing="Select the type of remedy",
            ),
            Field("details", "What we are offering", required_by="18", missing="Enter what we are offering"),
            Field(
                "severity_level",
                "Severity of injustice level",
                FieldKind.CHOICE,
                choices_from=ReferenceList.SEVERITY_LEVELS,
                hint="Required for a financial remedy",
            ),
            Field("amount", "Amount, in pounds", FieldKind.TEXT, hint="Required for a financial remedy"),
            Field("out_of_range_reason", "Why the amount is outside the level's range", hint="Only if it is"),
        ),
        check=_check_remedy,
    ),
    Action(
        "record_learning_point",
        "Record learning or good practice",
        OPEN | frozenset({"closed_resolved", "closed_unresolved", "closed_upheld", "closed_not_upheld"}),
        None,
        frozenset({Role.MANAGER, Role.OAT}),
        ("19", "Annex A"),
        fields=learning.LEARNING_FIELDS,
        check=learning.learning_point_refusals,
    ),
    Action(
        "close_upheld",
        "Close: upheld, as a service review",
        frozenset({"finding_recorded"}),
        "closed_upheld",
        MANAGER,
        ("18",),
        guards=(service_feedback.can_close_upheld,),
    ),
    Action(
        "close_not_upheld",
        "Close: not upheld",
        frozenset({"finding_recorded"}),
        "closed_not_upheld",
        MANAGER,
        ("17",),
        guards=(service_feedback.can_close_not_upheld,),
    ),
    Action(
        "reclassify_as_decision_complaint",
        "Treat as a complaint about our decision",
        frozenset({"received", "resolution_attempted"}),
        "reclassified",
        frozenset({Role.CASEWORKER, Role.MANAGER}),
        ("12",),
        fields=(
            Field(
                "reason",
                "Why it is really about our decision",
                required_by="12",
                missing="Enter why the complaint is really about our decision",
            ),
        ),
        becomes=FeedbackKind.DECISION_COMPLAINT,
    ),
)

ACTIONS += (risk_assessment_action(OPEN, frozenset({Role.MANAGER, Role.OAT})),)
ACTIONS += late_feedback_actions(frozenset({"received"}), MANAGER, "not_considered")

WORKFLOW = Workflow(
    FeedbackKind.SERVICE_COMPLAINT,
    "Complaint about our service",
    "received",
    STATES,
    ACTIONS,
    one="a complaint about our service",
    many="Complaints about our service",
)
