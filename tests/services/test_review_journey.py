"""A complaint about our decision from the case owner's analysis through OAT's review and
decision, through the use cases: each path of the guidance, and what each step writes."""

from __future__ import annotations

from datetime import date

import pytest

from casework.models import Event, LearningPoint, Letter, Remedy, Task
from casework.services.errors import Refused
from casework.services.feedback import NewFeedback, log_feedback, take_action
from policy.facts import Channel, FeedbackKind, Role, Stage
from policy.letters import END_OF_PROCESS
from tests.conftest import TODAY, make_person
from tests.services.conftest import (
    ACTIONABLE,
    AFTER_DEADLINE,
    ANALYSE,
    LEARNING,
    NO_TRIGGERS,
    PAYMENT,
    REFER,
    RISK,
    UPHELD,
    footprint,
)

pytestmark = pytest.mark.django_db


def paragraphs(refused: pytest.ExceptionInfo[Refused]) -> set[str]:
    return {reason.paragraph for reason in refused.value.reasons}


def as_oat(oat, feedback, *steps):
    for name, inputs in steps:
        feedback = take_action(oat, feedback.reference, name, inputs, AFTER_DEADLINE)
    return feedback


@pytest.mark.policy("39", "40", "74")
def test_a_challenge_without_clear_evidence_closes_with_no_further_action_and_the_end_of_process(considering, walk):
    analysis = {**ACTIONABLE, "clear_evidence": False, "reasons": "Only says they are unhappy"}
    feedback = walk(
        considering(),
        ("record_challenge_analysis", analysis, AFTER_DEADLINE),
        ("close_not_actionable", {"signpost_jr": True, "explanation": ""}, AFTER_DEADLINE),
    )

    assert feedback.state == "closed_not_actionable"
    body = Letter.objects.get(feedback_case=feedback, template__code="no_further_action").body
    assert END_OF_PROCESS in body
    assert "Judicial Review" in body
    assert not feedback.tasks.filter(status="open").exists()


@pytest.mark.policy("40")
def test_an_actionable_challenge_cannot_be_closed_as_not_actionable(considering, walk, caseworker):
    feedback = walk(considering(), ANALYSE)

    with pytest.raises(Refused) as refused:
        take_action(caseworker, feedback.reference, "close_not_actionable", {"signpost_jr": False}, AFTER_DEADLINE)

    assert paragraphs(refused) == {"40"}


@pytest.mark.policy("38")
def test_nothing_follows_the_grounds_until_the_pro_forma_analysis_is_recorded(considering, caseworker):
    feedback = considering()

    for action, inputs in [("refer_to_oat", REFER[1]), ("close_not_actionable", {"signpost_jr": False})]:
        with pytest.raises(Refused) as refused:
            take_action(caseworker, feedback.reference, action, inputs, AFTER_DEADLINE)
        assert paragraphs(refused) == {"38"}


@pytest.mark.policy("43", "77", "78", "46")
def test_a_wrong_primary_decision_is_reconsidered_in_the_team_after_a_risk_assessment_then_referred(
    considering, walk, caseworker, manager
):
    feedback = walk(considering(), ANALYSE)
    before = footprint(feedback)

    with pytest.raises(Refused) as refused:
        take_action(caseworker, feedback.reference, "reconsider_within_team", {"arrangements": "Dan"}, AFTER_DEADLINE)
    assert paragraphs(refused) == {"78"}
    assert footprint(feedback) == before

    feedback = walk(feedback, RISK, ("reconsider_within_team", {"arrangements": "Dan in the team reconsiders"}, AFTER_DEADLINE))
    assert feedback.state == "case_owner_acted"
    assert Task.objects.get(feedback_case=feedback, code="reconsider_decision").assigned_to == manager
    feedback = walk(feedback, REFER)
    assert (feedback.state, feedback.referrals.get().referred_on) == ("with_oat", AFTER_DEADLINE)


@pytest.mark.policy("44")
def test_a_detailed_investigation_decision_that_may_be_wrong_must_go_to_oat(considering, walk, caseworker):
    feedback = walk(considering(stage=Stage.DETAILED), ANALYSE, RISK)

    with pytest.raises(Refused) as refused:
        take_action(caseworker, feedback.reference, "reconsider_within_team", {"arrangements": "Dan"}, AFTER_DEADLINE)
    assert paragraphs(refused) == {"44"}

    assert walk(feedback, REFER).state == "with_oat"


