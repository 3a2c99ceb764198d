"""Who sees which cases, one way of seeing them at a time: a caseworker and a manager their team's, the
Joint Working Team the cases joint with the LGSCO, a manager further up the chain a case whose
complaint was escalated to them (all its feedback), and those who oversee every case. The lists,
a case and its feedback, and the insight figures all agree."""

from datetime import date

import pytest

from casework.read.access import case_for, feedback_for, visible_cases, visible_feedback
from casework.read.insight import KINDS, InsightFilter, insight_for
from casework.services.errors import NotFound
from casework.services.feedback import NewFeedback, log_feedback, take_action
from policy.facts import Channel, FeedbackKind, Role
from tests.conftest import TODAY, make_person
from web.views.insight import InsightFilterForm

pytestmark = pytest.mark.django_db

RECEIVED = date(2026, 11, 10)


def log(actor, case, kind):
    return log_feedback(actor, case, NewFeedback(kind, RECEIVED, Channel.EMAIL, "Kept waiting"), TODAY)


@pytest.fixture
def cases(make_case, caseworker, manager, team_b, outsider):
    """Team A's case, Team A's case joint with the LGSCO, and Team B's case with a complaint about our
    service escalated by Team B's manager to a manager of Team A, and positive feedback beside it."""
    team_b_manager = make_person("bea", Role.MANAGER, team_b, manager)
    outsider.profile.line_manager = team_b_manager
    outsider.profile.save()
    ours, joint = make_case(), make_case(joint_with_lgsco=True)
    theirs = make_case(team=team_b, case_owner=outsider, manager=team_b_manager)
    complaint = log(outsider, theirs, FeedbackKind.SERVICE_COMPLAINT)
    take_action(team_b_manager, complaint.reference, "record_resolution_attempt", {"attempt": "Called them"}, TODAY)
    take_action(team_b_manager, complaint.reference, "escalate", {"reason": "The risk profile changed"}, TODAY)
    praise = log(outsider, theirs, FeedbackKind.POSITIVE)
    feedback = {"ours": log(caseworker, ours, FeedbackKind.POSITIVE), "joint": log(caseworker, joint, FeedbackKind.POSITIVE)}
    return {"ours": ours, "joint": joint, "theirs": theirs}, {**feedback, "complaint": complaint, "praise": praise}


def seen(user, cases, feedback) -> tuple[set[str], set[str]]:
    case_names = {name for name, case in cases.items() if visible_cases(user).filter(pk=case.pk).exists()}
    feedback_names = {name for name, one in feedback.items() if visible_feedback(user).filter(pk=one.pk).exists()}
    for name, case in cases.items():  # a case or feedback not seen is not found, as if it were not there
        if name not in case_names:
            with pytest.raises(NotFound):
                case_for(user, case.reference)
    for name, one in feedback.items():
        if name not in feedback_names:
            with pytest.raises(NotFound):
                feedback_for(user, one.reference)
    return case_names, feedback_names


def test_a_caseworker_sees_their_teams_cases_joint_or_not(cases, caseworker):
    assert seen(caseworker, *cases) == ({"ours", "joint"}, {"ours", "joint"})


def test_a_manager_sees_their_team_and_every_feedback_on_a_case_escalated_to_them(cases, manager):
    assert seen(manager, *cases) == ({"ours", "joint", "theirs"}, {"ours", "joint", "complaint", "praise"})


def test_the_escalated_case_is_not_seen_by_a_caseworker_of_the_team_it_was_escalated_to(cases, caseworker):
    _, feedback = cases
    with pytest.raises(NotFound):
        feedback_for(caseworker, feedback["complaint"].reference)


def test_the_joint_working_team_see_only_the_cases_joint_with_the_lgsco(cases, joint_worker):
    assert seen(joint_worker, *cases) == ({"joint"}, {"joint"})


def test_a_caseworker_of_another_team_sees_their_own_case_only(cases, outsider):
    assert seen(outsider, *cases) == ({"theirs"}, {"complaint", "praise"})


def test_someone_with_no_casework_role_sees_nothing(cases, team_a):
    administrator = make_person("ann", Role.SHARED_SERVICES, team_a)
    administrator.groups.clear()
    assert seen(administrator, *cases) == (set(), set())


def test_oat_see_every_case(cases, oat):
    assert seen(oat, *cases) == ({"ours", "joint", "theirs"}, {"ours", "joint", "complaint", "praise"})


def test_insight_counts_what_the_manager_sees_the_escalated_complaint_included(cases, manager):
    period = InsightFilter(date(2026, 11, 1), TODAY)
    volumes = insight_for(manager, period, TODAY).volumes.as_dict()["November 2026"]
    labels = dict(KINDS)
    assert volumes[labels[FeedbackKind.POSITIVE]] == 3  # ours, joint, and the praise on the escalated case
    assert (volumes[labels[FeedbackKind.SERVICE_COMPLAINT]], volumes["Total"]) == (1, 4)


def test_insight_offers_the_teams_and_case_owners_of_the_cases_each_person_sees(cases, manager, joint_worker, oat):
    def offered(user) -> tuple[set[str], set[str]]:
        form = InsightFilterForm(user)
        return {team.name for team in form.fields["team"].queryset}, {p.username for p in form.fields["case_owner"].queryset}

    ours, joint, theirs = (cases[0][name] for name in ("ours", "joint", "theirs"))
    owners = {case.case_owner.username for case in (ours, joint, theirs)}
    assert offered(oat) == ({ours.team.name, theirs.team.name}, owners)
    assert offered(manager) == ({ours.team.name, theirs.team.name}, owners)  # the escalated case's team and owner
    assert offered(joint_worker) == ({joint.team.name}, {joint.case_owner.username})
