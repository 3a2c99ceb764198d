"""The Legal Team's queue, the approvals page, the navigation to them, and logging follow-up contact
on a closed feedback case (paras 68 to 73, 75)."""

from __future__ import annotations

import pytest
from django.utils import timezone

from casework.models import Event, FeedbackCase, FollowUpContact
from casework.read.queues import LEGAL_ASKS
from casework.services.feedback import take_action
from casework.services.follow_up import NOT_ENDED
from policy.facts import ClosureReason
from tests.conftest import TODAY
from tests.services.after_review_walks import awaiting_approval, decided_review
from tests.services.conftest import AFTER_DEADLINE, log_complaint
from tests.web.test_pages import signed_in

pytestmark = pytest.mark.django_db


def section(page: str, anchor: str) -> str:
    return page.split(anchor)[1].split("</table>")[0]


@pytest.fixture
def closed(caseworker, make_case, walk):
    feedback = log_complaint(caseworker, make_case, closure_reason=ClosureReason.LOW_LEVEL_INJUSTICE)
    return walk(feedback, ("close_not_eligible", {}, TODAY))


# --- the Legal Team's queue and the approvals page ----------------------------------------------------


@pytest.mark.policy("70")
def test_the_legal_queue_lists_a_request_with_its_links_what_is_asked_and_its_age(client, caseworker, make_case, lawyer):
    feedback = log_complaint(caseworker, make_case, jr_in_prospect=True)

    response = signed_in(client, lawyer).get("/legal/")

    assert response.status_code == 200
    rows = section(response.content.decode(), 'id="legal-requests"')
    assert f'href="/feedback/{feedback.reference}/"' in rows
    assert f'href="/cases/{feedback.case.reference}/"' in rows
    assert LEGAL_ASKS["legal_advice"] in rows
    assert '<th scope="col" class="govuk-table__header govuk-table__header--numeric">Days open</th>' in response.content.decode()


def test_more_legal_requests_than_are_counted_say_more_than_oldest_first(client, caseworker, make_case, lawyer, monkeypatch):
    # Open requests grow with the caseload: counted no further than `COUNTED_AT_MOST`, as the case list is.
    monkeypatch.setattr("web.pagination.PAGE_SIZE", 2)
    monkeypatch.setattr("web.pagination.COUNTED_AT_MOST", 2)
    asked = [log_complaint(caseworker, make_case, jr_in_prospect=True) for _ in range(3)]
    legal = signed_in(client, lawyer)

    first = legal.get("/legal/").content.decode()
    second = legal.get("/legal/?page=2").content.decode()

    assert "More than 2 requests, 1 to 2 shown" in first and 'rel="next"' in first
    assert [f.reference in section(first, 'id="legal-requests"') for f in asked] == [True, True, False]
    assert "3 requests, 3 to 3 shown" in second and asked[2].reference in second


@pytest.mark.parametrize("person", ["caseworker", "oat", "ombudsman", "outsider"])
def test_the_legal_queue_is_not_found_for_anyone_outside_the_legal_team(client, request, person):
    assert signed_in(client, request.getfixturevalue(person)).get("/legal/").status_code == 404


@pytest.mark.policy("73", "72")
def test_the_approvals_page_lists_a_proposal_waiting_for_the_ombudsman(client, at_oat, walk, oat, ombudsman):
    feedback = awaiting_approval(decided_review(at_oat, walk, oat, "new_detailed_investigation"), oat)

    response = signed_in(client, ombudsman).get("/approvals/")

    assert response.status_code == 200
    rows = section(response.content.decode(), 'id="approvals"')
    assert f'href="/feedback/{feedback.reference}/"' in rows
    assert "A new detailed investigation" in rows and "Olive" in rows


@pytest.mark.parametrize("person", ["caseworker", "oat", "lawyer", "outsider"])
def test_the_approvals_page_is_not_found_for_people_who_approve_nothing(client, request, person):
    assert signed_in(client, request.getfixturevalue(person)).get("/approvals/").status_code == 404


@pytest.mark.parametrize(
    ("person", "shown", "hidden"),
    [
        ("lawyer", ["Legal requests"], ["Approvals", "OAT referrals"]),
        ("ombudsman", ["Approvals"], ["Legal requests", "OAT referrals"]),
        ("caseworker", [], ["Legal requests", "Approvals"]),
    ],
)
def test_the_navigation_offers_each_queue_to_the_people_it_is_for(client, request, person, shown, hidden):
    navigation = signed_in(client, request.getfixturevalue(person)).get("/").content.decode().split('id="navigation"')[1]
    navigation = navigation.split("</ul>")[0]

    assert all(label in navigation for label in shown)
    assert not any(label in navigation for label in hidden)