@pytest.mark.policy("45")
def test_a_flawed_rationale_with_the_right_decision_is_explained_to_the_service_user(considering, walk):
    feedback = walk(
        considering(),
        ANALYSE,
        ("explain_decision_stands", {"explanation": "The records show the care was reasonable"}, AFTER_DEADLINE),
    )

    assert feedback.state == "case_owner_acted"
    letter = Letter.objects.get(feedback_case=feedback, template__code="decision_stands")
    assert "The records show the care was reasonable" in letter.body
    assert END_OF_PROCESS not in letter.body  # OAT consider it next (para 46)


@pytest.mark.policy("47")
def test_only_the_oat_caseworker_who_took_the_referral_records_its_outcome(considering, walk, oat):
    feedback = walk(considering(), ANALYSE, REFER)
    other = make_person("orla", Role.OAT)

    with pytest.raises(Refused) as refused:
        take_action(oat, feedback.reference, "oat_outcome_accepted", {"advice": "Accept"}, AFTER_DEADLINE)
    assert paragraphs(refused) == {"47"}

    take_action(oat, feedback.reference, "take_referral", {}, AFTER_DEADLINE)
    for action, inputs in [("take_referral", {}), ("oat_outcome_accepted", {"advice": "Accept"})]:
        with pytest.raises(Refused) as refused:
            take_action(other, feedback.reference, action, inputs, AFTER_DEADLINE)
        assert paragraphs(refused) == {"47"}
    assert Task.objects.get(feedback_case=feedback, code="oat_review").assigned_to == oat


@pytest.mark.policy("48", "49")
def test_returned_for_further_work_the_case_owner_gets_oats_directions_acts_and_refers_again(at_oat, walk, oat, caseworker):
    feedback = as_oat(oat, at_oat(), ("oat_outcome_returned_further_work", {"advice": "Ask for the discharge letter"}))

    assert feedback.state == "returned_by_oat"
    task = Task.objects.get(feedback_case=feedback, code="oat_directions")
    assert (task.assigned_to, task.body, task.status) == (caseworker, "Ask for the discharge letter", "open")

    feedback = walk(
        feedback,
        ("act_on_oat_directions", {"action_taken": "Asked for it", "service_user_told": "We are looking again"}, AFTER_DEADLINE),
    )
    assert feedback.state == "under_consideration"
    assert Task.objects.get(pk=task.pk).status == "done"
    assert walk(feedback, REFER).state == "with_oat"


@pytest.mark.policy("48", "74")
def test_when_the_review_criteria_are_not_met_oat_write_to_the_service_user_and_it_closes(at_oat, oat):
    feedback = as_oat(oat, at_oat(), ("oat_outcome_review_criteria_not_met", {"advice": "No new information was given"}))

    assert feedback.state == "closed_criteria_not_met"
    letter = Letter.objects.get(feedback_case=feedback, template__code="review_criteria_not_met")
    assert (letter.created_by, END_OF_PROCESS in letter.body) == (oat, True)
    assert "No new information was given" in letter.body
    assert "Follow-up questions" in feedback.outcome_note


@pytest.mark.policy("48")
def test_returned_as_a_service_complaint_it_goes_to_the_case_owners_manager(at_oat, walk, oat, manager):
    feedback = as_oat(oat, at_oat(), ("oat_outcome_returned_service_complaint", {"advice": "This is about delay"}))
    feedback = walk(feedback, ("reclassify_as_service_complaint", {"reason": "About delay"}, AFTER_DEADLINE))

    assert (feedback.kind, feedback.state, feedback.handling_manager) == ("service_complaint", "received", manager)


@pytest.mark.policy("50")
def test_once_oat_accept_a_review_the_case_owner_can_no_longer_write_to_the_service_user(at_oat, oat, caseworker):
    feedback = as_oat(oat, at_oat(), ("oat_outcome_accepted", {"advice": "We will review it"}))

    with pytest.raises(Refused) as refused:
        take_action(caseworker, feedback.reference, "write_to_service_user", {"message": "An update"}, AFTER_DEADLINE)
    assert paragraphs(refused) == {"50"}
    as_oat(oat, feedback, ("oat_write_to_service_user", {"message": "We are reviewing your case"}))
    assert Letter.objects.filter(feedback_case=feedback, template__code="oat_update", created_by=oat).exists()


