"""Load balancers' probes, and a database outage answered as 503 with Retry-After, never a bare 500."""

from __future__ import annotations

from contextlib import contextmanager
from unittest import mock

import pytest
from django.db import OperationalError, connection
from django.test import Client

from tests.api.conftest import ApiClient


@contextmanager
def database_down():
    """Every new cursor fails as it does when PostgreSQL is restarting (or SQLite stays locked)."""
    with mock.patch.object(connection, "cursor", side_effect=OperationalError("connection refused")):
        yield


def test_healthz_answers_without_the_database_even_for_an_unknown_host(db):
    with database_down():
        response = Client().get("/healthz", HTTP_HOST="10.0.0.7")

    assert response.status_code == 200


def test_readyz_says_ready_when_the_database_answers(db):
    assert Client().get("/readyz", HTTP_HOST="10.0.0.7").status_code == 200


def test_readyz_is_503_with_retry_after_when_the_database_cannot_be_reached(db):
    with database_down():
        response = Client().get("/readyz")

    assert response.status_code == 503
    assert response["Retry-After"] == "30"


def test_a_page_during_an_outage_is_a_styled_503_with_retry_after(caseworker):
    client = Client(raise_request_exception=False)
    client.force_login(caseworker)

    with database_down():
        response = client.get("/cases/")

    assert response.status_code == 503
    assert response["Retry-After"] == "30"
    page = response.content.decode()
    assert "Sorry, the service is unavailable" in page
    assert "govuk-template" in page


@pytest.mark.parametrize("method", ["get", "post"])
def test_the_api_during_an_outage_is_a_503_json_with_retry_after(caseworker, method):
    client = ApiClient(caseworker)

    with database_down():
        response = client.get("/cases") if method == "get" else client.post("/cases/PHSO-0001/feedback", {})

    assert response.status_code == 503
    assert response["Retry-After"] == "30"
    assert "cannot reach its database" in response.json()["detail"]


def test_any_other_failure_is_still_a_500_page(caseworker):
    client = Client(raise_request_exception=False)
    client.force_login(caseworker)

    with mock.patch.object(connection, "cursor", side_effect=RuntimeError("a bug")):
        response = client.get("/cases/")

    assert response.status_code == 500
    assert "Sorry, there is a problem with the service" in response.content.decode()
