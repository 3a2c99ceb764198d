"""Time limits: concerns within a month (para 2), grounds against the deadline (paras 33 to 37),
and the Judicial Review clock (para 71)."""

from __future__ import annotations

from datetime import date

import pytest

from policy.facts import Role
from policy.time_limits import (
    SET_ASIDE_REASONS,
    SetAsideReason,
    grounds_are_late,
    in_time,
    judicial_review_clock,
    late,
    raised_late,
    set_aside_refusals,
)
from policy.workflows import validate
from tests.policy.helpers import (
    CASEWORKER,
    DEADLINE,
    IN_TIME,
    LATE,
    WORKFLOW,
    closed_paragraphs,
    decide,
    grounds_in,
    open_actions,
    taken_by,
    taken_from,
)

TODAY = date(2026, 11, 27)


@pytest.mark.policy("2")
@pytest.mark.parametrize(
    ("decision", "received", "flagged"),
    [
        (date(2026, 1, 15), date(2026, 1, 20), False),
        (date(2026, 1, 15), date(2026, 2, 15), False),  # exactly one month after: not late
        (date(2026, 1, 15), date(2026, 2, 16), True),  # the day after: late
        (date(2026, 1, 31), date(2026, 2, 28), False),  # one calendar month after 31 January
        (date(2026, 1, 31), date(2026, 3, 1), True),
        (date(2026, 11, 25), date(2026, 12, 29), True),  # no working-day grace: that is the grounds deadline, not para 2
    ],
)
def test_feedback_received_more_than_one_calendar_month_after_the_decision_is_flagged(decision, received, flagged):
    reason = raised_late(decision, received)

    assert (reason is not None) is flagged
    if flagged:
        assert reason.paragraph == "2"
        assert "may decide not to consider" in reason.text


@pytest.mark.policy("33")
@pytest.mark.parametrize(
    ("received", "is_late"),
    [
        (date(2026, 11, 20), False),
        (DEADLINE, False),  # on the deadline is in time
        (LATE, True),  # the day after is late
        (date(2027, 3, 1), True),
    ],
)
def test_grounds_are_in_time_up_to_and_including_the_deadline(received, is_late):
    feedback = grounds_in(received)

    assert grounds_are_late(feedback) is is_late
    assert in_time(feedback).allowed is not is_late
    assert late(feedback).allowed is is_late
    refused = late(feedback) if not is_late else in_time(feedback)
    assert refused.paragraphs == ("33",)


@pytest.mark.policy("33")
@pytest.mark.parametrize(
    ("received", "open_routes"),
    [
        (IN_TIME, {"accept_in_time"}),
        (LATE, {"invite_explanation", "set_aside_time_limit"}),
    ],
)
def test_in_time_grounds_are_accepted_and_late_grounds_go_to_a_time_limit_decision(received, open_routes):
    assert open_actions(grounds_in(received)) == open_routes


@pytest.mark.policy("33")
def test_in_time_grounds_cannot_be_treated_as_late():
    feedback = grounds_in(IN_TIME)

    assert closed_paragraphs("invite_explanation", feedback) == {"33"}
    assert closed_paragraphs("set_aside_time_limit", feedback) == {"33"}


@pytest.mark.policy("33")
def test_late_grounds_cannot_be_accepted_as_in_time():
    assert closed_paragraphs("accept_in_time", grounds_in(LATE)) == {"33"}


@pytest.mark.policy("36")
@pytest.mark.parametrize("reason", [None, ""])
def test_the_time_limit_is_not_set_aside_without_a_reason(reason):
    refusals = set_aside_refusals(reason, "")

    assert [(r.paragraph, r.field) for r in refusals] == [("36", "reason")]


@pytest.mark.policy("34")
@pytest.mark.parametrize("detail", ["", "   "])
def test_another_good_reason_must_be_written_down(detail):
    refusals = set_aside_refusals(SetAsideReason.OTHER, detail)

    assert [(r.paragraph, r.field) for r in refusals] == [("34", "detail")]


@pytest.mark.policy("34")
@pytest.mark.parametrize("reason", list(SetAsideReason))
def test_each_good_reason_the_guidance_names_sets_the_time_limit_aside(reason):
    detail = "They were in hospital for six weeks" if reason == SetAsideReason.OTHER else ""

    assert set_aside_refusals(reason, detail) == []


@pytest.mark.policy("34")
def test_the_reasons_offered_are_the_five_of_para_34_split_out_plus_other():
    assert set(SET_ASIDE_REASONS) == {
        SetAsideReason.ILLNESS,
        SetAsideReason.BEREAVEMENT,
        SetAsideReason.ADVOCATE_OR_MP_SUPPORT,
        SetAsideReason.EVIDENCE_PROBLEMS,
        SetAsideReason.CASE_OWNER_RESOLUTION_TIME,
        SetAsideReason.DIFFICULT_BUT_PROMPT,
        SetAsideReason.OTHER,
    }
    offered = dict(WORKFLOW.action("set_aside_time_limit").field("reason").choices)
    assert set(offered) == {reason.value for reason in SetAsideReason}


@pytest.mark.policy("34")
def test_a_reason_that_is_not_one_of_the_choices_does_not_set_the_time_limit_aside():
    feedback = grounds_in(LATE, state="explanation_invited")
    decision = validate(WORKFLOW.action("set_aside_time_limit"), feedback, {"reason": "felt like it"}, TODAY)

    assert not decision.allowed
    assert {reason.field for reason in decision.reasons} == {"reason"}


