"""Actions as resources: what the caller may do now, why not the rest, and taking one, refused by the
guidance with its paragraph (422) when the rules or the inputs do not allow it."""

from datetime import date

import pytest

from casework.models import Event, FeedbackCase, Letter
from policy.facts import ClosureReason
from tests.api.conftest import GROUNDS, cited, errors_of


def _state(feedback) -> str:
    return FeedbackCase.objects.get(pk=feedback.pk).state


# --- what can be done now --------------------------------------------------------------------------


@pytest.mark.policy("21", "76", "5")
def test_the_actions_list_gives_the_open_steps_and_the_closed_ones_with_their_paragraphs(api, caseworker, make_case, complaint):
    feedback = complaint(make_case())

    body = api(caseworker).get(f"/feedback/{feedback.reference}/actions").json()

    assert [action["name"] for action in body["available"]][0] == "request_grounds"
    assert "request_oat_advice" not in {action["name"] for action in body["available"]}
    assert body["available"][0]["paragraphs"][:2] == ["30", "32"]
    closed = {action["name"]: action for action in body["closed"]}
    assert [reason["paragraph"] for reason in closed["close_not_eligible"]["reasons"]] == ["21"]
    assert [reason["paragraph"] for reason in closed["route_to_joint_working"]["reasons"]] == ["76"]
    assert closed["route_to_joint_working"]["paragraphs"] == ["76"]
    assert all(action["reasons"] for action in body["closed"])


def test_the_open_steps_describe_the_facts_they_capture(api, caseworker, make_case, complaint):
    feedback = complaint(make_case(), steps=["request_grounds"])

    body = api(caseworker).get(f"/feedback/{feedback.reference}/actions").json()

    record = next(action for action in body["available"] if action["name"] == "record_grounds")
    fields = {field["name"]: field for field in record["fields"]}
    assert fields["received_date"]["kind"] == "date"
    assert (fields["received_date"]["required"], fields["received_date"]["required_by"]) == (True, "33")
    assert [choice["value"] for choice in fields["ground_types"]["choices"]] == [
        "inaccurate_facts",
        "new_information",
        "overlooked",
        "none_given",
    ]
    assert (fields["what_they_want"]["required"], fields["what_they_want"]["required_by"]) == (False, None)


@pytest.mark.policy("32")
def test_the_actions_list_is_for_the_caller_s_roles(api, caseworker, manager, make_case, complaint):
    feedback = complaint(make_case(), steps=["request_grounds"])

    for_caseworker = api(caseworker).get(f"/feedback/{feedback.reference}/actions").json()
    for_manager = api(manager).get(f"/feedback/{feedback.reference}/actions").json()

    assert "extend_deadline" in {action["name"] for action in for_caseworker["closed"]}
    assert "extend_deadline" in {action["name"] for action in for_manager["available"]}
    assert "record_grounds" in {action["name"] for action in for_manager["closed"]}


# --- taking one ------------------------------------------------------------------------------------


@pytest.mark.policy("30", "32")
def test_asking_for_grounds_sets_the_deadline_and_returns_the_feedback_case(api, caseworker, make_case, complaint):
    feedback = complaint(make_case(decision_date=date(2026, 11, 25)))

    response = api(caseworker).post(f"/feedback/{feedback.reference}/actions/request_grounds")

    assert response.status_code == 200
    body = response.json()
    assert (body["state"], body["grounds_deadline"]) == ("grounds_requested", "2026-12-29")
    assert len(body["letters"]) == 1


@pytest.mark.policy("30", "33", "38")
def test_grounds_are_recorded_with_their_date_and_types(api, caseworker, make_case, complaint):
    feedback = complaint(make_case(), steps=["request_grounds"])

    response = api(caseworker).post(
        f"/feedback/{feedback.reference}/actions/record_grounds",
        {"received_date": "2026-11-26", "ground_types": ["overlooked", "new_information"], "why_wrong": "They missed it."},
    )

    assert response.status_code == 200
    body = response.json()
    assert (body["state"], body["grounds_received_date"]) == ("grounds_received", "2026-11-26")
    assert body["grounds"]["ground_types"] == ["overlooked", "new_information"]
    assert body["grounds"]["marked"] == "Challenge to our decision"


@pytest.mark.policy("30", "33", "38")
def test_grounds_without_their_facts_are_refused_naming_each_field_and_paragraph(api, caseworker, make_case, complaint):
    feedback = complaint(make_case(), steps=["request_grounds"])

    response = api(caseworker).post(
        f"/feedback/{feedback.reference}/actions/record_grounds", {"received_date": "", "ground_types": [], "why_wrong": " "}
    )

    assert response.status_code == 422
    assert {(e["field"], e["paragraph"]) for e in errors_of(response)} == {
        ("received_date", "33"),
        ("ground_types", "38"),
        ("why_wrong", "30"),
    }
    assert _state(feedback) == "grounds_requested"


