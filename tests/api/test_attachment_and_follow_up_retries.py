"""Attaching a document and logging follow-up contact, like every other POST of the API: a retry
under the same `Idempotency-Key` gets the first response and never acts twice, and one sent with a
stale `If-Match` is refused with 412, nothing written."""

from __future__ import annotations

import json

import pytest

from casework.models import Attachment, Event, FeedbackCase, FollowUpContact
from policy.facts import ClosureReason
from tests.api.conftest import API
from tests.documents import PDF, PNG, upload

RISK, ASSESSMENT = "record_risk_assessment", {"risk": "high", "assessment": "Threats made on the phone"}
CONTACT = {"received_date": "2026-11-27", "channel": "phone", "summary": "She rang to ask us to look again", "response": ""}


@pytest.fixture
def feedback(make_case, complaint):
    return complaint(make_case())


@pytest.fixture
def closed(make_case, complaint):
    return complaint(make_case(closure_reason=ClosureReason.LOW_LEVEL_INJUSTICE), steps=["close_not_eligible"])


def attach(client, feedback, content=PDF, name="grounds.pdf", **headers):
    data = {"kind": "grounds", "description": "Their grounds", "file": upload(name, content)}
    return client.client.post(f"{API}/feedback/{feedback.reference}/attachments", data, headers={**client.headers, **headers})


def follow_up(client, feedback, body=CONTACT, **headers):
    return client.client.post(
        f"{API}/feedback/{feedback.reference}/follow-ups",
        json.dumps(body),
        content_type="application/json",
        headers={**client.headers, **headers},
    )


def test_a_retried_upload_returns_the_first_response_and_keeps_one_document(api, caseworker, feedback, data_dir):
    client = api(caseworker)

    first = attach(client, feedback, **{"Idempotency-Key": "upload-1"})
    retry = attach(client, feedback, **{"Idempotency-Key": "upload-1"})  # a new multipart boundary, the same request

    assert (first.status_code, retry.status_code) == (201, 201)
    assert retry.json() == first.json()
    assert retry["Idempotent-Replayed"] == "true"
    assert retry["ETag"] == first["ETag"] == f'"{feedback.version}"'
    assert Attachment.objects.filter(feedback_case=feedback).count() == 1
    assert Event.objects.filter(feedback_case=feedback, action="attach_document").count() == 1
    assert [path.name for path in (data_dir / "uploads").iterdir()] == [Attachment.objects.get().stored_name]


def test_the_same_key_for_another_file_is_refused_and_keeps_nothing_more(api, caseworker, feedback, data_dir):
    client = api(caseworker)
    attach(client, feedback, **{"Idempotency-Key": "upload-2"})

    response = attach(client, feedback, content=PNG, name="scan.png", **{"Idempotency-Key": "upload-2"})

    assert response.status_code == 422
    assert "different request" in response.json()["detail"]
    assert Attachment.objects.filter(feedback_case=feedback).count() == 1
    assert len(list((data_dir / "uploads").iterdir())) == 1


def test_an_upload_from_a_stale_version_is_412_and_keeps_no_file(api, caseworker, feedback, data_dir):
    client = api(caseworker)
    stale = client.get(f"/feedback/{feedback.reference}")["ETag"]
    assert client.post(f"/feedback/{feedback.reference}/actions/{RISK}", ASSESSMENT).status_code == 200

    response = attach(client, feedback, **{"If-Match": stale})

    assert response.status_code == 412
    assert response["ETag"] == f'"{FeedbackCase.objects.get(pk=feedback.pk).version}"'
    assert not Attachment.objects.exists()
    assert not (data_dir / "uploads").exists() or not list((data_dir / "uploads").iterdir())


def test_an_upload_from_the_current_version_is_kept_and_leaves_the_version_as_it_is(api, caseworker, feedback):
    client = api(caseworker)
    current = client.get(f"/feedback/{feedback.reference}")["ETag"]

    response = attach(client, feedback, **{"If-Match": current})

    assert response.status_code == 201
    assert response["ETag"] == current
    acted = client.client.post(
        f"{API}/feedback/{feedback.reference}/actions/{RISK}",
        json.dumps(ASSESSMENT),
        content_type="application/json",
        headers={**client.headers, "If-Match": current},
    )
    assert acted.status_code == 200


def test_a_retried_follow_up_returns_the_first_response_and_is_logged_once(api, caseworker, closed):
    client = api(caseworker)

    first = follow_up(client, closed, **{"Idempotency-Key": "rang-again"})
    retry = follow_up(client, closed, **{"Idempotency-Key": "rang-again"})

    assert (first.status_code, retry.status_code) == (201, 201)
    assert retry.json() == first.json()
    assert retry["Idempotent-Replayed"] == "true"
    assert retry["ETag"] == first["ETag"] == f'"{closed.version}"'
    assert FollowUpContact.objects.filter(feedback_case=closed).count() == 1
    assert Event.objects.filter(feedback_case=closed, action="log_follow_up").count() == 1


def test_a_follow_up_from_a_stale_version_is_412_and_one_from_the_current_version_is_logged(api, caseworker, closed):
    client = api(caseworker)

    stale = follow_up(client, closed, **{"If-Match": f'"{closed.version - 1}"'})
    current = follow_up(client, closed, **{"If-Match": f'"{closed.version}"'})

    assert stale.status_code == 412
    assert stale["ETag"] == f'"{closed.version}"'
    assert current.status_code == 201
    assert FollowUpContact.objects.filter(feedback_case=closed).count() == 1


def test_a_refused_follow_up_is_not_kept_for_a_retry(api, caseworker, closed):
    client = api(caseworker)

    refused = follow_up(client, closed, {**CONTACT, "summary": ""}, **{"Idempotency-Key": "fix-me"})
    again = follow_up(client, closed, {**CONTACT, "summary": ""}, **{"Idempotency-Key": "fix-me"})

    assert (refused.status_code, again.status_code) == (422, 422)
    assert "Idempotent-Replayed" not in again
