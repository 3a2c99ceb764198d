"""Demo data: a team of staff, one for each role, and cases that show each path of the guidance."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from django.contrib.auth.hashers import make_password
from django.contrib.auth.models import Group, User
from django.db import transaction

from casework.models import Case, StaffProfile, Team
from casework.services.case_records import create_case
from casework.services.feedback import NewFeedback, log_feedback, take_action
from casework.services.service_users import correct_service_user
from policy.facts import Channel, ClosureReason, FeedbackKind, Risk, Role, Stage

DEMO_PASSWORD = "redress-demo-2026"

# username, full name, role, team, line manager
STAFF = [
    ("manny", "Manny Okafor", Role.MANAGER, "Health Team A", None),
    ("cara", "Cara Jones", Role.CASEWORKER, "Health Team A", "manny"),
    ("olive", "Olive Grant", Role.OAT, None, None),
    ("lena", "Lena Price", Role.LEGAL, None, None),
    ("oscar", "Oscar Reid", Role.OMBUDSMAN, None, None),
    ("sam", "Sam Patel", Role.SHARED_SERVICES, None, None),
    ("jo", "Jo Walsh", Role.JOINT_WORKING, None, None),
    ("dina", "Dina Hughes", Role.DIRECTOR, None, None),
    ("chris", "Chris Moran", Role.CHIEF_EXECUTIVE, None, None),
    ("bea", "Bea Lewis", Role.MANAGER, "Health Team B", None),
    ("otto", "Otto Berg", Role.CASEWORKER, "Health Team B", "bea"),
]

# reference, service user, organisation, decision date, and what sets the case apart
CASES = [
    ("PHSO-1001", "Alice Brown", "Northgate NHS Foundation Trust", date(2026, 11, 25), {}),
    ("PHSO-1002", "Ben Carter", "Riverside GP Practice", date(2026, 1, 30), {}),
    ("PHSO-1003", "Chloe Davies", "Eastfield Hospital", date(2026, 3, 3), {}),
    ("PHSO-1004", "Dev Evans", "Westbrook Dental Practice", date(2026, 3, 31), {}),
    ("PHSO-1005", "Ewa Fisher", "Hillside Care Trust", date(2026, 10, 20), {"closure_reason": ClosureReason.LOW_LEVEL_INJUSTICE}),
    ("PHSO-1006", "Farid Gill", "Lakeside Council and CCG", date(2026, 10, 28), {"joint_with_lgsco": True}),
    (
        "PHSO-1007",
        "Grace Hall",
        "Southern Ambulance Service",
        date(2026, 9, 14),
        {"review_count": 1, "previous_review_upheld": True},
    ),
    ("PHSO-1008", "Hugo Irwin", "Central Mental Health Trust", date(2026, 10, 5), {"reviews_go_to_oat_first": True}),
    ("PHSO-1009", "Isla Jacobs", "Meadow Hospice", date(2026, 10, 12), {"risk": Risk.MEDIUM, "mp_involved": True}),
    (
        "PHSO-1010",
        "Jack Khan",
        "National Screening Service",
        date(2026, 8, 3),
        {"risk": Risk.HIGH, "stage": Stage.DETAILED, "supervised": True},
    ),
    ("PHSO-1011", "Kate Lyons", "Brookside Surgery", date(2026, 10, 30), {"behaviour_restriction": True}),
    ("PHSO-1012", "Mia Norris", "Parkview Hospital", date(2026, 10, 26), {}),
    ("PHSO-1013", "Noah Owen", "Greenway Medical Centre", date(2026, 10, 27), {}),
    ("PHSO-1014", "Olivia Price", "Northern Cancer Network", date(2026, 10, 19), {"stage": Stage.DETAILED, "supervised": True}),
    ("PHSO-1015", "Priya Quinn", "Valley Maternity Unit", date(2026, 9, 1), {"stage": Stage.DETAILED}),
    ("PHSO-1016", "Ravi Shah", "Coastal Community Dentists", date(2026, 10, 21), {}),
    ("PHSO-1017", "Sara Turner", "Midshire Children's Hospital", date(2026, 9, 15), {"stage": Stage.DETAILED}),
    ("PHSO-1018", "Tom Underwood", "Eastern Stroke Service", date(2026, 9, 22), {"stage": Stage.DETAILED}),
    ("PHSO-2001", "Liam Moss", "Harbour NHS Trust", date(2026, 10, 16), {"team": "Health Team B"}),
]

_DECISION, _SERVICE, _POSITIVE = FeedbackKind.DECISION_COMPLAINT, FeedbackKind.SERVICE_COMPLAINT, FeedbackKind.POSITIVE

# The case owner's answers when none of the para 26 criteria applies, and grounds that arrived in time.
NO_OAT_CRITERIA = {"jr_threat_or_unlawful_allegation": False, "brought_by_organisation": False, "specialist_subject": False}


def _grounds(received: date, why: str, *types: str) -> dict:
    return {"received_date": received, "ground_types": list(types), "why_wrong": why, "what_they_want": "Look at it again"}


def _considering(received: date, why: str, *types: str) -> list[tuple[str, str, dict]]:
    """The steps that bring a complaint to the case owner's consideration of in-time grounds."""
    return [
        (OWNER, "check_oat_advice_needed", NO_OAT_CRITERIA),
        (OWNER, "request_grounds", {}),
        (OWNER, "record_grounds", _grounds(received, why, *types)),
        (OWNER, "accept_in_time", {}),
    ]


