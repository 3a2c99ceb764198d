"""Plain facts for the policy, read from the records."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.conf import settings
from django.utils import timezone

from casework.models import BankHolidayOverride, Case, FeedbackCase, SeverityLevel, StaffProfile
from casework.models.review import current_referral
from casework.read.access import roles_on
from policy import time_limits
from policy.calendar import WorkingCalendar
from policy.facts import (
    CaseFacts,
    ChallengeAnalysis,
    ChallengeAnswers,
    ClosureReason,
    FeedbackFacts,
    FeedbackKind,
    PendingApproval,
    Risk,
    Role,
    Stage,
)
from policy.review import ground_findings
from policy.service_feedback import RemedyType, SeverityBand


@dataclass(frozen=True)
class DecisionDates:
    decided_on: date
    report_issue_date: date | None


def decision_complained_of(feedback: FeedbackCase) -> DecisionDates:
    """The decision the feedback is about (para 20: a partial decision, or the final one): its
    deadlines run from it. Feedback naming none is about the case's own decision."""
    if feedback.decision_id is not None:
        decision = feedback.decision
        return DecisionDates(decision.decided_on, decision.report_issue_date)
    return DecisionDates(feedback.case.decision_date, feedback.case.report_issue_date)


def case_facts(case: Case, decided_on: date | None = None) -> CaseFacts:
    """`decided_on`: the decision in question, when it is not the case's own."""
    return CaseFacts(
        stage=Stage(case.stage),
        risk=Risk(case.risk),
        supervised=case.supervised,
        decision_date=decided_on or case.decision_date,
        closure_reason=ClosureReason(case.closure_reason) if case.closure_reason else None,
        joint_with_lgsco=case.joint_with_lgsco,
        mp_involved=case.mp_involved,
        # The person's flags as they stand today follow them to every case (paras 22, 37).
        reviews_go_to_oat_first=case.service_user.reviews_go_to_oat_first,
        behaviour_restriction=case.service_user.restricted_on(timezone.localdate()),
        review_count=case.review_count,
        previous_review_upheld=case.previous_review_upheld,
        report_quashed=case.report_quashed,
    )


def feedback_facts(feedback: FeedbackCase, actor=None) -> FeedbackFacts:
    """The facts the rules read; `actor` is whoever is asking, for the rules that depend on who."""
    remedies = list(feedback.remedies.values_list("remedy_type", flat=True))
    proposal = record_of(feedback, "new_investigation")
    decision = record_of(feedback, "review_decision")
    finding = decision or record_of(feedback, "service_finding")
    referral = current_referral(feedback)
    answers, analysis = record_of(feedback, "challenge_answers"), record_of(feedback, "challenge_analysis")
    grounds = record_of(feedback, "grounds")
    return FeedbackFacts(
        case=case_facts(feedback.case, decision_complained_of(feedback).decided_on),
        kind=FeedbackKind(feedback.kind),
        state=feedback.state,
        received_date=feedback.received_date,
        grounds_deadline=feedback.grounds_deadline,
        usual_grounds_deadline=usual_grounds_deadline(feedback) if feedback.grounds_deadline is None else None,
        grounds_received_date=feedback.grounds_received_date,
        exceptional_reason=feedback.exceptional_reason,
        exceptional_review_agreed=feedback.exceptional_review_agreed,
        jr_in_prospect=feedback.jr_in_prospect,
        legal_advice_recorded=bool(feedback.legal_advice),
        late_feedback_decided=bool(feedback.late_feedback_decision),
        resolution_attempted=bool(feedback.resolution_attempt),
        finding_upheld=finding.upheld if finding else None,
        remedy_count=len(remedies),
        financial_remedy_count=remedies.count(RemedyType.FINANCIAL),
        next_manager_up=getattr(next_manager_up(feedback), "username", None),
        oat_advice_requested=bool(feedback.oat_advice_question),
        severity_scale=severity_scale(),
        acting_as=getattr(actor, "username", None),
        ground_types=tuple(grounds.items.values_list("ground_type", flat=True)) if grounds else (),
        challenge_answers=ChallengeAnswers(
            answers.jr_threat_or_unlawful_allegation, answers.brought_by_organisation, answers.specialist_subject
        )
        if answers
        else None,
        oat_advice_given=feedback.oat_advice_decision,
        challenge_analysis=ChallengeAnalysis(analysis.is_challenge, analysis.clear_evidence, analysis.genuine_doubt)
        if analysis
        else None,
        oat_caseworker=getattr(referral and referral.oat_caseworker, "username", None),
        oat_outcome=referral.outcome if referral else "",
        risk_assessed=feedback.risk_assessments.exists(),
        learning_point_count=feedback.learning_points.count(),
        review_route=decision.route if decision else "",
        acting_roles=roles_on(actor, feedback) if actor is not None else frozenset(),
        follow_on_arranged=feedback.follow_on_cases.exists(),
        new_investigation_ended=bool(proposal and proposal.withdrawn)
        or feedback.approvals.filter(subject="new_detailed_investigation", approved=False).exists(),
        comment_deadline=proposal.comment_deadline if proposal else None,
        comments_received=frozenset(proposal.comments.values_list("party", flat=True)) if proposal else frozenset(),
        pending_approval=_pending_approval(feedback),
        quash_decided=feedback.approvals.filter(subject="quash", decided_at__isnull=False).exists(),
    )


def usual_grounds_deadline(feedback: FeedbackCase):
    """One calendar month from the decision complained of, on the next working day when so configured (para 32)."""
    return time_limits.grounds_deadline(
        decision_complained_of(feedback).decided_on, working_calendar(), deadline_rolls_to_working_day()
    )


def record_of(feedback: FeedbackCase, name: str):
    """A one-to-one record of the feedback (its grounds, review decision, ...), or None if not yet made."""
    return getattr(feedback, name, None)  # a missing one-to-one record raises AttributeError


def findings_on_grounds(feedback: FeedbackCase) -> list[dict[str, str]]:
    """OAT's finding on each ground of the review, in words (para 51)."""
    grounds = record_of(feedback, "grounds")
    decided = dict(grounds.items.exclude(finding="").values_list("ground_type", "finding")) if grounds else {}
    return ground_findings({"grounds": decided})


def _pending_approval(feedback: FeedbackCase) -> PendingApproval | None:
    approval = feedback.approvals.filter(decided_at__isnull=True).select_related("proposed_by").first()
    if approval is None:
        return None
    return PendingApproval(approval.subject, Role(approval.approver_role), approval.proposed_by.username)


def next_manager_up(feedback: FeedbackCase):
    """The line manager of whoever handles the feedback now: where an escalation goes (para 15)."""
    return line_manager_of(feedback.handling_manager or feedback.case.manager)


def line_manager_of(user):
    """An OM for a caseworker, an AD for an OM (Annex A); None when none is recorded."""
    profile = StaffProfile.objects.filter(user=user).select_related("line_manager").first()
    return profile.line_manager if profile else None


def severity_scale() -> tuple[SeverityBand, ...]:
    return tuple(
        SeverityBand(level, low, high)
        for level, low, high in SeverityLevel.objects.values_list("level", "minimum_payment", "maximum_payment")
    )


def working_calendar() -> WorkingCalendar:
    overrides = list(BankHolidayOverride.objects.values_list("date", "is_working_day"))
    return WorkingCalendar.with_overrides(
        extra_holidays=[day for day, worked in overrides if not worked],
        extra_working_days=[day for day, worked in overrides if worked],
    )


def deadline_rolls_to_working_day() -> bool:
    return settings.REDRESS_DEADLINE_ROLLS_TO_WORKING_DAY
