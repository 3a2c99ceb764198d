"""Who holds open feedback and when it falls due, as SQL expressions built from the declarations.

`casework.read.holders` works these out for one feedback in Python; these are the same rules as
columns, so that lists can be filtered, counted and sorted in the database and only the page shown
is read (a manager's team holds hundreds of items for every ten on the page). The states come from
each workflow's declaration and the periods' days from the TimeLimit rows, as `holding` reads them;
tests/services/test_holding_sql.py checks every holder and period against `holding`.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.db.models import (
    Case,
    CharField,
    DateField,
    Expression,
    F,
    Func,
    IntegerField,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Value,
    When,
)
from django.db.models.functions import Coalesce, NullIf, TruncDate

from casework.models import Approval, Event, FeedbackCase, Referral
from casework.read.holders import period_days, time_limits
from policy.facts import Role
from policy.workflows import State
from policy.workflows.holding import PERIODS, Holder
from policy.workflows.registry import WORKFLOWS

# The holders that are a role's queue, and the role whose queue it is; None: the Delegation Scheme says.
QUEUE_HOLDERS: dict[Holder, Role | None] = {
    Holder.OAT_QUEUE: Role.OAT,
    Holder.OAT_CASEWORKER: Role.OAT,  # a queue item until an OAT caseworker takes it
    Holder.LEGAL: Role.LEGAL,
    Holder.APPROVER: None,
    Holder.SHARED_SERVICES: Role.SHARED_SERVICES,
    Holder.JOINT_WORKING: Role.JOINT_WORKING,
}


def held_in(*holders: Holder) -> Q:
    """Feedback in a state whose declared holder is one of these."""
    found = Q(pk__in=[])
    for workflow in WORKFLOWS.values():
        found |= Q(kind=workflow.kind, state__in=workflow.states_held_by(*holders))
    return found


def with_holder_and_due(feedback: QuerySet[FeedbackCase]) -> QuerySet[FeedbackCase]:
    """The feedback annotated with `held_person` (a user's id), `held_queue` (a role) and `due_on`, as
    `casework.read.work.WorkItem` has them: the person, or else the queue; the case owner's manager when
    neither can be named. Terminal feedback has none of them, so a filter on them keeps only open feedback."""
    declared = feedback.alias(declared_person=_declared_person(), declared_queue=_declared_queue())
    return declared.annotate(
        held_person=Coalesce(
            F("declared_person"),
            ByState(
                [(_states(lambda state: True), Case(When(declared_queue__isnull=True, then=F("case__manager_id"))))],
                IntegerField(),
            ),
            output_field=IntegerField(),
        ),
        held_queue=Case(When(declared_person__isnull=True, then=F("declared_queue")), default=None),
        due_on=due_date(),
    )


def _states(where: Callable[[State], bool]) -> frozenset[tuple[str, str]]:
    """(kind, state) of every open state the declarations say `where` of."""
    return frozenset(
        (workflow.kind.value, state.name)
        for workflow in WORKFLOWS.values()
        for state in workflow.states
        if not state.terminal and where(state)
    )


def _declared_person() -> ByState:
    """The person the state's holder names (holders._holder), or null for a queue."""
    taken_by = Referral.objects.filter(feedback_case=OuterRef("pk")).order_by("-id").values("oat_caseworker")[:1]
    people: dict[tuple[Holder, ...], Any] = {
        (Holder.CASE_OWNER,): F("case__case_owner_id"),
        (Holder.CASE_MANAGER,): F("case__manager_id"),
        (Holder.HANDLING_MANAGER,): Coalesce("handling_manager_id", "case__manager_id"),
        (Holder.OAT_CASEWORKER, Holder.OAT_QUEUE): Subquery(taken_by),
    }
    return ByState(
        [(_states(lambda state, h=holders: state.holder in h), person) for holders, person in people.items()], IntegerField()
    )


def _declared_queue() -> ByState:
    """The role whose queue the state's holder is: the approver's is the one recorded with the proposal (para 72)."""
    pending = Approval.objects.filter(feedback_case=OuterRef("pk"), decided_at__isnull=True).values("approver_role")[:1]
    approver = NullIf(Subquery(pending), Value(""))
    return ByState(
        [
            (_states(lambda state, h=holder: state.holder == h), Value(role.value) if role else approver)
            for holder, role in QUEUE_HOLDERS.items()
        ],
        CharField(),
    )


def due_date() -> ByState:
    """The due date: the date recorded under the period's name, or its days from the day the state was entered."""
    limits = time_limits()
    moved = Event.objects.filter(feedback_case=OuterRef("pk"), after__has_key="state").order_by("-id").values("at")[:1]
    entered_on = Coalesce(TruncDate(Subquery(moved)), F("received_date"))
    counted = [period for period in PERIODS if not period.recorded]
    days = ByState(
        [(_states(lambda state, p=period: state.due == p), Value(period_days(period, limits))) for period in counted],
        IntegerField(),
    )
    recorded = [(_states(lambda state, p=period: state.due == p), F(period.code)) for period in PERIODS if period.recorded]
    return ByState([*recorded, (_states(lambda state: state.due in counted), DaysAfter(entered_on, days))], DateField())


class ByState(Expression):
    """CASE WHEN (kind, state) IN (...) THEN one value WHEN ... END: a value for each group of declared
    states, each value written once, whatever the number of states (a Case of Q objects would cost far more
    to build than to run)."""

    def __init__(self, groups: list[tuple[frozenset[tuple[str, str]], Any]], output_field) -> None:
        super().__init__(output_field=output_field)
        self.groups = [sorted(states) for states, _ in groups]
        self.kind, self.state, self.values = F("kind"), F("state"), [value for _, value in groups]

    def get_source_expressions(self) -> list:
        return [self.kind, self.state, *self.values]

    def set_source_expressions(self, expressions: list) -> None:
        self.kind, self.state, *self.values = expressions

    def as_sql(self, compiler, connection, **extra):
        kind, kind_params = compiler.compile(self.kind)
        state, state_params = compiler.compile(self.state)
        whens, params = [], []
        for states, value in zip(self.groups, self.values, strict=True):
            if not states:
                continue
            value_sql, value_params = compiler.compile(value)
            listed = ", ".join(["(%s, %s)"] * len(states))
            whens.append(f"WHEN ({kind}, {state}) IN ({listed}) THEN {value_sql}")
            params += [*kind_params, *state_params, *(name for pair in states for name in pair), *value_params]
        return (f"CASE {' '.join(whens)} ELSE NULL END" if whens else "NULL"), params


class DaysAfter(Func):
    """A date some whole days after another (the days an expression too), as a date on both databases."""

    arity = 2
    output_field = DateField()

    def as_postgresql(self, compiler, connection, **extra):
        return self.as_sql(compiler, connection, template="(%(expressions)s)", arg_joiner=" + ", **extra)

    def as_sqlite(self, compiler, connection, **extra):
        return self.as_sql(compiler, connection, template="date(%(expressions)s || ' days')", **extra)
