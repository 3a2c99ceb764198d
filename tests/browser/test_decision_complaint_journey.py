"""A caseworker takes a complaint about our decision through the pages, in Chromium.

Every page the journey visits is checked with axe-core, including pages showing the GOV.UK
error summary. Paragraphs are those of the Review and feedback Guidance 12.0.
"""

import re
from datetime import date

import pytest
from playwright.sync_api import expect

from casework.models import FeedbackCase
from policy.facts import ClosureReason
from tests.browser.conftest import check_accessibility, sign_in

pytestmark = pytest.mark.browser


def state_of(page):
    return page.locator("#state")


def click_and_check(page, locator) -> None:
    locator.click()
    page.wait_for_load_state()
    check_accessibility(page)


@pytest.mark.policy("7", "30", "32", "33", "35")
def test_caseworker_logs_a_complaint_asks_for_grounds_and_declines_late_grounds(page, make_case, logged_complaint):
    # Grounds for a decision of 25 November 2026 fall due on Christmas Day; they roll past the
    # bank holidays to Tuesday 29 December 2026 (para 32).
    case = make_case(decision_date=date(2026, 11, 25), service_user="Alice Brown")
    # A decision of 31 March 2026: grounds were due by 30 April 2026, and asked for already.
    old_case = make_case(decision_date=date(2026, 3, 31), service_user="Dev Evans", organisation="Westbrook Dental Practice")
    late = logged_complaint(old_case, date(2026, 4, 8), "request_grounds")
    assert late.grounds_deadline == date(2026, 4, 30)

    # Sign in, and land on My work.
    sign_in(page, "cara")
    expect(page.get_by_role("heading", level=1)).to_have_text("My work")
    expect(page.get_by_role("link", name=late.reference)).to_be_visible()
    check_accessibility(page)

    # Find the case.
    click_and_check(page, page.get_by_role("navigation", name="Menu").get_by_role("link", name="Cases"))
    page.get_by_label("Search by case or feedback reference, service user or organisation").fill(case.reference)
    click_and_check(page, page.get_by_role("button", name="Search"))
    expect(page.get_by_role("table")).to_contain_text("Alice Brown")
    expect(page.get_by_role("table")).not_to_contain_text("Dev Evans")

    # The case page.
    click_and_check(page, page.get_by_role("link", name=case.reference))
    expect(page.locator("#grounds-due-by")).to_contain_text("29 December 2026")

    # Log a complaint about our decision: first with nothing filled in.
    log = "Log a complaint about our decision"
    click_and_check(page, page.get_by_role("button", name=log, exact=True))
    expect(page.get_by_role("heading", level=1)).to_have_text(log)
    click_and_check(page, page.get_by_role("button", name=log, exact=True))
    summary = page.locator(".govuk-error-summary")
    expect(summary).to_be_visible()
    expect(summary).to_contain_text("There is a problem")
    expect(summary.locator('a[href="#field-received_date"]')).to_be_visible()
    expect(page).to_have_title(re.compile(r"^Error: "))
    assert not FeedbackCase.objects.filter(case=case).exists()

    # Now filled in properly.
    page.locator("input[name=received_date_day]").fill("26")
    page.locator("input[name=received_date_month]").fill("11")
    page.locator("input[name=received_date_year]").fill("2026")
    page.get_by_label("Email", exact=True).check()
    page.get_by_label("What the service user said").fill("You did not read the discharge letter I sent.")
    page.locator("input[name=jr_in_prospect][value=no]").check()
    click_and_check(page, page.get_by_role("button", name=log, exact=True))
    expect(state_of(page)).to_have_text("Received")
    feedback = FeedbackCase.objects.get(case=case)
    assert page.url.endswith(f"/feedback/{feedback.reference}/")

    # Ask for the grounds in writing: a confirmation page, then the button (paras 30, 32).
    click_and_check(page, page.get_by_role("button", name="Ask for the grounds in writing"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Ask for the grounds in writing")
    click_and_check(page, page.get_by_role("button", name="Ask for the grounds in writing"))
    expect(state_of(page)).to_have_text("Grounds requested")
    expect(page.locator("#grounds-deadline")).to_have_text("29 December 2026")

    # The older complaint: its grounds arrive on 1 June 2026, after the deadline of 30 April (para 33).
    click_and_check(page, page.get_by_role("navigation", name="Menu").get_by_role("link", name="My work"))
    click_and_check(page, page.get_by_role("link", name=late.reference))
    expect(state_of(page)).to_have_text("Grounds requested")
    expect(page.locator("#grounds-deadline")).to_have_text("30 April 2026")
    click_and_check(page, page.get_by_role("button", name="Record the grounds received"))
    page.locator("input[name=received_date_day]").fill("1")
    page.locator("input[name=received_date_month]").fill("6")
    page.locator("input[name=received_date_year]").fill("2026")
    page.get_by_label("Something was overlooked or misunderstood").check()
    page.get_by_label("Why they think our decision is wrong").fill("You overlooked the dentist's notes.")
    click_and_check(page, page.get_by_role("button", name="Record the grounds received"))
    expect(state_of(page)).to_have_text("Grounds received")
    expect(page.locator(".govuk-tag", has_text="Late")).to_be_visible()

    # Ask why they were late, then decline for want of a reasonable explanation (paras 33, 35).
    click_and_check(page, page.get_by_role("button", name="Ask why the grounds were late"))
    click_and_check(page, page.get_by_role("button", name="Ask why the grounds were late"))
    expect(state_of(page)).to_have_text("Explanation for lateness invited")

    decline = "Decline: no reasonable explanation for the delay"
    click_and_check(page, page.get_by_role("button", name=decline))
    click_and_check(page, page.get_by_role("button", name=decline))
    summary = page.locator(".govuk-error-summary")
    expect(summary).to_be_visible()
    expect(summary).to_contain_text("para 35")
    expect(summary.locator('a[href="#field-reasons"]')).to_be_visible()
    late.refresh_from_db()
    assert late.state == "explanation_invited"

    page.get_by_label("Reasons for declining").fill("No explanation was given for the grounds arriving a month late.")
    click_and_check(page, page.get_by_role("button", name=decline))
    expect(state_of(page)).to_have_text("Declined: out of time")
    expect(page.locator(".govuk-details__summary", has_text="Review request declined: out of time")).to_be_visible()

    # The workflow page: the diagram is an SVG with a title.
    click_and_check(page, page.get_by_role("navigation", name="Menu").get_by_role("link", name="Workflow"))
    expect(page.locator("svg[role=img] > title")).to_have_count(1)


@pytest.mark.policy("3", "21", "76")
def test_closed_routes_are_explained_and_an_outsider_sees_nothing(page, make_case, logged_complaint, outsider):
    low_level = logged_complaint(
        make_case(decision_date=date(2026, 10, 20), closure_reason=ClosureReason.LOW_LEVEL_INJUSTICE), date(2026, 11, 2)
    )
    joint = logged_complaint(make_case(decision_date=date(2026, 10, 28), joint_with_lgsco=True), date(2026, 11, 9))

    sign_in(page, "cara")

    # Low-level injustice: no grounds to ask for (paras 3, 21).
    page.goto(f"/feedback/{low_level.reference}/")
    check_accessibility(page)
    closed = page.locator("#closed-actions .govuk-summary-list__row", has_text="Ask for the grounds in writing")
    expect(closed).to_contain_text("para 21")
    expect(page.locator("#open-actions")).to_contain_text("Close: no review for a low-level injustice")

    # A joint decision with the LGSCO goes to the Joint Working Team (para 76).
    page.goto(f"/feedback/{joint.reference}/")
    check_accessibility(page)
    expect(page.locator("#open-actions").get_by_role("button", name="Send to the Joint Working Team")).to_be_visible()
    closed = page.locator("#closed-actions .govuk-summary-list__row", has_text="Ask for the grounds in writing")
    expect(closed).to_contain_text("para 76")

    # Otto of Team B signs in: Team A's case is not found for him.
    page.get_by_role("button", name="Sign out").click()
    page.wait_for_url(re.compile(r"/sign-in/"))
    sign_in(page, outsider.username)
    response = page.goto(f"/cases/{low_level.case.reference}/")
    assert response is not None and response.status == 404
    expect(page.get_by_role("heading", level=1)).to_have_text("Page not found")
    check_accessibility(page)
