"""Two-factor sign-in (django-otp): an authenticator app set up on the first sign-in, with recovery
codes; a code after the password every time after; the admin and the API's session alike; an
administrator resets it by deleting the person's app in the admin."""

import re

import pytest
from django.test import Client
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from casework.models import SecurityEvent
from tests.security.helpers import PASSWORD, app_of, code_from, signed_in


def password_only(user) -> Client:
    client = Client()
    assert client.post("/sign-in/", {"username": user.username, "password": PASSWORD}).status_code == 302
    return client


def events(name: str) -> int:
    return SecurityEvent.objects.filter(event=name).count()


def test_the_first_sign_in_sets_up_an_authenticator_app_and_shows_recovery_codes_once(caseworker):
    client = password_only(caseworker)
    assert client.get("/")["Location"] == "/account/two-factor/?next=%2F"
    assert client.get("/account/two-factor/?next=/")["Location"] == "/account/two-factor/set-up/?next=%2F"
    page = client.get("/account/two-factor/set-up/?next=%2F").content.decode()
    assert '<svg role="img"' in page
    device = TOTPDevice.objects.get(user=caseworker, confirmed=False)
    assert re.search(r'<code class="app-key">[A-Z2-7]+</code>', page)

    wrong = client.post("/account/two-factor/set-up/", {"code": "000000", "next": "/"})
    assert "There is a problem" in wrong.content.decode()
    # django-otp slows down guessing: each failure makes the next try wait longer (a second, here).
    TOTPDevice.objects.filter(pk=device.pk).update(throttling_failure_timestamp=None, throttling_failure_count=0)
    done = client.post("/account/two-factor/set-up/", {"code": f"{totp(device.bin_key):06d}", "next": "/"})
    codes = re.findall(r"<li><code>(\w+)</code></li>", done.content.decode())
    assert len(codes) == 10
    assert client.get("/").status_code == 200
    assert events("mfa_enrolled") == 1


def test_after_the_password_a_wrong_code_is_refused_and_logged_and_the_right_one_lets_them_in(caseworker):
    app = app_of(caseworker)
    client = password_only(caseworker)
    refused = client.post("/account/two-factor/", {"code": "123456", "next": "/"})
    assert refused.status_code == 200 and "There is a problem" in refused.content.decode()
    assert events("mfa_failed") == 1
    assert client.get("/").status_code == 302
    assert client.post("/account/two-factor/", {"code": code_from(app), "next": "/"})["Location"] == "/"
    assert client.get("/").status_code == 200


def test_a_recovery_code_works_once_instead_of_the_app(caseworker):
    client = password_only(caseworker)
    device = TOTPDevice.objects.create(user=caseworker, confirmed=False, name="Phone")
    done = client.post("/account/two-factor/set-up/", {"code": f"{totp(device.bin_key):06d}"})
    code = re.findall(r"<li><code>(\w+)</code></li>", done.content.decode())[0]

    again = password_only(caseworker)
    assert again.post("/account/two-factor/", {"code": code})["Location"] == "/"
    assert events("mfa_recovery_code_used") == 1
    third = password_only(caseworker)
    assert third.post("/account/two-factor/", {"code": code}).status_code == 200


def test_the_password_alone_opens_no_page_no_admin_page_and_no_api_call(caseworker, admin_user, make_case):
    case = make_case()
    client = password_only(caseworker)
    for url in (f"/cases/{case.reference}/", "/insight/export.csv", "/account/password/"):
        assert client.get(url)["Location"].startswith("/account/two-factor/"), url
    assert client.get(f"/api/v1/cases/{case.reference}").status_code == 401
    admin = Client()
    admin.post("/sign-in/", {"username": "admin", "password": "password"})
    assert admin.get("/admin/")["Location"].startswith("/account/two-factor/")


def test_the_admin_works_after_the_second_factor(admin_user):
    admin_user.set_password(PASSWORD)
    admin_user.save()
    assert signed_in(admin_user).get("/admin/").status_code == 200


def test_the_next_address_after_the_code_stays_on_this_site(caseworker):
    client = password_only(caseworker)
    response = client.post("/account/two-factor/", {"code": code_from(app_of(caseworker)), "next": "https://evil.example/"})
    assert response["Location"] == "/"


@pytest.mark.parametrize("target", ["465963", "my-work", "//evil.example/", "javascript:alert(1)"])
def test_a_next_address_that_is_not_a_path_on_this_site_leads_to_my_work_not_an_error(caseworker, target):
    client = password_only(caseworker)
    response = client.post(f"/account/two-factor/?next={target}", {"code": code_from(app_of(caseworker)), "next": target})
    assert (response.status_code, response["Location"]) == (302, "/")


def test_an_administrator_resets_a_second_factor_by_deleting_the_app(caseworker, admin_user):
    app_of(caseworker)
    admin_user.set_password(PASSWORD)
    admin_user.save()
    admin = signed_in(admin_user)
    cara_app = TOTPDevice.objects.get(user=caseworker)
    response = admin.post(f"/admin/otp_totp/totpdevice/{cara_app.pk}/delete/", {"post": "yes"})
    assert response.status_code == 302
    assert not TOTPDevice.objects.filter(user=caseworker).exists()
    assert SecurityEvent.objects.filter(event="mfa_reset", username="cara").exists()
    client = password_only(caseworker)
    assert client.get("/account/two-factor/")["Location"].startswith("/account/two-factor/set-up/")
