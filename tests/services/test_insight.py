"""Insight over a small hand-built data set whose every answer is worked out by hand below.

The records are made directly with the ORM: this is test data, not casework. Today is Friday 27
November 2026; the period is 1 January to 30 November 2026. Team A: Cara and Dan, both managed by
Manny. Team B: Otto, managed by Bea. Paragraphs are those of the Review and feedback Guidance 12.0.

| ref | kind     | team, owner | received   | case decision | referred   | decided    | state                 | notes |
| --- | -------- | ----------- | ---------- | ------------- | ---------- | ---------- | --------------------- | ----- |
| F1  | decision | A, Cara     | 2026-01-20 | 2026-01-05    | 2026-02-01 | 2026-05-01 | closed_reviewed       | facts upheld, overlooked not; financial route; report quashed |
| F2  | decision | A, Cara     | 2026-02-20 | 2026-02-10    | 2026-03-01 | 2026-03-21 | awaiting_approval     | new information upheld; new detailed investigation |
| F3  | decision | A, Cara     | 2026-03-10 | 2026-03-02    | 2026-03-12 | 2026-04-21 | closed_reviewed       | all three grounds not upheld |
| F4  | decision | A, Cara     | 2026-04-15 | 2026-04-01    | 2026-05-01 |            | with_oat              | open past three months (para 71) |
| F5  | decision | A, Cara     | 2026-05-20 | 2026-04-01    |            |            | received              | asked for late |
| F6  | decision | A, Cara     | 2026-03-02 | 2026-01-31    |            |            | closed_not_actionable | 30 days on, but after 28 Feb: late (para 71); closed 1 July |
| F7  | decision | A, Cara     | 2026-06-10 | 2026-06-01    |            |            | closed_resolved       | closed 1 October without a review: past three months |
| F8  | decision | A, Cara     | 2026-07-30 | 2026-06-30    | 2026-08-10 | 2026-10-30 | closed_reviewed       | overlooked upheld, remedy route; exactly three months |
| B1  | decision | B, Otto     | 2026-02-25 | 2026-02-01    | 2026-03-05 | 2026-03-27 | closed_reviewed       | overlooked upheld, financial route |
| S1  | service  | A, Cara     | 2026-02-03 |               |            |            | closed_upheld         | upheld |
| S2  | service  | A, Cara     | 2026-02-15 |               |            |            | closed_not_upheld     | not upheld |
| S3  | service  | A, Cara     | 2026-11-20 |               |            |            | received              | |
| D1  | service  | A, Dan      | 2026-04-02 |               |            |            | resolution_attempted  | |
| P1  | positive | A, Cara     | 2026-03-05 |               |            |            | closed                | |
| P2  | positive | A, Cara     | 2026-11-10 |               |            |            | awaiting_manager      | |
| O1  | positive | A, Cara     | 2025-12-20 |               |            |            | closed                | before the period: counts nowhere |
"""

from collections import Counter
from dataclasses import replace
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from casework.models import (
    Approval,
    Decision,
    FeedbackCase,
    Ground,
    Grounds,
    LearningPoint,
    Referral,
    Remedy,
    ReviewDecision,
    ServiceCharterCommitment,
    ServiceFinding,
    ServiceModelSection,
    Task,
)
from casework.read.insight import InsightFilter, insight_for, may_see_insight, nearest_rank
from policy.calendar import add_months
from policy.facts import Channel, FeedbackKind, Role
from policy.review import OatOutcome
from policy.time_limits import judicial_review_clock
from tests.conftest import TODAY, make_person

PERIOD = InsightFilter(date(2026, 1, 1), date(2026, 11, 30))
DECISION, SERVICE, POSITIVE = FeedbackKind.DECISION_COMPLAINT, FeedbackKind.SERVICE_COMPLAINT, FeedbackKind.POSITIVE
SECTION_2 = "Section 2 Contacting the complainant (para 2.140)"


def at(year, month, day, hour=12, minute=0) -> datetime:
    return datetime(year, month, day, hour, minute, tzinfo=UTC)


