"""A letter as PDF from the feedback page: linked from each letter, shown inline, and not found by
anyone who may not see the case or through another feedback case's address."""

from datetime import date

import pytest
from django.utils import timezone

from casework.models import FeedbackCase, Letter
from casework.services.feedback import NewFeedback, log_feedback, take_action
from policy.facts import Channel, FeedbackKind

PASSWORD = "a-long-test-password"


def signed_in(client, user):
    assert client.login(username=user.username, password=PASSWORD)
    return client


@pytest.fixture
def requested(make_case, caseworker):
    """`requested()`: a new decision complaint whose grounds have been asked for, with that letter."""

    def make() -> FeedbackCase:
        today = timezone.localdate()
        feedback = log_feedback(
            caseworker,
            make_case(decision_date=date(2026, 3, 31)),
            NewFeedback(FeedbackKind.DECISION_COMPLAINT, date(2026, 4, 8), Channel.EMAIL, "I think your decision is wrong"),
            today,
        )
        return take_action(caseworker, feedback.reference, "request_grounds", {}, date(2026, 4, 8))  # before the deadline

    return make


def letter_of(feedback: FeedbackCase) -> Letter:
    return Letter.objects.get(feedback_case=feedback, template__code="grounds_request")


def pdf_url(feedback: FeedbackCase, letter: Letter) -> str:
    return f"/feedback/{feedback.reference}/letters/{letter.pk}.pdf"


def test_the_case_owner_downloads_a_letter_as_a_pdf_shown_in_the_browser(client, caseworker, requested):
    feedback = requested()
    letter = letter_of(feedback)
    signed_in(client, caseworker)

    response = client.get(pdf_url(feedback, letter))

    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == f'inline; filename="{feedback.reference}-letter-{letter.pk}.pdf"'
    assert response["Cache-Control"] == "private, no-store"
    assert response.content.startswith(b"%PDF-")


def test_the_feedback_page_links_each_letter_to_its_pdf_naming_the_letter(client, caseworker, requested):
    feedback = requested()
    letter = letter_of(feedback)
    signed_in(client, caseworker)

    page = client.get(f"/feedback/{feedback.reference}/").content.decode()

    written = timezone.localtime(letter.created_at)
    day = f"{written.day} {written:%b %Y}"
    assert (
        f'<a class="govuk-link" href="{pdf_url(feedback, letter)}">Download PDF'
        f'<span class="govuk-visually-hidden">: Request for grounds of complaint to Alice Brown, {day}</span></a>'
    ) in page


def test_the_outsider_gets_not_found_for_a_team_as_letter(client, outsider, requested):
    feedback = requested()
    signed_in(client, outsider)

    response = client.get(pdf_url(feedback, letter_of(feedback)))

    assert response.status_code == 404
    assert "Alice Brown" not in response.content.decode()


def test_a_letter_is_not_found_through_another_feedback_cases_address(client, caseworker, requested):
    mine, other = requested(), requested()
    signed_in(client, caseworker)

    assert client.get(pdf_url(mine, letter_of(other))).status_code == 404
    assert client.get(f"/feedback/{mine.reference}/letters/999999.pdf").status_code == 404


def test_the_signed_out_are_sent_to_sign_in_from_a_letter(client, requested):
    feedback = requested()
    url = pdf_url(feedback, letter_of(feedback))

    response = client.get(url)

    assert response.status_code == 302
    assert response["Location"] == f"/sign-in/?next={url}"
