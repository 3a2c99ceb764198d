"""After an upheld review: fresh and new investigations, quashing and approvals, through the use
cases (paras 57, 61 to 69, 72, 73)."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.contrib.auth.models import Group

from casework.models import Approval, DelegationRule, FollowOnCase, Letter, Task
from casework.services.errors import Refused
from casework.services.feedback import take_action
from policy.facts import Role
from tests.conftest import make_person
from tests.services.conftest import AFTER_DEADLINE, RISK, UPHELD, footprint

pytestmark = pytest.mark.django_db

LATER = AFTER_DEADLINE + timedelta(days=20)  # after the 14-day comment period
PROPOSAL = {"ground": "significant_new_information", "summary": "Whether the trust delayed the referral in March"}
QUASH = {
    "missed_or_new_evidence": True,
    "incontrovertibly_wrong": False,
    "no_other_way": True,
    "public_interest": True,
    "reasons": "The report names the wrong surgeon and is being relied on in a disciplinary case",
}


def paragraphs(refused: pytest.ExceptionInfo[Refused]) -> set[str]:
    return {reason.paragraph for reason in refused.value.reasons}


@pytest.fixture
def decided(at_oat, walk, oat):
    """An upheld review decided by OAT, choosing `route`."""

    def make(route: str, **traits):
        feedback = walk(at_oat(**traits), RISK)
        for name, inputs in [
            ("oat_outcome_accepted", {"advice": "Review"}),
            ("record_review_decision", {**UPHELD, "route": route}),
        ]:
            feedback = take_action(oat, feedback.reference, name, inputs, AFTER_DEADLINE)
        return feedback

    return make


def act(person, feedback, name, inputs=None, today=AFTER_DEADLINE):
    return take_action(person, feedback.reference, name, inputs or {}, today)


@pytest.fixture
def shared_services(db):
    return make_person("sam", Role.SHARED_SERVICES)


@pytest.mark.policy("57")
def test_a_fresh_primary_investigation_goes_to_shared_services_and_is_linked_both_ways(decided, oat, shared_services):
    feedback = decided("fresh_primary_investigation")

    feedback = act(
        oat, feedback, "arrange_fresh_investigation", {"summary": "Look at the GP records", "allocation_advice": "Not Cara"}
    )
    assert feedback.state == "awaiting_new_case"
    task = Task.objects.get(feedback_case=feedback, code="open_new_case")
    assert task.assigned_role == Role.SHARED_SERVICES and "Not Cara" in task.body

    feedback = act(shared_services, feedback, "record_new_case", {"new_reference": "PHSO-9001"})
    follow_on = FollowOnCase.objects.get(original_case=feedback.case)
    assert (follow_on.new_reference, follow_on.priority, feedback.state) == ("PHSO-9001", False, "review_decided")
    assert feedback.case.follow_on_cases.get() == follow_on


@pytest.mark.policy("61", "62")
def test_a_new_detailed_investigation_needs_one_of_the_exceptional_grounds(decided, oat):
    feedback = decided("new_detailed_investigation")
    before = footprint(feedback)

    with pytest.raises(Refused) as refused:
        act(oat, feedback, "propose_new_investigation", {"summary": PROPOSAL["summary"]})

    assert [(reason.paragraph, reason.field) for reason in refused.value.reasons] == [("62", "ground")]
    assert footprint(feedback) == before


@pytest.mark.policy("61")
def test_a_new_detailed_investigation_only_follows_a_review_that_chose_one(decided, oat):
    with pytest.raises(Refused) as refused:
        act(oat, decided("financial_remedy"), "propose_new_investigation", PROPOSAL)

    assert paragraphs(refused) == {"61"}


@pytest.mark.policy("63", "64", "65", "72", "73")
def test_a_new_detailed_investigation_goes_through_letters_comments_approval_and_opens_as_a_priority(
    decided, oat, ombudsman, shared_services
):
    feedback = act(oat, decided("new_detailed_investigation"), "propose_new_investigation", PROPOSAL)

    letters = Letter.objects.filter(feedback_case=feedback, template__code="new_investigation_proposal")
    assert sorted(letters.values_list("addressee", flat=True)) == ["Alice Brown", "Northgate NHS Trust"]
    assert all("Whether the trust delayed the referral in March" in letter.body for letter in letters)
    deadline = AFTER_DEADLINE + timedelta(days=14)
    assert feedback.new_investigation.comment_deadline == deadline

    with pytest.raises(Refused) as refused:
        act(oat, feedback, "decide_to_proceed", {"consideration": "No comments yet"})
    assert paragraphs(refused) == {"64"}

    act(oat, feedback, "record_comments", {"party": "service_user", "comments": "Please go ahead"})
    act(oat, feedback, "record_comments", {"party": "organisation", "comments": "We object"})
    feedback = act(
        oat, feedback, "decide_to_proceed", {"consideration": "The trust's objection does not answer the new evidence"}
    )
    assert feedback.state == "awaiting_approval"
    assert Task.objects.get(feedback_case=feedback, code="approve_new_detailed_investigation").assigned_role == Role.OMBUDSMAN

    feedback = act(ombudsman, feedback, "approve_new_investigation", {"reasons": "The new evidence is significant"})
    approval = Approval.objects.get(feedback_case=feedback)
    assert (approval.proposed_by, approval.decided_by, approval.approved) == (oat, ombudsman, True)
    follow_on = FollowOnCase.objects.get(feedback_case=feedback)
    assert follow_on.priority and follow_on.kind == "new_detailed_investigation"
    assert Task.objects.get(feedback_case=feedback, code="open_new_case").subject.startswith("Priority")
    assert Task.objects.filter(feedback_case=feedback, code="reassess_risk", status="open").exists()

    feedback = act(shared_services, feedback, "record_new_case", {"new_reference": "PHSO-9002"})
    assert feedback.state == "review_decided"


@pytest.mark.policy("64")
def test_once_the_comment_period_has_passed_oat_may_go_ahead_without_comments(decided, oat):
    feedback = act(oat, decided("new_detailed_investigation"), "propose_new_investigation", PROPOSAL)

    feedback = act(oat, feedback, "decide_to_proceed", {"consideration": "No comments came"}, LATER)

    assert feedback.state == "awaiting_approval"


@pytest.mark.policy("73", "72")
@pytest.mark.parametrize("who", ["oat", "lawyer", "caseworker"])
def test_only_the_ombudsman_or_a_deputy_approves_a_new_detailed_investigation(decided, oat, lawyer, caseworker, who):
    feedback = act(oat, decided("new_detailed_investigation"), "propose_new_investigation", PROPOSAL)
    feedback = act(oat, feedback, "decide_to_proceed", {"consideration": "None came"}, LATER)
    before = footprint(feedback)

    with pytest.raises(Refused) as refused:
        act(
            {"oat": oat, "lawyer": lawyer, "caseworker": caseworker}[who],
            feedback,
            "approve_new_investigation",
            {"reasons": "Yes"},
        )

    assert paragraphs(refused) == {"73"}
    assert footprint(feedback) == before


@pytest.mark.policy("72")
def test_nobody_approves_their_own_proposal(decided, oat):
    oat.groups.add(Group.objects.get(name=Role.OMBUDSMAN))  # a Deputy who also works in OAT
    feedback = act(oat, decided("new_detailed_investigation"), "propose_new_investigation", PROPOSAL)
    feedback = act(oat, feedback, "decide_to_proceed", {"consideration": "None came"}, LATER)

    with pytest.raises(Refused) as refused:
        act(oat, feedback, "approve_new_investigation", {"reasons": "I agree with myself"})

    assert paragraphs(refused) == {"72"}


@pytest.mark.policy("72", "73")
def test_the_delegation_table_says_who_approves(decided, oat, lawyer, ombudsman):
    DelegationRule.objects.filter(subject="new_detailed_investigation").update(role=Role.LEGAL)
    feedback = act(oat, decided("new_detailed_investigation"), "propose_new_investigation", PROPOSAL)
    feedback = act(oat, feedback, "decide_to_proceed", {"consideration": "None came"}, LATER)

    with pytest.raises(Refused):
        act(ombudsman, feedback, "approve_new_investigation", {"reasons": "Yes"})
    assert act(lawyer, feedback, "approve_new_investigation", {"reasons": "Yes"}).state == "awaiting_new_case"


@pytest.mark.policy("67")
@pytest.mark.parametrize(
    ("changes", "fields"),
    [
        ({"missed_or_new_evidence": False}, {"missed_or_new_evidence"}),
        ({"no_other_way": False}, {"no_other_way"}),
        ({"public_interest": False}, {"public_interest"}),
        ({"missed_or_new_evidence": False, "incontrovertibly_wrong": True}, set()),
    ],
)
def test_a_quash_proposal_goes_forward_only_when_the_criteria_hold(decided, oat, changes, fields):
    feedback = decided("financial_remedy")
    before = footprint(feedback)

    if fields:
        with pytest.raises(Refused) as refused:
            act(oat, feedback, "propose_quash", {**QUASH, **changes})
        assert {reason.field for reason in refused.value.reasons} == fields
        assert paragraphs(refused) == {"67"}
        assert footprint(feedback) == before
    else:
        assert act(oat, feedback, "propose_quash", {**QUASH, **changes}).state == "with_legal_for_quash"


@pytest.mark.policy("66", "68", "69")
def test_a_quash_goes_to_legal_and_only_the_ombudsman_decides_then_every_party_is_told(
    decided, oat, lawyer, ombudsman, caseworker
):
    feedback = act(oat, decided("financial_remedy"), "propose_quash", QUASH)
    task = Task.objects.get(feedback_case=feedback, code="quash_legal")
    assert task.assigned_role == Role.LEGAL and "disciplinary case" in task.body

    feedback = act(lawyer, feedback, "give_quash_advice", {"advice": "The criteria are met"})
    assert feedback.state == "awaiting_quash_decision"
    for person in (oat, lawyer, caseworker):
        with pytest.raises(Refused) as refused:
            act(person, feedback, "quash_report", {"reasons": "Yes"})
        assert paragraphs(refused) == {"69"}

    feedback = act(ombudsman, feedback, "quash_report", {"reasons": "The report is unsafe"})
    feedback.case.refresh_from_db()
    assert feedback.case.report_quashed and feedback.case.quashed_on == AFTER_DEADLINE
    addressees = set(
        Letter.objects.filter(feedback_case=feedback, template__code="report_quashed").values_list("addressee", flat=True)
    )
    assert addressees == {"Alice Brown", "Northgate NHS Trust", "Cara"}
    with pytest.raises(Refused) as refused:
        act(oat, feedback, "propose_quash", QUASH)
    assert paragraphs(refused) == {"66"}


@pytest.mark.policy("66")
def test_quashing_is_not_offered_on_a_review_that_was_not_upheld(at_oat, oat):
    feedback = act(oat, at_oat(), "oat_outcome_accepted", {"advice": "Review"})
    feedback = act(
        oat,
        feedback,
        "record_review_decision",
        {
            "finding_overlooked": "not_upheld",
            "reasons_overlooked": "Nothing was overlooked",
            "handling_feedback": "Fine",
            "proportionate": True,
        },
    )

    with pytest.raises(Refused) as refused:
        act(oat, feedback, "propose_quash", QUASH)
    assert paragraphs(refused) == {"66"}


@pytest.mark.policy("57", "64")
@pytest.mark.parametrize(("route", "paragraph"), [("fresh_primary_investigation", "57"), ("new_detailed_investigation", "64")])
def test_the_decision_is_not_sent_while_the_investigation_it_chose_is_not_arranged(decided, oat, route, paragraph):
    feedback = act(oat, decided(route), "record_learning_point", {"kind": "good_practice", "text": "A clear report"})

    with pytest.raises(Refused) as refused:
        act(oat, feedback, "send_review_decision")

    assert paragraphs(refused) == {paragraph}


@pytest.mark.policy("57", "74")
def test_the_decision_letter_tells_the_service_user_about_the_new_investigation(decided, oat, shared_services):
    feedback = act(
        oat,
        decided("fresh_primary_investigation"),
        "arrange_fresh_investigation",
        {"summary": "GP records", "allocation_advice": "Any"},
    )
    feedback = act(shared_services, feedback, "record_new_case", {"new_reference": "PHSO-9003"})
    act(oat, feedback, "record_learning_point", {"kind": "good_practice", "text": "A clear report"})

    feedback = act(oat, feedback, "send_review_decision")

    body = Letter.objects.get(feedback_case=feedback, template__code="review_decision").body
    assert "a fresh primary investigation" in body
    assert feedback.state == "closed_reviewed"


@pytest.mark.policy("73", "69")
def test_with_no_delegation_rule_recorded_the_ombudsman_approves(decided, oat, lawyer, ombudsman):
    DelegationRule.objects.all().delete()
    investigation = act(oat, decided("new_detailed_investigation"), "propose_new_investigation", PROPOSAL)
    investigation = act(oat, investigation, "decide_to_proceed", {"consideration": "None came"}, LATER)
    quash = act(lawyer, act(oat, decided("financial_remedy"), "propose_quash", QUASH), "give_quash_advice", {"advice": "Met"})

    assert set(Approval.objects.values_list("approver_role", flat=True)) == {Role.OMBUDSMAN}
    with pytest.raises(Refused) as refused:
        act(oat, investigation, "approve_new_investigation", {"reasons": "Yes"})
    assert paragraphs(refused) == {"73"}
    assert act(ombudsman, investigation, "approve_new_investigation", {"reasons": "Yes"}).state == "awaiting_new_case"
    assert act(ombudsman, quash, "quash_report", {"reasons": "The report is unsafe"}).case.report_quashed


@pytest.mark.policy("63", "64")
def test_a_new_investigation_proposed_again_after_one_was_withdrawn_replaces_it_with_no_old_comments(decided, oat):
    feedback = act(oat, decided("new_detailed_investigation"), "propose_new_investigation", PROPOSAL)
    act(oat, feedback, "record_comments", {"party": "service_user", "comments": "Please go ahead"})
    act(oat, feedback, "withdraw_new_investigation", {"reasons": "The new evidence was already considered"})

    feedback = act(oat, feedback, "propose_new_investigation", {**PROPOSAL, "summary": "Whether the scan was misread"})

    proposal = feedback.new_investigation
    assert (feedback.state, proposal.summary, proposal.withdrawn) == (
        "new_investigation_proposed",
        "Whether the scan was misread",
        "",
    )
    assert not proposal.comments.exists()
    replaced = feedback.events.filter(action="propose_new_investigation").latest("id").before["records"]
    old = {key.split()[0]: values for key, values in replaced.items()}
    assert old["NewInvestigationProposal"]["withdrawn"] == "The new evidence was already considered"
    assert old["PartyComment"]["comments"] == "Please go ahead"
