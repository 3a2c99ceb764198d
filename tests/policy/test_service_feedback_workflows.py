"""Service complaints and positive feedback, as declared: who may act, in what order, and what closes."""

from datetime import date
from decimal import Decimal

import pytest

from policy import eligibility
from policy.facts import CaseFacts, FeedbackFacts, FeedbackKind, Role
from policy.service_feedback import SeverityBand, remedy_refusals
from policy.workflows import Action, Workflow, evaluate, options, validate
from policy.workflows.registry import workflow_for
from tests.policy.helpers import taken_by, taken_from

SERVICE = workflow_for(FeedbackKind.SERVICE_COMPLAINT)
POSITIVE = workflow_for(FeedbackKind.POSITIVE)
TODAY = date(2026, 11, 27)


def service(state="received", **facts) -> FeedbackFacts:
    values = {"received_date": date(2026, 11, 10), **facts}
    return FeedbackFacts(
        case=CaseFacts(decision_date=date(2026, 11, 2)), kind=FeedbackKind.SERVICE_COMPLAINT, state=state, **values
    )


def open_names(facts, *roles):
    return {option.action.name for option in options(SERVICE, facts, roles) if option.open}


def oat_review_states(workflow: Workflow) -> set[str]:
    """States that only OAT can move a complaint on from: a referral with OAT, or OAT's review."""
    moving_on: dict[str, list[Action]] = {}
    for action in workflow.actions:
        for source in action.sources:
            if action.target not in (None, source):
                moving_on.setdefault(source, []).append(action)
    return {state for state, actions in moving_on.items() if all(action.roles == {Role.OAT} for action in actions)}


def review_requests(workflow: Workflow) -> list[Action]:
    """Actions that ask for a review (guarded by whether it may enter review) or take it into OAT's review."""
    review = oat_review_states(workflow)
    return [
        action
        for action in workflow.actions
        if eligibility.may_enter_review in action.guards or (action.target in review and not action.sources <= review)
    ]


@pytest.mark.policy("10", "11")
def test_a_service_complaint_has_no_route_to_a_review():
    decision = workflow_for(FeedbackKind.DECISION_COMPLAINT)
    review_states = oat_review_states(decision)
    requests = review_requests(decision)
    assert review_states and requests  # what a route to a review looks like, read from the decision workflow

    assert not oat_review_states(SERVICE)
    assert not {action.target for action in SERVICE.actions} & review_states
    assert not review_requests(SERVICE)
    for action in SERVICE.actions:
        for request in requests:
            assert action.name != request.name and not set(action.paragraphs) & set(request.paragraphs), action.name


@pytest.mark.policy("10", "11", "13")
@pytest.mark.parametrize("state", [state.name for state in SERVICE.states if not state.terminal])
def test_every_open_service_complaint_is_moved_on_by_the_managers_chain_and_not_handed_on(state):
    moving_on = [action for action in SERVICE.actions_from(state) if action.target not in (None, state)]
    assert any(Role.MANAGER in action.roles for action in moving_on)


@pytest.mark.policy("13")
def test_a_caseworker_cannot_act_on_a_service_complaint_but_the_manager_can():
    decision = evaluate(SERVICE, SERVICE.action("record_resolution_attempt"), service(), {Role.CASEWORKER})
    assert not decision.allowed and decision.paragraphs == ("13",)
    assert "record_resolution_attempt" in open_names(service(), Role.MANAGER)
    assert "record_resolution_attempt" not in open_names(service(), Role.CASEWORKER)


@pytest.mark.policy("14", "16")
def test_nothing_but_an_attempt_to_resolve_comes_first():
    first = open_names(service(), Role.MANAGER)
    assert "record_resolution_attempt" in first
    assert not first & {"resolve", "close_unresolved", "escalate", "record_finding", "close_upheld"}
    after = open_names(service("resolution_attempted", resolution_attempted=True), Role.MANAGER)
    assert {"resolve", "close_unresolved", "record_finding", "ask_oat_advice"} <= after


@pytest.mark.policy("14", "16")
def test_an_attempt_to_resolve_must_say_what_was_done():
    decision = validate(SERVICE.action("record_resolution_attempt"), service(), {"attempt": "  "}, TODAY)
    assert not decision.allowed and decision.reasons[0].paragraph == "14" and decision.reasons[0].field == "attempt"


@pytest.mark.policy("13", "14", "16")
def test_the_attempt_to_resolve_is_recorded_once_first_and_then_stands():
    assert taken_from("record_resolution_attempt", service, {Role.MANAGER}, SERVICE) == {"received"}


