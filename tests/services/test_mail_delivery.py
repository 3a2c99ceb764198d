"""Letters and notices by email through the outbox, to a real SMTP server on the loopback address:
a letter sent arrives once with its PDF; with the server refusing or down the action still
succeeds, the worker tries again with back-off, and every queued letter arrives exactly once."""

from __future__ import annotations

import time

import pytest
from django.core.management import call_command
from django_tasks_db.models import DBTaskResult

from casework.models import Letter, Notification, OutgoingEmail
from casework.services.feedback import take_action
from casework.services.letters import send_letter
from casework.services.outbox import STOPPED_WHILE_SENDING, claim, deliver_email, retry_delay
from tests.services.conftest import AFTER_DEADLINE, REQUEST
from tests.smtp import smtp

__all__ = ["smtp"]

NOT_UPHELD = {
    "finding_overlooked": "not_upheld",
    "reasons_overlooked": "The letter was read and is quoted in the report",
    "handling_feedback": "A careful analysis, referred promptly",
    "proportionate": True,
}

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def run_worker() -> None:
    call_command("worker", batch=True, verbosity=0)


def drafted(complaint, walk, caseworker) -> Letter:
    feedback = walk(complaint(), REQUEST)
    return Letter.objects.get(feedback_case=feedback, template__code="grounds_request")


def test_a_letter_sent_by_email_arrives_once_with_its_pdf(smtp, complaint, walk, caseworker):
    letter = drafted(complaint, walk, caseworker)
    send_letter(caseworker, letter.feedback_case.reference, letter.pk, Letter.Channel.EMAIL, email="alice@example.org")
    assert smtp.inbox.messages == []  # nothing leaves until the worker runs, after the action committed

    run_worker()
    run_worker()  # a second run finds nothing to send

    (message,) = smtp.inbox.messages
    assert message["To"] == "alice@example.org" and message["Subject"] == letter.subject
    (pdf,) = [part for part in message.iter_attachments() if part.get_content_type() == "application/pdf"]
    assert pdf.get_filename() == f"{letter.feedback_case.reference}-letter-{letter.pk}.pdf"
    assert pdf.get_content().startswith(b"%PDF-")
    letter.refresh_from_db()
    assert letter.status == Letter.Status.DELIVERED and letter.delivered_at is not None


def test_a_task_run_again_for_a_delivered_message_sends_nothing(smtp, complaint, walk, caseworker):
    letter = drafted(complaint, walk, caseworker)
    send_letter(caseworker, letter.feedback_case.reference, letter.pk, Letter.Channel.EMAIL, email="alice@example.org")
    email = OutgoingEmail.objects.get(letter=letter)
    run_worker()

    deliver_email.enqueue(email.pk)  # a duplicate task, as a retry after a crash would leave
    run_worker()

    assert len(smtp.inbox.messages) == 1


def test_with_the_mail_server_down_actions_succeed_and_every_letter_arrives_once_when_it_is_back(
    smtp, complaint, walk, caseworker
):
    smtp.stop()
    letters = [drafted(complaint, walk, caseworker) for _ in range(3)]
    for letter in letters:  # the caseworker's actions succeed though no mail can be sent
        send_letter(caseworker, letter.feedback_case.reference, letter.pk, Letter.Channel.EMAIL, email="alice@example.org")

    run_worker()
    emails = OutgoingEmail.objects.filter(letter__in=letters)
    assert {(email.status, email.attempts) for email in emails} == {(OutgoingEmail.Status.QUEUED, 1)}
    assert all(email.next_attempt_at and "Connection" in email.last_error for email in emails)

    smtp.start()  # back, but refusing mail for a while
    smtp.inbox.refusing = True
    _wait_for_retries(2)
    assert smtp.inbox.refused >= 3 and smtp.inbox.messages == []
    assert {email.attempts for email in emails.all()} == {2}

    smtp.inbox.refusing = False
    _wait_for_retries(3)
    run_worker()

    assert sorted(smtp.inbox.subjects()) == sorted(letter.subject for letter in letters)
    assert len({message["Message-ID"] for message in smtp.inbox.messages}) == 3
    assert set(Letter.objects.filter(pk__in=[letter.pk for letter in letters]).values_list("status", flat=True)) == {
        Letter.Status.DELIVERED
    }


