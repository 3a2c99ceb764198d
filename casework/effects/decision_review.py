"""What the case owner's review actions do beyond moving the state (paras 23 to 46, 77, 78)."""

from __future__ import annotations

from datetime import date

from django.utils import timezone

from casework.effects.base import named
from casework.effects.decision_complaint import ask_legal_advice
from casework.models import (
    AmendedReport,
    ChallengeAnalysis,
    ChallengeAnswers,
    FeedbackCase,
    Referral,
    RiskAssessment,
    ServiceUser,
)
from casework.read.facts import decision_complained_of
from casework.services.record_watch import close_tasks, create_record
from casework.services.records import open_task, save_record, write_letter
from policy.facts import Role


def _service_user(feedback: FeedbackCase) -> ServiceUser:
    return feedback.case.service_user


def _to_case_owner(feedback: FeedbackCase, code: str, subject: str, body: str = "") -> None:
    open_task(feedback, code, subject, role=Role.CASEWORKER, assignee=feedback.case.case_owner, body=body)


def resolve_by_case_owner(feedback: FeedbackCase, inputs: dict, actor, today: date) -> None:
    """Paras 24, 41: the service user considers it resolved; note it and close."""
    feedback.outcome_note = f"Resolved by the case owner: {inputs['note'].strip()}"


def _issued_on(feedback: FeedbackCase) -> date:
    decision = decision_complained_of(feedback)
    return decision.report_issue_date or decision.decided_on


def issue_amended_report(feedback: FeedbackCase, inputs: dict, actor, today: date) -> None:
    """Para 25: the amended report keeps the original issue date; what changed is recorded."""
    case = feedback.case
    report = create_record(
        AmendedReport,
        case=case,
        feedback_case=feedback,
        what_changed=inputs["what_changed"].strip(),
        original_issue_date=_issued_on(feedback),
        issued_by=actor,
        issued_at=timezone.now(),
    )
    write_letter(
        feedback,
        "amended_report",
        addressee=_service_user(feedback),
        by=actor,
        extra={"what_changed": report.what_changed, "original_issue_date": report.original_issue_date},
    )


def record_adjustments(feedback: FeedbackCase, inputs: dict, actor, today: date) -> None:
    feedback.reasonable_adjustments = inputs["adjustments"].strip()


def check_oat_advice_needed(feedback: FeedbackCase, inputs: dict, actor, today: date) -> None:
    """Para 26. A credible threat of Judicial Review also puts JR in prospect: Legal advise first (para 70)."""
    save_record(
        feedback,
        "challenge_answers",
        ChallengeAnswers,
        jr_threat_or_unlawful_allegation=bool(inputs["jr_threat_or_unlawful_allegation"]),
        brought_by_organisation=bool(inputs["brought_by_organisation"]),
        specialist_subject=bool(inputs["specialist_subject"]),
        answered_by=actor,
    )
    if inputs["jr_threat_or_unlawful_allegation"] and not feedback.jr_in_prospect:
        feedback.jr_in_prospect = True
        ask_legal_advice(feedback)


def request_oat_advice(feedback: FeedbackCase, inputs: dict, actor, today: date) -> None:
    feedback.oat_advice_question = inputs["question"].strip()
    open_task(
        feedback,
        "oat_advice",
        f"Advice on a complaint about our decision ({feedback.case.reference})",
        role=Role.OAT,
        body=feedback.oat_advice_question,
    )


def record_oat_advice(feedback: FeedbackCase, inputs: dict, actor, today: date) -> None:
    feedback.oat_advice_decision = inputs["decision"]
    feedback.oat_advice = inputs["advice"].strip()
    close_tasks(feedback, "oat_advice", by=actor)
    _to_case_owner(feedback, "act_on_oat_advice", "OAT have advised on the complaint about our decision", feedback.oat_advice)


