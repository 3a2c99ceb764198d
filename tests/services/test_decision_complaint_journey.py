"""A complaint about our decision, through the use cases: what each step writes, and what the
guidance stops (nothing is written when it does)."""

from __future__ import annotations

from datetime import date

import pytest

from casework.models import BankHolidayOverride, Event, Letter, Task
from casework.services.errors import NotFound, Refused
from casework.services.feedback import take_action
from policy.facts import ClosureReason, Role
from policy.letters import END_OF_PROCESS
from tests.conftest import TODAY
from tests.services.conftest import AFTER_DEADLINE, DEADLINE, INVITE, LATE, REQUEST, footprint, grounds_on

pytestmark = pytest.mark.django_db


def paragraphs(refused: pytest.ExceptionInfo[Refused]) -> set[str]:
    return {reason.paragraph for reason in refused.value.reasons}


@pytest.mark.policy("30", "32")
def test_asking_for_grounds_sets_the_deadline_writes_the_letter_and_a_task_due_that_day(complaint, walk, caseworker):
    feedback = walk(complaint(), REQUEST)

    feedback.refresh_from_db()
    assert feedback.state == "grounds_requested"
    assert feedback.grounds_deadline == DEADLINE
    letter = Letter.objects.get(feedback_case=feedback)
    assert letter.template.code == "grounds_request"
    assert "29 December 2026" in letter.body
    assert "why you think our decision is wrong" in letter.body
    task = Task.objects.get(feedback_case=feedback, code="grounds_due")
    assert (task.due_date, task.assigned_role, task.assigned_to, task.status) == (DEADLINE, Role.CASEWORKER, caseworker, "open")
    assert Task.objects.get(feedback_case=feedback, code="consider_complaint").status == "done"


@pytest.mark.policy("32")
def test_with_rolling_switched_off_the_deadline_is_the_calendar_date(complaint, walk, settings):
    settings.REDRESS_DEADLINE_ROLLS_TO_WORKING_DAY = False

    feedback = walk(complaint(), REQUEST)

    assert feedback.grounds_deadline == date(2026, 12, 25)


@pytest.mark.policy("32")
def test_the_deadline_honours_a_bank_holiday_the_office_works(complaint, walk):
    BankHolidayOverride.objects.create(date=date(2026, 12, 28), is_working_day=True, note="Office open")

    assert walk(complaint(), REQUEST).grounds_deadline == date(2026, 12, 28)


@pytest.mark.policy("33")
def test_grounds_that_arrive_on_the_deadline_are_in_time(complaint, walk):
    feedback = walk(complaint(), REQUEST, grounds_on(DEADLINE))

    with pytest.raises(Refused) as refused:
        take_action(feedback.case.case_owner, feedback.reference, "invite_explanation", {}, AFTER_DEADLINE)
    assert paragraphs(refused) == {"33"}

    feedback = walk(feedback, ("accept_in_time", {}, AFTER_DEADLINE))
    assert feedback.state == "under_consideration"


@pytest.mark.policy("33", "38")
def test_late_grounds_are_recorded_as_a_challenge_and_the_service_user_is_asked_why(complaint, walk):
    feedback = walk(complaint(), REQUEST, grounds_on(LATE))

    assert feedback.grounds.marked == "Challenge to our decision"
    with pytest.raises(Refused) as refused:
        take_action(feedback.case.case_owner, feedback.reference, "accept_in_time", {}, AFTER_DEADLINE)
    assert paragraphs(refused) == {"33"}

    feedback = walk(feedback, INVITE)
    assert feedback.state == "explanation_invited"
    assert Letter.objects.filter(feedback_case=feedback, template__code="late_explanation_request").count() == 1


@pytest.mark.policy("35")
@pytest.mark.parametrize("reasons", [{}, {"reasons": ""}, {"reasons": "   "}])
def test_late_grounds_without_the_reasons_cannot_be_declined_and_nothing_changes(complaint, walk, caseworker, reasons):
    feedback = walk(complaint(), REQUEST, grounds_on(LATE), INVITE)
    before = footprint(feedback)

    with pytest.raises(Refused) as refused:
        take_action(caseworker, feedback.reference, "decline_for_time", reasons, AFTER_DEADLINE)

    assert [(reason.paragraph, reason.field) for reason in refused.value.reasons] == [("35", "reasons")]
    assert footprint(feedback) == before
    assert before[0] == "explanation_invited"


@pytest.mark.policy("35", "74")
def test_late_grounds_declined_with_reasons_close_with_a_letter_that_ends_the_process(complaint, walk, caseworker):
    feedback = walk(complaint(), REQUEST, grounds_on(LATE), INVITE)
    letters_before = Letter.objects.count()

    feedback = take_action(
        caseworker, feedback.reference, "decline_for_time", {"reasons": "No explanation for the delay was given"}, AFTER_DEADLINE
    )

    feedback.refresh_from_db()
    assert feedback.state == "declined_for_time"
    assert feedback.outcome_note == "No explanation for the delay was given"
    assert Letter.objects.count() == letters_before + 1
    letter = Letter.objects.get(feedback_case=feedback, template__code="time_limit_decline")
    assert END_OF_PROCESS in letter.body
    assert "No explanation for the delay was given" in letter.body
    assert not Task.objects.filter(feedback_case=feedback, status="open").exists()


