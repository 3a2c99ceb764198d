"""The insight page and the learning feedback view on the demo data, in Chromium, checked with axe-core:
the charts (SVG images with a title and description) and their tables, the filter form sent back
with the GOV.UK error summary, a CSV download, and a line manager's learning feedback."""

import pytest
from django.contrib.auth.models import User
from django.utils import timezone
from playwright.sync_api import expect

from casework import demo
from tests.browser.conftest import check_accessibility
from tests.browser.test_review_paths import tab_for, visit  # noqa: F401 (tab_for is a fixture)

pytestmark = pytest.mark.browser


@pytest.fixture
def demo_staff(live):
    demo.seed(timezone.localdate())
    return {user.username: user for user in User.objects.all()}


def test_the_insight_page_on_the_demo_data(tab_for, demo_staff):  # noqa: F811
    olive = tab_for(demo_staff["olive"])
    visit(olive, "/")
    olive.get_by_role("link", name="Insight").click()
    olive.wait_for_load_state()
    check_accessibility(olive)
    expect(olive.get_by_role("heading", name="Insight", level=1)).to_be_visible()
    chart = olive.get_by_role("img", name="Feedback received each month")
    expect(chart).to_be_visible()
    expect(olive.locator("svg[role=img]")).to_have_count(14)
    expect(olive.get_by_role("table", name="Feedback received each month: the numbers")).to_be_visible()
    upheld = olive.get_by_role("table", name="How many complaints were upheld: the numbers")
    expect(upheld.get_by_role("row", name="Complaints about our decision")).to_be_visible()

    with olive.expect_download() as download:
        olive.get_by_role("link", name="Download CSV of Remedies offered, by type").click()
    assert download.value.suggested_filename.startswith("remedies-")


def test_the_filter_form_with_an_error(tab_for, demo_staff):  # noqa: F811
    manny = tab_for(demo_staff["manny"])
    visit(manny, "/insight/")
    end = manny.get_by_role("group", name="End of the period")
    end.get_by_label("Year").fill("2020")
    manny.get_by_role("button", name="Show the figures").click()
    manny.wait_for_load_state()
    summary = manny.locator(".govuk-error-summary")
    expect(summary).to_contain_text("The end of the period must be the same as or after the start")
    expect(summary).to_be_focused()
    check_accessibility(manny)
    expect(manny.locator("svg[role=img]")).to_have_count(0)

    end.get_by_label("Year").fill(str(timezone.localdate().year))
    manny.get_by_label("Team").select_option(label="Health Team A")
    manny.get_by_role("button", name="Show the figures").click()
    manny.wait_for_load_state()
    expect(manny.locator(".govuk-inset-text")).to_contain_text("Health Team A")
    check_accessibility(manny)


def test_a_line_managers_learning_feedback(tab_for, demo_staff):  # noqa: F811
    manny = tab_for(demo_staff["manny"])
    visit(manny, "/")
    manny.get_by_role("link", name="Learning").click()
    manny.wait_for_load_state()
    check_accessibility(manny)
    table = manny.get_by_role("table", name="Learning points about your people")
    expect(table.get_by_role("row")).not_to_have_count(1)
    expect(table).to_contain_text("Fed back")
