"""A feedback case through the API: where it has got to, its flags, tasks, letters and timeline."""

from datetime import date

import pytest

from casework.services.feedback import take_action
from tests.conftest import TODAY
from tests.services.conftest import AFTER_DEADLINE, ANALYSE, LEARNING, PAYMENT, REFER, RISK, UPHELD


def test_a_feedback_case_shows_its_state_dates_tasks_and_letters(api, caseworker, make_case, complaint):
    case = make_case(decision_date=date(2026, 11, 2))
    feedback = complaint(case, received=date(2026, 11, 20), steps=["request_grounds"])

    body = api(caseworker).get(f"/feedback/{feedback.reference}").json()

    assert (body["state"], body["state_label"], body["terminal"]) == ("grounds_requested", "Grounds requested", False)
    assert (body["kind"], body["case_reference"]) == ("decision_complaint", case.reference)
    assert body["received_date"] == "2026-11-20"
    assert body["grounds_deadline"] == "2026-12-02"
    assert body["jr_date"] == "2027-02-02"
    assert [(t["code"], t["due_date"]) for t in body["open_tasks"]] == [("grounds_due", "2026-12-02")]
    assert [letter["addressee"] for letter in body["letters"]] == ["Alice Brown"]
    assert set(body["letters"][0]) == {"id", "subject", "addressee", "created_at", "status", "channel"}
    assert (body["letters"][0]["status"], body["letters"][0]["channel"]) == ("draft", "post")


@pytest.mark.policy("2")
def test_feedback_raised_more_than_a_month_after_the_decision_is_flagged(api, caseworker, make_case, complaint):
    feedback = complaint(make_case(decision_date=date(2026, 9, 1)), received=date(2026, 10, 15))

    body = api(caseworker).get(f"/feedback/{feedback.reference}").json()

    assert "more than one month after the decision of 1 September 2026" in body["raised_late"]


@pytest.mark.policy("2")
def test_feedback_raised_within_a_month_is_not_flagged(api, caseworker, make_case, complaint):
    feedback = complaint(make_case(decision_date=date(2026, 10, 27)), received=TODAY)  # one month to the day

    assert api(caseworker).get(f"/feedback/{feedback.reference}").json()["raised_late"] is None


def test_the_timeline_lists_each_event_with_what_changed(api, caseworker, make_case, complaint):
    feedback = complaint(make_case(), steps=["request_grounds"])

    events = api(caseworker).get(f"/feedback/{feedback.reference}/events").json()

    assert [event["action"] for event in events] == ["log_feedback", "request_grounds"]
    assert events[1]["actor_name"] == "Cara"
    assert events[1]["before"]["state"] == "received"
    assert events[1]["after"]["state"] == "grounds_requested"
    assert set(events[0]) == {"at", "actor_name", "action", "summary", "before", "after"}


@pytest.mark.parametrize("suffix", ["", "/events", "/actions"])
def test_feedback_the_caller_may_not_see_looks_exactly_like_a_missing_one(api, outsider, make_case, complaint, suffix):
    feedback = complaint(make_case())
    client = api(outsider)

    seen = client.get(f"/feedback/{feedback.reference}{suffix}")
    missing = client.get(f"/feedback/FB-999999{suffix}")

    assert seen.status_code == missing.status_code == 404
    assert seen.json() == {**missing.json(), "detail": missing.json()["detail"].replace("FB-999999", feedback.reference)}


def test_staff_who_work_across_teams_can_read_any_feedback(api, oat, lawyer, ombudsman, make_case, complaint):
    feedback = complaint(make_case())

    for person in (oat, lawyer, ombudsman):
        assert api(person).get(f"/feedback/{feedback.reference}").status_code == 200


def test_an_unknown_path_under_the_api_is_a_json_404(api, caseworker):
    response = api(caseworker).get("/no/such/thing")

    assert response.status_code == 404
    assert response.json() == {"detail": "Not found", "errors": []}


@pytest.mark.policy("47", "31")
def test_oats_queue_lists_referrals_with_their_wait_and_adjustments(api, oat, caseworker, considering, walk):
    feedback = walk(considering(), ("record_adjustments", {"adjustments": "Phone calls only"}, AFTER_DEADLINE), ANALYSE, REFER)

    body = api(oat).get("/oat/referrals").json()

    waiting = {row["reference"]: row for row in body["waiting"]}
    assert waiting[feedback.reference]["reasonable_adjustments"] == "Phone calls only"
    assert waiting[feedback.reference]["referred_on"] == AFTER_DEADLINE.isoformat()
    assert api(caseworker).get("/oat/referrals").status_code == 404


def test_oats_queue_counts_each_list_up_to_a_bound_and_says_when_there_are_more(api, oat, considering, walk, monkeypatch):
    monkeypatch.setattr("api.paging.COUNTED_AT_MOST", 2)
    waiting = [walk(considering(), ANALYSE, REFER) for _ in range(4)]

    first = api(oat).get("/oat/referrals", limit=1).json()
    last = api(oat).get("/oat/referrals", limit=1, offset=3).json()

    assert (first["waiting_count"], first["waiting_count_is_lower_bound"]) == (2, True)
    assert (first["yours_count"], first["yours_count_is_lower_bound"]) == (0, False)
    assert (last["waiting_count"], last["waiting_count_is_lower_bound"]) == (4, False)
    assert [row["reference"] for row in first["waiting"] + last["waiting"]] == [waiting[0].reference, waiting[3].reference]


@pytest.mark.policy("53", "55", "56")
def test_the_feedback_shows_the_review_decision_remedies_and_learning(api, oat, at_oat, walk):
    feedback = walk(at_oat(), RISK)
    for name, inputs in [
        ("oat_outcome_accepted", {"advice": "Review"}),
        ("record_review_decision", UPHELD),
        ("offer_remedy", PAYMENT),
        ("record_learning_point", LEARNING),
    ]:
        take_action(oat, feedback.reference, name, inputs, AFTER_DEADLINE)

    body = api(oat).get(f"/feedback/{feedback.reference}").json()

    assert body["review"]["finding"]["grounds"] == {"overlooked": "upheld"}
    assert body["review"]["oat_outcome"] == "accepted"
    assert [remedy["remedy_type"] for remedy in body["remedies"]] == ["financial"]
    assert body["learning_points"][0]["fed_back_to"] == "Manny"
    assert body["learning_points"][0]["charter_commitment"] == 5


@pytest.mark.policy("46", "48")
def test_the_review_lists_every_referral_with_its_own_outcome_and_the_current_one_on_top(api, oat, at_oat, walk):
    feedback = at_oat()
    take_action(oat, feedback.reference, "oat_outcome_returned_further_work", {"advice": "Ask for the letter"}, AFTER_DEADLINE)
    acted = {"action_taken": "Asked for it", "service_user_told": "We are looking again"}
    walk(feedback, ("act_on_oat_directions", acted, AFTER_DEADLINE), REFER)

    review = api(oat).get(f"/feedback/{feedback.reference}").json()["review"]

    assert [(r["outcome"], r["oat_caseworker"], r["directions"]) for r in review["referrals"]] == [
        ("returned_further_work", "Olive", "Ask for the letter"),
        ("", None, ""),
    ]
    assert review["referrals"][0]["outcome_label"] == "Returned to caseworker: further work required"
    assert (review["referred_on"], review["oat_caseworker"], review["oat_outcome"]) == (AFTER_DEADLINE.isoformat(), None, "")
    assert review["challenge_analysis"] == {"is_challenge": True, "clear_evidence": True, "genuine_doubt": True}
