"""Bad input of every kind is a 4xx that says what is wrong, never a 500."""

from __future__ import annotations

import json

import pytest

from casework.models import Attachment, FeedbackCase
from tests.api.conftest import API
from tests.documents import PDF, upload

LONE_SURROGATE = '"They said \\ud800 twice"'  # as JSON spells it: six characters, not one


def with_surrogate(template: str) -> str:
    return template.replace("SURROGATE", LONE_SURROGATE)


@pytest.fixture
def feedback(make_case, complaint):
    return complaint(make_case())


def raw_post(client, path, body: str | bytes, content_type="application/json", **extra):
    return client.client.post(API + path, body, content_type=content_type, headers=client.headers, **extra)


def test_a_lone_surrogate_in_json_is_refused_naming_the_field(api, caseworker, make_case):
    case = make_case()
    body = with_surrogate('{"received_date": "2026-11-26", "channel": "phone", "summary": SURROGATE}')

    response = raw_post(api(caseworker), f"/cases/{case.reference}/feedback", body)

    assert response.status_code == 422
    assert response.json()["errors"][0]["field"] == "summary"
    assert "surrogate" in response.json()["errors"][0]["message"]
    assert not FeedbackCase.objects.filter(case=case).exists()


def test_a_lone_surrogate_in_an_actions_text_is_refused(api, caseworker, feedback):
    body = with_surrogate('{"ground_types": ["overlooked"], "why_wrong": SURROGATE, "received_date": "2026-11-26"}')

    response = raw_post(api(caseworker), f"/feedback/{feedback.reference}/actions/record_grounds", body)

    assert response.status_code == 422
    assert {error["field"] for error in response.json()["errors"]} == {"why_wrong"}


def test_malformed_json_is_a_422_naming_the_body(api, caseworker, feedback):
    response = raw_post(api(caseworker), f"/feedback/{feedback.reference}/actions/request_grounds", '{"oops": ')

    assert response.status_code == 422
    assert response.json()["errors"][0]["field"] == "body"


def test_text_over_its_limit_is_refused_and_never_reaches_the_audit_trail(api, caseworker, make_case):
    case = make_case()
    body = {"received_date": "2026-11-26", "channel": "phone", "summary": "x" * 20_001}

    response = raw_post(api(caseworker), f"/cases/{case.reference}/feedback", json.dumps(body))

    assert response.status_code == 422
    assert response.json()["errors"][0]["field"] == "summary"
    assert not FeedbackCase.objects.filter(case=case).exists()


def test_a_json_body_over_the_limit_is_refused_with_413_before_it_is_read(api, caseworker, make_case):
    case = make_case()
    body = json.dumps({"summary": "x" * 2_700_000})

    response = raw_post(api(caseworker), f"/cases/{case.reference}/feedback", body)

    assert response.status_code == 413
    assert "at most 2.5 MB" in response.json()["detail"]


def test_an_upload_declared_larger_than_any_document_is_refused_before_it_is_read(api, caseworker, feedback):
    response = raw_post(
        api(caseworker),
        f"/feedback/{feedback.reference}/attachments",
        b"--x\r\n",
        content_type="multipart/form-data; boundary=x",
        CONTENT_LENGTH=str(200 * 1024 * 1024),
    )

    assert response.status_code == 413


def test_a_content_length_that_is_not_a_number_is_a_400(api, caseworker, feedback):
    response = raw_post(api(caseworker), f"/feedback/{feedback.reference}/actions/request_grounds", "{}", CONTENT_LENGTH="lots")

    assert response.status_code == 400


def test_multipart_without_a_boundary_is_a_400(api, caseworker, feedback):
    response = raw_post(
        api(caseworker), f"/feedback/{feedback.reference}/attachments", b"--x\r\n", content_type="multipart/form-data"
    )

    assert response.status_code == 400
    assert "could not be read" in response.json()["detail"]


def test_more_files_in_one_upload_than_allowed_is_a_400(api, caseworker, feedback, settings):
    files = {f"file{number}": upload(f"grounds{number}.pdf", PDF) for number in range(settings.DATA_UPLOAD_MAX_NUMBER_FILES + 1)}
    client = api(caseworker)

    response = client.client.post(
        f"{API}/feedback/{feedback.reference}/attachments", {"kind": "grounds", **files}, headers=client.headers
    )

    assert response.status_code == 400
    assert not Attachment.objects.exists()


@pytest.mark.parametrize("path", ["/feedback/FB-0%00001", "/cases/PHSO%00"])
def test_a_nul_in_the_path_is_not_found(api, caseworker, path):
    assert api(caseworker).get(path).status_code == 404


def test_a_nul_in_a_search_is_refused_naming_the_parameter(api, caseworker):
    response = api(caseworker).get("/cases", q="Alice\x00")

    assert response.status_code == 422
    assert response.json()["errors"][0]["field"] == "q"
