"""Shared services keep case records on the pages, in Chromium: they create a case (a bad email
address named in the error summary), record another decision on an open case, and add, correct and
end a representative; a caseworker then chooses which decision a complaint is about. Each page state
is checked with axe-core."""

from datetime import date

import pytest
from playwright.sync_api import expect

from casework.models import Case, Decision, FeedbackCase, Representative
from policy.facts import Role
from tests.browser.conftest import check_accessibility, sign_in
from tests.browser.test_review_paths import click_and_check, tab_for, visit  # noqa: F401 (tab_for: a fixture)
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


def fill_date(page, field: str, day: str, month: str, year: str) -> None:
    page.locator(f"#field-{field}").fill(day)
    page.locator(f"#field-{field}-month").fill(month)
    page.locator(f"#field-{field}-year").fill(year)


def test_shared_services_record_a_decision_and_who_acts_for_the_person(tab_for, make_case, caseworker, django_user_model):  # noqa: F811
    case = make_case(closed=False, received_on=date(2026, 10, 1))
    Decision.objects.create(case=case, decided_on=case.decision_date)
    sam = tab_for(make_person("sam", Role.SHARED_SERVICES))

    visit(sam, f"/cases/{case.reference}/")
    click_and_check(sam, sam.get_by_role("link", name="Record another decision"))
    fill_date(sam, "decided_on", "30", "9", "2026")
    sam.get_by_label("What was decided").fill("Not to investigate the ambulance's delay: it is out of time")
    click_and_check(sam, sam.get_by_role("button", name="Record the decision"))
    expect(sam.locator(".govuk-error-summary")).to_contain_text("on or after 1 October 2026, when we received the complaint")
    fill_date(sam, "decided_on", "16", "11", "2026")
    click_and_check(sam, sam.get_by_role("button", name="Record the decision"))
    decisions = sam.get_by_role("table", name="Decisions on this case")
    expect(decisions).to_contain_text("16 November 2026")
    expect(decisions).to_contain_text("16 December 2026")

    click_and_check(sam, sam.get_by_role("link", name=f"Alice Brown ({case.service_user.reference})"))
    click_and_check(sam, sam.get_by_role("link", name="Add a representative or MP"))
    sam.get_by_role("group", name="Are they a representative or an MP?").get_by_label("Member of Parliament").check()
    sam.get_by_label("Name", exact=True).fill("Jo Member MP")
    sam.get_by_label("Who gave consent").fill("Alice Brown")
    click_and_check(sam, sam.get_by_role("button", name="Add them"))
    expect(sam.locator(".govuk-error-summary")).to_contain_text("Enter the date consent was given")
    fill_date(sam, "consent_given_on", "3", "11", "2026")
    sam.get_by_role("group", name="How consent was given").get_by_label("Email").check()
    click_and_check(sam, sam.get_by_role("button", name="Add them"))
    acting = sam.get_by_role("table", name="Representatives and MPs acting for them")
    expect(acting).to_contain_text("Given by Alice Brown on 3 November 2026 (email)")

    click_and_check(sam, acting.get_by_role("link", name="Correct Jo Member MP's details"))
    sam.get_by_label("Phone number").fill("0300 061 4000")
    click_and_check(sam, sam.get_by_role("button", name="Save the corrections"))
    expect(sam.get_by_role("table", name="Representatives and MPs acting for them")).to_contain_text("0300 061 4000")
    visit(sam, f"/cases/{case.reference}/")
    expect(sam.get_by_role("table", name="Representatives and MPs acting for Alice Brown")).to_contain_text("Jo Member MP")

    visit(sam, f"/people/{case.service_user.reference}/")
    click_and_check(sam, sam.get_by_role("link", name="Stopped acting – Jo Member MP"))
    fill_date(sam, "ended_on", "20", "11", "2026")
    click_and_check(sam, sam.get_by_role("button", name="Record that they stopped acting"))
    expect(sam.get_by_role("table", name="Representatives and MPs acting for them")).to_contain_text(
        "Stopped on 20 November 2026"
    )
    assert Representative.objects.get().ended_on == date(2026, 11, 20)

    cara = tab_for(caseworker)
    visit(cara, f"/cases/{case.reference}/complaints/new/")
    choice = cara.get_by_role("group", name="Which decision is the complaint about?")
    expect(choice.get_by_label("Decision of 16 November 2026", exact=False)).to_be_checked()
    choice.get_by_label("Decision of 2 November 2026").check()
    fill_date(cara, "received_date", "20", "11", "2026")
    cara.get_by_role("group", name="How it came in").get_by_label("Email").check()
    cara.get_by_label("What the service user said").fill("You should have looked at the ambulance")
    click_and_check(cara, cara.get_by_role("button", name="Log a complaint about our decision"))
    assert FeedbackCase.objects.get(case=case).decision.decided_on == case.decision_date

    ada = tab_for(django_user_model.objects.create_superuser("ada", "ada@example.org", "a-long-test-password"))
    visit(ada, f"/cases/{case.reference}/")
    expect(ada.get_by_text("You keep this case's record.", exact=False)).to_be_visible()
