"""The effects are named by the declarations and checked both ways when they are loaded."""

import pytest

from casework import effects
from casework.effects import EFFECTS, decision_complaint
from casework.models import Task
from casework.services.errors import Refused
from casework.services.feedback import take_action
from policy.facts import FeedbackKind
from policy.workflows.registry import WORKFLOWS
from tests.conftest import TODAY
from tests.services.test_service_feedback import log

pytestmark = pytest.mark.django_db


def test_every_effect_a_declaration_names_has_a_function_and_every_function_is_named():
    declared = set().union(*(workflow.effects() for workflow in WORKFLOWS.values()))
    assert declared == set(EFFECTS)


def test_a_declared_effect_with_no_function_stops_the_effects_loading_and_names_it(monkeypatch):
    monkeypatch.setattr(
        decision_complaint, "EFFECTS", {k: v for k, v in decision_complaint.EFFECTS.items() if k != "request_grounds"}
    )
    with pytest.raises(ImportError, match="with no function: request_grounds"):
        effects._registry()


def test_a_function_no_declaration_names_stops_the_effects_loading_and_names_it(monkeypatch):
    monkeypatch.setattr(decision_complaint, "EFFECTS", {**decision_complaint.EFFECTS, "make_tea": lambda *args: None})
    with pytest.raises(ImportError, match="names: make_tea"):
        effects._registry()


@pytest.mark.policy("11")
def test_a_review_route_on_a_complaint_about_our_service_is_refused_citing_para_11(make_case, caseworker, manager):
    feedback = log(caseworker, make_case(), FeedbackKind.SERVICE_COMPLAINT)
    with pytest.raises(Refused) as refused:
        take_action(manager, feedback.reference, "request_grounds", {}, TODAY)
    assert [reason.paragraph for reason in refused.value.reasons] == ["11"]


@pytest.mark.policy("12", "13")
def test_reclassifying_either_way_hands_the_feedback_over_with_one_open_task(make_case, caseworker, manager):
    feedback = log(caseworker, make_case(), FeedbackKind.SERVICE_COMPLAINT)
    feedback = take_action(
        caseworker, feedback.reference, "reclassify_as_decision_complaint", {"reason": "About the decision"}, TODAY
    )
    open_tasks = Task.objects.filter(feedback_case=feedback, status=Task.Status.OPEN)
    assert list(open_tasks.values_list("code", "assigned_to")) == [("consider_complaint", caseworker.pk)]
