"""Case records and service users on the pages: shared services create and correct them, with the
GOV.UK error summary for bad input and nothing written; people are found, shown with their flags
on every case, corrected and merged."""

from __future__ import annotations

from datetime import date

import pytest
from django.test import Client

from casework.models import Case, Event, ServiceUser
from policy.facts import Role
from tests.conftest import make_person

CASE_FORM = {
    "reference": "CMS-0500",
    "organisation": "Northgate NHS Trust",
    "team": "Team A",
    "case_owner": "cara",
    "stage": "primary",
    "risk": "low",
    "decision_date_day": "1",
    "decision_date_month": "9",
    "decision_date_year": "2026",
    "closure_reason": "not_upheld",
    "closed": "yes",
    "name": "Dev Evans",
    "email": "dev@example.com",
    "postcode": "ls1 4ap",
}


@pytest.fixture
def sam(db):
    client = Client(raise_request_exception=False)
    client.force_login(make_person("sam", Role.SHARED_SERVICES))
    return client


@pytest.fixture
def cara(caseworker):
    client = Client(raise_request_exception=False)
    client.force_login(caseworker)
    return client


def test_shared_services_create_a_case_on_the_page(sam, caseworker, manager):
    assert "Create a case record" in sam.get("/cases/").content.decode()

    response = sam.post("/cases/new/", CASE_FORM)

    assert response.status_code == 302 and response["Location"] == "/cases/CMS-0500/"
    case = Case.objects.get(reference="CMS-0500")
    assert (case.service_user.name, case.service_user.postcode, case.manager) == ("Dev Evans", "LS1 4AP", manager)
    assert "Dev Evans" in sam.get(response["Location"]).content.decode()


@pytest.mark.parametrize(
    ("change", "anchor", "message"),
    [
        ({"decision_date_year": "2027"}, "field-decision_date", "The decision date must be today or in the past"),
        (
            {"received_on_day": "10", "received_on_month": "9", "received_on_year": "2026"},
            "field-decision_date",
            "The decision date must be on or after 10 September 2026, when we received the complaint",
        ),
        ({"team": "Team Z"}, "field-team", "There is no team called Team Z"),
        ({"email": "dev@"}, "field-email", "Enter an email address in the correct format"),
        ({"postcode": "12345"}, "field-postcode", "Enter a real postcode"),
        ({"reference": ""}, "field-reference", "Enter the case reference"),
        ({"reference": "X" * 30}, "field-reference", "Shorten the case reference to 20 characters or fewer"),
        ({"name": "N" * 201}, "field-name", "Shorten the full name to 200 characters or fewer"),
    ],
)
def test_bad_input_on_the_page_is_named_in_the_error_summary_and_nothing_is_written(sam, caseworker, change, anchor, message):
    response = sam.post("/cases/new/", {**CASE_FORM, **change})

    page = response.content.decode()
    assert response.status_code == 400
    assert "govuk-error-summary" in page and f'href="#{anchor}"' in page and message in page
    assert not Case.objects.exists() and not ServiceUser.objects.exists()


def test_a_caseworker_cannot_open_the_case_record_pages(cara, make_case):
    case = make_case()
    assert cara.get("/cases/new/").status_code == 404
    assert cara.get(f"/cases/{case.reference}/correct/").status_code == 404
    assert "Create a case record" not in cara.get("/cases/").content.decode()


def test_a_correction_on_the_page_changes_only_what_changed_and_is_audited(sam, make_case):
    case = make_case()
    form = sam.get(f"/cases/{case.reference}/correct/").context["rows"]
    values = {row.spec.name: row.value for row in form if row.spec.kind != "date" and row.value is not None}
    dates = {"decision_date_day": "2", "decision_date_month": "11", "decision_date_year": "2026"}

    response = sam.post(f"/cases/{case.reference}/correct/", {**values, **dates, "risk": "medium", "version": "1"})

    assert response.status_code == 302
    event = Event.objects.get(case=case, action="correct_case")
    assert (event.before, event.after) == ({"risk": "low"}, {"risk": "medium"})
    stale = sam.post(f"/cases/{case.reference}/correct/", {**values, **dates, "risk": "high", "version": "1"})
    assert stale.status_code == 409 and Case.objects.get(pk=case.pk).risk == "medium"


