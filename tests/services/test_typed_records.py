"""The records of a review are typed records, not blobs: each referral to OAT keeps its own outcome,
people are people (foreign keys), every change shows in the audit trail, and the blobs of earlier
versions convert to the records and back."""

from __future__ import annotations

import importlib
import json
import sys
from datetime import date

import pytest
from django.apps import apps
from django.contrib.auth.models import User
from django.core.serializers.json import DjangoJSONEncoder
from django.db.models import JSONField

from casework.models import (
    ChallengeAnswers,
    Event,
    FeedbackCase,
    Grounds,
    NewInvestigationProposal,
    QuashProposal,
    Referral,
    ReviewDecision,
    RiskAssessment,
)
from casework.read.after_review import quash_proposal
from casework.read.facts import feedback_facts
from casework.services import feedback as feedback_service
from casework.services.feedback import take_action
from casework.services.record_watch import TYPED_RECORDS
from casework.services.records import AUDITED_FEEDBACK_FIELDS, RECORDS, changes
from policy.after_review import QUASH_CRITERIA
from policy.review import OatOutcome
from tests.services import after_review_walks
from tests.services import conftest as services_conftest
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
)

pytestmark = pytest.mark.django_db

migration = importlib.import_module("casework.migrations.0012_typed_records")

RETURNED = ("oat_outcome_returned_further_work", {"advice": "Ask for the discharge letter"})
ACTED = ("act_on_oat_directions", {"action_taken": "Asked for it", "service_user_told": "We are looking again"}, AFTER_DEADLINE)


def act(person, feedback, name, inputs=None):
    return take_action(person, feedback.reference, name, inputs or {}, AFTER_DEADLINE)


@pytest.mark.policy("46")
def test_a_second_referral_to_oat_keeps_the_first_with_its_outcome(at_oat, walk, oat):
    feedback = act(oat, at_oat(), *RETURNED)
    feedback = walk(feedback, ACTED, REFER)

    first, second = feedback.referrals.order_by("id")
    assert (first.outcome, first.directions, first.oat_caseworker, first.decided_on) == (
        OatOutcome.FURTHER_WORK,
        "Ask for the discharge letter",
        oat,
        AFTER_DEADLINE,
    )
    assert (second.referred_on, second.oat_caseworker, second.outcome) == (AFTER_DEADLINE, None, "")
    facts = feedback_facts(feedback)
    assert (facts.oat_caseworker, facts.oat_outcome) == (None, "")  # the rules read the current referral

    feedback = act(oat, act(oat, feedback, "take_referral"), "oat_outcome_accepted", {"advice": "We will review it"})
    assert list(feedback.referrals.order_by("id").values_list("outcome", flat=True)) == [
        OatOutcome.FURTHER_WORK,
        OatOutcome.ACCEPTED,
    ]


def test_the_people_on_the_records_are_people_and_no_blob_is_left_on_the_feedback(at_oat, walk, oat, caseworker):
    feedback = walk(at_oat(), RISK)
    feedback = act(oat, act(oat, feedback, "oat_outcome_accepted", {"advice": "Review"}), "record_review_decision", UPHELD)

    assert Grounds.objects.get(feedback_case=feedback).recorded_by == caseworker
    assert ChallengeAnswers.objects.get(feedback_case=feedback).answered_by == caseworker
    assert RiskAssessment.objects.get(feedback_case=feedback).assessed_by == caseworker
    referral = Referral.objects.get(feedback_case=feedback)
    assert (referral.referred_by, referral.oat_caseworker) == (caseworker, oat)
    assert ReviewDecision.objects.get(feedback_case=feedback).decided_by == oat
    assert not [field.name for field in FeedbackCase._meta.concrete_fields if isinstance(field, JSONField)]


def test_a_quash_proposal_names_its_proposer_even_after_their_username_changes(at_oat, walk, oat):
    feedback = walk(at_oat(), RISK)
    for name, inputs in [("oat_outcome_accepted", {"advice": "Review"}), ("record_review_decision", UPHELD)]:
        feedback = act(oat, feedback, name, inputs)
    criteria = {"missed_or_new_evidence": True, "incontrovertibly_wrong": False, "no_other_way": True, "public_interest": True}
    feedback = act(oat, feedback, "propose_quash", {**criteria, "reasons": "The report names the wrong surgeon"})
    User.objects.filter(pk=oat.pk).update(username="olive.new")

    proposal = quash_proposal(FeedbackCase.objects.get(pk=feedback.pk))
    assert proposal.proposed_by == "Olive"
    assert {criterion.name: criterion.held for criterion in proposal.criteria} == criteria


def test_the_quash_proposal_has_a_column_for_each_para_67_criterion():
    columns = {field.name for field in QuashProposal._meta.concrete_fields if field.get_internal_type() == "BooleanField"}
    assert columns == {name for name, _ in QUASH_CRITERIA}


