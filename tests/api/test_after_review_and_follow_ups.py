"""The API after an upheld review, the Legal Team's and approvers' queues, and follow-up contact
(paras 57, 61 to 73, 75)."""

from __future__ import annotations

from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest

from casework.models import Approval, Event, FeedbackCase, Task
from casework.services.feedback import take_action
from casework.services.follow_up import NOT_ENDED
from policy.facts import ClosureReason, Role
from tests.api.conftest import cited, errors_of
from tests.conftest import make_person
from tests.services.after_review_walks import awaiting_approval, decided_review, quash_with_legal, quashed, steps
from tests.services.conftest import AFTER_DEADLINE, RISK, UPHELD

# Declared, so that pytest-django runs these with the database tests: some ask for their person by name.
pytestmark = pytest.mark.django_db

NEW = "new_detailed_investigation"
THREE_DAYS_AGO = datetime(2026, 11, 24, 9, tzinfo=ZoneInfo("Europe/London"))  # the API's today is 27 November 2026
CONTACT = {
    "received_date": "2026-11-27",
    "channel": "phone",
    "summary": "She rang to ask us to look again",
    "response": "Signposted JR",
}


@pytest.fixture
def closed(make_case, complaint):
    return complaint(make_case(closure_reason=ClosureReason.LOW_LEVEL_INJUSTICE), steps=["close_not_eligible"])


# --- queues -------------------------------------------------------------------------------------------


@pytest.mark.policy("68")
def test_the_legal_team_lists_their_open_requests(api, at_oat, walk, oat, lawyer, caseworker):
    feedback = quash_with_legal(decided_review(at_oat, walk, oat, "financial_remedy"), oat)
    Task.objects.filter(code="quash_legal").update(created_at=THREE_DAYS_AGO)

    body = api(lawyer).get("/legal/requests").json()

    assert body["count"] == 1
    [request] = body["items"]
    assert (request["feedback_reference"], request["case_reference"]) == (feedback.reference, feedback.case.reference)
    assert (request["code"], request["days_open"], request["due_date"]) == ("quash_legal", 3, None)
    assert "para 68" in request["asked"] and "The report names the wrong surgeon" in request["details"]


@pytest.mark.parametrize("person", ["caseworker", "oat", "ombudsman"])
def test_the_legal_queue_is_not_found_for_anyone_else(api, request, person):
    response = api(request.getfixturevalue(person)).get("/legal/requests")

    assert response.status_code == 404
    assert response.json()["errors"] == []


@pytest.mark.policy("73")
def test_the_ombudsman_lists_the_proposals_waiting_for_approval(api, at_oat, walk, oat, ombudsman):
    feedback = awaiting_approval(decided_review(at_oat, walk, oat, NEW), oat)
    Approval.objects.update(proposed_at=THREE_DAYS_AGO)

    body = api(ombudsman).get("/approvals").json()

    assert body["count"] == 1
    [row] = body["items"]

    assert (row["feedback_reference"], row["subject"], row["approver_role"]) == (feedback.reference, NEW, "ombudsman")
    assert (row["proposed_by"], row["days_waiting"]) == ("Olive", 3)


@pytest.mark.parametrize("person", ["caseworker", "oat", "lawyer"])
def test_the_approvals_list_is_not_found_for_people_who_approve_nothing(api, request, person):
    assert api(request.getfixturevalue(person)).get("/approvals").status_code == 404


# --- the feedback after an upheld review ---------------------------------------------------------------


@pytest.mark.policy("62", "63", "64", "72", "73")
def test_the_feedback_shows_the_proposal_comments_approval_and_the_new_case(api, at_oat, walk, oat, ombudsman, caseworker):
    feedback = awaiting_approval(decided_review(at_oat, walk, oat, NEW), oat)
    steps(
        feedback,
        (ombudsman, "approve_new_investigation", {"reasons": "The evidence was flawed"}),
        (make_person("sam", Role.SHARED_SERVICES), "record_new_case", {"new_reference": "PHSO-9001"}),
    )

    body = api(caseworker).get(f"/feedback/{feedback.reference}").json()

    proposal = body["new_investigation"]
    assert (proposal["ground"], proposal["comment_deadline"]) == ("evidence_flawed", "2027-01-20")
    assert [(c["party"], c["comments"], c["received"]) for c in proposal["comments"]] == [
        ("service_user", "Please look again", "2027-01-06"),
        ("organisation", "We have no objection", "2027-01-06"),
    ]
    assert proposal["consideration"] == "Neither party objects"
    [approval] = body["approvals"]
    assert (approval["proposed_by"], approval["decided_by"], approval["approved"]) == ("Olive", "Oscar", True)
    assert approval["reasons"] == "The evidence was flawed" and approval["decided_at"] is not None
    [follow_on] = body["follow_on_cases"]
    assert (follow_on["kind"], follow_on["priority"], follow_on["new_reference"], follow_on["opened_on"]) == (
        NEW,
        True,
        "PHSO-9001",
        "2027-01-06",
    )
    assert body["quash_proposal"] is None and body["report_quashed"] is False


