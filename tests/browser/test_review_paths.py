"""The review paths of a complaint about our decision, driven through the pages in Chromium.

Each test starts from a complaint walked along its workflow through the service layer, then the
caseworker (Cara) or the OAT caseworker (Olive) takes the decisive steps in the browser. Every
page visited is checked with axe-core, including forms sent back with the GOV.UK error summary.
Paragraphs are those of the Review and feedback Guidance 12.0.
"""

import re

import pytest
from django.conf import settings
from django.test import Client
from playwright.sync_api import expect

from policy.letters import END_OF_PROCESS
from tests.browser.conftest import check_accessibility
from tests.services.conftest import ANALYSE, REFER, RISK

pytestmark = pytest.mark.browser


@pytest.fixture
def tab_for(browser, live):
    """A tab signed in as `user`, each in its own browser context so that two people can take turns.

    The session is made by Django's test client: the sign-in page itself is driven, and checked
    with axe-core, by test_decision_complaint_journey.py.
    """
    contexts = []

    def open_tab(user):
        client = Client()
        client.force_login(user)
        context = browser.new_context(base_url=live.url, locale="en-GB", timezone_id="Europe/London")
        context.set_default_timeout(10_000)
        session = client.cookies[settings.SESSION_COOKIE_NAME].value
        context.add_cookies([{"name": settings.SESSION_COOKIE_NAME, "value": session, "url": live.url}])
        contexts.append(context)
        return context.new_page()

    yield open_tab
    for context in contexts:
        context.close()


# --- moving about the pages, checking each one with axe-core --------------------------------------


def visit(tab, path: str) -> None:
    tab.goto(path)
    check_accessibility(tab)


def click_and_check(tab, locator) -> None:
    locator.click()
    tab.wait_for_load_state()
    check_accessibility(tab)


def state_of(tab):
    return tab.locator("#state")


def start(tab, action: str) -> None:
    """Open an action from "What you can do next"."""
    click_and_check(tab, tab.locator("#open-actions").get_by_role("button", name=action, exact=True))
    expect(tab.get_by_role("heading", level=1)).to_have_text(action)


def fill_in(tab, *, write: dict[str, str] | None = None, choose: dict[str, str] | None = None) -> None:
    """Type into the text boxes named by their labels; pick the option of each question (a fieldset)."""
    for label, text in (write or {}).items():
        tab.get_by_label(label).fill(text)
    for question, option in (choose or {}).items():
        tab.get_by_role("group", name=question).get_by_label(option, exact=True).check()


def submit(tab, action: str) -> None:
    click_and_check(tab, tab.get_by_role("button", name=action, exact=True))


def take(tab, action: str, *, write: dict[str, str] | None = None, choose: dict[str, str] | None = None) -> None:
    """Open the action, fill in its form and send it; back on the feedback page, with the success banner."""
    start(tab, action)
    fill_in(tab, write=write, choose=choose)
    submit(tab, action)
    confirm = tab.get_by_role("button", name=f"Yes, {action.lower()}", exact=True)
    if confirm.count():  # what cannot be undone is confirmed first
        click_and_check(tab, confirm)
    expect(tab.get_by_text(f"Done: {action}.")).to_be_visible()


def take_referral(olive) -> None:
    """Take the referral: "Assign this referral to yourself" is a page to confirm, with no questions (para 47)."""
    start(olive, "Assign this referral to yourself")
    submit(olive, "Assign this referral to yourself")
    expect(olive.locator("#review")).to_contain_text("taken by Olive")


def open_letter(tab, title: str):
    """Expand the letter whose summary starts with `title`, and return its text."""
    letter = tab.locator("details.govuk-details", has=tab.locator(".govuk-details__summary", has_text=title))
    expect(letter).to_have_count(1)
    letter.locator(".govuk-details__summary").click()
    text = letter.locator(".govuk-details__text")
    expect(text).to_be_visible()
    return text


def cannot_yet(tab, action: str):
    """The row of "What you cannot do yet, and why" for this action."""
    return tab.locator("#closed-actions .govuk-summary-list__row", has=tab.get_by_text(action, exact=True))


# --- the paths ------------------------------------------------------------------------------------

ANALYSE_LABEL = "Analyse the challenge (pro-forma)"
IS_CHALLENGE = "Is it a challenge to our decision?"
CLEAR_EVIDENCE = "Has the service user given clear evidence or explanation of why the decision is wrong?"
GENUINE_DOUBT = "Has the service user cast genuine doubt on the decision?"


