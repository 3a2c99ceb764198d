"""What an action costs the database. It loads the feedback, locked, with every fact the rules read
and its audit chain's head (one query), writes what the action changes, reads back only the typed
records it wrote, for the audit event (after; before only those the load did not already read), and
appends the event (the chain head moved, checked in the same statement, and the event inserted).
Counted, not timed: each bound is the count today, with BEGIN and
COMMIT; a new lookup per action shows here first."""

from __future__ import annotations

import pytest

from casework.models import FeedbackCase
from casework.models.staff import roles_of, team_of
from casework.read.facts import feedback_facts, severity_scale, working_calendar
from casework.read.reference import service_model_sections, severity_levels
from casework.services.feedback import take_action
from tests.services.conftest import (
    ACCEPT,
    AFTER_DEADLINE,
    ANALYSE,
    CHECK,
    DEADLINE,
    LEARNING,
    PAYMENT,
    REFER,
    REQUEST,
    RISK,
    UPHELD,
    grounds_on,
    log_complaint,
)

pytestmark = pytest.mark.django_db

# Who, the action, its inputs, the date, and at most how many queries: BEGIN, the load, COMMIT and the
# audit's two are 5 of each; the rest are the action's own writes, a read after of each kind of typed
# record it writes (and before, of those the load did not read), and the tasks it opened, read to tell
# whoever they reached.
ACTIONS_AND_BOUNDS = [
    ("caseworker", *CHECK, 8),  # the answers: made, and read after
    ("caseworker", *REQUEST, 11),  # no typed record: a task closed, the letter's template, the letter, a task
    ("caseworker", *grounds_on(DEADLINE), 15),  # the grounds and each ground
    ("caseworker", *ACCEPT, 7),
    ("caseworker", *ANALYSE, 8),
    ("caseworker", *REFER, 11),
    ("oat", "take_referral", {}, AFTER_DEADLINE, 11),
    ("caseworker", *RISK, 8),
    ("oat", "oat_outcome_accepted", {"advice": "We will review it"}, AFTER_DEADLINE, 14),
    (
        "oat",
        "record_review_decision",
        UPHELD,
        AFTER_DEADLINE,
        19,
    ),  # the decision, each ground's finding, a letter; the para 53 notice (4)
    ("oat", "offer_remedy", PAYMENT, AFTER_DEADLINE, 8),
    ("oat", "record_learning_point", LEARNING, AFTER_DEADLINE, 17),  # the para 56 notice to the line manager (4)
]


def test_each_action_of_a_review_costs_a_bounded_number_of_queries(caseworker, oat, make_case, django_assert_max_num_queries):
    people = {"caseworker": caseworker, "oat": oat}
    feedback = log_complaint(caseworker, make_case)
    severity_scale(), working_calendar(), severity_levels(), service_model_sections()  # kept from earlier requests
    roles_of(oat), team_of(oat)  # read once a request, before the action
    for who, name, inputs, today, bound in ACTIONS_AND_BOUNDS:
        with django_assert_max_num_queries(bound, info=name):
            take_action(people[who], feedback.reference, name, inputs, today)


def test_the_facts_of_feedback_with_a_long_history_are_read_in_one_query(at_oat, walk, oat, django_assert_num_queries):
    feedback = walk(at_oat(), RISK)
    for name, inputs in [("oat_outcome_accepted", {"advice": "We will review it"}), ("record_review_decision", UPHELD)]:
        feedback = take_action(oat, feedback.reference, name, inputs, AFTER_DEADLINE)
    for _ in range(3):
        take_action(oat, feedback.reference, "offer_remedy", PAYMENT, AFTER_DEADLINE)
        take_action(oat, feedback.reference, "record_learning_point", LEARNING, AFTER_DEADLINE)
    feedback = FeedbackCase.objects.select_related("case").get(pk=feedback.pk)
    feedback_facts(feedback, oat)  # the severity scale, kept once read

    with django_assert_num_queries(1):
        facts = feedback_facts(feedback, oat)
    assert (facts.remedy_count, facts.financial_remedy_count, facts.learning_point_count) == (3, 3, 3)
    assert (facts.oat_caseworker, facts.oat_outcome, facts.review_route, facts.ground_types) == (
        oat.username,
        "accepted",
        "financial_remedy",
        ("overlooked",),
    )
    assert facts.risk_assessed and facts.finding_upheld and facts.pending_approval is None
