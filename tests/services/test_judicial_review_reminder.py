"""`redress remind` reminds the holder of an open complaint about our decision, once, a set number
of working days before the date a Judicial Review claim is due (para 71)."""

from __future__ import annotations

from datetime import timedelta

import pytest

from casework.models import Notification, TimeLimit
from casework.read.facts import working_calendar
from casework.read.judicial_review import review_clock
from casework.services.reminders import JR_REMINDER_CODE, send_reminders, working_days_between
from tests.services.conftest import AFTER_DEADLINE

pytestmark = pytest.mark.django_db


def jr_notices(person):
    return list(Notification.objects.filter(recipient=person, key__contains="/judicial_review/"))


def days_before(day, n):
    return [day - timedelta(days=k) for k in range(n, -1, -1)]


@pytest.mark.policy("71")
def test_the_holder_is_reminded_once_the_set_number_of_working_days_before_the_judicial_review_date(considering, caseworker):
    feedback = considering()
    jr_date = review_clock(feedback, AFTER_DEADLINE).jr_date
    TimeLimit.objects.update_or_create(code=JR_REMINDER_CODE, defaults={"days": 4, "description": "JR"})

    first = None
    for day in days_before(jr_date, 20):
        sent = send_reminders(day).judicial_review
        assert send_reminders(day).judicial_review == 0  # the same day again: nothing twice
        if sent and first is None:
            first = day

    assert first is not None and working_days_between(first, jr_date, working_calendar()) == 4
    [notice] = jr_notices(caseworker)
    assert notice.kind == Notification.Kind.REMINDER
    assert f"{jr_date:%-d %B %Y}" in notice.subject and feedback.reference in notice.subject
    assert "para 71" in notice.body and notice.link == f"/feedback/{feedback.reference}/"


@pytest.mark.policy("71")
def test_closed_feedback_is_not_reminded_of_its_judicial_review_date(considering, walk, caseworker):
    feedback = walk(considering(), ("resolve_by_case_owner", {"note": "Explained and resolved"}, AFTER_DEADLINE))
    jr_date = review_clock(feedback, AFTER_DEADLINE).jr_date

    for day in days_before(jr_date, 15):
        send_reminders(day)

    assert jr_notices(caseworker) == []


def test_the_period_is_reference_data_seeded_with_a_default():
    assert TimeLimit.objects.get(code=JR_REMINDER_CODE).days == 10