@pytest.mark.policy("36")
@pytest.mark.parametrize("state_steps", [(), (INVITE,)], ids=["straight away", "after asking why"])
def test_the_time_limit_is_not_set_aside_without_a_reason(complaint, walk, caseworker, state_steps):
    feedback = walk(complaint(), REQUEST, grounds_on(LATE), *state_steps)
    before = footprint(feedback)

    with pytest.raises(Refused) as refused:
        take_action(caseworker, feedback.reference, "set_aside_time_limit", {"reason": ""}, AFTER_DEADLINE)

    assert [(reason.paragraph, reason.field) for reason in refused.value.reasons] == [("36", "reason")]
    assert footprint(feedback) == before


@pytest.mark.policy("34", "36")
def test_the_time_limit_set_aside_for_a_good_reason_records_it(complaint, walk, caseworker):
    feedback = walk(complaint(), REQUEST, grounds_on(LATE), INVITE)

    with pytest.raises(Refused) as refused:
        take_action(caseworker, feedback.reference, "set_aside_time_limit", {"reason": "other", "detail": ""}, AFTER_DEADLINE)
    assert paragraphs(refused) == {"34"}

    feedback = take_action(caseworker, feedback.reference, "set_aside_time_limit", {"reason": "bereavement"}, AFTER_DEADLINE)
    assert feedback.state == "under_consideration"
    assert feedback.outcome_note == "Time limit set aside: Bereavement"


@pytest.mark.policy("34")
def test_a_reason_that_is_not_offered_cannot_set_the_time_limit_aside(complaint, walk, caseworker):
    feedback = walk(complaint(), REQUEST, grounds_on(LATE), INVITE)

    with pytest.raises(Refused) as refused:
        take_action(caseworker, feedback.reference, "set_aside_time_limit", {"reason": "felt like it"}, AFTER_DEADLINE)
    assert {reason.field for reason in refused.value.reasons} == {"reason"}


@pytest.mark.policy("32")
def test_a_caseworker_cannot_extend_the_deadline_but_their_manager_can(complaint, walk, caseworker, manager):
    feedback = walk(complaint(), REQUEST)
    extension = {"new_deadline": date(2027, 1, 29), "reason": "They are in hospital until mid January"}
    before = footprint(feedback)

    with pytest.raises(Refused) as refused:
        take_action(caseworker, feedback.reference, "extend_deadline", extension, TODAY)
    assert paragraphs(refused) == {"32"}
    assert footprint(feedback) == before

    take_action(manager, feedback.reference, "extend_deadline", extension, TODAY)

    feedback.refresh_from_db()
    assert feedback.grounds_deadline == date(2027, 1, 29)
    assert Task.objects.get(feedback_case=feedback, code="grounds_due").due_date == date(2027, 1, 29)
    event = Event.objects.last()
    assert (event.action, event.actor) == ("extend_deadline", manager)
    assert event.after["inputs"]["reason"] == "They are in hospital until mid January"


@pytest.mark.policy("32")
@pytest.mark.parametrize(
    ("inputs", "field"),
    [
        ({"new_deadline": date(2027, 1, 29), "reason": ""}, "reason"),
        ({"new_deadline": None, "reason": "In hospital"}, "new_deadline"),
        ({"new_deadline": DEADLINE, "reason": "In hospital"}, "new_deadline"),  # not later than the current one
        ({"new_deadline": date(2026, 12, 20), "reason": "In hospital"}, "new_deadline"),
    ],
)
def test_an_extension_needs_a_reason_and_a_later_deadline(complaint, walk, manager, inputs, field):
    feedback = walk(complaint(), REQUEST)

    with pytest.raises(Refused) as refused:
        take_action(manager, feedback.reference, "extend_deadline", inputs, TODAY)

    assert [(reason.paragraph, reason.field) for reason in refused.value.reasons] == [("32", field)]
    feedback.refresh_from_db()
    assert feedback.grounds_deadline == DEADLINE


@pytest.mark.policy("3", "21")
def test_a_complaint_on_a_low_level_injustice_case_cannot_ask_for_grounds(complaint, walk, caseworker):
    feedback = complaint(closure_reason=ClosureReason.LOW_LEVEL_INJUSTICE)
    before = footprint(feedback)

    with pytest.raises(Refused) as refused:
        take_action(caseworker, feedback.reference, "request_grounds", {}, TODAY)
    assert paragraphs(refused) == {"21", "3"}
    assert footprint(feedback) == before

    feedback = walk(feedback, ("close_not_eligible", {}, TODAY))
    assert feedback.state == "closed_not_eligible"
    assert END_OF_PROCESS in Letter.objects.get(feedback_case=feedback, template__code="no_review_low_level").body