def _referred(received: date, why: str, *types: str) -> list[tuple[str, str, dict]]:
    analysis = {"is_challenge": True, "clear_evidence": True, "genuine_doubt": True, "reasons": why}
    return _considering(received, why, *types) + [
        (OWNER, "record_challenge_analysis", analysis),
        (OWNER, "refer_to_oat", {"summary": f"Grounds: {why}. The decision may be wrong."}),
    ]


OWNER, OAT = "owner", "olive"


def _upheld(route: str, why: str) -> list[tuple[str, str, dict]]:
    """OAT accept the referral and uphold it, choosing `route` (para 51)."""
    return [
        (OAT, "record_risk_assessment", {"risk": "medium", "assessment": "The service user's health is affected by the delay"}),
        (OAT, "take_referral", {}),
        (OAT, "oat_outcome_accepted", {"advice": "OAT will review the decision"}),
        (
            OAT,
            "record_review_decision",
            {
                "finding_new_information": "upheld",
                "route": route,
                "remedy_analysis": why,
                "impact": "The decision left the service user without an answer on the main issue",
                "proportionality": "Proportionate to a significant injustice",
                "restoring_position": "Looking at the complaint again is the only way to restore the position",
                "handling_feedback": "A thorough analysis and a prompt referral",
                "proportionate": True,
            },
        ),
    ]


ASK = [(OWNER, "request_grounds", {})]
UPHELD_WITH_PAYMENT = [
    (OWNER, "record_risk_assessment", {"risk": "low", "assessment": "No new risk; the service user is supported by family"}),
    (OAT, "take_referral", {}),
    (OAT, "oat_outcome_accepted", {"advice": "The scan report was overlooked: OAT will review the decision"}),
    (
        OAT,
        "record_review_decision",
        {
            "finding_overlooked": "upheld",
            "finding_inaccurate_facts": "not_upheld",
            "reasons_inaccurate_facts": "The facts in the report match the hospital's records",
            "route": "financial_remedy",
            "remedy_analysis": "A payment for the distress of waiting for a decision that overlooked the scan report",
            "impact": "Four months of avoidable worry",
            "proportionality": "Level 2 of the severity scale matches the distress described",
            "restoring_position": "A payment cannot undo the worry but recognises it, with an apology",
            "handling_feedback": "A clear analysis that identified the overlooked report; referred promptly",
            "proportionate": True,
        },
    ),
    (
        OAT,
        "offer_remedy",
        {"remedy_type": "financial", "details": "A payment for distress", "severity_level": "2", "amount": "400"},
    ),
    (OAT, "offer_remedy", {"remedy_type": "apology", "details": "An apology for overlooking the scan report"}),
    (
        OAT,
        "record_learning_point",
        {
            "kind": "individual",
            "text": "The scan report sent with the complaint was not considered before the decision",
            "service_model_section": "Section 4 Gathering evidence (para 4.20)",
            "charter_commitment": "8",
        },
    ),
    (OAT, "send_review_decision", {}),
]

