"""The Legal Team's requests (paras 68, 70) and the proposals waiting for approval (paras 69, 72, 73)."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest

from casework.models import Approval, DelegationRule, Task
from casework.read.queues import LEGAL_ASKS, approves_something, legal_requests, pending_approvals
from casework.services.feedback import take_action
from policy.facts import Role
from tests.conftest import TODAY, make_person
from tests.services.after_review_walks import awaiting_approval, decided_review, quash_with_legal, steps

pytestmark = pytest.mark.django_db

NEW = "new_detailed_investigation"
# Late on 20 November in London: seven days before TODAY, however late in the day.
LATE_ON_THE_20TH = datetime(2026, 11, 20, 23, 30, tzinfo=ZoneInfo("Europe/London"))


@pytest.mark.policy("70")
def test_a_complaint_with_judicial_review_in_prospect_asks_the_legal_team_for_advice(complaint, lawyer):
    feedback = complaint(jr_in_prospect=True)
    Task.objects.filter(code="legal_advice").update(created_at=LATE_ON_THE_20TH)

    [request] = legal_requests(lawyer, TODAY)

    assert (request.feedback, request.task.code) == (feedback, "legal_advice")
    assert request.asked == LEGAL_ASKS["legal_advice"]
    assert request.days_open == 7


@pytest.mark.policy("68")
def test_a_quash_proposal_reaches_the_legal_team_with_its_details(at_oat, walk, oat, lawyer):
    feedback = quash_with_legal(decided_review(at_oat, walk, oat, "financial_remedy"), oat)

    [request] = legal_requests(lawyer, TODAY)

    assert (request.feedback, request.task.code, request.asked) == (feedback, "quash_legal", LEGAL_ASKS["quash_legal"])
    assert "The report names the wrong surgeon" in request.task.body


def test_an_answered_request_leaves_the_legal_queue(complaint, lawyer):
    feedback = complaint(jr_in_prospect=True)
    take_action(lawyer, feedback.reference, "record_legal_advice", {"advice": "Go ahead with the review"}, TODAY)

    assert list(legal_requests(lawyer, TODAY)) == []


@pytest.mark.parametrize("person", ["caseworker", "oat", "ombudsman"])
def test_only_the_legal_team_have_a_legal_queue(complaint, request, person):
    complaint(jr_in_prospect=True)

    assert list(legal_requests(request.getfixturevalue(person), TODAY)) == []


@pytest.mark.policy("73", "72")
def test_a_new_detailed_investigation_waits_for_the_ombudsman(at_oat, walk, oat, ombudsman):
    feedback = awaiting_approval(decided_review(at_oat, walk, oat, NEW), oat)
    Approval.objects.update(proposed_at=LATE_ON_THE_20TH)

    [request] = pending_approvals(ombudsman, TODAY)

    assert (request.feedback, request.approval.subject, request.approval.proposed_by) == (feedback, NEW, oat)
    assert request.days_waiting == 7
    assert approves_something(ombudsman) and not approves_something(oat)
    assert list(pending_approvals(oat, TODAY)) == []


@pytest.mark.policy("73")
def test_a_decided_approval_leaves_the_queue(at_oat, walk, oat, ombudsman):
    feedback = awaiting_approval(decided_review(at_oat, walk, oat, NEW), oat)

    steps(feedback, (ombudsman, "approve_new_investigation", {"reasons": "The evidence was flawed"}))

    assert list(pending_approvals(ombudsman, TODAY)) == []
    assert Approval.objects.get().approved is True


@pytest.mark.policy("72")
def test_the_approvals_follow_the_delegation_scheme_an_administrator_keeps(at_oat, walk, oat, ombudsman):
    DelegationRule.objects.filter(subject=NEW).update(role=Role.DIRECTOR)
    director = make_person("dora", Role.DIRECTOR)
    awaiting_approval(decided_review(at_oat, walk, oat, NEW), oat)

    assert approves_something(director)
    assert [request.approval.approver_role for request in list(pending_approvals(director, TODAY))] == ["director"]
    assert list(pending_approvals(ombudsman, TODAY)) == []
    assert approves_something(ombudsman)  # still named for quashing (para 69)