@pytest.mark.policy("51", "53", "54", "55", "56", "58", "59", "60", "74", "Annex A", "5")
def test_an_upheld_review_with_a_payment_and_learning_is_decided_told_and_closed(at_oat, walk, oat, caseworker, manager):
    feedback = walk(at_oat(supervised=True), RISK)
    feedback = as_oat(
        oat, feedback, ("oat_outcome_accepted", {"advice": "We will review it"}), ("record_review_decision", UPHELD)
    )

    told = Letter.objects.get(feedback_case=feedback, template__code="review_outcome_to_case_owner")
    assert told.addressee == "Cara" and told.copied_to == "Manny"
    assert "A careful analysis, referred promptly" in told.body

    with pytest.raises(Refused) as refused:
        as_oat(oat, feedback, ("send_review_decision", {}))
    assert paragraphs(refused) == {"55", "60"}

    feedback = as_oat(oat, feedback, ("offer_remedy", PAYMENT), ("record_learning_point", LEARNING))
    point = LearningPoint.objects.get(feedback_case=feedback)
    assert (point.fed_back_to, point.charter_commitment.number) == (manager, 5)
    assert Letter.objects.get(feedback_case=feedback, template__code="learning_feedback").addressee == "Manny"

    feedback = as_oat(oat, feedback, ("send_review_decision", {}))
    assert feedback.state == "closed_reviewed"
    decision = Letter.objects.get(feedback_case=feedback, template__code="review_decision").body
    assert "Something was overlooked or misunderstood: Upheld" in decision
    assert "£500" in decision and END_OF_PROCESS in decision
    feedback.case.refresh_from_db()
    assert (feedback.case.review_count, feedback.case.previous_review_upheld) == (1, True)
    assert Remedy.objects.get(feedback_case=feedback).amount == 500


@pytest.mark.policy("53")
def test_the_managers_copy_of_the_outcome_is_only_for_a_supervised_case(at_oat, walk, oat):
    feedback = as_oat(
        oat,
        at_oat(supervised=False),
        ("oat_outcome_accepted", {"advice": "Review"}),
        (
            "record_review_decision",
            {
                "finding_overlooked": "not_upheld",
                "reasons_overlooked": "Nothing was overlooked",
                "handling_feedback": "Fine",
                "proportionate": True,
            },
        ),
    )

    assert Letter.objects.get(feedback_case=feedback, template__code="review_outcome_to_case_owner").copied_to == ""
    assert as_oat(oat, feedback, ("send_review_decision", {})).state == "closed_reviewed"


@pytest.mark.policy("58", "59", "78")
def test_an_upheld_decision_needs_the_remedy_analysis_and_a_risk_assessment_for_further_work(at_oat, oat):
    feedback = as_oat(oat, at_oat(), ("oat_outcome_accepted", {"advice": "Review"}))
    before = footprint(feedback)

    with pytest.raises(Refused) as refused:
        as_oat(oat, feedback, ("record_review_decision", {**UPHELD, "impact": "", "remedy_analysis": " "}))

    fields = {reason.field: reason.paragraph for reason in refused.value.reasons}
    assert fields == {"impact": "59", "remedy_analysis": "58", "route": "78"}
    assert footprint(feedback) == before


@pytest.mark.policy("58")
def test_every_ground_raised_gets_its_own_finding(at_oat, oat):
    feedback = as_oat(oat, at_oat(), ("oat_outcome_accepted", {"advice": "Review"}))

    with pytest.raises(Refused) as refused:
        as_oat(
            oat,
            feedback,
            ("record_review_decision", {"finding_new_information": "upheld", "handling_feedback": "Ok", "proportionate": True}),
        )

    assert {reason.field for reason in refused.value.reasons} == {"finding_overlooked", "finding_new_information"}