@pytest.mark.policy("33")
def test_grounds_dated_in_the_future_are_refused(api, caseworker, make_case, complaint):
    feedback = complaint(make_case(), steps=["request_grounds"])

    response = api(caseworker).post(
        f"/feedback/{feedback.reference}/actions/record_grounds", {**GROUNDS, "received_date": "2026-11-28"}
    )

    assert response.status_code == 422
    assert [(e["field"], e["paragraph"]) for e in errors_of(response)] == [("received_date", "33")]


@pytest.mark.policy("35")
def test_late_grounds_cannot_be_declined_without_reasons(api, caseworker, late_grounds):
    feedback = late_grounds("invite_explanation")
    events, letters = Event.objects.count(), Letter.objects.count()

    response = api(caseworker).post(f"/feedback/{feedback.reference}/actions/decline_for_time", {})

    assert response.status_code == 422
    assert [(e["field"], e["paragraph"]) for e in errors_of(response)] == [("reasons", "35")]
    assert _state(feedback) == "explanation_invited"
    assert (Event.objects.count(), Letter.objects.count()) == (events, letters)


@pytest.mark.policy("35")
def test_late_grounds_are_declined_with_reasons_and_a_letter(api, caseworker, late_grounds):
    feedback = late_grounds("invite_explanation")
    letters = Letter.objects.filter(feedback_case=feedback).count()

    response = api(caseworker).post(
        f"/feedback/{feedback.reference}/actions/decline_for_time", {"reasons": "No explanation was given for the delay."}
    )

    assert response.status_code == 200
    body = response.json()
    assert (body["state"], body["terminal"]) == ("declined_for_time", True)
    assert body["outcome_note"] == "No explanation was given for the delay."
    assert len(body["letters"]) == letters + 1


@pytest.mark.policy("36")
def test_the_time_limit_cannot_be_set_aside_without_a_reason(api, caseworker, late_grounds):
    feedback = late_grounds()

    response = api(caseworker).post(f"/feedback/{feedback.reference}/actions/set_aside_time_limit", {"detail": "Because"})

    assert response.status_code == 422
    assert [(e["field"], e["paragraph"]) for e in errors_of(response)] == [("reason", "36")]
    assert _state(feedback) == "grounds_received"


@pytest.mark.policy("34")
def test_another_good_reason_for_setting_the_time_limit_aside_must_be_described(api, caseworker, late_grounds):
    feedback = late_grounds()

    response = api(caseworker).post(f"/feedback/{feedback.reference}/actions/set_aside_time_limit", {"reason": "other"})

    assert response.status_code == 422
    assert [(e["field"], e["paragraph"]) for e in errors_of(response)] == [("detail", "34")]


@pytest.mark.policy("34", "36")
def test_the_time_limit_is_set_aside_for_a_good_reason(api, caseworker, late_grounds):
    feedback = late_grounds()

    response = api(caseworker).post(f"/feedback/{feedback.reference}/actions/set_aside_time_limit", {"reason": "illness"})

    assert response.status_code == 200
    assert response.json()["state"] == "under_consideration"
    assert response.json()["outcome_note"] == "Time limit set aside: Illness"


@pytest.mark.policy("33")
def test_grounds_in_time_cannot_be_treated_as_late(api, caseworker, make_case, complaint):
    feedback = complaint(
        make_case(), steps=["request_grounds", ("record_grounds", {**GROUNDS, "received_date": date(2026, 11, 26)})]
    )

    response = api(caseworker).post(f"/feedback/{feedback.reference}/actions/set_aside_time_limit", {"reason": "illness"})

    assert response.status_code == 422
    assert cited(response) == {"33"}


@pytest.mark.policy("32")
def test_a_caseworker_cannot_extend_the_deadline(api, caseworker, make_case, complaint):
    feedback = complaint(make_case(), steps=["request_grounds"])

    response = api(caseworker).post(
        f"/feedback/{feedback.reference}/actions/extend_deadline", {"new_deadline": "2027-01-15", "reason": "In hospital"}
    )

    assert response.status_code == 422
    assert cited(response) == {"32"}
    assert "manager" in errors_of(response)[0]["message"].lower()
    assert FeedbackCase.objects.get(pk=feedback.pk).grounds_deadline == date(2026, 12, 2)


@pytest.mark.policy("32")
def test_a_manager_extends_the_deadline_with_a_reason(api, manager, make_case, complaint):
    feedback = complaint(make_case(), steps=["request_grounds"])

    response = api(manager).post(
        f"/feedback/{feedback.reference}/actions/extend_deadline", {"new_deadline": "2027-01-15", "reason": "In hospital"}
    )

    assert response.status_code == 200
    assert response.json()["grounds_deadline"] == "2027-01-15"


@pytest.mark.policy("32")
def test_an_extension_must_move_the_deadline_later(api, manager, make_case, complaint):
    feedback = complaint(make_case(), steps=["request_grounds"])

    response = api(manager).post(
        f"/feedback/{feedback.reference}/actions/extend_deadline", {"new_deadline": "2026-11-30", "reason": "In hospital"}
    )

    assert response.status_code == 422
    assert [(e["field"], e["paragraph"]) for e in errors_of(response)] == [("new_deadline", "32")]