@pytest.mark.policy("39", "40", "74")
def test_a_challenge_without_clear_evidence_is_closed_with_no_further_action_and_signposted_to_judicial_review(
    tab_for, considering, caseworker
):
    feedback = considering()
    cara = tab_for(caseworker)
    visit(cara, f"/feedback/{feedback.reference}/")
    expect(state_of(cara)).to_have_text("Under consideration")

    # The pro-forma sent with no answers: the error summary links to each missing answer.
    start(cara, ANALYSE_LABEL)
    submit(cara, ANALYSE_LABEL)
    summary = cara.locator(".govuk-error-summary")
    expect(summary).to_contain_text("There is a problem")
    expect(summary).to_be_focused()
    for field in ("is_challenge", "clear_evidence", "genuine_doubt", "reasons"):
        expect(summary.locator(f'a[href="#field-{field}"]')).to_be_visible()
        expect(cara.locator(f"#field-{field}")).to_have_count(1)  # each link leads to its answer
    expect(summary.locator('a[href="#field-clear_evidence"]')).to_contain_text("clear evidence")
    expect(cara).to_have_title(re.compile(r"^Error: "))
    expect(cara.locator("#field-reasons-error")).to_be_visible()

    # Answered: a challenge, but with no clear evidence of why the decision is wrong (para 39).
    fill_in(
        cara,
        choose={IS_CHALLENGE: "Yes", CLEAR_EVIDENCE: "No", GENUINE_DOUBT: "No"},
        write={"Your reasons": "They say they are unhappy, but not what we got wrong."},
    )
    submit(cara, ANALYSE_LABEL)
    expect(cara.locator("#review")).to_contain_text("Clear evidence or explanation why it is wrong: no")
    expect(cara.locator("#open-actions")).not_to_contain_text("Refer to OAT")

    # No further action, signposting Judicial Review (para 40).
    take(
        cara,
        "Close: no further action",
        choose={"Signpost the service user to Judicial Review?": "Yes"},
        write={"What we tell the service user": "You have not told us what we got wrong."},
    )
    expect(state_of(cara)).to_have_text("Closed: no further action")
    letter = open_letter(cara, "No further action: not an actionable challenge")
    expect(letter).to_contain_text("You have not told us what we got wrong.")
    expect(letter).to_contain_text("you can ask the courts to look at it by way of Judicial Review")
    expect(letter).to_contain_text(END_OF_PROCESS)  # para 74


@pytest.mark.policy("43", "46", "78")
def test_a_decision_in_genuine_doubt_is_reconsidered_in_the_team_once_the_risk_is_assessed_then_referred_to_oat(
    tab_for, considering, walk, caseworker
):
    # The pro-forma found a challenge with clear evidence that casts genuine doubt on the decision.
    feedback = walk(considering(), ANALYSE)
    cara = tab_for(caseworker)
    visit(cara, f"/feedback/{feedback.reference}/")

    # Further work needs a risk assessment first (para 78).
    reconsider = "Reconsider the decision within the team"
    expect(cara.locator("#open-actions").get_by_role("button", name=reconsider)).to_have_count(0)
    expect(cannot_yet(cara, reconsider)).to_contain_text("Record a risk assessment before deciding to do further work")
    expect(cannot_yet(cara, reconsider)).to_contain_text("para 78")

    take(
        cara,
        "Record a risk assessment",
        choose={"Risk now": "Low"},
        write={"The risk assessment": "No new risks to the service user from looking again."},
    )
    expect(cara.locator("#review")).to_contain_text("Low risk: No new risks to the service user")
    expect(cannot_yet(cara, reconsider)).to_have_count(0)

    # Reconsidered in the team (para 43), then referred to OAT (para 46).
    take(
        cara, reconsider, write={"Who will reconsider it, and how": "Dan, a senior caseworker in Team A, reads the file afresh."}
    )
    expect(state_of(cara)).to_have_text("Case owner has acted")
    take(cara, "Refer to OAT", write={"Your analysis and what you have done": "Reconsidered by Dan; the decision stands."})
    expect(state_of(cara)).to_have_text("Referred to OAT")


