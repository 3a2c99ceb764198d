"""A caseworker's day in Chromium: see what is due, act, and watch the next holder's list change;
the team view, reassigning and notifications pages, each checked with axe-core."""

import pytest
from playwright.sync_api import expect

from tests.browser.test_review_paths import click_and_check, tab_for, take, visit  # noqa: F401 (tab_for: a fixture)
from tests.services.conftest import ANALYSE

pytestmark = pytest.mark.browser

MY_WORK = "Feedback you or your role's queue hold, overdue first"


def test_a_caseworker_sees_what_is_due_acts_and_the_work_moves_to_oats_queue(
    tab_for,  # noqa: F811
    considering,
    walk,
    caseworker,
    manager,
    oat,
):
    feedback = walk(considering(), ANALYSE)
    cara, olive, manny = tab_for(caseworker), tab_for(oat), tab_for(manager)

    visit(olive, "/")
    expect(olive.get_by_role("main")).not_to_contain_text(feedback.reference)

    visit(cara, "/")
    work = cara.get_by_role("table", name=MY_WORK)
    expect(work).to_contain_text("Under consideration")
    click_and_check(cara, work.get_by_role("link", name=feedback.reference))
    take(cara, "Refer to OAT", write={"Your analysis and what you have done": "The discharge letter was overlooked."})

    visit(cara, "/")
    expect(cara.get_by_role("table", name=MY_WORK)).to_have_count(0)  # her letters to send stay listed apart
    visit(olive, "/")
    queue = olive.get_by_role("table", name=MY_WORK)
    expect(queue).to_contain_text(feedback.reference)
    expect(queue).to_contain_text("Ombudsman's Assurance Team (queue)")

    visit(manny, "/")
    click_and_check(manny, manny.locator("#navigation").get_by_role("link", name="My team"))
    expect(manny.get_by_role("table", name="The team's open work")).to_contain_text("Cara")
    click_and_check(manny, manny.get_by_role("link", name="Reassign cases to another case owner"))
    visit(cara, "/notifications/")
