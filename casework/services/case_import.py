"""Importing cases from the case management system's CSV file: all of it, or none of it.

The file is read twice, a row at a time, so a large file never sits in memory. The first reading
checks every row and collects every problem (row, column, what is wrong); if there is any, nothing
is written and the report says them all. The second, in one transaction, creates the cases whose
reference is new and updates the ones whose values differ, in batches, each with an audit event on
its own case (before and after, changed fields only), plus one event for the file. A row that
matches its case writes nothing, so importing the same file again changes nothing at all.
"""

from __future__ import annotations

import functools
import hashlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import date
from itertools import islice
from typing import Any, BinaryIO

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import transaction

from casework.imports.columns import Known, case_values, check_row
from casework.imports.csv_file import BadFile, rows
from casework.models import Case, Team
from casework.models.staff import roles_of
from casework.services.audit import record_case_events, record_event
from casework.services.bulk_rows import insert_rows, update_rows
from casework.services.errors import NotFound
from policy.facts import Role

BATCH = 500
MOST_PROBLEMS_KEPT = 1000  # a file of garbage has a problem on every row: the first thousand say enough
Progress = Callable[[str, int, int | None], None]  # (phase, rows done, rows in all if known)


@dataclass(frozen=True)
class Problem:
    row: int | None  # None: the file as a whole
    column: str
    message: str

    def __str__(self) -> str:
        if self.row is None:
            return self.message
        return f"Row {self.row}, {self.column}: {self.message}" if self.column else f"Row {self.row}: {self.message}"


class ImportRefused(Exception):
    """The file has problems; nothing was written. `problems` are the first MOST_PROBLEMS_KEPT."""

    def __init__(self, problems: list[Problem], total: int):
        self.problems = problems
        self.total = total
        super().__init__(f"{total} problem{'s' if total != 1 else ''}: " + "; ".join(str(p) for p in problems[:3]))


@dataclass
class ImportOutcome:
    rows: int = 0
    created: list[str] = field(default_factory=list)
    changed: list[str] = field(default_factory=list)

    @property
    def unchanged(self) -> int:
        return self.rows - len(self.created) - len(self.changed)


def may_import(user) -> bool:
    return Role.SHARED_SERVICES in roles_of(user)


def import_cases(
    actor, binary: BinaryIO, size: int, *, name: str, today: date, progress: Progress | None = None
) -> ImportOutcome:
    """Check every row of the file, then write them all in one transaction; ImportRefused if any is bad.

    `actor` is the person importing (None for the operator's command line); `binary` a seekable file.
    """
    if actor is not None and not may_import(actor):
        raise NotFound("Only shared services import cases")
    report = progress or (lambda phase, done, total: None)
    with transaction.atomic(durable=True):
        known = _known(today)
        total = _check_every_row(binary, size, known, report)
        outcome = ImportOutcome(rows=total)
        written = 0
        for batch in _batches(_checked_rows(binary, size, known), BATCH):
            _write(actor, batch, name, outcome)
            written += len(batch)
            report("writing", written, total)
        if outcome.created or outcome.changed:
            record_event(
                actor,
                "import_cases",
                f"Imported {name}: {len(outcome.created)} cases created, {len(outcome.changed)} changed, {outcome.unchanged} unchanged",
                after={
                    "file": name,
                    "sha256": _sha256(binary),
                    "rows": total,
                    "created": len(outcome.created),
                    "changed": len(outcome.changed),
                    "unchanged": outcome.unchanged,
                },
            )
    return outcome


def _known(today: date) -> Known:
    users = list(get_user_model().objects.values_list("username", "pk", "is_active"))
    return Known(
        teams={name.casefold(): pk for name, pk in Team.objects.values_list("name", "pk")},
        active_users={username: pk for username, pk, active in users if active},
        inactive_users=frozenset(username for username, _, active in users if not active),
        today=today,
    )