def test_a_message_whose_worker_stopped_mid_send_is_claimed_again_once_the_claim_lapses_and_arrives_once(
    smtp, settings, complaint, walk, caseworker
):
    settings.REDRESS_MAIL_CLAIM_SECONDS = 1
    letter = drafted(complaint, walk, caseworker)
    send_letter(caseworker, letter.feedback_case.reference, letter.pk, Letter.Channel.EMAIL, email="alice@example.org")
    email = OutgoingEmail.objects.get(letter=letter)
    # A worker takes the task and claims the message, then stops before the mail server has it.
    DBTaskResult.objects.ready().get().claim("stopped-worker")
    assert claim(email.pk) is not None
    email.refresh_from_db()
    assert email.status == OutgoingEmail.Status.SENDING and email.claimed_until is not None

    run_worker()  # another worker, while the claim holds, leaves it alone
    assert smtp.inbox.messages == [] and claim(email.pk) is None

    time.sleep(1.1)
    run_worker()  # the claim has lapsed: another worker sends it
    run_worker()

    (message,) = smtp.inbox.messages
    assert message["Message-ID"] == email.message_id  # the same as the lost attempt's, to tell a repeat
    email.refresh_from_db()
    assert (email.status, email.attempts, email.last_error) == (OutgoingEmail.Status.DELIVERED, 2, STOPPED_WHILE_SENDING)
    assert email.claimed_until is None
    letter.refresh_from_db()
    assert letter.status == Letter.Status.DELIVERED


def test_a_message_every_worker_stopped_sending_is_given_up_after_the_last_attempt(smtp, settings, complaint, walk, caseworker):
    settings.REDRESS_MAIL_CLAIM_SECONDS, settings.REDRESS_MAIL_MAX_ATTEMPTS = 1, 2
    letter = drafted(complaint, walk, caseworker)
    send_letter(caseworker, letter.feedback_case.reference, letter.pk, Letter.Channel.EMAIL, email="alice@example.org")
    email = OutgoingEmail.objects.get(letter=letter)
    for _ in range(2):  # two workers in turn claim it and stop
        DBTaskResult.objects.ready().get().claim("stopped-worker")
        assert claim(email.pk) is not None
        time.sleep(1.1)

    run_worker()

    assert smtp.inbox.messages == []
    email.refresh_from_db()
    letter.refresh_from_db()
    assert (email.status, email.attempts, letter.status) == (OutgoingEmail.Status.FAILED, 2, Letter.Status.FAILED)


def _wait_for_retries(attempts: int) -> None:
    """Wait out the back-off after this many failed attempts, then let the worker run what is due."""
    time.sleep(retry_delay(attempts - 1).total_seconds() + 0.1)
    run_worker()


def test_back_off_doubles_and_is_capped(settings):
    settings.REDRESS_MAIL_RETRY_SECONDS = 30
    assert [retry_delay(n).total_seconds() for n in (1, 2, 3, 8, 20)] == [30, 60, 120, 3600, 3600]


def test_a_message_is_given_up_after_the_last_attempt_and_its_author_can_send_it_again(
    smtp, settings, complaint, walk, caseworker
):
    settings.REDRESS_MAIL_MAX_ATTEMPTS = 2
    letter = drafted(complaint, walk, caseworker)
    smtp.inbox.refusing = True
    send_letter(caseworker, letter.feedback_case.reference, letter.pk, Letter.Channel.EMAIL, email="alice@example.org")

    run_worker()
    _wait_for_retries(2)

    letter.refresh_from_db()
    assert letter.status == Letter.Status.FAILED
    assert OutgoingEmail.objects.get(letter=letter).status == OutgoingEmail.Status.FAILED

    smtp.inbox.refusing = False  # its author sends it again
    send_letter(caseworker, letter.feedback_case.reference, letter.pk, Letter.Channel.EMAIL, email="alice@example.org")
    run_worker()
    letter.refresh_from_db()
    assert letter.status == Letter.Status.DELIVERED and len(smtp.inbox.messages) == 1


@pytest.mark.policy("53")
def test_the_para_53_notice_reaches_the_managers_notifications_and_inbox(smtp, at_oat, oat, manager, caseworker):
    feedback = at_oat(supervised=True)
    for name, inputs in (("oat_outcome_accepted", {"advice": "We will review it"}), ("record_review_decision", NOT_UPHELD)):
        take_action(oat, feedback.reference, name, inputs, AFTER_DEADLINE)
    run_worker()

    notices = Notification.objects.filter(feedback_case=feedback, kind=Notification.Kind.NOTICE)
    assert {notice.recipient for notice in notices} == {caseworker, manager}
    told = [message for message in smtp.inbox.messages if manager.email in message["To"]]
    assert told and "A careful analysis, referred promptly" in told[0].get_content()
    letter = Letter.objects.get(feedback_case=feedback, template__code="review_outcome_to_case_owner")
    assert (letter.status, letter.channel) == (Letter.Status.DELIVERED, Letter.Channel.APP)