# Feedback already logged: case, kind, date received, what was said, and the steps already taken
# (who took each: the case owner, or OAT's caseworker).
FEEDBACK = [
    ("PHSO-1001", _DECISION, date(2026, 11, 26), "Writes that our decision is wrong.", ASK),
    ("PHSO-1002", _DECISION, date(2026, 2, 10), "Writes that our decision is wrong.", ASK),
    ("PHSO-1003", _DECISION, date(2026, 3, 10), "Writes that our decision is wrong.", ASK),
    ("PHSO-1004", _DECISION, date(2026, 4, 8), "Writes that our decision is wrong.", ASK),
    ("PHSO-1005", _DECISION, date(2026, 11, 2), "Unhappy that we closed the case.", []),
    ("PHSO-1006", _DECISION, date(2026, 11, 9), "Disagrees with the joint decision.", []),
    ("PHSO-2001", _DECISION, date(2026, 11, 3), "Writes that our decision is wrong.", []),
    (
        "PHSO-1012",
        _DECISION,
        date(2026, 11, 2),
        "Says the decision is unfair.",
        _considering(date(2026, 11, 16), "I am unhappy with the outcome", "overlooked"),
    ),
    (
        "PHSO-1013",
        _DECISION,
        date(2026, 11, 4),
        "Says we did not read the discharge summary.",
        _considering(date(2026, 11, 18), "The discharge summary shows the delay", "overlooked", "new_information"),
    ),
    (
        "PHSO-1014",
        _DECISION,
        date(2026, 10, 29),
        "Says the investigation got the dates of treatment wrong.",
        _referred(date(2026, 11, 12), "The treatment dates in the report are wrong", "inaccurate_facts"),
    ),
    (
        "PHSO-1015",
        _DECISION,
        date(2026, 9, 10),
        "Says we overlooked a scan report.",
        _referred(date(2026, 9, 20), "The scan report was not looked at", "overlooked", "inaccurate_facts") + UPHELD_WITH_PAYMENT,
    ),
    (
        "PHSO-1016",
        _DECISION,
        date(2026, 10, 30),
        "Disagrees with the decision.",
        _referred(date(2026, 11, 10), "The dentist should have been criticised", "overlooked"),
    ),
    (
        "PHSO-1017",
        _DECISION,
        date(2026, 9, 25),
        "Sends the consultant's letter we never saw.",
        _referred(date(2026, 10, 6), "The consultant's letter changes the picture", "new_information")
        + _upheld("new_detailed_investigation", "A new detailed investigation of the delayed diagnosis"),
    ),
    (
        "PHSO-1018",
        _DECISION,
        date(2026, 9, 30),
        "Says our report names the wrong hospital.",
        _referred(date(2026, 10, 8), "The report is about the wrong hospital", "new_information")
        + _upheld("remedy", "An apology, and consideration of whether the report can stand"),
    ),
    ("PHSO-1009", _SERVICE, date(2026, 11, 16), "Waited three months for a call back that never came.", []),
    ("PHSO-1003", _SERVICE, date(2026, 11, 18), "The caseworker was curt on the phone.", []),
    ("PHSO-1004", _POSITIVE, date(2026, 11, 20), "Thank you for explaining everything so clearly and kindly.", []),
]


