"""Journeys for the data generator: a case's feedback walked along its declared workflow, for real.

Part of `casework.generator` (whose docstring states the assumptions). A journey logs each piece of
feedback with `log_feedback` and moves it on with `take_action`, one action at a time. At each step
it asks the declaration which actions are open now to the people on the case (`options`), picks
one at random and answers the action's declared fields (choices, dates, yes or no, text), letting
`validate` say which answer to change. Nothing here knows a path, a state or an action by name: a
change to the declaration or to an effect changes the generated data with it.

After each step the journey keeps the rows the case then has (`Snapshot`): the case, its feedback
and every row hanging off a feedback case (tasks, letters, remedies, learning, approvals, new
cases, and whatever records the effects make), found from the models' relations rather than
named. The generator stamps out copies of a journey as it stood on a given day. The times the use
cases take from the clock are moved to the journey's days here, so that a journey is the same
whenever it is run.
"""

from __future__ import annotations

import bisect
import heapq
import math
import random
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from datetime import date, datetime, time, timedelta
from typing import Any

from django.contrib.auth.models import User
from django.db import connection, models, transaction
from django.utils import timezone

from casework.models import Case, Event, FeedbackCase, Letter, Notification, OutgoingEmail
from casework.read import access
from casework.read.facts import feedback_facts
from casework.services.errors import Refused
from casework.services.feedback import NewFeedback, log_feedback, take_action
from policy.workflows import Action, Field, FieldKind, options, validate
from policy.workflows.registry import workflow_for

MAX_STEPS = 25  # per piece of feedback: a walk that goes round in circles stops, open
RECORDING_REPEATS = 1  # an action that records without moving the state, once on each piece of feedback
# An action no earlier journey has taken is this much likelier, so that a few dozen journeys between
# them reach the rarer paragraphs (new investigations, approvals, quashing) at least once.
NOVELTY = 4
ATTEMPTS = 12  # answers tried for one action before it is passed over

# What people write in a few free-text fields, where any text would pass but would read oddly.
# Everything else is answered from its declared kind.
# Service Charter commitment number: weight. Most learning is about keeping people updated (4),
# gathering the evidence (8), explaining the decision (11) and giving it as soon as we can (13).
CHARTER_WEIGHTS = (2, 5, 1, 12, 8, 5, 2, 14, 7, 3, 14, 8, 12, 4, 1, 1, 4, 1)
WRITTEN = (
    "Spoke to the service user and explained what happens next.",
    "Looked again at the file and the evidence sent with the complaint.",
    "The records show the letter was not answered for several weeks.",
    "Set out in the note on the file, with the evidence considered.",
    "Agreed with the manager after a discussion of the case.",
    "The service user was not updated for several months.",
    "The decision letter did not explain how we reached the decision.",
    "A clear explanation that answered the service user's concerns.",
)


def _commitment(rng: random.Random) -> str:
    return str(rng.choices(range(1, len(CHARTER_WEIGHTS) + 1), weights=CHARTER_WEIGHTS)[0])


SAMPLES = {
    "charter_commitment": _commitment,
}


# Which rows belong to a case -------------------------------------------------------------------


@dataclass(frozen=True)
class Related:
    """A model whose rows hang off a feedback case, through `link` (a foreign key to `parent`)."""

    model: type[models.Model]
    link: str
    parent: type[models.Model]


def related_models() -> list[Related]:
    """Every model whose rows hang off a feedback case, directly or through another such row, parents
    first. Not the audit trail: each event is hash-chained to the one before, so it cannot be copied;
    nor the notices to staff and the email sent, each one of a kind (a key, a Message-ID) and never history."""
    found: list[Related] = []
    queue: list[type[models.Model]] = [FeedbackCase]
    seen = {Case, FeedbackCase, Event, Notification, OutgoingEmail}
    while queue:
        parent = queue.pop(0)
        for relation in parent._meta.related_objects:
            child = relation.related_model
            if (relation.one_to_many or relation.one_to_one) and child not in seen:
                seen.add(child)
                found.append(Related(child, relation.field.name, parent))
                queue.append(child)
    return found


Rows = dict[type[models.Model], list[dict[str, Any]]]


@dataclass
class Snapshot:
    """The rows of a journey's case after a step, and the day of that step."""

    day: date
    rows: Rows


# The clock -------------------------------------------------------------------------------------


class Clock:
    """Moves the moments the use cases read from the clock to the journey's days: each step runs in
    a window of real time; a moment in step n's window becomes a time on step n's day, in order."""

    def __init__(self, rng: random.Random) -> None:
        self.rng = rng
        self.starts: list[datetime] = []
        self.days: list[date] = []
        self.moved: dict[datetime, datetime] = {}

    @contextmanager
    def step(self, day: date) -> Iterator[None]:
        self.starts.append(timezone.now())
        self.days.append(day)
        yield

    def settle(self, moments: list[datetime]) -> None:
        """Place the moments of the last step (seen now, after it) on its day, a second apart."""
        start = self.starts[-1]
        new = sorted({moment for moment in moments if moment >= start and moment not in self.moved})
        opening = datetime.combine(self.days[-1], time(9 + self.rng.randrange(7), self.rng.randrange(60)))
        opening = timezone.make_aware(opening)
        self.moved.update((moment, opening + timedelta(seconds=n)) for n, moment in enumerate(new))

    def move(self, moment: datetime) -> datetime:
        if moment in self.moved:
            return self.moved[moment]
        n = bisect.bisect_right(self.starts, moment) - 1  # never seen: the day of its window
        return timezone.make_aware(datetime.combine(self.days[max(n, 0)], time(9)))


