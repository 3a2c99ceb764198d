"""The workflow diagram: read left to right at a readable size, each arrow named by its action, the
table below in people's words; and a case's own diagram, with where it is highlighted."""

from __future__ import annotations

import re

import pytest

from policy.workflows.registry import WORKFLOWS
from tests.services.conftest import log_complaint
from tests.web.test_pages import signed_in
from web.diagram import general_actions, svg

pytestmark = pytest.mark.django_db

DECISIONS = WORKFLOWS["decision_complaint"]


def test_every_drawn_arrow_is_labelled_with_its_actions_words_at_a_readable_size():
    drawn = svg(DECISIONS)
    text = re.sub(r"</tspan><tspan[^>]*>", " ", drawn)

    for action in DECISIONS.actions:
        if action.target and action not in general_actions(DECISIONS):
            assert action.label.split()[0] in text
            assert f"<title>{action.label}" in drawn or f" / {action.label}" in drawn.replace("&#x27;", "'")
    assert min(int(size) for size in re.findall(r'font-size="(\d+)"', drawn)) >= 13
    width = int(re.search(r'<svg[^>]* width="(\d+)"', drawn).group(1))
    height = int(re.search(r'<svg[^>]* height="(\d+)"', drawn).group(1))
    assert width > height  # left to right, not a tall column of boxes


def test_the_page_lists_every_action_by_the_states_labels_not_their_names(client, caseworker):
    page = signed_in(client, caseworker).get("/workflow/decision_complaint/").content.decode()

    table = page.split("<caption", 1)[1].split("</table>", 1)[0]
    assert "Grounds requested" in table and "Referred to OAT" in table
    assert "grounds_requested" not in table and "with_oat" not in table
    assert "Ombudsman&#x27;s Assurance Team" in table and ">oat<" not in table.lower()
    assert 'id="general-actions"' in page and "Write to the service user" in page


def test_a_cases_own_diagram_highlights_where_it_is_and_the_feedback_page_links_to_it(client, caseworker, make_case):
    feedback = log_complaint(caseworker, make_case)
    cara = signed_in(client, caseworker)

    detail = cara.get(f"/feedback/{feedback.reference}/").content.decode()
    own = f"/feedback/{feedback.reference}/workflow/"
    assert f'id="workflow-link" href="{own}"' in detail
    page = cara.get(own).content.decode()

    assert f"{feedback.reference} is at <strong>Received</strong>" in page
    highlighted = page.split('id="state-received"', 1)[1].split("</g>", 1)[0]
    assert 'fill="#ffdd00"' in highlighted and "(the case is here)" in highlighted
    assert page.count('fill="#ffdd00"') == 1


def test_a_cases_diagram_is_not_found_for_someone_who_may_not_see_the_case(client, caseworker, outsider, make_case):
    feedback = log_complaint(caseworker, make_case)

    assert signed_in(client, outsider).get(f"/feedback/{feedback.reference}/workflow/").status_code == 404
