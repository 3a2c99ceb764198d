"""Reminders before open work falls due, and escalations to a line manager once it is overdue.

`send_reminders(today)` is the whole job (`redress remind`, daily from cron or a worker). It reads
My work's derived list, so every open piece of feedback is considered, and it is idempotent: a
notice is keyed by (feedback, the entry into its state, kind, due date), one per person, so a
second run the same day, or any later day, sends nothing already sent. An extension moves the due
date, so the holder is reminded again of the new one.

How far ahead to remind and how long after the due date to escalate are working days an
administrator sets as TimeLimit rows (REMINDER_CODE, ESCALATION_CODE).

The holder of an open complaint about our decision is also reminded, once, a set number of working
days (JR_REMINDER_CODE) before the date by which a Judicial Review claim is due (para 71).

Notices are kept in the app (Notification) and emailed through the outbox in the same transaction.
Other channels connect to the `notice_sent` signal, sent once the notice is committed.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from django.contrib.auth import get_user_model
from django.db import IntegrityError, transaction
from django.dispatch import Signal
from django.utils import timezone

from casework.models import FeedbackCase, Notification, StaffProfile
from casework.read.facts import working_calendar
from casework.read.holders import time_limits
from casework.read.judicial_review import review_clock
from casework.read.work import WorkItem, items
from casework.services.audit import record_event
from casework.services.outbox import queue_email
from policy.calendar import WorkingCalendar
from policy.facts import FeedbackKind

REMINDER_CODE = "reminder_before_due"
ESCALATION_CODE = "escalation_after_due"
JR_REMINDER_CODE = "reminder_before_jr"
DEFAULT_DAYS = {REMINDER_CODE: 2, ESCALATION_CODE: 1, JR_REMINDER_CODE: 10}
JUDICIAL_REVIEW = "judicial_review"  # a reminder of the Judicial Review date, not of a due date

notice_sent = Signal()  # sender=Notification, notification=...: another channel (email) delivers it


@dataclass(frozen=True)
class Sent:
    reminders: int = 0
    escalations: int = 0
    judicial_review: int = 0


def working_days_between(start: date, end: date, calendar: WorkingCalendar) -> int:
    """Working days after `start` up to and including `end` (negative when `end` is earlier)."""
    if end < start:
        return -working_days_between(end, start, calendar)
    return sum(calendar.is_working_day(start + timedelta(days=n)) for n in range(1, (end - start).days + 1))


def send_reminders(today: date) -> Sent:
    """Remind each holder of work falling due soon and escalate overdue work to their line managers."""
    limits = {**DEFAULT_DAYS, **time_limits()}
    calendar = working_calendar()
    due: list[tuple[WorkItem, str]] = []
    open_items = items(FeedbackCase.objects.all(), today)
    for item in open_items:
        if item.due is None:
            continue
        ahead = working_days_between(today, item.due, calendar)
        if item.overdue and -ahead >= limits[ESCALATION_CODE]:
            due.append((item, Notification.Kind.ESCALATION))
        elif 0 <= ahead <= limits[REMINDER_CODE]:
            due.append((item, Notification.Kind.REMINDER))
    for item in open_items:
        if item.feedback.kind == FeedbackKind.DECISION_COMPLAINT:
            jr_date = review_clock(item.feedback, today).jr_date
            if 0 <= working_days_between(today, jr_date, calendar) <= limits[JR_REMINDER_CODE]:
                due.append((item, JUDICIAL_REVIEW))
    # What was sent before, read once: a run that finds everything sent writes nothing.
    keys = [_key(item, kind) for item, kind in due]
    sent_before = set(Notification.objects.filter(key__in=keys).values_list("recipient_id", "key"))
    people = _People()
    counts = {Notification.Kind.REMINDER: 0, Notification.Kind.ESCALATION: 0, JUDICIAL_REVIEW: 0}
    for (item, kind), key in zip(due, keys, strict=True):
        holders = people.holders(item)
        recipients = people.line_managers(holders) if kind == Notification.Kind.ESCALATION else holders
        fresh = [person for person in recipients if (person.pk, key) not in sent_before]
        counts[kind] += _notify(item, kind, key, fresh, today)
    return Sent(counts[Notification.Kind.REMINDER], counts[Notification.Kind.ESCALATION], counts[JUDICIAL_REVIEW])


class _People:
    """Who holds a queue, and who manages whom, each looked up once per run."""

    def __init__(self) -> None:
        self._queues: dict[str, list] = {}
        self._managers: dict[int, object | None] = {}

    def holders(self, item: WorkItem) -> list:
        """The person holding it, or everyone holding the role whose queue it is in."""
        if item.person is not None:
            return [item.person]
        if item.queue not in self._queues:
            members = get_user_model().objects.filter(groups__name=item.queue, is_active=True).order_by("pk")
            self._queues[item.queue] = list(members)
        return self._queues[item.queue]

    def line_managers(self, people: list) -> list:
        unknown = [person.pk for person in people if person.pk not in self._managers]
        if unknown:
            self._managers.update(dict.fromkeys(unknown))
            profiles = StaffProfile.objects.filter(user__in=unknown, line_manager__is_active=True).select_related("line_manager")
            self._managers.update({profile.user_id: profile.line_manager for profile in profiles})
        managers = {manager.pk: manager for person in people if (manager := self._managers[person.pk]) is not None}
        return [managers[pk] for pk in sorted(managers)]


def _key(item: WorkItem, kind: str) -> str:
    if kind == JUDICIAL_REVIEW:  # once for the feedback, wherever it has got to
        return f"{item.feedback.pk}/{kind}/{item.feedback.case.decision_date.isoformat()}"
    entered = getattr(item.feedback, "state_entered_at", None)
    entry = entered.isoformat() if entered else item.feedback.received_date.isoformat()
    return f"{item.feedback.pk}/{item.feedback.state}/{entry}/{kind}/{item.due.isoformat()}"


def _notify(item: WorkItem, kind: str, key: str, recipients: list, today: date) -> int:
    """Send this notice to those who have not had it; one transaction for the feedback, audited."""
    fresh = list({person.pk: person for person in recipients}.values())
    if not fresh:
        return 0
    subject, body = _wording(item, kind, today)
    # A Judicial Review reminder is kept as a reminder; its key tells it apart.
    stored = Notification.Kind.REMINDER if kind == JUDICIAL_REVIEW else Notification.Kind(kind)
    label = "Judicial Review reminder" if kind == JUDICIAL_REVIEW else stored.label
    try:
        with transaction.atomic(durable=True):
            sent = [
                Notification.objects.create(
                    recipient=person,
                    kind=stored,
                    key=key,
                    subject=subject,
                    body=body,
                    feedback_case=item.feedback,
                    created_at=timezone.now(),
                )
                for person in fresh
            ]
            names = ", ".join(person.get_full_name() or person.username for person in fresh)
            record_event(
                None,
                f"notice_{kind}",
                f"{label} sent to {names}",
                feedback_case=item.feedback,
                after={"kind": kind, "key": key, "recipients": [person.pk for person in fresh]},
            )
            addresses = [person.email for person in fresh if person.email]
            if addresses:  # and by email, through the outbox, with the notices
                queue_email(to=addresses, subject=subject, body=body, feedback=item.feedback)
            for notice in sent:
                transaction.on_commit(lambda notice=notice: notice_sent.send(sender=Notification, notification=notice))
    except IntegrityError:  # another run sent it at the same moment: it has been sent once
        return 0
    return len(fresh)


def _wording(item: WorkItem, kind: str, today: date) -> tuple[str, str]:
    reference = item.feedback.reference
    if kind == JUDICIAL_REVIEW:
        jr_date = f"{review_clock(item.feedback, today).jr_date:%-d %B %Y}"
        return (
            f"Judicial Review date soon: {reference}, {jr_date}",
            f"A claim for Judicial Review of the decision on case {item.feedback.case.reference} is due by {jr_date} "
            f"(para 71). {reference} is at '{item.state.label}'. Needed: {item.needed}.",
        )
    due = f"{item.due:%-d %B %Y}"
    holder = item.queue.label if item.queue else (item.person.get_full_name() or item.person.username)
    if kind == Notification.Kind.ESCALATION:
        return (
            f"Overdue: {reference} was due on {due}",
            f"{reference} ({item.state.label}) is held by {holder} and was due on {due}. Needed: {item.needed}.",
        )
    return (
        f"Due soon: {reference} is due on {due}",
        f"{reference} ({item.state.label}) is due on {due} ({item.held.period.label}). Needed: {item.needed}.",
    )


def mark_read(user, notification_ids: list[int] | None = None) -> int:
    """Mark a person's notices read (all unread ones when no ids are given). Only their own."""
    with transaction.atomic(durable=True):
        unread = Notification.objects.filter(recipient=user, read_at__isnull=True)
        if notification_ids is not None:
            unread = unread.filter(pk__in=notification_ids)
        return unread.update(read_at=timezone.now())
