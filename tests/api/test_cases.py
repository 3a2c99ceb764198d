"""Cases through the API: search, the dates the guidance sets, and logging feedback."""

from datetime import date

import pytest

from casework.models import FeedbackCase
from policy.facts import ClosureReason
from tests.api.conftest import cited, errors_of


@pytest.mark.policy("32", "71")
@pytest.mark.parametrize(
    ("decision_date", "grounds_due_by"),
    [
        (date(2026, 11, 25), date(2026, 12, 29)),  # 25 December, then the weekend and the Boxing Day substitute
        (date(2026, 1, 30), date(2026, 3, 2)),  # 28 February is a Saturday
        (date(2026, 3, 3), date(2026, 4, 7)),  # Good Friday, the weekend, Easter Monday
        (date(2026, 3, 31), date(2026, 4, 30)),  # April has no 31st
    ],
)
def test_a_case_gives_the_grounds_deadline_it_would_have_if_asked_for_now(
    api, caseworker, make_case, decision_date, grounds_due_by
):
    case = make_case(decision_date=decision_date)

    body = api(caseworker).get(f"/cases/{case.reference}").json()

    assert body["decision_date"] == decision_date.isoformat()
    assert body["grounds_due_by"] == grounds_due_by.isoformat()


@pytest.mark.policy("71")
def test_a_case_gives_its_judicial_review_date_three_months_after_the_decision(api, caseworker, make_case):
    case = make_case(decision_date=date(2026, 11, 30))

    body = api(caseworker).get(f"/cases/{case.reference}").json()

    assert body["jr_date"] == "2027-02-28"


def test_a_case_shows_its_stage_risk_flags_and_feedback(api, caseworker, make_case, complaint):
    case = make_case(joint_with_lgsco=True, mp_involved=True)
    feedback = complaint(case)

    body = api(caseworker).get(f"/cases/{case.reference}").json()

    assert (body["stage"], body["risk"]) == ("primary", "low")
    assert body["flags"]["joint_with_lgsco"] and body["flags"]["mp_involved"]
    assert not body["flags"]["behaviour_restriction"]
    assert [item["reference"] for item in body["feedback"]] == [feedback.reference]
    assert body["feedback"][0]["state_label"] == "Received"


def test_cases_are_searched_by_reference_service_user_or_organisation(api, caseworker, make_case):
    make_case(service_user="Alice Brown", organisation="Northgate NHS Trust")
    make_case(service_user="Ben Carter", organisation="Riverside GP Practice")
    client = api(caseworker)

    assert [c["service_user"] for c in client.get("/cases", q="carter").json()["items"]] == ["Ben Carter"]
    assert [c["organisation"] for c in client.get("/cases", q="northgate").json()["items"]] == ["Northgate NHS Trust"]
    assert client.get("/cases", q="PHSO-0002").json()["count"] == 1
    assert client.get("/cases").json()["count"] == 2


def test_the_case_list_is_paginated(api, caseworker, make_case):
    for _ in range(3):
        make_case()

    body = api(caseworker).get("/cases", limit=2, offset=0).json()

    assert body["count"] == 3
    assert len(body["items"]) == 2


@pytest.mark.parametrize(("params", "field"), [({"limit": 0}, "limit"), ({"limit": 101}, "limit"), ({"offset": 2**63}, "offset")])
def test_a_page_out_of_bounds_is_422_naming_it(api, caseworker, params, field):
    response = api(caseworker).get("/cases", **params)

    assert response.status_code == 422
    assert [error["field"] for error in errors_of(response)] == [field]


def test_an_outsider_finds_none_of_team_a_s_cases(api, outsider, make_case):
    make_case()

    assert api(outsider).get("/cases").json() == {"items": [], "count": 0, "count_is_lower_bound": False}


def test_a_case_the_caller_may_not_see_looks_exactly_like_a_missing_one(api, outsider, make_case):
    hidden = make_case()
    client = api(outsider)

    for suffix in ("", "/feedback"):
        seen = client.get(f"/cases/{hidden.reference}{suffix}")
        missing = client.get(f"/cases/PHSO-9999{suffix}")
        assert seen.status_code == missing.status_code == 404
        assert seen.json() == {**missing.json(), "detail": missing.json()["detail"].replace("PHSO-9999", hidden.reference)}


@pytest.mark.policy("7")
def test_a_caseworker_logs_a_decision_complaint(api, caseworker, make_case):
    case = make_case()

    response = api(caseworker).post(
        f"/cases/{case.reference}/feedback",
        {
            "received_date": "2026-11-26",
            "channel": "phone",
            "summary": "They say we overlooked the GP's letter.",
            "reasonable_adjustments": "Large print",
            "jr_in_prospect": True,
        },
    )

    assert response.status_code == 201
    body = response.json()
    assert (body["kind"], body["state"], body["channel"]) == ("decision_complaint", "received", "phone")
    assert body["reasonable_adjustments"] == "Large print"
    assert {task["code"] for task in body["open_tasks"]} == {"consider_complaint", "legal_advice"}
    assert FeedbackCase.objects.get(reference=body["reference"]).case == case


