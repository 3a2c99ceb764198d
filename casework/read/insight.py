"""Insight and learning: what the feedback we received tells us, counted in the database. Read-only.

OAT gather insight and learning from complaints about us (para 4); learning points and good
practice are recorded and fed back to the case owner's line manager (paras 19, 55, 56, Annex A).
Every figure is about the feedback a person may see (`access.feedback_of_visible_cases`), received in the
period, for one team or case owner if asked. Counting is done by the database, a fixed number of
queries whatever the volume, each returning a few hundred grouped rows at most: the medians are
worked out from how many took each number of days.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, fields
from datetime import date, timedelta
from decimal import Decimal

from django.db.models import (
    Case,
    Count,
    DateField,
    F,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Sum,
    Value,
    When,
)
from django.db.models.functions import Coalesce, TruncDate, TruncMonth
from django.db.models.lookups import GreaterThan

from casework.models import Approval, FeedbackCase, Ground, LearningPoint, Referral, Remedy, ReviewDecision, SeverityLevel, Task
from casework.models.staff import roles_of
from casework.read import access
from casework.read.id_list import id_list
from casework.read.months import AddMonths
from policy.facts import FeedbackKind, Role
from policy.learning import LearningKind
from policy.review import GROUND_TYPES, OAT_OUTCOMES, ROUTES
from policy.service_feedback import REMEDY_TYPES, RemedyType
from policy.workflows.registry import WORKFLOWS

# Who may see insight: managers and the people who oversee or lead (para 4).
INSIGHT_ROLES = frozenset({Role.MANAGER, Role.OAT, Role.LEGAL, Role.OMBUDSMAN, Role.DIRECTOR, Role.CHIEF_EXECUTIVE})

# Each kind's column, least serious first: the registry declares the most serious first.
KINDS = tuple((kind, workflow.plural) for kind, workflow in reversed(WORKFLOWS.items()))
LEARNING_COLUMNS = (
    (LearningKind.INDIVIDUAL, "Individual"),
    (LearningKind.ORGANISATIONAL, "Organisational"),
    (LearningKind.GOOD_PRACTICE, "Good practice"),
)
PERCENTILE_DEFINITION = (
    "Medians and 90th percentiles use the nearest-rank method: the median is the number of days within "
    "which at least half were done, the 90th percentile the number within which at least 9 in 10 were done."
)
_DECISION = FeedbackKind.DECISION_COMPLAINT

Number = int | Decimal | None


def may_see_insight(user) -> bool:
    return bool(roles_of(user) & INSIGHT_ROLES)


@dataclass(frozen=True)
class InsightFilter:
    start: date
    end: date
    team_id: int | None = None
    case_owner_id: int | None = None


@dataclass(frozen=True)
class Column:
    heading: str
    unit: str = "count"  # count, days, percent or pounds: how the page shows the value


@dataclass(frozen=True)
class Row:
    label: str
    values: tuple[Number, ...]


@dataclass(frozen=True)
class Table:
    """One figure: the page's chart and table, the CSV and the tests all read it."""

    slug: str
    title: str
    label_heading: str
    columns: tuple[Column, ...]
    rows: tuple[Row, ...]
    note: str = ""

    def as_dict(self) -> dict[str, dict[str, Number]]:
        return {row.label: {c.heading: v for c, v in zip(self.columns, row.values, strict=True)} for row in self.rows}


@dataclass(frozen=True)
class Insight:
    filters: InsightFilter
    volumes: Table
    findings_by_ground: Table
    upheld_rates: Table
    oat_outcomes: Table
    after_upheld: Table
    durations: Table
    open_work: Table
    open_tasks: Table
    late_reviews: Table
    remedies: Table
    financial_redress: Table
    learning_by_commitment: Table
    learning_by_section: Table
    learning_by_team: Table

    @property
    def tables(self) -> tuple[Table, ...]:
        return tuple(getattr(self, f.name) for f in fields(self) if f.name != "filters")

    def table(self, slug: str) -> Table:
        for table in self.tables:
            if table.slug == slug:
                return table
        raise KeyError(slug)