# --- follow-up contact ------------------------------------------------------------------------------


def follow_up_form(**changes) -> dict:
    today = timezone.localdate()
    return {
        "received_date_day": str(today.day),
        "received_date_month": str(today.month),
        "received_date_year": str(today.year),
        "channel": "letter",
        "summary": "She wrote again asking us to look at the case",
        "response": "No response: our process has ended",
        **changes,
    }


@pytest.mark.policy("75")
def test_the_closed_feedback_page_links_to_logging_follow_up_contact(client, caseworker, closed):
    page = signed_in(client, caseworker).get(f"/feedback/{closed.reference}/").content.decode()

    assert 'id="follow-ups"' in page
    assert f'href="/feedback/{closed.reference}/follow-ups/new/"' in page


def test_open_feedback_offers_no_follow_up_contact(client, caseworker, make_case):
    feedback = log_complaint(caseworker, make_case)

    page = signed_in(client, caseworker).get(f"/feedback/{feedback.reference}/").content.decode()

    assert "follow-ups/new/" not in page and 'id="follow-ups"' not in page


@pytest.mark.policy("75")
def test_follow_up_contact_logged_through_the_page_is_listed_and_the_feedback_stays_closed(client, caseworker, closed):
    signed_in(client, caseworker)
    form = client.get(f"/feedback/{closed.reference}/follow-ups/new/")
    assert form.status_code == 200 and 'name="received_date_day"' in form.content.decode()

    response = client.post(f"/feedback/{closed.reference}/follow-ups/new/", follow_up_form())

    assert response.status_code == 302
    assert response["Location"] == f"/feedback/{closed.reference}/#follow-ups"
    page = client.get(response["Location"]).content.decode()
    listed = section(page, 'id="follow-ups"')
    assert "She wrote again asking us to look at the case" in listed and "No response: our process has ended" in listed
    assert "by letter" in listed
    assert FeedbackCase.objects.get(pk=closed.pk).state == "closed_not_eligible"


@pytest.mark.policy("75")
def test_a_blank_follow_up_form_shows_each_problem_in_the_error_summary(client, caseworker, closed):
    blank = {name: "" for name in ("received_date_day", "received_date_month", "received_date_year", "summary", "response")}

    response = signed_in(client, caseworker).post(f"/feedback/{closed.reference}/follow-ups/new/", blank)

    page = response.content.decode()
    assert response.status_code == 400
    assert 'class="govuk-error-summary"' in page and "<title>Error: " in page
    for field in ("received_date", "channel", "summary"):
        assert f'href="#field-{field}"' in page, field
        assert f'id="field-{field}-error"' in page, field
    assert FollowUpContact.objects.count() == 0


def test_a_follow_up_received_in_the_future_is_refused_on_the_page(client, caseworker, closed):
    future = timezone.localdate().replace(year=timezone.localdate().year + 1)

    response = signed_in(client, caseworker).post(
        f"/feedback/{closed.reference}/follow-ups/new/", follow_up_form(received_date_year=str(future.year))
    )

    assert response.status_code == 400
    assert "The date received must be today or in the past" in response.content.decode()


@pytest.mark.policy("75")
def test_the_follow_up_form_on_feedback_still_open_says_why_citing_para_75(client, caseworker, make_case):
    feedback = log_complaint(caseworker, make_case)
    events = Event.objects.count()
    signed_in(client, caseworker)

    shown = client.get(f"/feedback/{feedback.reference}/follow-ups/new/")
    posted = client.post(f"/feedback/{feedback.reference}/follow-ups/new/", follow_up_form())

    for response in (shown, posted):
        page = response.content.decode()
        assert response.status_code == 403
        assert f"{NOT_ENDED} (para 75)" in page and '<form method="post" novalidate>' not in page
    assert Event.objects.count() == events and FollowUpContact.objects.count() == 0


def test_the_follow_up_form_is_not_found_for_an_outsider(client, outsider, closed):
    signed_in(client, outsider)

    assert client.get(f"/feedback/{closed.reference}/follow-ups/new/").status_code == 404
    assert client.post(f"/feedback/{closed.reference}/follow-ups/new/", follow_up_form()).status_code == 404


def test_an_approved_proposal_leaves_the_approvals_page(client, at_oat, walk, oat, ombudsman):
    feedback = awaiting_approval(decided_review(at_oat, walk, oat, "new_detailed_investigation"), oat)
    take_action(ombudsman, feedback.reference, "approve_new_investigation", {"reasons": "Flawed evidence"}, AFTER_DEADLINE)

    rows = section(signed_in(client, ombudsman).get("/approvals/").content.decode(), 'id="approvals"')

    assert feedback.reference not in rows and "Nothing is waiting for your approval" in rows
