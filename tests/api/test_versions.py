"""The API's optimistic concurrency: the version is the `ETag`; an action with a stale `If-Match` is 412."""

from __future__ import annotations

import json

from casework.models import FeedbackCase
from casework.models.review import latest_risk_assessment
from tests.api.conftest import API

RISK = "record_risk_assessment"


def post(client, path, body, **headers):
    return client.client.post(
        API + path, json.dumps(body), content_type="application/json", headers={**client.headers, **headers}
    )


def test_the_feedback_case_and_its_actions_carry_the_version_as_an_etag(api, caseworker, considering):
    feedback = considering()

    assert api(caseworker).get(f"/feedback/{feedback.reference}")["ETag"] == f'"{feedback.version}"'
    assert api(caseworker).get(f"/feedback/{feedback.reference}/actions")["ETag"] == f'"{feedback.version}"'


def test_two_people_sending_the_same_action_from_the_same_version_get_one_success_and_one_412(
    api, caseworker, manager, considering
):
    feedback = considering()
    etag = api(caseworker).get(f"/feedback/{feedback.reference}")["ETag"]
    path = f"/feedback/{feedback.reference}/actions/{RISK}"

    first = post(api(caseworker), path, {"risk": "high", "assessment": "Threats made on the phone"}, **{"If-Match": etag})
    second = post(api(manager), path, {"risk": "low", "assessment": "Nothing new"}, **{"If-Match": etag})

    assert first.status_code == 200
    assert first["ETag"] == f'"{int(etag.strip(chr(34))) + 1}"'
    assert second.status_code == 412
    assert "Cara changed" in second.json()["detail"]
    assert any("Threats made on the phone" in error["message"] for error in second.json()["errors"])
    assert second["ETag"] == first["ETag"]
    assert latest_risk_assessment(FeedbackCase.objects.get(pk=feedback.pk)).assessment == "Threats made on the phone"


def test_an_action_without_if_match_is_not_checked_and_a_wildcard_matches_any_version(api, caseworker, considering):
    feedback = considering()
    path = f"/feedback/{feedback.reference}/actions/{RISK}"

    assert post(api(caseworker), path, {"risk": "low", "assessment": "One"}).status_code == 200
    assert post(api(caseworker), path, {"risk": "low", "assessment": "Two"}, **{"If-Match": "*"}).status_code == 200


def test_an_etag_that_is_not_ours_is_a_failed_precondition_not_a_validation_error(api, caseworker, considering):
    feedback = considering()
    path = f"/feedback/{feedback.reference}/actions/{RISK}"

    response = post(api(caseworker), path, {"risk": "low", "assessment": "One"}, **{"If-Match": '"banana"'})

    assert response.status_code == 412


def test_invalid_input_from_the_current_version_is_still_a_422(api, caseworker, considering):
    feedback = considering()
    etag = api(caseworker).get(f"/feedback/{feedback.reference}")["ETag"]

    response = post(api(caseworker), f"/feedback/{feedback.reference}/actions/{RISK}", {"risk": "low"}, **{"If-Match": etag})

    assert response.status_code == 422