def insight_for(user, filters: InsightFilter, today: date) -> Insight:
    """Every figure over the feedback `user` may see, received from `filters.start` to `filters.end`
    inclusive; open work and the para 71 clock are as at `today`.

    Each source table is read once, grouped as finely as the figures need (a few hundred rows at
    most), with the rules (para 71's included) as conditional counts, and the figures are added up
    from those groups: eleven queries, whatever the volume.
    """
    feedback = _period_feedback(user, filters)
    ids = feedback.values("pk")
    counts, findings = _feedback_counts(feedback), _complaint_counts(feedback, today)
    tasks = list(
        Task.objects.filter(feedback_case__in=ids, status=Task.Status.OPEN)
        .values("feedback_case__kind", "assigned_role")
        .annotate(n=Count("id"), overdue=Count("id", filter=Q(due_date__lt=today)))
    )
    remedies = list(
        Remedy.objects.filter(feedback_case__in=ids)
        .values("remedy_type", "severity_level")
        .annotate(n=Count("id"), total=Sum("amount"))
    )
    return Insight(
        filters,
        volumes=_volumes(counts, filters),
        findings_by_ground=_findings_by_ground(_ground_counts(ids)),
        upheld_rates=_upheld_rates(findings),
        oat_outcomes=_oat_outcomes(ids),
        after_upheld=_after_upheld(findings),
        durations=_durations(feedback, ids),
        open_work=_open_work(counts, tasks, today),
        open_tasks=_open_tasks(tasks, today),
        late_reviews=_late_reviews(findings),
        remedies=_remedies(remedies),
        financial_redress=_financial_redress(remedies),
        **_learning(ids),
    )


def _period_feedback(user, filters: InsightFilter) -> QuerySet:
    """The feedback the figures count: received in the period, that this person may see, of the team
    or case owner asked for.

    Narrowed by who may see what or by a team or owner, it is read once as a list of ids that every
    figure's query is given: a condition on the case would otherwise be tested again by each of them
    (over all the team's cases, a hundred thousand at a million cases, most never complained about)."""
    feedback = FeedbackCase.objects.filter(received_date__gte=filters.start, received_date__lte=filters.end)
    if access.sees_every_case(user) and filters.team_id is None and filters.case_owner_id is None:
        return feedback
    feedback = access.feedback_of_visible_cases(user, feedback)
    if filters.team_id is not None:
        feedback = feedback.filter(case__team_id=filters.team_id)
    if filters.case_owner_id is not None:
        feedback = feedback.filter(case__case_owner_id=filters.case_owner_id)
    return FeedbackCase.objects.filter(pk__in=id_list(feedback.order_by().values_list("pk", flat=True)))


def _total(rows: list[dict], key: str, **match) -> int:
    """Add up `key` over the grouped rows that match: a sum over groups, not over feedback."""
    return sum(row[key] for row in rows if all(row[name] == value for name, value in match.items()))


