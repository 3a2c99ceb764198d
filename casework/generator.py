"""Synthetic feedback at realistic volumes, for the demo and for benchmarks.

This is not casework. `generate` writes rows straight into the tables, a few thousand cases at a
time, each batch in a transaction: with `bulk_create`, or on PostgreSQL with `COPY` (the same
rows, several times faster). It bypasses the use cases in `casework.services`: no audit events,
no letters, no policy checks at write time. It exists so that the insight page has
years of history to show in the demo, and so that `bench/insight.py` can time the insight queries
at PHSO's scale. Never run it on a database that holds real casework.

Every row it makes could have been made by the workflows: each feedback case is walked along a
path its workflow declares (`policy.workflows.registry.WORKFLOWS`), step by step, with dates that
move forward on working days (`casework.generator_paths`). A step that would fall after `today`
has not happened yet, so the feedback stays open where it got to, with the tasks the real actions
would have left open there (some overdue: grounds past their deadline, a time limit not checked).

The mix, and the assumptions behind it (the constants here and in `casework.generator_paths`):

- Volume: PHSO receive roughly 30,000 complaints a year and a few percent of the cases they
  decide lead to feedback, so about 900 feedback cases a year is the real service's volume.
  Received dates are spread evenly over the working days of the last `years` years to `today`;
  most arrive within a fortnight of the decision, 3% more than a month after it (para 2).
- Kinds: about 55% complaints about our decision, 35% complaints about our service, 10% positive
  feedback. About one case in nine draws two pieces of feedback (a complaint about the decision,
  then one about the service); the rest draw one.
- Cases: mostly primary investigations (85%), low risk (80%; 16% medium, 4% high), mostly not
  upheld. A few are joint with the LGSCO, involve an MP, closed as a low-level injustice, or
  carry a behaviour restriction, and their feedback takes the path the guidance gives them.
- Complaints about our decision: late ones (para 2) half not considered; OAT's advice where
  para 26 or 29 asks for it (no review on about a third of high-risk cases); 25% resolved by the
  case owner before grounds are asked for; 10% never send grounds (closed weeks after the
  deadline); grounds name one to three of the review criteria; some arrive late (8% after the
  deadline, and any asked for too near it), two thirds of those set aside, the rest declined. Of
  those considered, 40% are not actionable, 10% resolved, 50% referred to OAT (some after the
  case owner reconsidered or explained). OAT accept 70% of referrals, find the criteria not met
  for 18% and return 12% (which come back once). About 22% of OAT's reviews uphold at least one
  ground: each ground raised has its own finding (`Ground.finding`), and the decision's `upheld` is true
  when any is upheld. Upheld reviews choose a route (remedy 45%, financial remedy 30%, no further
  work 15%, fresh primary investigation 8%, new detailed investigation 2%, approved or not by the
  Ombudsman), carry remedies (payments within their severity level's range in the reference data,
  mostly levels 1 to 3) and at least one learning point; 3% also see a proposal to quash the
  report go through the Legal Team to the Ombudsman.
- Complaints about our service: the manager tries to resolve it first; then 45% resolved, 7%
  closed unresolved, 48% a finding (`ServiceFinding`), 45% of those upheld, with a
  remedy; 5% escalated to the assistant director, 4% with OAT's advice.
- Positive feedback: the manager comments and closes it within a few weeks.
- Learning points link a Service Charter commitment (the reference data table) and a Service
  Model section (`SERVICE_MODEL_SECTIONS`), weighted towards the commitments complaints most often
  touch: keeping people updated, gathering evidence, explaining the decision, timeliness.
- Staff: `teams` casework teams ("Health Team C" onwards), each an operations manager with about
  one caseworker for every 25 feedback cases a year (4 to 40), an assistant director over every
  three teams (the next manager up, para 15), four OAT caseworkers, and one person each for Legal,
  the Ombudsman and shared services (an existing user in that role is reused). Generated staff
  have usernames starting "gen-" and cannot sign in. Existing users and teams of those names are
  reused, so generating again adds feedback without duplicating staff.
- References: cases "GEN-" and feedback "GFB-", numbered on from the highest already there, and
  new cases "GNC-" with the number of the feedback that led to them: none collides with the
  hand-made demo ("PHSO-") or with feedback logged in the app ("FB-").
- Deterministic: the same arguments on an empty database make the same rows (`random.Random(seed)`).
"""

from __future__ import annotations

