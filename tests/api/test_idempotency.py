"""`Idempotency-Key`: a retried POST gets the first response and never acts twice."""

from __future__ import annotations

import json
import threading
from datetime import timedelta

import pytest
from django.db import connection, connections
from django.utils import timezone

from casework.models import Event, FeedbackCase, IdempotentRequest
from tests.api.conftest import API

RISK = "record_risk_assessment"
ASSESSMENT = {"risk": "high", "assessment": "Threats made on the phone"}


def post(client, path, body, **headers):
    return client.client.post(
        API + path, json.dumps(body), content_type="application/json", headers={**client.headers, **headers}
    )


def test_a_retried_action_returns_the_first_response_and_is_recorded_once(api, caseworker, considering):
    feedback = considering()
    client, path = api(caseworker), f"/feedback/{feedback.reference}/actions/{RISK}"

    first = post(client, path, ASSESSMENT, **{"Idempotency-Key": "8d0c2a1e"})
    retry = post(client, path, ASSESSMENT, **{"Idempotency-Key": "8d0c2a1e"})

    assert (first.status_code, retry.status_code) == (200, 200)
    assert retry.json() == first.json()
    assert retry["ETag"] == first["ETag"]
    assert retry["Idempotent-Replayed"] == "true"
    assert Event.objects.filter(feedback_case=feedback, action=RISK).count() == 1
    assert FeedbackCase.objects.get(pk=feedback.pk).version == feedback.version + 1


def test_a_retried_log_of_feedback_logs_it_once(api, caseworker, make_case):
    case = make_case()
    body = {"received_date": "2026-11-26", "channel": "phone", "summary": "They overlooked the GP's letter."}
    client = api(caseworker)

    first = post(client, f"/cases/{case.reference}/feedback", body, **{"Idempotency-Key": "log-1"})
    retry = post(client, f"/cases/{case.reference}/feedback", body, **{"Idempotency-Key": "log-1"})

    assert (first.status_code, retry.status_code) == (201, 201)
    assert retry.json()["reference"] == first.json()["reference"]
    assert FeedbackCase.objects.filter(case=case).count() == 1


def test_the_same_key_for_a_different_request_is_refused(api, caseworker, considering):
    feedback = considering()
    client, path = api(caseworker), f"/feedback/{feedback.reference}/actions/{RISK}"
    post(client, path, ASSESSMENT, **{"Idempotency-Key": "k"})

    response = post(client, path, {**ASSESSMENT, "risk": "low"}, **{"Idempotency-Key": "k"})

    assert response.status_code == 422
    assert "different request" in response.json()["detail"]
    assert Event.objects.filter(feedback_case=feedback, action=RISK).count() == 1


def test_keys_belong_to_the_caller(api, caseworker, manager, considering):
    feedback = considering()
    path = f"/feedback/{feedback.reference}/actions/{RISK}"
    post(api(caseworker), path, ASSESSMENT, **{"Idempotency-Key": "shared"})

    response = post(api(manager), path, ASSESSMENT, **{"Idempotency-Key": "shared"})

    assert response.status_code == 200
    assert "Idempotent-Replayed" not in response
    assert Event.objects.filter(feedback_case=feedback, action=RISK).count() == 2


def test_a_refused_request_is_not_kept_so_it_can_be_corrected_under_a_new_key(api, caseworker, considering):
    feedback = considering()
    client, path = api(caseworker), f"/feedback/{feedback.reference}/actions/{RISK}"

    refused = post(client, path, {"risk": "high"}, **{"Idempotency-Key": "first-try"})
    again = post(client, path, {"risk": "high"}, **{"Idempotency-Key": "first-try"})

    assert (refused.status_code, again.status_code) == (422, 422)
    assert "Idempotent-Replayed" not in again


def test_a_key_past_its_retention_is_forgotten_and_acts_as_a_new_request(api, caseworker, manager, considering, settings):
    settings.REDRESS_IDEMPOTENCY_RETENTION_HOURS = 24
    feedback = considering()
    path = f"/feedback/{feedback.reference}/actions/{RISK}"
    post(api(caseworker), path, ASSESSMENT, **{"Idempotency-Key": "monday"})
    post(api(manager), path, ASSESSMENT, **{"Idempotency-Key": "monday"})
    IdempotentRequest.objects.update(created_at=timezone.now() - timedelta(hours=25))

    again = post(api(caseworker), path, ASSESSMENT, **{"Idempotency-Key": "monday"})

    assert again.status_code == 200
    assert "Idempotent-Replayed" not in again
    assert Event.objects.filter(feedback_case=feedback, action=RISK).count() == 3
    # the caller's expired response went as they wrote; another person's waits for the daily purge
    kept = IdempotentRequest.objects.order_by("created_at")
    assert [(r.user, r.created_at > timezone.now() - timedelta(hours=1)) for r in kept] == [(manager, False), (caseworker, True)]


# Real commits: the data the migrations load is put back for the tests after.
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_two_attempts_with_the_same_key_at_the_same_moment_act_once(api, caseworker, considering):
    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL: SQLite's shared in-memory test database locks tables, not rows")
    feedback = considering()
    client, path = api(caseworker), f"/feedback/{feedback.reference}/actions/{RISK}"
    start, responses = threading.Barrier(2), []

    def attempt():
        try:
            start.wait(timeout=10)
            responses.append(post(client, path, ASSESSMENT, **{"Idempotency-Key": "racing"}))
        finally:
            connections.close_all()

    threads = [threading.Thread(target=attempt) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(30)

    assert [response.status_code for response in responses] == [200, 200]
    assert responses[0].json() == responses[1].json()
    assert Event.objects.filter(feedback_case=feedback, action=RISK).count() == 1
