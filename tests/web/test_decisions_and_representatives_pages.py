"""A case's decisions and who acts for a service user, on the pages: shared services (or an
administrator) record another decision on a case and add, correct and end a representative or MP;
a complaint about our decision chooses which decision it is about. Bad input is named in the GOV.UK
error summary and nothing is written; others find no such pages."""

from __future__ import annotations

from datetime import date

import pytest
from django.test import Client

from casework.models import Decision, Event, FeedbackCase, Representative
from casework.read.facts import usual_grounds_deadline
from policy.facts import Role
from policy.time_limits import judicial_review_clock
from tests.conftest import TODAY, make_person

DECISION_FORM = {
    "decided_on_day": "16",
    "decided_on_month": "11",
    "decided_on_year": "2026",
    "what_was_decided": "Not to investigate the complaint about the ambulance: it is out of time",
}
ACTING_FORM = {
    "acting_as": "mp",
    "name": "Jo Member MP",
    "organisation": "Northtown",
    "email": "jo.member@parliament.example.org",
    "consent_given_by": "Alice Brown",
    "consent_given_on_day": "3",
    "consent_given_on_month": "11",
    "consent_given_on_year": "2026",
    "consent_form": "email",
}


def client_of(user) -> Client:
    client = Client(raise_request_exception=False)
    client.force_login(user)
    return client


@pytest.fixture
def sam(db):
    return client_of(make_person("sam", Role.SHARED_SERVICES))


@pytest.fixture
def cara(caseworker):
    return client_of(caseworker)


@pytest.fixture
def ada(django_user_model):
    return client_of(django_user_model.objects.create_superuser("ada", "ada@example.org", "a-long-test-password"))


@pytest.fixture
def open_case(make_case):
    """An open case received on 1 October 2026, holding the decision recorded with it."""
    case = make_case(closed=False, received_on=date(2026, 10, 1))
    Decision.objects.create(case=case, decided_on=case.decision_date)
    return case


def test_shared_services_record_another_decision_listed_on_the_case_page(sam, open_case):
    page = sam.get(f"/cases/{open_case.reference}/").content.decode()
    assert f'href="/cases/{open_case.reference}/decisions/new/"' in page

    response = sam.post(f"/cases/{open_case.reference}/decisions/new/", DECISION_FORM)

    assert response.status_code == 302 and response["Location"] == f"/cases/{open_case.reference}/"
    decision = Decision.objects.get(case=open_case, decided_on=date(2026, 11, 16))
    assert decision.what_was_decided == DECISION_FORM["what_was_decided"]
    assert Event.objects.filter(case=open_case, action="record_decision").count() == 1
    table = sam.get(response["Location"]).content.decode().split('id="decisions"')[1].split("</table>")[0]
    assert "16 November 2026" in table and "out of time" in table and "2 November 2026" in table
    assert "16 December 2026" in table and "2 December 2026" in table  # a month on: the grounds each would have (para 32)


def test_the_case_pages_grounds_and_judicial_review_dates_are_those_of_its_latest_decision(sam, open_case):
    sam.post(f"/cases/{open_case.reference}/decisions/new/", DECISION_FORM)  # 16 November, after the case's 2 November

    page = sam.get(f"/cases/{open_case.reference}/").content.decode()

    grounds = page.split('id="grounds-due-by">')[1].split("</dd>")[0]
    jr = page.split('id="jr-date">')[1].split("</dd>")[0]
    latest_row = page.split('id="decisions"')[1].split("</tr>")[1]
    assert grounds.startswith("16 December 2026") and "16 December 2026" in latest_row and "16 November 2026" in latest_row
    assert "the latest decision, of 16 November 2026" in grounds
    assert jr.startswith(f"{judicial_review_clock(date(2026, 11, 16), None, None, TODAY).jr_date:%-d %B %Y}")


@pytest.mark.parametrize(
    ("change", "anchor", "message"),
    [
        ({"decided_on_year": "2027"}, "field-decided_on", "The date of the decision must be today or in the past"),
        (
            {"decided_on_month": "9"},
            "field-decided_on",
            "The date of the decision must be on or after 1 October 2026, when we received the complaint",
        ),
        (
            {"decided_on_day": "", "decided_on_month": "", "decided_on_year": ""},
            "field-decided_on",
            "Enter the date of the decision",
        ),
        ({"decided_on_day": "31", "decided_on_month": "2"}, "field-decided_on", "Date of the decision must be a real date"),
        ({"what_was_decided": " "}, "field-what_was_decided", "Say what was decided, for example which parts of the complaint"),
        (
            {"report_issue_date_day": "1", "report_issue_date_month": "1", "report_issue_date_year": "2030"},
            "field-report_issue_date",
            "The report issue date must be today or in the past",
        ),
    ],
)
def test_a_decision_refused_on_the_page_is_named_and_nothing_is_written(sam, open_case, change, anchor, message):
    response = sam.post(f"/cases/{open_case.reference}/decisions/new/", {**DECISION_FORM, **change})

    page = response.content.decode()
    assert response.status_code == 400
    assert "govuk-error-summary" in page and f'href="#{anchor}"' in page and message in page
    assert open_case.decisions.count() == 1 and not Event.objects.filter(action="record_decision").exists()


