"""What follows an upheld review, as the feedback and case pages show it: the proposed new
investigation and the parties' comments, approvals, follow-on cases both ways, the quash proposal,
a quashed report, and the Judicial Review flag (paras 57, 61 to 73)."""

from __future__ import annotations

from datetime import date

import pytest

from casework.services.feedback import take_action
from policy.facts import Role
from tests.conftest import make_person
from tests.services.after_review_walks import awaiting_approval, decided_review, quash_with_legal, quashed, steps
from tests.services.conftest import AFTER_DEADLINE, RISK, UPHELD
from tests.web.test_pages import signed_in

pytestmark = pytest.mark.django_db

NEW = "new_detailed_investigation"
FLAG = "Asked for within one month and we have taken more than three months: we will not argue delay (para 71)"


@pytest.fixture
def shared_services(db):
    return make_person("sam", Role.SHARED_SERVICES)


def page_of(client, user, path: str) -> str:
    response = signed_in(client, user).get(path)
    assert response.status_code == 200
    return response.content.decode()


def part(page: str, anchor: str, end: str = "</table>") -> str:
    return page.split(anchor)[1].split(end)[0]


@pytest.mark.policy("62", "63", "64", "72", "73")
def test_the_feedback_page_shows_the_proposal_the_comments_and_who_approved_it(client, at_oat, walk, oat, ombudsman):
    feedback = awaiting_approval(decided_review(at_oat, walk, oat, NEW), oat)
    steps(feedback, (ombudsman, "approve_new_investigation", {"reasons": "The evidence we used was wrong"}))

    page = page_of(client, oat, f"/feedback/{feedback.reference}/")

    proposal = part(page, 'id="new-investigation"', "</dl>")
    assert "The evidence we used was flawed" in proposal
    assert "Whether the trust&#x27;s discharge of Mrs Brown was safe" in proposal
    assert "20 January 2027" in proposal  # 14 days after the proposal of 6 January
    assert "Comments from the service user" in proposal and "Please look again" in proposal
    assert "Comments from the organisation complained about" in proposal and "We have no objection" in proposal
    assert "Neither party objects" in proposal
    approvals = part(page, 'id="approval-decisions"')
    assert "Approvals under the Delegation Scheme (para 72)" in approvals
    assert "Olive" in approvals and "Oscar" in approvals
    assert "Approved" in approvals and "The evidence we used was wrong" in approvals


@pytest.mark.policy("72")
def test_a_proposal_not_yet_decided_shows_as_awaiting_its_approver(client, at_oat, walk, oat):
    feedback = awaiting_approval(decided_review(at_oat, walk, oat, NEW), oat)

    approvals = part(page_of(client, oat, f"/feedback/{feedback.reference}/"), 'id="approval-decisions"')

    assert "Awaiting decision" in approvals and "Not yet" in approvals
    assert "For the Ombudsman or Deputy Ombudsman" in approvals


@pytest.mark.policy("57", "64", "65")
def test_the_new_case_is_linked_both_ways_once_shared_services_open_it(
    client, at_oat, walk, oat, ombudsman, shared_services, caseworker, make_case
):
    feedback = awaiting_approval(decided_review(at_oat, walk, oat, NEW), oat)
    new_case = make_case(reference="PHSO-9001")
    steps(
        feedback,
        (ombudsman, "approve_new_investigation", {"reasons": "Approved"}),
        (shared_services, "record_new_case", {"new_reference": new_case.reference}),
    )
    original = feedback.case.reference

    on_feedback = part(page_of(client, caseworker, f"/feedback/{feedback.reference}/"), 'id="follow-on-cases"')
    on_original = page_of(client, caseworker, f"/cases/{original}/")
    on_new = page_of(client, caseworker, f"/cases/{new_case.reference}/")

    assert 'href="/cases/PHSO-9001/"' in on_feedback and "Priority" in on_feedback
    follow_ons = part(on_original, 'id="follow-on-cases"')
    assert "Follow-on investigations" in follow_ons and "A new detailed investigation" in follow_ons
    assert 'href="/cases/PHSO-9001/"' in follow_ons and f'href="/feedback/{feedback.reference}/"' in follow_ons
    follows = part(on_new, 'id="follows-review"', "</div>")
    assert f'This case follows the review of <a class="govuk-link" href="/cases/{original}/">{original}</a>' in follows


