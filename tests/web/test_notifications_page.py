"""Notices reach people in the app: an unread count in the header, a page listing them, mark as read."""

from __future__ import annotations

import pytest

from casework.models import Notification
from casework.read.holders import holding
from casework.services.reminders import send_reminders
from tests.web.test_pages import signed_in

pytestmark = pytest.mark.django_db


def test_a_reminder_shows_as_unread_in_the_header_links_to_the_feedback_and_can_be_marked_read(client, caseworker, considering):
    feedback = considering()
    send_reminders(holding(feedback).due)
    signed_in(client, caseworker)
    assert "Notifications (1 unread)" in client.get("/").content.decode()

    page = client.get("/notifications/").content.decode()
    assert f'<a class="govuk-link" href="/feedback/{feedback.reference}/">{feedback.reference}</a>' in page
    assert "Due soon" in page

    response = client.post("/notifications/read/", follow=True)
    assert "1 notification marked as read" in response.content.decode()
    assert "Notifications (1 unread)" not in response.content.decode()
    assert Notification.objects.get().read_at is not None


def test_no_one_sees_or_marks_anothers_notifications(client, caseworker, manager, considering):
    feedback = considering()
    send_reminders(holding(feedback).due)
    signed_in(client, manager)
    assert feedback.reference not in client.get("/notifications/").content.decode()
    client.post("/notifications/read/")
    assert Notification.objects.get(recipient=caseworker).read_at is None


def test_marking_read_is_a_post(client, caseworker):
    assert signed_in(client, caseworker).get("/notifications/read/").status_code == 405
