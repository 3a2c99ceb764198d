"""Notices to named people: in the app (Notifications, with the unread count in the header) and by
email through the outbox, written in the transaction of the action that gives them."""

from __future__ import annotations

from django.conf import settings
from django.urls import reverse
from django.utils import timezone

from casework.models import FeedbackCase, Letter, Notification, Task
from casework.services.outbox import queue_email


def notify(
    people,
    *,
    key: str,
    subject: str,
    body: str,
    feedback: FeedbackCase | None,
    kind: str = Notification.Kind.NOTICE,
    copy_to: list[str] | None = None,
    new_key: bool = False,
) -> list[Notification]:
    """A notice to each person who has not had this one (`key`), and one email to those of them
    with an address, copying `copy_to`. `new_key`: the key names something made in this transaction,
    so nobody has had it. Call inside the action's transaction."""
    people = [person for person in {person.pk: person for person in people if person is not None}.values()]
    had = (
        set()
        if new_key
        else set(Notification.objects.filter(key=key, recipient__in=people).values_list("recipient_id", flat=True))
    )
    fresh = [person for person in people if person.pk not in had]
    now = timezone.now()
    notices = [
        Notification.objects.create(
            recipient=person, kind=kind, key=key, subject=subject[:200], body=body, feedback_case=feedback, created_at=now
        )
        for person in fresh
    ]
    addresses = [person.email for person in fresh if person.email]
    copies = [address for address in copy_to or [] if address not in addresses]
    if addresses or copies:
        queue_email(
            to=addresses or copies,
            cc=copies if addresses else [],
            subject=subject,
            body=_with_link(body, feedback),
            feedback=feedback,
        )
    return notices


def notify_by_letter(letter: Letter, people, *, copy_to: list[str] | None = None) -> list[Notification]:
    """A notice to staff written from a letter template, just written: it goes to them now, in the app and by email."""
    now = timezone.now()
    letter.status, letter.channel = Letter.Status.DELIVERED, Letter.Channel.APP
    letter.sent_by, letter.sent_at, letter.delivered_at = letter.created_by, now, now
    letter.save(update_fields=["status", "channel", "sent_by", "sent_at", "delivered_at"])
    return notify(
        people,
        key=f"letter/{letter.pk}",
        subject=letter.subject,
        body=letter.body,
        feedback=letter.feedback_case,
        copy_to=copy_to,
        new_key=True,
    )


def tell_of_new_tasks(feedback: FeedbackCase, since, actor) -> None:
    """Each task opened on this feedback since then for a named person other than the one acting reaches them."""
    tasks = feedback.tasks.filter(status=Task.Status.OPEN, created_at__gte=since, assigned_to__isnull=False)
    for task in tasks.exclude(assigned_to=actor).select_related("assigned_to"):
        tell_of_task(task, task.assigned_to)


def tell_of_task(task: Task, person) -> None:
    """A task has reached someone new: it is on their My work, and they are told."""
    due = f" It is due on {task.due_date:%-d %B %Y}." if task.due_date else ""
    notify(
        [person],
        kind=Notification.Kind.TASK,
        key=f"task/{task.pk}/{person.pk}",
        subject=f"New task: {task.subject}",
        body=f"{task.subject}.{due}\n\n{task.body}".strip(),
        feedback=task.feedback_case,
    )


def _with_link(body: str, feedback: FeedbackCase | None) -> str:
    if feedback is None:
        return body
    link = f"{settings.REDRESS_SITE_URL.rstrip('/')}{reverse('feedback-detail', args=[feedback.reference])}"
    return f"{body}\n\n{feedback.reference} in Redress: {link}"
