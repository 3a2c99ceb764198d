"""Reassigning cases and adding a file note, on the pages."""

from __future__ import annotations

import pytest

from policy.facts import Role
from tests.conftest import make_person
from tests.web.test_pages import signed_in

pytestmark = pytest.mark.django_db


def test_a_manager_reassigns_a_case_on_the_page_and_a_missing_reason_is_explained(client, manager, team_a, considering):
    colleague = make_person("cole", Role.CASEWORKER, team_a, manager)
    feedback = considering()
    signed_in(client, manager)
    form = {"cases": [feedback.case.reference], "new_owner": str(colleague.pk), "reason": ""}
    refused = client.post("/team/reassign/", form)
    assert refused.status_code == 400
    assert "Enter why the cases are reassigned" in refused.content.decode()

    done = client.post("/team/reassign/", {**form, "reason": "Cara is on leave"}, follow=True)
    assert f"Reassigned {feedback.case.reference} to Cole" in done.content.decode()


def test_the_reassign_page_is_not_found_for_a_caseworker(client, caseworker):
    assert signed_in(client, caseworker).get("/team/reassign/").status_code == 404


def test_a_file_note_is_added_and_shown_in_the_timeline(client, caseworker, considering):
    feedback = considering()
    signed_in(client, caseworker)
    assert client.post(f"/feedback/{feedback.reference}/notes/new/", {"note": ""}).status_code == 400
    page = client.post(f"/feedback/{feedback.reference}/notes/new/", {"note": "Called them & left a message"}, follow=True)
    assert "Called them &amp; left a message" in page.content.decode()
