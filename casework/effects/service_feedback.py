"""What the actions on positive feedback and complaints about our service do beyond moving the state."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from django.utils import timezone

from casework.effects.base import named
from casework.effects.decision_complaint import hand_to_case_owner
from casework.models import (
    FeedbackCase,
    LeadershipContact,
    LearningPoint,
    Remedy,
    ServiceFinding,
)
from casework.people import name_of
from casework.read.facts import next_manager_up
from casework.read.reference import charter_commitments, service_model_sections_by_name
from casework.services.errors import Refused
from casework.services.notices import notify_by_letter
from casework.services.record_watch import close_tasks, create_record
from casework.services.records import open_task, save_record, write_letter
from policy.decisions import Reason
from policy.facts import Role
from policy.service_feedback import positive_feedback_task


def route_positive_feedback(feedback: FeedbackCase, inputs: dict, actor, today: date) -> None:
    """Para 8: a task for the manager, with that exact subject and the main contents."""
    subject, body = positive_feedback_task(feedback.summary)
    open_task(feedback, "review_positive_feedback", subject, role=Role.MANAGER, assignee=feedback.case.manager, body=body)


def route_service_complaint(feedback: FeedbackCase, inputs: dict, actor, today: date) -> None:
    """Paras 1 and 13: a service complaint goes to the case owner's manager, and is acknowledged."""
    hand_to_manager(feedback)
    write_letter(feedback, "acknowledgement", addressee=feedback.case.service_user.name, by=actor)


def hand_to_manager(feedback: FeedbackCase) -> None:
    """Para 13: the case owner's manager handles a complaint about our service, however it arrived."""
    feedback.handling_manager = feedback.case.manager
    open_task(
        feedback,
        "resolve_service_complaint",
        f"Resolve the complaint about our service on {feedback.case.reference}",
        role=Role.MANAGER,
        assignee=feedback.handling_manager,
        body=feedback.summary,
    )


def close_with_comment(feedback: FeedbackCase, inputs: dict, actor, today: date) -> None:
    """Para 9: the comment goes to the caseworker, copying the Director and the Chief Executive."""
    leaders = list(LeadershipContact.objects.order_by("role"))
    copied = ", ".join(f"{c.name} ({c.get_role_display()}) <{c.email}>" for c in leaders)
    feedback.outcome_note = inputs["comment"].strip()
    letter = write_letter(
        feedback,
        "positive_feedback_comment",
        addressee=name_of(feedback.case.case_owner),
        copied_to=copied,
        by=actor,
        extra={"comment": feedback.outcome_note},
        in_app=True,
    )
    notify_by_letter(letter, [feedback.case.case_owner], copy_to=[c.email for c in leaders if c.email])


def record_resolution_attempt(feedback: FeedbackCase, inputs: dict, actor, today: date) -> None:
    feedback.resolution_attempt = inputs["attempt"].strip()


def resolve(feedback: FeedbackCase, inputs: dict, actor, today: date) -> None:
    feedback.outcome_note = f"Resolved: {inputs['note'].strip()}"


def close_unresolved(feedback: FeedbackCase, inputs: dict, actor, today: date) -> None:
    feedback.outcome_note = f"Closed without resolution: {inputs['reason'].strip()}"


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
    save_record(
        feedback,
        "service_finding",
        ServiceFinding,
        what_happened=inputs["what_happened"].strip(),
        what_should_have_happened=inputs["what_should_have_happened"].strip(),
        difference=inputs["difference"].strip(),
        upheld=bool(inputs["upheld"]),
        found_by=actor,
    )


def offer_remedy(feedback: FeedbackCase, inputs: dict, actor, today: date) -> None:
    amount = inputs.get("amount")
    create_record(
        Remedy,
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
    commitment = charter_commitments().get(int(number)) if number.isdigit() else None
    if number and commitment is None:
        raise Refused(
            reasons=(Reason("Annex A", f"There is no Service Charter commitment {number}", field="charter_commitment"),)
        )
    now = timezone.now()
    return create_record(
        LearningPoint,
        feedback_case=feedback,
        kind=inputs["kind"],
        text=inputs["text"].strip(),
        service_model_section=service_model_sections_by_name().get(inputs.get("service_model_section") or ""),
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


def record_service_outcome(feedback: FeedbackCase, inputs: dict, actor, today: date) -> None:
    feedback.outcome_note = "Upheld: recorded as a service review" if _upheld(feedback) else "Not upheld"
    # The letter context reads the finding and the remedies.


def reclassify_as_decision_complaint(feedback: FeedbackCase, inputs: dict, actor, today: date) -> None:
    """Para 12: the same record carries on as a decision complaint, history and received date kept."""
    feedback.handling_manager = None
    feedback.outcome_note = f"Reclassified as a complaint about our decision: {inputs['reason'].strip()}"
    hand_to_case_owner(feedback)


EFFECTS = named(
    route_positive_feedback,
    close_with_comment,
    route_service_complaint,
    record_resolution_attempt,
    resolve,
    close_unresolved,
    escalate,
    ask_oat_advice,
    give_oat_advice,
    record_finding,
    offer_remedy,
    record_learning_point,
    record_service_outcome,
    reclassify_as_decision_complaint,
)
