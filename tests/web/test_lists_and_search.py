"""The lists of cases and feedback: search across every reference, kept out of the address while
paging; filters by kind, state, team, case owner and overdue; sorting; a status column; GOV.UK pagination."""

from __future__ import annotations

import re
from datetime import date, timedelta

import pytest
from django.utils import timezone

from casework.models import FeedbackCase
from casework.services.feedback import NewFeedback, log_feedback, take_action
from policy.facts import Channel, FeedbackKind, Role
from tests.conftest import make_person
from tests.services.conftest import CHECK, REQUEST, log_complaint
from tests.web.test_pages import signed_in

pytestmark = pytest.mark.django_db


def table(page: str, name: str) -> str:
    return page.split(f'id="{name}"', 1)[1].split("</table>", 1)[0]


def rows(page: str, name: str) -> str:
    return table(page, name).split("<tbody", 1)[1]


def positive(caseworker, case):
    new = NewFeedback(FeedbackKind.POSITIVE, timezone.localdate(), Channel.EMAIL, "Thank you")
    return log_feedback(caseworker, case, new, timezone.localdate())


def test_searching_cases_finds_a_case_by_its_feedbacks_reference(client, caseworker, make_case):
    feedback = log_complaint(caseworker, make_case, service_user="Bob Green")
    make_case(service_user="Carol White")

    found = table(signed_in(client, caseworker).post("/cases/", {"q": feedback.reference.lower()}).content.decode(), "cases")

    assert feedback.case.reference in found and "Carol White" not in found


@pytest.mark.parametrize("by", ["feedback", "case", "service_user", "organisation"])
def test_searching_feedback_matches_every_reference_the_service_user_and_the_organisation(client, caseworker, make_case, by):
    wanted = log_complaint(caseworker, make_case, service_user="Bob Green", organisation="Eastfield Hospital")
    other = log_complaint(caseworker, make_case)
    query = {
        "feedback": wanted.reference,
        "case": wanted.case.reference,
        "service_user": "bob gr",
        "organisation": "EASTFIELD",
    }[by]

    found = table(signed_in(client, caseworker).post("/feedback/", {"q": query}).content.decode(), "feedback")

    assert wanted.reference in found and other.reference not in found


def test_the_search_stays_out_of_the_address_while_paging_and_an_empty_search_clears_it(
    client, caseworker, make_case, monkeypatch
):
    monkeypatch.setattr("web.pagination.PAGE_SIZE", 2)
    for _ in range(5):
        make_case(service_user="Dora Black")
    make_case(service_user="Someone Else")
    cara = signed_in(client, caseworker)

    first = cara.post("/cases/?sort=newest", {"q": "Dora"}).content.decode()

    assert "5 cases matching ‘Dora’: 1 to 2 shown" in first
    hrefs = re.findall(r'class="govuk-link govuk-pagination__link" href="([^"]+)"', first)
    assert hrefs and all("Dora" not in href and "q=" not in href for href in hrefs)
    assert "?sort=newest&amp;page=2" in first and 'rel="next"' in first
    second = cara.get("/cases/?sort=newest&page=3").content.decode()
    assert "5 cases matching ‘Dora’: 5 to 5 shown" in second
    assert 'rel="next"' not in second and 'rel="prev"' in second
    assert 'aria-current="page">3<' in second
    cleared = cara.post("/cases/", {"q": ""}).content.decode()
    assert "6 cases" in cleared


def test_cases_filter_by_team_and_status_and_show_how_much_feedback_is_open(client, caseworker, make_case, team_b, oat):
    open_one = log_complaint(caseworker, make_case).case
    quiet = make_case(team=team_b)

    page = signed_in(client, oat).get("/cases/").content.decode()
    rows = table(page, "cases")
    assert "1 open" in rows and "None open" in rows
    only_open = table(client.get("/cases/?status=open").content.decode(), "cases")
    assert open_one.reference in only_open and quiet.reference not in only_open
    team = table(client.get(f"/cases/?team={team_b.pk}").content.decode(), "cases")
    assert quiet.reference in team and open_one.reference not in team


def test_feedback_filters_by_kind_and_state_and_shows_each_status_with_its_holder(client, caseworker, make_case):
    complaint = take_action(caseworker, log_complaint(caseworker, make_case).reference, *REQUEST)
    thanks = positive(caseworker, make_case())
    cara = signed_in(client, caseworker)

    every = table(cara.get("/feedback/").content.decode(), "feedback")
    assert "Grounds requested" in every and "With the manager" in every
    assert caseworker.get_full_name() in every
    kind = table(cara.get("/feedback/?kind=positive").content.decode(), "feedback")
    assert thanks.reference in kind and complaint.reference not in kind
    state = table(cara.get("/feedback/?state=decision_complaint.grounds_requested").content.decode(), "feedback")
    assert complaint.reference in state and thanks.reference not in state


def test_feedback_filters_overdue_and_sorts_due_soonest_first(client, caseworker, make_case, monkeypatch):
    # Received within days (first consideration is due within ten), against grounds asked for and
    # due in two months' time; looked at a fortnight from now.
    monkeypatch.setattr("web.views.lists.today", lambda: timezone.localdate() + timedelta(days=14))
    late = take_action(caseworker, log_complaint(caseworker, make_case).reference, *CHECK)
    fresh = take_action(caseworker, log_complaint(caseworker, make_case).reference, *REQUEST)
    FeedbackCase.objects.filter(pk=fresh.pk).update(grounds_deadline=timezone.localdate() + timedelta(days=60))
    cara = signed_in(client, caseworker)

    overdue = table(cara.get("/feedback/?overdue=yes").content.decode(), "feedback")
    assert late.reference in overdue and fresh.reference not in overdue
    assert "Overdue" in overdue
    by_due = table(cara.get("/feedback/?sort=due").content.decode(), "feedback")
    assert by_due.index(late.reference) < by_due.index(fresh.reference)
    newest = table(cara.get("/feedback/?sort=newest").content.decode(), "feedback")
    assert newest.index(fresh.reference) < newest.index(late.reference)


