"""Every list, queue and page that grows with the caseload reads it in a fixed number of queries:
the same with three times the rows as with one lot of them. A page that queried once per row would
be quick in the tests and slow in production."""

from __future__ import annotations

from itertools import count

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from casework.models import ApiToken
from casework.services.feedback import NewFeedback, log_feedback, take_action
from policy.facts import Channel, FeedbackKind
from tests.services.after_review_walks import awaiting_approval, decided_review
from tests.services.conftest import AFTER_DEADLINE, LEARNING, PAYMENT, TODAY, log_complaint

pytestmark = pytest.mark.django_db

N = 2  # rows of each kind at first; then three times as many


@pytest.fixture
def world(at_oat, walk, caseworker, manager, oat, make_case):
    """Rows of every kind the pages list, added `n` at a time, around one case and one reviewed complaint."""
    case = make_case()
    focus = decided_review(at_oat, walk, oat, "financial_remedy")
    serial = count()

    def add(kind: str, n: int) -> None:
        for _ in range(n):
            if kind == "referrals":  # in OAT's queue, and counted by insight
                at_oat()
            elif kind == "complaints":  # a case each, a task for its owner, work for the manager
                log_complaint(caseworker, make_case)
            elif kind == "legal":  # a Judicial Review in prospect: a request for the Legal Team
                log_complaint(caseworker, make_case, jr_in_prospect=True)
            elif kind == "approvals":  # a new investigation waiting for the Ombudsman's approval
                awaiting_approval(decided_review(at_oat, walk, oat, "new_detailed_investigation"), oat)
            elif kind == "on_the_case":  # more feedback about one case
                new = NewFeedback(FeedbackKind.SERVICE_COMPLAINT, TODAY, Channel.EMAIL, f"Complaint {next(serial)}")
                log_feedback(caseworker, case, new, TODAY)
            elif kind == "history":  # remedies, learning points and their events on one complaint
                take_action(oat, focus.reference, "offer_remedy", PAYMENT, AFTER_DEADLINE)
                take_action(oat, focus.reference, "record_learning_point", LEARNING, AFTER_DEADLINE)

    return {"add": add, "case": case.reference, "focus": focus.reference, "caseworker": caseworker.pk}


def web(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


class Api:
    def __init__(self, user):
        self.client, key = Client(), ApiToken.issue(user, "tests")[1]
        self.headers = {"Authorization": f"Bearer {key}"}

    def get(self, path: str):
        return self.client.get("/api/v1" + path, headers=self.headers)


PAGES = [
    # what grows, who looks, how, and where
    ("complaints", "caseworker", web, "/"),
    ("complaints", "manager", web, "/"),
    ("complaints", "caseworker", web, "/work/"),
    ("complaints", "manager", web, "/team/"),
    ("complaints", "manager", web, "/team/{caseworker}/"),
    ("complaints", "caseworker", web, "/cases/"),
    ("complaints", "caseworker", web, "/feedback/"),
    ("complaints", "manager", web, "/feedback/?sort=due"),
    ("on_the_case", "caseworker", web, "/cases/{case}/"),
    ("history", "oat", web, "/feedback/{focus}/"),
    ("referrals", "oat", web, "/oat/"),
    ("legal", "lawyer", web, "/legal/"),
    ("approvals", "ombudsman", web, "/approvals/"),
    ("referrals", "oat", web, "/insight/"),
    ("history", "oat", web, "/insight/"),
    ("history", "manager", web, "/learning/"),
    ("complaints", "caseworker", Api, "/cases"),
    ("complaints", "caseworker", Api, "/work"),
    ("complaints", "caseworker", Api, "/people"),
    ("on_the_case", "caseworker", Api, "/cases/{case}/feedback"),
    ("history", "oat", Api, "/feedback/{focus}/events"),
    ("history", "oat", Api, "/feedback/{focus}"),
    ("referrals", "oat", Api, "/oat/referrals"),
    ("legal", "lawyer", Api, "/legal/requests"),
    ("approvals", "ombudsman", Api, "/approvals"),
]


@pytest.mark.parametrize(
    ("rows", "person", "client", "path"), PAGES, ids=[f"{c.__name__} {p} as {who} ({r})" for r, who, c, p in PAGES]
)
def test_a_page_takes_as_many_queries_with_three_times_the_rows(world, request, rows, person, client, path):
    as_them = client(request.getfixturevalue(person))
    url = path.format(**world)

    def queries() -> tuple[int, bytes]:
        with CaptureQueriesContext(connection) as captured:
            response = as_them.get(url)
        assert response.status_code == 200, url
        return len(captured), response.content

    world["add"](rows, N)
    as_them.get(url)  # the first request looks up what every later one finds cached
    few, before = queries()
    world["add"](rows, 2 * N)
    many, after = queries()

    assert after != before, "the page should show the rows added"
    assert many == few