@pytest.fixture
def people(team_a, team_b, manager, caseworker, oat):
    return build_people(team_a, team_b, manager, caseworker, oat)


@pytest.fixture
def data(people, make_case):
    return build_data(people, make_case)


def build_people(team_a, team_b, manager, caseworker, oat) -> dict:
    """Manny (the shared `manager`) line manages Cara and Dan in Team A; Bea manages Otto in Team B."""
    bea = make_person("bea", Role.MANAGER, team_b)
    return {
        "manny": manager,
        "cara": caseworker,
        "dan": make_person("dan", Role.CASEWORKER, team_a, manager),
        "bea": bea,
        "otto": make_person("otto", Role.CASEWORKER, team_b, bea),
        "olive": oat,
        "team_a": team_a,
        "team_b": team_b,
    }


def build_data(people: dict, make_case) -> dict[str, FeedbackCase]:
    """The records of the table above, with their tasks, remedies, learning points and approvals."""
    made: dict[str, FeedbackCase] = {}
    olive = people["olive"]

    def feedback(
        ref, kind, received, state, decision=date(2026, 1, 5), owner="cara", quashed=False, finding=None, **extra
    ):  # fmt: skip
        referral = {name: extra.pop(name) for name in ("referred_on", "oat_outcome") if name in extra}
        traits = {"decision_date": decision, "report_quashed": quashed}
        if owner != "cara":
            traits.update(case_owner=people[owner], team=people["team_b" if owner == "otto" else "team_a"])
            traits["manager"] = people["bea" if owner == "otto" else "manny"]
        extra.setdefault("updated_at", at(2026, 11, 1))
        made[ref] = FeedbackCase.objects.create(
            reference=ref,
            case=make_case(**traits),
            kind=kind,
            state=state,
            received_date=received,
            channel=Channel.EMAIL,
            received_by=people[owner],
            summary="Said",
            created_at=at(2026, 1, 1),
            **extra,
        )
        if referral:
            Referral.objects.create(
                feedback_case=made[ref],
                referred_on=referral.get("referred_on", received),
                outcome=referral.get("oat_outcome", ""),
            )
        if finding and kind == SERVICE:
            ServiceFinding.objects.create(
                feedback_case=made[ref], what_happened="", what_should_have_happened="", difference="", **finding
            )
        elif finding:
            grounds = Grounds.objects.create(feedback_case=made[ref], why_wrong="Said")
            for ground_type, found in finding.pop("grounds").items():
                Ground.objects.create(grounds=grounds, ground_type=ground_type, finding=found)
            ReviewDecision.objects.create(feedback_case=made[ref], handling_feedback="", proportionate=True, **finding)

    def review(upheld_grounds=(), not_upheld=(), route="no_further_work"):
        grounds = {ground: "upheld" for ground in upheld_grounds} | {ground: "not_upheld" for ground in not_upheld}
        return {"grounds": grounds, "upheld": bool(upheld_grounds), "route": route}

    feedback(
        "F1", DECISION, date(2026, 1, 20), "closed_reviewed", date(2026, 1, 5), quashed=True,
        referred_on=date(2026, 2, 1), decided_on=date(2026, 5, 1), oat_outcome="accepted",
        finding=review(["inaccurate_facts"], ["overlooked"], "financial_remedy"),
    )  # fmt: skip
    feedback(
        "F2", DECISION, date(2026, 2, 20), "awaiting_approval", date(2026, 2, 10),
        referred_on=date(2026, 3, 1), decided_on=date(2026, 3, 21), oat_outcome="accepted",
        finding=review(["new_information"], route="new_detailed_investigation"),
    )  # fmt: skip
    feedback(
        "F3", DECISION, date(2026, 3, 10), "closed_reviewed", date(2026, 3, 2),
        referred_on=date(2026, 3, 12), decided_on=date(2026, 4, 21), oat_outcome="accepted",
        finding=review(not_upheld=["inaccurate_facts", "new_information", "overlooked"]),
    )  # fmt: skip
    feedback("F4", DECISION, date(2026, 4, 15), "with_oat", date(2026, 4, 1), referred_on=date(2026, 5, 1))
    feedback("F5", DECISION, date(2026, 5, 20), "received", date(2026, 4, 1))
    feedback(
        "F6", DECISION, date(2026, 3, 2), "closed_not_actionable", date(2026, 1, 31),
        oat_outcome="review_criteria_not_met", updated_at=at(2026, 7, 1),
    )  # fmt: skip
    feedback(
        "F7", DECISION, date(2026, 6, 10), "closed_resolved", date(2026, 6, 1),
        oat_outcome="returned_more_information", updated_at=at(2026, 9, 30, 23, 30),  # 00:30 on 1 October in London
    )  # fmt: skip
    feedback(
        "F8", DECISION, date(2026, 7, 30), "closed_reviewed", date(2026, 6, 30),
        referred_on=date(2026, 8, 10), decided_on=date(2026, 10, 30), oat_outcome="accepted",
        finding=review(["overlooked"], route="remedy"),
    )  # fmt: skip
    feedback(
        "B1", DECISION, date(2026, 2, 25), "closed_reviewed", date(2026, 2, 1), owner="otto",
        referred_on=date(2026, 3, 5), decided_on=date(2026, 3, 27), oat_outcome="accepted",
        finding=review(["overlooked"], route="financial_remedy"),
    )  # fmt: skip
    feedback("S1", SERVICE, date(2026, 2, 3), "closed_upheld", finding={"upheld": True})
    feedback("S2", SERVICE, date(2026, 2, 15), "closed_not_upheld", finding={"upheld": False})
    feedback("S3", SERVICE, date(2026, 11, 20), "received")
    feedback("D1", SERVICE, date(2026, 4, 2), "resolution_attempted", owner="dan")
    feedback("P1", POSITIVE, date(2026, 3, 5), "closed")
    feedback("P2", POSITIVE, date(2026, 11, 10), "awaiting_manager")
    feedback("O1", POSITIVE, date(2025, 12, 20), "closed")

    def task(ref, role, due=None, done=None, created=None):
        Task.objects.create(
            feedback_case=made[ref], code="t", subject="Do it", assigned_role=role, due_date=due,
            created_at=created or at(2026, 1, 2),
            status="done" if done else "open", closed_at=done,
        )  # fmt: skip

    task("F1", Role.LEGAL, created=at(2026, 2, 10, 10), done=at(2026, 2, 14, 9))  # 4 days
    task("F4", Role.LEGAL, created=at(2026, 5, 2, 23, 30), done=at(2026, 5, 10, 8))  # 3 May in London to 10 May: 7 days
    task("O1", Role.LEGAL, created=at(2025, 12, 21), done=at(2026, 1, 30))  # outside the period
    task("F3", Role.OAT, created=at(2026, 3, 12), done=at(2026, 4, 21))  # not Legal's
    task("F4", Role.OAT, due=date(2026, 5, 15))  # overdue
    task("F4", Role.CASEWORKER, due=date(2026, 12, 1))
    task("F4", Role.LEGAL, due=TODAY)  # due today: not yet overdue
    task("F2", Role.OMBUDSMAN)  # no due date
    task("S3", Role.MANAGER, due=date(2026, 11, 25))  # overdue
    task("P2", Role.MANAGER, due=date(2026, 11, 17))  # overdue
    task("D1", Role.MANAGER, due=date(2026, 5, 1))  # overdue
    task("O1", Role.MANAGER, due=date(2026, 1, 1))  # outside the period

    def approval(ref, proposed, decided=None):
        Approval.objects.create(
            feedback_case=made[ref], subject="new_detailed_investigation", approver_role="ombudsman", summary="Propose",
            proposed_by=olive, proposed_at=proposed, decided_at=decided, approved=True if decided else None,
        )  # fmt: skip

    approval("F2", at(2026, 3, 25, 9), at(2026, 4, 8, 15))  # 14 days
    approval("F2", at(2026, 4, 9))  # not decided
    approval("F8", at(2026, 10, 1), at(2026, 10, 4))  # 3 days

    def remedy(ref, kind, level=None, amount=None):
        Remedy.objects.create(
            feedback_case=made[ref], remedy_type=kind, details="Put right", severity_level=level,
            amount=Decimal(amount) if amount else None, offered_by=olive, offered_at=at(2026, 6, 1),
        )  # fmt: skip

    remedy("F1", "financial", 2, "500")
    remedy("F1", "apology")
    remedy("S1", "apology")
    remedy("S1", "explanation")
    remedy("S1", "financial", 1, "100")
    remedy("S1", "financial", 2, "250")
    remedy("B1", "financial", 3, "2000")
    remedy("F8", "service_improvement")
    remedy("F8", "financial", None, "50")
    remedy("O1", "financial", 2, "999")  # outside the period

    def learning(ref, kind, commitment=None, section="", fed_back_to=None, recorded=None):
        recorded = recorded or at(2026, 6, 1)
        LearningPoint.objects.create(
            feedback_case=made[ref], kind=kind, text=f"Learning from {ref}",
            service_model_section=ServiceModelSection.objects.get_or_create(name=section)[0] if section else None,
            charter_commitment=ServiceCharterCommitment.objects.get(number=commitment) if commitment else None,
            shared_with="The line manager", fed_back_to=people[fed_back_to] if fed_back_to else None,
            fed_back_at=recorded if fed_back_to else None, recorded_by=olive, recorded_at=recorded,
        )  # fmt: skip

    learning("F1", "individual", 5, SECTION_2, "manny", at(2026, 5, 2))
    learning("S1", "organisational", recorded=at(2026, 2, 20))
    learning("D1", "good_practice", 5, SECTION_2, recorded=at(2026, 4, 10))
    learning("B1", "individual", 8, "Section 3 Gathering evidence", "bea", at(2026, 3, 28))
    learning("F3", "individual", 10, "Section 4 Making a decision", "manny", at(2026, 4, 22))
    learning("O1", "individual", 5, SECTION_2, "manny", at(2026, 1, 5))  # outside the period
    return made


