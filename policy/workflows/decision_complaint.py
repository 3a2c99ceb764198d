"""The complaint-about-our-decision workflow, declared once.

From receipt through the request for grounds and the time-limit decision, with the stops the
guidance puts before a review: low-level injustice (paras 3, 21), joint LGSCO decisions
(para 76), a second review (para 5), unacceptable behaviour (para 22) and Judicial Review in
prospect (para 70).
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import Any

from policy import eligibility, time_limits
from policy.decisions import Reason
from policy.facts import FeedbackFacts, FeedbackKind, Role
from policy.review import GROUND_CHOICES, NO_SPECIFIC_GROUND
from policy.workflows import (
    Action,
    Field,
    FieldKind,
    ServiceUserLetter,
    State,
    Workflow,
    after_review,
    decision_review,
    holding,
    oat_review,
)
from policy.workflows.holding import Holder, Party
from policy.workflows.late_feedback import late_feedback_actions

CASE_OWNER = frozenset({Role.CASEWORKER})
CASE_OWNER_OR_MANAGER = frozenset({Role.CASEWORKER, Role.MANAGER})


STATES = (
    State(
        "received",
        "Received",
        "Logged against the case; the case owner considers it first (para 23)",
        holder=Holder.CASE_OWNER,
        due=holding.FIRST_CONSIDERATION,
        suggested=("consider_late_feedback", "check_oat_advice_needed", "request_grounds"),
    ),
    State(
        "grounds_requested",
        "Grounds requested",
        "The service user has been asked to set out their grounds in writing (para 30)",
        holder=Holder.CASE_OWNER,
        waiting_for=Party.SERVICE_USER,
        due=holding.GROUNDS_DEADLINE,
        suggested=("record_grounds", "close_no_grounds"),
    ),
    State(
        "grounds_received",
        "Grounds received",
        "Grounds are in; the case owner checks them against the deadline (para 33)",
        holder=Holder.CASE_OWNER,
        due=holding.CASE_OWNER_STEP,
        suggested=("accept_in_time", "invite_explanation"),
    ),
    State(
        "explanation_invited",
        "Explanation for lateness invited",
        "The grounds were late; the service user may explain why (para 33)",
        holder=Holder.CASE_OWNER,
        waiting_for=Party.SERVICE_USER,
        due=holding.LATE_EXPLANATION,
    ),
    State(
        "under_consideration",
        "Under consideration",
        "The review request is being considered (paras 38 to 46)",
        holder=Holder.CASE_OWNER,
        due=holding.CASE_OWNER_STEP,
        suggested=(
            "check_oat_advice_needed",
            "record_oat_advice",
            "record_legal_advice",
            "record_challenge_analysis",
            "close_not_actionable",
            "explain_decision_stands",
        ),
    ),
    State(
        "case_owner_acted",
        "Case owner has acted",
        "Reconsidered or explained; now to be referred to OAT (para 46)",
        holder=Holder.CASE_OWNER,
        due=holding.CASE_OWNER_STEP,
        suggested=("refer_to_oat",),
    ),
    State(
        "with_oat",
        "Referred to OAT",
        "With the Ombudsman's Assurance Team to assign and consider (paras 37, 47)",
        holder=Holder.OAT_QUEUE,
        due=holding.OAT_ALLOCATION,
        suggested=("take_referral",),
    ),
    State(
        "returned_by_oat",
        "Returned by OAT",
        "Back with the case owner to act on OAT's directions (paras 48, 49)",
        holder=Holder.CASE_OWNER,
        due=holding.CASE_OWNER_STEP,
        suggested=("act_on_oat_directions",),
    ),
    State(
        "accepted_by_oat",
        "Accepted by OAT",
        "OAT review it and own all communication with the service user (para 50)",
        holder=Holder.OAT_CASEWORKER,
        due=holding.OAT_REVIEW,
        suggested=("record_review_decision",),
    ),
    State(
        "review_decided",
        "Review decided",
        "OAT's decision is recorded; remedies and learning follow (paras 53 to 60)",
        holder=Holder.OAT_CASEWORKER,
        due=holding.OAT_REVIEW,
        suggested=("send_review_decision",),
    ),
    State(
        "new_investigation_proposed",
        "New investigation proposed",
        "The parties have been told and may comment (para 63)",
        holder=Holder.OAT_CASEWORKER,
        waiting_for=Party.PARTIES,
        due=holding.COMMENT_PERIOD,
        suggested=("record_comments", "decide_to_proceed"),
    ),
    State(
        "awaiting_approval",
        "Awaiting approval",
        "A new detailed investigation awaits the Ombudsman or a Deputy (para 73)",
        holder=Holder.APPROVER,
        due=holding.APPROVAL,
    ),
    State(
        "awaiting_new_case",
        "Awaiting the new case",
        "Shared services are opening the new case (paras 57, 64)",
        holder=Holder.SHARED_SERVICES,
        due=holding.NEW_CASE,
        suggested=("record_new_case",),
    ),
    State(
        "with_legal_for_quash",
        "With the Legal Team",
        "A proposal to quash the report is with the Legal Team (para 68)",
        holder=Holder.LEGAL,
        due=holding.LEGAL_VIEW,
        suggested=("give_quash_advice",),
    ),
    State(
        "awaiting_quash_decision",
        "Awaiting the quash decision",
        "Only the Ombudsman or a Deputy decides whether to quash (para 69)",
        holder=Holder.APPROVER,
        due=holding.APPROVAL,
    ),
    State(
        "with_joint_working",
        "With the Joint Working Team",
        "A joint LGSCO decision, for the Joint Working Team to consider in line with the LGSCO process (para 76)",
        holder=Holder.JOINT_WORKING,
        due=holding.JOINT_WORKING,
        suggested=("close_after_joint_working",),
    ),
    State("closed_resolved", "Closed: resolved", "The service user considers it resolved (para 24)", terminal=True),
    State(
        "closed_no_grounds",
        "Closed: no grounds received",
        "The deadline for the grounds passed without them; the service user was told the process has ended (paras 32, 74)",
        terminal=True,
    ),
    State("closed_not_actionable", "Closed: no further action", "Not an actionable challenge (para 40)", terminal=True),
    State(
        "closed_no_review", "Closed: no review", "A high-risk case OAT advised should not be reviewed (para 29)", terminal=True
    ),
    State(
        "closed_criteria_not_met",
        "Closed: review criteria not met",
        "OAT decided the review criteria were not met and wrote to the service user (para 48)",
        terminal=True,
    ),
    State("closed_reviewed", "Closed: review decided", "OAT's decision sent to the service user (paras 53, 74)", terminal=True),
    State(
        "reclassified",
        "Now a complaint about our service",
        "Returned by OAT as a service complaint: it continues with the case owner's manager (para 48)",
        terminal=True,
    ),
    State(
        "closed_not_eligible",
        "Closed: no review available",
        "Closed as a low-level injustice: no review (paras 3, 21)",
        terminal=True,
    ),
    State(
        "closed_by_joint_working",
        "Closed: considered under the LGSCO process",
        "The Joint Working Team considered it in line with the LGSCO process (para 76)",
        terminal=True,
    ),
    State("declined_for_time", "Declined: out of time", "Late without a reasonable explanation (para 35)", terminal=True),
    State(
        "declined_for_behaviour",
        "Declined: unacceptable behaviour",
        "Declined under the unacceptable behaviour policy (para 22)",
        terminal=True,
    ),
    State(
        "not_considered", "Not considered: raised too late", "Raised more than a month after the decision (para 2)", terminal=True
    ),
)

BEFORE_TIME_LIMIT_DECISION = frozenset({"received", "grounds_requested", "grounds_received", "explanation_invited"})
# Judicial Review may come into prospect after the time limit is decided; OAT then seek Legal's advice
# before they accept the review (para 70).
LEGAL_ADVICE_LATER = frozenset({"under_consideration", "case_owner_acted", "returned_by_oat", "with_oat"})


def _check_grounds(facts: FeedbackFacts, inputs: Mapping[str, Any], today: date) -> list[Reason]:
    received = inputs["received_date"]
    if received > today:
        return [Reason("33", "The date the grounds were received must be today or in the past", field="received_date")]
    if facts.received_date and received < facts.received_date:
        return [Reason("33", "The grounds cannot have arrived before the complaint was received", field="received_date")]
    if NO_SPECIFIC_GROUND in inputs["ground_types"] and len(set(inputs["ground_types"])) > 1:
        return [Reason("40", "Select the grounds given, or that no specific ground was given, not both", field="ground_types")]
    return []


def _check_grounds_request(facts: FeedbackFacts, inputs: Mapping[str, Any], today: date) -> list[Reason]:
    return time_limits.grounds_request_refusals(facts, today)


def _check_agreed_deadline(facts: FeedbackFacts, inputs: Mapping[str, Any], today: date) -> list[Reason]:
    return time_limits.agreed_deadline_refusals(inputs["new_deadline"], today)


def _check_extension(facts: FeedbackFacts, inputs: Mapping[str, Any], today: date) -> list[Reason]:
    return time_limits.extension_refusals(facts.grounds_deadline, inputs["new_deadline"])


def _check_grounds_never_arrived(facts: FeedbackFacts, inputs: Mapping[str, Any], today: date) -> list[Reason]:
    return time_limits.grounds_never_arrived_refusals(facts, today)


def _check_set_aside(facts: FeedbackFacts, inputs: Mapping[str, Any], today: date) -> list[Reason]:
    return time_limits.set_aside_refusals(inputs.get("reason"), inputs.get("detail") or "")


ACTIONS: tuple[Action, ...] = (
    Action(
        "request_grounds",
        "Ask for the grounds in writing",
        frozenset({"received"}),
        "grounds_requested",
        CASE_OWNER,
        ("30", "32", "3", "21", "5", "76"),
        guards=(eligibility.may_enter_review,),
        check=_check_grounds_request,
        guidance=(
            "Ask the service user to set out why they think our decision is wrong, what they would like to happen now, "
            "and any supporting or new evidence (para 30). The deadline is one month from the decision, unless your "
            "manager has agreed another (para 32)."
        ),
    ),
    Action(
        "agree_grounds_deadline",
        "Agree a new deadline for the grounds",
        frozenset({"received"}),
        None,
        frozenset({Role.MANAGER}),
        ("32",),
        fields=(
            Field(
                "new_deadline",
                "New deadline",
                FieldKind.DATE,
                hint="For example, 27 3 2026",
                required_by="32",
                missing="Enter the new deadline",
            ),
            Field(
                "reason",
                "Why the new deadline is reasonable",
                required_by="32",
                missing="Enter why the new deadline is reasonable",
            ),
        ),
        check=_check_agreed_deadline,
        guidance=(
            "When the usual deadline, one month from the decision, has passed before the grounds are asked for, agree "
            "a new one with the case owner so that the letter gives a date still to come (para 32)."
        ),
    ),
    Action(
        "close_not_eligible",
        "Close: no review for a low-level injustice",
        frozenset({"received"}),
        "closed_not_eligible",
        CASE_OWNER,
        ("21", "3"),
        guards=(eligibility.low_level_injustice,),
        fields=(Field("note", "Note to the file", hint="What you told the service user"),),
        letter=ServiceUserLetter("no_review_low_level", ends_process=True),
    ),
    Action(
        "route_to_joint_working",
        "Send to the Joint Working Team",
        frozenset({"received"}),
        "with_joint_working",
        CASE_OWNER,
        ("76",),
        guards=(eligibility.joint_with_lgsco,),
        fields=(Field("note", "Note for the Joint Working Team"),),
    ),
    Action(
        "close_after_joint_working",
        "Close: considered under the LGSCO process",
        frozenset({"with_joint_working"}),
        "closed_by_joint_working",
        frozenset({Role.JOINT_WORKING}),
        ("76",),
        fields=(
            Field(
                "outcome",
                "The outcome under the LGSCO process",
                required_by="76",
                missing="Enter the outcome under the LGSCO process",
            ),
        ),
    ),
    Action(
        "record_exceptional_reason",
        "Record exceptional circumstances for a further review",
        frozenset({"received"}),
        None,
        CASE_OWNER,
        ("5",),
        guards=(eligibility.exceptional_reason_can_be_recorded,),
        fields=(
            Field(
                "reason",
                "Exceptional circumstances",
                hint="We review a case only once, except in exceptional circumstances",
                required_by="5",
                missing="Enter the exceptional circumstances that justify a further review",
            ),
        ),
    ),
    Action(
        "agree_exceptional_review",
        "Agree to a further review",
        frozenset({"received"}),
        None,
        frozenset({Role.OAT}),
        ("5",),
        guards=(eligibility.exceptional_review_can_be_agreed, eligibility.not_joint_with_lgsco),
        fields=(Field("note", "OAT's reasons for agreeing", required_by="5", missing="Enter why OAT agree to a further review"),),
    ),
    Action(
        "record_legal_advice",
        "Record the Legal Team's advice",
        BEFORE_TIME_LIMIT_DECISION | LEGAL_ADVICE_LATER,
        None,
        frozenset({Role.LEGAL, Role.OAT}),
        ("70",),
        guards=(eligibility.legal_advice_needed,),
        fields=(Field("advice", "Legal advice", required_by="70", missing="Enter the Legal Team's advice"),),
    ),
    Action(
        "decline_for_behaviour",
        "Decline under the unacceptable behaviour policy",
        BEFORE_TIME_LIMIT_DECISION,
        "declined_for_behaviour",
        CASE_OWNER_OR_MANAGER,
        ("22",),
        guards=(eligibility.behaviour_restriction_in_place,),
        fields=(
            Field(
                "reason",
                "Reason for declining",
                hint="This is recorded and actioned under the unacceptable behaviour policy, and given in the letter",
                required_by="22",
                missing="Enter the reason for declining access to a review",
            ),
        ),
        letter=ServiceUserLetter("behaviour_decline", ends_process=True),  # no review is needed: para 74
    ),
    Action(
        "extend_deadline",
        "Extend the deadline for grounds",
        frozenset({"grounds_requested"}),
        None,
        frozenset({Role.MANAGER}),
        ("32",),
        fields=(
            Field(
                "new_deadline",
                "New deadline",
                FieldKind.DATE,
                hint="For example, 27 3 2026",
                required_by="32",
                missing="Enter the new deadline",
            ),
            Field("reason", "Why the extension is reasonable", required_by="32", missing="Enter why the extension is reasonable"),
        ),
        check=_check_extension,
    ),
    Action(
        "close_no_grounds",
        "Close: the grounds never arrived",
        frozenset({"grounds_requested"}),
        "closed_no_grounds",
        CASE_OWNER,
        ("32", "74"),
        fields=(Field("note", "Note to the file", hint="Any contact since the request for grounds"),),
        check=_check_grounds_never_arrived,
        effect=None,
        letter=ServiceUserLetter("no_grounds_received", ends_process=True),
        guidance=(
            "Once the deadline for the grounds, and any extension agreed, has passed without them, close the "
            "complaint. The letter tells the service user our internal complaints process has ended (para 74)."
        ),
    ),
    Action(
        "record_grounds",
        "Record the grounds received",
        frozenset({"grounds_requested"}),
        "grounds_received",
        CASE_OWNER,
        ("30", "33", "38"),
        fields=(
            Field(
                "received_date",
                "Date the grounds were received",
                FieldKind.DATE,
                hint="For example, 27 3 2026",
                required_by="33",
                missing="Enter the date the grounds were received",
            ),
            Field(
                "ground_types",
                "What the grounds say",
                FieldKind.CHOICES,
                hint="Select all that apply, or that no specific ground was given",
                choices=GROUND_CHOICES,
                required_by="38",
                missing="Select at least one type of ground",
            ),
            Field(
                "why_wrong",
                "Why they think our decision is wrong",
                required_by="30",
                missing="Enter why they think our decision is wrong",
            ),
            Field("what_they_want", "What they would like to happen now"),
            Field("evidence", "Supporting or new evidence"),
        ),
        check=_check_grounds,
        guidance="The grounds are marked 'Challenge to our decision' on the record (para 38).",
    ),
    Action(
        "accept_in_time",
        "Accept: the grounds arrived in time",
        frozenset({"grounds_received"}),
        "under_consideration",
        CASE_OWNER,
        ("33",),
        guards=(time_limits.in_time, time_limits.case_owner_may_decide_time_limit, eligibility.legal_advice_first),
        effect="finish_time_limit",
    ),
    Action(
        "invite_explanation",
        "Ask why the grounds were late",
        frozenset({"grounds_received"}),
        "explanation_invited",
        CASE_OWNER,
        ("33",),
        guards=(time_limits.late, time_limits.case_owner_may_decide_time_limit),
    ),
    Action(
        "set_aside_time_limit",
        "Set the time limit aside",
        frozenset({"grounds_received", "explanation_invited"}),
        "under_consideration",
        CASE_OWNER,
        ("36", "34"),
        guards=(time_limits.late, time_limits.case_owner_may_decide_time_limit, eligibility.legal_advice_first),
        fields=(
            Field(
                "reason",
                "Reason for setting the time limit aside",
                FieldKind.CHOICE,
                choices=tuple(time_limits.SET_ASIDE_REASONS.items()),
                required_by="36",
                missing="Select the reason for setting the time limit aside",
            ),
            Field("detail", "Details", hint="Required when the reason is 'Another good reason'"),
        ),
        check=_check_set_aside,
    ),
    Action(
        "decline_for_time",
        "Decline: no reasonable explanation for the delay",
        frozenset({"explanation_invited"}),
        "declined_for_time",
        CASE_OWNER,
        ("35",),
        guards=(time_limits.late, time_limits.case_owner_may_decide_time_limit),
        fields=(
            Field(
                "reasons",
                "Reasons for declining",
                hint="These are recorded on the case and given in the letter",
                required_by="35",
                missing="Enter the reasons for declining the review request",
            ),
        ),
        letter=ServiceUserLetter("time_limit_decline", ends_process=True),
    ),
    Action(
        "pass_to_oat",
        "Pass straight to OAT",
        frozenset({"grounds_received", "explanation_invited", "under_consideration"}),
        "with_oat",
        CASE_OWNER,
        ("37", "27"),
        guards=(time_limits.oat_asked_first, eligibility.not_joint_with_lgsco, eligibility.legal_advice_first),
        fields=(Field("note", "Note for OAT"),),
    ),
)

ACTIONS += decision_review.ACTIONS + oat_review.ACTIONS + after_review.ACTIONS
# Not considering a complaint about our decision is a decision that no review is needed: the letter
# ends our internal process (para 74).
ACTIONS += late_feedback_actions(
    frozenset({"received"}),
    CASE_OWNER_OR_MANAGER,
    "not_considered",
    ServiceUserLetter("late_complaint_not_considered", ends_process=True),
)

WORKFLOW = Workflow(
    FeedbackKind.DECISION_COMPLAINT,
    "Complaint about our decision",
    "received",
    STATES,
    ACTIONS,
    on_log="route_decision_complaint",
    on_log_by="1",
    others_by="13",  # handling a complaint about our service is for the case owner's manager
    one="a complaint about our decision",
    many="Complaints about our decision",
)
