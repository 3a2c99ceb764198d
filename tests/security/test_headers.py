"""Transport and browser security headers: HSTS, the CSP with nonces, Permissions-Policy,
no-store on everything the app answers, and `check --deploy` clean with production settings."""

import os
import re
import subprocess
import sys
from pathlib import Path

from django.test import Client

from casework.models import ApiToken

PASSWORD = "a-long-test-password"
REPO = Path(__file__).resolve().parents[2]


def production_env(tmp_path, **extra) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("SECURE_", "DJANGO_", "DEBUG", "SECRET_KEY"))}
    env.update(
        DJANGO_SETTINGS_MODULE="redress.settings",
        DEBUG="false",
        SECRET_KEY="a-production-like-key-that-is-long-enough-" + "z" * 20,
        CLAMD_SOCKET="/run/clamav/clamd.ctl",
        REDRESS_DATA_DIR=str(tmp_path),
        DATABASE_URL=f"sqlite:///{tmp_path / 'deploy.sqlite3'}",
        ALLOWED_HOSTS="redress.example.org",
        **extra,
    )
    return env


def test_check_deploy_reports_nothing_with_production_settings(tmp_path):
    result = subprocess.run(
        [sys.executable, "-m", "django", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=REPO,
        env=production_env(tmp_path),
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_the_proxy_header_and_ssl_redirect_come_from_the_environment(tmp_path):
    show = "from django.conf import settings as s; print(s.SECURE_PROXY_SSL_HEADER, s.SECURE_SSL_REDIRECT, s.SECURE_HSTS_SECONDS)"
    env = production_env(tmp_path, SECURE_PROXY_SSL_HEADER="HTTP_X_FORWARDED_PROTO,https", SECURE_SSL_REDIRECT="false")
    script = f"import django; django.setup(); {show}"
    result = subprocess.run([sys.executable, "-c", script], cwd=REPO, env=env, capture_output=True, text=True, timeout=60)
    assert result.stdout.split() == ["('HTTP_X_FORWARDED_PROTO',", "'https')", "False", "31536000"], result.stderr


def test_plain_http_is_redirected_to_https_unless_the_proxy_says_it_was_https(client, settings):
    settings.SECURE_SSL_REDIRECT = True
    settings.SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    response = client.get("/sign-in/")
    assert response.status_code == 301 and response["Location"].startswith("https://")
    assert client.get("/sign-in/", headers={"X-Forwarded-Proto": "https"}).status_code == 200


def test_https_responses_ask_for_https_for_a_year(client):
    response = client.get("/sign-in/", secure=True)
    assert response["Strict-Transport-Security"] == "max-age=31536000; includeSubDomains; preload"


def test_pages_carry_a_nonce_csp_and_no_inline_script_or_style(client, caseworker, make_case):
    case = make_case()
    assert client.login(username=caseworker.username, password=PASSWORD)
    for url in ("/sign-in/", "/", f"/cases/{case.reference}/", "/workflow/decision_complaint/", "/api/v1/docs"):
        response = client.get(url, follow=True)
        assert response.status_code == 200, url
        csp = response["Content-Security-Policy"]
        assert "unsafe-inline" not in csp and "unsafe-eval" not in csp
        assert "script-src 'self'" in csp and "object-src 'none'" in csp and "frame-ancestors 'none'" in csp
        html = response.content.decode()
        for script in re.findall(r"<script\b([^>]*)>(.*?)</script>", html, re.S):
            attributes, body = script
            assert "src=" in attributes or "application/json" in attributes or not body.strip(), (url, body[:80])
        assert "<style" not in html and " style=" not in html, url


def test_permissions_policy_turns_off_what_casework_does_not_use(client):
    policy = client.get("/sign-in/")["Permissions-Policy"]
    for feature in ("camera=()", "microphone=()", "geolocation=()", "payment=()"):
        assert feature in policy


def test_case_pages_api_json_and_csv_are_never_stored(client, manager, make_case):
    case = make_case()
    assert client.login(username=manager.username, password=PASSWORD)
    for url in (f"/cases/{case.reference}/", f"/cases/?q={case.reference}", "/insight/volumes.csv"):
        assert "no-store" in client.get(url)["Cache-Control"], url
    _, key = ApiToken.issue(manager, "tests")
    api = Client().get(f"/api/v1/cases/{case.reference}", headers={"Authorization": f"Bearer {key}"})
    assert api.status_code == 200 and "no-store" in api["Cache-Control"]


def test_the_api_docs_do_not_keep_a_pasted_token_in_browser_storage(client, caseworker):
    assert client.login(username=caseworker.username, password=PASSWORD)
    html = client.get("/api/v1/docs").content.decode()
    assert '"persistAuthorization": false' in html
