"""What the actions on positive feedback and complaints about our service do beyond moving the state."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from django.utils import timezone

from casework.effects.decision_complaint import consider_late_feedback, decline_late_feedback
from casework.effects.decision_review import record_risk_assessment
from casework.models import FeedbackCase, LeadershipContact, LearningPoint, Remedy, ServiceCharterCommitment, ServiceFinding
from casework.read.facts import next_manager_up
from casework.services.errors import Refused
from casework.services.records import close_tasks, open_task, write_letter
from policy.decisions import Reason
from policy.facts import FeedbackKind, Role


def close_with_comment(feedback: FeedbackCase, inputs: dict, actor, today: date) -> None:
    """Para 9: the comment goes to the caseworker, copying the Director and the Chief Executive."""
    copied = ", ".join(f"{c.name} ({c.get_role_display()}) <{c.email}>" for c in LeadershipContact.objects.order_by("role"))
    feedback.outcome_note = inputs["comment"].strip()
    write_letter(
        feedback,
        "positive_feedback_comment",
        addressee=feedback.case.case_owner.get_full_name() or feedback.case.case_owner.username,
        copied_to=copied,
        by=actor,
        extra={"comment": feedback.outcome_note},
    )
    close_tasks(feedback, "review_positive_feedback", by=actor)


def record_resolution_attempt(feedback: FeedbackCase, inputs: dict, actor, today: date) -> None:
    feedback.resolution_attempt = inputs["attempt"].strip()


def _finish(feedback: FeedbackCase, actor, note: str) -> None:
    feedback.outcome_note = note
    close_tasks(feedback, by=actor)


def resolve(feedback: FeedbackCase, inputs: dict, actor, today: date) -> None:
    _finish(feedback, actor, f"Resolved: {inputs['note'].strip()}")


def close_unresolved(feedback: FeedbackCase, inputs: dict, actor, today: date) -> None:
    _finish(feedback, actor, f"Closed without resolution: {inputs['reason'].strip()}")


def escalate(feedback: FeedbackCase, inputs: dict, actor, today: date) -> None:
    """Para 15: one step up the management chain; the new manager now handles it."""
    next_up = next_manager_up(feedback)
    close_tasks(feedback, "resolve_service_complaint", by=actor)
    feedback.handling_manager = next_up
    open_task(
        feedback,
        "resolve_service_complaint",
        f"Escalated complaint about our service on {feedback.case.reference}",
        role=Role.MANAGER,
        assignee=next_up,
        body=inputs["reason"].strip(),
    )


def ask_oat_advice(feedback: FeedbackCase, inputs: dict, actor, today: date) -> None:
    feedback.oat_advice_question = inputs["question"].strip()
    open_task(
        feedback,
        "oat_service_advice",
        f"Advice on a complaint about our service ({feedback.case.reference})",
        role=Role.OAT,
        body=feedback.oat_advice_question,
    )


def give_oat_advice(feedback: FeedbackCase, inputs: dict, actor, today: date) -> None:
    feedback.oat_advice = inputs["advice"].strip()
    close_tasks(feedback, "oat_service_advice", by=actor)


def record_finding(feedback: FeedbackCase, inputs: dict, actor, today: date) -> None:
    feedback.service_finding, _ = ServiceFinding.objects.update_or_create(
        feedback_case=feedback,
        defaults={
            "what_happened": inputs["what_happened"].strip(),
            "what_should_have_happened": inputs["what_should_have_happened"].strip(),
            "difference": inputs["difference"].strip(),
            "upheld": bool(inputs["upheld"]),
            "found_by": actor,
        },
    )


def offer_remedy(feedback: FeedbackCase, inputs: dict, actor, today: date) -> None:
    amount = inputs.get("amount")
    Remedy.objects.create(
        feedback_case=feedback,
        remedy_type=inputs["remedy_type"],
        details=inputs["details"].strip(),
        severity_level=int(inputs["severity_level"]) if inputs.get("severity_level") else None,
        amount=Decimal(str(amount).replace("£", "").replace(",", "").strip()) if amount else None,
        out_of_range_reason=(inputs.get("out_of_range_reason") or "").strip(),
        offered_by=actor,
        offered_at=timezone.now(),
    )


def record_learning_point(feedback: FeedbackCase, inputs: dict, actor, today: date) -> None:
    create_learning_point(feedback, inputs, actor, shared_with=inputs["shared_with"].strip())


def create_learning_point(feedback: FeedbackCase, inputs: dict, actor, *, shared_with: str, fed_back_to=None) -> LearningPoint:
    """A learning point, linked to the Service Charter commitment by its number (Annex A)."""
    number = (inputs.get("charter_commitment") or "").strip()
    commitment = ServiceCharterCommitment.objects.filter(number=int(number)).first() if number.isdigit() else None
    if number and commitment is None:
        raise Refused(
            reasons=(Reason("Annex A", f"There is no Service Charter commitment {number}", field="charter_commitment"),)
        )
    now = timezone.now()
    return LearningPoint.objects.create(
        feedback_case=feedback,
        kind=inputs["kind"],
        text=inputs["text"].strip(),
        service_model_section=(inputs.get("service_model_section") or "").strip(),
        charter_commitment=commitment,
        shared_with=shared_with,
        fed_back_to=fed_back_to,
        fed_back_at=now if fed_back_to else None,
        recorded_by=actor,
        recorded_at=now,
    )


def _upheld(feedback: FeedbackCase) -> bool:
    finding = getattr(feedback, "service_finding", None)  # a missing one-to-one record raises AttributeError
    return bool(finding and finding.upheld)


def close_with_outcome_letter(feedback: FeedbackCase, inputs: dict, actor, today: date) -> None:
    _finish(feedback, actor, "Upheld: recorded as a service review" if _upheld(feedback) else "Not upheld")
    write_letter(
        feedback,
        "service_complaint_outcome",
        addressee=feedback.case.service_user,
        by=actor,
        extra={"remedies": list(feedback.remedies.all())},
    )


def reclassify_as_decision_complaint(feedback: FeedbackCase, inputs: dict, actor, today: date) -> None:
    """Para 12: the same record carries on as a decision complaint, history and received date kept."""
    close_tasks(feedback, by=actor)
    feedback.handling_manager = None
    feedback.outcome_note = f"Reclassified as a complaint about our decision: {inputs['reason'].strip()}"
    open_task(
        feedback,
        "consider_complaint",
        f"Consider the complaint about our decision on {feedback.case.reference}",
        role=Role.CASEWORKER,
        assignee=feedback.case.case_owner,
        body=feedback.summary,
    )


_SERVICE = FeedbackKind.SERVICE_COMPLAINT

EFFECTS = {
    (FeedbackKind.POSITIVE, "close_with_comment"): close_with_comment,
    (_SERVICE, "record_resolution_attempt"): record_resolution_attempt,
    (_SERVICE, "resolve"): resolve,
    (_SERVICE, "close_unresolved"): close_unresolved,
    (_SERVICE, "escalate"): escalate,
    (_SERVICE, "ask_oat_advice"): ask_oat_advice,
    (_SERVICE, "give_oat_advice"): give_oat_advice,
    (_SERVICE, "record_finding"): record_finding,
    (_SERVICE, "offer_remedy"): offer_remedy,
    (_SERVICE, "record_risk_assessment"): record_risk_assessment,
    (_SERVICE, "record_learning_point"): record_learning_point,
    (_SERVICE, "close_upheld"): close_with_outcome_letter,
    (_SERVICE, "close_not_upheld"): close_with_outcome_letter,
    (_SERVICE, "reclassify_as_decision_complaint"): reclassify_as_decision_complaint,
    (_SERVICE, "consider_late_feedback"): consider_late_feedback,
    (_SERVICE, "decline_late_feedback"): decline_late_feedback,
}