def seeded() -> bool:
    """The database is the demo's own: its caseworker, with the demo's address, is there."""
    return User.objects.filter(username="cara", email="cara@redress.example").exists()


# The day the demo's dates were written for. Run on a later day, every date moves on by whole weeks
# (so working days stay working days): something always falls due this week, something is overdue.
WRITTEN_FOR = date(2026, 11, 27)


def moved(value: Any, shift: timedelta) -> Any:
    """The value with every date in it moved on by `shift`."""
    if isinstance(value, date):
        return value + shift
    if isinstance(value, dict):
        return {key: moved(item, shift) for key, item in value.items()}
    if isinstance(value, (list, tuple)):
        return type(value)(moved(item, shift) for item in value)
    return value


def seed(today: date) -> None:
    shift = timedelta(weeks=max(0, (today - WRITTEN_FOR).days // 7))
    with transaction.atomic():
        users = _staff()
    _cases(users, moved(CASES, shift), today)
    for reference, kind, received, said, steps in moved(FEEDBACK, shift):
        case = Case.objects.get(reference=reference)
        owner = case.case_owner
        feedback = log_feedback(owner, case, NewFeedback(kind, received, Channel.EMAIL, f"{case.service_user}: {said}"), today)
        for who, step, inputs in steps:
            actor = owner if who == OWNER else User.objects.get(username=who)
            # The grounds are asked for the day the complaint arrives, before their deadline (para 32).
            take_action(actor, feedback.reference, step, inputs, received if step == "request_grounds" else today)


def _staff() -> dict[str, User]:
    users: dict[str, User] = {}
    # Hashed once for every account, which all share the published demo password: each hash takes
    # the better part of a second on purpose, and seconds on a busy machine.
    password = make_password(DEMO_PASSWORD)
    for username, full_name, role, team_name, manager in STAFF:
        first, last = full_name.split(" ", 1)
        user = User.objects.create(
            username=username, email=f"{username}@redress.example", password=password, first_name=first, last_name=last
        )
        user.groups.add(Group.objects.get(name=role))
        team = Team.objects.get_or_create(name=team_name)[0] if team_name else None
        StaffProfile.objects.create(
            user=user, team=team, line_manager=users.get(manager) if manager else None, job_title=role.label
        )
        users[username] = user
    return users


# The flags of a person (paras 22, 37), set on their record by who may set them.
PERSON_FLAGS = {
    "reviews_go_to_oat_first": ("olive", lambda decided: {"reviews_go_to_oat_first": True}),
    "behaviour_restriction": (
        "sam",
        lambda decided: {"behaviour_restricted_from": decided, "behaviour_restriction_review": decided + timedelta(days=180)},
    ),
}


def _cases(users: dict[str, User], cases: list, today: date) -> None:
    """Each case made by shared services as the case management system has it, its service user
    registered with it; a person's flags then set on their record."""
    for reference, name, organisation, decided, traits in cases:
        traits = dict(traits)
        flags = [PERSON_FLAGS[flag] for flag in list(traits) if flag in PERSON_FLAGS and traits.pop(flag)]
        team = traits.pop("team", "Health Team A")
        values = {
            "reference": reference,
            "organisation": organisation,
            "team": team,
            "case_owner": "otto" if team.endswith("B") else "cara",
            "stage": Stage.PRIMARY,
            "risk": Risk.LOW,
            "decision_date": decided,
            "report_issue_date": decided,
            "closure_reason": ClosureReason.NOT_UPHELD,
            "closed": True,
            **traits,
        }
        first, last = name.lower().split(" ", 1)
        person = {
            "name": name,
            "email": f"{first}.{last}@example.com",
            "address_lines": f"{len(name)} High Street\nNorthtown",
            "postcode": f"NT{len(last)} {len(first)}AB",
            "preferred_channel": "email",
        }
        case = create_case(users["sam"], values, today, service_user=person)
        for who, values_for in flags:
            correct_service_user(users[who], case.service_user.reference, values_for(decided), today)
