"""The letter page: its author previews a draft, edits it (not editing out what the guidance
requires) and sends it; the feedback page shows each letter's status."""

from __future__ import annotations

import pytest
from django.utils.timezone import localtime

from casework.models import Letter, OutgoingEmail
from casework.services.feedback import take_action
from casework.services.outbox import claim
from policy.letters import END_OF_PROCESS
from tests.services.conftest import AFTER_DEADLINE, INVITE, LATE, REQUEST, complaint, grounds_on

__all__ = ["complaint"]

pytestmark = pytest.mark.django_db
PASSWORD = "a-long-test-password"


@pytest.fixture
def declined(complaint, walk, caseworker):
    feedback = walk(complaint(), REQUEST, grounds_on(LATE), INVITE)
    take_action(caseworker, feedback.reference, "decline_for_time", {"reasons": "No reason given"}, AFTER_DEADLINE)
    return Letter.objects.get(feedback_case=feedback, template__code="time_limit_decline")


def page_of(letter: Letter) -> str:
    return f"/feedback/{letter.feedback_case.reference}/letters/{letter.pk}/"


def test_the_author_sees_the_draft_with_what_it_must_keep_and_my_work_lists_it(client, caseworker, declined):
    client.login(username=caseworker.username, password=PASSWORD)

    page = client.get(page_of(declined)).content.decode()
    assert "Check and send the letter" in page
    assert "The statement that our internal complaints process has ended (para 74)" in page
    assert "Draft: to check and send" in client.get(f"/feedback/{declined.feedback_case.reference}/").content.decode()
    assert page_of(declined) in client.get("/").content.decode()


@pytest.mark.policy("74")
def test_removing_the_end_of_process_statement_is_shown_as_an_error_and_nothing_is_saved(client, caseworker, declined):
    client.login(username=caseworker.username, password=PASSWORD)

    response = client.post(
        page_of(declined), {"intent": "save", "subject": declined.subject, "body": declined.body.replace(END_OF_PROCESS, "")}
    )

    assert response.status_code == 400
    page = response.content.decode()
    assert "There is a problem" in page and "(para 74)" in page and 'href="#field-body"' in page
    assert Letter.objects.get(pk=declined.pk).body == declined.body


def test_the_author_edits_and_sends_by_email(client, caseworker, declined):
    client.login(username=caseworker.username, password=PASSWORD)
    body = declined.body.replace("Dear", "Dear (edited)")

    assert client.post(page_of(declined), {"intent": "save", "subject": "Your review", "body": body}).status_code == 302
    bad = client.post(page_of(declined), {"intent": "send", "channel": "email", "email": "nope"})
    assert bad.status_code == 400 and "Enter an email address in the correct format" in bad.content.decode()
    sent = client.post(page_of(declined), {"intent": "send", "channel": "email", "email": "alice@example.org"}, follow=True)

    assert "The letter is on its way to alice@example.org" in sent.content.decode()
    letter = Letter.objects.get(pk=declined.pk)
    assert (letter.subject, letter.status) == ("Your review", Letter.Status.QUEUED)
    assert OutgoingEmail.objects.get(letter=letter).body == letter.body


def test_a_letter_being_sent_says_when_it_is_sent_again_if_the_mail_server_has_not_confirmed_it(client, caseworker, declined):
    client.login(username=caseworker.username, password=PASSWORD)
    client.post(page_of(declined), {"intent": "send", "channel": "email", "email": "alice@example.org"})
    email = claim(OutgoingEmail.objects.get(letter=declined).pk)  # a worker has it, and has not yet finished

    page = client.get(page_of(declined)).content.decode()

    assert "Not yet confirmed by the mail server" in page
    assert f"If it is not by {localtime(email.claimed_until):%H:%M}, it is sent again with the same Message-ID" in page


def test_someone_else_reads_the_draft_but_cannot_change_it(client, manager, declined):
    client.login(username=manager.username, password=PASSWORD)

    assert "Check and send" not in client.get(page_of(declined)).content.decode()
    response = client.post(page_of(declined), {"intent": "send", "channel": "post"})
    assert response.status_code == 400 and "who drafted this letter" in response.content.decode()


def test_an_outsider_gets_not_found(client, outsider, declined):
    client.login(username=outsider.username, password=PASSWORD)

    assert client.get(page_of(declined)).status_code == 404


@pytest.mark.policy("53")
def test_the_manager_of_a_supervised_case_sees_oats_decision_in_their_notifications(client, at_oat, oat, manager):
    feedback = take_action(oat, at_oat(supervised=True).reference, "oat_outcome_accepted", {"advice": "Review"}, AFTER_DEADLINE)
    decision = {
        "finding_overlooked": "not_upheld",
        "reasons_overlooked": "The letter was read and is quoted in the report",
        "handling_feedback": "A proportionate challenge",
        "proportionate": True,
    }
    take_action(oat, feedback.reference, "record_review_decision", decision, AFTER_DEADLINE)
    client.login(username=manager.username, password=PASSWORD)

    assert "Notifications (1 unread)" in client.get("/").content.decode()
    page = client.get("/notifications/").content.decode()
    assert "A proportionate challenge" in page and feedback.reference in page
