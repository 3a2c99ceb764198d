"""What an action does to the feedback's typed records, for its audit event, read as little as can be.

The watch sees the action's statements: a table of typed records written to is read just before its
first write (unless the load already read it), and again at the end, unless every write to it was
told to the watch with the rows it wrote (`create_record`, `update_record`, `replace_records`):
then the rows as they are now are known without reading them. A write it was not told of, or one
it cannot see the rows of, is read back as before.

    with RecordWatch(feedback) as watch:
        ...  # the effect
    before, after = watch.records()
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from decimal import Decimal
from typing import Any

from django.db import connection
from django.db.models import DecimalField, Model
from django.utils import timezone

from casework.models import (
    AmendedReport,
    Approval,
    ChallengeAnalysis,
    ChallengeAnswers,
    FeedbackCase,
    FollowOnCase,
    Ground,
    Grounds,
    LearningPoint,
    NewInvestigationProposal,
    PartyComment,
    QuashProposal,
    Referral,
    Remedy,
    ReviewDecision,
    RiskAssessment,
    ServiceFinding,
    Task,
)
from casework.read.facts import ONE_TO_ONE_RECORDS, is_loaded, record_of

# The typed records an action may create or change, each with the path from it to its feedback case.
TYPED_RECORDS: tuple[tuple[type[Model], str], ...] = (
    (Grounds, "feedback_case"),
    (Ground, "grounds__feedback_case"),
    (ChallengeAnswers, "feedback_case"),
    (ChallengeAnalysis, "feedback_case"),
    (Referral, "feedback_case"),
    (ReviewDecision, "feedback_case"),
    (RiskAssessment, "feedback_case"),
    (ServiceFinding, "feedback_case"),
    (NewInvestigationProposal, "feedback_case"),
    (PartyComment, "proposal__feedback_case"),
    (QuashProposal, "feedback_case"),
    (Remedy, "feedback_case"),
    (LearningPoint, "feedback_case"),
    (Approval, "feedback_case"),
    (FollowOnCase, "feedback_case"),
    (AmendedReport, "feedback_case"),
)
_PATHS = dict(TYPED_RECORDS)

# Writes to a typed record's table, as Django words them: the table is the first quoted name.
_WRITE = re.compile(r'\s*(?:INSERT\s+INTO|UPDATE|DELETE\s+FROM)\s+"(\w+)"', re.IGNORECASE)
_BY_TABLE = {model._meta.db_table: model for model, _ in TYPED_RECORDS}
_TASKS = Task._meta.db_table
_QUOTED_TASKS = f'"{_TASKS}"'

_watching: ContextVar[RecordWatch | None] = ContextVar("record_watch", default=None)


class RecordWatch:
    def __init__(self, feedback: FeedbackCase) -> None:
        self.feedback = feedback
        self.opened_tasks: list[Task] = []  # the tasks opened: only they are told to whoever they reach
        self._before: dict[type[Model], dict[str, dict]] = {}
        self._now: dict[type[Model], dict[str, dict]] = {}  # the rows as told, over those before
        self._unseen: set[type[Model]] = set()  # written without the rows being told: read again
        self.tasks_unseen = False  # a task was opened some other way: read the tasks opened
        self._closing: set[str] | None = set()  # the codes of the tasks to close; None: every one
        self._closed_by: Any = None
        self._telling = 0
        self._loaded = _loaded_rows(feedback)
        self._wrapper: Any = None
        self._token: Any = None

    def __enter__(self) -> RecordWatch:
        self._wrapper = connection.execute_wrapper(self)
        self._wrapper.__enter__()
        self._token = _watching.set(self)
        return self

    def __exit__(self, *raised) -> None:
        try:
            if raised[0] is None:
                self.close_tasks_now()
        finally:
            _watching.reset(self._token)
            self._wrapper.__exit__(*raised)

    def __call__(self, execute, sql, params, many, context):
        if self._closing != set() and _QUOTED_TASKS in sql:  # what reads or writes tasks sees them closed
            self.close_tasks_now()
        written = _WRITE.match(sql)
        if written and written[1] == _TASKS and not self._telling and sql.lstrip()[:6].upper() == "INSERT":
            self.tasks_unseen = True
        if written and written[1] in _BY_TABLE:
            model = _BY_TABLE[written[1]]
            self._read_before(model)
            if not self._telling:
                self._unseen.add(model)
        return execute(sql, params, many, context)

    def close_tasks(self, codes: tuple[str, ...], by) -> None:
        """Close these open tasks (every one, with no code) with the action's next task write, or at its end."""
        if self._closing is not None:
            self._closing = self._closing | set(codes) if codes else None
        self._closed_by = by

    def close_tasks_now(self) -> None:
        """The tasks to close, closed in one statement, before a task is opened or the action ends."""
        closing, self._closing = self._closing, set()
        if closing != set():
            _close(self.feedback, None if closing is None else sorted(closing), self._closed_by)
            for task in self.opened_tasks:
                if closing is None or task.code in closing:
                    task.status = Task.Status.DONE

    def rows_of(self, model: type[Model]) -> list[Model]:
        """This feedback's records of a kind, as they are before the action writes to them (read
        once: the same rows are what the audit event says they were)."""
        rows = list(model.objects.filter(**{_PATHS[model]: self.feedback}).order_by("pk"))
        self._before.setdefault(model, {_key(row): _row(row) for row in rows})
        return rows

    def records(self) -> tuple[dict[str, dict], dict[str, dict]]:
        """Every row, keyed "Model id", of each kind written to: as it was before and as it is now."""
        before: dict[str, dict] = {}
        after: dict[str, dict] = {}
        for model, rows in self._before.items():
            before |= rows
            after |= _rows(self.feedback, model) if model in self._unseen else self._now.get(model, rows)
        return before, after

    def _read_before(self, model: type[Model]) -> None:
        if model not in self._before:
            loaded = self._loaded.get(model)
            self._before[model] = loaded if loaded is not None else _rows(self.feedback, model)

    def _told(self, model: type[Model], rows: Iterable[Model], *, every: bool) -> None:
        now = {} if every else dict(self._now.get(model, self._before.get(model, {})))
        self._now[model] = now | {_key(row): _row(row) for row in rows}