def test_only_those_who_keep_case_records_record_a_decision(cara, ada, open_case):
    assert cara.get(f"/cases/{open_case.reference}/decisions/new/").status_code == 404
    assert cara.post(f"/cases/{open_case.reference}/decisions/new/", DECISION_FORM).status_code == 404
    assert "Record another decision" not in cara.get(f"/cases/{open_case.reference}/").content.decode()
    assert open_case.decisions.count() == 1

    assert ada.post(f"/cases/{open_case.reference}/decisions/new/", DECISION_FORM).status_code == 302
    assert open_case.decisions.count() == 2


def test_an_administrator_opens_the_case_record_but_not_its_feedback(ada, cara, open_case):
    cara.post(
        f"/cases/{open_case.reference}/complaints/new/",
        {
            "received_date_day": "20",
            "received_date_month": "11",
            "received_date_year": "2026",
            "channel": "email",
            "summary": "The decision was wrong",
        },
    )
    feedback = FeedbackCase.objects.get(case=open_case)

    page = ada.get(f"/cases/{open_case.reference}/")
    correct = ada.get(f"/cases/{open_case.reference}/correct/")

    assert page.status_code == 200 and correct.status_code == 200
    assert feedback.reference not in page.content.decode() and "You keep this case's record" in page.content.decode()
    assert ada.get(f"/feedback/{feedback.reference}/").status_code == 404
    assert ada.get(f"/cases/{open_case.reference}/complaints/new/").status_code == 404


def complaint_form(**more) -> dict:
    return {
        "received_date_day": "20",
        "received_date_month": "11",
        "received_date_year": "2026",
        "channel": "email",
        "summary": "The decision not to look at the ambulance was wrong",
        **more,
    }


def test_a_complaint_chooses_the_decision_it_is_about_and_its_deadline_runs_from_it(sam, cara, open_case):
    sam.post(f"/cases/{open_case.reference}/decisions/new/", DECISION_FORM)
    first, partial = open_case.decisions.order_by("decided_on")

    page = cara.get(f"/cases/{open_case.reference}/complaints/new/")
    radios = page.content.decode().split("Which decision is the complaint about?")[1].split("</fieldset>")[0]
    assert f'value="{partial.pk}" aria-describedby="field-decision-1-item-hint" checked' in radios  # the latest
    assert "Grounds would be due by 2 December 2026" in radios and "Grounds would be due by 16 December 2026" in radios

    response = cara.post(f"/cases/{open_case.reference}/complaints/new/", complaint_form(decision=str(first.pk)))

    assert response.status_code == 302
    feedback = FeedbackCase.objects.get(case=open_case)
    assert feedback.decision == first and usual_grounds_deadline(feedback) == date(2026, 12, 2)


def test_a_complaint_naming_no_decision_of_the_case_is_refused_on_the_page(sam, cara, open_case):
    sam.post(f"/cases/{open_case.reference}/decisions/new/", DECISION_FORM)

    response = cara.post(f"/cases/{open_case.reference}/complaints/new/", complaint_form(decision="999999"))

    page = response.content.decode()
    assert response.status_code == 400 and 'href="#field-decision"' in page
    assert "Select which decision the complaint is about" in page and not FeedbackCase.objects.exists()


def test_a_case_with_one_decision_asks_for_none(cara, open_case):
    assert "Which decision" not in cara.get(f"/cases/{open_case.reference}/complaints/new/").content.decode()
    assert cara.post(f"/cases/{open_case.reference}/complaints/new/", complaint_form()).status_code == 302
    assert FeedbackCase.objects.get(case=open_case).decision == open_case.decisions.get()


def test_shared_services_add_a_representative_shown_on_the_person_and_their_cases(sam, cara, open_case, make_case):
    person = open_case.service_user
    other_case = make_case(service_user=person)
    assert f'href="/people/{person.reference}/representatives/new/"' in sam.get(f"/people/{person.reference}/").content.decode()

    response = sam.post(f"/people/{person.reference}/representatives/new/", ACTING_FORM)

    assert response.status_code == 302 and response["Location"] == f"/people/{person.reference}/"
    acting = Representative.objects.get(service_user=person)
    assert (acting.acting_as, acting.consent_given_on, acting.consent_form) == ("mp", date(2026, 11, 3), "email")
    assert Event.objects.filter(action="add_representative", summary__startswith="Jo Member MP acts for").exists()
    for url in (f"/people/{person.reference}/", f"/cases/{open_case.reference}/", f"/cases/{other_case.reference}/"):
        page = cara.get(url).content.decode()
        assert (
            "Jo Member MP, Northtown" in page
            and "Member of Parliament" in page
            and "Given by Alice Brown on 3 November 2026" in page
        )


