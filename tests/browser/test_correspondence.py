"""A caseworker logs correspondence received and sees it with the letters sent, in Chromium, each
page state checked with axe-core."""

from datetime import date

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import check_accessibility, sign_in

pytestmark = pytest.mark.browser


def test_a_caseworker_logs_an_email_received_and_sees_it_with_the_letters_sent(page, make_case, logged_complaint):
    feedback = logged_complaint(make_case(decision_date=date(2026, 11, 25)), date(2026, 11, 26), "request_grounds")
    sign_in(page, "cara")
    page.goto(f"/feedback/{feedback.reference}/")
    check_accessibility(page)

    page.get_by_role("link", name="Log correspondence received").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Log correspondence received")
    page.get_by_role("button", name="Log correspondence").click()
    expect(page.locator(".govuk-error-summary")).to_contain_text("Enter who the correspondence is from")
    check_accessibility(page)

    page.locator("input[name=received_date_day]").fill("27")
    page.locator("input[name=received_date_month]").fill("11")
    page.locator("input[name=received_date_year]").fill("2026")
    page.get_by_label("Who it is from").fill("Alice Brown")
    page.get_by_label("Email", exact=True).check()
    page.get_by_label("Summary").fill("Asks whether we received her grounds")
    page.get_by_label("The email or letter as received").fill("Dear PHSO, did you get my grounds?")
    page.get_by_role("button", name="Log correspondence").click()

    table = page.locator("#correspondence + .app-table-scroll table")
    expect(table).to_contain_text("Sent by letter")
    expect(table).to_contain_text("Received by email")
    expect(table).to_contain_text("Asks whether we received her grounds")
    check_accessibility(page)
