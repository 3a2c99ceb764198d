"""Shared services import cases in Chromium: a bad file's problems, the progress bar, then the
import; axe-core on each page state."""

import pytest
from playwright.sync_api import expect

from casework.models import Case
from policy.facts import Role
from tests.browser.conftest import check_accessibility, sign_in
from tests.conftest import make_person
from tests.imports import csv_bytes, row

pytestmark = pytest.mark.browser


def choose(page, content: bytes) -> None:
    page.locator("input[type=file][name=file]").set_input_files({"name": "cases.csv", "mimeType": "text/csv", "buffer": content})


def test_shared_services_correct_a_bad_file_and_import_it(page, caseworker, manager):
    make_person("sam", Role.SHARED_SERVICES)
    sign_in(page, "sam")
    page.get_by_role("link", name="Import cases").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Import cases")
    expect(page.get_by_role("table", name="The columns of a case import file")).to_contain_text("service_user_postcode")
    check_accessibility(page)

    choose(page, csv_bytes([row("CMS-1"), row("CMS-2", team="Team Z", service_user_postcode="NOT A POSTCODE")]))
    page.get_by_role("button", name="Import the cases").click()
    summary = page.locator(".govuk-error-summary")
    expect(summary).to_contain_text("Row 3, team: there is no team called “Team Z”")
    expect(summary).to_contain_text("Row 3, service_user_postcode: “NOT A POSTCODE” is not a UK postcode, like SW1A 2AA")
    expect(page.get_by_role("table", name="Problems in the file, by row and column")).to_contain_text("Team Z")
    check_accessibility(page)
    assert not Case.objects.exists()

    # The progress bar shows once the file is sent (here the sending is held back to see it).
    page.evaluate("document.querySelector('form[data-import-form]').addEventListener('submit', (e) => e.preventDefault())")
    choose(page, csv_bytes([row("CMS-1"), row("CMS-2")]))
    expect(page.locator("#import-progress")).to_be_hidden()
    page.get_by_role("button", name="Import the cases").click()
    expect(page.locator("#import-progress")).to_be_visible()
    expect(page.get_by_role("progressbar")).to_be_focused()
    check_accessibility(page)

    page.reload()
    choose(page, csv_bytes([row("CMS-1"), row("CMS-2")]))
    page.get_by_role("button", name="Import the cases").click()
    expect(page.get_by_role("alert")).to_contain_text("Imported cases.csv: 2 rows, 2 cases created, 0 changed, 0 unchanged")
    check_accessibility(page)
    assert sorted(Case.objects.values_list("reference", flat=True)) == ["CMS-1", "CMS-2"]
