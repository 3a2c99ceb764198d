"""Subject access: an administrator logs a request for a service user, chosen by their reference
(due one calendar month later, on their work list), and exports every record about them as a zip
with an index: their record and representatives, and every case, feedback, letter, document,
correspondence received, note and audit event, their own audit chain's too; both are audited;
nobody else can."""

import io
import json
import zipfile
from datetime import date

import pytest

from casework.models import Event, ServiceUser, SubjectAccessRequest
from casework.services.assignment import add_file_note
from casework.services.attachments import attach_document
from casework.services.correspondence import Received, log_correspondence
from casework.services.errors import NotFound, Refused
from casework.services.feedback import NewFeedback, log_feedback, take_action
from casework.services.service_users import add_representative, merge_service_users
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
def shared_services(db):
    return make_person("sam", "shared_services")


@pytest.fixture
def about_alice(make_case, caseworker, shared_services):
    """Two of Alice Brown's cases (one with a letter, a document, correspondence from her and a
    note), her representative, and someone else's case: another Alice Brown's."""
    first, second = make_case(), make_case()
    other = make_case(service_user=ServiceUser.objects.create(reference="SU-900001", name="Alice Brown"))
    add_representative(
        shared_services,
        first.service_user.reference,
        {"acting_as": "mp", "name": "Jane Smith MP", "consent_given_by": "Alice Brown"}
        | {"consent_given_on": RECEIVED, "consent_form": "written"},
        RECEIVED,
    )
    feedback = log_feedback(
        caseworker, first, NewFeedback(FeedbackKind.DECISION_COMPLAINT, RECEIVED, Channel.EMAIL, "Alice's complaint"), RECEIVED
    )
    take_action(caseworker, feedback.reference, "request_grounds", {}, RECEIVED)
    attach_document(caseworker, feedback.reference, upload("grounds.txt", TEXT), "grounds", "")
    add_file_note(caseworker, feedback.reference, "Phoned Alice")
    log_correspondence(caseworker, feedback.reference, Received(RECEIVED, "Alice", Channel.LETTER, "Her reply"), RECEIVED)
    log_feedback(caseworker, other, NewFeedback(FeedbackKind.POSITIVE, RECEIVED, Channel.EMAIL, "Other thanks"), RECEIVED)
    return first, second, feedback


def test_a_request_is_due_one_calendar_month_after_it_arrived_and_is_on_the_handlers_work_list(administrator, make_case):
    alice = make_case().service_user
    request = log_request(administrator, alice.reference, date(2027, 1, 31), administrator.pk, date(2027, 2, 1))
    assert request.due_on == date(2027, 2, 28)
    assert Event.objects.filter(action="log_subject_access_request").exists()
    assert "Alice" not in Event.objects.get(action="log_subject_access_request").summary
    page = signed_in(administrator).get("/")
    assert b'id="subject-access"' in page.content and b"28 Feb 2027" in page.content


def test_the_export_holds_every_record_about_the_person_with_an_index(administrator, about_alice):
    first, second, feedback = about_alice
    request = log_request(administrator, first.service_user.reference.lower(), RECEIVED, administrator.pk, RECEIVED)
    answered, content = export(administrator, request.pk)
    archive = zipfile.ZipFile(io.BytesIO(content))
    index = json.loads(archive.read("index.json"))
    paths = {entry["path"] for entry in index["files"]}
    assert paths == set(archive.namelist()) - {"index.json"}
    assert index["person"]["reference"] == first.service_user.reference
    assert {f"cases/{first.reference}.json", f"cases/{second.reference}.json"} <= paths
    assert index["counts"]["letter"] >= 1 and index["counts"]["document"] == 1 and index["counts"]["feedback"] == 1
    documents = [path for path in paths if "/documents/" in path]
    assert archive.read(documents[0]) == TEXT
    assert b"Phoned Alice" in archive.read(f"feedback/{feedback.reference}/notes.json")
    assert b"Her reply" in archive.read(f"feedback/{feedback.reference}/correspondence.json")
    assert b"request_grounds" in archive.read(f"feedback/{feedback.reference}/audit.json")
    assert b"Jane Smith MP" in archive.read("person/representatives.json")
    assert b"add_representative" in archive.read("person/audit.json")
    assert json.loads(archive.read("person/record.json"))["reference"] == first.service_user.reference
    assert not any(b"Other thanks" in archive.read(path) or b"SU-900001" in archive.read(path) for path in archive.namelist())
    assert SubjectAccessRequest.objects.get().exported_at is not None
    assert Event.objects.filter(action="export_subject_access").count() == 1