@pytest.mark.policy("66", "67", "68", "69")
def test_the_feedback_shows_the_quash_proposal_and_the_quashed_report(api, at_oat, walk, oat, lawyer, ombudsman, caseworker):
    feedback = quashed(decided_review(at_oat, walk, oat, "financial_remedy"), oat, lawyer, ombudsman)

    body = api(caseworker).get(f"/feedback/{feedback.reference}").json()

    proposal = body["quash_proposal"]
    assert {c["name"]: c["held"] for c in proposal["criteria"]} == {
        "missed_or_new_evidence": True,
        "incontrovertibly_wrong": False,
        "no_other_way": True,
        "public_interest": True,
    }
    assert (proposal["reasons"], proposal["proposed_by"], proposal["legal_advice"]) == (
        "The report names the wrong surgeon",
        "Olive",
        "Quashing is lawful here",
    )
    assert (body["report_quashed"], body["quashed_on"]) == (True, "2027-01-06")
    assert [a["subject"] for a in body["approvals"]] == ["quash"]


@pytest.mark.policy("71")
@pytest.mark.parametrize(("decided", "flagged"), [(date(2027, 3, 1), True), (AFTER_DEADLINE, False)])
def test_the_feedback_says_whether_we_will_argue_delay(api, at_oat, walk, oat, caseworker, decided, flagged):
    feedback = walk(at_oat(), RISK)  # asked for on 26 November 2026, within a month of the decision of 25 November
    take_action(oat, feedback.reference, "oat_outcome_accepted", {"advice": "Review"}, AFTER_DEADLINE)
    take_action(oat, feedback.reference, "record_review_decision", UPHELD, decided)

    body = api(caseworker).get(f"/feedback/{feedback.reference}").json()

    assert (body["jr_date"], body["will_not_argue_delay"]) == ("2027-02-25", flagged)


@pytest.mark.policy("71")
def test_a_late_request_for_a_review_is_never_flagged(api, make_case, complaint, caseworker):
    feedback = complaint(make_case(decision_date=date(2026, 6, 1)), received=date(2026, 8, 1))

    assert api(caseworker).get(f"/feedback/{feedback.reference}").json()["will_not_argue_delay"] is False


# --- follow-up contact ------------------------------------------------------------------------------


@pytest.mark.policy("75")
def test_follow_up_contact_is_logged_on_closed_feedback_and_listed_without_reopening_it(api, closed, caseworker):
    events = Event.objects.count()
    client = api(caseworker)

    response = client.post(f"/feedback/{closed.reference}/follow-ups", CONTACT)

    assert response.status_code == 201
    created = response.json()
    assert (created["received_date"], created["channel"], created["logged_by"]) == ("2026-11-27", "phone", "Cara")
    body = client.get(f"/feedback/{closed.reference}").json()
    assert [(c["id"], c["summary"], c["response"]) for c in body["follow_ups"]] == [
        (created["id"], CONTACT["summary"], "Signposted JR")
    ]
    assert (body["state"], body["terminal"]) == ("closed_not_eligible", True)
    assert Event.objects.count() == events + 1


@pytest.mark.policy("75")
def test_follow_up_contact_on_open_feedback_is_refused_citing_para_75(api, make_case, complaint, caseworker):
    feedback = complaint(make_case())

    response = api(caseworker).post(f"/feedback/{feedback.reference}/follow-ups", CONTACT)

    assert response.status_code == 422
    assert [(e["paragraph"], e["message"]) for e in errors_of(response)] == [("75", NOT_ENDED)]
    assert FeedbackCase.objects.get(pk=feedback.pk).follow_ups.count() == 0


def test_follow_up_contact_on_feedback_the_caller_may_not_see_is_not_found(api, closed, outsider):
    assert api(outsider).post(f"/feedback/{closed.reference}/follow-ups", CONTACT).status_code == 404


def test_follow_up_contact_with_nothing_filled_in_names_each_field(api, closed, caseworker):
    response = api(caseworker).post(f"/feedback/{closed.reference}/follow-ups", {})

    assert response.status_code == 422
    assert {e["field"] for e in errors_of(response)} == {"received_date", "channel", "summary"}
    assert cited(response) == {"75"}


def test_follow_up_contact_received_tomorrow_is_refused(api, closed, caseworker):
    response = api(caseworker).post(f"/feedback/{closed.reference}/follow-ups", {**CONTACT, "received_date": "2026-11-28"})

    assert response.status_code == 422
    assert [e["field"] for e in errors_of(response)] == ["received_date"]


@pytest.mark.parametrize("body", [{**CONTACT, "channel": "pigeon"}, {**CONTACT, "reopen": True}])
def test_follow_up_contact_with_an_unknown_channel_or_field_cannot_be_read(api, closed, caseworker, body):
    response = api(caseworker).post(f"/feedback/{closed.reference}/follow-ups", body)

    assert response.status_code == 422
    assert closed.follow_ups.count() == 0
