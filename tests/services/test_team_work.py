"""A manager's team view: each person's open work, overdue first, and the team's totals."""

from __future__ import annotations

import itertools
from datetime import timedelta

import pytest

from casework.models import FeedbackCase
from casework.read.team import team_work
from casework.read.work import my_work
from policy.facts import Role
from policy.workflows.holding import Holder
from tests.conftest import TODAY, make_person
from tests.services.test_my_work import STATES, put

pytestmark = pytest.mark.django_db

GROUNDS_STATE = next((w, s) for w, s in STATES if s.holder == Holder.CASE_OWNER and s.due.recorded)


def test_each_team_members_work_is_what_is_on_their_own_list_with_the_teams_totals(make_case, manager, caseworker, team_a):
    colleague = make_person("cole", Role.CASEWORKER, team_a, manager)
    counter = itertools.count(1)
    mine, theirs = make_case(), make_case(case_owner=colleague)
    workflow, state = GROUNDS_STATE
    overdue = put(theirs, workflow, state, counter)
    FeedbackCase.objects.filter(pk=overdue.pk).update(grounds_deadline=TODAY - timedelta(days=2))
    soon = put(mine, workflow, state, counter)
    FeedbackCase.objects.filter(pk=soon.pk).update(grounds_deadline=TODAY + timedelta(days=3))
    put(mine, workflow, state, counter)  # due in 20 days

    team = team_work(manager, TODAY)
    assert [person.person for person in team.people] == [colleague, caseworker]  # the most overdue first
    for person in team.people:
        own = [item.feedback.pk for item in my_work(person.person, TODAY)]
        assert [item.feedback.pk for item in person.work] == own
    assert (team.totals.open, team.totals.overdue, team.totals.due_this_week) == (3, 1, 1)


@pytest.mark.parametrize("size", [2, 10])
def test_the_team_view_costs_the_same_queries_however_much_work_there_is(size, make_case, manager, django_assert_num_queries):
    counter = itertools.count(1)
    case = make_case()
    for workflow, state in itertools.islice(itertools.cycle(STATES), size * 3):
        put(case, workflow, state, counter)
    manager = type(manager).objects.get(pk=manager.pk)  # nothing about them read yet
    # the manager's profile with their team, its members, the time limits, each one's first few with the totals, their facts, referrals
    with django_assert_num_queries(6):
        assert team_work(manager, TODAY).totals.open
