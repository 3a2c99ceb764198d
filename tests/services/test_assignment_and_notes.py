"""A manager reassigns cases, OAT release a referral to their queue, and file notes join the timeline."""

from __future__ import annotations

import pytest

from casework.models import Event
from casework.read.holders import holding
from casework.read.work import my_work
from casework.services.assignment import add_file_note, reassign_case_owner
from casework.services.errors import NotFound, Refused
from casework.services.feedback import take_action
from policy.facts import Role
from tests.conftest import TODAY, make_person
from tests.services.conftest import ANALYSE, REFER

pytestmark = pytest.mark.django_db


def test_a_manager_reassigns_several_cases_with_a_reason_and_the_work_moves_with_them(considering, manager, caseworker, team_a):
    colleague = make_person("cole", Role.CASEWORKER, team_a, manager)
    first, second = considering(), considering()
    reassign_case_owner(manager, [first.case.reference, second.case.reference], colleague.pk, "Cara is on leave")

    assert {item.feedback.pk for item in my_work(colleague, TODAY)} >= {first.pk, second.pk}
    assert not {first.pk, second.pk} & {item.feedback.pk for item in my_work(caseworker, TODAY)}
    events = Event.objects.filter(action="reassign_case_owner")
    assert [(event.actor, event.after["reason"], event.before["case_owner"]) for event in events] == [
        (manager, "Cara is on leave", caseworker.pk)
    ] * 2


def test_reassigning_needs_a_manager_a_reason_and_a_caseworker_of_the_cases_team(considering, manager, caseworker, outsider):
    feedback = considering()
    with pytest.raises(NotFound):
        reassign_case_owner(caseworker, [feedback.case.reference], caseworker.pk, "Because")
    with pytest.raises(Refused) as refused:
        reassign_case_owner(manager, [], None, " ")
    assert {reason.field for reason in refused.value.reasons} == {"cases", "new_owner", "reason"}
    with pytest.raises(Refused, match="is not in Team A"):
        reassign_case_owner(manager, [feedback.case.reference], outsider.pk, "Cover")
    assert not Event.objects.filter(action="reassign_case_owner").exists()


@pytest.mark.policy("47")
def test_an_oat_caseworker_releases_a_referral_back_to_the_queue_for_another_to_take(considering, walk, oat):
    colleague = make_person("orla", Role.OAT)
    feedback = take_action(oat, walk(considering(), ANALYSE, REFER).reference, "take_referral", {}, TODAY)
    with pytest.raises(Refused):
        take_action(colleague, feedback.reference, "take_referral", {}, TODAY)

    feedback = take_action(colleague, feedback.reference, "release_referral", {"reason": "Olive is away"}, TODAY)
    assert (holding(feedback).person, holding(feedback).queue) == (None, Role.OAT)
    with pytest.raises(Refused):  # already in the queue
        take_action(colleague, feedback.reference, "release_referral", {"reason": "Again"}, TODAY)
    feedback = take_action(colleague, feedback.reference, "take_referral", {}, TODAY)
    assert holding(feedback).person == colleague


def test_a_file_note_is_an_audited_event_in_the_feedbacks_timeline(considering, caseworker, outsider):
    feedback = considering()
    event = add_file_note(caseworker, feedback.reference, "Phoned the service user; they will write next week")
    assert (event.feedback_case, event.actor, event.after["note"]) == (
        feedback,
        caseworker,
        "Phoned the service user; they will write next week",
    )
    with pytest.raises(Refused):
        add_file_note(caseworker, feedback.reference, "  ")
    with pytest.raises(NotFound):
        add_file_note(outsider, feedback.reference, "Not my team")
    assert holding(feedback).due == holding(type(feedback).objects.get(pk=feedback.pk)).due  # a note moves nothing
