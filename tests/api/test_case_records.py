"""Case records and service users through the API: shared services create and correct them, every
change is audited, bad input is refused naming the field with nothing written, and the rules
follow the facts as they are now."""

from __future__ import annotations

from datetime import date

import pytest

from casework.models import Case, Decision, Event, Organisation, ServiceUser
from casework.services.feedback import take_action
from policy.facts import Role
from tests.api.conftest import errors_of
from tests.conftest import make_person

NO_OAT_CRITERIA = {"jr_threat_or_unlawful_allegation": False, "brought_by_organisation": False, "specialist_subject": False}


@pytest.fixture
def shared_services(db):
    return make_person("sam", Role.SHARED_SERVICES)


@pytest.fixture
def new_case(api, shared_services, caseworker):
    """`new_case(**fields)`: a case created through the API by shared services, as its JSON."""
    counter = iter(range(1, 1000))

    def create(**fields):
        body = {
            "reference": f"CMS-{next(counter):04d}",
            "new_service_user": {"name": "Alice Brown", "email": "alice@example.com", "postcode": "sw1a2aa"},
            "organisation": "Northgate NHS Trust",
            "team": "Team A",
            "case_owner": caseworker.username,
            "stage": "primary",
            "risk": "low",
            "decision_date": "2026-09-01",
            "closure_reason": "not_upheld",
            **fields,
        }
        response = api(shared_services).post("/cases", body)
        assert response.status_code == 201, response.json()
        return response.json()

    return create


@pytest.fixture
def complained(api, caseworker, new_case):
    """`complained(**case_fields)`: a decision complaint logged through the API on a new case."""

    def log(**fields):
        case = new_case(**fields)
        body = {"kind": "decision_complaint", "received_date": "2026-09-10", "channel": "email", "summary": "Wrong decision"}
        feedback = api(caseworker).post(f"/cases/{case['reference']}/feedback", body).json()
        return case, feedback["reference"]

    return log


def offered(api, user, feedback: str) -> tuple[set[str], dict[str, set[str]]]:
    """The actions open to `user` now, and the paragraphs closing each of the others."""
    body = api(user).get(f"/feedback/{feedback}/actions").json()
    return {a["name"] for a in body["available"]}, {a["name"]: {r["paragraph"] for r in a["reasons"]} for a in body["closed"]}


def test_shared_services_create_a_case_with_a_new_service_user_and_it_is_audited(api, new_case, caseworker, manager):
    body = new_case()

    case = Case.objects.get(reference=body["reference"])
    assert (case.service_user.name, case.service_user.postcode, case.organisation.name) == (
        "Alice Brown",
        "SW1A 2AA",
        "Northgate NHS Trust",
    )
    assert case.manager == manager  # the case owner's line manager, when none is named
    assert str(case) == f"{case.reference} Alice Brown"
    assert body["service_user"] == "Alice Brown" and body["service_user_reference"] == case.service_user.reference
    assert [d["decided_on"] for d in body["decisions"]] == ["2026-09-01"]
    event = Event.objects.get(case=case, action="create_case")
    assert event.after["service_user"] == case.service_user.reference and event.after["risk"] == "low"
    assert Event.objects.filter(action="register_service_user", chain=f"person:{case.service_user.pk}").exists()


@pytest.mark.policy("76")
def test_making_a_case_joint_with_the_lgsco_sends_its_complaints_to_the_joint_working_team(
    api, shared_services, caseworker, complained
):
    case, feedback = complained()
    available, _ = offered(api, caseworker, feedback)
    assert "request_grounds" in available and "route_to_joint_working" not in available

    response = api(shared_services).patch(f"/cases/{case['reference']}", {"joint_with_lgsco": True})
    assert response.status_code == 200 and response.json()["flags"]["joint_with_lgsco"]

    available, closed = offered(api, caseworker, feedback)
    assert "route_to_joint_working" in available
    assert closed["request_grounds"] == {"76"}
    event = Event.objects.get(case__reference=case["reference"], action="correct_case")
    assert (event.before, event.after) == ({"joint_with_lgsco": False}, {"joint_with_lgsco": True})


@pytest.mark.policy("5")
def test_recording_an_earlier_review_needs_exceptional_circumstances_for_another(api, shared_services, caseworker, complained):
    case, feedback = complained()
    assert "request_grounds" in offered(api, caseworker, feedback)[0]

    assert api(shared_services).patch(f"/cases/{case['reference']}", {"review_count": 1}).status_code == 200

    available, closed = offered(api, caseworker, feedback)
    assert closed["request_grounds"] == {"5"}
    assert "record_exceptional_reason" in available


