"""`redress remind`: the holder is reminded before the due date and their line manager told once it
is overdue, each exactly once however often the job runs."""

from __future__ import annotations

from collections import Counter
from datetime import timedelta
from io import StringIO

import pytest
from django.core.management import call_command

from casework.models import Event, Notification, OutgoingEmail, StaffProfile, TimeLimit
from casework.read.facts import working_calendar
from casework.read.holders import holding
from casework.services.reminders import ESCALATION_CODE, REMINDER_CODE, Sent, send_reminders, working_days_between
from policy.facts import Role
from tests.conftest import make_person
from tests.services.conftest import ANALYSE, REFER

pytestmark = pytest.mark.django_db


def days_around(due, before=12, after=12):
    return [due + timedelta(days=n) for n in range(-before, after + 1)]


def sent_to(person) -> Counter:
    return Counter((notice.kind, notice.feedback_case_id) for notice in Notification.objects.filter(recipient=person))


def test_running_the_job_twice_a_day_over_weeks_sends_each_notice_once_and_escalates_to_the_manager(
    considering, caseworker, manager
):
    feedback = considering()
    due = holding(feedback).due
    for day in days_around(due):
        send_reminders(day)
        assert send_reminders(day) == Sent(0, 0)  # the same day again: nothing twice

    assert sent_to(caseworker) == Counter({(Notification.Kind.REMINDER, feedback.pk): 1})
    assert sent_to(manager) == Counter({(Notification.Kind.ESCALATION, feedback.pk): 1})
    escalation = Notification.objects.get(recipient=manager)
    assert escalation.link == f"/feedback/{feedback.reference}/"
    assert feedback.reference in escalation.subject and escalation.read_at is None
    assert Event.objects.filter(feedback_case=feedback, action__startswith="notice_").count() == 2
    emailed = OutgoingEmail.objects.filter(feedback_case=feedback, subject__in=[escalation.subject])
    assert [email.to for email in emailed] == [[manager.email]]  # by email too, once


def test_the_reminder_comes_the_set_number_of_working_days_before_the_due_date(considering, caseworker):
    feedback = considering()
    due = holding(feedback).due
    TimeLimit.objects.update_or_create(code=REMINDER_CODE, defaults={"days": 3})
    first = next(day for day in days_around(due) if send_reminders(day).reminders)
    assert working_days_between(first, due, working_calendar()) == 3


def test_escalation_waits_the_set_number_of_working_days_after_the_due_date(considering, manager):
    feedback = considering()
    due = holding(feedback).due
    TimeLimit.objects.update_or_create(code=ESCALATION_CODE, defaults={"days": 2})
    first = next(day for day in days_around(due) if send_reminders(day).escalations)
    assert working_days_between(due, first, working_calendar()) == 2


def test_a_queue_item_reminds_everyone_in_the_queue_and_escalates_to_their_line_managers(considering, walk, oat):
    feedback = walk(considering(), ANALYSE, REFER)
    head = make_person("hana", Role.MANAGER)
    StaffProfile.objects.filter(user=oat).update(line_manager=head)
    colleague = make_person("orla", Role.OAT, manager=head)
    due = holding(feedback).due
    for day in days_around(due):
        send_reminders(day)
        send_reminders(day)
    for person in (oat, colleague):
        assert sent_to(person) == Counter({(Notification.Kind.REMINDER, feedback.pk): 1})
    assert sent_to(head) == Counter({(Notification.Kind.ESCALATION, feedback.pk): 1})


def test_the_command_reports_what_it_sent_and_refuses_a_date_it_cannot_read(considering):
    feedback = considering()
    due = holding(feedback).due
    out = StringIO()
    call_command("remind", "--date", due.isoformat(), stdout=out)
    call_command("remind", "--date", due.isoformat(), stdout=out)
    assert out.getvalue().splitlines()[-2:] == [
        f"{due:%-d %B %Y}: 1 reminders, 0 escalations and 0 Judicial Review reminders sent.",
        f"{due:%-d %B %Y}: 0 reminders, 0 escalations and 0 Judicial Review reminders sent.",
    ]
    from django.core.management.base import CommandError

    with pytest.raises(CommandError, match="--date must be a date"):
        call_command("remind", "--date", "tomorrow")