@pytest.mark.policy("76")
def test_a_joint_lgsco_case_goes_to_the_joint_working_team(complaint, walk, caseworker, joint_worker):
    feedback = complaint(joint_with_lgsco=True)

    with pytest.raises(Refused) as refused:
        take_action(caseworker, feedback.reference, "request_grounds", {}, TODAY)
    assert paragraphs(refused) == {"76"}

    feedback = walk(feedback, ("route_to_joint_working", {"note": "Joint decision of March"}, TODAY))

    assert feedback.state == "with_joint_working"
    task = Task.objects.get(feedback_case=feedback, code="joint_working")
    assert (task.assigned_role, task.status, task.body) == (Role.JOINT_WORKING, "open", "Joint decision of March")
    assert not Task.objects.filter(feedback_case=feedback, assigned_role=Role.OAT).exists()


@pytest.mark.policy("5")
def test_a_second_review_needs_exceptional_circumstances_recorded_and_oats_agreement(complaint, walk, caseworker, oat):
    feedback = complaint(review_count=1)

    with pytest.raises(Refused) as refused:
        take_action(caseworker, feedback.reference, "request_grounds", {}, TODAY)
    assert paragraphs(refused) == {"5"}

    with pytest.raises(Refused) as refused:
        take_action(caseworker, feedback.reference, "record_exceptional_reason", {"reason": ""}, TODAY)
    assert paragraphs(refused) == {"5"}
    walk(feedback, ("record_exceptional_reason", {"reason": "The first review missed the new scan"}, TODAY))

    with pytest.raises(Refused):
        take_action(caseworker, feedback.reference, "request_grounds", {}, TODAY)
    with pytest.raises(Refused) as refused:
        take_action(caseworker, feedback.reference, "agree_exceptional_review", {"note": "Agreed"}, TODAY)
    assert paragraphs(refused) == {"5"}

    take_action(oat, feedback.reference, "agree_exceptional_review", {"note": "The scan could change the decision"}, TODAY)
    assert walk(feedback, REQUEST).state == "grounds_requested"


@pytest.mark.policy("70")
def test_with_judicial_review_in_prospect_the_grounds_wait_for_legal_advice(complaint, walk, caseworker, lawyer):
    feedback = walk(complaint(jr_in_prospect=True), REQUEST, grounds_on(DEADLINE))
    assert Task.objects.get(feedback_case=feedback, code="legal_advice").assigned_role == Role.LEGAL

    with pytest.raises(Refused) as refused:
        take_action(caseworker, feedback.reference, "accept_in_time", {}, AFTER_DEADLINE)
    assert paragraphs(refused) == {"70"}

    take_action(lawyer, feedback.reference, "record_legal_advice", {"advice": "Consider the review first"}, AFTER_DEADLINE)
    assert Task.objects.get(feedback_case=feedback, code="legal_advice").status == "done"
    assert walk(feedback, ("accept_in_time", {}, AFTER_DEADLINE)).state == "under_consideration"


@pytest.mark.policy("37")
def test_when_oat_asked_to_see_reviews_first_the_grounds_go_straight_to_oat(complaint, walk, caseworker):
    feedback = walk(complaint(reviews_go_to_oat_first=True), REQUEST, grounds_on(LATE))

    with pytest.raises(Refused) as refused:
        take_action(caseworker, feedback.reference, "invite_explanation", {}, AFTER_DEADLINE)
    assert paragraphs(refused) == {"37"}

    feedback = walk(feedback, ("pass_to_oat", {"note": "Flagged for OAT"}, AFTER_DEADLINE))
    assert feedback.state == "with_oat"
    assert Task.objects.get(feedback_case=feedback, code="oat_review").assigned_role == Role.OAT


def test_someone_from_another_team_cannot_find_the_feedback(complaint, outsider):
    feedback = complaint()
    before = footprint(feedback)

    with pytest.raises(NotFound):
        take_action(outsider, feedback.reference, "request_grounds", {}, TODAY)
    assert footprint(feedback) == before


def test_a_refused_action_writes_no_audit_event_and_an_accepted_one_writes_exactly_one(complaint, caseworker):
    feedback = complaint()
    events = Event.objects.count()

    with pytest.raises(Refused):
        take_action(caseworker, feedback.reference, "record_grounds", {}, TODAY)  # not from this state
    with pytest.raises(Refused):
        take_action(caseworker, feedback.reference, "extend_deadline", {}, TODAY)
    assert Event.objects.count() == events

    take_action(caseworker, feedback.reference, "request_grounds", {}, TODAY)

    assert Event.objects.count() == events + 1
    event = Event.objects.last()
    assert (event.action, event.actor, event.feedback_case_id, event.case_id) == (
        "request_grounds",
        caseworker,
        feedback.pk,
        feedback.case_id,
    )
    assert event.before == {"state": "received", "grounds_deadline": None}
    assert event.after["state"] == "grounds_requested"
    assert event.after["grounds_deadline"] == "2026-12-29"


def test_an_action_the_workflow_does_not_declare_is_refused(complaint, caseworker):
    feedback = complaint()

    with pytest.raises(Refused):
        take_action(caseworker, feedback.reference, "quash_everything", {}, TODAY)