@pytest.mark.policy("26")
@pytest.mark.parametrize("change", [{"risk": "medium"}, {"mp_involved": True}])
def test_a_risk_raised_or_an_mp_who_appears_later_means_asking_oat_for_advice(
    api, shared_services, caseworker, complained, change
):
    case, feedback = complained()
    api(caseworker).post(f"/feedback/{feedback}/actions/check_oat_advice_needed", NO_OAT_CRITERIA)
    assert offered(api, caseworker, feedback)[1]["request_oat_advice"] == {"26"}

    assert api(shared_services).patch(f"/cases/{case['reference']}", change).status_code == 200

    assert "request_oat_advice" in offered(api, caseworker, feedback)[0]


@pytest.mark.policy("22")
def test_a_behaviour_restriction_on_the_person_shows_on_all_their_cases_and_opens_declining(
    api, shared_services, caseworker, complained
):
    first, first_feedback = complained()
    person = first["service_user_reference"]
    second, second_feedback = complained(new_service_user=None, service_user=person)
    assert "decline_for_behaviour" not in offered(api, caseworker, first_feedback)[0]

    response = api(shared_services).patch(
        f"/people/{person}", {"behaviour_restricted_from": "2026-11-02", "behaviour_restriction_review": "2027-05-02"}
    )
    assert response.status_code == 200 and response.json()["behaviour_restricted"]

    for case, feedback in ((first, first_feedback), (second, second_feedback)):
        assert api(caseworker).get(f"/cases/{case['reference']}").json()["flags"]["behaviour_restriction"]
        assert "decline_for_behaviour" in offered(api, caseworker, feedback)[0]
    event = Event.objects.get(chain=f"person:{ServiceUser.objects.get(reference=person).pk}", action="correct_service_user")
    assert event.before == {"behaviour_restricted_from": None, "behaviour_restriction_review": None}

    api(shared_services).patch(f"/people/{person}", {"behaviour_restricted_from": None, "behaviour_restriction_review": None})
    assert offered(api, caseworker, second_feedback)[1]["decline_for_behaviour"] == {"22"}


@pytest.mark.policy("37")
def test_when_oat_flag_a_person_their_late_grounds_on_every_case_go_straight_to_oat(
    api, shared_services, caseworker, oat, complained
):
    first, first_feedback = complained()
    person = first["service_user_reference"]
    _, second_feedback = complained(new_service_user=None, service_user=person)
    grounds = {"received_date": "2026-10-20", "ground_types": ["overlooked"], "why_wrong": "You missed a letter"}
    for feedback in (first_feedback, second_feedback):
        # Asked for in September, before the deadline passed (para 32), by a month from the decision.
        take_action(caseworker, feedback, "request_grounds", {}, date(2026, 9, 15))
        api(caseworker).post(f"/feedback/{feedback}/actions/record_grounds", grounds)
        assert "invite_explanation" in offered(api, caseworker, feedback)[0]

    assert api(caseworker).patch(f"/people/{person}", {"reviews_go_to_oat_first": True}).status_code == 422
    assert api(oat).patch(f"/people/{person}", {"reviews_go_to_oat_first": True}).status_code == 200

    for feedback in (first_feedback, second_feedback):
        available, closed = offered(api, caseworker, feedback)
        assert "pass_to_oat" in available
        assert closed["invite_explanation"] == {"37"}


def test_the_rules_read_a_changed_stage_and_the_page_and_api_show_it(api, shared_services, new_case):
    case = new_case()
    response = api(shared_services).patch(f"/cases/{case['reference']}", {"stage": "detailed", "risk": "high"})
    assert (response.json()["stage"], response.json()["risk"]) == ("detailed", "high")
    assert response["ETag"] == '"2"'


