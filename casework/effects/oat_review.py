"""What OAT's actions on a referral do beyond moving the state (paras 47 to 60, Annex A)."""

from __future__ import annotations

from datetime import date

from django.utils import timezone

from casework.effects.base import named
from casework.effects.service_feedback import create_learning_point, hand_to_manager
from casework.models import FeedbackCase, Ground, Referral, ReviewDecision, Task
from casework.people import name_of
from casework.read.facts import line_manager_of
from casework.services.notices import notify_by_letter
from casework.services.record_watch import close_tasks, records_of, update_record, update_records
from casework.services.records import open_task, save_record, write_letter
from policy.facts import Role
from policy.review import OAT_OUTCOMES, OatOutcome


def current_referral(feedback: FeedbackCase) -> Referral:
    """The latest referral: the one OAT are working on (the action's rules saw to it that there is one)."""
    return records_of(feedback, Referral)[-1]


def take_referral(feedback: FeedbackCase, inputs: dict, actor, today: date) -> None:
    """Para 47: the OAT caseworker assigns the referral to themselves."""
    referral = current_referral(feedback)
    referral.oat_caseworker, referral.assigned_at = actor, timezone.now()
    update_record(referral, "oat_caseworker", "assigned_at")
    Task.objects.filter(feedback_case=feedback, code="oat_review", status=Task.Status.OPEN).update(assigned_to=actor)


def release_referral(feedback: FeedbackCase, inputs: dict, actor, today: date) -> None:
    """Para 47: back to OAT's queue, for any OAT caseworker to take."""
    referral = current_referral(feedback)
    referral.oat_caseworker, referral.assigned_at = None, None
    update_record(referral, "oat_caseworker", "assigned_at")
    Task.objects.filter(feedback_case=feedback, code="oat_review", status=Task.Status.OPEN).update(assigned_to=None)


def _record_outcome(feedback: FeedbackCase, outcome: OatOutcome, inputs: dict, actor, today: date) -> Referral:
    referral = current_referral(feedback)
    referral.outcome, referral.directions, referral.decided_on = outcome, inputs["advice"].strip(), today
    update_record(referral, "outcome", "directions", "decided_on")
    close_tasks(feedback, "oat_review", by=actor)
    return referral


def returned(outcome: OatOutcome):
    """Para 49: back to the case owner, with a task carrying OAT's directions."""

    def effect(feedback: FeedbackCase, inputs: dict, actor, today: date) -> None:
        referral = _record_outcome(feedback, outcome, inputs, actor, today)
        open_task(
            feedback,
            "oat_directions",
            f"{OAT_OUTCOMES[outcome]} ({feedback.case.reference})",
            role=Role.CASEWORKER,
            assignee=feedback.case.case_owner,
            body=referral.directions,
        )

    return effect


def review_criteria_not_met(feedback: FeedbackCase, inputs: dict, actor, today: date) -> dict:
    """Para 48: OAT tell the service user; follow-up questions go to the original case owner."""
    referral = _record_outcome(feedback, OatOutcome.CRITERIA_NOT_MET, inputs, actor, today)
    feedback.outcome_note = (
        f"Review criteria not met. Follow-up questions about the original decision go to {name_of(feedback.case.case_owner)}."
    )
    return {"reasons": referral.directions}


def accepted(feedback: FeedbackCase, inputs: dict, actor, today: date) -> None:
    """Para 50: OAT now own the review and all communication with the service user."""
    referral = _record_outcome(feedback, OatOutcome.ACCEPTED, inputs, actor, today)
    close_tasks(feedback, by=actor)
    open_task(
        feedback,
        "oat_decide_review",
        f"Decide the review of {feedback.case.reference}",
        role=Role.OAT,
        assignee=actor,
        body=referral.directions,
    )


def act_on_oat_directions(feedback: FeedbackCase, inputs: dict, actor, today: date) -> None:
    feedback.outcome_note = (
        f"Acted on OAT's directions: {inputs['action_taken'].strip()}. Service user told: {inputs['service_user_told'].strip()}"
    )
    close_tasks(feedback, "oat_directions", by=actor)