def test_lists_show_only_what_the_person_may_see(client, caseworker, outsider, make_case):
    hidden = log_complaint(caseworker, make_case)

    otto = signed_in(client, outsider)

    assert hidden.reference not in rows(otto.post("/feedback/", {"q": hidden.reference}).content.decode(), "feedback")
    assert hidden.case.reference not in rows(otto.post("/cases/", {"q": hidden.case.reference}).content.decode(), "cases")


def test_a_page_past_the_end_shows_the_last_page(client, caseworker, make_case):
    make_case()

    page = signed_in(client, caseworker).get("/cases/?page=99")

    assert page.status_code == 200 and "1 case" in page.content.decode()


def test_both_lists_filter_by_case_owner_and_keep_it_while_paging(client, caseworker, manager, team_a, make_case, monkeypatch):
    monkeypatch.setattr("web.pagination.PAGE_SIZE", 1)
    colleague = make_person("cora", Role.CASEWORKER, team_a, manager)
    caras = [log_complaint(caseworker, make_case) for _ in range(2)]
    coras = log_complaint(caseworker, make_case, case_owner=colleague)
    cara = signed_in(client, caseworker)

    cases = cara.get(f"/cases/?owner={colleague.pk}").content.decode()
    assert coras.case.reference in table(cases, "cases") and "1 case" in cases
    assert f'<option value="{colleague.pk}" selected>Cora</option>' in cases
    feedback = cara.get(f"/feedback/?owner={caseworker.pk}").content.decode()
    assert "2 pieces of feedback: 1 to 1 shown" in feedback
    assert f"?owner={caseworker.pk}&amp;page=2" in feedback
    second = table(cara.get(f"/feedback/?owner={caseworker.pk}&page=2").content.decode(), "feedback")
    assert coras.reference not in second and any(one.reference in second for one in caras)


@pytest.mark.parametrize("owner", ["nobody", "-1", "99999", "9" * 30, "1.5"])
def test_an_owner_that_is_not_offered_is_ignored(client, caseworker, make_case, owner):
    log_complaint(caseworker, make_case)
    make_case()
    cara = signed_in(client, caseworker)

    for path in ("/cases/", "/feedback/"):
        page = cara.get(f"{path}?owner={owner}")
        assert page.status_code == 200 and " selected>" not in page.content.decode().split('id="owner"')[1].split("</select>")[0]
    assert "2 cases" in cara.get(f"/cases/?owner={owner}").content.decode()


def test_the_owners_offered_are_those_of_the_cases_the_person_may_see(client, caseworker, make_case, team_b):
    stranger = make_person("stan", Role.CASEWORKER, team_b)
    make_case(team=team_b, case_owner=stranger)
    make_case()

    page = signed_in(client, caseworker).get("/cases/").content.decode()

    offered = page.split('id="owner"')[1].split("</select>")[0]
    assert "Cara" in offered and "Stan" not in offered


def test_a_list_longer_than_it_counts_says_more_than_and_links_to_the_next_page_not_the_last(
    client, caseworker, make_case, monkeypatch
):
    monkeypatch.setattr("web.pagination.PAGE_SIZE", 2)
    monkeypatch.setattr("web.pagination.COUNTED_AT_MOST", 3)
    for _ in range(6):
        make_case()
    cara = signed_in(client, caseworker)

    first = cara.get("/cases/").content.decode()
    assert "More than 3 cases: 1 to 2 shown" in first
    assert 'rel="next"' in first and "page=3" not in first and "govuk-pagination__item--ellipses" in first
    second = cara.get("/cases/?page=2").content.decode()
    assert "More than 4 cases: 3 to 4 shown" in second and 'rel="next"' in second
    last = cara.get("/cases/?page=3").content.decode()
    assert "6 cases: 5 to 6 shown" in last and 'rel="next"' not in last


@pytest.mark.parametrize("few", [1, 1000])
def test_a_search_finds_the_same_whether_few_or_many_match(client, caseworker, make_case, monkeypatch, few):
    # Over `FEW` matches a list is read in its order, each row checked; under, from the ids found.
    monkeypatch.setattr("casework.read.search.FEW", few)
    by_name = [make_case(service_user="Dora Black", decision_date=date(2026, 10, day)) for day in (3, 1, 2)]
    by_organisation = make_case(organisation="Blackheath Hospital")
    by_feedback = log_complaint(caseworker, make_case)
    make_case(service_user="Someone Else")
    cara = signed_in(client, caseworker)

    found = table(cara.post("/cases/?sort=newest", {"q": "black"}).content.decode(), "cases")
    shown = re.findall(r">(PHSO-\d+)<", found)
    newest_first = sorted(by_name, key=lambda case: case.decision_date, reverse=True)
    assert shown == [by_organisation.reference] + [case.reference for case in newest_first]
    assert "4 cases matching" in cara.get("/cases/?sort=newest").content.decode()
    feedback = table(cara.post("/feedback/", {"q": by_feedback.reference.lower()}).content.decode(), "feedback")
    assert by_feedback.reference in feedback and by_name[0].reference not in feedback
    cases = table(cara.post("/cases/", {"q": by_feedback.reference}).content.decode(), "cases")
    assert re.findall(r">(PHSO-\d+)<", cases) == [by_feedback.case.reference]
