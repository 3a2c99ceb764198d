"""Shared services create a case record on the page, in Chromium: the form is checked with axe-core
once, a bad email address is named in the error summary, and the case then appears."""

import pytest
from playwright.sync_api import expect

from casework.models import Case
from policy.facts import Role
from tests.browser.conftest import check_accessibility, sign_in
from tests.conftest import make_person

pytestmark = pytest.mark.browser


def test_shared_services_create_a_case_record_on_the_page(page, caseworker, manager):
    make_person("sam", Role.SHARED_SERVICES)
    sign_in(page, "sam")

    page.get_by_role("navigation", name="Menu").get_by_role("link", name="Cases", exact=True).click()
    page.get_by_role("link", name="Create a case record").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Create a case record")
    check_accessibility(page)

    page.locator("#field-reference").fill("CMS-0700")
    page.locator("#field-organisation").fill("Northgate NHS Trust")
    page.locator("#field-team").fill("Team A")
    page.locator("#field-case_owner").fill("cara")
    page.get_by_role("group", name="Stage").get_by_label("Primary").check()
    page.get_by_role("group", name="Risk").get_by_label("Medium").check()
    page.locator("#field-decision_date").fill("1")
    page.locator("#field-decision_date-month").fill("9")
    page.locator("#field-decision_date-year").fill("2026")
    page.locator("#field-name").fill("Dev Evans")
    page.locator("#field-email").fill("dev@")
    page.get_by_role("button", name="Create the case record").click()

    summary = page.locator(".govuk-error-summary")
    expect(summary).to_contain_text("Enter an email address in the correct format")
    assert not Case.objects.filter(reference="CMS-0700").exists()

    page.locator("#field-email").fill("dev@example.com")
    page.get_by_role("button", name="Create the case record").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Dev Evans: Northgate NHS Trust")
    expect(page.locator(".govuk-notification-banner, .govuk-summary-list").first).to_be_visible()
    assert Case.objects.get(reference="CMS-0700").risk == "medium"
