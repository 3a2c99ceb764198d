"""The demo and benchmark data generator: the same seed gives the same rows, and every row is a copy
of one the real use cases made, walking the declared workflows."""

from collections import deque
from datetime import date

import pytest
from django.contrib.auth.models import User
from django.db import transaction

from casework.generator import PARTIES, generate
from casework.generator_journeys import related_models
from casework.models import Case, FeedbackCase, LearningPoint, Letter, Remedy, StaffProfile, Task
from casework.read.facts import feedback_facts, severity_scale
from policy import learning, service_feedback
from policy.facts import FeedbackKind
from policy.workflows.registry import WORKFLOWS

TODAY = date(2026, 11, 27)


def make(seed: int = 7, **volume) -> int:
    return generate(**{"years": 1, "feedback_per_year": 200, "journeys": 16, **volume}, seed=seed, today=TODAY)


def _generated_models() -> list:
    return [*PARTIES, Case, FeedbackCase, *(related.model for related in related_models())]


@pytest.fixture(scope="module")
def generated(django_db_setup, django_db_blocker):
    """Generated once for the tests that only read it (walking the journeys takes a while), and removed after."""
    with django_db_blocker.unblock():
        make()
        yield list(FeedbackCase.objects.select_related("case"))
        for model in reversed(_generated_models()):
            model.objects.all().delete()
        StaffProfile.objects.filter(user__username__startswith="gen-").delete()
        User.objects.filter(username__startswith="gen-").delete()


def snapshot() -> dict[str, list]:
    """Every generated row, field by field, without ids (which differ from run to run)."""
    rows = {}
    for model in _generated_models():
        names = [f.attname for f in model._meta.concrete_fields if not f.primary_key and not f.is_relation]
        rows[model.__name__] = sorted(map(repr, model.objects.values_list(*names)))
    return rows


@pytest.mark.django_db
def test_the_same_seed_makes_the_same_rows_and_another_seed_does_not():
    def run(seed: int) -> dict[str, list]:
        with transaction.atomic():
            make(seed, feedback_per_year=40, journeys=4)
            rows = snapshot()
            transaction.set_rollback(True)
        return rows

    first = run(7)
    assert len(first["FeedbackCase"]) == 40
    assert run(7) == first
    assert run(8) != first


@pytest.mark.django_db
def test_the_mix_of_kinds_is_roughly_that_of_the_published_figures(generated):
    kinds = [feedback.kind for feedback in generated]
    assert len(kinds) == 200
    # Some complaints turn into the other kind on the way (paras 48, 11): the mix drifts a little.
    assert 0.45 <= kinds.count(FeedbackKind.DECISION_COMPLAINT) / len(kinds) <= 0.75
    assert 0.15 <= kinds.count(FeedbackKind.SERVICE_COMPLAINT) / len(kinds) <= 0.45
    assert 0.04 <= kinds.count(FeedbackKind.POSITIVE) / len(kinds) <= 0.16


def _reachable(kind: FeedbackKind) -> set[str]:
    workflow = WORKFLOWS[kind]
    seen, queue = {workflow.initial}, deque([workflow.initial])
    while queue:
        for action in workflow.actions_from(queue.popleft()):
            if action.target and action.target not in seen:
                seen.add(action.target)
                queue.append(action.target)
    return seen


@pytest.mark.django_db
def test_every_feedback_case_is_in_a_state_its_workflow_reaches_and_some_are_still_open(generated):
    for feedback in generated:
        assert feedback.state in _reachable(FeedbackKind(feedback.kind)), feedback.reference
    decisions = [feedback for feedback in generated if feedback.kind == FeedbackKind.DECISION_COMPLAINT]
    terminal = {state.name for state in WORKFLOWS[FeedbackKind.DECISION_COMPLAINT].states if state.terminal}
    assert {feedback.state for feedback in decisions} & terminal
    assert {feedback.state for feedback in decisions} - terminal
    assert len({feedback.state for feedback in generated}) >= 6  # the walks go down many paths