@contextmanager
def _telling(model: type[Model]) -> Iterator[RecordWatch | None]:
    """The writes within are told to the watch, if one is watching, with the rows they wrote."""
    watch = _watching.get()
    if watch is None:
        yield None
        return
    watch._read_before(model)
    watch._telling += 1
    try:
        yield watch
    finally:
        watch._telling -= 1


def records_of(feedback: FeedbackCase, model: type[Model]) -> list[Any]:
    """The feedback's records of a kind, oldest first: while an action on it is watched, read once,
    as the audit event's rows before."""
    watch = _watching.get()
    if watch is not None and watch.feedback.pk == feedback.pk:
        return watch.rows_of(model)
    return list(model.objects.filter(**{_PATHS[model]: feedback}).order_by("pk"))


@contextmanager
def opening_task() -> Iterator[RecordWatch | None]:
    """A task opened within is told to the watch (the tasks to close are closed first: see __call__)."""
    watch = _watching.get()
    if watch is None:
        yield None
        return
    watch._telling += 1
    try:
        yield watch
    finally:
        watch._telling -= 1


def _close(feedback: FeedbackCase, codes: list[str] | None, by) -> None:
    tasks = Task.objects.filter(feedback_case=feedback, status=Task.Status.OPEN)
    if codes is not None:
        tasks = tasks.filter(code__in=codes)
    tasks.update(status=Task.Status.DONE, closed_by=by, closed_at=timezone.now())


def close_tasks(feedback: FeedbackCase, *codes: str, by) -> None:
    """Close the open tasks with these codes, or every open task when no code is given: while an
    action is watched, together with any others it closes, in one statement."""
    watch = _watching.get()
    if watch is not None and watch.feedback.pk == feedback.pk:
        watch.close_tasks(codes, by)
    else:
        _close(feedback, list(codes) if codes else None, by)


def create_record(model: type[Model], **values: Any) -> Any:
    """A typed record made, its row told to the watch."""
    with _telling(model) as watch:
        record = model.objects.create(**values)
    if watch is not None:
        watch._told(model, [record], every=False)
    return record


def update_record(record: Model, *fields: str) -> None:
    """A typed record, read whole, saved with these fields changed; its row told to the watch."""
    model = type(record)
    with _telling(model) as watch:
        record.save(update_fields=list(fields))
    if watch is not None:
        watch._told(model, [record], every=False)


def update_records(model: type[Model], records: list[Model], fields: list[str]) -> None:
    """Typed records, each read whole, saved with these fields changed, in one statement; told to the watch."""
    with _telling(model) as watch:
        model.objects.bulk_update(records, fields)
    if watch is not None:
        watch._told(model, records, every=False)


def replace_records(model: type[Model], old, new: list[Model]) -> list[Model]:
    """Every record of a kind on the feedback (`old`, a query of them; None when there are none)
    replaced by `new`."""
    with _telling(model) as watch:
        if old is not None:
            old.delete()
        made = model.objects.bulk_create(new)
    if watch is not None:
        watch._told(model, made, every=True)
    return made


def _key(record: Model) -> str:
    return f"{type(record).__name__} {record.pk}"


def _row(record: Model) -> dict[str, Any]:
    """A record's columns as they read back from the database."""
    return {field.attname: _as_read(field, getattr(record, field.attname)) for field in record._meta.concrete_fields}


def _as_read(field, value):
    if isinstance(field, DecimalField) and value is not None:
        return Decimal(value).quantize(Decimal(1).scaleb(-field.decimal_places))
    return value


# The kinds of record the facts count, by what they call the count: none counted, none to read.
_COUNTED = {
    Remedy: "remedy_count",
    LearningPoint: "learning_point_count",
    RiskAssessment: "risk_assessed",
    Referral: "has_referral",
}


# The kinds of record that belong to a one-to-one record: none while it is not made.
_OWNED = {Ground: "grounds", PartyComment: "new_investigation"}


def _loaded_rows(feedback: FeedbackCase) -> dict[type[Model], dict[str, dict]]:
    """The typed records the feedback was loaded with (`with_facts`), as they were before the action:
    its one-to-one records, joined, and none of each kind the facts counted none of."""
    if not is_loaded(feedback):
        return {}
    rows: dict[type[Model], dict[str, dict]] = {}
    for name in ONE_TO_ONE_RECORDS:
        model = FeedbackCase._meta.get_field(name).related_model
        record = record_of(feedback, name)
        columns = (field.attname for field in model._meta.concrete_fields)
        rows[model] = {} if record is None else {f"{model.__name__} {record.pk}": {c: getattr(record, c) for c in columns}}
    rows |= {model: {} for model, count in _COUNTED.items() if not getattr(feedback, count)}
    rows |= {model: {} for model, owner in _OWNED.items() if record_of(feedback, owner) is None}
    return rows


def _rows(feedback: FeedbackCase, model: type[Model]) -> dict[str, dict]:
    columns = [field.attname for field in model._meta.concrete_fields]
    return {
        f"{model.__name__} {row['id']}": row
        for row in model.objects.filter(**{_PATHS[model]: feedback}).order_by("pk").values(*columns)
    }
