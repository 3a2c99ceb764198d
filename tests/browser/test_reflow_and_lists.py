"""320 px wide (WCAG 1.4.10 reflow): My work, the feedback page and insight never scroll sideways;
wide tables and the diagram scroll inside their own box. And the lists, their paging and filters,
a case's own diagram and OAT's queue with the Judicial Review date, each checked with axe-core."""

import pytest
from django.contrib.auth.models import User
from django.utils import timezone
from playwright.sync_api import expect

from casework import demo
from casework.models import FeedbackCase
from tests.browser.test_review_paths import click_and_check, tab_for, visit  # noqa: F401 (tab_for is a fixture)

pytestmark = pytest.mark.browser

NARROW = {"width": 320, "height": 640}
SIDEWAYS = "() => [document.documentElement.scrollWidth, document.documentElement.clientWidth]"
# The elements that stick out on the right, outside any box that scrolls: what to fix.
STICKING_OUT = """() => {
  const width = document.documentElement.clientWidth;
  const scrolls = (element) => element.closest(".app-table-scroll, .app-diagram");
  return Array.from(document.querySelectorAll("body *"))
    .filter((element) => element.getBoundingClientRect().right > width + 1 && !scrolls(element))
    .filter((element) => !Array.from(element.children).some((child) => child.getBoundingClientRect().right > width + 1))
    .slice(0, 5)
    .map((element) => `${element.tagName.toLowerCase()}.${element.className}: ${element.textContent.trim().slice(0, 40)}`);
}"""


@pytest.fixture
def demo_staff(live):
    demo.seed(timezone.localdate())
    return {user.username: user for user in User.objects.all()}


def assert_no_sideways_scroll(tab, path: str) -> None:
    visit(tab, path)
    scroll_width, client_width = tab.evaluate(SIDEWAYS)
    assert scroll_width <= client_width, f"{path} is {scroll_width} px wide in {client_width} px: {tab.evaluate(STICKING_OUT)}"


def test_my_work_a_case_its_feedback_the_queues_and_insight_reflow_at_320_px(tab_for, demo_staff):  # noqa: F811
    decided = FeedbackCase.objects.filter(case__reference="PHSO-1015").first()
    for username, paths in {
        "cara": ["/", "/cases/PHSO-1015/", f"/feedback/{decided.reference}/", "/cases/", "/feedback/"],
        "olive": ["/", "/oat/", f"/feedback/{decided.reference}/", "/insight/", f"/feedback/{decided.reference}/workflow/"],
        "manny": ["/team/"],
        "lena": ["/legal/"],
        "oscar": ["/approvals/"],
    }.items():
        tab = tab_for(demo_staff[username])
        tab.set_viewport_size(NARROW)
        for path in paths:
            assert_no_sideways_scroll(tab, path)


def test_the_lists_page_filter_and_search_and_a_cases_own_diagram(tab_for, demo_staff, monkeypatch):  # noqa: F811
    monkeypatch.setattr("web.pagination.PAGE_SIZE", 5)
    cara = tab_for(demo_staff["cara"])

    visit(cara, "/cases/")
    click_and_check(cara, cara.get_by_role("navigation", name="Pages of cases").get_by_role("link", name="Next page"))
    expect(cara.get_by_role("link", name="Page 2")).to_have_attribute("aria-current", "page")

    visit(cara, "/feedback/")
    cara.get_by_label("Search by feedback or case reference, service user or organisation").fill("PHSO-1001")
    click_and_check(cara, cara.get_by_role("button", name="Search"))
    assert "PHSO-1001" not in cara.url
    found = cara.get_by_role("table", name="matching ‘PHSO-1001’")
    expect(found).to_contain_text("Grounds requested")
    cara.get_by_label("Only overdue").check()
    click_and_check(cara, cara.get_by_role("button", name="Apply"))
    click_and_check(cara, cara.get_by_role("button", name="Clear the search"))

    complaint = FeedbackCase.objects.filter(case__reference="PHSO-1001").first()
    visit(cara, f"/feedback/{complaint.reference}/")
    expect(cara.locator("#suggested-action")).to_have_count(1)
    click_and_check(cara, cara.get_by_role("link", name=f"Where {complaint.reference} is in the workflow"))
    expect(cara.locator("#current-state")).to_contain_text("Grounds requested")

    olive = tab_for(demo_staff["olive"])
    visit(olive, "/oat/")
    expect(olive.get_by_role("table", name="Waiting for an OAT caseworker")).to_contain_text("Judicial Review date")
