"""The pages, through Django's test client: who sees what, the GOV.UK errors, and the dates shown.

Paragraphs are those of the Review and feedback Guidance 12.0.
"""

import re
from collections import Counter
from datetime import date

import pytest
from django.utils import timezone

from casework.models import Event, FeedbackCase, Letter
from casework.services.feedback import NewFeedback, log_feedback, take_action
from policy.facts import Channel, FeedbackKind

PASSWORD = "a-long-test-password"
GROUNDS = {
    "ground_types": ["overlooked"],
    "why_wrong": "You did not read the discharge letter I sent",
    "what_they_want": "Look at the case again",
    "evidence": "",
}


def signed_in(client, user):
    assert client.login(username=user.username, password=PASSWORD)
    return client


@pytest.fixture
def complaint(caseworker):
    """Log a decision complaint on `case` as its owner and take the `steps`, each (action, inputs)."""

    def log(case, received: date, *steps: tuple[str, dict]) -> FeedbackCase:
        today = timezone.localdate()
        feedback = log_feedback(
            caseworker,
            case,
            NewFeedback(FeedbackKind.DECISION_COMPLAINT, received, Channel.EMAIL, "I think your decision is wrong"),
            today,
        )
        for name, inputs in steps:
            # The grounds are asked for on the day the complaint arrives, before their deadline (para 32).
            feedback = take_action(caseworker, feedback.reference, name, inputs, received if name == "request_grounds" else today)
        return feedback

    return log


@pytest.fixture
def requested(make_case, complaint):
    """A complaint whose grounds have been asked for: decision 31 March 2026, grounds due 30 April 2026."""
    return complaint(make_case(decision_date=date(2026, 3, 31)), date(2026, 4, 8), ("request_grounds", {}))


@pytest.fixture
def explanation_invited(make_case, complaint):
    """Grounds due 30 April 2026 arrived on 1 June 2026; the service user has been asked why."""
    return complaint(
        make_case(decision_date=date(2026, 3, 31)),
        date(2026, 4, 8),
        ("request_grounds", {}),
        ("record_grounds", {**GROUNDS, "received_date": date(2026, 6, 1)}),
        ("invite_explanation", {}),
    )


def page_urls(feedback: FeedbackCase) -> dict[str, str]:
    case = feedback.case.reference
    return {
        "case": f"/cases/{case}/",
        "log": f"/cases/{case}/complaints/new/",
        "feedback": f"/feedback/{feedback.reference}/",
        "action": f"/feedback/{feedback.reference}/actions/record_grounds/",
    }


def test_every_page_renders_for_the_caseworker(client, caseworker, requested):
    signed_in(client, caseworker)
    urls = [
        "/",
        "/cases/",
        f"/cases/?q={requested.case.reference}",
        *page_urls(requested).values(),
        "/workflow/decision_complaint/",
    ]
    for url in urls:
        response = client.get(url)
        assert response.status_code == 200, url
        assert b'class="govuk-template"' in response.content, url


def test_my_work_and_search_show_the_caseworkers_case(client, caseworker, requested):
    signed_in(client, caseworker)
    assert requested.reference in client.get("/").content.decode()
    found = client.get("/cases/", {"q": requested.case.reference}).content.decode()
    assert f'href="/cases/{requested.case.reference}/"' in found


def test_the_sign_in_page_renders_and_signs_in(client, caseworker):
    assert client.get("/sign-in/").status_code == 200
    response = client.post("/sign-in/", {"username": "cara", "password": PASSWORD})
    assert response.status_code == 302 and response["Location"] == "/"


def test_a_wrong_password_shows_the_error_summary(client, caseworker):
    response = client.post("/sign-in/", {"username": "cara", "password": "not-the-password"})
    assert response.status_code == 200
    assert 'class="govuk-error-summary"' in response.content.decode()


def test_the_workflow_page_draws_the_diagram_with_a_title(client, caseworker):
    signed_in(client, caseworker)
    page = client.get("/workflow/decision_complaint/").content.decode()
    assert re.search(r"<svg[^>]*role=\"img\"", page)
    assert '<title id="diagram-title">' in page
    assert client.get("/workflow/no_such_kind/").status_code == 404