import itertools
import random
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from decimal import Decimal
from zoneinfo import ZoneInfo

from dateutil.relativedelta import relativedelta
from django.conf import settings
from django.contrib.auth.hashers import make_password
from django.contrib.auth.models import Group, User
from django.db import connection, transaction
from django.db.models import JSONField, Model
from psycopg.types.json import Jsonb

from casework.generator_paths import (
    CHARTER_WEIGHTS,
    GROUND_WEIGHTS,
    OAT_OUTCOMES,
    SEVERITY_WEIGHTS,
    UPHELD_ROUTES,
    Walk,
    build,
)
from casework.models import (
    Approval,
    Case,
    DelegationRule,
    FeedbackCase,
    FollowOnCase,
    LearningPoint,
    Remedy,
    ServiceCharterCommitment,
    SeverityLevel,
    StaffProfile,
    Task,
    Team,
)
from casework.read.facts import deadline_rolls_to_working_day, working_calendar
from casework.reference_defaults import SEVERITY_SCALE
from policy.after_review import DEFAULT_DELEGATION, ApprovalSubject
from policy.facts import Channel, ClosureReason, FeedbackKind, Risk, Role, Stage

CASE_PREFIX, FEEDBACK_PREFIX = "GEN-", "GFB-"
BATCH = 4_000  # cases per transaction
_DECISION, _SERVICE, _POSITIVE = FeedbackKind.DECISION_COMPLAINT, FeedbackKind.SERVICE_COMPLAINT, FeedbackKind.POSITIVE

KIND_MIX = {_DECISION: 0.55, _SERVICE: 0.35, _POSITIVE: 0.10}
SECOND_FEEDBACK = 0.12  # cases with a decision complaint and then a service complaint
STAGES = ((Stage.PRIMARY, 85), (Stage.DETAILED, 15))
RISKS = ((Risk.LOW, 80), (Risk.MEDIUM, 16), (Risk.HIGH, 4))
CLOSURES = (
    (ClosureReason.NOT_UPHELD, 55),
    (ClosureReason.PARTLY_UPHELD, 14),
    (ClosureReason.UPHELD, 9),
    (ClosureReason.NOT_INVESTIGATED, 17),
    (ClosureReason.LOW_LEVEL_INJUSTICE, 3),
    (ClosureReason.WITHDRAWN, 2),
)
CHANNELS = ((Channel.EMAIL, 45), (Channel.WEB_FORM, 25), (Channel.LETTER, 15), (Channel.PHONE, 13), (Channel.IN_PERSON, 2))

FIRST = (
    "Aisha Ben Carys Dan Ellen Femi George Hana Imran Jade Kofi Laura Mo Nadia Owen Pia Quentin Rosa "
    "Sunil Tess Uma Victor Wen Yusuf Zoe Alan Bella Craig Deepa Elliot Fran Gita Harry Ines Jon Kim"
).split()
LAST = (
    "Ahmed Baker Clarke Das Edwards Fox Green Hughes Iqbal Jones Khan Lewis Morgan Nolan Osei Patel Quinn "
    "Roberts Singh Taylor Usman Vaughan Walker Young Zhang Bell Cole Doyle Ellis Ford Gray Hunt"
).split()
PLACES = (
    "Northgate Riverside Eastfield Westbrook Hillside Lakeside Meadow Parkview Greenway Valley Coastal "
    "Midshire Harbour Ashford Brookvale Castleton Elmwood Fairhaven Kingsbridge Oakley"
).split()
ORGANISATIONS = (
    "NHS Foundation Trust",
    "GP Practice",
    "Hospital",
    "Dental Practice",
    "Mental Health Trust",
    "Ambulance Service",
    "Community Health Services",
    "Integrated Care Board",
    "Hospice",
    "Maternity Unit",
)


def generate(
    *, years: int, feedback_per_year: int, seed: int, today: date, teams: int = 6, progress: Callable[[str], None] | None = None
) -> int:
    """Make `years` x `feedback_per_year` feedback cases up to `today`, with their cases, staff,
    tasks, remedies, learning points, approvals and new cases. Returns how many rows it made."""
    rng = random.Random(seed)  # noqa: S311 (synthetic data, not security)
    total = years * feedback_per_year
    with transaction.atomic():
        staff = _staff(rng, teams, per_team=max(4, min(40, round(feedback_per_year / teams / 25))))
    generator = _Generator(rng, today, staff, years)
    sizes = _case_sizes(rng, total)
    dates = sorted(rng.choice(generator.working_days) for _ in sizes)
    rows, done = staff.rows, 0
    for start in range(0, len(sizes), BATCH):
        with transaction.atomic():
            rows += generator.write(zip(sizes[start : start + BATCH], dates[start : start + BATCH], strict=True))
        done += sum(sizes[start : start + BATCH])
        if progress:
            progress(f"{done:,} of {total:,} feedback cases")
    return rows