# Answers ---------------------------------------------------------------------------------------


class Answers:
    """Inputs for an action, made from its declared fields, changed until `validate` accepts them."""

    def __init__(self, rng: random.Random, token: str) -> None:
        self.rng, self.token = rng, token

    def value(self, f: Field, attempt: int, day: date, since: date) -> Any:
        rng = self.rng
        if f.name in SAMPLES and attempt == 0:
            return SAMPLES[f.name](rng)
        if f.kind == FieldKind.CHOICE:  # as offered now: some fields offer the reference data's rows
            return rng.choice(f.offered)[0]
        if f.kind == FieldKind.CHOICES:
            offered = [choice for choice, _ in f.offered]
            return rng.sample(offered, k=min(len(offered), rng.choices((1, 2, 3), (60, 30, 10))[0]))
        if f.kind == FieldKind.YES_NO:  # more often yes: most questions ask whether something is so
            return rng.random() < 0.65
        if f.kind == FieldKind.DATE:  # first a day since the last step; then later and later days
            if attempt == 0:
                return since + timedelta(days=rng.randint(0, max(0, (day - since).days)))
            return day + timedelta(days=7 * (attempt - 1))
        if f.kind == FieldKind.TEXT:  # a short answer: a reference, then a number, then an amount
            if attempt == 0:
                return self.token
            if attempt == 1:
                return str(rng.randint(1, 18))
            return str(self.amount())
        return rng.choice(WRITTEN)

    def amount(self) -> int:
        """A sum of money, most of them small: from £25 to £5,000 on a log scale."""
        return round(math.exp(self.rng.uniform(math.log(25), math.log(5_000))) / 25) * 25

    def inputs(self, action: Action, facts, day: date, since: date) -> dict[str, Any] | None:
        attempts: Counter[str] = Counter()
        inputs: dict[str, Any] = {}
        for f in action.fields:  # the required fields; the others when the answers so far ask for them
            if f.required:
                inputs[f.name] = self.value(f, 0, day, since)
        redraws = 0
        for _ in range(ATTEMPTS):
            decision = validate(action, facts, inputs, day)
            if decision.allowed:
                return inputs
            named = [reason.field for reason in decision.reasons if reason.field]
            if not named:
                return None
            for name in dict.fromkeys(named):
                f = action.field(name)
                numbers = [n for n, v in inputs.items() if isinstance(v, str) and v.isdigit() and n != name]
                if name not in inputs and numbers and redraws < 6:
                    redraws += 1  # a number out of range asks for a reason: first try another number
                    for number in numbers:
                        inputs[number] = str(self.amount())
                elif name in inputs and not f.required and attempts[name] >= 3:
                    del inputs[name]
                else:
                    attempts[name] += 1
                    inputs[name] = self.value(f, attempts[name], day, since)
        return None


# The walk --------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Logged:
    """A piece of feedback as it arrives: on `day`, logged by `by`."""

    day: date
    by: User
    new: NewFeedback


@dataclass
class _Walker:
    reference: str
    since: date
    steps: int = 0
    repeats: Counter = field(default_factory=Counter)