@pytest.mark.parametrize("page", ["case", "log", "feedback", "action"])
def test_the_outsider_gets_not_found_for_team_as_pages(client, outsider, requested, page):
    signed_in(client, outsider)
    response = client.get(page_urls(requested)[page])
    assert response.status_code == 404
    assert requested.case.service_user.name not in response.content.decode()


def test_the_outsider_cannot_act_on_team_as_feedback(client, outsider, requested):
    signed_in(client, outsider)
    response = client.post(f"/feedback/{requested.reference}/actions/extend_deadline/", {"reason": "x"})
    assert response.status_code == 404


def test_the_outsider_does_not_find_team_as_case_by_search(client, outsider, requested):
    signed_in(client, outsider)
    page = client.get("/cases/", {"q": requested.case.reference}).content.decode()
    assert f'href="/cases/{requested.case.reference}/"' not in page
    assert "0 cases matching" in page


@pytest.mark.parametrize("page", ["case", "log", "feedback", "action"])
def test_the_signed_out_are_sent_to_sign_in(client, requested, page):
    url = page_urls(requested)[page]
    response = client.get(url)
    assert response.status_code == 302
    assert response["Location"] == f"/sign-in/?next={url}"


@pytest.mark.parametrize("url", ["/", "/cases/", "/workflow/decision_complaint/"])
def test_the_signed_out_are_sent_to_sign_in_from_every_list(client, db, url):
    response = client.get(url)
    assert response.status_code == 302
    assert response["Location"].startswith("/sign-in/")


@pytest.mark.policy("7")
def test_logging_with_missing_fields_shows_the_error_summary(client, caseworker, make_case):
    case = make_case()
    signed_in(client, caseworker)
    # What a browser sends for the form left blank (a POST with no fields at all shows no errors: see the report).
    blank = {
        name: ""
        for name in ("received_date_day", "received_date_month", "received_date_year", "summary", "reasonable_adjustments")
    }
    response = client.post(f"/cases/{case.reference}/complaints/new/", blank)
    page = response.content.decode()
    assert response.status_code == 400
    assert 'class="govuk-error-summary"' in page
    for field in ("received_date", "channel", "summary"):
        assert f'href="#field-{field}"' in page, field
        assert f'id="field-{field}-error"' in page, field
    assert "<title>Error: " in page
    assert not FeedbackCase.objects.filter(case=case).exists()


@pytest.mark.policy("7")
def test_logging_with_a_half_typed_date_names_the_missing_part(client, caseworker, make_case):
    case = make_case()
    signed_in(client, caseworker)
    response = client.post(
        f"/cases/{case.reference}/complaints/new/",
        {"received_date_day": "26", "received_date_month": "11", "channel": "email", "summary": "Wrong"},
    )
    assert response.status_code == 400
    assert "Date received must include a year" in response.content.decode()


@pytest.mark.policy("7")
def test_logging_a_complaint_through_the_page(client, caseworker, make_case):
    case = make_case(decision_date=date(2026, 11, 2))
    signed_in(client, caseworker)
    response = client.post(
        f"/cases/{case.reference}/complaints/new/",
        {
            "received_date_day": "26",
            "received_date_month": "11",
            "received_date_year": "2026",
            "channel": "email",
            "summary": "You did not read my letter",
            "jr_in_prospect": "no",
        },
    )
    feedback = FeedbackCase.objects.get(case=case)
    assert response.status_code == 302 and response["Location"] == f"/feedback/{feedback.reference}/"
    assert feedback.state == "received" and feedback.received_date == date(2026, 11, 26)
    assert feedback.jr_in_prospect is False
    assert 'id="state">Received<' in client.get(response["Location"]).content.decode()


@pytest.mark.policy("32")
def test_a_manager_extends_the_grounds_deadline_through_the_page(client, manager, requested):
    signed_in(client, manager)
    url = f"/feedback/{requested.reference}/actions/extend_deadline/"
    assert client.get(url).status_code == 200
    response = client.post(
        url,
        {
            "new_deadline_day": "15",
            "new_deadline_month": "5",
            "new_deadline_year": "2026",
            "reason": "The service user is in hospital",
        },
    )
    assert response.status_code == 302 and response["Location"] == f"/feedback/{requested.reference}/"
    requested.refresh_from_db()
    assert requested.grounds_deadline == date(2026, 5, 15)
    assert "15 May 2026" in client.get(response["Location"]).content.decode()