@pytest.mark.parametrize(
    ("fields", "field", "message"),
    [
        ({"reference": "CMS-0001"}, "reference", "A case with the reference CMS-0001 already exists"),
        ({"team": "Team Z"}, "team", "There is no team called Team Z"),
        ({"case_owner": "nobody"}, "case_owner", "There is no member of staff with the username nobody"),
        ({"decision_date": "2026-12-25"}, "decision_date", "The decision date must be today or in the past"),
        (
            {"received_on": "2026-09-10"},
            "decision_date",
            "The decision date must be on or after 10 September 2026, when we received the complaint",
        ),
        ({"new_service_user": {"name": "Al", "email": "al@"}}, "email", "Enter an email address in the correct format"),
        ({"new_service_user": {"name": "Al", "postcode": "NOT A CODE"}}, "postcode", "Enter a real postcode"),
        (
            {"new_service_user": None, "service_user": "SU-999999"},
            "service_user",
            "There is no service user with the reference SU-999999",
        ),
        ({"new_service_user": None}, "service_user", "Enter the service user's reference"),
        ({"reference": None}, "reference", "Enter the case reference"),
    ],
)
def test_bad_input_is_refused_naming_the_field_and_nothing_is_written(
    api, new_case, shared_services, caseworker, fields, field, message
):
    new_case()
    counts = (
        Case.objects.count(),
        ServiceUser.objects.count(),
        Organisation.objects.count(),
        Decision.objects.count(),
        Event.objects.count(),
    )
    body = {
        "reference": "CMS-0002",
        "new_service_user": {"name": "Ben Carter"},
        "organisation": "A New Trust",
        "team": "Team A",
        "case_owner": caseworker.username,
        "stage": "primary",
        "risk": "low",
        "decision_date": "2026-09-01",
        **fields,
    }
    response = api(shared_services).post("/cases", body)

    assert response.status_code == 422
    assert any(error["field"] == field and error["message"].startswith(message) for error in errors_of(response)), errors_of(
        response
    )
    assert counts == (
        Case.objects.count(),
        ServiceUser.objects.count(),
        Organisation.objects.count(),
        Decision.objects.count(),
        Event.objects.count(),
    )


def test_a_bad_correction_writes_nothing(api, new_case, shared_services):
    case = new_case()
    response = api(shared_services).patch(f"/cases/{case['reference']}", {"risk": "high", "case_owner": "nobody"})
    assert response.status_code == 422 and errors_of(response)[0]["field"] == "case_owner"
    assert Case.objects.get(reference=case["reference"]).risk == "low"
    assert api(shared_services).patch(f"/cases/{case['reference']}", {"decision_date": None}).status_code == 422


def test_a_correction_may_not_date_the_decision_before_the_complaint_was_received(api, new_case, shared_services):
    case = new_case(received_on="2026-08-20", closed=False)
    partial = {"decided_on": "2026-09-05", "what_was_decided": "Not to investigate the complaint about the GP"}
    assert api(shared_services).post(f"/cases/{case['reference']}/decisions", partial).status_code == 201

    earlier = api(shared_services).patch(f"/cases/{case['reference']}", {"decision_date": "2026-08-19"})
    later = api(shared_services).patch(f"/cases/{case['reference']}", {"received_on": "2026-09-02"})

    assert earlier.status_code == 422 and [(e["field"], e["message"]) for e in errors_of(earlier)] == [
        ("decision_date", "The decision date must be on or after 20 August 2026, when we received the complaint")
    ]
    assert later.status_code == 422 and errors_of(later)[0]["field"] == "received_on"
    assert "must be on or before 1 September 2026" in errors_of(later)[0]["message"]
    stored = Case.objects.get(reference=case["reference"])
    assert (stored.decision_date, stored.received_on) == (date(2026, 9, 1), date(2026, 8, 20))
    assert api(shared_services).patch(f"/cases/{case['reference']}", {"received_on": "2026-08-31"}).status_code == 200


def test_a_caseworker_may_not_create_or_correct_case_records(api, new_case, caseworker):
    case = new_case()
    response = api(caseworker).patch(f"/cases/{case['reference']}", {"risk": "high"})
    assert response.status_code == 422
    assert "shared services" in response.json()["detail"]
    assert api(caseworker).post("/cases", {"reference": "X-1"}).status_code == 422
    assert not Case.objects.filter(reference="X-1").exists()


def test_an_administrator_correcting_a_case_is_shown_none_of_its_feedback(api, complained, shared_services, django_user_model):
    case, feedback = complained()
    admin = django_user_model.objects.create_superuser("ada", "ada@example.org", "a-long-test-password")

    corrected = api(admin).patch(f"/cases/{case['reference']}", {"risk": "medium"})

    assert corrected.status_code == 200 and corrected.json()["risk"] == "medium"
    assert corrected.json()["feedback"] == []
    decided = api(admin).post(f"/cases/{case['reference']}/decisions", {"decided_on": "2026-09-05", "what_was_decided": "Part"})
    assert decided.status_code == 201 and decided.json()["feedback"] == []
    assert [f["reference"] for f in api(shared_services).get(f"/cases/{case['reference']}").json()["feedback"]] == [feedback]


