"""A letter is a draft until its author sends it: they may edit it, but not edit out what the
guidance requires it to say (paras 35, 40, 74); sending is audited; drafts are on My work."""

from __future__ import annotations

import pytest

from casework.models import Event, Letter, OutgoingEmail
from casework.read.work import drafts_of
from casework.services.errors import Refused
from casework.services.feedback import take_action
from casework.services.letters import edit_letter, record_posted, send_letter
from policy.letters import END_OF_PROCESS, JUDICIAL_REVIEW
from tests.services.conftest import ACTIONABLE, AFTER_DEADLINE, INVITE, LATE, REQUEST, grounds_on

pytestmark = pytest.mark.django_db

REASONS = "You gave no reason for sending your grounds after the deadline"


def paragraphs(refused) -> list[str]:
    return [reason.paragraph for reason in refused.value.reasons]


@pytest.fixture
def declined(complaint, walk, caseworker):
    feedback = walk(complaint(), REQUEST, grounds_on(LATE), INVITE)
    take_action(caseworker, feedback.reference, "decline_for_time", {"reasons": REASONS}, AFTER_DEADLINE)
    return Letter.objects.get(feedback_case=feedback, template__code="time_limit_decline")


def test_an_action_writes_a_draft_that_waits_on_its_authors_my_work(complaint, walk, caseworker, manager):
    feedback = walk(complaint(), REQUEST)
    letter = Letter.objects.get(feedback_case=feedback, template__code="grounds_request")

    assert letter.status == Letter.Status.DRAFT and letter.sent_at is None
    assert list(drafts_of(caseworker)) == [letter]
    assert not drafts_of(manager).exists()
    assert not OutgoingEmail.objects.exists()


@pytest.mark.policy("74")
def test_editing_out_the_end_of_process_statement_is_refused(declined, caseworker):
    with pytest.raises(Refused) as refused:
        edit_letter(
            caseworker, declined.feedback_case.reference, declined.pk, declined.subject, declined.body.replace(END_OF_PROCESS, "")
        )

    assert "74" in paragraphs(refused)
    assert "internal complaints process has ended" in str(refused.value)
    assert Letter.objects.get(pk=declined.pk).body == declined.body


@pytest.mark.policy("35")
def test_editing_out_the_reasons_for_declining_is_refused(declined, caseworker):
    with pytest.raises(Refused) as refused:
        edit_letter(
            caseworker, declined.feedback_case.reference, declined.pk, declined.subject, declined.body.replace(REASONS, "No.")
        )

    assert paragraphs(refused) == ["35"]
    assert Letter.objects.get(pk=declined.pk).body == declined.body


def test_an_edit_that_keeps_the_required_words_is_saved_and_audited(declined, caseworker):
    body = "Thank you for your letter.\n\n" + declined.body

    edit_letter(caseworker, declined.feedback_case.reference, declined.pk, "Your request for a review", body)

    letter = Letter.objects.get(pk=declined.pk)
    assert (letter.subject, letter.body, letter.status) == ("Your request for a review", body.strip(), Letter.Status.DRAFT)
    assert Event.objects.filter(feedback_case=letter.feedback_case, action="edit_letter").count() == 1


@pytest.mark.policy("40")
def test_judicial_review_signposting_chosen_cannot_be_edited_out(considering, walk, caseworker):
    analysis = {**ACTIONABLE, "clear_evidence": False, "reasons": "Only says they are unhappy"}
    feedback = walk(
        considering(),
        ("record_challenge_analysis", analysis, AFTER_DEADLINE),
        ("close_not_actionable", {"signpost_jr": True, "explanation": ""}, AFTER_DEADLINE),
    )
    letter = Letter.objects.get(feedback_case=feedback, template__code="no_further_action")
    signposting = next(part for part in letter.body.split("\n\n") if JUDICIAL_REVIEW in part)

    with pytest.raises(Refused) as refused:
        edit_letter(caseworker, feedback.reference, letter.pk, letter.subject, letter.body.replace(signposting, ""))

    assert paragraphs(refused) == ["40"]
    assert {passage["paragraph"] for passage in letter.required_passages} == {"40", "74"}


def test_only_the_author_sends_a_draft_and_only_once(declined, caseworker, manager):
    reference = declined.feedback_case.reference
    with pytest.raises(Refused) as refused:
        send_letter(manager, reference, declined.pk, Letter.Channel.POST)
    assert "who drafted this letter" in str(refused.value)

    send_letter(caseworker, reference, declined.pk, Letter.Channel.POST, address="1 High Street\nLeeds")
    with pytest.raises(Refused):
        send_letter(caseworker, reference, declined.pk, Letter.Channel.POST)
    with pytest.raises(Refused):
        edit_letter(caseworker, reference, declined.pk, "New", declined.body)

    letter = Letter.objects.get(pk=declined.pk)
    assert (letter.status, letter.address, letter.sent_by) == (Letter.Status.TO_POST, "1 High Street\nLeeds", caseworker)


def test_a_posted_letter_records_when_it_was_posted(declined, caseworker):
    reference = declined.feedback_case.reference
    send_letter(caseworker, reference, declined.pk, Letter.Channel.POST)
    today = declined.created_at.date()

    with pytest.raises(Refused) as refused:
        record_posted(caseworker, reference, declined.pk, None, today)
    assert refused.value.field_errors() == {"posted_on": ["Enter the date the letter was posted"]}

    record_posted(caseworker, reference, declined.pk, today, today)
    letter = Letter.objects.get(pk=declined.pk)
    assert (letter.status, letter.posted_on) == (Letter.Status.POSTED, today)
    assert Event.objects.filter(feedback_case=letter.feedback_case, action="record_letter_posted").exists()


def test_sending_by_email_needs_an_address_and_queues_the_message_with_the_action(declined, caseworker):
    reference = declined.feedback_case.reference
    with pytest.raises(Refused) as refused:
        send_letter(caseworker, reference, declined.pk, Letter.Channel.EMAIL, email="not an address")
    assert refused.value.field_errors() == {"email": ["Enter an email address in the correct format, like name@example.com"]}

    send_letter(caseworker, reference, declined.pk, Letter.Channel.EMAIL, email="alice@example.org")

    letter = Letter.objects.get(pk=declined.pk)
    email = OutgoingEmail.objects.get(letter=letter)
    assert letter.status == Letter.Status.QUEUED and email.to == ["alice@example.org"]
    assert email.status == OutgoingEmail.Status.QUEUED and END_OF_PROCESS in email.body
    assert Event.objects.filter(feedback_case=letter.feedback_case, action="send_letter").count() == 1
