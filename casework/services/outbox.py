"""The outbox: email queued inside the action's transaction and delivered after commit by the worker.

`queue_email` writes the message and the task that delivers it in the caller's transaction (the
task backend keeps its queue in the same database), so both commit with the action or neither
does: an action never fails because the mail server is down, and a letter is never lost.

`deliver_email` runs in the worker (`redress worker`). It claims the message by moving it from
queued to sending in one statement, so however many times its task is run, or by however many
workers, only one sends it. The claim lapses after REDRESS_MAIL_CLAIM_SECONDS: with it, the same
transaction queues a task for that time, which claims the message again if it is still sending
(its worker stopped mid-send) and sends it with the same Message-ID, so a receiving server that
had taken the first can tell the repeat; the lost attempt counts as one and is noted. A refusal or an outage puts it back in the queue with a task to try
again after a back-off that doubles each time (REDRESS_MAIL_RETRY_SECONDS, up to an hour), until
REDRESS_MAIL_MAX_ATTEMPTS have failed; then it, and its letter, are marked not delivered.
"""

from __future__ import annotations

import smtplib
from datetime import timedelta
from email.utils import parseaddr

from django.conf import settings
from django.core.mail import EmailMessage, make_msgid
from django.db import transaction
from django.db.models import Case, F, Q, Value, When
from django.utils import timezone
from django_tasks import task

from casework.models import FeedbackCase, Letter, OutgoingEmail
from casework.read.letter_pdf import pdf_filename, render_letter_pdf
from casework.services.audit import record_event

LONGEST_WAIT_SECONDS = 3600
STOPPED_WHILE_SENDING = "The worker stopped while sending it; its claim lapsed and it was claimed again"


def queue_email(
    *,
    to: list[str],
    subject: str,
    body: str,
    cc: list[str] | None = None,
    letter: Letter | None = None,
    feedback: FeedbackCase | None = None,
) -> OutgoingEmail:
    """An email to send once the caller's transaction commits. Call inside that transaction."""
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("An email is queued inside the transaction of the action that sends it")
    domain = parseaddr(settings.DEFAULT_FROM_EMAIL)[1].partition("@")[2] or "localhost"
    email = OutgoingEmail.objects.create(
        message_id=make_msgid(domain=domain),
        to=to,
        cc=cc or [],
        subject=subject,
        body=body,
        letter=letter,
        feedback_case=feedback or (letter.feedback_case if letter else None),
        created_at=timezone.now(),
    )
    deliver_email.enqueue(email.pk)
    return email


@task()
def deliver_email(email_id: int) -> str:
    """Send one queued email, once; on a refusal or an outage, queue another try later."""
    email = claim(email_id)
    if email is None:
        return "already sent, being sent or not yet due"
    if email.attempts >= settings.REDRESS_MAIL_MAX_ATTEMPTS:  # each worker sending it stopped
        _finish(email, OutgoingEmail.Status.FAILED, Letter.Status.FAILED, attempts=email.attempts)
        return "given up"
    try:
        _message(email).send()
    except (smtplib.SMTPException, OSError) as error:
        return _try_again_later(email, error)
    _finish(email, OutgoingEmail.Status.DELIVERED, Letter.Status.DELIVERED)
    return "delivered"


def claim(email_id: int) -> OutgoingEmail | None:
    """Take the message to send it, if it is due or its last claim lapsed; None if another worker has it.

    One statement claims it (so only one worker does), and a task to look again once the claim
    lapses commits with it."""
    now = timezone.now()
    until = now + timedelta(seconds=settings.REDRESS_MAIL_CLAIM_SECONDS)
    due = Q(status=OutgoingEmail.Status.QUEUED) & (Q(next_attempt_at__isnull=True) | Q(next_attempt_at__lte=now))
    lapsed = Q(status=OutgoingEmail.Status.SENDING, claimed_until__lt=now)
    field = OutgoingEmail._meta.get_field
    stopped = Q(status=OutgoingEmail.Status.SENDING)  # as the row was: its worker stopped mid-send
    with transaction.atomic():
        claimed = OutgoingEmail.objects.filter(Q(pk=email_id) & (due | lapsed)).update(
            status=OutgoingEmail.Status.SENDING,
            claimed_until=until,
            attempts=Case(When(stopped, then=F("attempts") + 1), default=F("attempts"), output_field=field("attempts")),
            last_error=Case(
                When(stopped, then=Value(STOPPED_WHILE_SENDING)), default=F("last_error"), output_field=field("last_error")
            ),
        )
        if not claimed:
            return None
        deliver_email.using(run_after=until).enqueue(email_id)
    return OutgoingEmail.objects.select_related("letter__feedback_case__case").get(pk=email_id)


def _message(email: OutgoingEmail) -> EmailMessage:
    message = EmailMessage(
        email.subject, email.body, settings.DEFAULT_FROM_EMAIL, email.to, cc=email.cc, headers={"Message-ID": email.message_id}
    )
    if email.letter is not None:
        message.attach(pdf_filename(email.letter), render_letter_pdf(email.letter), "application/pdf")
    return message


def retry_delay(attempts: int) -> timedelta:
    """How long to wait after this many failed attempts: doubling from the base, at most an hour."""
    return timedelta(seconds=min(settings.REDRESS_MAIL_RETRY_SECONDS * 2 ** (attempts - 1), LONGEST_WAIT_SECONDS))


def _try_again_later(email: OutgoingEmail, error: Exception) -> str:
    attempts = email.attempts + 1
    problem = f"{type(error).__name__}: {error}"[:1000]
    if attempts >= settings.REDRESS_MAIL_MAX_ATTEMPTS:
        _finish(email, OutgoingEmail.Status.FAILED, Letter.Status.FAILED, attempts=attempts, last_error=problem)
        return "given up"
    retry_at = timezone.now() + retry_delay(attempts)
    with transaction.atomic():
        OutgoingEmail.objects.filter(pk=email.pk).update(
            status=OutgoingEmail.Status.QUEUED,
            attempts=attempts,
            last_error=problem,
            next_attempt_at=retry_at,
            claimed_until=None,
        )
        deliver_email.using(run_after=retry_at).enqueue(email.pk)
    return f"try {attempts + 1} at {retry_at.isoformat()}"


def _finish(email: OutgoingEmail, status: str, letter_status: str, **changes) -> None:
    """Record the end of the message, and of its letter's delivery, in the letter's audit trail."""
    now = timezone.now()
    attempts = changes.pop("attempts", email.attempts + 1)
    with transaction.atomic():
        OutgoingEmail.objects.filter(pk=email.pk).update(
            status=status,
            attempts=attempts,
            delivered_at=now if status == OutgoingEmail.Status.DELIVERED else None,
            claimed_until=None,
            **changes,
        )
        letter = email.letter
        if letter is not None:
            delivered = letter_status == Letter.Status.DELIVERED
            Letter.objects.filter(pk=letter.pk).update(
                status=letter_status, delivered_at=now if delivered else None, version=F("version") + 1
            )
            summary = f"Letter '{letter.subject}' " + (
                f"delivered by email to {', '.join(email.to)}" if delivered else f"not delivered after {attempts} attempts"
            )
            record_event(
                None,
                "letter_delivered" if delivered else "letter_not_delivered",
                summary,
                feedback_case=letter.feedback_case,
                after={"letter": letter.pk, "status": letter_status, "attempts": attempts, "message_id": email.message_id},
            )
