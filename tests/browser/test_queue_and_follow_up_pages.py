"""The Legal Team's queue, the approvals page (with what follows an upheld review on the feedback and
case pages) and the follow-up contact form, in Chromium, each page checked with axe-core
(paras 66 to 73, 75)."""

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from policy.facts import ClosureReason
from tests.browser.conftest import check_accessibility
from tests.browser.test_review_paths import click_and_check, state_of, tab_for, visit  # noqa: F401 (tab_for: a fixture)
from tests.services.after_review_walks import awaiting_approval, decided_review
from tests.services.conftest import at_oat, log_complaint  # noqa: F401 (at_oat: a fixture)

pytestmark = pytest.mark.browser


@pytest.mark.policy("70", "68")
def test_the_legal_team_open_a_request_from_their_queue(tab_for, caseworker, make_case, lawyer):  # noqa: F811
    feedback = log_complaint(caseworker, make_case, jr_in_prospect=True)
    lena = tab_for(lawyer)

    visit(lena, "/")
    click_and_check(lena, lena.locator("#navigation").get_by_role("link", name="Legal requests"))
    requests = lena.get_by_role("table", name="Open requests for the Legal Team (paras 68, 70), oldest first")
    expect(requests).to_contain_text("Judicial Review is in prospect (para 70)")

    click_and_check(lena, requests.get_by_role("link", name=feedback.reference))
    expect(lena.get_by_role("heading", level=1)).to_contain_text(feedback.reference)


@pytest.mark.policy("73", "72")
def test_the_ombudsman_finds_a_proposal_on_the_approvals_page_and_sees_it_in_full(
    tab_for,  # noqa: F811
    at_oat,  # noqa: F811
    walk,
    oat,
    ombudsman,
):
    feedback = awaiting_approval(decided_review(at_oat, walk, oat, "new_detailed_investigation"), oat)
    oscar = tab_for(ombudsman)

    visit(oscar, "/approvals/")
    approvals = oscar.get_by_role("table", name="Waiting for your decision, longest wait first")
    expect(approvals).to_contain_text("A new detailed investigation")
    expect(approvals).to_contain_text("Olive")

    click_and_check(oscar, approvals.get_by_role("link", name=feedback.reference))
    expect(oscar.locator("#new-investigation")).to_contain_text("The evidence we used was flawed")
    decisions = oscar.get_by_role("table", name="Approvals under the Delegation Scheme (para 72)")
    expect(decisions).to_contain_text("Awaiting decision")
    visit(oscar, f"/cases/{feedback.case.reference}/")
    expect(oscar.get_by_role("table", name="Judicial Review and our reviews (para 71)")).to_contain_text(feedback.reference)


@pytest.mark.policy("75")
def test_follow_up_contact_is_logged_through_its_form_after_an_error_and_the_feedback_stays_closed(
    tab_for,  # noqa: F811
    caseworker,
    make_case,
    walk,
):
    feedback = walk(
        log_complaint(caseworker, make_case, closure_reason=ClosureReason.LOW_LEVEL_INJUSTICE),
        ("close_not_eligible", {}, timezone.localdate()),
    )
    cara = tab_for(caseworker)
    visit(cara, f"/feedback/{feedback.reference}/")

    click_and_check(cara, cara.get_by_role("link", name="Log follow-up contact"))
    cara.get_by_role("button", name="Log follow-up contact").click()
    cara.wait_for_load_state()
    summary = cara.locator(".govuk-error-summary")
    expect(summary).to_be_focused()
    for field in ("received_date", "channel", "summary"):
        expect(summary.locator(f'a[href="#field-{field}"]')).to_be_visible()
    check_accessibility(cara)

    today = timezone.localdate()
    dates = cara.get_by_role("group", name="Date received")
    dates.get_by_label("Day").fill(str(today.day))
    dates.get_by_label("Month").fill(str(today.month))
    dates.get_by_label("Year").fill(str(today.year))
    cara.get_by_role("group", name="How it came in").get_by_label("Phone", exact=True).check()
    cara.get_by_label("What the service user said").fill("She rang to ask whether we would look again")
    cara.get_by_label("What we decided to do (optional)").fill("We explained that our process has ended")
    click_and_check(cara, cara.get_by_role("button", name="Log follow-up contact"))

    expect(cara.get_by_text("Follow-up contact logged")).to_be_visible()
    contacts = cara.get_by_role("table", name="Contact received after our process ended (para 75)")
    expect(contacts).to_contain_text("She rang to ask whether we would look again")
    expect(state_of(cara)).to_have_text("Closed: no review available")