def _case_sizes(rng: random.Random, total: int) -> list[int]:
    """How many pieces of feedback each case draws: one, or two (decision then service)."""
    sizes: list[int] = []
    while total > 0:
        sizes.append(2 if total >= 2 and rng.random() < SECOND_FEEDBACK else 1)
        total -= sizes[-1]
    return sizes


def _table(pairs) -> tuple[list, list[float]]:
    """Values and their cumulative weights, for `random.choices`."""
    pairs = list(pairs)
    values = [value for value, _ in pairs]
    return values, list(itertools.accumulate(weight for _, weight in pairs))


# Staff --------------------------------------------------------------------------------------------


@dataclass
class _Team:
    team: Team
    manager: User
    caseworkers: list[User]


@dataclass
class _Staff:
    teams: list[_Team]
    users: dict[int, User]  # by id
    line_manager: dict[int, User]  # user id: their line manager
    oat: list[User]
    legal: User
    ombudsman: User
    shared_services: User
    rows: int = 0


def _staff(rng: random.Random, teams: int, per_team: int) -> _Staff:
    """Teams, managers, caseworkers and OAT; existing users, groups and teams of the same names are reused."""
    people: list[tuple[str, Role, str | None, str | None]] = []  # username, role, team name, line manager
    team_names = [f"Health Team {chr(ord('C') + n)}" if n < 24 else f"Casework Team {n + 1}" for n in range(teams)]
    for n, name in enumerate(team_names):
        people.append((f"gen-ad-{n // 3 + 1}", Role.MANAGER, None, None))
        people.append((f"gen-om-{n + 1}", Role.MANAGER, name, f"gen-ad-{n // 3 + 1}"))
        people += [(f"gen-cw-{n + 1}-{k + 1}", Role.CASEWORKER, name, f"gen-om-{n + 1}") for k in range(per_team)]
    people += [(f"gen-oat-{k + 1}", Role.OAT, None, None) for k in range(4)]
    for role in (Role.LEGAL, Role.OMBUDSMAN, Role.SHARED_SERVICES):
        if not User.objects.filter(groups__name=role).exists():
            people.append((f"gen-{role.value.replace('_', '-')}", role, None, None))
    people = list(dict.fromkeys(people))  # an assistant director heads up to three teams
    names = {username: (rng.choice(FIRST), rng.choice(LAST)) for username, *_ in people}  # drawn whatever exists

    existing = {user.username: user for user in User.objects.filter(username__in=names)}
    unusable = make_password(None)
    new_users = [
        User(username=username, first_name=first, last_name=last, email=f"{username}@redress.example", password=unusable)
        for username, (first, last) in names.items()
        if username not in existing
    ]
    User.objects.bulk_create(new_users)
    users = {user.username: user for user in User.objects.filter(username__in=names)}
    groups = {role: Group.objects.get_or_create(name=role)[0] for role in Role}
    memberships = [User.groups.through(user_id=users[username].pk, group_id=groups[role].pk) for username, role, *_ in people]
    User.groups.through.objects.bulk_create(memberships, ignore_conflicts=True)
    team_objects = {name: Team.objects.get_or_create(name=name) for name in team_names}
    new_teams = sum(created for _, created in team_objects.values())
    team_objects = {name: team for name, (team, _) in team_objects.items()}
    with_profile = set(StaffProfile.objects.filter(user__in=users.values()).values_list("user_id", flat=True))
    profiles = [
        StaffProfile(
            user=users[username],
            team=team_objects.get(team) if team else None,
            line_manager=users.get(manager) if manager else None,
            job_title=role.label,
        )
        for username, role, team, manager in people
        if users[username].pk not in with_profile
    ]
    StaffProfile.objects.bulk_create(profiles)
    line_manager = {
        profile.user_id: profile.line_manager
        for profile in StaffProfile.objects.filter(user__in=users.values()).select_related("line_manager")
    }

    def someone(role: Role) -> User:
        return User.objects.filter(groups__name=role).order_by("username").first()

    return _Staff(
        teams=[
            _Team(team_objects[name], users[f"gen-om-{n + 1}"], [users[f"gen-cw-{n + 1}-{k + 1}"] for k in range(per_team)])
            for n, name in enumerate(team_names)
        ],
        users={user.pk: user for user in users.values()},
        line_manager={user_id: manager for user_id, manager in line_manager.items() if manager},
        oat=[users[f"gen-oat-{k + 1}"] for k in range(4)],
        legal=someone(Role.LEGAL),
        ombudsman=someone(Role.OMBUDSMAN),
        shared_services=someone(Role.SHARED_SERVICES),
        rows=len(new_users) + len(profiles) + new_teams,
    )


