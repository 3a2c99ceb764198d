"""What the actions on a complaint about our decision do beyond moving the state."""

from __future__ import annotations

from datetime import date

from casework.effects.base import named
from casework.models import FeedbackCase, Ground, Grounds, Referral, ServiceUser
from casework.read.facts import record_of, usual_grounds_deadline
from casework.read.reference import period
from casework.services.record_watch import close_tasks, create_record, replace_records
from casework.services.records import open_task, save_record, write_letter
from policy import time_limits
from policy.facts import Role
from policy.review import NO_SPECIFIC_GROUND
from policy.workflows import holding


def _service_user(feedback: FeedbackCase) -> ServiceUser:
    return feedback.case.service_user


def route_decision_complaint(feedback: FeedbackCase, inputs: dict, actor, today: date) -> None:
    """Paras 1, 23: the case owner considers it first; the Legal Team advise first when JR is in prospect (para 70)."""
    hand_to_case_owner(feedback)
    if feedback.jr_in_prospect:
        ask_legal_advice(feedback)


def ask_legal_advice(feedback: FeedbackCase) -> None:
    """Para 70: with Judicial Review in prospect, the Legal Team advise before the review goes on."""
    open_task(
        feedback, "legal_advice", f"Advice needed: Judicial Review in prospect on {feedback.case.reference}", role=Role.LEGAL
    )


def hand_to_case_owner(feedback: FeedbackCase) -> None:
    """The task that puts a complaint about our decision with its case owner, however it arrived."""
    open_task(
        feedback,
        "consider_complaint",
        f"Consider the complaint about our decision on {feedback.case.reference}",
        role=Role.CASEWORKER,
        assignee=feedback.case.case_owner,
        body=feedback.summary,
    )


def agree_grounds_deadline(feedback: FeedbackCase, inputs: dict, actor, today: date) -> None:
    """Para 32: the manager agrees the deadline the grounds will be asked for by."""
    feedback.grounds_deadline = inputs["new_deadline"]


def request_grounds(feedback: FeedbackCase, inputs: dict, actor, today: date) -> None:
    """Para 32: by the deadline the manager agreed, or one month from the decision."""
    feedback.grounds_deadline = feedback.grounds_deadline or usual_grounds_deadline(feedback)
    close_tasks(feedback, "consider_complaint", by=actor)
    write_letter(feedback, "grounds_request", addressee=_service_user(feedback), by=actor)
    open_task(
        feedback,
        "grounds_due",
        f"Grounds due from {_service_user(feedback)}",
        role=Role.CASEWORKER,
        assignee=feedback.case.case_owner,
        due=feedback.grounds_deadline,
    )


def extend_deadline(feedback: FeedbackCase, inputs: dict, actor, today: date) -> None:
    feedback.grounds_deadline = inputs["new_deadline"]
    feedback.tasks.filter(code="grounds_due", status="open").update(due_date=feedback.grounds_deadline)


def record_grounds(feedback: FeedbackCase, inputs: dict, actor, today: date) -> None:
    feedback.grounds_received_date = inputs["received_date"]
    had_grounds = record_of(feedback, "grounds") is not None
    save_record(
        feedback,
        "grounds",
        Grounds,
        why_wrong=inputs["why_wrong"],
        what_they_want=inputs.get("what_they_want") or "",
        evidence=inputs.get("evidence") or "",
        recorded_by=actor,
    )
    replace_records(
        Ground,
        feedback.grounds.items.all() if had_grounds else None,
        [
            Ground(grounds=feedback.grounds, ground_type=ground)
            for ground in dict.fromkeys(inputs["ground_types"])
            if ground != NO_SPECIFIC_GROUND
        ],
    )
    close_tasks(feedback, "grounds_due", by=actor)
    open_task(
        feedback,
        "time_limit",
        "Check the grounds against the deadline",
        role=Role.CASEWORKER,
        assignee=feedback.case.case_owner,
        due=today,
    )


def invite_explanation(feedback: FeedbackCase, inputs: dict, actor, today: date) -> None:
    close_tasks(feedback, "time_limit", by=actor)
    write_letter(feedback, "late_explanation_request", addressee=_service_user(feedback), by=actor)
    open_task(
        feedback,
        "late_explanation",
        "Decide on the late grounds once the service user has had the chance to explain",
        role=Role.CASEWORKER,
        assignee=feedback.case.case_owner,
        due=today + period(holding.LATE_EXPLANATION),
    )