@pytest.mark.django_db
def test_the_rows_are_those_the_use_cases_made_with_the_copys_own_words(generated):
    """The routing's tasks and letters are there, and every text names the copy's own case and
    service user, never the journey it was copied from."""
    for feedback in generated:
        assert feedback.tasks.exists(), feedback.reference  # every kind of feedback is routed to someone
    letters = list(Letter.objects.select_related("feedback_case__case"))
    assert letters
    for letter in letters:
        assert "GEN-J" not in letter.body and "GNC-T" not in letter.body
        assert letter.feedback_case.case.service_user.name in letter.body or letter.feedback_case.case.reference in letter.body
    assert not Case.objects.filter(reference__startswith="GEN-J").exists()


@pytest.mark.django_db
def test_payments_are_within_their_severity_levels_range_or_say_why_not(generated):
    remedies = list(Remedy.objects.all())
    for remedy in remedies:
        inputs = {
            "remedy_type": remedy.remedy_type,
            "severity_level": remedy.severity_level,
            "amount": remedy.amount,
            "out_of_range_reason": remedy.out_of_range_reason,
        }
        assert service_feedback.remedy_refusals(inputs, severity_scale()) == []
        if remedy.remedy_type != service_feedback.RemedyType.FINANCIAL:
            assert remedy.amount is None and remedy.severity_level is None


@pytest.mark.django_db
def test_learning_points_link_the_service_model_and_a_charter_commitment_as_annex_a_asks(generated):
    for point in LearningPoint.objects.select_related("charter_commitment", "feedback_case"):
        assert point.feedback_case.kind != FeedbackKind.POSITIVE  # positive feedback has no learning action
        inputs = {
            "kind": point.kind,
            "service_model_section": point.service_model_section.name if point.service_model_section else "",
            "charter_commitment": str(point.charter_commitment.number) if point.charter_commitment else "",
        }
        assert learning.learning_point_refusals(feedback_facts(point.feedback_case), inputs, TODAY) == []


@pytest.mark.django_db
def test_dates_run_forward_from_the_decision_to_today(generated):
    for feedback in generated:
        assert feedback.case.decision_date <= feedback.received_date, feedback.reference
        assert feedback.created_at.date() == feedback.received_date <= feedback.updated_at.date() <= TODAY
    for task in Task.objects.select_related("feedback_case"):
        assert task.feedback_case.received_date <= task.created_at.date() <= TODAY
        assert task.closed_at is None or task.created_at <= task.closed_at


@pytest.mark.django_db
def test_closed_feedback_has_no_open_tasks_of_its_workflow_and_recent_feedback_is_still_open(generated):
    """A task left open on closed feedback is work handed to another process (such as the Joint
    Working Team's, para 76): for a role that has no action from that state."""
    terminal = {(kind, state.name) for kind, workflow in WORKFLOWS.items() for state in workflow.states if state.terminal}
    open_tasks = Task.objects.filter(status=Task.Status.OPEN).select_related("feedback_case")
    for task in open_tasks:
        feedback = task.feedback_case
        acting = set().union(*(action.roles for action in WORKFLOWS[feedback.kind].actions_from(feedback.state)))
        assert (feedback.kind, feedback.state) not in terminal or task.assigned_role not in acting, task
    assert open_tasks.exists()
    recent = [feedback for feedback in generated if (TODAY - feedback.received_date).days < 14]
    assert any((feedback.kind, feedback.state) not in terminal for feedback in recent)


@pytest.mark.django_db
def test_generating_again_numbers_on_and_reuses_the_staff():
    make(feedback_per_year=20, journeys=3)
    staff, before = User.objects.count(), FeedbackCase.objects.count()
    make(seed=9, feedback_per_year=20, journeys=3)
    assert User.objects.count() == staff
    references = list(FeedbackCase.objects.values_list("reference", flat=True))
    assert len(references) == before + 20 and all(reference.startswith("GFB-") for reference in references)
    assert FeedbackCase.objects.filter(reference=f"GFB-{before + 20:07d}").exists()
    assert Case.objects.exclude(reference__startswith="GEN-").count() == 0