@pytest.mark.policy("36")
def test_setting_the_time_limit_aside_through_the_workflow_needs_a_reason():
    decision = validate(WORKFLOW.action("set_aside_time_limit"), grounds_in(LATE), {"reason": "", "detail": ""}, TODAY)

    assert not decision.allowed
    assert [(r.paragraph, r.field) for r in decision.reasons] == [("36", "reason")]


@pytest.mark.policy("35")
@pytest.mark.parametrize("reasons", [None, "", "   \n "])
def test_late_grounds_cannot_be_declined_without_the_reasons(reasons):
    feedback = grounds_in(LATE, state="explanation_invited")
    action = WORKFLOW.action("decline_for_time")

    assert decide("decline_for_time", feedback).allowed, "the route is open; only the reasons are missing"
    decision = validate(action, feedback, {"reasons": reasons}, TODAY)

    assert not decision.allowed
    assert [(r.paragraph, r.field) for r in decision.reasons] == [("35", "reasons")]


@pytest.mark.policy("35")
def test_only_the_case_owner_declines_for_time_and_only_once_an_explanation_was_invited():
    assert taken_from("decline_for_time", lambda state: grounds_in(LATE, state=state)) == {"explanation_invited"}
    assert taken_by("decline_for_time", grounds_in(LATE, state="explanation_invited")) == {Role.CASEWORKER}


@pytest.mark.policy("35", "33")
def test_grounds_that_arrived_in_time_are_not_declined_for_time():
    assert closed_paragraphs("decline_for_time", grounds_in(IN_TIME, state="explanation_invited")) == {"33"}


@pytest.mark.policy("35", "37")
def test_the_case_owner_does_not_decline_for_time_when_oat_asked_to_see_reviews_first():
    feedback = grounds_in(LATE, state="explanation_invited", reviews_go_to_oat_first=True)
    assert closed_paragraphs("decline_for_time", feedback) == {"37"}


@pytest.mark.policy("35")
def test_late_grounds_are_declined_once_the_reasons_are_given():
    feedback = grounds_in(LATE, state="explanation_invited")
    decision = validate(WORKFLOW.action("decline_for_time"), feedback, {"reasons": "No explanation was given"}, TODAY)

    assert decision.allowed


@pytest.mark.policy("37")
@pytest.mark.parametrize(
    ("state", "received", "closed"),
    [
        ("grounds_received", IN_TIME, {"accept_in_time"}),
        ("grounds_received", LATE, {"invite_explanation", "set_aside_time_limit"}),
        ("explanation_invited", LATE, {"set_aside_time_limit", "decline_for_time"}),
    ],
)
def test_when_oat_asked_to_see_reviews_first_the_only_route_is_to_pass_it_to_oat(state, received, closed):
    feedback = grounds_in(received, state=state, reviews_go_to_oat_first=True)

    assert open_actions(feedback) == {"pass_to_oat"}
    for action in closed:
        assert "37" in closed_paragraphs(action, feedback), action


@pytest.mark.policy("37")
@pytest.mark.parametrize("received", [IN_TIME, LATE])
def test_without_oats_request_the_case_owner_decides_the_time_limit_and_cannot_pass_it_straight_on(received):
    feedback = grounds_in(received)

    assert "pass_to_oat" not in open_actions(feedback)
    assert closed_paragraphs("pass_to_oat", feedback) == {"37"}


@pytest.mark.policy("71")
@pytest.mark.parametrize(
    ("decision", "requested", "decided", "today", "jr_date", "will_not_argue_delay"),
    [
        # nobody has asked for a review: just the JR date
        (date(2026, 1, 15), None, None, date(2026, 6, 1), date(2026, 4, 15), False),
        (date(2025, 11, 30), None, None, date(2026, 1, 1), date(2026, 2, 28), False),
        # asked within a month, decided within three months of the request
        (date(2026, 1, 15), date(2026, 2, 1), date(2026, 5, 1), date(2026, 6, 1), date(2026, 4, 15), False),
        # asked within a month, decided exactly three months after the request: not more than three months
        (date(2026, 1, 15), date(2026, 2, 1), date(2026, 5, 1), date(2026, 9, 1), date(2026, 4, 15), False),
        # asked within a month, decided more than three months after the request
        (date(2026, 1, 15), date(2026, 2, 1), date(2026, 5, 2), date(2026, 9, 1), date(2026, 4, 15), True),
        # asked on the last day of the month, still undecided today, more than three months on
        (date(2026, 1, 15), date(2026, 2, 15), None, date(2026, 5, 16), date(2026, 4, 15), True),
        # still undecided, but today is only three months after the request
        (date(2026, 1, 15), date(2026, 2, 15), None, date(2026, 5, 15), date(2026, 4, 15), False),
        # asked more than a month after the decision: delay may be argued however long we took
        (date(2026, 1, 15), date(2026, 2, 16), date(2026, 9, 1), date(2026, 9, 1), date(2026, 4, 15), False),
    ],
)
def test_we_do_not_argue_delay_only_when_a_review_asked_for_in_time_took_us_more_than_three_months(
    decision, requested, decided, today, jr_date, will_not_argue_delay
):
    clock = judicial_review_clock(decision, requested, decided, today)

    assert clock.jr_date == jr_date
    assert clock.will_not_argue_delay is will_not_argue_delay


def test_the_time_limit_actions_are_the_case_owners():
    for name in ("accept_in_time", "invite_explanation", "set_aside_time_limit", "decline_for_time", "pass_to_oat"):
        assert WORKFLOW.action(name).roles == frozenset(CASEWORKER), name
