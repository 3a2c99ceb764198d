"""The complaint-about-our-service workflow, declared once (paragraphs 10 to 19).

The case owner's manager handles it (para 13): first an attempt to resolve (para 14), then
resolved, closed, escalated up the chain or OAT's advice (para 15); the finding compares what
happened with what should have happened (para 17); an upheld complaint needs a remedy before it
closes as a service review (para 18). It is never reviewed (para 11); one that is really about
the decision becomes a complaint about our decision (para 12).
"""

from __future__ import annotations

from policy import learning, review, service_feedback
from policy.facts import FeedbackKind, Role
from policy.workflows import Action, Field, FieldKind, ServiceUserLetter, State, Workflow, holding
from policy.workflows.holding import Holder
from policy.workflows.late_feedback import late_feedback_actions
from policy.workflows.remedy import remedy_action
from policy.workflows.risk_assessment import risk_assessment_action

MANAGER = frozenset({Role.MANAGER})
OPEN = frozenset({"received", "resolution_attempted", "finding_recorded"})
OUTCOME_LETTER = ServiceUserLetter("service_complaint_outcome")


STATES = (
    State(
        "received",
        "Received",
        "With the case owner's manager to resolve (paras 13, 14)",
        holder=Holder.HANDLING_MANAGER,
        due=holding.FIRST_CONSIDERATION,
        suggested=("consider_late_feedback", "record_resolution_attempt"),
    ),
    State(
        "resolution_attempted",
        "Resolution attempted",
        "The manager has tried to resolve it (para 14)",
        holder=Holder.HANDLING_MANAGER,
        due=holding.SERVICE_COMPLAINT,
    ),
    State(
        "finding_recorded",
        "Finding recorded",
        "The manager has considered what happened and what should have (para 17)",
        holder=Holder.HANDLING_MANAGER,
        due=holding.SERVICE_COMPLAINT,
        suggested=("close_upheld", "close_not_upheld"),
    ),
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
        ("16", "14", "10"),
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
    remedy_action(
        frozenset({"finding_recorded"}),
        MANAGER,
        ("18", "60", "78"),
        required_by="18",
        scale_by="18",
        guards=(service_feedback.upheld, review.risk_assessed),
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
        effect="record_service_outcome",
        letter=OUTCOME_LETTER,
    ),
    Action(
        "close_not_upheld",
        "Close: not upheld",
        frozenset({"finding_recorded"}),
        "closed_not_upheld",
        MANAGER,
        ("17",),
        guards=(service_feedback.can_close_not_upheld,),
        effect="record_service_outcome",
        letter=OUTCOME_LETTER,
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
ACTIONS += late_feedback_actions(
    frozenset({"received"}), MANAGER, "not_considered", ServiceUserLetter("late_service_complaint_not_considered")
)

WORKFLOW = Workflow(
    FeedbackKind.SERVICE_COMPLAINT,
    "Complaint about our service",
    "received",
    STATES,
    ACTIONS,
    on_log="route_service_complaint",
    on_log_by="13",
    others_by="11",  # a service complaint is never reviewed
    one="a complaint about our service",
    many="Complaints about our service",
)
