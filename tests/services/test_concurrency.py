"""Two people at the same moment: nothing is lost, nothing is done twice, no one overwrites another."""

from __future__ import annotations

import threading
from concurrent.futures import ThreadPoolExecutor

import pytest
from django.db import connection, connections, transaction

from casework.models import Event, FeedbackCase
from casework.services.feedback import NewFeedback, log_feedback
from casework.services.records import next_references
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


# Real commits: the data the migrations load is put back for the tests after.
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_logging_feedback_does_not_wait_for_another_transaction_that_took_a_reference(caseworker, make_case):
    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL: SQLite lets one transaction write at a time")
    first, second = make_case(), make_case()
    took, finish = threading.Event(), threading.Event()

    @in_own_connection
    def take_a_reference_and_hold_the_transaction_open():
        with transaction.atomic():
            (reference,) = next_references("FB-", FeedbackCase, 1)
            took.set()
            finish.wait(timeout=30)
        return reference

    @in_own_connection
    def log(case):
        new = NewFeedback(FeedbackKind.DECISION_COMPLAINT, TODAY, Channel.EMAIL, "Logged meanwhile")
        return log_feedback(caseworker, case, new, TODAY).reference

    with ThreadPoolExecutor(2) as pool:
        held = pool.submit(take_a_reference_and_hold_the_transaction_open)
        assert took.wait(timeout=30)
        logging = pool.submit(log, second)
        try:
            logged = logging.result(timeout=10)  # while the other transaction is still open
        finally:
            finish.set()
        assert held.result() != logged
    assert first.pk != second.pk


def test_references_continue_after_the_highest_written_some_other_way(db, caseworker, make_case, complaint):
    first = complaint()
    written = int(first.reference.removeprefix("FB-")) + 1000
    FeedbackCase.objects.filter(pk=first.pk).update(reference=f"FB-{written:06d}")

    assert complaint().reference == f"FB-{written + 1:06d}"
    assert complaint().reference == f"FB-{written + 2:06d}"
    with transaction.atomic():
        assert next_references("FB-", FeedbackCase, 3) == [f"FB-{written + n:06d}" for n in (3, 4, 5)]
