"""Demo data: a team of staff, one for each role, and cases that show each path of the guidance."""

from __future__ import annotations

from datetime import date

from django.contrib.auth.models import Group, User
from django.db import transaction

from casework.models import Case, StaffProfile, Team
from casework.services.feedback import NewFeedback, log_feedback, take_action
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
    ("PHSO-2001", "Liam Moss", "Harbour NHS Trust", date(2026, 10, 16), {"team": "Health Team B"}),
]

_DECISION, _SERVICE, _POSITIVE = FeedbackKind.DECISION_COMPLAINT, FeedbackKind.SERVICE_COMPLAINT, FeedbackKind.POSITIVE

# Feedback already logged: case, kind, date received, what was said, and the steps already taken.
FEEDBACK = [
    ("PHSO-1001", _DECISION, date(2026, 11, 26), "Writes that our decision is wrong.", ["request_grounds"]),
    ("PHSO-1002", _DECISION, date(2026, 2, 10), "Writes that our decision is wrong.", ["request_grounds"]),
    ("PHSO-1003", _DECISION, date(2026, 3, 10), "Writes that our decision is wrong.", ["request_grounds"]),
    ("PHSO-1004", _DECISION, date(2026, 4, 8), "Writes that our decision is wrong.", ["request_grounds"]),
    ("PHSO-1005", _DECISION, date(2026, 11, 2), "Unhappy that we closed the case.", []),
    ("PHSO-1006", _DECISION, date(2026, 11, 9), "Disagrees with the joint decision.", []),
    ("PHSO-2001", _DECISION, date(2026, 11, 3), "Writes that our decision is wrong.", []),
    ("PHSO-1009", _SERVICE, date(2026, 11, 16), "Waited three months for a call back that never came.", []),
    ("PHSO-1003", _SERVICE, date(2026, 11, 18), "The caseworker was curt on the phone.", []),
    ("PHSO-1004", _POSITIVE, date(2026, 11, 20), "Thank you for explaining everything so clearly and kindly.", []),
]


def seeded() -> bool:
    return User.objects.filter(username="cara").exists()


def seed(today: date) -> None:
    with transaction.atomic():
        users = _staff()
        _cases(users)
    for reference, kind, received, said, steps in FEEDBACK:
        case = Case.objects.get(reference=reference)
        owner = case.case_owner
        feedback = log_feedback(owner, case, NewFeedback(kind, received, Channel.EMAIL, f"{case.service_user}: {said}"), today)
        for step in steps:
            take_action(owner, feedback.reference, step, {}, today)


def _staff() -> dict[str, User]:
    users: dict[str, User] = {}
    for username, full_name, role, team_name, manager in STAFF:
        first, last = full_name.split(" ", 1)
        user = User.objects.create_user(username, f"{username}@redress.example", DEMO_PASSWORD, first_name=first, last_name=last)
        user.groups.add(Group.objects.get(name=role))
        team = Team.objects.get_or_create(name=team_name)[0] if team_name else None
        StaffProfile.objects.create(
            user=user, team=team, line_manager=users.get(manager) if manager else None, job_title=role.label
        )
        users[username] = user
    return users


def _cases(users: dict[str, User]) -> None:
    for reference, service_user, organisation, decided, traits in CASES:
        traits = dict(traits)
        team = Team.objects.get(name=traits.pop("team", "Health Team A"))
        owner, manager = (users["otto"], users["bea"]) if team.name.endswith("B") else (users["cara"], users["manny"])
        Case.objects.create(
            reference=reference,
            service_user=service_user,
            organisation=organisation,
            team=team,
            case_owner=owner,
            manager=manager,
            stage=traits.pop("stage", Stage.PRIMARY),
            risk=traits.pop("risk", Risk.LOW),
            decision_date=decided,
            report_issue_date=decided,
            closure_reason=traits.pop("closure_reason", ClosureReason.NOT_UPHELD),
            **traits,
        )
