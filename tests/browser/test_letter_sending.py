"""A caseworker previews, edits and sends a letter from a demo case in Chromium; the worker
delivers it to a real SMTP server on the loopback address with the PDF attached, and the case
shows it delivered. Each new page state is checked with axe-core."""

import pytest
from django.contrib.auth.models import User
from django.core.management import call_command
from django.utils import timezone
from playwright.sync_api import expect

from casework import demo
from casework.models import Letter
from tests.browser.conftest import check_accessibility
from tests.browser.test_review_paths import click_and_check, tab_for, visit  # noqa: F401 (tab_for is a fixture)
from tests.smtp import smtp

__all__ = ["smtp"]
pytestmark = pytest.mark.browser


def test_a_caseworker_previews_edits_and_sends_a_demo_letter_by_email(tab_for, live, smtp):  # noqa: F811
    demo.seed(timezone.localdate())
    cara = User.objects.get(username="cara")
    draft = Letter.objects.filter(created_by=cara, status=Letter.Status.DRAFT, feedback_case__case__reference="PHSO-1001").first()
    assert draft is not None
    tab = tab_for(cara)

    visit(tab, "/")
    drafts = tab.get_by_role("table", name="Letters to check and send")
    click_and_check(tab, drafts.get_by_role("link", name=draft.template.name).first)
    expect(tab.get_by_role("heading", level=1)).to_have_text("Check and send the letter to Alice Brown")

    tab.get_by_label("Subject").fill("Your complaint: please send us your grounds")
    tab.get_by_label("Text of the letter").fill("")
    tab.get_by_role("button", name="Save changes").click()
    expect(tab.get_by_role("alert")).to_contain_text("Enter the text of the letter")
    check_accessibility(tab)

    tab.get_by_label("Text of the letter").fill(draft.body + "\n\nYou may also telephone us.")
    tab.get_by_role("button", name="Save changes").click()
    expect(tab.get_by_text("Your changes to the letter are saved")).to_be_visible()

    tab.get_by_label("By email, with the letter attached as a PDF").check()
    tab.get_by_label("Email address").fill("alice.brown@example.org")
    tab.get_by_role("button", name="Send the letter").click()
    expect(tab.get_by_text("The letter is on its way to alice.brown@example.org")).to_be_visible()
    expect(tab.get_by_text("Sending", exact=True)).to_be_visible()
    check_accessibility(tab)

    call_command("worker", batch=True, verbosity=0)

    (message,) = [message for message in smtp.inbox.messages if message["To"] == "alice.brown@example.org"]
    assert message["Subject"] == "Your complaint: please send us your grounds"
    assert "You may also telephone us." in message.get_body(("plain",)).get_content()
    assert [part.get_content_type() for part in message.iter_attachments()] == ["application/pdf"]
    visit(tab, f"/feedback/{draft.feedback_case.reference}/")
    expect(tab.locator(".govuk-tag", has_text="Delivered").first).to_be_visible()
