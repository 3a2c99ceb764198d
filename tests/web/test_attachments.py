"""The Documents section of a feedback page, the upload page and the download, through Django's test client."""

from datetime import date

import pytest
from django.test import Client
from django.utils import timezone

from casework.models import Attachment, Event
from casework.services.attachments import attach_document
from casework.services.feedback import NewFeedback, log_feedback
from policy.facts import Channel, FeedbackKind
from tests.documents import PDF, PNG, upload

PASSWORD = "a-long-test-password"


def signed_in(client, user):
    assert client.login(username=user.username, password=PASSWORD)
    return client


@pytest.fixture
def feedback(make_case, caseworker):
    new = NewFeedback(FeedbackKind.DECISION_COMPLAINT, date(2026, 11, 20), Channel.EMAIL, "I think your decision is wrong")
    return log_feedback(caseworker, make_case(), new, timezone.localdate())


@pytest.fixture
def grounds(feedback, caseworker):
    return attach_document(caseworker, feedback.reference, upload("My grounds.pdf", PDF), "grounds", "")


def new_page(feedback):
    return f"/feedback/{feedback.reference}/attachments/new/"


def download(feedback, attachment):
    return f"/feedback/{feedback.reference}/attachments/{attachment.pk}/"


def test_the_feedback_page_lists_documents_in_a_table_with_a_download_link(client, caseworker, feedback, grounds):
    page = signed_in(client, caseworker).get(f"/feedback/{feedback.reference}/").content.decode()
    assert '<h2 class="govuk-heading-m" id="documents">Documents</h2>' in page
    assert f"Documents attached to {feedback.reference}</caption>" in page
    assert '<th scope="col" class="govuk-table__header">What it is</th>' in page
    assert f'href="{download(feedback, grounds)}"' in page
    assert "Grounds for review: Challenge to our decision" in page
    assert f'href="{new_page(feedback)}">Attach a document</a>' in page


def test_the_upload_page_uses_the_file_upload_component_and_a_kind_radio(client, caseworker, feedback):
    page = signed_in(client, caseworker).get(new_page(feedback)).content.decode()
    assert 'enctype="multipart/form-data"' in page
    assert 'class="govuk-file-upload" id="field-file" name="file" type="file"' in page
    assert 'name="kind" type="radio" value="grounds"' in page
    assert 'name="csrfmiddlewaretoken"' in page


def test_uploading_a_pdf_keeps_it_records_one_event_and_returns_to_the_documents(client, caseworker, feedback, data_dir):
    events = Event.objects.count()
    response = signed_in(client, caseworker).post(
        new_page(feedback), {"file": upload("grounds.pdf", PDF), "kind": "grounds", "description": "Their grounds"}
    )
    assert response.status_code == 302
    assert response.url == f"/feedback/{feedback.reference}/#documents"
    attachment = Attachment.objects.get()
    assert (attachment.original_name, attachment.description, attachment.uploaded_by) == (
        "grounds.pdf",
        "Their grounds",
        caseworker,
    )
    assert (data_dir / "uploads" / attachment.stored_name).read_bytes() == PDF
    assert Event.objects.count() == events + 1


def test_a_png_named_pdf_is_refused_with_the_error_summary(client, caseworker, feedback, data_dir):
    response = signed_in(client, caseworker).post(new_page(feedback), {"file": upload("scan.pdf", PNG), "kind": "evidence"})
    page = response.content.decode()
    assert response.status_code == 400
    assert "govuk-error-summary" in page
    assert '<a href="#field-file">The file&#x27;s name says .pdf but it is a PNG image</a>' in page
    assert "(para 30)" in page
    assert "govuk-file-upload--error" in page
    assert not Attachment.objects.exists() and not (data_dir / "uploads").exists()


def test_submitting_nothing_asks_for_a_file_and_a_kind(client, caseworker, feedback):
    page = signed_in(client, caseworker).post(new_page(feedback), {}).content.decode()
    assert '<a href="#field-file">Select a file</a>' in page
    assert '<a href="#field-kind">Select what the document is</a>' in page


def test_the_download_returns_the_same_bytes_as_an_attachment_that_is_never_sniffed(client, caseworker, feedback, grounds):
    response = signed_in(client, caseworker).get(download(feedback, grounds))
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == PDF
    assert response["Content-Type"] == "application/pdf"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Disposition"] == 'attachment; filename="My grounds.pdf"'


def test_an_awkward_name_is_quoted_safely_in_the_download(client, caseworker, feedback):
    awkward = attach_document(caseworker, feedback.reference, upload('Grounds "final"\r\nX: 1 ü.pdf', PDF), "grounds", "")
    response = signed_in(client, caseworker).get(download(feedback, awkward))
    disposition = response["Content-Disposition"]
    assert disposition.startswith("attachment; filename*=utf-8''")
    assert "\r" not in disposition and "\n" not in disposition and '"' not in disposition


@pytest.mark.parametrize("method", ["get", "post"])
def test_the_outsider_gets_not_found_for_the_upload_page(client, outsider, feedback, method):
    response = getattr(signed_in(client, outsider), method)(new_page(feedback))
    assert response.status_code == 404


def test_the_outsider_gets_not_found_for_the_download(client, outsider, feedback, grounds):
    assert signed_in(client, outsider).get(download(feedback, grounds)).status_code == 404


def test_someone_who_only_reads_the_feedback_cannot_upload(client, ombudsman, feedback):
    signed_in(client, ombudsman)
    assert "Attach a document</a>" not in client.get(f"/feedback/{feedback.reference}/").content.decode()
    response = client.post(new_page(feedback), {"file": upload("grounds.pdf", PDF), "kind": "grounds"})
    assert response.status_code == 403
    assert not Attachment.objects.exists()


def test_an_upload_without_its_csrf_token_is_refused(caseworker, feedback):
    client = signed_in(Client(enforce_csrf_checks=True), caseworker)
    response = client.post(new_page(feedback), {"file": upload("grounds.pdf", PDF), "kind": "grounds"})
    assert response.status_code == 403
    assert not Attachment.objects.exists()


def test_the_signed_out_are_sent_to_sign_in(client, feedback, grounds):
    for url in (new_page(feedback), download(feedback, grounds)):
        response = client.get(url)
        assert response.status_code == 302 and response.url.startswith("/sign-in/")