@pytest.mark.parametrize(
    ("change", "anchor", "message"),
    [
        ({"name": ""}, "field-name", "Enter their name"),
        ({"acting_as": ""}, "field-acting_as", "Select whether they are a representative or an MP"),
        ({"consent_form": ""}, "field-consent_form", "Select how consent was given"),
        ({"consent_given_by": ""}, "field-consent_given_by", "Enter who gave consent"),
        (
            {"consent_given_on_day": "", "consent_given_on_month": "", "consent_given_on_year": ""},
            "field-consent_given_on",
            "Enter the date consent was given",
        ),
        ({"consent_given_on_year": "2027"}, "field-consent_given_on", "The date consent was given must be today or in the past"),
        ({"email": "jo@"}, "field-email", "Enter an email address in the correct format"),
        ({"postcode": "12345"}, "field-postcode", "Enter a real postcode"),
        ({"name": "N" * 201}, "field-name", "Shorten the name to 200 characters or fewer"),
    ],
)
def test_a_representative_refused_on_the_page_is_named_and_nothing_is_written(sam, open_case, change, anchor, message):
    person = open_case.service_user

    response = sam.post(f"/people/{person.reference}/representatives/new/", {**ACTING_FORM, **change})

    page = response.content.decode()
    assert response.status_code == 400
    assert "govuk-error-summary" in page and f'href="#{anchor}"' in page and message in page
    assert not Representative.objects.exists() and not Event.objects.filter(action="add_representative").exists()


@pytest.fixture
def acting(sam, open_case):
    sam.post(f"/people/{open_case.service_user.reference}/representatives/new/", ACTING_FORM)
    return Representative.objects.get()


def test_a_representatives_details_are_corrected_on_the_page_and_audited(sam, open_case, acting):
    url = f"/people/{open_case.service_user.reference}/representatives/{acting.pk}/correct/"
    rows = sam.get(url).context["rows"]
    values = {row.spec.name: row.value for row in rows if row.spec.kind != "date" and row.value is not None}
    dates = {"consent_given_on_day": "3", "consent_given_on_month": "11", "consent_given_on_year": "2026"}

    refused = sam.post(url, {**values, **dates, "phone": "call me"})
    assert refused.status_code == 400 and "Enter a phone number" in refused.content.decode()

    response = sam.post(url, {**values, **dates, "phone": "0300 061 4000"})

    assert response.status_code == 302 and Representative.objects.get().phone == "0300 061 4000"
    event = Event.objects.get(action="correct_representative")
    assert (event.before, event.after) == (
        {"representative": acting.pk, "phone": ""},
        {"representative": acting.pk, "phone": "0300 061 4000"},
    )


def test_a_representative_who_stops_acting_stays_on_the_person_but_leaves_the_case_page(sam, cara, open_case, acting):
    url = f"/people/{open_case.service_user.reference}/representatives/{acting.pk}/end/"

    early = sam.post(url, {"ended_on_day": "2", "ended_on_month": "11", "ended_on_year": "2026"})
    assert early.status_code == 400
    assert "The date they stopped acting must be on or after 3 November 2026, when consent was given" in early.content.decode()
    blank = sam.post(url, {})
    assert blank.status_code == 400 and "Enter the date they stopped acting" in blank.content.decode()
    assert Representative.objects.get().ended_on is None

    response = sam.post(url, {"ended_on_day": "20", "ended_on_month": "11", "ended_on_year": "2026"})

    assert response.status_code == 302 and Representative.objects.get().ended_on == date(2026, 11, 20)
    assert Event.objects.filter(action="end_representative").exists()
    assert "Stopped on 20 November 2026" in cara.get(f"/people/{open_case.service_user.reference}/").content.decode()
    assert "Jo Member MP" not in cara.get(f"/cases/{open_case.reference}/").content.decode()


def test_only_those_who_keep_peoples_records_change_who_acts_for_them(cara, oat, open_case, acting):
    reference = open_case.service_user.reference
    for client in (cara, client_of(oat)):
        assert "Add a representative or MP" not in client.get(f"/people/{reference}/").content.decode()
        assert client.get(f"/people/{reference}/representatives/new/").status_code == 404
        assert client.post(f"/people/{reference}/representatives/new/", ACTING_FORM).status_code == 404
        assert client.post(f"/people/{reference}/representatives/{acting.pk}/end/", {}).status_code == 404
        assert client.get(f"/people/{reference}/representatives/{acting.pk}/correct/").status_code == 404
    assert Representative.objects.count() == 1 and Representative.objects.get().ended_on is None


def test_a_representative_of_someone_else_is_not_found_under_this_person(sam, open_case, make_case, acting):
    stranger = make_case(service_user="Bea Other").service_user
    assert sam.get(f"/people/{stranger.reference}/representatives/{acting.pk}/correct/").status_code == 404
    assert sam.post(f"/people/{stranger.reference}/representatives/{acting.pk}/end/", {}).status_code == 404