# Feedback -----------------------------------------------------------------------------------------


@dataclass
class _Rows:
    cases: list[Case] = field(default_factory=list)
    feedback: list[FeedbackCase] = field(default_factory=list)
    tasks: list[Task] = field(default_factory=list)
    remedies: list[Remedy] = field(default_factory=list)
    learning: list[LearningPoint] = field(default_factory=list)
    approvals: list[Approval] = field(default_factory=list)
    follow_ons: list[FollowOnCase] = field(default_factory=list)
    records: list[Model] = field(default_factory=list)  # the typed records of the feedback, parents first

    def save(self) -> int:
        """Parents first, so that each row's foreign keys can take their ids."""
        for model, objects in (
            (Case, self.cases),
            (FeedbackCase, self.feedback),
            (Task, self.tasks),
            (Remedy, self.remedies),
            (LearningPoint, self.learning),
            (Approval, self.approvals),
            (FollowOnCase, self.follow_ons),
            *self.records_by_model().items(),
        ):
            if connection.vendor == "postgresql":
                _copy(model, objects)
            else:
                model.objects.bulk_create(objects, batch_size=2_000)
        return sum(map(len, vars(self).values()))

    def records_by_model(self) -> dict[type[Model], list[Model]]:
        """The typed records grouped by model, in the order each model first appears: a parent's
        model (the grounds) always appears before its children's (each ground)."""
        grouped: dict[type[Model], list[Model]] = {}
        for record in self.records:
            grouped.setdefault(type(record), []).append(record)
        return grouped


def _copy(model, objects: list) -> None:
    """What `bulk_create` does, with PostgreSQL's COPY: ids taken from the table's sequence, then
    the rows streamed in one statement. Five times faster than INSERT for benchmark volumes."""
    if not objects:
        return
    table, fields = model._meta.db_table, model._meta.concrete_fields
    with connection.cursor() as cursor:
        cursor.execute("SELECT nextval(pg_get_serial_sequence(%s, 'id')) FROM generate_series(1, %s)", [table, len(objects)])
        for obj, (pk,) in zip(objects, cursor.fetchall(), strict=True):
            obj.pk = pk
        related = [f for f in fields if f.is_relation]
        names = [f.attname for f in fields]
        json = {f.attname for f in fields if isinstance(f, JSONField)}
        columns = ", ".join(connection.ops.quote_name(f.column) for f in fields)
        with cursor.cursor.copy(f"COPY {connection.ops.quote_name(table)} ({columns}) FROM STDIN") as copy:
            for obj in objects:
                for f in related:  # a parent made in this batch has its id only now
                    parent = f.get_cached_value(obj, None)
                    if parent is not None:
                        setattr(obj, f.attname, parent.pk)
                values = obj.__dict__
                copy.write_row(
                    [Jsonb(values[name]) if name in json and values[name] is not None else values[name] for name in names]
                )