def finish_time_limit(feedback: FeedbackCase, inputs: dict, actor, today: date) -> None:
    close_tasks(feedback, "time_limit", "late_explanation", by=actor)


def set_aside_time_limit(feedback: FeedbackCase, inputs: dict, actor, today: date) -> None:
    finish_time_limit(feedback, inputs, actor, today)
    reason = time_limits.SET_ASIDE_REASONS[time_limits.SetAsideReason(inputs["reason"])]
    detail = (inputs.get("detail") or "").strip()
    feedback.outcome_note = f"Time limit set aside: {reason}" + (f". {detail}" if detail else "")


def decline_for_time(feedback: FeedbackCase, inputs: dict, actor, today: date) -> dict:
    feedback.outcome_note = inputs["reasons"].strip()
    return {"reasons": feedback.outcome_note}


def pass_to_oat(feedback: FeedbackCase, inputs: dict, actor, today: date) -> None:
    finish_time_limit(feedback, inputs, actor, today)
    create_record(Referral, feedback_case=feedback, referred_on=today, referred_by=actor, note=(inputs.get("note") or "").strip())
    open_task(
        feedback,
        "oat_review",
        f"Review request passed straight to OAT ({feedback.case.reference})",
        role=Role.OAT,
        body=inputs.get("note") or "",
    )


def close_not_eligible(feedback: FeedbackCase, inputs: dict, actor, today: date) -> None:
    feedback.outcome_note = inputs.get("note") or "Closed as a low-level injustice: no review available"


def route_to_joint_working(feedback: FeedbackCase, inputs: dict, actor, today: date) -> None:
    close_tasks(feedback, "consider_complaint", by=actor)
    open_task(
        feedback,
        "joint_working",
        f"Joint LGSCO decision complaint on {feedback.case.reference}",
        role=Role.JOINT_WORKING,
        body=inputs.get("note") or "",
    )


def close_after_joint_working(feedback: FeedbackCase, inputs: dict, actor, today: date) -> None:
    feedback.outcome_note = f"Considered by the Joint Working Team under the LGSCO process: {inputs['outcome'].strip()}"


def record_exceptional_reason(feedback: FeedbackCase, inputs: dict, actor, today: date) -> None:
    feedback.exceptional_reason = inputs["reason"].strip()
    open_task(
        feedback,
        "agree_exceptional",
        f"Agree or not a further review of {feedback.case.reference}",
        role=Role.OAT,
        body=feedback.exceptional_reason,
    )


def agree_exceptional_review(feedback: FeedbackCase, inputs: dict, actor, today: date) -> None:
    feedback.exceptional_review_agreed = True
    close_tasks(feedback, "agree_exceptional", by=actor)


def record_legal_advice(feedback: FeedbackCase, inputs: dict, actor, today: date) -> None:
    feedback.legal_advice = inputs["advice"].strip()
    close_tasks(feedback, "legal_advice", by=actor)


def decline_for_behaviour(feedback: FeedbackCase, inputs: dict, actor, today: date) -> dict:
    feedback.outcome_note = inputs["reason"].strip()
    return {"reasons": feedback.outcome_note}


def consider_late_feedback(feedback: FeedbackCase, inputs: dict, actor, today: date) -> None:
    feedback.late_feedback_decision = f"Considered although raised late: {inputs['reason'].strip()}"


def decline_late_feedback(feedback: FeedbackCase, inputs: dict, actor, today: date) -> dict:
    reasons = inputs["reason"].strip()
    feedback.late_feedback_decision = feedback.outcome_note = f"Not considered, raised too late: {reasons}"
    return {"reasons": reasons}


EFFECTS = named(
    route_decision_complaint,
    agree_grounds_deadline,
    request_grounds,
    extend_deadline,
    record_grounds,
    finish_time_limit,
    invite_explanation,
    set_aside_time_limit,
    decline_for_time,
    pass_to_oat,
    close_not_eligible,
    route_to_joint_working,
    close_after_joint_working,
    record_exceptional_reason,
    agree_exceptional_review,
    record_legal_advice,
    decline_for_behaviour,
    consider_late_feedback,
    decline_late_feedback,
)
