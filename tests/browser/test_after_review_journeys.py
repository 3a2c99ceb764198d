"""After an upheld review: a new detailed investigation and quashing the report, driven through the
pages in Chromium.

Each test starts from a review that OAT decided upheld, reached through the service layer. The
OAT caseworker (Olive), the lawyer (Lena), the Ombudsman (Oscar) and shared services (Sam) then
take their turns in the browser, each in their own tab. Every page visited is checked with
axe-core, including forms sent back with the GOV.UK error summary. Paragraphs are those of the
Review and feedback Guidance 12.0.
"""

import pytest
from playwright.sync_api import expect

from policy.facts import Role
from tests.browser.test_review_paths import (  # the sibling's page helpers: each page they reach is checked with axe-core
    cannot_yet,
    fill_in,
    open_letter,
    start,
    state_of,
    submit,
    tab_for,  # noqa: F401 (a fixture)
    take,
    visit,
)
from tests.conftest import make_person
from tests.services.after_review_walks import decided_review
from tests.services.conftest import at_oat, footprint  # noqa: F401 (at_oat: a fixture)

pytestmark = pytest.mark.browser

PROPOSE = "Propose a new detailed investigation"
WHY_NEW = "Why a new investigation is needed"
SUMMARY = "Summary of the complaint we propose to investigate"
QUASH = "Propose quashing the report"
MISSED_EVIDENCE = "We missed significant material evidence, or significant new evidence has come to light"
WRONG = "Our decision is incontrovertibly and significantly wrong for some other reason"
NO_OTHER_WAY = "There is no other way to resolve the matter"
PUBLIC_INTEREST = "It is in the public interest for the report to be quashed"
QUASH_DETAILS = "Details of the case and why it meets these circumstances"


@pytest.fixture
def decided(at_oat, walk, oat):  # noqa: F811
    """An upheld review decided by OAT (Olive), choosing `route` (para 51)."""
    return lambda route: decided_review(at_oat, walk, oat, route)


@pytest.fixture
def shared_services(db):
    return make_person("sam", Role.SHARED_SERVICES)


def error_summary(tab):
    summary = tab.locator(".govuk-error-summary")
    expect(summary).to_contain_text("There is a problem")
    expect(summary).to_be_focused()
    return summary


def tasks_row(tab, feedback, subject: str):
    """The row of the feedback's task table for the task with this subject."""
    table = tab.get_by_role("table", name=f"Tasks on {feedback.reference}")
    return table.locator("tr", has=tab.get_by_role("cell", name=subject, exact=True))


def propose_quash(olive, evidence: str, *, wrong: str = "No"):
    """Open the quash proposal and send it with these answers to the para 67 criteria."""
    start(olive, QUASH)
    fill_in(
        olive,
        choose={MISSED_EVIDENCE: evidence, WRONG: wrong, NO_OTHER_WAY: "Yes", PUBLIC_INTEREST: "Yes"},
        write={QUASH_DETAILS: "The report names the wrong surgeon and is being relied on in a disciplinary case."},
    )
    submit(olive, QUASH)


# --- a new detailed investigation -----------------------------------------------------------------


@pytest.mark.policy("61", "62", "63", "64", "65", "72", "73")
def test_a_new_detailed_investigation_is_proposed_to_both_parties_approved_by_the_ombudsman_and_opened_by_shared_services(
    tab_for,  # noqa: F811
    decided,
    oat,
    lawyer,
    ombudsman,
    shared_services,
):
    feedback = decided("new_detailed_investigation")
    detail = f"/feedback/{feedback.reference}/"
    olive = tab_for(oat)
    visit(olive, detail)
    expect(state_of(olive)).to_have_text("Review decided")

    # Only on an exceptional ground (para 62): sent without one, the error summary says so.
    start(olive, PROPOSE)
    fill_in(olive, write={SUMMARY: "Whether the trust delayed the referral in March."})
    submit(olive, PROPOSE)
    summary = error_summary(olive)
    ground = summary.locator("li", has=olive.locator('a[href="#field-ground"]'))
    expect(ground).to_contain_text("Select the exceptional ground for a new detailed investigation")
    expect(ground).to_contain_text("(para 62)")
    expect(olive.locator("#field-ground-error")).to_be_visible()
    expect(olive.get_by_label(SUMMARY)).to_have_value("Whether the trust delayed the referral in March.")

    # With a ground, the proposal goes to both parties for their comments (para 63).
    fill_in(olive, choose={WHY_NEW: "New information would have had a significant impact on the decision"})
    submit(olive, PROPOSE)
    expect(olive.get_by_text(f"Done: {PROPOSE}.")).to_be_visible()
    for party in ("Alice Brown", "Northgate NHS Trust"):
        letter = open_letter(olive, f"Proposal of a new detailed investigation to {party}")
        expect(letter).to_contain_text("Whether the trust delayed the referral in March.")

    # Their comments are considered before going ahead (para 64), then it goes for approval (para 73).
    comments = "Record a party's comments on the proposal"
    take(olive, comments, choose={"Whose comments": "The service user"}, write={"Their comments": "Please go ahead."})
    take(
        olive,
        comments,
        choose={"Whose comments": "The organisation complained about"},
        write={"Their comments": "We object: the referral was made on time."},
    )
    take(
        olive,
        "Go ahead: send for approval",
        write={"How you considered the comments": "The trust's objection does not answer the new evidence."},
    )
    expect(state_of(olive)).to_have_text("Awaiting approval")
    proposal = olive.locator("#new-investigation")
    expect(proposal).to_contain_text("Please go ahead.")
    expect(proposal).to_contain_text("We object: the referral was made on time.")

    # The Legal Team may not approve it: the Delegation Scheme names the Ombudsman (paras 72, 73).
    lena = tab_for(lawyer)
    visit(lena, detail)
    approve = "Approve the new detailed investigation"
    expect(lena.locator("#open-actions").get_by_role("button", name=approve)).to_have_count(0)
    expect(cannot_yet(lena, approve)).to_contain_text("para 73")

    # The Ombudsman approves it (para 73): the new case is a priority for shared services (paras 64, 65).
    oscar = tab_for(ombudsman)
    visit(oscar, detail)
    take(oscar, approve, write={"Reasons for the decision": "The new evidence is significant."})
    expect(state_of(oscar)).to_have_text("Awaiting the new case")
    expect(oscar.locator("#approval-decisions")).to_contain_text("The new evidence is significant.")
    expect(oscar.locator("#follow-on-cases")).to_contain_text("Waiting for shared services to open it")
    tasks = oscar.get_by_role("table", name=f"Tasks on {feedback.reference}")
    expect(tasks).to_contain_text(f"Priority: open a new detailed investigation following {feedback.case.reference}")
    expect(tasks).to_contain_text(f"Reassess the risk of the new investigation following {feedback.case.reference}")

    # Shared services open it and record its reference.
    sam = tab_for(shared_services)
    visit(sam, detail)
    take(sam, "Record the new case", write={"The new case's reference": "PHSO-9002"})
    expect(state_of(sam)).to_have_text("Review decided")
    follow_on = sam.locator("#follow-on-cases tbody tr")
    expect(follow_on).to_have_count(1)
    expect(follow_on).to_contain_text("A new detailed investigation")
    expect(follow_on).to_contain_text("Priority")  # para 65
    expect(follow_on).to_contain_text("PHSO-9002")
    opened = tasks_row(sam, feedback, f"Priority: open a new detailed investigation following {feedback.case.reference}")
    expect(opened).to_contain_text("Done")


