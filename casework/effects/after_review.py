"""What the actions after an upheld review do beyond moving the state (paras 57, 61 to 69, 72, 73)."""

from __future__ import annotations

from datetime import date

from django.utils import timezone

from casework.effects.base import named
from casework.models import (
    Approval,
    DelegationRule,
    FeedbackCase,
    FollowOnCase,
    NewInvestigationProposal,
    PartyComment,
    QuashProposal,
    Referral,
)
from casework.people import name_of
from casework.read.reference import period
from casework.services.record_watch import close_tasks, create_record, records_of, update_record
from casework.services.records import open_task, save_record, write_letter
from policy.after_review import APPROVAL_SUBJECTS, DEFAULT_DELEGATION, QUASH_CRITERIA, ApprovalSubject
from policy.facts import Role
from policy.workflows import holding


def _approver_role(subject: ApprovalSubject) -> Role:
    rule = DelegationRule.objects.filter(subject=subject).first()
    return Role(rule.role) if rule else DEFAULT_DELEGATION[subject]


def _ask_for_approval(feedback: FeedbackCase, subject: ApprovalSubject, summary: str, actor) -> None:
    """Para 72: the proposal waits for the role the Delegation Scheme names, with a task for it."""
    role = _approver_role(subject)
    create_record(
        Approval,
        feedback_case=feedback,
        subject=subject,
        approver_role=role,
        summary=summary,
        proposed_by=actor,
        proposed_at=timezone.now(),
    )
    what = dict(APPROVAL_SUBJECTS)[subject].lower()
    open_task(feedback, f"approve_{subject}", f"Approval needed: {what} on {feedback.case.reference}", role=role, body=summary)


def _decide_approval(feedback: FeedbackCase, approved: bool, inputs: dict, actor) -> Approval:
    (approval,) = (approval for approval in records_of(feedback, Approval) if approval.decided_at is None)
    approval.decided_by, approval.decided_at = actor, timezone.now()
    approval.approved, approval.reasons = approved, inputs["reasons"].strip()
    update_record(approval, "decided_by", "decided_at", "approved", "reasons")
    close_tasks(feedback, f"approve_{approval.subject}", by=actor)
    return approval


def _shared_services_task(feedback: FeedbackCase, follow_on: FollowOnCase) -> None:
    priority = "Priority: " if follow_on.priority else ""
    open_task(
        feedback,
        "open_new_case",
        f"{priority}open {follow_on.get_kind_display().lower()} following {feedback.case.reference}",
        role=Role.SHARED_SERVICES,
        body=f"{follow_on.summary}\n\nAllocation: {follow_on.allocation_advice}".strip(),
    )


def arrange_fresh_investigation(feedback: FeedbackCase, inputs: dict, actor, today: date) -> None:
    """Para 57: OAT's pro-forma and allocation advice go to shared services to create the case."""
    follow_on = create_record(
        FollowOnCase,
        original_case=feedback.case,
        feedback_case=feedback,
        kind="fresh_primary_investigation",
        summary=inputs["summary"].strip(),
        allocation_advice=inputs["allocation_advice"].strip(),
        arranged_by=actor,
        arranged_at=timezone.now(),
    )
    _shared_services_task(feedback, follow_on)


def propose_new_investigation(feedback: FeedbackCase, inputs: dict, actor, today: date) -> None:
    """Para 63: both parties are told what we propose to investigate and may comment."""
    deadline = today + period(holding.COMMENT_PERIOD)
    summary = inputs["summary"].strip()
    # Proposed afresh after one was withdrawn or not approved: the new proposal replaces it, and the
    # audit event keeps what it replaced.
    PartyComment.objects.filter(proposal__feedback_case=feedback).delete()
    save_record(
        feedback,
        "new_investigation",
        NewInvestigationProposal,
        ground=inputs["ground"],
        summary=summary,
        comment_deadline=deadline,
        consideration="",
        withdrawn="",
        proposed_by=actor,
    )
    case = feedback.case
    for addressee in (case.service_user, case.organisation):
        extra = {"summary": summary, "comment_deadline": deadline}
        write_letter(feedback, "new_investigation_proposal", addressee=addressee, by=actor, extra=extra)
    open_task(
        feedback,
        "consider_comments",
        f"Consider the comments on the proposed new investigation of {case.reference}",
        role=Role.OAT,
        assignee=actor,
        due=deadline,
    )


def record_comments(feedback: FeedbackCase, inputs: dict, actor, today: date) -> None:
    PartyComment.objects.update_or_create(
        proposal=feedback.new_investigation,
        party=inputs["party"],
        defaults={"comments": inputs["comments"].strip(), "received": today},
    )


