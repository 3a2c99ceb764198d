"""Notices to named people: in the app (Notifications, with the unread count in the header) and by
email through the outbox, written in the transaction of the action that gives them."""

from __future__ import annotations

from django.conf import settings
from django.urls import reverse
from django.utils import timezone

from casework.models import FeedbackCase, Letter, Notification, Task
from casework.services.outbox import queue_email
from casework.services.record_watch import RecordWatch


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
    """A notice to staff written from a letter template, just written (`write_letter(in_app=True)`):
    it goes to them now, in the app and by email."""
    if letter.status != Letter.Status.DELIVERED or letter.channel != Letter.Channel.APP:
        raise ValueError("A notice to staff is a letter written to be delivered in the app")
    return notify(
        people,
        key=f"letter/{letter.pk}",
        subject=letter.subject,
        body=letter.body,
        feedback=letter.feedback_case,
        copy_to=copy_to,
        new_key=True,
    )


def tell_of_new_tasks(feedback: FeedbackCase, watch: RecordWatch, since, actor) -> None:
    """Each task the action opened for a named person other than the one acting reaches them. The
    tasks it opened are those the watch was told of, unless one was opened some other way."""
    if watch.tasks_unseen:
        opened = feedback.tasks.filter(status=Task.Status.OPEN, created_at__gte=since).select_related("assigned_to")
        tasks = [task for task in opened if task.assigned_to_id is not None]
    else:
        tasks = [task for task in watch.opened_tasks if task.assigned_to_id is not None and task.status == Task.Status.OPEN]
    for task in tasks:
        if task.assigned_to_id != getattr(actor, "pk", None):
            tell_of_task(task, task.assigned_to, new_task=not watch.tasks_unseen)


def tell_of_task(task: Task, person, *, new_task: bool = False) -> None:
    """A task has reached someone new: it is on their My work, and they are told. `new_task`: it
    was opened in this transaction, so nobody has been told of it."""
    due = f" It is due on {task.due_date:%-d %B %Y}." if task.due_date else ""
    notify(
        [person],
        kind=Notification.Kind.TASK,
        key=f"task/{task.pk}/{person.pk}",
        subject=f"New task: {task.subject}",
        body=f"{task.subject}.{due}\n\n{task.body}".strip(),
        feedback=task.feedback_case,
        new_key=new_task,
    )


def _with_link(body: str, feedback: FeedbackCase | None) -> str:
    if feedback is None:
        return body
    link = f"{settings.REDRESS_SITE_URL.rstrip('/')}{reverse('feedback-detail', args=[feedback.reference])}"
    return f"{body}\n\n{feedback.reference} in Redress: {link}"