@pytest.mark.policy("32")
def test_an_extension_must_move_the_deadline_later(client, manager, requested):
    signed_in(client, manager)
    response = client.post(
        f"/feedback/{requested.reference}/actions/extend_deadline/",
        {"new_deadline_day": "1", "new_deadline_month": "4", "new_deadline_year": "2026", "reason": "Why not"},
    )
    page = response.content.decode()
    assert response.status_code == 400
    assert 'href="#field-new_deadline"' in page and "(para 32)" in page
    requested.refresh_from_db()
    assert requested.grounds_deadline == date(2026, 4, 30)


@pytest.mark.policy("32")
def test_a_caseworker_sees_the_extension_closed_naming_para_32(client, caseworker, requested):
    signed_in(client, caseworker)
    page = client.get(f"/feedback/{requested.reference}/").content.decode()
    closed = page.split('id="closed-actions"', 1)[1].split("</dl>", 1)[0]
    row = closed.split("Extend the deadline for grounds", 1)[1].split("</div>", 1)[0]
    assert "Only the case owner&#x27;s manager can do this" in row
    assert "(para 32)" in row

    url = f"/feedback/{requested.reference}/actions/extend_deadline/"
    response = client.get(url)
    assert response.status_code == 403
    assert "(para 32)" in response.content.decode()

    response = client.post(
        url, {"new_deadline_day": "15", "new_deadline_month": "5", "new_deadline_year": "2026", "reason": "Because"}
    )
    assert response.status_code == 403
    requested.refresh_from_db()
    assert requested.grounds_deadline == date(2026, 4, 30)


@pytest.mark.policy("35")
def test_declining_for_time_without_reasons_is_refused_naming_para_35(client, caseworker, explanation_invited):
    signed_in(client, caseworker)
    events, letters = Event.objects.count(), Letter.objects.count()
    response = client.post(f"/feedback/{explanation_invited.reference}/actions/decline_for_time/", {"reasons": "  "})
    page = response.content.decode()
    assert response.status_code == 400
    assert 'class="govuk-error-summary"' in page
    assert 'href="#field-reasons"' in page
    assert "(para 35)" in page
    explanation_invited.refresh_from_db()
    assert explanation_invited.state == "explanation_invited"
    assert (Event.objects.count(), Letter.objects.count()) == (events, letters)


@pytest.mark.policy("35")
def test_declining_for_time_with_reasons_closes_it_with_a_letter(client, caseworker, explanation_invited):
    signed_in(client, caseworker)
    url = f"/feedback/{explanation_invited.reference}/"
    response = client.post(f"{url}actions/decline_for_time/", {"reasons": "No explanation was given"})
    assert response.status_code == 302 and response["Location"] == url
    explanation_invited.refresh_from_db()
    assert explanation_invited.state == "declined_for_time"
    page = client.get(url).content.decode()
    assert 'id="state">Declined: out of time<' in page
    assert "Review request declined: out of time" in page


@pytest.mark.policy("32")
@pytest.mark.parametrize(
    ("decided", "due"),
    [
        (date(2026, 11, 25), "29 December 2026"),  # Christmas Day, Boxing Day substitute, weekend
        (date(2026, 1, 30), "2 March 2026"),  # no 30 February: end of month, a Saturday
        (date(2026, 3, 3), "7 April 2026"),  # Good Friday 3 April, the weekend, Easter Monday
        (date(2026, 3, 31), "30 April 2026"),  # no 31 April: the last day of the month
    ],
)
def test_the_case_page_shows_when_grounds_would_be_due(client, caseworker, make_case, decided, due):
    case = make_case(decision_date=decided)
    signed_in(client, caseworker)
    page = client.get(f"/cases/{case.reference}/").content.decode()
    shown = re.search(r'id="grounds-due-by">([^<]*)<', page)
    assert shown and shown.group(1) == due


def test_ids_on_the_log_form_are_unique(client, caseworker, make_case):
    case = make_case()
    signed_in(client, caseworker)
    page = client.get(f"/cases/{case.reference}/complaints/new/").content.decode()
    repeated = [name for name, count in Counter(re.findall(r'\sid="([^"]+)"', page)).items() if count > 1]
    assert repeated == []
    # So each date box, radio and checkbox is named by its own label.
    assert '<label class="govuk-label govuk-date-input__label" for="field-received_date">Day</label>' in page
    assert 'id="field-received_date" name="received_date_day"' in page