def test_the_page_logs_a_request_and_downloads_the_zip(administrator, about_alice):
    first, _, _ = about_alice
    client = signed_in(administrator)
    page = {"received_on": "2026-11-20", "assigned_to": administrator.pk}
    refused = client.post("/privacy/subject-access/", {**page, "service_user": "", "received_on": ""})
    assert refused.status_code == 400 and b"Enter the person&#x27;s reference" in refused.content
    unknown = client.post("/privacy/subject-access/", {**page, "service_user": "SU-999999"})
    assert unknown.status_code == 400 and b"There is no service user SU-999999" in unknown.content
    assert not SubjectAccessRequest.objects.exists()
    logged = client.post("/privacy/subject-access/", {**page, "service_user": first.service_user.reference})
    assert logged.status_code == 302
    request = SubjectAccessRequest.objects.get()
    assert request.service_user == first.service_user
    assert first.service_user.reference.encode() in client.get("/privacy/subject-access/").content
    download = client.get(f"/privacy/subject-access/{request.pk}/export.zip")
    assert download.status_code == 200 and download["Content-Type"] == "application/zip"
    assert "person/record.json" in zipfile.ZipFile(io.BytesIO(download.content)).namelist()


def test_a_merged_duplicates_requests_and_audit_events_follow_the_person_kept(administrator, make_case, shared_services):
    kept = make_case().service_user
    duplicate = make_case(service_user=ServiceUser.objects.create(reference="SU-900002", name="A. Brown")).service_user
    add_representative(
        shared_services,
        duplicate.reference,
        {"acting_as": "representative", "name": "Rhona Advocate", "consent_given_by": "A. Brown"}
        | {"consent_given_on": RECEIVED, "consent_form": "email"},
        RECEIVED,
    )
    request = log_request(administrator, duplicate.reference, RECEIVED, administrator.pk, RECEIVED)
    merge_service_users(shared_services, kept.reference, duplicate.reference)
    assert SubjectAccessRequest.objects.get(pk=request.pk).service_user == kept
    _, content = export(administrator, request.pk)
    audit = zipfile.ZipFile(io.BytesIO(content)).read("person/audit.json")
    assert b"Rhona Advocate acts for A. Brown" in audit and b"merge_service_users" in audit


def test_only_administrators_handle_requests(caseworker, administrator):
    alice = ServiceUser.objects.create(reference="SU-000001", name="Alice Brown")
    with pytest.raises(NotFound):
        log_request(caseworker, alice.reference, RECEIVED, caseworker.pk, RECEIVED)
    with pytest.raises(Refused):
        log_request(administrator, alice.reference, RECEIVED, caseworker.pk, RECEIVED)  # not an administrator
    assert signed_in(caseworker).get("/privacy/subject-access/").status_code == 404


def test_who_viewed_a_case_is_reported_to_its_manager(make_case, caseworker, manager):
    case = make_case()
    signed_in(caseworker).get(f"/cases/{case.reference}/")
    report = signed_in(manager).get(f"/cases/{case.reference}/viewed-by/")
    assert report.status_code == 200 and b"cara" in report.content
    assert signed_in(caseworker).get(f"/cases/{case.reference}/viewed-by/").status_code == 403
    shared = make_person("sam", "shared_services")
    assert signed_in(shared).get(f"/cases/{case.reference}/viewed-by/").status_code == 403