@pytest.mark.policy("47", "48", "49", "55", "60", "74", "Annex A")
def test_oat_return_the_referral_for_further_work_then_accept_uphold_and_send_the_decision_with_a_payment_and_learning(
    tab_for, considering, walk, caseworker, oat
):
    # Analysed, the risk assessed, and referred: waiting in OAT's queue.
    feedback = walk(considering(), ANALYSE, RISK, REFER)
    olive, cara = tab_for(oat), tab_for(caseworker)
    detail = f"/feedback/{feedback.reference}/"

    # Olive finds it in OAT's queue and takes it (para 47).
    visit(olive, "/oat/")
    click_and_check(olive, olive.locator("#waiting").get_by_role("link", name=feedback.reference))
    take_referral(olive)

    # Returned for further work, with directions for the case owner (paras 48, 49).
    take(
        olive,
        "Returned to caseworker: further work required",
        write={"OAT's advice and directions": "Ask the service user for the discharge letter."},
    )
    expect(state_of(olive)).to_have_text("Returned by OAT")

    # Cara acts on the directions and refers it again.
    visit(cara, detail)
    expect(cara.locator("#review")).to_contain_text("Ask the service user for the discharge letter.")
    take(
        cara,
        "Record what you did on OAT's directions",
        write={
            "What you did": "Asked for the discharge letter; it arrived.",
            "What you told the service user": "We are looking again.",
        },
    )
    expect(state_of(cara)).to_have_text("Under consideration")
    take(cara, "Refer to OAT", write={"Your analysis and what you have done": "The discharge letter is now on file."})
    expect(state_of(cara)).to_have_text("Referred to OAT")

    # Olive takes it again and accepts it.
    visit(olive, detail)
    take_referral(olive)
    take(olive, "Accepted by OAT", write={"OAT's advice and directions": "We will review the decision."})
    expect(state_of(olive)).to_have_text("Accepted by OAT")

    # Upheld, with a financial remedy to follow (the risk was assessed before referral, para 78).
    take(
        olive,
        "Record the review decision",
        choose={
            "Finding: something was overlooked or misunderstood": "Upheld",
            "What follows": "A financial remedy",
            "Was the case owner's work before referral proportionate?": "Yes",
        },
        write={
            "The remedy proposed, if any, and why": "A payment for the distress of a wrong decision.",
            "The specific impact on the service user": "Months of distress.",
            "Is the remedy proportionate to the injustice?": "Level 2 of the scale fits the distress.",
            "Does it put the service user back in the position they would have been in?": "It cannot undo it, but recognises it.",
            "Feedback to the case owner on their handling of the challenge": "A careful analysis, referred promptly.",
        },
    )
    expect(state_of(olive)).to_have_text("Review decided")
    expect(olive.locator("#review-decision")).to_contain_text("Something was overlooked or misunderstood: Upheld")
    send = "Send the review decision"
    expect(cannot_yet(olive, send)).to_contain_text("record it, with its severity level and amount (para 60)")

    # A payment at level 2 of the severity of injustice scale (para 60).
    take(
        olive,
        "Offer a remedy",
        choose={"Type of remedy": "A financial remedy", "Severity of injustice level": "Level 2: Moderate"},
        write={"What we are offering": "A payment for the distress caused", "Amount, in pounds": "500"},
    )
    expect(olive.get_by_role("table", name=re.compile("Remedies offered"))).to_contain_text("£500")

    # Not sent before learning is recorded (para 55): shown on the page, and on the action's own page.
    expect(cannot_yet(olive, send)).not_to_contain_text("para 60")
    expect(cannot_yet(olive, send)).to_contain_text("record at least one learning point before closing it (para 55)")
    visit(olive, f"/feedback/{feedback.reference}/actions/send_review_decision/")
    refusal = olive.locator("#closed-reasons")
    expect(refusal).to_contain_text("record at least one learning point before closing it (para 55)")
    expect(olive.get_by_role("button", name=send)).to_have_count(0)
    click_and_check(olive, olive.get_by_role("link", name=f"Back to {feedback.reference}"))

    # A learning point for the case owner, linked to the Service Model and the Service Charter (Annex A).
    take(
        olive,
        "Record learning or good practice",
        choose={
            "Kind of learning": "A learning point for an individual",
            "Service Model section and paragraph": "Section 2 Contacting the complainant (para 2.140)",
        },
        write={
            "The learning point": "The case owner did not contact the service user to discuss the complaint.",
            "Service Charter commitment number": "5",
        },
    )
    learning = olive.locator("h2:text-is('Learning and good practice') + ul")
    expect(learning).to_contain_text("Service Model: Section 2 Contacting the complainant (para 2.140)")
    expect(learning).to_contain_text("Service Charter commitment 5")

    start(olive, send)
    submit(olive, send)
    expect(state_of(olive)).to_have_text("Closed: review decided")
    decision = open_letter(olive, "Review decision to")
    expect(decision).to_contain_text("Something was overlooked or misunderstood: Upheld")
    expect(decision).to_contain_text("£500")
    expect(decision).to_contain_text(END_OF_PROCESS)  # para 74


@pytest.mark.policy("47", "48", "74")
def test_when_the_review_criteria_are_not_met_oat_close_it_and_write_to_the_service_user(tab_for, considering, walk, oat):
    feedback = walk(considering(), ANALYSE, REFER)
    olive = tab_for(oat)

    visit(olive, f"/feedback/{feedback.reference}/")
    take_referral(olive)
    take(
        olive,
        "Returned to caseworker: not for OAT, review criteria not met",
        write={"Why the review criteria are not met": "The grounds give no new information about the discharge."},
    )
    expect(state_of(olive)).to_have_text("Closed: review criteria not met")
    letter = open_letter(olive, "Review criteria not met to")
    expect(letter).to_contain_text("The grounds give no new information about the discharge.")
    expect(letter).to_contain_text(END_OF_PROCESS)