def close_no_review(feedback: FeedbackCase, inputs: dict, actor, today: date) -> dict:
    """Para 29: OAT advised against a review; the service user is told, and may be signposted to JR."""
    note = (inputs.get("note") or "").strip()
    feedback.outcome_note = "No review: OAT advised against one on this high-risk case" + (f". {note}" if note else "")
    return {"note": note, "signpost_jr": bool(inputs["signpost_jr"])}


def record_challenge_analysis(feedback: FeedbackCase, inputs: dict, actor, today: date) -> None:
    save_record(
        feedback,
        "challenge_analysis",
        ChallengeAnalysis,
        is_challenge=bool(inputs["is_challenge"]),
        clear_evidence=bool(inputs["clear_evidence"]),
        genuine_doubt=bool(inputs["genuine_doubt"]),
        analysed_by=actor,
    )
    feedback.outcome_note = f"Analysis of the challenge: {inputs['reasons'].strip()}"


def close_not_actionable(feedback: FeedbackCase, inputs: dict, actor, today: date) -> dict:
    """Para 40: no further action, with Judicial Review signposted where appropriate."""
    explanation = (inputs.get("explanation") or "").strip()
    feedback.outcome_note = "No further action: not an actionable challenge" + (f". {explanation}" if explanation else "")
    return {"explanation": explanation, "signpost_jr": bool(inputs["signpost_jr"])}


def reconsider_within_team(feedback: FeedbackCase, inputs: dict, actor, today: date) -> None:
    """Para 43: a new primary consideration, usually within the team; the manager arranges it."""
    open_task(
        feedback,
        "reconsider_decision",
        f"Reconsider the primary decision on {feedback.case.reference}",
        role=Role.MANAGER,
        assignee=feedback.case.manager,
        body=inputs["arrangements"].strip(),
    )
    _to_case_owner(feedback, "refer_to_oat", f"Refer {feedback.case.reference} to OAT now you have acted (para 46)")


def explain_decision_stands(feedback: FeedbackCase, inputs: dict, actor, today: date) -> None:
    """Para 45: the rationale was flawed but the decision right: explain, no fresh investigation."""
    write_letter(
        feedback,
        "decision_stands",
        addressee=_service_user(feedback),
        by=actor,
        extra={"explanation": inputs["explanation"].strip()},
    )
    _to_case_owner(feedback, "refer_to_oat", f"Refer {feedback.case.reference} to OAT now you have acted (para 46)")


def refer_to_oat(feedback: FeedbackCase, inputs: dict, actor, today: date) -> None:
    """Para 46: the referral joins OAT's queue for an OAT caseworker to take (para 47)."""
    close_tasks(feedback, by=actor)
    # A new record each time: an earlier referral keeps its own outcome (para 46).
    create_record(Referral, feedback_case=feedback, referred_on=today, referred_by=actor, note=inputs["summary"].strip())
    open_task(
        feedback,
        "oat_review",
        f"Review referral on {feedback.case.reference}",
        role=Role.OAT,
        body=inputs["summary"].strip(),
    )


def record_risk_assessment(feedback: FeedbackCase, inputs: dict, actor, today: date) -> None:
    create_record(
        RiskAssessment,
        feedback_case=feedback,
        risk=inputs["risk"],
        assessment=inputs["assessment"].strip(),
        assessed_by=actor,
        assessed_on=today,
    )


def write_to_service_user(feedback: FeedbackCase, inputs: dict, actor, today: date) -> None:
    write_letter(
        feedback, "case_owner_update", addressee=_service_user(feedback), by=actor, extra={"message": inputs["message"].strip()}
    )


EFFECTS = named(
    resolve_by_case_owner,
    issue_amended_report,
    record_adjustments,
    check_oat_advice_needed,
    request_oat_advice,
    record_oat_advice,
    close_no_review,
    record_challenge_analysis,
    close_not_actionable,
    reconsider_within_team,
    explain_decision_stands,
    refer_to_oat,
    record_risk_assessment,
    write_to_service_user,
)