def figures(user, filters=PERIOD):
    return insight_for(user, filters, TODAY)


# --- every figure, for OAT, who see all teams -------------------------------------------------


def test_volumes_are_counted_by_kind_and_month_over_every_month_of_the_period(data, people):
    volumes = figures(people["olive"]).volumes
    assert [column.heading for column in volumes.columns] == [
        "Positive feedback",
        "Complaints about our service",
        "Complaints about our decision",
        "Total",
    ]
    assert [(row.label, row.values) for row in volumes.rows] == [
        ("January 2026", (0, 0, 1, 1)),  # F1
        ("February 2026", (0, 2, 2, 4)),  # S1, S2; F2, B1
        ("March 2026", (1, 0, 2, 3)),  # P1; F3, F6
        ("April 2026", (0, 1, 1, 2)),  # D1; F4
        ("May 2026", (0, 0, 1, 1)),  # F5
        ("June 2026", (0, 0, 1, 1)),  # F7
        ("July 2026", (0, 0, 1, 1)),  # F8
        ("August 2026", (0, 0, 0, 0)),
        ("September 2026", (0, 0, 0, 0)),
        ("October 2026", (0, 0, 0, 0)),
        ("November 2026", (1, 1, 0, 2)),  # P2; S3
    ]


def test_each_ground_has_its_own_finding_not_one_blanket_partly_upheld(data, people):
    assert figures(people["olive"]).findings_by_ground.as_dict() == {
        "The facts were inaccurate": {"Upheld": 1, "Not upheld": 1},  # F1; F3
        "There is new and relevant information": {"Upheld": 1, "Not upheld": 1},  # F2; F3
        "Something was overlooked or misunderstood": {"Upheld": 2, "Not upheld": 2},  # F8, B1; F1, F3
    }


