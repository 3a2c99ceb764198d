"""My work and the manager's team view, on the page and through the API."""

from __future__ import annotations

import pytest
from django.test import Client

from casework.models import Task
from tests.api.conftest import ApiClient
from tests.web.test_pages import signed_in

pytestmark = pytest.mark.django_db


def test_my_work_lists_feedback_under_consideration_with_what_is_needed_and_its_due_date(client, caseworker, considering):
    feedback = considering()
    Task.objects.filter(feedback_case=feedback).delete()
    page = signed_in(client, caseworker).get("/").content.decode()
    assert f'href="/feedback/{feedback.reference}/"' in page
    assert feedback.state_label in page
    assert "Target: the case owner" in page


def test_the_api_lists_my_work_with_its_holder_and_due_date(caseworker, considering):
    feedback = considering()
    listed = ApiClient(caseworker).get("/work").json()
    assert listed["count"] == len(listed["items"])
    mine = next(item for item in listed["items"] if item["reference"] == feedback.reference)
    assert (mine["holder"], mine["held_by"], mine["queue"]) == ("case_owner", "Cara", None)
    assert mine["due_date"] and mine["needed"]


def test_a_manager_sees_each_persons_open_work_and_the_teams_totals(client, manager, caseworker, considering):
    feedback = considering()
    page = signed_in(client, manager).get("/team/").content.decode()
    assert '<a class="govuk-service-navigation__link" href="/team/"' in page
    assert '<th scope="col" class="govuk-table__header govuk-table__header--numeric">Overdue</th>' in page
    assert f'href="/feedback/{feedback.reference}/"' in page
    assert f'id="person-{caseworker.pk}"' in page


def test_the_team_view_is_not_found_for_anyone_but_a_manager(caseworker):
    client = Client()
    response = signed_in(client, caseworker).get("/team/")
    assert response.status_code == 404
    assert 'href="/team/"' not in signed_in(Client(), caseworker).get("/").content.decode()


def test_my_work_shows_the_most_pressing_first_few_and_links_to_all_of_them_a_page_at_a_time(
    client, caseworker, considering, monkeypatch
):
    monkeypatch.setattr("web.views.work.FIRST", 2)
    monkeypatch.setattr("web.pagination.PAGE_SIZE", 2)
    references = {considering().reference for _ in range(3)}
    signed_in(client, caseworker)

    page = client.get("/").content.decode()
    work = page.split("role's queue hold", 1)[1].split("</table>", 1)[0]  # not the letters to send below it
    everything = client.get("/work/").content.decode() + client.get("/work/?page=2").content.decode()

    assert sum(reference in work for reference in references) == 2
    assert 'href="/work/">See all 3 items of your work</a>' in page
    assert all(reference in everything for reference in references)
    assert "3 items, 1 to 2 shown" in everything


def test_the_team_view_shows_each_persons_first_few_and_links_to_all_they_hold(
    client, manager, caseworker, considering, monkeypatch
):
    monkeypatch.setattr("web.views.team.FIRST", 2)
    references = {considering().reference for _ in range(3)}
    signed_in(client, manager)

    page = client.get("/team/").content.decode()
    theirs = client.get(f"/team/{caseworker.pk}/").content.decode()

    assert sum(f'href="/feedback/{reference}/"' in page for reference in references) == 2
    assert f'href="/team/{caseworker.pk}/">See all 3 items of' in page
    assert all(reference in theirs for reference in references)


def test_a_persons_work_is_not_found_for_anyone_outside_the_managers_team(client, manager, oat, caseworker):
    assert signed_in(client, manager).get(f"/team/{oat.pk}/").status_code == 404
    assert signed_in(Client(), caseworker).get(f"/team/{caseworker.pk}/").status_code == 404
