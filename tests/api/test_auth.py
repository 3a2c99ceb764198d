"""Who may call the API: a live bearer token for an active user, or a signed-in session with CSRF."""

import re

import pytest
from django.test import Client
from django.utils import timezone

from casework.models import ApiToken
from tests.api.conftest import API


def test_a_request_without_credentials_is_answered_401_in_the_error_shape(api):
    response = api().get("/cases")

    assert response.status_code == 401
    assert response.json()["errors"] == []
    assert "Bearer" in response.json()["detail"]
    assert response["WWW-Authenticate"].startswith("Bearer")


def test_a_bearer_token_authenticates_as_its_user(api, caseworker, make_case):
    make_case()

    response = api(caseworker).get("/cases")

    assert response.status_code == 200
    assert response.json()["count"] == 1


@pytest.mark.parametrize("header", ["Bearer rd_not-a-real-token", "Bearer ", "Basic Y2FyYTpwYXNzd29yZA==", "rd_no-scheme"])
def test_an_unknown_or_malformed_token_is_401(header, caseworker):
    response = Client().get(f"{API}/cases", headers={"Authorization": header})

    assert response.status_code == 401


def test_a_revoked_token_is_refused(caseworker):
    token, key = ApiToken.issue(caseworker, "old system")
    ApiToken.objects.filter(pk=token.pk).update(revoked_at=timezone.now())

    response = Client().get(f"{API}/cases", headers={"Authorization": f"Bearer {key}"})

    assert response.status_code == 401


def test_the_token_of_a_user_who_has_left_is_refused(caseworker):
    _, key = ApiToken.issue(caseworker, "crm")
    caseworker.is_active = False
    caseworker.save()

    response = Client().get(f"{API}/cases", headers={"Authorization": f"Bearer {key}"})

    assert response.status_code == 401


def test_a_signed_in_session_can_read(client, caseworker, make_case):
    case = make_case()
    client.force_login(caseworker)

    response = client.get(f"{API}/cases/{case.reference}")

    assert response.status_code == 200


def test_a_session_change_without_its_csrf_token_is_refused_403(caseworker, make_case, complaint):
    feedback = complaint(make_case())
    browser = Client(enforce_csrf_checks=True)
    browser.force_login(caseworker)

    response = browser.post(f"{API}/feedback/{feedback.reference}/actions/request_grounds", "{}", content_type="application/json")

    assert response.status_code == 403
    assert set(response.json()) == {"detail", "errors"}
    feedback.refresh_from_db()
    assert feedback.state == "received"


def test_a_session_change_with_its_csrf_token_goes_through(caseworker, make_case, complaint):
    feedback = complaint(make_case())
    browser = Client(enforce_csrf_checks=True)
    browser.force_login(caseworker)
    page = browser.get(f"{API}/docs")  # any page that renders a CSRF token sets the cookie
    token = re.search(r'data-csrf-token="([^"]+)"', page.content.decode()).group(1)

    response = browser.post(
        f"{API}/feedback/{feedback.reference}/actions/request_grounds",
        "{}",
        content_type="application/json",
        headers={"X-CSRFToken": token},
    )

    assert response.status_code == 200
    assert response.json()["state"] == "grounds_requested"


def test_a_bearer_token_needs_no_csrf_token(api, caseworker, make_case, complaint):
    feedback = complaint(make_case())
    client = api(caseworker)
    client.client = Client(enforce_csrf_checks=True)

    response = client.post(f"/feedback/{feedback.reference}/actions/request_grounds")

    assert response.status_code == 200