def decide_to_proceed(feedback: FeedbackCase, inputs: dict, actor, today: date) -> None:
    """Para 64: going ahead, after considering the comments, needs approval first (para 73)."""
    proposal = feedback.new_investigation
    proposal.consideration = inputs["consideration"].strip()
    update_record(proposal, "consideration")
    close_tasks(feedback, "consider_comments", by=actor)
    summary = f"{proposal.get_ground_display()}.\n\n{proposal.summary}\n\nComments considered: {proposal.consideration}"
    _ask_for_approval(feedback, ApprovalSubject.NEW_DETAILED_INVESTIGATION, summary, actor)


def withdraw_new_investigation(feedback: FeedbackCase, inputs: dict, actor, today: date) -> None:
    proposal = feedback.new_investigation
    proposal.withdrawn = inputs["reasons"].strip()
    update_record(proposal, "withdrawn")
    close_tasks(feedback, "consider_comments", by=actor)


def approve_new_investigation(feedback: FeedbackCase, inputs: dict, actor, today: date) -> None:
    """Paras 64, 65: the new case is a priority for shared services, and its risk is reconsidered."""
    _decide_approval(feedback, True, inputs, actor)
    follow_on = create_record(
        FollowOnCase,
        original_case=feedback.case,
        feedback_case=feedback,
        kind="new_detailed_investigation",
        priority=True,
        summary=feedback.new_investigation.summary,
        arranged_by=actor,
        arranged_at=timezone.now(),
    )
    _shared_services_task(feedback, follow_on)
    open_task(
        feedback,
        "reassess_risk",
        f"Reassess the risk of the new investigation following {feedback.case.reference}",
        role=Role.OAT,
        assignee=records_of(feedback, Referral)[-1].oat_caseworker,
    )


def refuse_new_investigation(feedback: FeedbackCase, inputs: dict, actor, today: date) -> None:
    _decide_approval(feedback, False, inputs, actor)


def record_new_case(feedback: FeedbackCase, inputs: dict, actor, today: date) -> None:
    """The new case is linked to the old one: the original case lists it, and it names the original."""
    follow_on = feedback.follow_on_cases.filter(new_reference="").latest("arranged_at")
    follow_on.new_reference, follow_on.opened_on = inputs["new_reference"].strip(), today
    follow_on.save(update_fields=["new_reference", "opened_on"])
    close_tasks(feedback, "open_new_case", by=actor)


def propose_quash(feedback: FeedbackCase, inputs: dict, actor, today: date) -> None:
    """Para 68: the Legal Team receive the case details and why it meets the para 67 circumstances."""
    held = [label for name, label in QUASH_CRITERIA if inputs.get(name)]
    proposal = create_record(
        QuashProposal,
        feedback_case=feedback,
        reasons=inputs["reasons"].strip(),
        proposed_by=actor,
        **{name: bool(inputs.get(name)) for name, _ in QUASH_CRITERIA},
    )
    body = "\n".join(f"- {label}" for label in held) + f"\n\n{proposal.reasons}"
    open_task(feedback, "quash_legal", f"Proposal to quash the report on {feedback.case.reference}", role=Role.LEGAL, body=body)


def give_quash_advice(feedback: FeedbackCase, inputs: dict, actor, today: date) -> None:
    proposal = feedback.quash_proposal
    proposal.legal_advice, proposal.legal_advice_by = inputs["advice"].strip(), actor
    update_record(proposal, "legal_advice", "legal_advice_by")
    close_tasks(feedback, "quash_legal", by=actor)
    summary = f"{proposal.reasons}\n\nThe Legal Team's view: {proposal.legal_advice}"
    # The proposal is the OAT caseworker's (only they may propose it), whoever records Legal's view.
    _ask_for_approval(feedback, ApprovalSubject.QUASH, summary, proposal.proposed_by)


def quash_report(feedback: FeedbackCase, inputs: dict, actor, today: date) -> None:
    """Para 66: the report is invalid, and every affected party is told."""
    _decide_approval(feedback, True, inputs, actor)
    case = feedback.case
    case.report_quashed, case.quashed_on = True, today
    case.save(update_fields=["report_quashed", "quashed_on"])
    owner = name_of(case.case_owner)
    for addressee in (case.service_user, case.organisation, owner):
        extra = {"reasons": inputs["reasons"].strip()}
        write_letter(feedback, "report_quashed", addressee=addressee, by=actor, extra=extra)


def do_not_quash(feedback: FeedbackCase, inputs: dict, actor, today: date) -> None:
    _decide_approval(feedback, False, inputs, actor)


EFFECTS = named(
    arrange_fresh_investigation,
    propose_new_investigation,
    record_comments,
    decide_to_proceed,
    withdraw_new_investigation,
    approve_new_investigation,
    refuse_new_investigation,
    record_new_case,
    propose_quash,
    give_quash_advice,
    quash_report,
    do_not_quash,
)