@pytest.mark.policy("60")
def test_a_payment_outside_its_severity_level_needs_a_reason(at_oat, walk, oat):
    feedback = walk(at_oat(), RISK)
    feedback = as_oat(oat, feedback, ("oat_outcome_accepted", {"advice": "Review"}), ("record_review_decision", UPHELD))

    with pytest.raises(Refused) as refused:
        as_oat(oat, feedback, ("offer_remedy", {**PAYMENT, "amount": "5000"}))
    assert paragraphs(refused) == {"60"}

    as_oat(oat, feedback, ("offer_remedy", {**PAYMENT, "amount": "5000", "out_of_range_reason": "Exceptional distress"}))
    assert Remedy.objects.get(feedback_case=feedback).out_of_range_reason == "Exceptional distress"


@pytest.mark.policy("25")
def test_an_amended_report_keeps_the_original_issue_date_and_records_what_changed(complaint, walk, caseworker):
    feedback = complaint(report_issue_date=date(2026, 11, 3))
    with pytest.raises(Refused) as refused:
        take_action(
            caseworker, feedback.reference, "issue_amended_report", {"what_changed": "Name", "inconsequential": False}, TODAY
        )
    assert paragraphs(refused) == {"25"}

    walk(feedback, ("issue_amended_report", {"what_changed": "Spelling of the surgeon's name", "inconsequential": True}, TODAY))

    amended = feedback.amended_reports.get()
    assert (amended.original_issue_date, amended.what_changed) == (date(2026, 11, 3), "Spelling of the surgeon's name")
    feedback.case.refresh_from_db()
    assert feedback.case.report_issue_date == date(2026, 11, 3)
    assert "3 November 2026" in Letter.objects.get(feedback_case=feedback, template__code="amended_report").body


@pytest.mark.policy("23", "24")
def test_a_complaint_the_case_owner_resolves_is_noted_and_closed(complaint, walk):
    feedback = walk(complaint(), ("resolve_by_case_owner", {"note": "Explained how the decision was reached"}, TODAY))

    assert feedback.state == "closed_resolved"
    assert "Explained how the decision was reached" in feedback.outcome_note
    assert not feedback.tasks.filter(status="open").exists()


def test_each_accepted_step_of_the_review_writes_one_audit_event(at_oat, oat):
    feedback = at_oat()
    count = Event.objects.filter(feedback_case=feedback).count()

    as_oat(oat, feedback, ("oat_outcome_accepted", {"advice": "Review"}))

    assert Event.objects.filter(feedback_case=feedback).count() == count + 1


@pytest.mark.policy("41")
def test_an_actionable_challenge_can_still_be_resolved_by_more_clarity_first(considering, walk):
    feedback = walk(
        considering(), ANALYSE, ("resolve_by_case_owner", {"note": "Explained what the report meant"}, AFTER_DEADLINE)
    )

    assert feedback.state == "closed_resolved"


@pytest.mark.policy("26", "70")
def test_a_credible_threat_of_judicial_review_puts_legal_advice_before_the_review(considering, walk, caseworker, lawyer):
    feedback = considering()
    answers = {**NO_TRIGGERS, "jr_threat_or_unlawful_allegation": True}
    feedback = walk(feedback, ("check_oat_advice_needed", answers, AFTER_DEADLINE))

    assert feedback.jr_in_prospect
    assert Task.objects.get(feedback_case=feedback, code="legal_advice", status="open").assigned_role == "legal"
    with pytest.raises(Refused) as refused:
        take_action(caseworker, feedback.reference, *ANALYSE[:2], AFTER_DEADLINE)
    assert {"27", "26", "70"} == paragraphs(refused)


@pytest.mark.policy("5")
def test_after_a_review_a_further_complaint_on_the_case_needs_exceptional_circumstances(at_oat, walk, oat, caseworker):
    feedback = as_oat(
        oat,
        at_oat(),
        ("oat_outcome_accepted", {"advice": "Review"}),
        (
            "record_review_decision",
            {
                "finding_overlooked": "not_upheld",
                "reasons_overlooked": "Nothing was overlooked",
                "handling_feedback": "Fine",
                "proportionate": True,
            },
        ),
        ("send_review_decision", {}),
    )
    again = log_feedback(
        caseworker,
        feedback.case,
        NewFeedback(FeedbackKind.DECISION_COMPLAINT, AFTER_DEADLINE, Channel.EMAIL, "Still wrong"),
        AFTER_DEADLINE,
    )

    with pytest.raises(Refused) as refused:
        take_action(caseworker, again.reference, "request_grounds", {}, AFTER_DEADLINE)
    assert paragraphs(refused) == {"5"}