@pytest.mark.policy("7")
def test_feedback_without_its_facts_is_refused_naming_each_field(api, caseworker, make_case):
    case = make_case()

    response = api(caseworker).post(f"/cases/{case.reference}/feedback", {"summary": "  "})

    assert response.status_code == 422
    assert {(e["field"], e["paragraph"]) for e in errors_of(response)} == {
        ("received_date", "7"),
        ("channel", "7"),
        ("summary", "7"),
    }
    assert not FeedbackCase.objects.exists()


@pytest.mark.policy("7")
def test_feedback_received_in_the_future_is_refused(api, caseworker, make_case):
    case = make_case()

    response = api(caseworker).post(
        f"/cases/{case.reference}/feedback", {"received_date": "2026-12-01", "channel": "email", "summary": "x"}
    )

    assert response.status_code == 422
    assert [(e["field"], e["paragraph"]) for e in errors_of(response)] == [("received_date", "7")]


@pytest.mark.policy("1")
def test_only_a_caseworker_or_manager_logs_feedback(api, oat, make_case):
    case = make_case()

    response = api(oat).post(
        f"/cases/{case.reference}/feedback", {"received_date": "2026-11-26", "channel": "email", "summary": "x"}
    )

    assert response.status_code == 422
    assert cited(response) == {"1"}


def test_an_outsider_cannot_log_feedback_on_a_case_they_cannot_see(api, outsider, make_case):
    case = make_case()

    response = api(outsider).post(
        f"/cases/{case.reference}/feedback", {"received_date": "2026-11-26", "channel": "email", "summary": "x"}
    )

    assert response.status_code == 404
    assert not FeedbackCase.objects.exists()


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"received_date": "26/11/2026", "channel": "email", "summary": "x"}, "received_date"),
        ({"received_date": "2026-11-26", "channel": "pigeon", "summary": "x"}, "channel"),
        ({"received_date": "2026-11-26", "channel": "email", "summary": 42}, "summary"),
        ({"received_date": "2026-11-26", "channel": "email", "summary": "x", "jr_in_prospect": "perhaps"}, "jr_in_prospect"),
        ({"received_date": "2026-11-26", "channel": "email", "summary": "x", "kind": "gossip"}, "kind"),
        ({"received_date": "2026-11-26", "channel": "email", "summary": "x", "colour": "red"}, "colour"),
        ({"received_date": "2026-11-26", "channel": "email", "summary": "nul \u0000 byte"}, "summary"),
    ],
)
def test_feedback_of_the_wrong_type_is_422_naming_the_field(api, caseworker, make_case, body, field):
    case = make_case()

    response = api(caseworker).post(f"/cases/{case.reference}/feedback", body)

    assert response.status_code == 422
    assert [error["field"] for error in errors_of(response)] == [field]
    assert not FeedbackCase.objects.exists()


@pytest.mark.parametrize("raw", ["{not json", "[1, 2]", '"text"', "42"])
def test_a_body_that_is_not_a_json_object_is_422_naming_the_body(api, caseworker, make_case, raw):
    case = make_case()

    response = api(caseworker).post(f"/cases/{case.reference}/feedback", raw=raw)

    assert response.status_code == 422
    assert [error["field"] for error in errors_of(response)] == ["body"]


def test_the_low_level_flag_is_reported_as_the_closure_reason(api, caseworker, make_case):
    case = make_case(closure_reason=ClosureReason.LOW_LEVEL_INJUSTICE)

    assert api(caseworker).get(f"/cases/{case.reference}").json()["closure_reason"] == "low_level_injustice"


def test_a_list_longer_than_it_counts_gives_the_count_as_a_lower_bound(api, caseworker, make_case, monkeypatch):
    monkeypatch.setattr("api.paging.COUNTED_AT_MOST", 2)
    for _ in range(4):
        make_case()
    client = api(caseworker)

    first = client.get("/cases", limit=1).json()
    assert (len(first["items"]), first["count"], first["count_is_lower_bound"]) == (1, 2, True)
    further = client.get("/cases", limit=2, offset=1).json()
    assert (further["count"], further["count_is_lower_bound"]) == (3, True)
    last = client.get("/cases", limit=3, offset=1).json()
    assert (last["count"], last["count_is_lower_bound"]) == (4, False)


@pytest.mark.parametrize("few", [1, 1000])
def test_people_are_found_the_same_whether_few_or_many_match(api, caseworker, make_case, monkeypatch, few):
    monkeypatch.setattr("casework.read.search.FEW", few)
    for name in ("Dora Black", "Ada Black", "Cy Blackwood", "Someone Else"):
        make_case(service_user=name)

    body = api(caseworker).get("/people", q="black").json()

    assert [person["name"] for person in body["items"]] == ["Ada Black", "Cy Blackwood", "Dora Black"]
    assert (body["count"], body["count_is_lower_bound"]) == (3, False)
    assert all(len(person["cases"]) == 1 for person in body["items"])
