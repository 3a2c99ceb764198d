"""The Content Security Policy in a real browser: the pages and the API docs (Swagger UI) work
with no inline script or style, and Chromium reports no violation."""

import pytest
from playwright.sync_api import expect

from tests.browser.test_review_paths import tab_for  # noqa: F401 (a fixture)

pytestmark = pytest.mark.browser


def test_the_pages_and_the_api_docs_run_under_the_csp_without_a_violation(tab_for, caseworker):  # noqa: F811
    tab = tab_for(caseworker)
    console = []
    tab.on("console", lambda message: console.append(message.text))
    tab.goto("/", timeout=60_000)  # the live server's first page: give a busy machine time
    expect(tab.locator("body.js-enabled")).to_have_count(1)  # the start-up scripts ran from their static files
    tab.goto("/api/v1/docs")
    # Swagger UI is a large bundle: give a busy machine time to draw it.
    expect(tab.get_by_role("heading", name="Redress API")).to_be_visible(timeout=30_000)
    expect(tab.get_by_role("button", name="Authorize")).to_be_visible()
    assert [text for text in console if "Content Security Policy" in text] == []


def test_the_change_password_page_is_accessible_and_explains_a_refusal(tab_for, caseworker):  # noqa: F811
    from tests.browser.conftest import PASSWORD, check_accessibility

    tab = tab_for(caseworker)
    tab.goto("/")
    tab.get_by_role("link", name="Change password").click()
    check_accessibility(tab)
    tab.get_by_label("Old password").fill(PASSWORD)
    tab.get_by_label("New password", exact=True).fill("aaaaaaaaaaaa")
    tab.get_by_label("New password confirmation").fill("aaaaaaaaaaaa")
    tab.get_by_role("button", name="Change password").click()
    expect(tab.get_by_role("heading", name="There is a problem")).to_be_visible()
    check_accessibility(tab)


def test_the_first_sign_in_sets_up_the_second_factor_through_accessible_pages(page, caseworker):
    from django_otp.oath import totp
    from django_otp.plugins.otp_totp.models import TOTPDevice

    from tests.browser.conftest import PASSWORD, check_accessibility

    page.goto("/sign-in/", timeout=60_000)
    page.get_by_label("Username").fill("cara")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    expect(page.get_by_role("heading", name="Set up your second factor")).to_be_visible()
    check_accessibility(page)
    expect(page.get_by_role("img", name="QR code to add Redress to your authenticator app")).to_be_visible()
    page.get_by_role("button", name="Continue").click()
    expect(page.get_by_role("heading", name="There is a problem")).to_be_visible()
    check_accessibility(page)
    device = TOTPDevice.objects.get(user=caseworker)
    # django-otp slows guessing after the deliberate failure above; this is not guessing.
    TOTPDevice.objects.filter(pk=device.pk).update(throttling_failure_timestamp=None, throttling_failure_count=0)
    page.get_by_role("textbox", name="Code").fill(f"{totp(device.bin_key):06d}")
    page.get_by_role("button", name="Continue").click()
    expect(page.get_by_role("heading", name="Your recovery codes")).to_be_visible()
    check_accessibility(page)
    expect(page.get_by_role("list", name="Recovery codes").get_by_role("listitem")).to_have_count(10)
    page.get_by_role("link", name="Continue").click()
    expect(page.get_by_role("heading", name="My work")).to_be_visible()
