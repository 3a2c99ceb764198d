"""Plain facts for the policy, read from the records."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from functools import cache

from django.conf import settings
from django.db.models import CharField, Count, Exists, OuterRef, QuerySet, Subquery, Value
from django.db.models.functions import Cast, Coalesce, Concat
from django.utils import timezone

from casework.models import (
    Approval,
    AuditChainHead,
    BankHolidayOverride,
    Case,
    FeedbackCase,
    FollowOnCase,
    Ground,
    LearningPoint,
    PartyComment,
    Referral,
    Remedy,
    RiskAssessment,
    SeverityLevel,
    StaffProfile,
)
from casework.read import compiled
from casework.read.access import referral_annotations, roles_on
from casework.read.prepared import prepared
from casework.read.reference_cache import kept
from policy import time_limits
from policy.after_review import PARTIES
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
from policy.review import GROUND_TYPES, ground_findings
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


# The one-to-one records the rules read, joined to the feedback when it is loaded.
ONE_TO_ONE_RECORDS = (
    "grounds",
    "challenge_answers",
    "challenge_analysis",
    "review_decision",
    "service_finding",
    "new_investigation",
)
_LOADED = "facts_loaded"


def with_facts(feedback: QuerySet[FeedbackCase]) -> QuerySet[FeedbackCase]:
    """The feedback with every record the rules read joined or annotated: the facts in one query.
    Its case's people are joined too: who acts, and who is next up the chain (para 15)."""
    this = OuterRef("pk")
    referral = Referral.objects.filter(feedback_case=this).order_by("-id")
    pending = Approval.objects.filter(feedback_case=this, decided_at__isnull=True).order_by("proposed_at", "id")
    manager = Coalesce(OuterRef("handling_manager_id"), OuterRef("case__manager_id"))
    ground_ids = {
        f"ground_{ground}": Subquery(Ground.objects.filter(grounds__feedback_case=this, ground_type=ground).values("id")[:1])
        for ground, _ in GROUND_TYPES
    }
    commented = {
        f"commented_{party}": Exists(PartyComment.objects.filter(proposal__feedback_case=this, party=party))
        for party, _ in PARTIES
    }
    return feedback.select_related("case", "case__service_user", "decision", "handling_manager", *ONE_TO_ONE_RECORDS).annotate(
        **{_LOADED: Value(True)},
        remedy_count=_count(Remedy.objects.filter(feedback_case=this)),
        financial_remedy_count=_count(Remedy.objects.filter(feedback_case=this, remedy_type=RemedyType.FINANCIAL)),
        learning_point_count=_count(LearningPoint.objects.filter(feedback_case=this)),
        risk_assessed=Exists(RiskAssessment.objects.filter(feedback_case=this)),
        follow_on_arranged=Exists(FollowOnCase.objects.filter(feedback_case=this)),
        investigation_refused=Exists(
            Approval.objects.filter(feedback_case=this, subject="new_detailed_investigation", approved=False)
        ),
        quash_decided=Exists(Approval.objects.filter(feedback_case=this, subject="quash", decided_at__isnull=False)),
        referral_oat_caseworker=Subquery(referral.values("oat_caseworker__username")[:1]),
        referral_outcome=Subquery(referral.values("outcome")[:1]),
        pending_subject=Subquery(pending.values("subject")[:1]),
        pending_approver_role=Subquery(pending.values("approver_role")[:1]),
        pending_proposed_by=Subquery(pending.values("proposed_by__username")[:1]),
        next_manager_up=Subquery(StaffProfile.objects.filter(user_id=manager).values("line_manager__username")[:1]),
        # The version as the records were read: the feedback's own columns are read again, newer, by a
        # locking read that waited for another action on it (PostgreSQL), the rest are not.
        records_version=Subquery(FeedbackCase.objects.filter(pk=this).values("version")[:1]),
        # The newest hash of the feedback's own audit chain ("feedback:<id>", casework/services/audit.py),
        # so that the action's event moves it without reading it again.
        audit_chain_head=Subquery(
            AuditChainHead.objects.filter(chain=Concat(Value("feedback:"), Cast(this, CharField()))).values("last_hash")[:1]
        ),
        **ground_ids,
        **commented,
        **referral_annotations(this),
    )


@cache
def all_with_facts() -> QuerySet[FeedbackCase]:
    """`with_facts` of all feedback, built once a process (its subqueries take longer to build than
    to run): filter it, which copies it; never evaluate it as it is."""
    return with_facts(FeedbackCase.objects.all())


def _count(rows: QuerySet) -> Coalesce:
    counted = rows.order_by().values("feedback_case").annotate(n=Count("pk")).values("n")
    return Coalesce(Subquery(counted), 0)


def feedback_facts(feedback: FeedbackCase, actor=None) -> FeedbackFacts:
    """The facts the rules read; `actor` is whoever is asking, for the rules that depend on who.
    The feedback's own columns are read as they are on it; its records in one query."""
    with prepared():
        # compiled once a process: its thirty subqueries take Django longer to build than to run
        found = compiled.rows(("feedback_facts",), lambda: all_with_facts().filter(pk=feedback.pk), pk=feedback.pk)
    if not found:
        raise FeedbackCase.DoesNotExist(f"No feedback {feedback.pk}")
    records = found[0]
    _share_records(feedback, records)
    return loaded_facts(feedback, records, actor)