@pytest.mark.policy("57")
def test_a_follow_on_case_still_to_be_opened_or_not_in_redress_is_shown_without_a_link(
    client, at_oat, walk, oat, shared_services, caseworker
):
    feedback = decided_review(at_oat, walk, oat, "fresh_primary_investigation")
    steps(feedback, (oat, "arrange_fresh_investigation", {"summary": "Look at the discharge", "allocation_advice": "Team B"}))

    waiting = part(page_of(client, caseworker, f"/feedback/{feedback.reference}/"), 'id="follow-on-cases"')
    steps(feedback, (shared_services, "record_new_case", {"new_reference": "D365-77"}))
    opened = part(page_of(client, caseworker, f"/cases/{feedback.case.reference}/"), 'id="follow-on-cases"')

    assert "Waiting for shared services to open it" in waiting and "Allocation: Team B" in waiting
    assert "D365-77" in opened and 'href="/cases/D365-77/"' not in opened


@pytest.mark.policy("67", "68")
def test_the_feedback_page_shows_each_quash_criterion_the_reasons_and_the_legal_teams_view(client, at_oat, walk, oat, lawyer):
    feedback = quash_with_legal(decided_review(at_oat, walk, oat, "financial_remedy"), oat)
    waiting = part(page_of(client, oat, f"/feedback/{feedback.reference}/"), 'id="quash-proposal"', "</dl>")
    steps(feedback, (lawyer, "give_quash_advice", {"advice": "Quashing is lawful here"}))

    page = page_of(client, oat, f"/feedback/{feedback.reference}/")

    proposal = part(page, 'id="quash-proposal"', "</dl>")
    rows = {
        "We missed significant material evidence, or significant new evidence has come to light": "Yes",
        "Our decision is incontrovertibly and significantly wrong for some other reason": "No",
        "There is no other way to resolve the matter": "Yes",
        "It is in the public interest for the report to be quashed": "Yes",
    }
    for label, answer in rows.items():
        assert f'{label}</th><td class="govuk-table__cell">{answer}</td>' in proposal
    assert "The report names the wrong surgeon" in proposal and "Proposed by Olive" in proposal
    assert "Waiting for the Legal Team (para 68)" in waiting
    assert "Quashing is lawful here" in proposal
    assert "report-quashed" not in page


@pytest.mark.policy("66", "69")
def test_a_quashed_report_is_shown_as_invalid_on_the_feedback_and_case_pages(
    client, at_oat, walk, oat, lawyer, ombudsman, caseworker
):
    feedback = quashed(decided_review(at_oat, walk, oat, "financial_remedy"), oat, lawyer, ombudsman)
    warning = "This report was quashed on 6 January 2027: it is invalid (para 66)"

    for path in (f"/feedback/{feedback.reference}/", f"/cases/{feedback.case.reference}/"):
        page = page_of(client, caseworker, path)
        assert 'class="govuk-warning-text"' in page
        assert warning in part(page, 'id="report-quashed"', "</div>")


@pytest.mark.policy("71")
def test_a_timely_review_that_took_more_than_three_months_is_flagged_on_the_feedback_and_case_pages(
    client, at_oat, walk, oat, caseworker
):
    feedback = walk(at_oat(), RISK)
    take_action(oat, feedback.reference, "oat_outcome_accepted", {"advice": "Review"}, AFTER_DEADLINE)
    take_action(oat, feedback.reference, "record_review_decision", UPHELD, date(2027, 3, 1))

    on_feedback = page_of(client, caseworker, f"/feedback/{feedback.reference}/")
    on_case = part(page_of(client, caseworker, f"/cases/{feedback.case.reference}/"), 'id="review-requests"')

    assert FLAG in on_feedback
    assert f'href="/feedback/{feedback.reference}/"' in on_case
    assert "25 Feb 2027" in on_case and "1 Mar 2027" in on_case and FLAG in on_case


@pytest.mark.policy("71")
def test_a_timely_review_decided_within_three_months_is_not_flagged(client, at_oat, walk, oat, caseworker):
    feedback = decided_review(at_oat, walk, oat, "financial_remedy")

    on_case = part(page_of(client, caseworker, f"/cases/{feedback.case.reference}/"), 'id="review-requests"')

    assert FLAG not in page_of(client, caseworker, f"/feedback/{feedback.reference}/")
    assert "6 Jan 2027" in on_case and FLAG not in on_case
