"""What an action costs the database. It loads the feedback, locked, with every fact the rules read
and its audit chain's head (one query), writes what the action changes (tasks closed together in one
statement), reads back none of the typed records it wrote (the rows it wrote are known; before, only
those the load did not already read), and appends the event (on SQLite the chain head moved, checked
in the same statement, and the event inserted; on PostgreSQL both in one statement). Counted, not
timed: each bound is the count today on SQLite, with BEGIN and COMMIT; a new lookup per action shows
here first."""

from __future__ import annotations

import pytest

from casework.models import FeedbackCase
from casework.models.staff import roles_of, team_of
from casework.read.facts import feedback_facts, severity_scale, working_calendar
from casework.read.reference import (
    charter_commitments,
    service_model_sections,
    service_model_sections_by_name,
    severity_levels,
)
from casework.services.feedback import take_action
from casework.services.records import letter_templates
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
# audit's two are 5 of each; the rest are the action's own writes, and a read before of each kind of
# typed record it writes that the load did not read.
ACTIONS_AND_BOUNDS = [
    ("caseworker", *CHECK, 7),  # the answers made
    ("caseworker", *REQUEST, 9),  # no typed record: the letter, a task closed and one opened
    ("caseworker", *grounds_on(DEADLINE), 10),  # the grounds and each ground, a task closed and one opened
    ("caseworker", *ACCEPT, 7),  # a task closed
    ("caseworker", *ANALYSE, 7),
    ("caseworker", *REFER, 9),
    ("oat", "take_referral", {}, AFTER_DEADLINE, 9),  # the referrals read (before), one changed, its task
    ("caseworker", *RISK, 7),
    ("oat", "oat_outcome_accepted", {"advice": "We will review it"}, AFTER_DEADLINE, 10),
    (
        "oat",
        "record_review_decision",
        UPHELD,
        AFTER_DEADLINE,
        14,
    ),  # each ground read (before) and its finding, the decision, a letter read with the findings; the para 53 notice (3)
    ("oat", "offer_remedy", PAYMENT, AFTER_DEADLINE, 7),
    ("oat", "record_learning_point", LEARNING, AFTER_DEADLINE, 12),  # the line manager; the para 56 notice (3)
]


def test_each_action_of_a_review_costs_a_bounded_number_of_queries(caseworker, oat, make_case, django_assert_max_num_queries):
    people = {"caseworker": caseworker, "oat": oat}
    feedback = log_complaint(caseworker, make_case)
    severity_scale(), working_calendar(), severity_levels(), service_model_sections()  # kept from earlier requests
    letter_templates(), charter_commitments(), service_model_sections_by_name()
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