def test_every_column_of_the_feedback_case_but_its_id_clock_and_version_is_audited():
    columns = {field.attname for field in FeedbackCase._meta.concrete_fields}
    assert set(AUDITED_FEEDBACK_FIELDS) == columns - {"id", "updated_at", "version"}
    assert {"handling_manager_id", "decided_on", "oat_advice_decision"} <= set(AUDITED_FEEDBACK_FIELDS)


def test_recorded_grounds_and_an_oat_outcome_show_in_the_audit_events_before_and_after(complaint, walk, oat, caseworker):
    feedback = walk(complaint(), CHECK, REQUEST, grounds_on(DEADLINE))
    recorded = Event.objects.filter(feedback_case=feedback, action="record_grounds").get()
    grounds = Grounds.objects.get(feedback_case=feedback)
    assert recorded.before["grounds_received_date"] is None
    assert recorded.after["grounds_received_date"] == DEADLINE.isoformat()
    assert "records" not in recorded.before or f"Grounds {grounds.pk}" not in recorded.before["records"]
    made = recorded.after["records"]
    assert made[f"Grounds {grounds.pk}"]["why_wrong"] == "You did not read the discharge letter I sent"
    assert made[f"Grounds {grounds.pk}"]["recorded_by_id"] == caseworker.pk
    item = grounds.items.get()
    assert made[f"Ground {item.pk}"] == {
        "id": item.pk,
        "grounds_id": grounds.pk,
        "ground_type": "overlooked",
        "finding": "",
        "reasons": "",
    }

    feedback = walk(feedback, ACCEPT, ANALYSE, REFER)
    feedback = act(oat, act(oat, feedback, "take_referral"), *RETURNED)
    returned = Event.objects.filter(feedback_case=feedback, action=RETURNED[0]).get()
    key = f"Referral {feedback.referrals.get().pk}"
    assert returned.before["records"] == {key: {"outcome": "", "directions": "", "decided_on": None}}
    assert returned.after["records"] == {
        key: {
            "outcome": OatOutcome.FURTHER_WORK,
            "directions": "Ask for the discharge letter",
            "decided_on": AFTER_DEADLINE.isoformat(),
        }
    }
    taken = Event.objects.filter(feedback_case=feedback, action="take_referral").get()
    assert taken.after["records"][key]["oat_caseworker_id"] == oat.pk


# --- converting the blobs of earlier versions --------------------------------------------------

OLD_BLOBS = {
    "grounds": {
        "marked": "Challenge to our decision",
        "ground_types": ["overlooked", "new_information"],
        "why_wrong": "The scan was overlooked",
        "what_they_want": "Look again",
        "evidence": "",
    },
    "finding": {
        "grounds": {"overlooked": "upheld", "new_information": "not_upheld"},
        "upheld": True,
        "route": "new_detailed_investigation",
        "proportionate": True,
        "remedy_analysis": "A new investigation",
        "impact": "Distress",
        "proportionality": "Proportionate",
        "restoring_position": "Only by looking again",
        "handling_feedback": "Clear",
    },
    "challenge_answers": {
        "jr_threat_or_unlawful_allegation": False,
        "brought_by_organisation": True,
        "specialist_subject": False,
    },
    "challenge_analysis": {"is_challenge": True, "clear_evidence": True, "genuine_doubt": False},
    "referred_on": date(2027, 1, 6),
    "oat_outcome": "accepted",
    "oat_directions": "We will review it",
    "risk_assessment": {"risk": "medium", "assessment": "Health affected", "by": "olive", "on": "2027-01-07"},
    "new_investigation": {
        "ground": "significant_new_information",
        "ground_label": "New information would have had a significant impact on the decision",
        "summary": "The delayed referral",
        "comment_deadline": "2027-01-21",
        "comments": {"service_user": {"comments": "Please go ahead", "received": "2027-01-10"}},
        "consideration": "Considered",
    },
    "quash_proposal": {
        "criteria": {
            "missed_or_new_evidence": True,
            "incontrovertibly_wrong": False,
            "no_other_way": True,
            "public_interest": False,
        },
        "reasons": "Wrong surgeon",
        "proposed_by": "olive",
        "legal_advice": "The criteria are met",
    },
}