def test_a_correction_from_an_older_version_is_refused_with_412(api, new_case, shared_services):
    case = new_case()
    assert api(shared_services).patch(f"/cases/{case['reference']}", {"risk": "medium"}, **{"If-Match": '"1"'}).status_code == 200
    stale = api(shared_services).patch(f"/cases/{case['reference']}", {"risk": "high"}, **{"If-Match": '"1"'})
    assert stale.status_code == 412 and stale["ETag"] == '"2"'
    assert Case.objects.get(reference=case["reference"]).risk == "medium"


def test_a_retried_create_with_the_same_idempotency_key_creates_one_case(api, shared_services, caseworker):
    client = api(shared_services)
    body = {
        "reference": "CMS-0100",
        "new_service_user": {"name": "Cleo Dunn"},
        "organisation": "Northgate NHS Trust",
        "team": "Team A",
        "case_owner": caseworker.username,
        "stage": "primary",
        "risk": "low",
        "decision_date": "2026-09-01",
    }
    first = client.client.post(
        "/api/v1/cases", body, content_type="application/json", headers={**client.headers, "Idempotency-Key": "k1"}
    )
    retry = client.client.post(
        "/api/v1/cases", body, content_type="application/json", headers={**client.headers, "Idempotency-Key": "k1"}
    )
    assert (first.status_code, retry.status_code) == (201, 201) and first.json() == retry.json()
    assert ServiceUser.objects.filter(name="Cleo Dunn").count() == 1


def test_people_are_found_by_name_email_or_reference_and_duplicates_merged(api, shared_services, new_case, caseworker):
    first = new_case()
    second = new_case(new_service_user={"name": "Alice Browne", "email": "alice.b@example.org", "phone": "0300 061 4000"})
    keep, duplicate = first["service_user_reference"], second["service_user_reference"]
    client = api(shared_services)
    assert {p["reference"] for p in client.get("/people", q="alice").json()["items"]} == {keep, duplicate}
    assert [p["reference"] for p in client.get("/people", q="alice.b@example").json()["items"]] == [duplicate]
    assert [p["reference"] for p in client.get("/people", q=keep).json()["items"]] == [keep]
    api(shared_services).patch(f"/people/{duplicate}", {"reviews_go_to_oat_first": True})

    merged = client.post(f"/people/{keep}/merge", {"duplicate": duplicate})

    assert merged.status_code == 200
    body = merged.json()
    assert sorted(body["cases"]) == sorted([first["reference"], second["reference"]])
    assert body["phone"] == "0300 061 4000" and body["email"] == "alice@example.com"  # blanks filled; the kept record wins
    assert body["reviews_go_to_oat_first"]  # a flag either held is kept
    assert not ServiceUser.objects.filter(reference=duplicate).exists()
    event = Event.objects.get(action="merge_service_users")
    assert event.before["duplicate"]["reference"] == duplicate and sorted(event.after["cases_moved"]) == [second["reference"]]
    assert client.post(f"/people/{keep}/merge", {"duplicate": duplicate}).status_code == 422


def test_a_representative_or_mp_is_recorded_with_consent(api, shared_services, new_case):
    person = new_case()["service_user_reference"]
    body = {
        "acting_as": "mp",
        "name": "Jane Smith MP",
        "organisation": "Northtown",
        "consent_given_by": "Alice Brown",
        "consent_given_on": "2026-11-20",
        "consent_form": "written",
    }
    assert api(shared_services).post(f"/people/{person}/representatives", body).status_code == 201
    acting = api(shared_services).get(f"/people/{person}").json()["representatives"]
    assert [(a["name"], a["acting_as"], a["consent_given_on"]) for a in acting] == [("Jane Smith MP", "mp", "2026-11-20")]
    missing = api(shared_services).post(f"/people/{person}/representatives", {**body, "consent_given_on": None})
    assert missing.status_code == 422 and errors_of(missing)[0]["field"] == "consent_given_on"


