"""The demo and benchmark data generator: the same seed gives the same rows, and every row is one
the workflows could have made, by the rules of the guidance."""

from datetime import date

import pytest
from django.contrib.auth.models import User
from django.db import transaction

from casework.generator import generate
from casework.models import (
    Approval,
    Case,
    FeedbackCase,
    Ground,
    LearningPoint,
    Referral,
    Remedy,
    ReviewDecision,
    RiskAssessment,
    ServiceFinding,
    SeverityLevel,
    Task,
)
from casework.read.facts import feedback_facts, record_of, severity_scale
from policy import learning, review, service_feedback
from policy.facts import FeedbackKind
from policy.workflows.registry import WORKFLOWS

pytestmark = pytest.mark.django_db

TODAY = date(2026, 11, 27)


def make(seed: int = 7, **volume) -> int:
    return generate(**{"years": 1, "feedback_per_year": 200, **volume}, seed=seed, today=TODAY)


@pytest.fixture
def generated(db):
    make()
    return list(FeedbackCase.objects.select_related("case"))


def snapshot() -> dict[str, list]:
    """Everything generated, with people by username rather than by id."""
    return {
        "cases": list(
            Case.objects.order_by("reference").values_list(
                "reference", "team__name", "case_owner__username", "manager__username", "stage", "risk", "decision_date",
                "closure_reason", "review_count", "report_quashed",
            )
        ),
        "feedback": list(
            FeedbackCase.objects.order_by("reference").values_list(
                "reference", "case__reference", "kind", "state", "received_date", "channel", "grounds_deadline",
                "grounds_received_date", "decided_on", "handling_manager__username", "created_at", "updated_at",
            )
        ),
        "grounds": list(
            Ground.objects.order_by("grounds__feedback_case__reference", "ground_type").values_list(
                "grounds__feedback_case__reference", "ground_type", "finding"
            )
        ),
        "referrals": list(
            Referral.objects.order_by("feedback_case__reference", "id").values_list(
                "feedback_case__reference", "referred_on", "oat_caseworker__username", "outcome", "decided_on"
            )
        ),
        "decisions": list(
            ReviewDecision.objects.order_by("feedback_case__reference").values_list("feedback_case__reference", "upheld", "route")
        ),
        "service_findings": list(
            ServiceFinding.objects.order_by("feedback_case__reference").values_list("feedback_case__reference", "upheld")
        ),
        "risk": list(
            RiskAssessment.objects.order_by("feedback_case__reference", "id").values_list(
                "feedback_case__reference", "risk", "assessed_by__username", "assessed_on"
            )
        ),
        "tasks": list(
            Task.objects.order_by("feedback_case__reference", "code", "created_at").values_list(
                "feedback_case__reference", "code", "subject", "status", "due_date", "assigned_to__username", "closed_at"
            )
        ),
        "remedies": list(
            Remedy.objects.order_by("feedback_case__reference", "remedy_type").values_list(
                "feedback_case__reference", "remedy_type", "severity_level", "amount"
            )
        ),
        "learning": list(
            LearningPoint.objects.order_by("feedback_case__reference", "text").values_list(
                "feedback_case__reference", "kind", "text", "service_model_section", "charter_commitment__number",
                "fed_back_to__username",
            )
        ),
        "approvals": list(Approval.objects.order_by("feedback_case__reference").values_list("feedback_case__reference", "approved")),
    }  # fmt: skip


def test_the_same_seed_makes_the_same_rows_and_another_seed_does_not(db):
    def run(seed: int) -> dict[str, list]:
        with transaction.atomic():
            make(seed)
            rows = snapshot()
            transaction.set_rollback(True)
        return rows

    first = run(7)
    assert len(first["feedback"]) == 200
    assert run(7) == first
    assert run(8) != first


def test_the_mix_of_kinds_is_roughly_that_of_the_published_figures(generated):
    kinds = [feedback.kind for feedback in generated]
    assert 0.45 <= kinds.count(FeedbackKind.DECISION_COMPLAINT) / len(kinds) <= 0.65
    assert 0.25 <= kinds.count(FeedbackKind.SERVICE_COMPLAINT) / len(kinds) <= 0.45
    assert 0.04 <= kinds.count(FeedbackKind.POSITIVE) / len(kinds) <= 0.16


def test_every_feedback_case_is_in_a_state_its_workflow_declares_and_some_are_still_open(generated):
    for feedback in generated:
        declared = {state.name for state in WORKFLOWS[FeedbackKind(feedback.kind)].states}
        assert feedback.state in declared, feedback.reference
    decisions = [feedback for feedback in generated if feedback.kind == FeedbackKind.DECISION_COMPLAINT]
    terminal = {state.name for state in WORKFLOWS[FeedbackKind.DECISION_COMPLAINT].states if state.terminal}
    assert {feedback.state for feedback in decisions} & terminal
    assert {feedback.state for feedback in decisions} - terminal