def _check_every_row(binary: BinaryIO, size: int, known: Known, report: Progress) -> int:
    problems: list[Problem] = []
    total_problems = 0
    first_row_of: dict[str, int] = {}
    count = 0
    try:
        for count, (row, cells, extra) in enumerate(rows(binary, size, settings.REDRESS_MAX_IMPORT_BYTES), start=1):
            values, bad_cells = check_row(cells, known)
            found = [Problem(row, column, message) for column, message in bad_cells]
            if extra:
                found.append(
                    Problem(row, "", f"it has {extra} more cell{'s' if extra > 1 else ''} than the first row has columns")
                )
            reference = values.get("reference")
            if reference in first_row_of:
                found.append(
                    Problem(
                        row, "reference", f"{reference} is also in row {first_row_of[reference]}: each case must be in one row"
                    )
                )
            elif reference:
                first_row_of[reference] = row
            total_problems += len(found)
            problems.extend(found[: MOST_PROBLEMS_KEPT - len(problems)])
            if count % BATCH == 0:
                report("checking", count, None)
    except BadFile as bad:
        raise ImportRefused([*problems, Problem(None, "", str(bad))], total_problems + 1) from None
    if total_problems:
        raise ImportRefused(problems, total_problems)
    if not count:
        raise ImportRefused([Problem(None, "", "The file has no cases in it: only the row naming the columns")], 1)
    return count


def _checked_rows(binary: BinaryIO, size: int, known: Known) -> Iterator[dict[str, Any]]:
    for _, cells, _ in rows(binary, size, settings.REDRESS_MAX_IMPORT_BYTES):
        values, _ = check_row(cells, known)  # checked already: every row is good
        yield case_values(values)


def _batches(items, size: int):
    iterator = iter(items)
    while batch := list(islice(iterator, size)):
        yield batch


def _write(actor, batch: list[dict[str, Any]], name: str, outcome: ImportOutcome) -> None:
    references = [values["reference"] for values in batch]
    columns = list(batch[0])  # every row of a file has the same columns
    existing = {
        row["reference"]: row for row in Case.objects.select_for_update().filter(reference__in=references).values("pk", *columns)
    }
    new_rows, changes = [], []
    for values in batch:
        current = existing.get(values["reference"])
        if current is None:
            new_rows.append({**_defaults(), **values})
            continue
        before = {column: current[column] for column, value in values.items() if current[column] != value}
        if before:
            changes.append((current["pk"], values["reference"], before, {column: values[column] for column in before}))
    if new_rows:
        fields = list(new_rows[0])
        insert_rows(Case, fields, [[row[field] for field in fields] for row in new_rows])
        created = dict(Case.objects.filter(reference__in=[row["reference"] for row in new_rows]).values_list("reference", "pk"))
        record_case_events(
            actor,
            "import_case",
            [(created[row["reference"]], f"Created from {name}", {}, {"imported_from": name}) for row in new_rows],
            new_cases=True,
        )
        outcome.created += [row["reference"] for row in new_rows]
    for fields, same_fields in _grouped_by_fields(changes).items():
        update_rows(Case, fields, [[after[field] for field in fields] + [pk] for pk, _, _, after in same_fields])
    record_case_events(
        actor,
        "import_case",
        [(pk, f"Updated from {name}: {', '.join(map(_label, before))}", before, after) for pk, _, before, after in changes],
    )
    outcome.changed += [reference for _, reference, _, _ in changes]


def _grouped_by_fields(changes):
    """The changes in groups that set the same fields, so each group is one statement."""
    groups: dict[tuple[str, ...], list] = {}
    for change in changes:
        groups.setdefault(tuple(sorted(change[3])), []).append(change)
    return groups


@functools.cache
def _defaults() -> dict[str, Any]:
    """A new case's value for each column a file may leave out."""
    return {field.attname: field.get_default() for field in Case._meta.concrete_fields if not field.primary_key}


def _label(column: str) -> str:
    return column.removesuffix("_id").replace("_", " ")


def _sha256(binary: BinaryIO) -> str:
    digest = hashlib.sha256()
    binary.seek(0)
    while chunk := binary.read(1024 * 1024):
        digest.update(chunk)
    return digest.hexdigest()
