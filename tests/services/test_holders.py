"""Who holds feedback now and when it falls due, read from its state's declaration."""

from datetime import timedelta

import pytest
from django.utils import timezone

from casework.models import Task, TimeLimit
from casework.read.holders import holding
from casework.services.errors import Refused
from casework.services.feedback import take_action
from policy.facts import FeedbackKind, Role
from policy.workflows.holding import Holder, Party
from tests.conftest import TODAY
from tests.services.conftest import ANALYSE, REFER, REQUEST
from tests.services.test_service_feedback import log

pytestmark = pytest.mark.django_db


def test_a_new_complaint_is_held_by_its_case_owner_due_by_the_target_an_administrator_sets(complaint, caseworker):
    feedback = complaint()
    held = holding(feedback)
    assert (held.holder, held.person, held.queue) == (Holder.CASE_OWNER, caseworker, None)
    assert held.due == timezone.localdate() + timedelta(days=10)

    TimeLimit.objects.update_or_create(code=held.period.code, defaults={"days": 3})  # saved, as the admin does
    assert holding(feedback).due == timezone.localdate() + timedelta(days=3)


def test_asking_for_grounds_waits_on_the_service_user_until_the_grounds_deadline(complaint, walk, caseworker):
    feedback = walk(complaint(), REQUEST)
    held = holding(feedback)
    assert (held.person, held.waiting_for) == (caseworker, Party.SERVICE_USER)
    assert held.due == feedback.grounds_deadline is not None


def test_a_referral_is_in_the_oat_queue_until_an_oat_caseworker_takes_it(considering, walk, oat):
    feedback = walk(considering(), ANALYSE, REFER)
    assert (holding(feedback).person, holding(feedback).queue) == (None, Role.OAT)
    feedback = take_action(oat, feedback.reference, "take_referral", {}, TODAY)
    assert (holding(feedback).person, holding(feedback).queue) == (oat, None)


def test_complaints_about_our_service_and_positive_feedback_are_held_by_the_case_owners_manager(make_case, caseworker, manager):
    for kind in (FeedbackKind.SERVICE_COMPLAINT, FeedbackKind.POSITIVE):
        assert holding(log(caseworker, make_case(), kind)).person == manager


@pytest.mark.policy("76")
def test_the_joint_working_team_hold_a_joint_decision_until_they_close_it(make_case, caseworker, joint_worker):
    feedback = log(caseworker, make_case(joint_with_lgsco=True), FeedbackKind.DECISION_COMPLAINT)
    feedback = take_action(caseworker, feedback.reference, "route_to_joint_working", {"note": "Joint decision"}, TODAY)
    assert holding(feedback).queue == Role.JOINT_WORKING
    with pytest.raises(Refused) as refused:
        take_action(caseworker, feedback.reference, "close_after_joint_working", {"outcome": "Considered"}, TODAY)
    assert [reason.paragraph for reason in refused.value.reasons] == ["76"]

    feedback = take_action(joint_worker, feedback.reference, "close_after_joint_working", {"outcome": "Not upheld"}, TODAY)
    assert holding(feedback) is None
    assert not Task.objects.filter(feedback_case=feedback, status=Task.Status.OPEN).exists()
