"""Logging correspondence received on the page, and the Correspondence section of a feedback page."""

from datetime import date

import pytest
from django.utils import timezone

from casework.models import Event, InboundCorrespondence
from casework.services.feedback import NewFeedback, log_feedback
from policy.facts import Channel, FeedbackKind
from tests.documents import PDF, upload

PASSWORD = "a-long-test-password"

pytestmark = pytest.mark.django_db


def signed_in(client, user):
    assert client.login(username=user.username, password=PASSWORD)
    return client


@pytest.fixture
def feedback(make_case, caseworker):
    new = NewFeedback(FeedbackKind.DECISION_COMPLAINT, date(2026, 11, 20), Channel.EMAIL, "I think your decision is wrong")
    return log_feedback(caseworker, make_case(), new, timezone.localdate())


def test_a_scanned_letter_logged_on_the_page_shows_in_the_correspondence_and_on_the_timeline(
    client, caseworker, feedback, data_dir
):
    page = signed_in(client, caseworker).get(f"/feedback/{feedback.reference}/correspondence/new/")
    assert 'enctype="multipart/form-data"' in page.content.decode()

    response = client.post(
        f"/feedback/{feedback.reference}/correspondence/new/",
        {
            "received_date_day": "25",
            "received_date_month": "11",
            "received_date_year": "2026",
            "sender": "Dr Jones MP",
            "channel": "letter",
            "summary": "Supports the complaint",
            "text": "",
            "file": upload("scan.pdf", PDF),
        },
    )

    assert response.status_code == 302
    row = InboundCorrespondence.objects.get(feedback_case=feedback)
    detail = client.get(f"/feedback/{feedback.reference}/").content.decode()
    assert '<h2 class="govuk-heading-m" id="correspondence">Correspondence</h2>' in detail
    assert "Received by letter" in detail and "Dr Jones MP" in detail and "Supports the complaint" in detail
    assert f'href="/feedback/{feedback.reference}/attachments/{row.attachment_id}/"' in detail
    assert "Logged correspondence from Dr Jones MP received 25 November 2026" in detail
    assert Event.objects.filter(feedback_case=feedback, action="log_correspondence").count() == 1


def test_missing_details_are_shown_in_the_error_summary_and_nothing_is_logged(client, caseworker, feedback):
    response = signed_in(client, caseworker).post(f"/feedback/{feedback.reference}/correspondence/new/", {"sender": ""})

    assert response.status_code == 400
    page = response.content.decode()
    assert "govuk-error-summary" in page and "Enter who the correspondence is from" in page
    assert not InboundCorrespondence.objects.exists()
