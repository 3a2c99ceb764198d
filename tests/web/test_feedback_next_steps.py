"""The feedback page's next steps: one suggested, the rest secondary, done ones offered only as a
correction; success messages that say who acts next; confirmation before what cannot be undone;
complaint-only details kept off positive feedback; grounds recorded as "no specific ground"."""

from __future__ import annotations

import re
from datetime import date

import pytest
from django.utils import timezone

from casework.models import Ground
from casework.services.feedback import NewFeedback, log_feedback, take_action
from policy.facts import Channel, FeedbackKind
from tests.services.after_review_walks import decided_review, quash_with_legal, steps
from tests.services.conftest import CHECK, GROUNDS, REQUEST, log_complaint
from tests.web.test_pages import signed_in

pytestmark = pytest.mark.django_db


def part(page: str, start: str, end: str) -> str:
    return page.split(start, 1)[1].split(end, 1)[0]


def page_of(client, user, url: str) -> str:
    return signed_in(client, user).get(url).content.decode()


def suggested(page: str) -> str:
    return re.sub(r"\s+", " ", part(part(page, 'id="suggested-action"', "</a>"), ">", "\n")).strip()


def test_one_next_step_is_suggested_and_the_others_are_secondary(client, caseworker, make_case):
    feedback = log_complaint(caseworker, make_case)

    page = page_of(client, caseworker, f"/feedback/{feedback.reference}/")

    assert page.count('id="suggested-action"') == 1
    assert suggested(page) == "Check whether OAT&#x27;s advice is needed"
    others = part(page, 'id="other-actions"', "</ul>")
    assert "Ask for the grounds in writing" in others
    buttons = re.findall(r'class="(govuk-button[^"]*)"', others)
    assert buttons and all("govuk-button--secondary" in classes for classes in buttons)


@pytest.mark.policy("26")
def test_a_check_once_done_is_offered_only_as_a_correction_and_the_next_step_moves_on(client, caseworker, make_case):
    feedback = take_action(caseworker, log_complaint(caseworker, make_case).reference, *CHECK)

    page = page_of(client, caseworker, f"/feedback/{feedback.reference}/")

    assert suggested(page) == "Ask for the grounds in writing"
    others = part(page, 'id="other-actions"', "</ul>")
    correction = "Change the answers on whether OAT&#x27;s advice is needed"
    assert f'class="govuk-link" href="/feedback/{feedback.reference}/actions/check_oat_advice_needed/">{correction}</a>' in others
    assert ">Check whether OAT&#x27;s advice is needed<" not in part(page, 'id="open-actions"', "</div>")
    form = page_of(client, caseworker, f"/feedback/{feedback.reference}/actions/check_oat_advice_needed/")
    assert f'<h1 class="govuk-heading-l">{correction}</h1>' in form


def test_the_success_message_says_what_was_done_what_was_sent_and_who_acts_next_by_when(client, caseworker, make_case):
    feedback = take_action(caseworker, log_complaint(caseworker, make_case).reference, *CHECK)

    response = signed_in(client, caseworker).post(
        f"/feedback/{feedback.reference}/actions/request_grounds/", {"version": feedback.version}, follow=True
    )

    feedback.refresh_from_db()
    banner = part(response.content.decode(), "govuk-notification-banner__heading", "</p>")
    assert "Done: Ask for the grounds in writing." in banner
    assert "Sent: " in banner and "to Alice Brown" in banner
    assert f"It is now ‘Grounds requested’: next, {caseworker.get_full_name()} (the case owner)" in banner
    assert "waiting to hear from the service user" in banner
    assert f"by {feedback.grounds_deadline:%-d %B %Y}" in banner


def test_a_task_for_a_queue_names_the_team_not_a_role_code(client, caseworker, make_case, lawyer):
    feedback = log_complaint(caseworker, make_case, jr_in_prospect=True)

    tasks = part(page_of(client, caseworker, f"/feedback/{feedback.reference}/"), f"Tasks on {feedback.reference}", "</table>")

    assert "Legal Team" in tasks
    assert ">Legal<" not in tasks and ">Oat<" not in tasks


@pytest.mark.policy("69", "66")
def test_quashing_the_report_asks_for_confirmation_first_and_nothing_changes_until_it_is_given(
    client, at_oat, walk, oat, lawyer, ombudsman
):
    feedback = quash_with_legal(decided_review(at_oat, walk, oat, "financial_remedy"), oat)
    feedback = steps(feedback, (lawyer, "give_quash_advice", {"advice": "Quashing is lawful here"}))
    url = f"/feedback/{feedback.reference}/actions/quash_report/"
    answers = {"reasons": "The report is unsafe", "version": feedback.version}

    asked = signed_in(client, ombudsman).post(url, answers)

    page = asked.content.decode()
    assert asked.status_code == 200
    assert "Are you sure you want to quash the report?" in page
    assert "cannot be undone" in page and "The report is unsafe" in page
    assert 'name="confirmed" value="yes"' in page
    feedback.refresh_from_db()
    assert feedback.state == "awaiting_quash_decision"

    done = client.post(url, {**answers, "confirmed": "yes"})

    assert done.status_code == 302
    feedback.refresh_from_db()
    assert feedback.state == "review_decided"


def test_positive_feedback_shows_no_grounds_deadline_judicial_review_or_lateness_note(client, caseworker, manager, make_case):
    case = make_case(decision_date=date(2025, 1, 6))
    new = NewFeedback(FeedbackKind.POSITIVE, timezone.localdate(), Channel.EMAIL, "Thank you, Cara was very kind")
    feedback = log_feedback(caseworker, case, new, timezone.localdate())

    page = page_of(client, manager, f"/feedback/{feedback.reference}/")

    assert "Comment and close" in page
    for complaint_only in ("Grounds deadline", "Judicial Review", "Decision complained about", "(para 2)"):
        assert complaint_only not in page


def test_a_complaint_still_shows_its_grounds_deadline_and_judicial_review_date(client, caseworker, make_case):
    feedback = log_complaint(caseworker, make_case)

    page = page_of(client, caseworker, f"/feedback/{feedback.reference}/")

    assert "Grounds deadline" in page and "Judicial Review" in page


@pytest.mark.policy("40")
def test_grounds_with_no_specific_ground_record_no_ground_type(caseworker, make_case):
    feedback = take_action(caseworker, log_complaint(caseworker, make_case).reference, *REQUEST)
    unhappy = {**GROUNDS, "ground_types": ["none_given"], "received_date": date(2026, 12, 10)}

    feedback = take_action(caseworker, feedback.reference, "record_grounds", unhappy, date(2026, 12, 10))

    assert feedback.state == "grounds_received"
    assert not Ground.objects.filter(grounds__feedback_case=feedback).exists()


@pytest.mark.policy("40")
def test_no_specific_ground_cannot_be_ticked_with_a_ground_on_the_page(client, caseworker, make_case):
    feedback = take_action(caseworker, log_complaint(caseworker, make_case).reference, *REQUEST)
    today = timezone.localdate()
    form = {
        "version": feedback.version,
        "received_date_day": today.day,
        "received_date_month": today.month,
        "received_date_year": today.year,
        "ground_types": ["overlooked", "none_given"],
        "why_wrong": "I am unhappy with it",
    }

    response = signed_in(client, caseworker).post(f"/feedback/{feedback.reference}/actions/record_grounds/", form)

    assert response.status_code == 400
    assert "or that no specific ground was given, not both" in response.content.decode()
    feedback.refresh_from_db()
    assert feedback.state == "grounds_requested"
