"""What every signed-in request costs besides its page's own work: a fixed handful of queries (the
session, the person, their second factor, their roles, the navigation's two questions) and no
write of the session unless it changed or its expiry is due to move on (web.sessions)."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from casework.models import ApiToken

pytestmark = pytest.mark.django_db

SIGNED_IN_PAGE = [
    "django_session",  # the session
    "auth_user",  # who is signed in
    "otp_totp_totpdevice",  # their second factor, still there
    "auth_group",  # their roles
    "casework_approval",  # the navigation: a proposal waiting for one of their roles
    "casework_notification",  # the navigation: unread notifications
]


def tables(captured: CaptureQueriesContext) -> list[str]:
    read = []
    for query in captured.captured_queries:
        sql = query["sql"]
        if sql.startswith(("SAVEPOINT", "RELEASE SAVEPOINT", "BEGIN", "COMMIT")):
            read.append(sql.split()[0])
        else:
            read.append(sql.split(" FROM ")[1].split()[0].strip('"') if " FROM " in sql else sql.split()[0])
    return read


def test_a_signed_in_page_pays_six_queries_besides_its_own_and_writes_nothing(caseworker):
    client = Client()
    client.force_login(caseworker)
    client.get("/notifications/")

    with CaptureQueriesContext(connection) as captured:
        response = client.get("/notifications/")

    assert response.status_code == 200
    assert tables(captured) == [*SIGNED_IN_PAGE, "casework_notification"]  # and the page's list


def test_an_api_call_with_a_bearer_token_reads_no_session_person(caseworker):
    client = Client()
    client.force_login(caseworker)  # a session cookie too: the token is what counts
    key = ApiToken.issue(caseworker, "tests")[1]

    with CaptureQueriesContext(connection) as captured:
        response = client.get("/api/v1/people?q=nobody", headers={"Authorization": f"Bearer {key}"})

    assert response.status_code == 200
    assert tables(captured)[:3] == ["django_session", "casework_apitoken", "auth_group"]
    assert "otp_totp_totpdevice" not in tables(captured)
