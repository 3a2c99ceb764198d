"""Positive feedback and complaints about our service, through the use cases."""

from datetime import date

import pytest

from casework.models import Event, Letter, Task
from casework.services.errors import Refused
from casework.services.feedback import NewFeedback, log_feedback, take_action
from policy.facts import Channel, FeedbackKind, Role
from tests.conftest import TODAY, make_person

pytestmark = pytest.mark.django_db


def log(actor, case, kind, received=date(2026, 11, 10)):
    return log_feedback(actor, case, NewFeedback(kind, received, Channel.EMAIL, "They were kept waiting for weeks."), TODAY)


def act(actor, feedback, name, **inputs):
    return take_action(actor, feedback.reference, name, inputs, TODAY)


@pytest.mark.policy("7", "8")
def test_positive_feedback_sets_the_managers_task_with_the_exact_subject_and_contents(make_case, caseworker, manager):
    feedback = log(caseworker, make_case(), FeedbackKind.POSITIVE)
    task = Task.objects.get(feedback_case=feedback)
    assert task.subject == "positive feedback received"
    assert task.body == "They were kept waiting for weeks."
    assert task.assigned_to == manager and task.assigned_role == Role.MANAGER
    assert feedback.case_id is not None


@pytest.mark.policy("9")
def test_the_manager_closes_positive_feedback_with_a_comment_copied_to_the_director_and_chief_executive(
    make_case, caseworker, manager
):
    feedback = log(caseworker, make_case(), FeedbackKind.POSITIVE)
    with pytest.raises(Refused) as refused:
        act(manager, feedback, "close_with_comment", comment="")
    assert [reason.paragraph for reason in refused.value.reasons] == ["9"]
    assert Task.objects.get(feedback_case=feedback).status == Task.Status.OPEN

    feedback = act(manager, feedback, "close_with_comment", comment="Lovely to hear. Well done.")
    assert feedback.state == "closed"
    letter = Letter.objects.get(feedback_case=feedback)
    assert letter.addressee == "Cara"
    assert "Director of Operations, Legal & Clinical" in letter.copied_to and "Chief Executive" in letter.copied_to
    assert "Well done" in letter.body
    assert Task.objects.get(feedback_case=feedback).status == Task.Status.DONE


@pytest.mark.policy("13")
def test_a_service_complaint_goes_to_the_case_owners_manager_and_nobody_else_acts_on_it(make_case, caseworker, manager, team_a):
    other_manager = make_person("mo", Role.MANAGER, team_a)
    feedback = log(caseworker, make_case(), FeedbackKind.SERVICE_COMPLAINT)
    assert feedback.handling_manager == manager
    assert Task.objects.get(feedback_case=feedback, code="resolve_service_complaint").assigned_to == manager
    for outsider in (caseworker, other_manager):
        with pytest.raises(Refused) as refused:
            act(outsider, feedback, "record_resolution_attempt", attempt="Apologised")
        assert refused.value.reasons[0].paragraph == "13"
    assert act(manager, feedback, "record_resolution_attempt", attempt="Apologised").state == "resolution_attempted"


@pytest.mark.policy("14", "16")
def test_a_service_complaint_resolved_at_first_contact(make_case, caseworker, manager):
    feedback = log(caseworker, make_case(), FeedbackKind.SERVICE_COMPLAINT)
    with pytest.raises(Refused) as refused:
        act(manager, feedback, "resolve", note="Sorted")
    assert "14" in [reason.paragraph for reason in refused.value.reasons] or refused.value.reasons[0].text.startswith(
        "This cannot be done"
    )
    act(manager, feedback, "record_resolution_attempt", attempt="Apologised for the delay and prioritised the case")
    feedback = act(manager, feedback, "resolve", note="The service user is satisfied")
    assert feedback.state == "closed_resolved"
    assert not feedback.tasks.filter(status="open").exists()


@pytest.mark.policy("15", "13", "18", "78")
def test_an_escalated_complaint_is_upheld_with_an_apology_and_a_financial_remedy(make_case, caseworker, manager):
    director = make_person("ada", Role.MANAGER)
    manager.profile.line_manager = director
    manager.profile.save()
    feedback = log(caseworker, make_case(), FeedbackKind.SERVICE_COMPLAINT)
    act(manager, feedback, "record_resolution_attempt", attempt="Called the service user")
    feedback = act(manager, feedback, "escalate", reason="The risk profile changed")
    assert feedback.handling_manager == director
    act(
        director,
        feedback,
        "record_finding",
        what_happened="Nine months without contact",
        what_should_have_happened="Updates every month",
        difference="Distress and uncertainty",
        upheld=True,
    )
    with pytest.raises(Refused) as refused:
        act(director, feedback, "close_upheld")
    assert refused.value.reasons[0].paragraph == "18"
    with pytest.raises(Refused) as refused:
        act(director, feedback, "offer_remedy", remedy_type="apology", details="A written apology from the director")
    assert refused.value.reasons[0].paragraph == "78"
    act(director, feedback, "record_risk_assessment", risk="low", assessment="No risk to the service user from an apology")
    act(director, feedback, "offer_remedy", remedy_type="apology", details="A written apology from the director")
    with pytest.raises(Refused) as refused:
        act(
            director,
            feedback,
            "offer_remedy",
            remedy_type="financial",
            details="Payment for distress",
            severity_level="2",
            amount="5000",
        )
    assert refused.value.reasons[0].paragraph == "60"
    act(
        director,
        feedback,
        "offer_remedy",
        remedy_type="financial",
        details="Payment for distress",
        severity_level="2",
        amount="500",
    )
    feedback = act(director, feedback, "close_upheld")
    assert feedback.state == "closed_upheld"
    assert feedback.remedies.count() == 2
    outcome = Letter.objects.get(feedback_case=feedback, template__code="service_complaint_outcome")
    assert "We uphold your complaint" in outcome.body and "£500.00" in outcome.body


@pytest.mark.policy("12")
def test_a_reclassified_complaint_keeps_its_history_and_received_date(make_case, caseworker):
    feedback = log(caseworker, make_case(), FeedbackKind.SERVICE_COMPLAINT, received=date(2026, 11, 12))
    events_before = Event.objects.filter(feedback_case=feedback).count()
    feedback = act(caseworker, feedback, "reclassify_as_decision_complaint", reason="They say the decision was wrong")
    assert feedback.kind == FeedbackKind.DECISION_COMPLAINT and feedback.state == "received"
    assert feedback.received_date == date(2026, 11, 12)
    assert Event.objects.filter(feedback_case=feedback).count() == events_before + 1
    assert act(caseworker, feedback, "request_grounds").state == "grounds_requested"


@pytest.mark.policy("76")
def test_a_decision_complaint_on_a_joint_case_goes_to_the_joint_working_team_not_oat(make_case, caseworker, oat, joint_worker):
    case = make_case(joint_with_lgsco=True, reviews_go_to_oat_first=True)
    feedback = log(caseworker, case, FeedbackKind.SERVICE_COMPLAINT)
    feedback = act(caseworker, feedback, "reclassify_as_decision_complaint", reason="About the decision")
    with pytest.raises(Refused) as refused:
        act(caseworker, feedback, "request_grounds")
    assert "76" in [reason.paragraph for reason in refused.value.reasons]
    feedback = act(caseworker, feedback, "route_to_joint_working")
    assert feedback.state == "with_joint_working"
    assert Task.objects.filter(feedback_case=feedback, assigned_role=Role.JOINT_WORKING, status="open").exists()