def test_upheld_rates_count_decided_complaints_of_each_kind(data, people):
    assert figures(people["olive"]).upheld_rates.as_dict() == {
        # S1 upheld, S2 not; S3 and D1 have no finding yet
        "Complaints about our service": {"Decided": 2, "Upheld": 1, "Not upheld": 1, "Upheld rate": Decimal("50.0")},
        # F1, F2, F8, B1 upheld; F3 not
        "Complaints about our decision": {"Decided": 5, "Upheld": 4, "Not upheld": 1, "Upheld rate": Decimal("80.0")},
        "All complaints": {"Decided": 7, "Upheld": 5, "Not upheld": 2, "Upheld rate": Decimal("71.4")},
    }


def test_oat_outcomes_are_the_six_of_para_48(data, people):
    assert figures(people["olive"]).oat_outcomes.as_dict() == {
        "Returned to caseworker: more information needed": {"Referrals": 1},  # F7
        "Returned to caseworker: further work required": {"Referrals": 0},
        "Returned to caseworker: not for OAT, a service complaint": {"Referrals": 0},
        "Returned to caseworker: not for OAT, review criteria not met": {"Referrals": 1},  # F6
        "Returned to caseworker: not for OAT, other": {"Referrals": 0},
        "Accepted by OAT": {"Referrals": 5},  # F1, F2, F3, F8, B1
    }