class _Generator:
    def __init__(self, rng: random.Random, today: date, staff: _Staff, years: int) -> None:
        self.rng, self.today, self.staff = rng, today, staff
        self.calendar = working_calendar()
        self._working: dict[date, date] = {}
        self.rolls = deadline_rolls_to_working_day()
        start = today - relativedelta(years=years) + timedelta(days=1)
        self.working_days = [start + timedelta(days=n) for n in range((today - start).days + 1)]
        self.working_days = [day for day in self.working_days if self.calendar.is_working_day(day)]
        self.zone = ZoneInfo(settings.TIME_ZONE)
        self.tables = {
            name: _table(pairs)
            for name, pairs in (
                ("stage", STAGES),
                ("risk", RISKS),
                ("closure", CLOSURES),
                ("channel", CHANNELS),
                ("oat", OAT_OUTCOMES),
                ("route", UPHELD_ROUTES),
                ("ground", GROUND_WEIGHTS.items()),
            )
        }
        levels = list(SeverityLevel.objects.values_list("level", "minimum_payment", "maximum_payment"))
        self.severity = {level: (Decimal(low), Decimal(high)) for level, low, high in levels} or {
            level: (Decimal(low), Decimal(high)) for level, _, low, high, _ in SEVERITY_SCALE
        }
        self.tables["severity"] = _table((level, SEVERITY_WEIGHTS.get(level, 1)) for level in sorted(self.severity))
        commitments = dict(ServiceCharterCommitment.objects.values_list("number", "id"))
        self.tables["charter"] = _table((pk, CHARTER_WEIGHTS.get(number, 1)) for number, pk in sorted(commitments.items()))
        self.approver = {subject: DEFAULT_DELEGATION[subject] for subject in ApprovalSubject}
        self.approver.update({ApprovalSubject(s): Role(r) for s, r in DelegationRule.objects.values_list("subject", "role")})
        single = 1 - 2 * SECOND_FEEDBACK / (1 + SECOND_FEEDBACK)  # share of feedback on one-feedback cases
        pair = SECOND_FEEDBACK / (1 + SECOND_FEEDBACK)
        self.tables["kind"] = _table(
            (kind, max(0.0, share - (pair if kind != _POSITIVE else 0)) / single) for kind, share in KIND_MIX.items()
        )
        self.case_number = _last_number(Case, CASE_PREFIX)
        self.feedback_number = _last_number(FeedbackCase, FEEDBACK_PREFIX)

    def next_feedback_reference(self) -> str:
        self.feedback_number += 1
        return f"{FEEDBACK_PREFIX}{self.feedback_number:07d}"

    # -- small helpers

    def pick(self, table: str):
        values, cumulative = self.tables[table]
        return self.rng.choices(values, cum_weights=cumulative)[0]

    def chance(self, p: float) -> bool:
        return self.rng.random() < p

    def working(self, day: date) -> date:
        """The day, or the next working day after it (remembered: the calendar is slow to ask)."""
        found = self._working.get(day)
        if found is None:
            found = self._working[day] = self.calendar.on_or_next_working_day(day)
        return found

    def at(self, day: date) -> datetime:
        """A moment in the working day."""
        return datetime.combine(day, time(9 + self.rng.randrange(8), self.rng.randrange(60)), tzinfo=self.zone)

    # -- cases

    def write(self, plans) -> int:
        rows = _Rows()
        for size, received in plans:
            case = self.case(received)
            rows.cases.append(case)
            kinds = [_DECISION, _SERVICE] if size == 2 else [self.pick("kind")]
            for n, kind in enumerate(kinds):
                on = received if n == 0 else min(self.today, self.working(received + timedelta(days=self.rng.randint(0, 7))))
                Walk(self, rows, case, kind, on).walk()
        return rows.save()

    def case(self, received: date) -> Case:
        team = self.rng.choice(self.staff.teams)
        self.case_number += 1
        stage, risk = self.pick("stage"), self.pick("risk")
        # Most feedback comes within a fortnight of the decision; 3% more than a month after it (para 2).
        lag = 1 + min(27, int(self.rng.expovariate(1 / 8))) if not self.chance(0.03) else self.rng.randint(35, 90)
        decided = received - timedelta(days=lag)
        first, last = self.rng.choice(FIRST), self.rng.choice(LAST)
        return build(
            Case,
            {},
            reference=f"{CASE_PREFIX}{self.case_number:07d}",
            service_user=f"{first} {last}",
            organisation=f"{self.rng.choice(PLACES)} {self.rng.choice(ORGANISATIONS)}",
            team_id=team.team.pk,
            case_owner_id=self.rng.choice(team.caseworkers).pk,
            manager_id=team.manager.pk,
            stage=stage,
            risk=risk,
            supervised=self.chance(0.4 if stage == Stage.DETAILED else 0.1),
            decision_date=decided,
            report_issue_date=decided,
            closed=True,
            closure_reason=self.pick("closure"),
            joint_with_lgsco=self.chance(0.02),
            mp_involved=self.chance(0.05),
            reviews_go_to_oat_first=self.chance(0.01),
            behaviour_restriction=self.chance(0.01),
        )


def _last_number(model, prefix: str) -> int:
    last = model.objects.filter(reference__startswith=prefix).order_by("-reference").values_list("reference", flat=True).first()
    return int(last.removeprefix(prefix)) if last else 0