def test_a_representative_is_corrected_and_ended_through_the_api(api, shared_services, caseworker, new_case):
    person = new_case()["service_user_reference"]
    consent = {"consent_given_by": "Alice Brown", "consent_given_on": "2026-11-20", "consent_form": "email"}
    acting = api(shared_services).post(
        f"/people/{person}/representatives", {"acting_as": "representative", "name": "Rita", **consent}
    )
    url = f"/people/{person}/representatives/{acting.json()['id']}"

    assert api(caseworker).patch(url, {"phone": "0300 061 4000"}).status_code == 422  # only those who keep the record
    bad = api(shared_services).patch(url, {"email": "rita@"})
    assert bad.status_code == 422 and errors_of(bad)[0]["field"] == "email"
    assert api(shared_services).patch(url, {"phone": "0300 061 4000"}).json()["phone"] == "0300 061 4000"
    early = api(shared_services).post(f"{url}/end", {"ended_on": "2026-11-19"})
    assert early.status_code == 422 and errors_of(early)[0]["field"] == "ended_on"
    assert api(shared_services).post(f"{url}/end", {"ended_on": "2026-11-25"}).json()["ended_on"] == "2026-11-25"
    assert (
        api(shared_services).post(f"/people/{person}/representatives/999999/end", {"ended_on": "2026-11-25"}).status_code == 404
    )
    assert [e.action for e in Event.objects.filter(action__endswith="_representative")] == [
        "add_representative",
        "correct_representative",
        "end_representative",
    ]


def test_a_caseworker_finds_only_people_with_a_case_they_can_see(api, new_case, caseworker, outsider):
    person = new_case()["service_user_reference"]
    assert [p["reference"] for p in api(caseworker).get("/people", q="alice").json()["items"]] == [person]
    assert api(outsider).get("/people", q="alice").json() == {"items": [], "count": 0, "count_is_lower_bound": False}
    assert api(outsider).get(f"/people/{person}").status_code == 404


def test_the_new_endpoints_are_documented_with_their_4xx(api):
    paths = api().client.get("/api/v1/openapi.json").json()["paths"]
    assert {"401", "403", "422"} <= set(paths["/api/v1/cases"]["post"]["responses"])
    assert {"401", "404", "412", "422"} <= set(paths["/api/v1/cases/{reference}"]["patch"]["responses"])
    for path in ("/api/v1/people", "/api/v1/people/{reference}", "/api/v1/people/{reference}/merge"):
        for operation in paths[path].values():
            assert "401" in operation["responses"] and ("422" in operation["responses"] or "404" in operation["responses"])


def test_decisions_on_a_case_are_listed(api, new_case):
    case = new_case(decision_date=str(date(2026, 8, 3)))
    assert [d["decided_on"] for d in case["decisions"]] == ["2026-08-03"]


@pytest.mark.policy("20")
def test_a_complaint_about_a_partial_decision_runs_its_deadlines_from_that_decision(api, shared_services, caseworker, new_case):
    case = new_case(closed=False, decision_date="2026-06-01")
    partial = {"decided_on": "2026-11-02", "what_was_decided": "Not to investigate the complaint about the GP: out of time"}
    response = api(shared_services).post(f"/cases/{case['reference']}/decisions", partial)
    assert response.status_code == 201
    decision = next(d for d in response.json()["decisions"] if d["decided_on"] == "2026-11-02")
    assert response.json()["grounds_due_by"] == "2026-12-02"  # the case's dates are its latest decision's
    body = {
        "kind": "decision_complaint",
        "received_date": "2026-11-20",
        "channel": "email",
        "summary": "Wrong",
        "decision": decision["id"],
    }

    logged = api(caseworker).post(f"/cases/{case['reference']}/feedback", body).json()
    assert logged["decision_date"] == "2026-11-02" and logged["raised_late"] is None  # within a month of that decision (para 2)
    asked = api(caseworker).post(f"/feedback/{logged['reference']}/actions/request_grounds", {}).json()
    assert asked["grounds_deadline"] == "2026-12-02"  # one month from the partial decision (para 32)

    about_the_first = {**body, "decision": case["decisions"][0]["id"]}
    assert api(caseworker).post(f"/cases/{case['reference']}/feedback", about_the_first).json()["raised_late"]
    unknown = api(caseworker).post(f"/cases/{case['reference']}/feedback", {**body, "decision": 999999})
    assert unknown.status_code == 422 and errors_of(unknown)[0]["field"] == "decision"


def test_a_decision_still_to_come_or_without_what_was_decided_is_refused(api, shared_services, new_case):
    case = new_case()
    response = api(shared_services).post(f"/cases/{case['reference']}/decisions", {"decided_on": "2027-01-01"})
    assert response.status_code == 422
    assert {e["field"] for e in errors_of(response)} == {"decided_on", "what_was_decided"}
    assert Decision.objects.filter(case__reference=case["reference"]).count() == 1