def test_the_findings_on_a_review_answer_each_ground_raised_and_nothing_else(generated):
    reviews = [feedback for feedback in generated if record_of(feedback, "review_decision")]
    assert reviews
    for feedback in reviews:
        decision = feedback.review_decision
        findings = dict(feedback.grounds.items.values_list("ground_type", "finding"))
        assert findings and "" not in findings.values()
        assert decision.upheld == ("upheld" in findings.values())
        if not decision.upheld:
            assert decision.route == review.Route.NO_FURTHER_WORK
        inputs = {f"finding_{ground}": finding for ground, finding in findings.items()}
        inputs |= {
            name: getattr(decision, name)
            for name in ("route", "remedy_analysis", "impact", "proportionality", "restoring_position")
        }
        assert review.review_decision_refusals(feedback_facts(feedback), inputs) == [], feedback.reference


def test_a_service_complaint_with_a_finding_records_whether_it_was_upheld(generated):
    service = [feedback for feedback in generated if feedback.kind == FeedbackKind.SERVICE_COMPLAINT]
    for feedback in service:
        finding = record_of(feedback, "service_finding")
        if feedback.state in ("finding_recorded", "closed_upheld", "closed_not_upheld"):
            assert finding.upheld == (feedback.state != "closed_not_upheld") or feedback.state == "finding_recorded"
        else:
            assert finding is None


def test_closed_reviews_and_service_complaints_meet_the_rules_for_closing_them(generated):
    """An upheld review closes with its learning and the remedy its route promised (paras 55 to 64);
    an upheld service complaint only with a remedy (para 18)."""
    closed = [feedback for feedback in generated if feedback.state in ("closed_reviewed", "closed_upheld", "closed_not_upheld")]
    assert closed
    for feedback in closed:
        facts = feedback_facts(feedback)
        if feedback.state == "closed_reviewed":
            assert review.may_send_review_decision(facts).allowed, feedback.reference
        elif feedback.state == "closed_upheld":
            assert service_feedback.can_close_upheld(facts).allowed, feedback.reference
            assert review.risk_assessed(facts).allowed, feedback.reference
        else:
            assert service_feedback.can_close_not_upheld(facts).allowed, feedback.reference


def test_payments_are_within_their_severity_levels_range_and_other_remedies_carry_none(db):
    make(years=3)  # enough upheld complaints for several payments
    ranges = {level.level: (level.minimum_payment, level.maximum_payment) for level in SeverityLevel.objects.all()}
    remedies = list(Remedy.objects.all())
    assert any(remedy.amount for remedy in remedies)
    for remedy in remedies:
        inputs = {"remedy_type": remedy.remedy_type, "severity_level": remedy.severity_level, "amount": remedy.amount}
        assert service_feedback.remedy_refusals(inputs, severity_scale()) == []
        if remedy.remedy_type == "financial":
            low, high = ranges[remedy.severity_level]
            assert low <= remedy.amount <= high and remedy.amount > 0
        else:
            assert remedy.amount is None and remedy.severity_level is None


def test_learning_points_link_the_service_model_and_a_charter_commitment_as_annex_a_asks(generated):
    points = list(LearningPoint.objects.select_related("charter_commitment", "feedback_case"))
    assert points
    for point in points:
        assert point.feedback_case.kind != FeedbackKind.POSITIVE  # positive feedback has no learning action
        inputs = {
            "kind": point.kind,
            "service_model_section": point.service_model_section,
            "charter_commitment": str(point.charter_commitment.number) if point.charter_commitment else "",
        }
        assert learning.learning_point_refusals(feedback_facts(point.feedback_case), inputs, TODAY) == []


def test_dates_run_forward_from_the_decision_to_today(generated):
    for feedback in generated:
        steps = [
            feedback.case.decision_date,
            feedback.received_date,
            feedback.grounds_received_date,
            *feedback.referrals.values_list("referred_on", flat=True),
            feedback.decided_on,
            TODAY,
        ]
        present = [day for day in steps if day is not None]
        assert present == sorted(present), feedback.reference
        assert feedback.created_at.date() == feedback.received_date <= feedback.updated_at.date() <= TODAY
    assert any(feedback.decided_on for feedback in generated)


def test_closed_feedback_has_no_open_tasks_and_some_open_tasks_are_overdue(generated):
    terminal = {(kind, state.name) for kind, workflow in WORKFLOWS.items() for state in workflow.states if state.terminal}
    open_tasks = Task.objects.filter(status=Task.Status.OPEN).select_related("feedback_case")
    for task in open_tasks:
        assert (task.feedback_case.kind, task.feedback_case.state) not in terminal, task
    assert open_tasks.exists()
    make(seed=3, years=3)  # more open work, with deadlines in the past
    assert Task.objects.filter(status=Task.Status.OPEN, due_date__lt=TODAY).exists()


def test_generating_again_numbers_on_and_reuses_the_staff(generated):
    staff = User.objects.count()
    make(seed=9, feedback_per_year=20)
    assert User.objects.count() == staff
    references = list(FeedbackCase.objects.values_list("reference", flat=True))
    assert len(references) == 220 and all(reference.startswith("GFB-") for reference in references)
    assert FeedbackCase.objects.filter(reference="GFB-0000220").exists()
    assert Case.objects.exclude(reference__startswith="GEN-").count() == 0