@pytest.mark.policy("46", "48")
def test_a_complaint_referred_twice_counts_each_referral_with_its_own_outcome(data, people):
    Referral.objects.create(feedback_case=data["F1"], referred_on=date(2026, 1, 25), outcome=OatOutcome.FURTHER_WORK)

    outcomes = figures(people["olive"]).oat_outcomes.as_dict()

    assert outcomes["Returned to caseworker: further work required"] == {"Referrals": 1}  # F1's first
    assert outcomes["Accepted by OAT"] == {"Referrals": 5}  # F1's second still counts


def test_what_followed_an_upheld_review_counts_routes_of_upheld_reviews_only(data, people):
    assert figures(people["olive"]).after_upheld.as_dict() == {
        "No further work: the finding and explanation are the remedy": {"Reviews": 0},  # F3's route: not upheld
        "A remedy such as an apology or a service improvement": {"Reviews": 1},  # F8
        "A financial remedy": {"Reviews": 2},  # F1, B1
        "A fresh primary investigation": {"Reviews": 0},
        "A new detailed investigation (exceptional)": {"Reviews": 1},  # F2
        "The report was later quashed by the Ombudsman (para 69)": {"Reviews": 1},  # F1
    }


def test_stage_times_give_the_nearest_rank_median_and_90th_percentile(data, people):
    assert figures(people["olive"]).durations.as_dict() == {
        # F2 29, B1 30, F3 42, F8 92, F1 101 days: ranks 3 and 5 of 5
        "Received to OAT's review decision": {"Number": 5, "Median": 42, "90th percentile": 101},
        # F2 20, B1 22, F3 40, F8 81, F1 89 days
        "With OAT: referral to review decision": {"Number": 5, "Median": 40, "90th percentile": 89},
        # F1 4 days; F4 7 days, counted in London time (its request came at 00:30 on 3 May)
        "With the Legal Team: request to answer": {"Number": 2, "Median": 4, "90th percentile": 7},
        # F8 3 days, F2 14 days; F2's second proposal is not decided
        "Waiting for approval: proposal to decision": {"Number": 2, "Median": 3, "90th percentile": 14},
    }