def reclassify_as_service_complaint(feedback: FeedbackCase, inputs: dict, actor, today: date) -> None:
    """Para 48: a service complaint is for the case owner's manager (para 13); the record carries on."""
    feedback.outcome_note = f"Returned by OAT as a complaint about our service: {inputs['reason'].strip()}"
    hand_to_manager(feedback)


def oat_write_to_service_user(feedback: FeedbackCase, inputs: dict, actor, today: date) -> None:
    write_letter(
        feedback, "oat_update", addressee=feedback.case.service_user.name, by=actor, extra={"message": inputs["message"].strip()}
    )


def record_review_decision(feedback: FeedbackCase, inputs: dict, actor, today: date) -> None:
    """Paras 51, 53, 54, 58, 59: the finding on each ground, the remedy analysis and the route;
    the case owner is told, copying their manager when the case was supervised (para 53)."""
    grounds = records_of(feedback, Ground)
    for ground in grounds:
        ground.finding = inputs[f"finding_{ground.ground_type}"]
        ground.reasons = (inputs.get(f"reasons_{ground.ground_type}") or "").strip()
    update_records(Ground, grounds, ["finding", "reasons"])
    save_record(
        feedback,
        "review_decision",
        ReviewDecision,
        upheld=any(ground.finding == "upheld" for ground in grounds),
        route=inputs.get("route") or "no_further_work",
        **{
            name: (inputs.get(name) or "").strip()
            for name in ("remedy_analysis", "impact", "proportionality", "restoring_position")
        },
        handling_feedback=inputs["handling_feedback"].strip(),
        proportionate=bool(inputs["proportionate"]),
        decided_by=actor,
    )
    feedback.decided_on = today
    case = feedback.case
    letter = write_letter(
        feedback,
        "review_outcome_to_case_owner",
        addressee=name_of(case.case_owner),
        copied_to=name_of(case.manager) if case.supervised else "",
        by=actor,
        in_app=True,
    )
    notify_by_letter(letter, [case.case_owner, case.manager if case.supervised else None])


def record_learning_point(feedback: FeedbackCase, inputs: dict, actor, today: date) -> None:
    """Paras 55, 56 and Annex A: recorded on the review, and fed back to the case owner's line manager."""
    line_manager = line_manager_of(feedback.case.case_owner) or feedback.case.manager
    also = (inputs.get("shared_with") or "").strip()
    name = name_of(line_manager)
    point = create_learning_point(
        feedback, inputs, actor, shared_with=", ".join(filter(None, [f"{name} (line manager)", also])), fed_back_to=line_manager
    )
    letter = write_letter(
        feedback,
        "learning_feedback",
        addressee=name,
        by=actor,
        extra={
            "line_manager_name": name,
            "learning_kind": point.get_kind_display(),
            "learning_text": point.text,
            "service_model_section": str(point.service_model_section or ""),
            "charter_commitment": str(point.charter_commitment or ""),
        },
        in_app=True,
    )
    notify_by_letter(letter, [line_manager])


def send_review_decision(feedback: FeedbackCase, inputs: dict, actor, today: date) -> None:
    """Para 74: the decision letter ends our internal process. The case now has had a review (para 5)."""
    upheld = feedback.review_decision.upheld
    case = feedback.case
    case.review_count += 1
    case.previous_review_upheld = upheld
    case.save(update_fields=["review_count", "previous_review_upheld"])
    feedback.outcome_note = "Review upheld" if upheld else "Review not upheld"
    # The letter context reads the findings with OAT's reasons, the remedies and what follows.


EFFECTS = named(
    take_referral,
    release_referral,
    review_criteria_not_met,
    act_on_oat_directions,
    reclassify_as_service_complaint,
    oat_write_to_service_user,
    record_review_decision,
    send_review_decision,
    return_for_more_information=returned(OatOutcome.MORE_INFORMATION),
    return_for_further_work=returned(OatOutcome.FURTHER_WORK),
    return_as_service_complaint=returned(OatOutcome.SERVICE_COMPLAINT),
    return_for_other_reason=returned(OatOutcome.OTHER),
    accept_referral=accepted,
    feed_back_learning_point=record_learning_point,
)