@pytest.mark.policy("3", "21")
def test_no_review_is_offered_for_a_low_level_injustice(api, caseworker, make_case, complaint):
    feedback = complaint(make_case(closure_reason=ClosureReason.LOW_LEVEL_INJUSTICE))
    client = api(caseworker)

    refused = client.post(f"/feedback/{feedback.reference}/actions/request_grounds")
    closed = client.post(f"/feedback/{feedback.reference}/actions/close_not_eligible", {"note": "Told them by phone"})

    assert refused.status_code == 422
    assert "21" in cited(refused)
    assert closed.status_code == 200
    assert closed.json()["state"] == "closed_not_eligible"


@pytest.mark.policy("76")
def test_a_joint_lgsco_decision_goes_to_the_joint_working_team_not_to_review(api, caseworker, make_case, complaint):
    feedback = complaint(make_case(joint_with_lgsco=True))
    client = api(caseworker)

    refused = client.post(f"/feedback/{feedback.reference}/actions/request_grounds")
    routed = client.post(f"/feedback/{feedback.reference}/actions/route_to_joint_working", {"note": "Joint decision"})

    assert refused.status_code == 422
    assert "76" in cited(refused)
    assert routed.status_code == 200
    assert routed.json()["state"] == "with_joint_working"
    assert [task["code"] for task in routed.json()["open_tasks"]] == ["joint_working"]


@pytest.mark.policy("23")
def test_an_action_from_another_state_is_refused(api, caseworker, make_case, complaint):
    feedback = complaint(make_case())

    response = api(caseworker).post(f"/feedback/{feedback.reference}/actions/decline_for_time", {"reasons": "Late"})

    assert response.status_code == 422
    assert "Received" in errors_of(response)[0]["message"]


def test_an_outsider_cannot_act_on_feedback_they_cannot_see(api, outsider, make_case, complaint):
    feedback = complaint(make_case())
    client = api(outsider)

    seen = client.post(f"/feedback/{feedback.reference}/actions/request_grounds")
    missing = client.post("/feedback/FB-999999/actions/request_grounds")

    assert seen.status_code == missing.status_code == 404
    assert seen.json() == {**missing.json(), "detail": missing.json()["detail"].replace("FB-999999", feedback.reference)}
    assert _state(feedback) == "received"


def test_an_action_no_workflow_declares_is_422_naming_it(api, caseworker, make_case, complaint):
    feedback = complaint(make_case())

    response = api(caseworker).post(f"/feedback/{feedback.reference}/actions/approve_everything", {})

    assert response.status_code == 422
    assert "approve_everything" in errors_of(response)[0]["message"]


def test_an_undeclared_action_on_feedback_the_caller_cannot_see_is_404(api, outsider, make_case, complaint):
    feedback = complaint(make_case())

    assert api(outsider).post(f"/feedback/{feedback.reference}/actions/approve_everything").status_code == 404


@pytest.mark.parametrize(
    ("action", "body", "field"),
    [
        ("record_grounds", {**GROUNDS, "received_date": "yesterday"}, "received_date"),
        ("record_grounds", {**GROUNDS, "received_date": "2026-11-26", "ground_types": ["hunch"]}, "ground_types"),
        ("record_grounds", {**GROUNDS, "received_date": "2026-11-26", "ground_types": "overlooked"}, "ground_types"),
        ("record_grounds", {**GROUNDS, "received_date": "2026-11-26", "why_wrong": ["a", "list"]}, "why_wrong"),
        ("record_grounds", {**GROUNDS, "received_date": "2026-11-26", "grounds": "unknown field"}, "grounds"),
        ("extend_deadline", {"new_deadline": 20270115, "reason": "x"}, "new_deadline"),
    ],
)
def test_inputs_of_the_wrong_type_are_422_naming_the_field_and_change_nothing(
    api, caseworker, make_case, complaint, action, body, field
):
    feedback = complaint(make_case(), steps=["request_grounds"])
    events = Event.objects.count()

    response = api(caseworker).post(f"/feedback/{feedback.reference}/actions/{action}", body)

    assert response.status_code == 422
    assert field in {error["field"] for error in errors_of(response)}
    assert Event.objects.count() == events


@pytest.mark.parametrize("raw", ["{", "[]", "null]", '{"note": '])
def test_malformed_json_is_422_never_500(api, caseworker, make_case, complaint, raw):
    feedback = complaint(make_case(closure_reason=ClosureReason.LOW_LEVEL_INJUSTICE))

    response = api(caseworker).post(f"/feedback/{feedback.reference}/actions/close_not_eligible", raw=raw)

    assert response.status_code == 422
    assert errors_of(response)[0]["field"] == "body"
    assert _state(feedback) == "received"
