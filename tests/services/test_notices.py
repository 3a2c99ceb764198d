"""The notices the guidance requires reach named people, in Notifications and by email through the
outbox, with the action that gives them: para 9, para 56 and Annex A, and a task reaching someone new."""

from __future__ import annotations

import pytest

from casework.models import LeadershipContact, Notification, OutgoingEmail, Task
from casework.services.assignment import reassign_case_owner
from casework.services.feedback import NewFeedback, log_feedback, take_action
from policy.facts import Channel, FeedbackKind, Role
from tests.conftest import TODAY, make_person
from tests.services.conftest import AFTER_DEADLINE, LEARNING, REQUEST

pytestmark = pytest.mark.django_db


def notices_to(person, **filters) -> list[Notification]:
    return list(Notification.objects.filter(recipient=person, **filters))


@pytest.mark.policy("9")
def test_the_managers_comment_reaches_the_caseworker_with_the_director_and_chief_executive_copied(make_case, caseworker, manager):
    emails = set(LeadershipContact.objects.exclude(email="").values_list("email", flat=True))
    assert emails, "the Director and the Chief Executive are seeded with addresses"
    feedback = log_feedback(
        caseworker, make_case(), NewFeedback(FeedbackKind.POSITIVE, TODAY, Channel.EMAIL, "Thank you, Cara"), TODAY
    )

    take_action(manager, feedback.reference, "close_with_comment", {"comment": "Lovely to hear. Well done."}, TODAY)

    (notice,) = notices_to(caseworker, kind=Notification.Kind.NOTICE)
    assert "Well done" in notice.body and notice.feedback_case == feedback
    email = OutgoingEmail.objects.get(subject=notice.subject)
    assert email.to == [caseworker.email] and set(email.cc) == emails


@pytest.mark.policy("56", "Annex A")
def test_learning_fed_back_reaches_the_case_owners_line_manager(at_oat, oat, manager):
    feedback = take_action(oat, at_oat().reference, "oat_outcome_accepted", {"advice": "We will review it"}, AFTER_DEADLINE)

    take_action(oat, feedback.reference, "record_learning_point", LEARNING, AFTER_DEADLINE)

    (notice,) = notices_to(manager, kind=Notification.Kind.NOTICE, feedback_case=feedback)
    assert LEARNING["text"] in notice.body
    assert OutgoingEmail.objects.filter(to=[manager.email], subject=notice.subject).count() == 1


def test_a_task_for_someone_else_reaches_them_but_not_the_person_acting(make_case, caseworker, manager, complaint, walk):
    feedback = log_feedback(
        caseworker, make_case(), NewFeedback(FeedbackKind.SERVICE_COMPLAINT, TODAY, Channel.EMAIL, "Kept waiting"), TODAY
    )
    (notice,) = notices_to(manager, kind=Notification.Kind.TASK)
    assert notice.feedback_case == feedback and notice.subject.startswith("New task: Resolve the complaint")

    walk(complaint(), REQUEST)  # the case owner's own task: they need no notice of it
    assert not notices_to(caseworker, kind=Notification.Kind.TASK)


def test_reassigned_work_reaches_the_new_case_owner(team_a, manager, complaint, walk):
    feedback = walk(complaint(), REQUEST)
    colleague = make_person("cora", Role.CASEWORKER, team_a, manager)

    reassign_case_owner(manager, [feedback.case.reference], colleague.pk, "Cara is on leave")

    (notice,) = notices_to(colleague, kind=Notification.Kind.TASK)
    assert Task.objects.get(feedback_case=feedback, status=Task.Status.OPEN).subject in notice.subject
    assert OutgoingEmail.objects.filter(to=[colleague.email]).count() == 1