def nearest_rank(counts: Counter[int], percent: int) -> int | None:
    """The smallest value with at least `percent` per cent of the values at or below it; `counts`
    holds how many times each value occurs."""
    rank = max(1, -(-percent * counts.total() // 100))  # ceiling, in whole numbers
    running = 0
    for value in sorted(counts):
        running += counts[value]
        if running >= rank:
            return value
    return None


def _terminal() -> Q:
    """Feedback in a state its workflow declares terminal."""
    closed = Q(pk__in=[])
    for kind, workflow in WORKFLOWS.items():
        closed |= Q(kind=kind, state__in=[state.name for state in workflow.states if state.terminal])
    return closed


def _months(start: date, end: date) -> list[date]:
    months, month = [], start.replace(day=1)
    while month <= end:
        months.append(month)
        month = (month + timedelta(days=32)).replace(day=1)
    return months


def _feedback_counts(feedback: QuerySet) -> list[dict]:
    """The feedback counted by month received and kind, and how much of it is open."""
    return list(
        feedback.annotate(month=TruncMonth("received_date"))
        .values("month", "kind")
        .annotate(n=Count("id"), open=Count("id", filter=~_terminal()))
    )


def _complaint_counts(feedback: QuerySet, today: date) -> list[dict]:
    """Complaints counted by kind and the route OAT chose, in one pass: how many have a finding
    (OAT's review decision, or the manager's finding on a service complaint), how many were upheld
    and then quashed, and the reviews that passed three months (para 71: `_late_reviews`)."""
    return list(
        feedback.filter(kind__in=[FeedbackKind.SERVICE_COMPLAINT, _DECISION])
        .alias(found_upheld=Coalesce("review_decision__upheld", "service_finding__upheld"), **_review_dates())
        .values("kind", route=F("review_decision__route"))
        .annotate(
            decided=Count("id", filter=Q(found_upheld__isnull=False)),
            upheld=Count("id", filter=Q(found_upheld=True)),
            quashed=Count("id", filter=Q(found_upheld=True, case__report_quashed=True)),
            **_late_review_counts(today),
        )
    )


def _ground_counts(ids: QuerySet) -> list[dict]:
    """The grounds of the reviews OAT decided, counted by type and OAT's finding on each."""
    reviewed = ReviewDecision.objects.filter(feedback_case__in=ids).values("feedback_case_id")
    return list(
        Ground.objects.filter(grounds__feedback_case__in=reviewed).values("ground_type", "finding").annotate(n=Count("id"))
    )


def _volumes(counts: list[dict], filters: InsightFilter) -> Table:
    by_month: dict[tuple[date, str], int] = defaultdict(int)
    for row in counts:
        by_month[row["month"], row["kind"]] += row["n"]
    rows = []
    for month in _months(filters.start, filters.end):
        values = [by_month[month, kind] for kind, _ in KINDS]
        rows.append(Row(f"{month:%B %Y}", (*values, sum(values))))
    columns = (*(Column(label) for _, label in KINDS), Column("Total"))
    return Table("volumes", "Feedback received each month", "Month", columns, tuple(rows))


def _findings_by_ground(grounds: list[dict]) -> Table:
    """Each ground of a review has its own finding, not one blanket "partly upheld" (RULES.md)."""
    return Table(
        "findings-by-ground",
        "Review findings on each ground",
        "Ground",
        (Column("Upheld"), Column("Not upheld")),
        tuple(
            Row(
                label,
                tuple(_total(grounds, "n", ground_type=ground, finding=found) for found in ("upheld", "not_upheld")),
            )
            for ground, label in GROUND_TYPES
        ),
        note="A complaint can raise several grounds; OAT find on each ground separately.",
    )


def _after_upheld(findings: list[dict]) -> Table:
    return Table(
        "after-upheld",
        "What followed an upheld review",
        "Route",
        (Column("Reviews"),),
        (
            *(Row(label, (_total(findings, "upheld", kind=_DECISION, route=route.value),)) for route, label in ROUTES),
            Row("The report was later quashed by the Ombudsman (para 69)", (_total(findings, "quashed", kind=_DECISION),)),
        ),
        note="The route OAT chose for each upheld review (para 51), and the upheld reviews whose report was then quashed.",
    )


def _upheld_rates(findings: list[dict]) -> Table:
    labels = dict(KINDS)
    found = {
        kind: (_total(findings, "decided", kind=kind), _total(findings, "upheld", kind=kind))
        for kind in (FeedbackKind.SERVICE_COMPLAINT, _DECISION)
    }
    rows = [_rate_row(labels[kind], decided, upheld) for kind, (decided, upheld) in found.items()]
    rows.append(_rate_row("All complaints", sum(n for n, _ in found.values()), sum(u for _, u in found.values())))
    return Table(
        "upheld-rates",
        "How many complaints were upheld",
        "Complaints",
        (Column("Decided"), Column("Upheld"), Column("Not upheld"), Column("Upheld rate", "percent")),
        tuple(rows),
        note="Complaints about our service decided by the manager; complaints about our decision decided by OAT on review.",
    )


def _rate_row(label: str, decided: int, upheld: int) -> Row:
    rate = (Decimal(100 * upheld) / decided).quantize(Decimal("0.1")) if decided else None
    return Row(label, (decided, upheld, decided - upheld, rate))


def _oat_outcomes(ids: QuerySet) -> Table:
    """Each referral counts once with its own outcome: a complaint referred twice counts twice (para 46)."""
    counts = list(Referral.objects.filter(feedback_case__in=ids).values("outcome").annotate(n=Count("id")))
    rows = tuple(Row(label, (_total(counts, "n", outcome=outcome.value),)) for outcome, label in OAT_OUTCOMES.items())
    return Table(
        "oat-outcomes", "OAT's outcome on referrals", "Outcome", (Column("Referrals"),), rows, note="The six outcomes of para 48."
    )


def _day_counts(rows: QuerySet, **spans) -> dict[str, Counter[int]]:
    """How many of `rows` took each number of days over each span (`name=(start, end)`, dates):
    grouped by the database, so only the distinct numbers of days come back, however many rows."""
    days = {name: end - start for name, (start, end) in spans.items()}
    counts: dict[str, Counter[int]] = {name: Counter() for name in spans}
    for row in rows.annotate(**days).values(*days).annotate(n=Count("*")).order_by():
        for name in spans:
            if row[name] is not None:
                counts[name][row[name].days] += row["n"]
    return counts


def _durations(feedback: QuerySet, ids: QuerySet) -> Table:
    accepted = Referral.objects.filter(feedback_case=OuterRef("pk")).order_by("-id").values("referred_on")[:1]
    reviews = _day_counts(
        feedback.filter(kind=_DECISION, decided_on__isnull=False),
        received=(F("received_date"), F("decided_on")),
        referred=(Subquery(accepted), F("decided_on")),
    )
    legal = Task.objects.filter(feedback_case__in=ids, assigned_role=Role.LEGAL, status=Task.Status.DONE, closed_at__isnull=False)
    approvals = Approval.objects.filter(feedback_case__in=ids, decided_at__isnull=False)
    stages = (
        ("Received to OAT's review decision", reviews["received"]),
        ("With OAT: referral to review decision", reviews["referred"]),
        # Days in London time: a request at 00:30 on 3 May in London was made on 3 May.
        (
            "With the Legal Team: request to answer",
            _day_counts(legal, days=(TruncDate("created_at"), TruncDate("closed_at")))["days"],
        ),
        (
            "Waiting for approval: proposal to decision",
            _day_counts(approvals, days=(TruncDate("proposed_at"), TruncDate("decided_at")))["days"],
        ),
    )
    return Table(
        "durations",
        "How long each stage takes, in days",
        "Stage",
        (Column("Number"), Column("Median", "days"), Column("90th percentile", "days")),
        tuple(Row(label, (days.total(), nearest_rank(days, 50), nearest_rank(days, 90))) for label, days in stages),
        note="Only finished stages are counted: reviews OAT decided, Legal tasks done, approvals decided. "
        + PERCENTILE_DEFINITION,
    )


def _open_work(counts: list[dict], tasks: list[dict], today: date) -> Table:
    rows = tuple(
        Row(
            label,
            (
                _total(counts, "open", kind=kind),
                _total(tasks, "n", feedback_case__kind=kind),
                _total(tasks, "overdue", feedback_case__kind=kind),
            ),
        )
        for kind, label in KINDS
    )
    return Table(
        "open-work",
        "Work open now",
        "Feedback",
        (Column("Feedback open"), Column("Tasks open"), Column("Tasks overdue")),
        rows,
        note=f"As at {today:%-d %B %Y}. A task is overdue when its due date has passed.",
    )


def _open_tasks(tasks: list[dict], today: date) -> Table:
    roles = {row["assigned_role"] for row in tasks}
    rows = tuple(
        Row(
            role.label[0].upper() + role.label[1:],
            (_total(tasks, "n", assigned_role=role), _total(tasks, "overdue", assigned_role=role)),
        )
        for role in Role
        if role in roles
    )
    return Table(
        "open-tasks",
        "Open tasks by who they are for",
        "For",
        (Column("Open"), Column("Overdue")),
        rows,
        note=f"As at {today:%-d %B %Y}.",
    )


def _review_dates() -> dict:
    """The dates the para 71 rule reads, for each complaint about our decision.

    The decision is the one complained of (`facts.decision_complained_of`: a case can have
    several, para 20); the day we decided follows `judicial_review.decided_on`: OAT's review
    decision, or the day the complaint closed without one (in London time)."""
    closed = Q(state__in=[state.name for state in WORKFLOWS[_DECISION].states if state.terminal])
    return {
        "complained_of": Coalesce("decision__decided_on", "case__decision_date"),
        "decided_day": Coalesce("decided_on", Case(When(closed, then=TruncDate("updated_at"))), output_field=DateField()),
    }


def _late_review_counts(today: date) -> dict[str, Count]:
    """Para 71, the rule of `judicial_review_clock` as two counts: complaints about our decision
    received on or before `add_months(decision, 1)`, and decided, or still not decided as at
    `today`, after `add_months(received_date, 3)`."""
    asked_in_time = Q(kind=_DECISION, received_date__lte=AddMonths("complained_of", 1))
    return {
        "late_decided": Count("id", filter=asked_in_time & Q(decided_day__gt=AddMonths("received_date", 3))),
        "late_open": Count(
            "id", filter=asked_in_time & Q(decided_day__isnull=True) & Q(GreaterThan(Value(today), AddMonths("received_date", 3)))
        ),
    }


def _late_reviews(findings: list[dict]) -> Table:
    """Para 71: a review asked for within a month of the decision that took us more than three months."""
    return Table(
        "late-reviews",
        "Reviews asked for within one month that passed three months",
        "Reviews",
        (Column("Reviews"),),
        (
            Row("Decided more than three months after they were asked for", (_total(findings, "late_decided"),)),
            Row("Not decided, and more than three months have passed", (_total(findings, "late_open"),)),
        ),
        note="Para 71: we will not usually argue delay against a Judicial Review claim on these.",
    )


def _remedies(remedies: list[dict]) -> Table:
    rows = tuple(Row(label, (_total(remedies, "n", remedy_type=value),)) for value, label in REMEDY_TYPES)
    return Table("remedies", "Remedies offered, by type", "Remedy", (Column("Remedies"),), rows, note="Paras 18 and 58 to 60.")


def _financial_redress(remedies: list[dict]) -> Table:
    found: dict[int | None, tuple[int, Decimal]] = {}
    for row in remedies:
        if row["remedy_type"] == RemedyType.FINANCIAL:
            n, total = found.get(row["severity_level"], (0, Decimal(0)))
            found[row["severity_level"]] = (n + row["n"], total + (row["total"] or 0))
    rows = [
        Row(f"Level {level}: {name}", _payments(*found.pop(level, (0, None))))
        for level, name in SeverityLevel.objects.values_list("level", "name")
    ]
    rows += [
        Row("No level recorded" if level is None else f"Level {level}", _payments(*found[level]))
        for level in sorted(found, key=str)
    ]
    rows.append(Row("All levels", _payments(sum(row.values[0] for row in rows), sum(row.values[1] for row in rows))))
    return Table(
        "financial-redress",
        "Financial redress by severity level",
        "Severity of injustice",
        (Column("Payments"), Column("Total", "pounds")),
        tuple(rows),
        note="The severity of injustice scale (para 60).",
    )


def _payments(n: int, total) -> tuple[int, Decimal]:
    return n, Decimal(total or 0).quantize(Decimal("0.01"))


def _learning(ids: QuerySet) -> dict[str, Table]:
    """Learning points by Service Charter commitment, Service Model section and team (Annex A)."""
    groups = list(
        LearningPoint.objects.filter(feedback_case__in=ids)
        .values(
            "kind",
            "charter_commitment__number",
            "charter_commitment__text",
            "service_model_section__name",
            "feedback_case__case__team__name",
        )
        .annotate(n=Count("id"), fed_back=Count("id", filter=Q(fed_back_at__isnull=False)))
    )
    columns = (*(Column(label) for _, label in LEARNING_COLUMNS), Column("Total"))

    def by(key) -> dict[str, tuple[int, ...]]:
        """Points of each kind, their total and how many were fed back, for each value of `key`."""
        found: dict[str, list[int]] = defaultdict(lambda: [0] * (len(LEARNING_COLUMNS) + 2))
        for row in groups:
            counts = found[key(row)]
            counts[[kind for kind, _ in LEARNING_COLUMNS].index(row["kind"])] += row["n"]
            counts[-2] += row["n"]
            counts[-1] += row["fed_back"]
        return {label: tuple(counts) for label, counts in found.items()}

    commitments = by(lambda row: (row["charter_commitment__number"] or 10**6, _commitment(row)))
    sections = by(lambda row: row["service_model_section__name"] or "")
    teams = by(lambda row: row["feedback_case__case__team__name"])
    return {
        "learning_by_commitment": Table(
            "learning-by-commitment",
            "Learning points by Service Charter commitment",
            "Commitment",
            columns,
            tuple(Row(label, counts[:-1]) for (_, label), counts in sorted(commitments.items())),
        ),
        "learning_by_section": Table(
            "learning-by-section",
            "Learning points by Service Model section",
            "Service Model section",
            columns,
            # the most common first, and the points linked to no section last
            tuple(
                Row(section or "No section linked", counts[:-1])
                for section, counts in sorted(sections.items(), key=lambda item: (-item[1][-2], not item[0], item[0]))
            ),
        ),
        "learning_by_team": Table(
            "learning-by-team",
            "Learning points by team",
            "Team",
            (*columns, Column("Fed back to the line manager")),
            tuple(Row(team, counts) for team, counts in sorted(teams.items())),
            note="Fed back: recorded as fed back to the case owner's line manager (paras 55, 56).",
        ),
    }


def _commitment(row: dict) -> str:
    number = row["charter_commitment__number"]
    return "No commitment linked" if number is None else f"{number}. {row['charter_commitment__text']}"