def test_open_work_and_overdue_tasks_are_counted_as_at_today(data, people):
    insight = figures(people["olive"])
    assert insight.open_work.as_dict() == {
        "Positive feedback": {"Feedback open": 1, "Tasks open": 1, "Tasks overdue": 1},  # P2
        "Complaints about our service": {"Feedback open": 2, "Tasks open": 2, "Tasks overdue": 2},  # S3, D1
        # F2, F4, F5 open; F4's three tasks (one overdue, one due today) and F2's undated one
        "Complaints about our decision": {"Feedback open": 3, "Tasks open": 4, "Tasks overdue": 1},
    }
    assert insight.open_tasks.as_dict() == {
        "Caseworker (case owner)": {"Open": 1, "Overdue": 0},
        "Case owner's manager": {"Open": 3, "Overdue": 3},
        "Ombudsman's Assurance Team": {"Open": 1, "Overdue": 1},
        "Legal Team": {"Open": 1, "Overdue": 0},
        "Ombudsman or Deputy Ombudsman": {"Open": 1, "Overdue": 0},
    }


@pytest.mark.policy("71")
def test_reviews_asked_for_within_a_month_that_passed_three_months(data, people):
    # F1 decided after 3 months; F7 closed on 1 October, past 10 September; F4 still open past 15 July.
    # Not F5 or F6 (asked for late: F6 30 days on, but after 28 February); not F8 (exactly three months).
    assert figures(people["olive"]).late_reviews.as_dict() == {
        "Decided more than three months after they were asked for": {"Reviews": 2},
        "Not decided, and more than three months have passed": {"Reviews": 1},
    }


@pytest.mark.policy("71", "20")
def test_the_month_to_ask_runs_from_the_decision_complained_of_not_the_case_s_own(data, people, make_case):
    """A case can have several decisions (para 20): the month to ask for a review runs from the one
    the complaint names."""

    def complaint(ref, case_decision, named, received, state, decided_on=None):
        case = make_case(decision_date=case_decision)
        FeedbackCase.objects.create(
            reference=ref, case=case, decision=Decision.objects.create(case=case, decided_on=named), kind=DECISION,
            state=state, received_date=received, decided_on=decided_on, channel=Channel.EMAIL, received_by=people["cara"],
            summary="Said", created_at=at(2026, 1, 1), updated_at=at(2026, 11, 1),
        )  # fmt: skip

    # About a later decision of 15 June: asked in time, decided after 1 October. Counts.
    complaint("G1", date(2026, 1, 5), date(2026, 6, 15), date(2026, 7, 1), "closed_reviewed", date(2026, 10, 15))
    # About an earlier decision of 1 February: asked months late, though within a month of the case's own.
    complaint("G2", date(2026, 6, 1), date(2026, 2, 1), date(2026, 6, 20), "with_oat")

    assert figures(people["olive"]).late_reviews.as_dict() == {
        "Decided more than three months after they were asked for": {"Reviews": 3},  # F1, F7 and G1
        "Not decided, and more than three months have passed": {"Reviews": 1},  # F4, not G2
    }


@pytest.mark.policy("71")
def test_the_database_counts_late_reviews_as_the_para_71_rule_does_at_every_month_end(people, make_case):
    """A day either side of one calendar month to ask and three to decide, from short months' ends."""
    rows = []
    for decision in (date(2024, 1, 31), date(2025, 11, 30), date(2026, 1, 30), date(2026, 1, 31), date(2026, 3, 31)):
        for received in (decision + timedelta(days=28), *(add_months(decision, 1) + timedelta(days=n) for n in (-1, 0, 1))):
            rows += [(decision, received, add_months(received, 3) + timedelta(days=n)) for n in (-1, 0, 1)]
    rows += [(date(2026, 7, 31), received, None) for received in (date(2026, 8, 26), date(2026, 8, 27), date(2026, 8, 28))]
    for n, (decision, received, decided) in enumerate(rows):
        FeedbackCase.objects.create(
            reference=f"J{n}", case=make_case(decision_date=decision), kind=DECISION, state="with_oat", received_date=received,
            decided_on=decided, channel=Channel.EMAIL, received_by=people["cara"], summary="Said", created_at=at(2024, 1, 1),
            updated_at=at(2024, 1, 1),
        )  # fmt: skip
    late = [row for row in rows if judicial_review_clock(*row, TODAY).will_not_argue_delay]

    counted = figures(people["olive"], InsightFilter(date(2024, 1, 1), TODAY)).late_reviews.as_dict()

    assert counted == {
        "Decided more than three months after they were asked for": {"Reviews": sum(decided is not None for *_, decided in late)},
        "Not decided, and more than three months have passed": {"Reviews": sum(decided is None for *_, decided in late)},
    }
    assert 0 < len(late) < len(rows)