def test_a_correction_on_the_page_may_not_date_the_decision_before_the_complaint_was_received(sam, make_case):
    case = make_case(received_on=date(2026, 10, 20))
    form = sam.get(f"/cases/{case.reference}/correct/").context["rows"]
    values = {row.spec.name: row.value for row in form if row.spec.kind != "date" and row.value is not None}
    dates = {"received_on_day": "20", "received_on_month": "10", "received_on_year": "2026"}
    decided = {"decision_date_day": "19", "decision_date_month": "10", "decision_date_year": "2026"}

    response = sam.post(f"/cases/{case.reference}/correct/", {**values, **dates, **decided, "version": "1"})

    page = response.content.decode()
    assert response.status_code == 400 and 'href="#field-decision_date"' in page
    assert "The decision date must be on or after 20 October 2026, when we received the complaint" in page
    assert Case.objects.get(pk=case.pk).decision_date == date(2026, 11, 2)


def test_a_persons_restriction_shows_on_each_of_their_cases_and_their_page(sam, cara, make_case):
    first = make_case(behaviour_restriction=True)
    second = make_case(service_user=first.service_user)

    for case in (first, second):
        assert "Unacceptable behaviour restriction on" in cara.get(f"/cases/{case.reference}/").content.decode()
    page = cara.get(f"/people/{first.service_user.reference}/").content.decode()
    assert "it applies to all their cases (para 22)" in page and first.reference in page and second.reference in page


def test_people_are_found_by_name_email_or_reference_on_the_page(sam, make_case):
    person = make_case().service_user
    ServiceUser.objects.filter(pk=person.pk).update(email="alice@example.com")
    for query in ("alice b", "alice@example", person.reference):
        assert person.reference in sam.post("/people/", {"q": query}).content.decode()


def test_a_search_finding_more_than_a_page_says_so_and_asks_to_narrow_it(sam, make_case):
    make_case(service_user="Alice Brown")
    ServiceUser.objects.bulk_create(ServiceUser(name=f"Alice Brown {n:02d}", reference=f"SU-T{n:02d}") for n in range(50))

    page = sam.post("/people/", {"q": "alice brown"}).content.decode()

    assert "More than 50 people match ‘alice brown’" in page and "The first 50 people matching" in page
    assert page.count('href="/people/SU-') == 50
    narrowed = sam.post("/people/", {"q": "alice brown 07"}).content.decode()
    assert "More than" not in narrowed and "1 person matching" in narrowed


def test_a_duplicate_is_merged_on_the_page(sam, make_case):
    kept = make_case().service_user
    duplicate = make_case(service_user="Alice Browne").service_user

    refused = sam.post(f"/people/{kept.reference}/merge/", {"duplicate": "SU-999999"})
    assert refused.status_code == 400 and "There is no service user SU-999999" in refused.content.decode()

    response = sam.post(f"/people/{kept.reference}/merge/", {"duplicate": duplicate.reference})
    assert response.status_code == 302
    assert not ServiceUser.objects.filter(pk=duplicate.pk).exists() and kept.cases.count() == 2


def test_oat_may_flag_a_person_for_reviews_to_come_to_them_first_and_nothing_else(oat, make_case):
    person = make_case().service_user
    client = Client(raise_request_exception=False)
    client.force_login(oat)
    rows = client.get(f"/people/{person.reference}/correct/").context["rows"]
    assert [row.spec.name for row in rows] == ["reviews_go_to_oat_first"]
    assert client.post(f"/people/{person.reference}/correct/", {"reviews_go_to_oat_first": "yes"}).status_code == 302
    assert ServiceUser.objects.get(pk=person.pk).reviews_go_to_oat_first
