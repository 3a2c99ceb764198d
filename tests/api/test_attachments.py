"""Documents through the API: multipart upload, the list, and the bytes; errors in the API's one shape."""

import hashlib

import pytest

from casework.models import Attachment, Event
from tests.api.conftest import API, errors_of
from tests.documents import PDF, PNG, upload


@pytest.fixture
def feedback(make_case, complaint):
    return complaint(make_case())


def attach(client, feedback, name="grounds.pdf", content=PDF, **fields):
    data = {"kind": "grounds", **fields}
    if content is not None:
        data["file"] = upload(name, content)
    return client.client.post(f"{API}/feedback/{feedback.reference}/attachments", data, headers=client.headers)


def test_a_pdf_is_attached_and_answered_as_json(api, caseworker, feedback, data_dir):
    events = Event.objects.count()
    response = attach(api(caseworker), feedback, description="Their grounds")
    assert response.status_code == 201
    body = response.json()
    attachment = Attachment.objects.get()
    assert body == {
        "id": attachment.pk,
        "kind": "grounds",
        "kind_label": "Grounds for review: Challenge to our decision",
        "description": "Their grounds",
        "name": "grounds.pdf",
        "content_type": "application/pdf",
        "size": len(PDF),
        "sha256": hashlib.sha256(PDF).hexdigest(),
        "active_content": "",
        "uploaded_by": "Cara",
        "uploaded_at": body["uploaded_at"],
        "content_url": f"{API}/feedback/{feedback.reference}/attachments/{attachment.pk}/content",
    }
    assert "stored_name" not in body  # where it is kept is the server's business
    assert (data_dir / "uploads" / attachment.stored_name).read_bytes() == PDF
    assert Event.objects.count() == events + 1


def test_the_list_and_the_content_return_what_was_attached(api, caseworker, feedback):
    client = api(caseworker)
    created = attach(client, feedback).json()
    assert [item["id"] for item in client.get(f"/feedback/{feedback.reference}/attachments").json()] == [created["id"]]

    response = client.get(f"/feedback/{feedback.reference}/attachments/{created['id']}/content")
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == PDF
    assert response["Content-Type"] == "application/pdf"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Disposition"] == 'attachment; filename="grounds.pdf"'


def test_a_png_named_pdf_is_refused_citing_the_paragraph_and_the_field(api, caseworker, feedback, data_dir):
    response = attach(api(caseworker), feedback, "scan.pdf", PNG)
    assert response.status_code == 422
    assert errors_of(response) == [
        {"field": "file", "paragraph": "38", "message": "The file's name says .pdf but it is a PNG image"}
    ]
    assert not Attachment.objects.exists() and not (data_dir / "uploads").exists()


def test_a_file_over_the_limit_is_refused(api, caseworker, feedback, settings):
    settings.REDRESS_MAX_UPLOAD_BYTES = 32
    response = attach(api(caseworker), feedback, kind="evidence")
    assert response.status_code == 422
    assert errors_of(response) == [{"field": "file", "paragraph": "30", "message": "The file must be smaller than 32 bytes"}]


@pytest.mark.parametrize(
    "fields, content, field",
    [({}, None, "file"), ({"kind": "memo"}, PDF, "kind"), ({"description": "a\x00b"}, PDF, "description")],
    ids=["no file", "unknown kind", "a NUL in the description"],
)
def test_a_request_missing_its_parts_names_the_field(api, caseworker, feedback, fields, content, field):
    response = attach(api(caseworker), feedback, content=content, **fields)
    assert response.status_code == 422
    assert field in {error["field"] for error in errors_of(response)}


def test_the_outsider_gets_not_found_for_everything(api, caseworker, outsider, feedback):
    created = attach(api(caseworker), feedback).json()
    client = api(outsider)
    for response in (
        client.get(f"/feedback/{feedback.reference}/attachments"),
        client.get(f"/feedback/{feedback.reference}/attachments/{created['id']}/content"),
        attach(client, feedback),
    ):
        assert response.status_code == 404
        assert set(response.json()) == {"detail", "errors"}
    assert Attachment.objects.count() == 1


def test_a_document_of_another_feedback_case_is_not_found(api, caseworker, make_case, complaint, feedback):
    created = attach(api(caseworker), feedback).json()
    other = complaint(make_case())
    response = api(caseworker).get(f"/feedback/{other.reference}/attachments/{created['id']}/content")
    assert response.status_code == 404


def test_no_credentials_is_401(api, feedback):
    assert attach(api(), feedback).status_code == 401