def test_remedies_by_type_and_financial_redress_by_severity_level(data, people):
    insight = figures(people["olive"])
    assert insight.remedies.as_dict() == {
        "A further explanation": {"Remedies": 1},  # S1
        "An apology": {"Remedies": 2},  # F1, S1
        "A service improvement": {"Remedies": 1},  # F8
        "A financial remedy": {"Remedies": 5},  # F1, S1 twice, B1, F8
    }
    pounds = {label: (row["Payments"], row["Total"]) for label, row in insight.financial_redress.as_dict().items()}
    assert pounds == {
        "Level 1: Minor": (1, Decimal("100.00")),
        "Level 2: Moderate": (2, Decimal("750.00")),  # F1 500, S1 250
        "Level 3: Significant": (1, Decimal("2000.00")),
        "Level 4: Serious": (0, Decimal("0.00")),
        "Level 5: Severe": (0, Decimal("0.00")),
        "Level 6: Most severe": (0, Decimal("0.00")),
        "No level recorded": (1, Decimal("50.00")),  # F8
        "All levels": (5, Decimal("2900.00")),
    }


def test_learning_points_by_commitment_section_and_team(data, people):
    insight = figures(people["olive"])
    counts = ("Individual", "Organisational", "Good practice", "Total")
    assert [(row.label, row.values) for row in insight.learning_by_commitment.rows] == [
        ("5. We will listen to you to make sure we understand your complaint", (1, 0, 1, 2)),  # F1, D1
        ("8. We will gather all the information we need before we make a decision", (1, 0, 0, 1)),  # B1
        ("10. We will make an impartial decision", (1, 0, 0, 1)),  # F3
        ("No commitment linked", (0, 1, 0, 1)),  # S1
    ]
    assert [column.heading for column in insight.learning_by_commitment.columns] == list(counts)
    assert [(row.label, row.values) for row in insight.learning_by_section.rows] == [
        (SECTION_2, (1, 0, 1, 2)),
        ("Section 3 Gathering evidence", (1, 0, 0, 1)),
        ("Section 4 Making a decision", (1, 0, 0, 1)),
        ("No section linked", (0, 1, 0, 1)),
    ]
    assert [(row.label, row.values) for row in insight.learning_by_team.rows] == [
        ("Team A", (2, 1, 1, 4, 2)),  # F1, F3 fed back to Manny
        ("Team B", (1, 0, 0, 1, 1)),
    ]


# --- filters, and who sees what -------------------------------------------------------------------


def test_a_team_filter_leaves_out_other_teams(data, people):
    insight = figures(people["olive"], replace(PERIOD, team_id=people["team_a"].pk))
    assert insight.volumes.as_dict()["February 2026"]["Complaints about our decision"] == 1  # F2 but not B1
    assert insight.upheld_rates.as_dict()["Complaints about our decision"] == {
        "Decided": 4,
        "Upheld": 3,
        "Not upheld": 1,
        "Upheld rate": Decimal("75.0"),
    }
    assert insight.financial_redress.as_dict()["Level 3: Significant"]["Payments"] == 0
    assert [row.label for row in insight.learning_by_team.rows] == ["Team A"]
    assert insight.durations.as_dict()["Received to OAT's review decision"] == {"Number": 4, "Median": 42, "90th percentile": 101}


def test_a_manager_sees_only_their_own_teams_figures(data, people):
    managers = figures(people["manny"])
    team_a = figures(people["olive"], replace(PERIOD, team_id=people["team_a"].pk))
    assert managers.tables == team_a.tables
    assert figures(people["bea"]).upheld_rates.as_dict()["All complaints"]["Decided"] == 1  # B1 only