@pytest.mark.policy("10", "14", "16")
def test_only_the_manager_closes_a_complaint_as_resolved_once_the_attempt_is_recorded_saying_how():
    def attempted(state):
        return service(state, resolution_attempted=True)

    assert taken_from("resolve", attempted, {Role.MANAGER}, SERVICE) == {"resolution_attempted"}
    assert taken_by("resolve", attempted("resolution_attempted"), SERVICE) == {Role.MANAGER}
    assert not taken_from("resolve", service, {Role.MANAGER}, SERVICE), "no attempt recorded, whatever the state says"
    decision = validate(SERVICE.action("resolve"), attempted("resolution_attempted"), {"note": "  "}, TODAY)
    assert not decision.allowed and [(r.paragraph, r.field) for r in decision.reasons] == [("16", "note")]


@pytest.mark.policy("11", "15")
def test_only_the_manager_escalates_up_the_chain_after_trying_to_resolve_and_says_why():
    def ready(state, **facts):
        return service(state, **{"resolution_attempted": True, "next_manager_up": "ada", **facts})

    assert taken_from("escalate", ready, {Role.MANAGER}, SERVICE) == {"resolution_attempted"}
    assert taken_by("escalate", ready("resolution_attempted"), SERVICE) == {Role.MANAGER}
    assert not taken_from("escalate", lambda state: ready(state, resolution_attempted=False), {Role.MANAGER}, SERVICE)
    assert not taken_from("escalate", lambda state: ready(state, next_manager_up=None), {Role.MANAGER}, SERVICE)
    decision = validate(SERVICE.action("escalate"), ready("resolution_attempted"), {"reason": ""}, TODAY)
    assert not decision.allowed and [(r.paragraph, r.field) for r in decision.reasons] == [("15", "reason")]


@pytest.mark.policy("15")
def test_escalation_needs_someone_further_up_the_chain():
    attempted = service("resolution_attempted", resolution_attempted=True)
    assert "escalate" not in open_names(attempted, Role.MANAGER)
    assert "escalate" in open_names(
        service("resolution_attempted", resolution_attempted=True, next_manager_up="ada"), Role.MANAGER
    )


@pytest.mark.policy("17")
def test_the_finding_records_what_happened_what_should_have_and_the_difference():
    decision = validate(
        SERVICE.action("record_finding"), service("resolution_attempted", resolution_attempted=True), {"upheld": True}, TODAY
    )
    assert {reason.field for reason in decision.reasons} == {"what_happened", "what_should_have_happened", "difference"}
    assert set(decision.paragraphs) == {"17"}


@pytest.mark.policy("18")
def test_an_upheld_complaint_cannot_close_without_a_remedy():
    upheld = service("finding_recorded", resolution_attempted=True, finding_upheld=True)
    decision = evaluate(SERVICE, SERVICE.action("close_upheld"), upheld, {Role.MANAGER})
    assert not decision.allowed and decision.paragraphs == ("18",)
    assert "close_not_upheld" not in open_names(upheld, Role.MANAGER)
    with_remedy = service("finding_recorded", resolution_attempted=True, finding_upheld=True, remedy_count=1)
    assert "close_upheld" in open_names(with_remedy, Role.MANAGER)


@pytest.mark.policy("18")
def test_a_remedy_is_offered_only_on_an_upheld_complaint():
    not_upheld = service("finding_recorded", resolution_attempted=True, finding_upheld=False)
    assert "offer_remedy" not in open_names(not_upheld, Role.MANAGER)
    assert "close_not_upheld" in open_names(not_upheld, Role.MANAGER)


SCALE = (SeverityBand(1, Decimal(0), Decimal(250)), SeverityBand(2, Decimal(250), Decimal(1000)))


@pytest.mark.policy("18", "60")
@pytest.mark.parametrize(
    ("inputs", "fields"),
    [
        ({"remedy_type": "apology"}, set()),
        ({"remedy_type": "financial"}, {"severity_level", "amount"}),
        ({"remedy_type": "financial", "severity_level": "1", "amount": "100"}, set()),
        ({"remedy_type": "financial", "severity_level": "1", "amount": "£1,500"}, {"out_of_range_reason"}),
        ({"remedy_type": "financial", "severity_level": "1", "amount": "1500", "out_of_range_reason": "Long delay"}, set()),
        ({"remedy_type": "financial", "severity_level": "2", "amount": "lots"}, {"amount"}),
    ],
)
def test_a_financial_remedy_sits_on_the_severity_scale(inputs, fields):
    assert {reason.field for reason in remedy_refusals(inputs, SCALE)} == fields


@pytest.mark.policy("12")
def test_a_service_complaint_about_the_decision_becomes_a_decision_complaint():
    action = SERVICE.action("reclassify_as_decision_complaint")
    assert action.becomes == FeedbackKind.DECISION_COMPLAINT
    assert "reclassify_as_decision_complaint" in open_names(service(), Role.CASEWORKER)
    assert not validate(action, service(), {"reason": ""}, TODAY).allowed


