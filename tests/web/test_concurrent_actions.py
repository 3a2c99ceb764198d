"""Two people submit the same action from the same version of a case: the second is told who acted."""

from __future__ import annotations

import re

from django.test import Client

from casework.models import FeedbackCase
from casework.models.review import latest_risk_assessment
from tests.services.conftest import AFTER_DEADLINE


def signed_in(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def page_version(client, reference) -> str:
    page = client.get(f"/feedback/{reference}/actions/record_risk_assessment/").content.decode()
    return re.search(r'name="version" value="(\d+)"', page).group(1)


def test_the_second_of_two_risk_assessments_from_the_same_version_is_refused_with_who_acted(
    considering, caseworker, manager, monkeypatch
):
    monkeypatch.setattr("web.views.feedback.today", lambda: AFTER_DEADLINE)
    feedback = considering()
    cara, manny = signed_in(caseworker), signed_in(manager)
    seen_by_cara, seen_by_manny = page_version(cara, feedback.reference), page_version(manny, feedback.reference)
    url = f"/feedback/{feedback.reference}/actions/record_risk_assessment/"

    first = cara.post(url, {"version": seen_by_cara, "risk": "high", "assessment": "Threats made on the phone"})
    second = manny.post(url, {"version": seen_by_manny, "risk": "low", "assessment": "Nothing new"})

    assert first.status_code == 302
    assert second.status_code == 409
    page = second.content.decode()
    assert "Cara changed" in page and "after you opened it" in page
    assert "Threats made on the phone" in page
    assert latest_risk_assessment(FeedbackCase.objects.get(pk=feedback.pk)).assessment == "Threats made on the phone"


def test_a_submit_from_the_current_version_after_a_conflict_goes_through(considering, caseworker, manager, monkeypatch):
    monkeypatch.setattr("web.views.feedback.today", lambda: AFTER_DEADLINE)
    feedback = considering()
    cara, manny = signed_in(caseworker), signed_in(manager)
    stale = page_version(manny, feedback.reference)
    url = f"/feedback/{feedback.reference}/actions/record_risk_assessment/"
    cara.post(url, {"version": page_version(cara, feedback.reference), "risk": "high", "assessment": "Threats"})

    refused = manny.post(url, {"version": stale, "risk": "low", "assessment": "Nothing new"})
    current = re.search(r'name="version" value="(\d+)"', refused.content.decode()).group(1)
    again = manny.post(url, {"version": current, "risk": "low", "assessment": "Nothing new, having read Cara's"})

    assert again.status_code == 302
    assert latest_risk_assessment(FeedbackCase.objects.get(pk=feedback.pk)).assessment == "Nothing new, having read Cara's"
