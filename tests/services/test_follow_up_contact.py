"""Follow-up contact after our internal process has ended (para 75): logged, never reopening the feedback."""

from __future__ import annotations

from datetime import date

import pytest

from casework.models import Event, FeedbackCase, FollowUpContact
from casework.services.audit import verify_chain
from casework.services.errors import NotFound, Refused
from casework.services.follow_up import NOT_ENDED, log_follow_up
from policy.facts import Channel, ClosureReason
from tests.conftest import TODAY

pytestmark = pytest.mark.django_db

SAID = "Mrs Brown rang to ask whether we would look at her complaint again"
RESPONSE = "We explained that our process has ended and signposted Judicial Review"


@pytest.fixture
def closed(complaint, walk):
    """A complaint about our decision closed because the case ended in a low-level injustice (paras 3, 21)."""
    return walk(complaint(closure_reason=ClosureReason.LOW_LEVEL_INJUSTICE), ("close_not_eligible", {}, TODAY))


def log(person, feedback, **changes):
    values = {"received_date": TODAY, "channel": Channel.PHONE, "summary": SAID, "response": RESPONSE, **changes}
    return log_follow_up(
        person, feedback.reference, values["received_date"], values["channel"], values["summary"], values["response"], TODAY
    )


@pytest.mark.policy("75")
def test_follow_up_contact_is_logged_on_a_closed_complaint_without_reopening_it(closed, caseworker):
    before = FeedbackCase.objects.get(pk=closed.pk)
    events = Event.objects.count()

    contact = log(caseworker, closed)

    after = FeedbackCase.objects.get(pk=closed.pk)
    assert after.state == before.state == "closed_not_eligible"
    assert after.updated_at == before.updated_at
    assert (contact.summary, contact.response, contact.channel, contact.logged_by) == (SAID, RESPONSE, "phone", caseworker)
    assert Event.objects.count() == events + 1
    event = Event.objects.latest("id")
    assert (event.action, event.actor, event.feedback_case_id) == ("log_follow_up", caseworker, closed.pk)
    assert event.after["summary"] == SAID and event.after["received_date"] == TODAY.isoformat()
    assert verify_chain().intact


@pytest.mark.policy("75")
def test_the_manager_may_log_follow_up_contact_too_but_not_oat_on_a_complaint_never_referred_to_them(closed, manager, oat):
    log(manager, closed)
    with pytest.raises(Refused):
        log(oat, closed, response="")

    assert FollowUpContact.objects.filter(feedback_case=closed).count() == 1


@pytest.mark.policy("75")
def test_follow_up_contact_on_feedback_whose_process_has_not_ended_is_refused_citing_para_75(complaint, caseworker):
    feedback = complaint()
    events = Event.objects.count()

    with pytest.raises(Refused) as refused:
        log(caseworker, feedback)

    assert [(reason.paragraph, reason.text) for reason in refused.value.reasons] == [("75", NOT_ENDED)]
    assert (Event.objects.count(), FollowUpContact.objects.count()) == (events, 0)
    assert FeedbackCase.objects.get(pk=feedback.pk).state == "received"


def test_an_outsider_cannot_find_the_feedback_to_log_contact_on(closed, outsider):
    with pytest.raises(NotFound):
        log(outsider, closed)

    assert FollowUpContact.objects.count() == 0


@pytest.mark.policy("75")
@pytest.mark.parametrize("person", ["lawyer", "ombudsman"])
def test_people_who_only_read_the_feedback_cannot_log_follow_up_contact(closed, request, person):
    with pytest.raises(Refused) as refused:
        log(request.getfixturevalue(person), closed)

    assert [reason.paragraph for reason in refused.value.reasons] == ["75"]
    assert FollowUpContact.objects.count() == 0


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"received_date": None}, "received_date", "Enter the date the follow-up contact was received"),
        ({"received_date": date(2026, 11, 28)}, "received_date", "The date received must be today or in the past"),
        ({"channel": "pigeon"}, "channel", "Select how the follow-up contact came in"),
        ({"channel": None}, "channel", "Select how the follow-up contact came in"),
        ({"summary": "   "}, "summary", "Enter what the service user said"),
    ],
)
def test_follow_up_contact_needs_a_past_date_a_known_channel_and_what_was_said(closed, caseworker, changes, field, message):
    with pytest.raises(Refused) as refused:
        log(caseworker, closed, **changes)

    assert [(reason.field, reason.text, reason.paragraph) for reason in refused.value.reasons] == [(field, message, "75")]
    assert FollowUpContact.objects.count() == 0


def test_every_problem_with_the_input_is_reported_at_once(closed, caseworker):
    with pytest.raises(Refused) as refused:
        log(caseworker, closed, received_date=None, channel="", summary="")

    assert {reason.field for reason in refused.value.reasons} == {"received_date", "channel", "summary"}