@pytest.mark.policy("19", "Annex A")
def test_an_individual_learning_point_links_the_service_model_and_the_charter():
    action = SERVICE.action("record_learning_point")
    base = {"kind": "individual", "text": "Did not call the complainant", "shared_with": "OM"}
    decision = validate(action, service("finding_recorded"), base, TODAY)
    assert {reason.field for reason in decision.reasons} == {"service_model_section", "charter_commitment"}
    assert set(decision.paragraphs) == {"Annex A"}
    good = {**base, "service_model_section": "Section 2 Contacting the complainant (para 2.140)", "charter_commitment": "5"}
    assert validate(action, service("finding_recorded"), good, TODAY).allowed
    assert validate(
        action, service("finding_recorded"), {"kind": "good_practice", "text": "Clear letter", "shared_with": "OM"}, TODAY
    ).allowed
    assert not validate(
        action, service("finding_recorded"), {"kind": "organisational", "text": "Gap"}, TODAY
    ).allowed  # sharing is recorded (19)


@pytest.mark.policy("9")
def test_positive_feedback_closes_only_with_the_managers_comment():
    facts = FeedbackFacts(kind=FeedbackKind.POSITIVE, state="awaiting_manager")
    action = POSITIVE.action("close_with_comment")
    assert not evaluate(POSITIVE, action, facts, {Role.CASEWORKER}).allowed
    assert evaluate(POSITIVE, action, facts, {Role.MANAGER}).allowed
    decision = validate(action, facts, {"comment": ""}, TODAY)
    assert not decision.allowed and decision.paragraphs == ("9",)


@pytest.mark.policy("2")
def test_feedback_raised_more_than_a_month_late_is_decided_on_once():
    late = service(received_date=date(2026, 12, 3))
    assert {"consider_late_feedback", "decline_late_feedback"} <= open_names(late, Role.MANAGER)
    assert not open_names(service(), Role.MANAGER) & {"consider_late_feedback", "decline_late_feedback"}
    decided = service(received_date=date(2026, 12, 3), late_feedback_decided=True)
    assert not open_names(decided, Role.MANAGER) & {"consider_late_feedback", "decline_late_feedback"}


@pytest.mark.policy("18")
def test_an_upheld_service_complaint_cannot_close_as_not_upheld_and_one_not_upheld_can():
    upheld = evaluate(
        SERVICE, SERVICE.action("close_not_upheld"), service("finding_recorded", finding_upheld=True), {Role.MANAGER}
    )
    not_upheld = evaluate(
        SERVICE, SERVICE.action("close_not_upheld"), service("finding_recorded", finding_upheld=False), {Role.MANAGER}
    )

    assert not upheld.allowed and upheld.paragraphs == ("18",)
    assert not_upheld.allowed


@pytest.mark.policy("14")
@pytest.mark.parametrize("action", ["resolve", "close_unresolved", "escalate", "record_finding", "ask_oat_advice"])
def test_every_outcome_waits_for_the_attempt_to_resolve_citing_para_14(action):
    before = service("resolution_attempted", resolution_attempted=False, next_manager_up="ada")

    assert evaluate(SERVICE, SERVICE.action(action), before, {Role.MANAGER}).paragraphs == ("14",)


@pytest.mark.policy("18")
def test_a_complaint_not_upheld_gets_no_remedy_and_cannot_close_as_upheld():
    not_upheld = service("finding_recorded", resolution_attempted=True, finding_upheld=False, risk_assessed=True)

    for action in ("offer_remedy", "close_upheld"):
        assert evaluate(SERVICE, SERVICE.action(action), not_upheld, {Role.MANAGER}).paragraphs == ("18",)


LEVELS = (SeverityBand(1, Decimal(1), Decimal(500)), SeverityBand(2, Decimal(500), Decimal(2000)))


@pytest.mark.policy("18", "60")
@pytest.mark.parametrize(
    ("level", "amount", "refused"),
    [
        ("1", "1", []),  # the level's lowest amount
        ("1", "500", []),  # and its highest
        ("2", "£1,200", []),
        ("2", "1", [("60", "out_of_range_reason")]),
        ("1", "0", [("18", "amount")]),
        ("1", "-5", [("18", "amount")]),
        ("", "250", [("18", "severity_level")]),
        ("1", "abc", [("18", "amount")]),
    ],
)
def test_a_financial_remedy_has_a_level_and_an_amount_above_nothing_within_the_levels_range(level, amount, refused):
    inputs = {"remedy_type": "financial", "details": "A payment", "severity_level": level, "amount": amount}

    assert [(reason.paragraph, reason.field) for reason in remedy_refusals(inputs, LEVELS)] == refused


@pytest.mark.policy("18")
@pytest.mark.parametrize("amount", [None, ""])
def test_a_financial_remedy_without_an_amount_is_asked_for_it(amount):
    inputs = {"remedy_type": "financial", "details": "A payment", "severity_level": "1", "amount": amount}

    assert [(reason.paragraph, reason.field, reason.text) for reason in remedy_refusals(inputs, LEVELS)] == [
        ("18", "amount", "Enter the amount of the financial remedy")
    ]
