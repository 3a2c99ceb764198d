"""My work is derived from the declaration: every open piece of feedback is on exactly one list,
a person's or a queue's, whatever state it is in, and whether or not a task was ever opened."""

from __future__ import annotations

import itertools
from datetime import datetime, timedelta

import pytest
from django.utils import timezone

from casework.models import Approval, FeedbackCase, Referral, Task
from casework.read import reference_cache
from casework.read.work import FIRST, held_by, in_queue, my_work
from policy.facts import Channel, Role
from policy.workflows.holding import Holder
from policy.workflows.registry import WORKFLOWS
from tests.conftest import TODAY, make_person
from tests.policy.test_declaration import reachable

pytestmark = pytest.mark.django_db

STATES = reachable()
NOW = timezone.make_aware(datetime(2026, 11, 27, 9, 0))


@pytest.fixture
def people(caseworker, manager, oat, lawyer, ombudsman, joint_worker, outsider, team_a):
    shared = make_person("sam", Role.SHARED_SERVICES)
    director = make_person("dina", Role.MANAGER, team_a)  # a second manager, up the chain (para 15)
    return [caseworker, manager, oat, lawyer, ombudsman, joint_worker, outsider, shared, director]


def put(case, workflow, state, counter, *, oat_caseworker=None, handling_manager=None, approver=Role.OMBUDSMAN):
    """Feedback placed straight into a declared state, with the people that state may name."""
    feedback = FeedbackCase.objects.create(
        reference=f"FB-{next(counter):05d}",
        case=case,
        kind=workflow.kind,
        state=state.name,
        received_date=TODAY,
        channel=Channel.EMAIL,
        received_by=case.case_owner,
        summary="Feedback",
        handling_manager=handling_manager,
        created_at=NOW,
        updated_at=NOW,
        grounds_deadline=TODAY + timedelta(days=20),
    )
    if oat_caseworker is not None:
        Referral.objects.create(feedback_case=feedback, referred_on=TODAY, oat_caseworker=oat_caseworker, assigned_at=NOW)
    if state.holder == Holder.APPROVER:
        Approval.objects.create(
            feedback_case=feedback,
            subject="quash",
            approver_role=approver,
            summary="Proposed",
            proposed_by=case.case_owner,
            proposed_at=NOW,
        )
    return feedback


def test_every_open_feedback_in_every_reachable_state_is_on_exactly_one_persons_or_queues_list(make_case, people, oat):
    director = people[-1]
    counter = itertools.count(1)
    case = make_case()
    placed = []
    for (workflow, state), taken, escalated in itertools.product(STATES, (False, True), (False, True)):
        placed.append(
            put(
                case,
                workflow,
                state,
                counter,
                oat_caseworker=oat if taken else None,
                handling_manager=director if escalated else None,
            )
        )

    lists = [[item.feedback.pk for item in held_by(person, TODAY)] for person in people]
    lists += [[item.feedback.pk for item in in_queue([role], TODAY)] for role in Role]
    appearances = {feedback.pk: sum(pk == feedback.pk for listed in lists for pk in listed) for feedback in placed}
    for feedback in placed:
        state = next(state for workflow, state in STATES if (workflow.kind, state.name) == (feedback.kind, feedback.state))
        expected = 0 if state.terminal else 1
        assert appearances[feedback.pk] == expected, f"{feedback.kind} '{feedback.state}' is on {appearances[feedback.pk]} lists"
    declared_open = {
        (workflow.kind, state.name) for workflow in WORKFLOWS.values() for state in workflow.states if not state.terminal
    }
    assert {(feedback.kind, feedback.state) for feedback in placed} >= declared_open


def test_my_work_is_a_persons_own_list_and_their_roles_queues(make_case, people, oat):
    counter = itertools.count(1)
    case = make_case()
    for workflow, state in STATES:
        put(case, workflow, state, counter)
    for person in people:
        mine = {item.feedback.pk for item in my_work(person, TODAY)}
        expected = {item.feedback.pk for item in held_by(person, TODAY)} | {
            item.feedback.pk for item in in_queue([Role(role) for role in person.groups.values_list("name", flat=True)], TODAY)
        }
        assert mine == expected


def test_feedback_under_the_case_owners_consideration_is_on_their_list_without_any_task(considering, caseworker, manager):
    feedback = considering()
    Task.objects.filter(feedback_case=feedback).delete()
    items = [item for item in my_work(caseworker, TODAY) if item.feedback == feedback]
    assert len(items) == 1
    assert items[0].needed and items[0].due is not None
    assert feedback.pk not in {item.feedback.pk for item in my_work(manager, TODAY)}


def test_overdue_work_comes_first(make_case, caseworker):
    counter = itertools.count(1)
    case = make_case()
    workflow, state = next((w, s) for w, s in STATES if s.holder == Holder.CASE_OWNER and s.due.recorded)
    later = put(case, workflow, state, counter)
    overdue = put(case, workflow, state, counter)
    FeedbackCase.objects.filter(pk=overdue.pk).update(grounds_deadline=TODAY - timedelta(days=1))
    listed = [item.feedback.pk for item in my_work(caseworker, TODAY)]
    assert listed.index(overdue.pk) < listed.index(later.pk)
    assert my_work(caseworker, TODAY)[0].overdue


@pytest.mark.parametrize("size", [3, 15])
def test_my_work_costs_the_same_queries_however_long_it_is(size, make_case, caseworker, oat, django_assert_num_queries):
    counter = itertools.count(1)
    case = make_case()
    for workflow, state in itertools.islice(itertools.cycle(STATES), size * 3):
        put(case, workflow, state, counter)
    for person in (caseworker, oat):
        person._redress_roles = None
        reference_cache.forget()  # the time limits read afresh, as after an administrator's change
        # the person's roles, the time limits, the first few's ids with the count, their facts, their referrals
        with django_assert_num_queries(5):
            work = my_work(person, TODAY)
            assert work[:FIRST] and work.count()
