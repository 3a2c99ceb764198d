"""Sessions end after 30 idle minutes and 8 hours in all; staff change their own password (12+
characters, not common or breached); API tokens expire, are listed and revoked by command and in
the admin, and end when the password changes or the account is disabled."""

import time
from datetime import timedelta
from io import StringIO

import pytest
from django.conf import settings
from django.contrib.sessions.models import Session
from django.core.management import CommandError, call_command
from django.test import Client
from django.utils import timezone

from casework.models import ApiToken, SecurityEvent
from casework.security_log import SIGNED_IN_AT
from tests.security.helpers import signed_in

PASSWORD = "a-long-test-password"
NEW_PASSWORD = "copper kettle winter harbour"


def bearer(key: str):
    return Client().get("/api/v1/cases", headers={"Authorization": f"Bearer {key}"})


def test_a_session_idle_for_thirty_minutes_has_ended_and_a_request_renews_it(caseworker):
    assert settings.SESSION_COOKIE_AGE == 30 * 60
    client = signed_in(caseworker)
    Session.objects.update(expire_date=timezone.now() + timedelta(minutes=1))
    assert client.get("/").status_code == 200
    assert Session.objects.get().expire_date > timezone.now() + timedelta(minutes=29)
    Session.objects.update(expire_date=timezone.now() - timedelta(seconds=1))
    assert client.get("/")["Location"].startswith("/sign-in/")


def test_a_session_is_renewed_at_most_once_a_minute_and_so_never_outlives_thirty_idle_minutes(caseworker):
    client = signed_in(caseworker)
    renewed_30_seconds_ago = timezone.now() + timedelta(minutes=30, seconds=-30)
    Session.objects.update(expire_date=renewed_30_seconds_ago)
    assert client.get("/").status_code == 200
    assert Session.objects.get().expire_date == renewed_30_seconds_ago  # not written again
    Session.objects.update(expire_date=renewed_30_seconds_ago - timedelta(minutes=1))
    assert client.get("/").status_code == 200
    assert Session.objects.get().expire_date > timezone.now() + timedelta(minutes=29, seconds=50)


def test_a_busy_session_still_ends_eight_hours_after_signing_in(caseworker):
    client = signed_in(caseworker)
    session = client.session
    session[SIGNED_IN_AT] = time.time() - 8 * 60 * 60 + 60
    session.save()
    assert client.get("/").status_code == 200
    session = client.session
    session[SIGNED_IN_AT] = time.time() - 8 * 60 * 60 - 1
    session.save()
    assert client.get("/")["Location"].startswith("/sign-in/")


@pytest.mark.parametrize(
    ("password", "message"),
    [
        ("short pass", "too short"),
        ("aaaaaaaaaaaa", ""),  # long enough, but a repeat
        ("password1234", "too common"),
        ("iloveyou2009", ""),  # from the breach lists
    ],
)
def test_a_weak_or_breached_new_password_is_refused_with_a_reason(caseworker, password, message):
    client = signed_in(caseworker)
    response = client.post("/account/password/", {"old_password": PASSWORD, "new_password1": password, "new_password2": password})
    assert response.status_code == 200
    html = response.content.decode()
    assert "There is a problem" in html and message in html
    caseworker.refresh_from_db()
    assert caseworker.check_password(PASSWORD)


def test_changing_the_password_keeps_this_session_ends_the_others_and_revokes_the_api_tokens(caseworker):
    _, key = ApiToken.issue(caseworker, "tests")
    assert bearer(key).status_code == 200
    other = signed_in(caseworker)
    client = signed_in(caseworker)
    page = client.get("/account/password/").content.decode()
    assert "onpaste" not in page  # pasting from a password manager is allowed
    response = client.post(
        "/account/password/", {"old_password": PASSWORD, "new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD}
    )
    assert response.status_code == 302
    assert client.get("/").status_code == 200
    assert other.get("/")["Location"].startswith("/sign-in/")
    assert bearer(key).status_code == 401
    assert SecurityEvent.objects.filter(event="password_changed", username="cara").exists()
    assert SecurityEvent.objects.filter(event="api_token_revoked", username="cara").exists()


def test_disabling_an_account_revokes_its_tokens(caseworker):
    token, key = ApiToken.issue(caseworker, "tests")
    caseworker.is_active = False
    caseworker.save()
    token.refresh_from_db()
    assert token.revoked_at is not None
    caseworker.is_active = True
    caseworker.save()
    assert bearer(key).status_code == 401


def test_a_token_expires_after_its_days(caseworker):
    token, key = ApiToken.issue(caseworker, "tests")
    assert token.expires_at - timezone.now() > timedelta(days=89)
    assert bearer(key).status_code == 200
    ApiToken.objects.update(expires_at=timezone.now() - timedelta(seconds=1))
    assert bearer(key).status_code == 401


def test_the_command_issues_for_some_days_lists_and_revokes(caseworker):
    out = StringIO()
    call_command("api_token", "cara", "--days", "7", stdout=out, stderr=StringIO())
    key = out.getvalue().strip()
    token = ApiToken.objects.get()
    assert timedelta(days=6) < token.expires_at - timezone.now() <= timedelta(days=7)
    listing = StringIO()
    call_command("api_token", "cara", "--list", stdout=listing)
    assert f"#{token.pk}" in listing.getvalue() and "valid until" in listing.getvalue() and key not in listing.getvalue()
    call_command("api_token", "cara", "--revoke", str(token.pk), stdout=StringIO())
    assert bearer(key).status_code == 401
    listing = StringIO()
    call_command("api_token", "cara", "--list", stdout=listing)
    assert "revoked" in listing.getvalue()
    with pytest.raises(CommandError, match="no token"):
        call_command("api_token", "cara", "--revoke", str(token.pk), stdout=StringIO())
    assert list(SecurityEvent.objects.order_by("id").values_list("event", flat=True)) == ["api_token_issued", "api_token_revoked"]


def test_an_administrator_lists_and_revokes_tokens_in_the_admin(admin_client, caseworker):
    token, key = ApiToken.issue(caseworker, "CRM bridge")
    listing = admin_client.get("/admin/casework/apitoken/")
    assert "CRM bridge" in listing.content.decode()
    admin_client.post("/admin/casework/apitoken/", {"action": "revoke", "_selected_action": [token.pk]})
    assert bearer(key).status_code == 401
