"""What the actions on a complaint about our decision do beyond moving the state."""

from __future__ import annotations

from datetime import date

from casework.effects.base import named
from casework.models import FeedbackCase, Ground, Grounds, Referral
from casework.read.facts import deadline_rolls_to_working_day, decision_complained_of, working_calendar
from casework.read.reference import period
from casework.services.records import close_tasks, open_task, write_letter
from policy import time_limits
from policy.facts import Role
from policy.workflows import holding


def _service_user(feedback: FeedbackCase) -> str:
    return feedback.case.service_user.name


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


def request_grounds(feedback: FeedbackCase, inputs: dict, actor, today: date) -> None:
    feedback.grounds_deadline = time_limits.grounds_deadline(
        decision_complained_of(feedback).decided_on, working_calendar(), deadline_rolls_to_working_day()
    )
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
    # Kept on the feedback too (as each one-to-one record below), so it reads this record, not one cached before.
    feedback.grounds, _ = Grounds.objects.update_or_create(
        feedback_case=feedback,
        defaults={
            "why_wrong": inputs["why_wrong"],
            "what_they_want": inputs.get("what_they_want") or "",
            "evidence": inputs.get("evidence") or "",
            "recorded_by": actor,
        },
    )
    feedback.grounds.items.all().delete()
    Ground.objects.bulk_create(
        Ground(grounds=feedback.grounds, ground_type=ground) for ground in dict.fromkeys(inputs["ground_types"])
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
    Referral.objects.create(feedback_case=feedback, referred_on=today, referred_by=actor, note=(inputs.get("note") or "").strip())
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


def decline_for_behaviour(feedback: FeedbackCase, inputs: dict, actor, today: date) -> None:
    feedback.outcome_note = inputs["reason"].strip()


def consider_late_feedback(feedback: FeedbackCase, inputs: dict, actor, today: date) -> None:
    feedback.late_feedback_decision = f"Considered although raised late: {inputs['reason'].strip()}"


def decline_late_feedback(feedback: FeedbackCase, inputs: dict, actor, today: date) -> None:
    feedback.late_feedback_decision = feedback.outcome_note = f"Not considered, raised too late: {inputs['reason'].strip()}"


EFFECTS = named(
    route_decision_complaint,
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