class Journey:
    """One case and its feedback, walked step by step until each piece closes, stalls or reaches `until`."""

    def __init__(
        self, rng: random.Random, case: Case, people: list[User], token: str, until: date, calendar, taken: Counter
    ) -> None:
        self.rng, self.case, self.people, self.until, self.calendar = rng, case, people, until, calendar
        self.taken = taken  # actions taken on earlier journeys, by kind of feedback
        self.answers = Answers(rng, token)
        self.clock = Clock(rng)
        self.snapshots: list[Snapshot] = []
        self.related = [(related.model, related.link, related.parent) for related in related_models()]
        self.written: set[str] = set()
        self.raw: Rows = {}  # the last rows read, before their times were moved

    def walk(self, arrivals: list[Logged]) -> list[Snapshot]:
        queue: list[tuple[date, int, Logged | _Walker]] = [(a.day, n, a) for n, a in enumerate(arrivals)]
        heapq.heapify(queue)
        with connection.execute_wrapper(self._note_writes):
            while queue and queue[0][0] <= self.until:
                day, order, item = heapq.heappop(queue)
                with self.clock.step(day):
                    if isinstance(item, Logged):
                        walker: _Walker | None = _Walker(log_feedback(item.by, self.case, item.new, day).reference, day)
                    else:
                        walker = item if self._step(item, day) else None
                if walker is None:  # closed or stalled: nothing happened that day
                    self.clock.starts.pop(), self.clock.days.pop()
                    continue
                walker.since = day
                self._capture(day)
                heapq.heappush(queue, (self._after(day), order + len(arrivals), walker))
        return self.snapshots

    def _after(self, day: date) -> date:
        """The next step: a few working days on, now and then weeks."""
        gap = 1 + min(60, int(self.rng.expovariate(1 / 6)))
        return self.calendar.on_or_next_working_day(day + timedelta(days=gap))

    def _step(self, walker: _Walker, day: date) -> bool:
        """Take one open action on this feedback, if there is one; False when it has closed or stalled."""
        feedback = FeedbackCase.objects.select_related("case").get(reference=walker.reference)
        workflow = workflow_for(feedback.kind)
        if workflow.state(feedback.state).terminal or walker.steps >= MAX_STEPS:
            return False
        candidates = []
        needed = frozenset().union(*(action.roles for action in workflow.actions_from(feedback.state)))
        # The facts are read once a step and told who is asking, as `feedback_facts` would be: only
        # a proposal, which take_action checks again with the facts it reads itself.
        shared = feedback_facts(feedback)
        for person in self.people:
            roles = access.roles_on(person, feedback)
            if not roles & needed:
                continue
            facts = replace(shared, acting_as=person.username, acting_roles=roles)
            for option in options(workflow, facts, roles):
                action = option.action
                recording = action.target is None and not action.becomes
                if option.open and not (recording and walker.repeats[action.name] >= RECORDING_REPEATS):
                    weight = _weight(workflow, action) * (NOVELTY if not self.taken[workflow.kind, action.name] else 1)
                    candidates.append((self.rng.random() ** (1 / weight), action.name, person.pk, action, person, facts))
        for *_, action, person, facts in sorted(candidates, reverse=True):
            inputs = self.answers.inputs(action, facts, day, walker.since)
            if inputs is None:
                continue
            try:
                take_action(person, walker.reference, action.name, inputs, day)
            except Refused:
                continue
            walker.steps += 1
            self.taken[workflow.kind, action.name] += 1
            walker.repeats[action.name] += 1
            return True
        return False

    def _capture(self, day: date) -> None:
        """Keep the rows the case has now. Only the tables the step wrote to are read again."""
        last = self.raw
        rows: Rows = {}
        for model, link, parent in [(Case, "pk", None), (FeedbackCase, "case", None), *self.related]:
            if model in last and model._meta.db_table not in self.written:
                rows[model] = last[model]
                continue
            if parent is None:
                found = model.objects.filter(**{link: self.case.pk})
            else:
                parents = [row["id"] for row in rows.get(parent, [])]
                found = model.objects.filter(**{f"{link}__in": parents}) if parents else model.objects.none()
            rows[model] = list(found.order_by("pk").values())
        self.written.clear()
        self.raw = rows
        self.clock.settle([moment for table in rows.values() for row in table for moment in _moments(row)])
        self.snapshots.append(
            Snapshot(day, {model: [_moved(_as_sent(model, row), self.clock) for row in table] for model, table in rows.items()})
        )

    def _note_writes(self, execute, sql, params, many, context):
        """Remember which tables a statement writes to, so that only those are read again."""
        words = sql.split(None, 3)
        if words and words[0].upper() in ("INSERT", "UPDATE", "DELETE"):
            table = words[2] if words[0].upper() != "UPDATE" else words[1]
            self.written.add(table.strip('"`'))
        return execute(sql, params, many, context)


def _as_sent(model: type[models.Model], row: dict[str, Any]) -> dict[str, Any]:
    """History's letters went out: a draft in a journey is copied as posted the day it was written."""
    if model is not Letter or row["status"] != Letter.Status.DRAFT:
        return row
    written = row["created_at"]
    return {
        **row,
        "status": Letter.Status.POSTED,
        "sent_by_id": row["created_by_id"],
        "sent_at": written,
        "posted_on": written.date(),
    }


def _weight(workflow, action: Action) -> float:
    """How likely an open action is to be taken: moving on most; recording something, or closing,
    less (so that walks go on to the later paragraphs); turning into another kind of feedback rarely."""
    if action.becomes:
        return 0.05
    if action.target is None:
        return 0.5
    return 0.1 if workflow.state(action.target).terminal else 1.0


def _moments(value: Any) -> Iterator[datetime]:
    if isinstance(value, datetime):
        yield value
    elif isinstance(value, dict):
        for item in value.values():
            yield from _moments(item)
    elif isinstance(value, list):
        for item in value:
            yield from _moments(item)


def _moved(value: Any, clock: Clock) -> Any:
    if isinstance(value, datetime):
        return clock.move(value)
    if isinstance(value, dict):
        return {key: _moved(item, clock) for key, item in value.items()}
    if isinstance(value, list):
        return [_moved(item, clock) for item in value]
    return value


@contextmanager
def scratch() -> Iterator[None]:
    """A transaction that is always rolled back, in which the use cases run as they do for real.
    Their own transactions are durable (never nested in another); marked as a test case marks its
    transaction, this one lets them run inside it, each as a savepoint."""
    block = transaction.atomic()
    block._from_testcase = True  # type: ignore[attr-defined]
    with block:
        try:
            yield
        finally:
            transaction.set_rollback(True)