def test_a_case_owner_filter_counts_only_their_cases(data, people):
    insight = figures(people["olive"], replace(PERIOD, case_owner_id=people["dan"].pk))
    assert sum(row.values[-1] for row in insight.volumes.rows) == 1  # D1
    assert insight.open_work.as_dict()["Complaints about our service"] == {
        "Feedback open": 1,
        "Tasks open": 1,
        "Tasks overdue": 1,
    }
    assert [(row.label, row.values) for row in insight.learning_by_commitment.rows] == [
        ("5. We will listen to you to make sure we understand your complaint", (0, 0, 1, 1))
    ]
    assert insight.upheld_rates.as_dict()["All complaints"]["Upheld rate"] is None  # nothing decided


def test_the_period_chooses_feedback_by_the_date_it_was_received(data, people):
    february = figures(people["olive"], InsightFilter(date(2026, 2, 1), date(2026, 2, 28)))
    assert [(row.label, row.values) for row in february.volumes.rows] == [("February 2026", (0, 2, 2, 4))]
    # F2 29 and B1 30 days: the median is the lower of two (nearest rank 1 of 2)
    assert february.durations.as_dict()["Received to OAT's review decision"] == {"Number": 2, "Median": 29, "90th percentile": 30}
    assert february.remedies.as_dict()["A financial remedy"] == {"Remedies": 3}  # S1 twice, B1
    assert february.late_reviews.as_dict()["Decided more than three months after they were asked for"] == {"Reviews": 0}
    # O1, received in December 2025, only counts when the period includes it
    december = figures(people["olive"], InsightFilter(date(2025, 12, 1), date(2025, 12, 31)))
    assert december.financial_redress.as_dict()["Level 2: Moderate"] == {"Payments": 1, "Total": Decimal("999.00")}
    assert december.durations.as_dict()["With the Legal Team: request to answer"]["Number"] == 1


def test_insight_is_for_managers_and_those_who_oversee_not_caseworkers(people):
    assert may_see_insight(people["manny"]) and may_see_insight(people["olive"])
    assert not may_see_insight(people["cara"])


def test_nobody_else_s_feedback_counts_for_a_caseworker_either(data, people):
    """The service only counts what a person may see: Otto sees Team B's only."""
    insight = figures(people["otto"])
    assert sum(row.values[-1] for row in insight.volumes.rows) == 1


def test_the_figures_take_a_fixed_number_of_queries_however_much_feedback_there_is(data, people, make_case):
    def olive():  # as she signs in afresh: her roles not yet looked up
        return type(people["olive"]).objects.get(pk=people["olive"].pk)

    first = olive()
    with CaptureQueriesContext(connection) as few:
        figures(first)
    for n in range(20):
        feedback = FeedbackCase.objects.create(
            reference=f"X{n}", case=make_case(), kind=DECISION, state="received", received_date=date(2026, 5, 1),
            channel=Channel.EMAIL, received_by=people["cara"], summary="Said", created_at=at(2026, 5, 1), updated_at=at(2026, 5, 1),
        )  # fmt: skip
        LearningPoint.objects.create(
            feedback_case=feedback, kind="organisational", text="More", shared_with="All", recorded_by=people["olive"],
            recorded_at=at(2026, 5, 1),
        )  # fmt: skip
    second = olive()
    with CaptureQueriesContext(connection) as many:
        figures(second)
    assert len(many) == len(few) <= 12  # her roles, then eleven (referrals are counted on their own): see insight_for


@pytest.mark.parametrize(
    ("values", "median", "p90"),
    [([], None, None), ([7], 7, 7), ([3, 40, 10], 10, 40), (list(range(1, 11)), 5, 9), ([1, 2], 1, 2), ([5, 5, 5, 9], 5, 9)],
)
def test_nearest_rank_is_the_smallest_value_with_that_share_at_or_below_it(values, median, p90):
    assert (nearest_rank(Counter(values), 50), nearest_rank(Counter(values), 90)) == (median, p90)
