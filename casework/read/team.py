"""A manager's team view: each person's open work, overdue first, and the team's totals.

The team is the people in the manager's team (StaffProfile.team) and anyone who reports to them.
Each person's work is what they hold (casework.read.work), so the lists agree with My work.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.contrib.auth import get_user_model
from django.db.models import Q

from casework.models import Case, FeedbackCase
from casework.models.staff import roles_of, team_of
from casework.read.work import WorkItem, could_hold, items, open_states
from policy.facts import Role


@dataclass(frozen=True)
class Totals:
    open: int
    overdue: int
    due_this_week: int

    @classmethod
    def of(cls, work: list[WorkItem]) -> Totals:
        return cls(len(work), sum(item.overdue for item in work), sum(item.due_this_week for item in work))


@dataclass(frozen=True)
class PersonWork:
    person: object
    work: list[WorkItem]

    @property
    def totals(self) -> Totals:
        return Totals.of(self.work)


@dataclass(frozen=True)
class TeamWork:
    people: list[PersonWork]

    @property
    def totals(self) -> Totals:
        return Totals.of([item for person in self.people for item in person.work])


def manages_a_team(user) -> bool:
    return Role.MANAGER in roles_of(user)


def team_members(manager) -> list:
    team = team_of(manager)
    in_team = Q(profile__team=team) if team is not None else Q(pk__in=[])
    people = get_user_model().objects.filter(in_team | Q(profile__line_manager=manager), is_active=True)
    return list(people.exclude(pk=manager.pk).distinct().order_by("first_name", "last_name", "username"))


def team_work(manager, today: date) -> TeamWork:
    """Each member's open work, overdue first; the members with the most overdue come first."""
    members = team_members(manager)
    held: dict[int, list[WorkItem]] = {person.pk: [] for person in members}
    for item in items(FeedbackCase.objects.filter(pk__in=could_hold(members)), today):
        if item.person is not None and item.person.pk in held:
            held[item.person.pk].append(item)
    people = [PersonWork(person, held[person.pk]) for person in members]
    people.sort(key=lambda person: (-person.totals.overdue, -person.totals.open))
    return TeamWork(people)


def reassignable_cases(manager) -> list[Case]:
    """The team's cases with open feedback, which a manager may give to another case owner."""
    team = team_of(manager)
    mine = Q(team=team) if team is not None else Q(manager=manager)
    open_feedback = FeedbackCase.objects.filter(open_states()).values("case_id")
    cases = Case.objects.filter(mine, pk__in=open_feedback).select_related("case_owner")
    return list(cases.order_by("case_owner__first_name", "reference"))
