"""Correspondence through the API: logged with its scan (multipart), listed both ways with the letters."""

from datetime import date

import pytest

from casework.models import InboundCorrespondence
from tests.api.conftest import API
from tests.documents import PDF, upload

pytestmark = pytest.mark.django_db


def post(client, feedback, data):
    return client.client.post(f"{API}/feedback/{feedback.reference}/correspondence", data, headers=client.headers)


def test_correspondence_logged_through_the_api_is_listed_with_the_letters_sent(api, caseworker, complaint, make_case, data_dir):
    feedback = complaint(make_case(decision_date=date(2026, 11, 2)), steps=["request_grounds"])
    client = api(caseworker)

    logged = post(
        client,
        feedback,
        {
            "received_date": "2026-11-26",
            "sender": "Alice Brown",
            "channel": "letter",
            "summary": "Her grounds",
            "file": upload("scan.pdf", PDF),
        },
    )

    assert logged.status_code == 201, logged.content
    assert logged.json()["direction"] == "incoming" and logged.json()["attachment_id"]
    listed = client.get(f"/feedback/{feedback.reference}/correspondence").json()
    assert {item["direction"] for item in listed} == {"outgoing", "incoming"}


def test_missing_details_are_a_422_naming_each_field(api, caseworker, complaint, make_case):
    feedback = complaint(make_case())

    response = post(api(caseworker), feedback, {"sender": "Alice Brown"})

    assert response.status_code == 422
    assert {error["field"] for error in response.json()["errors"]} == {"received_date", "channel", "summary"}
    assert not InboundCorrespondence.objects.exists()
