"""A manager's team view: each person's open work, overdue first, and the team's totals.

The team is the people in the manager's team (StaffProfile.team) and anyone who reports to them.
Each person's work is what they hold (casework.read.work), so the lists agree with My work. The
totals are counted and each person's first few items chosen in the database, so the page reads
the same rows however much the team holds.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from django.contrib.auth import get_user_model
from django.db.models import Count, F, Q, Window
from django.db.models.functions import RowNumber

from casework.models import Case, FeedbackCase
from casework.models.staff import roles_of, team_of
from casework.read.holding_sql import with_holder_and_due
from casework.read.work import FIRST, MOST_PRESSING, WorkItem, could_hold, open_states, read_items
from policy.facts import Role


@dataclass(frozen=True)
class Totals:
    open: int = 0
    overdue: int = 0
    due_this_week: int = 0

    def __add__(self, other: Totals) -> Totals:
        return Totals(self.open + other.open, self.overdue + other.overdue, self.due_this_week + other.due_this_week)


@dataclass(frozen=True)
class PersonWork:
    person: object
    work: list[WorkItem]  # the first few, most pressing first
    totals: Totals


@dataclass(frozen=True)
class TeamWork:
    people: list[PersonWork]

    @property
    def totals(self) -> Totals:
        return sum((person.totals for person in self.people), Totals())


def manages_a_team(user) -> bool:
    return Role.MANAGER in roles_of(user)


def team_members(manager) -> list:
    team = team_of(manager)
    in_team = Q(profile__team=team) if team is not None else Q(pk__in=[])
    people = get_user_model().objects.filter(in_team | Q(profile__line_manager=manager), is_active=True)
    return list(people.exclude(pk=manager.pk).distinct().order_by("first_name", "last_name", "username"))


def team_work(manager, today: date, shown: int = FIRST) -> TeamWork:
    """Each member's totals and first `shown` items, overdue first; the members with the most overdue come first.
    One query counts and chooses, each person's counts on each of their rows."""
    members = team_members(manager)
    held = with_holder_and_due(FeedbackCase.objects.filter(pk__in=could_hold(members)))
    week = today + timedelta(days=7)
    theirs = {"partition_by": F("held_person")}
    ranked = held.filter(held_person__in=[person.pk for person in members]).annotate(
        place=Window(RowNumber(), order_by=MOST_PRESSING, **theirs),
        open=Window(Count("pk"), **theirs),
        overdue=Window(Count("pk", filter=Q(due_on__lt=today)), **theirs),
        due_this_week=Window(Count("pk", filter=Q(due_on__gte=today, due_on__lt=week)), **theirs),
    )
    rows = list(
        ranked.filter(place__lte=shown)
        .order_by(*MOST_PRESSING)
        .values_list("pk", "held_person", "open", "overdue", "due_this_week")
    )
    totals = {person: Totals(*counts) for _, person, *counts in rows}
    first: dict[int, list[WorkItem]] = {person.pk: [] for person in members}
    for item in read_items([pk for pk, *_ in rows], today):
        if item.person is not None and item.person.pk in first:  # not moved on since it was chosen
            first[item.person.pk].append(item)
    people = [PersonWork(person, first[person.pk], totals.get(person.pk, Totals())) for person in members]
    people.sort(key=lambda person: (-person.totals.overdue, -person.totals.open))
    return TeamWork(people)


def reassignable_cases(manager) -> list[Case]:
    """The team's cases with open feedback, which a manager may give to another case owner."""
    team = team_of(manager)
    mine = Q(team=team) if team is not None else Q(manager=manager)
    open_feedback = FeedbackCase.objects.filter(open_states()).values("case_id")
    cases = Case.objects.filter(mine, pk__in=open_feedback).select_related("case_owner")
    return list(cases.order_by("case_owner__first_name", "reference"))
