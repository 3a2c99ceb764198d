"""Subject access: an administrator logs a request (due one calendar month later, on their work
list) and exports every case, feedback, letter, document, note and audit event about the person
as a zip with an index; both are audited; nobody else can."""

import io
import json
import zipfile
from datetime import date

import pytest

from casework.models import Event, SubjectAccessRequest
from casework.services.assignment import add_file_note
from casework.services.attachments import attach_document
from casework.services.errors import NotFound, Refused
from casework.services.feedback import NewFeedback, log_feedback, take_action
from casework.services.subject_access import export, log_request
from policy.facts import Channel, FeedbackKind
from tests.conftest import make_person
from tests.documents import TEXT, upload
from tests.security.helpers import signed_in

RECEIVED = date(2026, 11, 20)


@pytest.fixture
def administrator(db):
    from django.contrib.auth.models import User

    admin = User.objects.create_user("ada", "ada@example.org", "a-long-test-password", is_staff=True)
    return admin


@pytest.fixture
def about_alice(make_case, caseworker):
    """Two of Alice Brown's cases (one with a letter, a document and a note) and someone else's."""
    first, second, other = make_case(), make_case(), make_case(service_user="Bob Green")
    feedback = log_feedback(
        caseworker, first, NewFeedback(FeedbackKind.DECISION_COMPLAINT, RECEIVED, Channel.EMAIL, "Alice's complaint"), RECEIVED
    )
    take_action(caseworker, feedback.reference, "request_grounds", {}, RECEIVED)
    attach_document(caseworker, feedback.reference, upload("grounds.txt", TEXT), "grounds", "")
    add_file_note(caseworker, feedback.reference, "Phoned Alice")
    log_feedback(caseworker, other, NewFeedback(FeedbackKind.POSITIVE, RECEIVED, Channel.EMAIL, "Bob's thanks"), RECEIVED)
    return first, second, feedback


def test_a_request_is_due_one_calendar_month_after_it_arrived_and_is_on_the_handlers_work_list(administrator):
    request = log_request(administrator, "Alice Brown", date(2027, 1, 31), administrator.pk, date(2027, 2, 1))
    assert request.due_on == date(2027, 2, 28)
    assert Event.objects.filter(action="log_subject_access_request").exists()
    assert "Alice" not in Event.objects.get(action="log_subject_access_request").summary
    page = signed_in(administrator).get("/")
    assert b'id="subject-access"' in page.content and b"28 Feb 2027" in page.content


def test_the_export_holds_every_record_about_the_person_with_an_index(administrator, about_alice):
    first, second, feedback = about_alice
    request = log_request(administrator, "alice brown", RECEIVED, administrator.pk, RECEIVED)
    answered, content = export(administrator, request.pk)
    archive = zipfile.ZipFile(io.BytesIO(content))
    index = json.loads(archive.read("index.json"))
    paths = {entry["path"] for entry in index["files"]}
    assert paths == set(archive.namelist()) - {"index.json"}
    assert {f"cases/{first.reference}.json", f"cases/{second.reference}.json"} <= paths
    assert index["counts"]["letter"] >= 1 and index["counts"]["document"] == 1 and index["counts"]["feedback"] == 1
    documents = [path for path in paths if "/documents/" in path]
    assert archive.read(documents[0]) == TEXT
    assert b"Phoned Alice" in archive.read(f"feedback/{feedback.reference}/notes.json")
    assert b"request_grounds" in archive.read(f"feedback/{feedback.reference}/audit.json")
    assert not any(b"Bob" in archive.read(path) for path in archive.namelist())
    assert SubjectAccessRequest.objects.get().exported_at is not None
    assert Event.objects.filter(action="export_subject_access").count() == 1


def test_the_page_logs_a_request_and_downloads_the_zip(administrator, about_alice):
    client = signed_in(administrator)
    refused = client.post("/privacy/subject-access/", {"person": "", "received_on": "", "assigned_to": administrator.pk})
    assert refused.status_code == 400 and b"Enter the person&#x27;s name" in refused.content
    logged = client.post(
        "/privacy/subject-access/", {"person": "Alice Brown", "received_on": "2026-11-20", "assigned_to": administrator.pk}
    )
    assert logged.status_code == 302
    download = client.get(f"/privacy/subject-access/{SubjectAccessRequest.objects.get().pk}/export.zip")
    assert download.status_code == 200 and download["Content-Type"] == "application/zip"


def test_only_administrators_handle_requests(caseworker, administrator):
    with pytest.raises(NotFound):
        log_request(caseworker, "Alice Brown", RECEIVED, caseworker.pk, RECEIVED)
    with pytest.raises(Refused):
        log_request(administrator, "Alice Brown", RECEIVED, caseworker.pk, RECEIVED)  # not an administrator
    assert signed_in(caseworker).get("/privacy/subject-access/").status_code == 404


def test_who_viewed_a_case_is_reported_to_its_manager(make_case, caseworker, manager):
    case = make_case()
    signed_in(caseworker).get(f"/cases/{case.reference}/")
    report = signed_in(manager).get(f"/cases/{case.reference}/viewed-by/")
    assert report.status_code == 200 and b"cara" in report.content
    assert signed_in(caseworker).get(f"/cases/{case.reference}/viewed-by/").status_code == 403
    shared = make_person("sam", "shared_services")
    assert signed_in(shared).get(f"/cases/{case.reference}/viewed-by/").status_code == 403
