"""A caseworker attaches the grounds for review to a complaint and downloads them, in Chromium,
with axe-core on each page, the error summary included (paras 30, 38)."""

from datetime import date

import pytest
from playwright.sync_api import expect

from casework.models import Attachment
from tests.browser.conftest import check_accessibility, sign_in
from tests.documents import PDF, PNG

pytestmark = pytest.mark.browser


@pytest.mark.policy("38")
def test_caseworker_attaches_the_grounds_and_downloads_them(page, make_case, logged_complaint):
    feedback = logged_complaint(make_case(decision_date=date(2026, 11, 2)), date(2026, 11, 20))
    sign_in(page, "cara")
    page.goto(f"/feedback/{feedback.reference}/")
    expect(page.locator("#documents + p")).to_have_text("No documents attached.")
    check_accessibility(page)

    page.get_by_role("link", name="Attach a document").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Attach a document")
    check_accessibility(page)

    # A PNG with a .pdf name: refused, saying what it really is.
    page.locator("input[type=file][name=file]").set_input_files(
        {"name": "grounds.pdf", "mimeType": "application/pdf", "buffer": PNG}
    )
    page.get_by_label("Grounds for review: Challenge to our decision").check()
    page.get_by_role("button", name="Attach the document").click()
    summary = page.locator(".govuk-error-summary")
    expect(summary).to_contain_text("The file's name says .pdf but it is a PNG image")
    expect(summary.locator('a[href="#field-file"]')).to_be_visible()
    check_accessibility(page)
    assert not Attachment.objects.exists()

    # The real grounds.
    page.locator("input[type=file][name=file]").set_input_files(
        {"name": "grounds.pdf", "mimeType": "application/pdf", "buffer": PDF}
    )
    page.get_by_label("Grounds for review: Challenge to our decision").check()
    page.get_by_label("Description").fill("Their grounds, by email")
    page.get_by_role("button", name="Attach the document").click()
    table = page.get_by_role("table", name=f"Documents attached to {feedback.reference}")
    expect(table).to_contain_text("grounds.pdf")
    expect(table).to_contain_text("Grounds for review: Challenge to our decision")
    check_accessibility(page)

    with page.expect_download() as download:
        table.get_by_role("link", name="grounds.pdf").click()
    assert download.value.suggested_filename == "grounds.pdf"
    with open(download.value.path(), "rb") as saved:
        assert saved.read() == PDF