# --- quashing the report --------------------------------------------------------------------------


@pytest.mark.policy("67")
def test_a_quash_proposal_without_missed_evidence_or_a_wrong_decision_is_refused_and_nothing_changes(
    tab_for,  # noqa: F811
    decided,
    oat,
):
    feedback = decided("financial_remedy")
    before = footprint(feedback)
    olive = tab_for(oat)
    visit(olive, f"/feedback/{feedback.reference}/")

    propose_quash(olive, evidence="No", wrong="No")
    summary = error_summary(olive)
    evidence = summary.locator("li", has=olive.locator('a[href="#field-missed_or_new_evidence"]'))
    expect(evidence).to_contain_text("A report is quashed only if we missed significant evidence")
    expect(evidence).to_contain_text("(para 67)")
    expect(summary.locator("li")).to_have_count(1)  # the other criteria hold
    expect(olive.locator("#field-missed_or_new_evidence-error")).to_contain_text("A report is quashed only if")
    for criterion, answer in ((MISSED_EVIDENCE, "No"), (WRONG, "No"), (NO_OTHER_WAY, "Yes"), (PUBLIC_INTEREST, "Yes")):
        expect(olive.get_by_role("group", name=criterion).get_by_label(answer, exact=True)).to_be_checked()  # kept

    visit(olive, f"/feedback/{feedback.reference}/")
    expect(state_of(olive)).to_have_text("Review decided")
    expect(olive.get_by_role("table", name=f"Tasks on {feedback.reference}")).not_to_contain_text("quash")
    expect(olive.locator("#quash-proposal")).to_have_count(0)
    assert footprint(feedback) == before  # no state, task, letter or event changed


@pytest.mark.policy("66", "68", "69")
def test_a_quash_proposal_goes_to_the_legal_team_then_only_the_ombudsman_quashes_and_every_party_is_told(
    tab_for,  # noqa: F811
    decided,
    oat,
    lawyer,
    ombudsman,
):
    feedback = decided("financial_remedy")
    detail = f"/feedback/{feedback.reference}/"
    olive = tab_for(oat)
    visit(olive, detail)

    # The criteria hold (para 67): the proposal goes to the Legal Team, with OAT's reasons (para 68).
    propose_quash(olive, evidence="Yes")
    expect(olive.get_by_text(f"Done: {QUASH}.")).to_be_visible()
    expect(state_of(olive)).to_have_text("With the Legal Team")

    lena = tab_for(lawyer)
    visit(lena, detail)
    take(lena, "Give the Legal Team's view on quashing", write={"The Legal Team's view": "The criteria are met."})
    expect(state_of(lena)).to_have_text("Awaiting the quash decision")
    expect(lena.locator("#quash-proposal")).to_contain_text("Proposed by Olive")
    expect(lena.locator("#quash-proposal")).to_contain_text("The criteria are met.")

    # Only the Ombudsman or a Deputy decides (para 69).
    quash = "Quash the report"
    visit(olive, detail)
    expect(olive.locator("#open-actions").get_by_role("button", name=quash, exact=True)).to_have_count(0)
    expect(cannot_yet(olive, quash)).to_contain_text("para 69")

    oscar = tab_for(ombudsman)
    visit(oscar, detail)
    take(oscar, quash, write={"Reasons for the decision": "The report is unsafe and cannot be put right another way."})
    expect(state_of(oscar)).to_have_text("Review decided")
    expect(oscar.locator("#report-quashed")).to_contain_text("it is invalid (para 66)")

    # Every affected party is told the report is invalid (para 66): the service user, the organisation, the case owner.
    for party in ("Alice Brown", "Northgate NHS Trust", "Cara"):
        letter = open_letter(oscar, f"Report quashed to {party}")
        expect(letter).to_contain_text("the report is no longer valid")
        expect(letter).to_contain_text("The report is unsafe and cannot be put right another way.")