def test_the_blobs_of_a_feedback_case_convert_to_typed_records_naming_people_and_back(at_oat, oat):
    feedback = at_oat()
    Referral.objects.filter(feedback_case=feedback).delete()  # as if made before referrals were records
    RiskAssessment.objects.filter(feedback_case=feedback).delete()
    for model in (Grounds, ChallengeAnswers, apps.get_model("casework", "ChallengeAnalysis")):
        model.objects.filter(feedback_case=feedback).delete()
    row = {
        "id": feedback.pk,
        "received_date": feedback.received_date,
        "received_by_id": feedback.received_by_id,
        "oat_caseworker_id": oat.pk,
        **OLD_BLOBS,
    }

    migration.convert_row(apps.get_model, {"olive": oat.pk}, row)

    feedback = FeedbackCase.objects.get(pk=feedback.pk)
    assert list(feedback.grounds.items.values_list("ground_type", "finding")) == [
        ("overlooked", "upheld"),
        ("new_information", "not_upheld"),
    ]
    assert (feedback.review_decision.upheld, feedback.review_decision.route) == (True, "new_detailed_investigation")
    referral = feedback.referrals.get()
    assert (referral.referred_on, referral.oat_caseworker, referral.outcome) == (date(2027, 1, 6), oat, "accepted")
    assessment = feedback.risk_assessments.get()
    assert (assessment.assessed_by, assessment.assessed_on) == (oat, date(2027, 1, 7))
    proposal = NewInvestigationProposal.objects.get(feedback_case=feedback)
    assert list(proposal.comments.values_list("party", "received")) == [("service_user", date(2027, 1, 10))]
    assert QuashProposal.objects.get(feedback_case=feedback).proposed_by == oat
    assert feedback_facts(feedback).challenge_answers.brought_by_organisation

    restored = migration.restore_row(apps.get_model, feedback.pk)
    assert restored == {**OLD_BLOBS, "oat_caseworker_id": oat.pk}


def test_a_letter_template_that_named_the_finding_blob_names_the_record_after_conversion():
    templates = apps.get_model("casework", "LetterTemplate").objects
    templates.filter(code="review_decision").update(body="{{ feedback.finding.remedy_analysis }}")
    templates.filter(code="service_complaint_outcome").update(body="{% if feedback.finding.upheld %}Upheld{% endif %}")

    migration.convert_templates(templates)

    assert templates.get(code="review_decision").body == "{{ feedback.review_decision.remedy_analysis }}"
    assert templates.get(code="service_complaint_outcome").body == "{% if feedback.service_finding.upheld %}Upheld{% endif %}"


# --- the audit event reads only the records written, and misses none ----------------------------


def every_typed_record(feedback: FeedbackCase) -> dict[str, dict]:
    """Every typed record of the feedback, keyed "Model id", read from every table."""
    rows = {}
    for model, path in TYPED_RECORDS:
        columns = [field.attname for field in model._meta.concrete_fields]
        rows |= {f"{model.__name__} {row['id']}": row for row in model.objects.filter(**{path: feedback}).values(*columns)}
    return rows


def stored(values):
    return json.loads(json.dumps(values, cls=DjangoJSONEncoder))


@pytest.fixture
def audited(monkeypatch):
    """take_action, checking that each event's records are the difference between every typed record
    of the feedback before and after: the tables the action wrote to, and only the rows it changed."""
    checked = []

    def take_and_check(actor, reference, name, inputs, today, **options):
        feedback = FeedbackCase.objects.get(reference=reference)
        before = every_typed_record(feedback)
        result = feedback_service.take_action(actor, reference, name, inputs, today, **options)
        old, new = changes({RECORDS: before}, {RECORDS: every_typed_record(feedback)})
        event = Event.objects.filter(feedback_case=feedback).latest("id")
        assert event.before.get(RECORDS, {}) == stored(old.get(RECORDS, {})), name
        assert event.after.get(RECORDS, {}) == stored(new.get(RECORDS, {})), name
        checked.append(name)
        return result

    for module in (sys.modules[__name__], services_conftest, after_review_walks):
        monkeypatch.setattr(module, "take_action", take_and_check)
    return checked


def test_each_event_holds_exactly_the_typed_records_its_action_changed(audited, at_oat, walk, oat, lawyer, ombudsman):
    walks = after_review_walks
    paid = walks.steps(
        walks.decided_review(at_oat, walk, oat, "financial_remedy"),
        (oat, "offer_remedy", PAYMENT),
        (oat, "record_learning_point", LEARNING),
    )
    walks.quashed(paid, oat, lawyer, ombudsman)
    withdrawn = walks.steps(
        walks.decided_review(at_oat, walk, oat, "new_detailed_investigation"),
        (oat, "propose_new_investigation", walks.PROPOSAL),
        (oat, "record_comments", {"party": "service_user", "comments": "Please look again"}),
        (oat, "withdraw_new_investigation", {"reasons": "The new evidence was already considered"}),
    )
    walks.awaiting_approval(withdrawn, oat)  # proposed afresh: the first proposal's comments are removed

    assert {
        "record_grounds",
        "take_referral",
        "record_review_decision",
        "offer_remedy",
        "decide_to_proceed",
        "quash_report",
    } <= set(audited)
    assert audited.count("propose_new_investigation") == 2
