"""Two people at the same moment: nothing is lost, nothing is done twice, no one overwrites another."""

from __future__ import annotations

import threading
from concurrent.futures import ThreadPoolExecutor

import pytest
from django.db import connection, connections

from casework.models import Event, FeedbackCase
from casework.services.feedback import NewFeedback, log_feedback
from policy.facts import Channel, FeedbackKind
from tests.conftest import TODAY

CONCURRENT = 50


def in_own_connection(work):
    """Run `work` in a thread's own database connection, closed when it is done, as a server would."""

    def run(*args):
        try:
            return work(*args)
        finally:
            connections.close_all()

    return run


# Real commits: the data the migrations load is put back for the tests after.
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_fifty_feedback_cases_logged_at_the_same_moment_all_succeed_with_distinct_references(caseworker, make_case):
    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL: SQLite's shared in-memory test database locks tables, not rows")
    cases = [make_case() for _ in range(CONCURRENT)]
    start = threading.Barrier(CONCURRENT)

    @in_own_connection
    def log(case):
        start.wait(timeout=30)
        new = NewFeedback(FeedbackKind.DECISION_COMPLAINT, TODAY, Channel.EMAIL, "Logged at the same moment")
        return log_feedback(caseworker, case, new, TODAY).reference

    with ThreadPoolExecutor(CONCURRENT) as pool:
        references = list(pool.map(log, cases))

    assert len(set(references)) == CONCURRENT
    assert FeedbackCase.objects.count() == CONCURRENT
    assert Event.objects.filter(action="log_feedback").count() == CONCURRENT


def test_references_continue_after_the_highest_written_some_other_way(db, caseworker, make_case, complaint):
    first = complaint()
    FeedbackCase.objects.filter(pk=first.pk).update(reference="FB-000041")

    assert complaint().reference == "FB-000042"
    assert complaint().reference == "FB-000043"
