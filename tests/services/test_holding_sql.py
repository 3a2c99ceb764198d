"""The holder and due date worked out in SQL are the ones `holding` works out for each feedback alone:
for every holder and period the declarations name, whoever may be named, through a walk of actions."""

from __future__ import annotations

import itertools
from datetime import UTC, date, datetime, timedelta

import pytest

from casework.models import Approval, Event, FeedbackCase, TimeLimit
from casework.read import reference_cache
from casework.read.holders import holding, period_days
from casework.read.holding_sql import with_holder_and_due
from casework.read.work import items
from casework.services.feedback import take_action
from policy.facts import Role
from policy.workflows.holding import PERIODS, Holder
from tests.conftest import TODAY, make_person
from tests.services.conftest import ANALYSE, REFER
from tests.services.test_my_work import STATES, put

pytestmark = pytest.mark.django_db


def agree(today=TODAY) -> int:
    """Assert that every open feedback's SQL holder and due date are `holding`'s; how many were compared."""
    worked_out = {item.feedback.pk: item for item in items(FeedbackCase.objects.all(), today)}
    in_sql = with_holder_and_due(FeedbackCase.objects.filter(pk__in=worked_out)).values(
        "pk", "held_person", "held_queue", "due_on"
    )
    for row in in_sql:
        item = worked_out[row["pk"]]
        expected = (item.person.pk if item.person else None, item.queue.value if item.queue else None, item.due)
        assert (row["held_person"], row["held_queue"], row["due_on"]) == expected, f"{item.feedback.kind} '{item.feedback.state}'"
    return len(worked_out)


def test_every_holder_and_period_in_every_reachable_state_is_worked_out_in_sql_as_holding_does(
    make_case, caseworker, oat, team_a
):
    director = make_person("dina", Role.MANAGER, team_a)
    counter = itertools.count(1)
    case = make_case()
    for (workflow, state), taken, escalated, approver in itertools.product(
        STATES, (False, True), (False, True), (Role.OMBUDSMAN, Role.LEGAL)
    ):
        feedback = put(
            case,
            workflow,
            state,
            counter,
            oat_caseworker=oat if taken else None,
            handling_manager=director if escalated else None,
            approver=approver,
        )
        if state.holder == Holder.APPROVER and escalated:  # no approver recorded: the case owner's manager holds it
            Approval.objects.filter(feedback_case=feedback).update(approver_role="")
    FeedbackCase.objects.filter(pk__in=list(FeedbackCase.objects.order_by("pk").values_list("pk", flat=True))[::3]).update(
        grounds_deadline=None
    )

    assert agree() > 0
    held = {state.holder for _, state in STATES if not state.terminal}
    assert held == set(Holder)
    assert {state.due for _, state in STATES if not state.terminal} == set(PERIODS)


def test_an_administrators_time_limits_and_the_day_the_state_was_entered_are_read_as_holding_reads_them(
    considering, walk, caseworker, oat
):
    first = considering()
    referred = walk(considering(), ANALYSE, REFER)
    taken = take_action(oat, walk(considering(), ANALYSE, REFER).reference, "take_referral", {}, TODAY)
    held = with_holder_and_due(FeedbackCase.objects.all()).values_list("pk", "held_person", "held_queue")
    assert {pk: (person, queue) for pk, person, queue in held} == {
        first.pk: (caseworker.pk, None),
        referred.pk: (None, Role.OAT.value),
        taken.pk: (oat.pk, None),
    }
    assert agree() == 3

    # 23:30 in UTC is the next day in London in summer: the day entered is London's, in SQL as in Python
    late_evening = datetime(2026, 7, 1, 23, 30, tzinfo=UTC)
    for feedback in (first, referred):  # a later change of state, as if made then (events are only ever added)
        Event.objects.create(
            at=late_evening, actor_name="Test", action="test", summary="Moved", feedback_case=feedback,
            after={"state": feedback.state}, previous_hash="", hash=f"moved-{feedback.pk}",
        )  # fmt: skip
    assert agree() == 3
    held = holding(FeedbackCase.objects.get(pk=referred.pk))
    assert held is not None and held.due == date(2026, 7, 2) + timedelta(days=period_days(held.period))

    for period in PERIODS:
        if not period.recorded:
            TimeLimit.objects.update_or_create(code=period.code, defaults={"days": 3})
    reference_cache.forget()
    assert agree(TODAY + timedelta(days=30)) == 3
