"""Every page in the URLconf, asked for by nobody and by a caseworker of another team about Team A's
complaint: the first is sent to sign in, the second finds nothing (404, as for a missing record).
A new page must be placed in this matrix, or this test fails."""

import re
from datetime import date

import pytest
from django.urls import URLPattern, URLResolver
from django.utils import timezone

from casework.models import Letter, Representative
from casework.services.feedback import NewFeedback, log_feedback, take_action
from policy.facts import Channel, FeedbackKind
from web import urls as web_urls

PASSWORD = "a-long-test-password"
# Open to everyone: signing in and out, and the second factor's own pages (they need a password first).
OPEN = {"login", "logout", "two-factor", "two-factor-set-up"}
# Pages about no one case: anyone signed in may open them (what they list is filtered by role).
NOT_ABOUT_A_CASE = {
    "my-work",
    "my-work-all",
    "team",
    "team-member",
    "reassign",
    "notifications",
    "notifications-read",
    "case-search",
    "feedback-list",
    "case-create",
    "people-search",
    "password-change",
    "oat-queue",
    "legal-queue",
    "approvals",
    "insight",
    "insight-export",
    "insight-csv",
    "learning",
    "workflow",
    "subject-access",
    "subject-access-export",
    "import-cases",
}


def patterns():
    for pattern in web_urls.urlpatterns:
        assert not isinstance(pattern, URLResolver), "nested URLconfs are not in the matrix yet"
        yield pattern


def fill(pattern: URLPattern, values: dict[str, str]) -> str:
    route = str(pattern.pattern)
    return "/" + re.sub(r"<(?:\w+:)?(\w+)>", lambda m: values[m.group(1)], route)


@pytest.fixture
def values(make_case, caseworker):
    today = timezone.localdate()
    case = make_case(decision_date=date(2026, 3, 31))
    feedback = log_feedback(
        caseworker, case, NewFeedback(FeedbackKind.DECISION_COMPLAINT, date(2026, 4, 8), Channel.EMAIL, "Wrong"), today
    )
    feedback = take_action(caseworker, feedback.reference, "request_grounds", {}, date(2026, 4, 8))  # before the deadline
    letter = Letter.objects.filter(feedback_case=feedback).first()
    acting = Representative.objects.create(
        service_user=case.service_user,
        acting_as="mp",
        name="A Member",
        consent_given_by="Alice",
        consent_given_on=today,
        consent_form="email",
    )
    return {
        "representative_id": str(acting.pk),
        "member_id": str(caseworker.pk),
        "case": case.reference,
        "person": case.service_user.reference,
        "feedback": feedback.reference,
        "letter_id": str(letter.pk),
        "pk": "1",
        "name": "request_grounds",
        "kind": "decision_complaint",
        "slug": "volumes",
    }


def url_for(pattern: URLPattern, values: dict) -> str:
    route = str(pattern.pattern)
    reference = (
        values["case"] if route.startswith("cases/") else values["person"] if route.startswith("people/") else values["feedback"]
    )
    return fill(pattern, {**values, "reference": reference})


def test_every_page_is_in_the_matrix(db):
    names = {pattern.name for pattern in patterns()}
    about_a_case = {p.name for p in patterns() if "<str:reference>" in str(p.pattern)}
    assert names == OPEN | NOT_ABOUT_A_CASE | about_a_case
    assert not (about_a_case & (OPEN | NOT_ABOUT_A_CASE))


def test_nobody_signed_in_is_sent_to_sign_in_from_every_page_but_the_open_ones(client, values):
    for pattern in patterns():
        if pattern.name in OPEN:
            continue
        response = client.get(url_for(pattern, values))
        assert response.status_code == 302 and response["Location"].startswith("/sign-in/"), pattern.name


def test_a_caseworker_of_another_team_finds_nothing_of_team_a(client, values, outsider):
    assert client.login(username=outsider.username, password=PASSWORD)
    for pattern in patterns():
        if "<str:reference>" not in str(pattern.pattern):
            continue
        url = url_for(pattern, values)
        assert client.get(url).status_code == 404, pattern.name
        assert client.post(url, {}).status_code in (404, 405), pattern.name