def _share_records(feedback: FeedbackCase, records: FeedbackCase) -> None:
    """The one-to-one records the facts joined, kept on `feedback` too: a page showing them then
    does not read each again."""
    for name in ONE_TO_ONE_RECORDS:
        related = getattr(FeedbackCase, name).related
        if not related.is_cached(feedback):
            related.set_cached_value(feedback, related.get_cached_value(records, default=None))


def loaded_facts(feedback: FeedbackCase, records: FeedbackCase, actor=None) -> FeedbackFacts:
    """The facts, from `records`: the feedback as `with_facts` loaded it, at most a moment ago.
    (A use case loads it once, locked, and passes it as both.)"""
    if not is_loaded(records):
        raise ValueError("The records must be loaded through with_facts")
    proposal = record_of(records, "new_investigation")
    decision = record_of(records, "review_decision")
    finding = decision or record_of(records, "service_finding")
    answers, analysis = record_of(records, "challenge_answers"), record_of(records, "challenge_analysis")
    grounds = sorted(
        (getattr(records, f"ground_{ground}"), ground) for ground, _ in GROUND_TYPES if getattr(records, f"ground_{ground}")
    )
    return FeedbackFacts(
        case=case_facts(records.case, decision_complained_of(records).decided_on),  # joined: the person's flags too
        kind=FeedbackKind(feedback.kind),
        state=feedback.state,
        received_date=feedback.received_date,
        grounds_deadline=feedback.grounds_deadline,
        usual_grounds_deadline=usual_grounds_deadline(records) if feedback.grounds_deadline is None else None,
        grounds_received_date=feedback.grounds_received_date,
        exceptional_reason=feedback.exceptional_reason,
        exceptional_review_agreed=feedback.exceptional_review_agreed,
        jr_in_prospect=feedback.jr_in_prospect,
        legal_advice_recorded=bool(feedback.legal_advice),
        late_feedback_decided=bool(feedback.late_feedback_decision),
        resolution_attempted=bool(feedback.resolution_attempt),
        finding_upheld=finding.upheld if finding else None,
        remedy_count=records.remedy_count,
        financial_remedy_count=records.financial_remedy_count,
        next_manager_up=records.next_manager_up,
        oat_advice_requested=bool(feedback.oat_advice_question),
        severity_scale=severity_scale(),
        acting_as=getattr(actor, "username", None),
        ground_types=tuple(ground for _, ground in grounds),
        challenge_answers=ChallengeAnswers(
            answers.jr_threat_or_unlawful_allegation, answers.brought_by_organisation, answers.specialist_subject
        )
        if answers
        else None,
        oat_advice_given=feedback.oat_advice_decision,
        challenge_analysis=ChallengeAnalysis(analysis.is_challenge, analysis.clear_evidence, analysis.genuine_doubt)
        if analysis
        else None,
        oat_caseworker=records.referral_oat_caseworker,
        oat_outcome=records.referral_outcome or "",
        risk_assessed=records.risk_assessed,
        learning_point_count=records.learning_point_count,
        review_route=decision.route if decision else "",
        acting_roles=roles_on(actor, records) if actor is not None else frozenset(),
        follow_on_arranged=records.follow_on_arranged,
        new_investigation_ended=bool(proposal and proposal.withdrawn) or records.investigation_refused,
        comment_deadline=proposal.comment_deadline if proposal else None,
        comments_received=frozenset(party for party, _ in PARTIES if getattr(records, f"commented_{party}")),
        pending_approval=PendingApproval(
            records.pending_subject, Role(records.pending_approver_role), records.pending_proposed_by
        )
        if records.pending_subject
        else None,
        quash_decided=records.quash_decided,
    )


def is_loaded(feedback: FeedbackCase) -> bool:
    """Whether the feedback was loaded through `with_facts`, with its records."""
    return getattr(feedback, _LOADED, False)


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


def next_manager_up(feedback: FeedbackCase):
    """The line manager of whoever handles the feedback now: where an escalation goes (para 15)."""
    return line_manager_of(feedback.handling_manager or feedback.case.manager)


def line_manager_of(user):
    """An OM for a caseworker, an AD for an OM (Annex A); None when none is recorded."""
    profile = StaffProfile.objects.filter(user=user).select_related("line_manager").first()
    return profile.line_manager if profile else None


@kept
def severity_scale() -> tuple[SeverityBand, ...]:
    return tuple(
        SeverityBand(level, low, high)
        for level, low, high in SeverityLevel.objects.values_list("level", "minimum_payment", "maximum_payment")
    )


@kept
def working_calendar() -> WorkingCalendar:
    overrides = list(BankHolidayOverride.objects.values_list("date", "is_working_day"))
    return WorkingCalendar.with_overrides(
        extra_holidays=[day for day, worked in overrides if not worked],
        extra_working_days=[day for day, worked in overrides if worked],
    )


def deadline_rolls_to_working_day() -> bool:
    return settings.REDRESS_DEADLINE_ROLLS_TO_WORKING_DAY
