"""Correspondence received is logged on the feedback, with its scan if any, and the feedback's
correspondence reads complete both ways: the letters we sent and what came in."""

from __future__ import annotations

from datetime import date

import pytest

from casework.models import Attachment, Event, InboundCorrespondence
from casework.read.correspondence import Direction, correspondence_history
from casework.services.correspondence import Received, log_correspondence
from casework.services.errors import NotFound, Refused
from casework.services.uploads import uploads_dir
from tests.conftest import TODAY
from tests.documents import PDF, upload
from tests.services.conftest import REQUEST

pytestmark = pytest.mark.django_db

EMAIL = Received(date(2026, 11, 26), "Alice Brown", "email", "Asks when we will reply", "Dear PHSO,\nWhen will you reply?")


def test_an_email_pasted_is_logged_with_an_audit_event_and_shows_with_the_letters_sent(complaint, walk, caseworker):
    feedback = walk(complaint(), REQUEST)

    row = log_correspondence(caseworker, feedback.reference, EMAIL, TODAY)

    assert (row.sender, row.channel, row.text) == ("Alice Brown", "email", "Dear PHSO,\nWhen will you reply?")
    event = Event.objects.get(feedback_case=feedback, action="log_correspondence")
    assert event.after["correspondence_id"] == row.pk and event.after["summary"] == "Asks when we will reply"
    history = correspondence_history(feedback)
    assert {(item.direction, item.party) for item in history} == {
        (Direction.OUTGOING, feedback.case.service_user.name),
        (Direction.INCOMING, "Alice Brown"),
    }
    assert [item.on for item in history] == sorted(item.on for item in history)
    assert feedback.state == type(feedback).objects.get(pk=feedback.pk).state  # the feedback is left where it was


def test_a_scanned_letter_is_kept_as_a_checked_attachment(complaint, caseworker, data_dir):
    feedback = complaint()
    letter = Received(date(2026, 11, 25), "Dr Jones MP", "letter", "Supports the complaint")

    row = log_correspondence(caseworker, feedback.reference, letter, TODAY, upload=upload("scan.pdf", PDF))

    assert row.attachment.content_type == "application/pdf"
    assert row.attachment.description == "Correspondence from Dr Jones MP"
    assert (uploads_dir() / row.attachment.stored_name).exists()
    assert correspondence_history(feedback)[-1].attachment_id == row.attachment.pk


def test_missing_details_and_an_unacceptable_file_are_refused_together_and_nothing_is_kept(complaint, caseworker, data_dir):
    feedback = complaint()
    blank = Received(date(2027, 1, 1), " ", None, "")

    with pytest.raises(Refused) as refused:
        log_correspondence(caseworker, feedback.reference, blank, TODAY, upload=upload("scan.pdf", b"MZ not a pdf"))

    assert {reason.field for reason in refused.value.reasons} == {"received_date", "sender", "channel", "summary", "file"}
    assert not InboundCorrespondence.objects.exists() and not Attachment.objects.exists()
    assert not any(uploads_dir().glob("*")) if uploads_dir().exists() else True


def test_only_someone_working_on_the_feedback_logs_correspondence(complaint, outsider, ombudsman):
    feedback = complaint()

    with pytest.raises(NotFound):
        log_correspondence(outsider, feedback.reference, EMAIL, TODAY)
    with pytest.raises(Refused):
        log_correspondence(ombudsman, feedback.reference, EMAIL, TODAY)  # reads feedback, does not work on it
    assert not InboundCorrespondence.objects.exists()
