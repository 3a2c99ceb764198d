"""Importing cases from the case management system's CSV file: all of it, or none of it.

The file is read twice, a row at a time, so a large file never sits in memory. The first reading
checks every row and collects every problem (row, column, what is wrong); if there is any, nothing
is written and the report says them all. The second, in one transaction, creates the cases whose
reference is new and updates the ones whose values differ, in batches, each with an audit event on
its own case (before and after, changed fields only), plus one event for the file. A row that
matches its case writes nothing, so importing the same file again changes nothing at all. The
second reading does not check again what the first checked, so the file must read the same both
times (its SHA-256), or nothing is written. One problem needs the case as Redress has it: a file
without `received_on` may not date a case's decision before the date the case was received. It is
found as the batch is written; every such row is named and the whole transaction undone.

Each row's service user is found by the rule in `person_key` (or, for a case already here whose row
gives no reference, stays who the case has), and registered, with an event on their own chain, when
there is nobody to find; the organisation is found by its name, or created. A new case gets its
first decision as every new case does (`first_decision`). All of it a batch at a time: one query
finds a batch's people, one its organisations, and one statement writes each kind of new record.
"""

from __future__ import annotations

import functools
import gc
import hashlib
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date
from itertools import islice
from typing import Any, BinaryIO

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import transaction

from casework.imports.columns import (
    PERSON_COLUMNS,
    Known,
    check_row,
    decided_before_received,
    person_key,
    person_values,
    read_row,
)
from casework.imports.csv_file import BadFile, rows
from casework.models import Case, Decision, Organisation, ServiceUser, Team
from casework.models.staff import roles_of
from casework.services.audit import record_case_events, record_event, record_new_people_events
from casework.services.bulk_rows import insert_rows, pks_by, update_rows
from casework.services.case_records import first_decision
from casework.services.errors import NotFound
from casework.services.records import next_references
from casework.services.service_users import REFERENCE_PREFIX
from policy.facts import Role

BATCH = 2000  # rows written together: a batch's dozen queries cost little more for 2,000 rows than for 500
CHECKING_REPORTED_EVERY = 500  # rows
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
    people_registered: int = 0
    organisations_added: int = 0

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
    with _cycles_collected_after(), transaction.atomic(durable=True):
        known = _known(today)
        checked = hashlib.sha256()
        total = _check_every_row(binary, size, known, report, checked)
        outcome = ImportOutcome(rows=total)
        written, read, late_problems = 0, hashlib.sha256(), []
        for batch in _batches(_checked_rows(binary, size, known, read), BATCH):
            late_problems += _write(actor, batch, name, outcome)
            written += len(batch)
            report("writing", written, total)
        if read.digest() != checked.digest():  # what was written is not what was checked: undo it all
            raise ImportRefused([Problem(None, "", "The file changed while it was being imported: nothing was imported")], 1)
        if late_problems:  # undo it all
            raise ImportRefused(late_problems[:MOST_PROBLEMS_KEPT], len(late_problems))
        if outcome.created or outcome.changed:
            record_event(
                actor,
                "import_cases",
                f"Imported {name}: {len(outcome.created)} cases created, {len(outcome.changed)} changed, {outcome.unchanged} unchanged",
                after={
                    "file": name,
                    "sha256": read.hexdigest(),
                    "rows": total,
                    "created": len(outcome.created),
                    "changed": len(outcome.changed),
                    "unchanged": outcome.unchanged,
                    "service_users_registered": outcome.people_registered,
                    "organisations_added": outcome.organisations_added,
                },
            )
    return outcome


@contextmanager
def _cycles_collected_after() -> Iterator[None]:
    """An import makes millions of objects and keeps many of them to its end (a hash for each
    person checked, a batch's rows and records): Python's collector of reference cycles walked
    them again and again, a tenth of the import's time. It waits until the import is over."""
    collecting = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if collecting:
            gc.enable()


def _known(today: date) -> Known:
    users = list(get_user_model().objects.values_list("username", "pk", "is_active"))
    return Known(
        teams={name.casefold(): pk for name, pk in Team.objects.values_list("name", "pk")},
        active_users={username: pk for username, pk, active in users if active},
        inactive_users=frozenset(username for username, _, active in users if not active),
        today=today,
    )


def _check_every_row(binary: BinaryIO, size: int, known: Known, report: Progress, digest) -> int:
    problems: list[Problem] = []
    total_problems = 0
    first_row_of: dict[str, int] = {}
    people: dict[int, tuple[int, dict[str, int]]] = {}
    count = 0
    try:
        for count, (row, cells, extra) in enumerate(rows(binary, size, settings.REDRESS_MAX_IMPORT_BYTES, digest), start=1):
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
            if not found:
                found += _disagreements(row, values, people)
            total_problems += len(found)
            problems.extend(found[: MOST_PROBLEMS_KEPT - len(problems)])
            if count % CHECKING_REPORTED_EVERY == 0:
                report("checking", count, None)
    except BadFile as bad:
        raise ImportRefused([*problems, Problem(None, "", str(bad))], total_problems + 1) from None
    if total_problems:
        raise ImportRefused(problems, total_problems)
    if not count:
        raise ImportRefused([Problem(None, "", "The file has no cases in it: only the row naming the columns")], 1)
    return count


def _disagreements(row: int, values: dict[str, Any], people: dict[int, tuple[int, dict[str, int]]]) -> list[Problem]:
    """The rows naming one service user must give the same details, or which would they keep? Only
    hashes are kept, a person at a time, so 100,000 people cost a few megabytes."""
    details = {column: hash(values[column]) for column in PERSON_COLUMNS if column in values}
    first = people.setdefault(hash(person_key(person_values(values))), (row, details))
    if first[0] == row:
        return []
    return [
        Problem(
            row,
            column,
            f"differs from row {first[0]}, which names the same service user: give their details the same on every row",
        )
        for column, digest in details.items()
        if first[1][column] != digest
    ]


@dataclass(frozen=True)
class _Row:
    number: int
    case: dict[str, Any]
    person: dict[str, Any]
    organisation: str


def _checked_rows(binary: BinaryIO, size: int, known: Known, digest) -> Iterator[_Row]:
    """The rows again, every one of them good: the file is the one checked if it reads the same."""
    for number, cells, _ in rows(binary, size, settings.REDRESS_MAX_IMPORT_BYTES, digest):
        yield _Row(number, *read_row(cells, known))


def _batches(items, size: int):
    iterator = iter(items)
    while batch := list(islice(iterator, size)):
        yield batch


def _write(actor, batch: list[_Row], name: str, outcome: ImportOutcome) -> list[Problem]:
    """Write a batch; the problems only the cases already here show (for the caller to undo it all)."""
    references = [row.case["reference"] for row in batch]
    columns = {"service_user_id", "organisation_id", "decision_date", "report_issue_date", "received_on", *batch[0].case}
    existing = {
        row["reference"]: row for row in Case.objects.select_for_update().filter(reference__in=references).values("pk", *columns)
    }
    people = _people(actor, [row.person for row in batch if _finds_person(row, existing)], name, outcome)
    organisations = _organisations({row.organisation for row in batch}, outcome)
    new_rows, changes, problems = [], [], []
    for row in batch:
        current = existing.get(row.case["reference"])
        if current and "received_on" not in row.case and current["received_on"]:
            if row.case["decision_date"] < current["received_on"]:
                problems.append(
                    Problem(
                        row.number, "decision_date", decided_before_received(row.case["decision_date"], current["received_on"])
                    )
                )
        person = people[person_key(row.person)] if _finds_person(row, existing) else current["service_user_id"]
        values = {**row.case, "service_user_id": person, "organisation_id": organisations[row.organisation]}
        if current is None:
            new_rows.append({**_defaults(Case), **values})
            continue
        before = {column: current[column] for column, value in values.items() if current[column] != value}
        if before:
            changes.append((current, before, {column: values[column] for column in before}))
    if new_rows:
        _create_cases(actor, new_rows, name)
        outcome.created += [row["reference"] for row in new_rows]
    for fields, same_fields in _grouped_by_fields(changes).items():
        update_rows(Case, fields, [[after[field] for field in fields] + [current["pk"]] for current, _, after in same_fields])
    _follow_decisions(changes)
    record_case_events(
        actor,
        "import_case",
        [
            (current["pk"], f"Updated from {name}: {', '.join(map(_label, before))}", before, after)
            for current, before, after in changes
        ],
    )
    outcome.changed += [current["reference"] for current, _, _ in changes]
    return problems


def _finds_person(row: _Row, existing: dict[str, dict[str, Any]]) -> bool:
    """A new case's service user is found or registered; a case already here keeps its own unless
    the row names someone by reference (its record may have been merged or corrected since)."""
    return row.case["reference"] not in existing or bool(row.person.get("reference"))


def _people(actor, people: list[dict[str, Any]], name: str, outcome: ImportOutcome) -> dict[tuple[str, ...], int]:
    """Each service user's record id by their key: found, or registered (every row naming them
    gives the same details: checked)."""
    wanted = {person_key(person): person for person in people}
    found: dict[tuple[str, ...], int] = {}
    by_reference = [key[1] for key in wanted if key[0] == "reference"]
    if by_reference:
        found.update((("reference", reference), pk) for reference, pk in pks_by(ServiceUser, "reference", by_reference).items())
    by_details = {key[1] for key in wanted if key[0] == "details"}
    if by_details:
        records = ServiceUser.objects.filter(name__in=by_details).order_by("-pk").values_list("pk", "name", "email", "postcode")
        for pk, person_name, email, postcode in records:  # the oldest record of the same details wins
            found[("details", person_name, email.casefold(), postcode)] = pk
    new = [(key, person) for key, person in wanted.items() if key not in found]
    # Those the file gives a reference first, so a reference Redress then numbers never takes theirs.
    for batch in ([item for item in new if item[1].get("reference")], [item for item in new if not item[1].get("reference")]):
        if batch:
            found.update(_register(actor, batch, name))
            outcome.people_registered += len(batch)
    return found


def _register(actor, new: list[tuple[tuple[str, ...], dict[str, Any]]], name: str) -> dict[tuple[str, ...], int]:
    numbered = [person for _, person in new if not person.get("reference")]
    references = iter(next_references(REFERENCE_PREFIX, ServiceUser, len(numbered)) if numbered else ())
    records = [
        {**_defaults(ServiceUser), **person, "reference": person.get("reference") or next(references)} for _, person in new
    ]
    fields = list(records[0])
    insert_rows(ServiceUser, fields, [[record[field] for field in fields] for record in records])
    ids = pks_by(ServiceUser, "reference", [record["reference"] for record in records])
    record_new_people_events(
        actor,
        "register_service_user",
        [
            (ids[record["reference"]], f"Registered {record['name']} from {name}", {**person, "reference": record["reference"]})
            for (_, person), record in zip(new, records, strict=True)
        ],
    )
    return {key: ids[record["reference"]] for (key, _), record in zip(new, records, strict=True)}


def _organisations(names: set[str], outcome: ImportOutcome) -> dict[str, int]:
    """Each organisation's record id by its exact name, adding those Redress does not have."""
    found: dict[str, int] = {}
    for organisation, pk in Organisation.objects.filter(name__in=names).order_by("-pk").values_list("name", "pk"):
        found[organisation] = pk  # the oldest of the same name wins
    new = sorted(names - found.keys())
    if new:
        fields = list(_defaults(Organisation))
        insert_rows(
            Organisation, fields, [[{**_defaults(Organisation), "name": name}[field] for field in fields] for name in new]
        )
        found.update(Organisation.objects.filter(name__in=new).values_list("name", "pk"))
        outcome.organisations_added += len(new)
    return found


def _create_cases(actor, new_rows: list[dict[str, Any]], name: str) -> None:
    fields = list(new_rows[0])
    insert_rows(Case, fields, [[row[field] for field in fields] for row in new_rows])
    created = pks_by(Case, "reference", [row["reference"] for row in new_rows])
    decisions = [
        {
            **_defaults(Decision),
            "case_id": created[row["reference"]],
            **first_decision(row["decision_date"], row["report_issue_date"]),
        }
        for row in new_rows
    ]
    decision_fields = list(decisions[0])
    insert_rows(Decision, decision_fields, [[decision[field] for field in decision_fields] for decision in decisions])
    before, after, summary = {}, {"imported_from": name}, f"Created from {name}"  # the same for every new case
    record_case_events(
        actor, "import_case", [(created[row["reference"]], summary, before, after) for row in new_rows], new_cases=True
    )


def _follow_decisions(changes) -> None:
    """As a correction does: the decision recorded with the case (the one dated the case's decision
    date before the change) takes its new dates; partial decisions are records of their own."""
    moved = {current["pk"]: current for current, before, _ in changes if {"decision_date", "report_issue_date"} & before.keys()}
    if not moved:
        return
    after = {current["pk"]: {**current, **new} for current, _, new in changes if current["pk"] in moved}
    decisions = Decision.objects.filter(case_id__in=moved).values_list("pk", "case_id", "decided_on")
    update_rows(
        Decision,
        ["decided_on", "report_issue_date"],
        [
            [after[case_id]["decision_date"], after[case_id]["report_issue_date"], pk]
            for pk, case_id, decided_on in decisions
            if decided_on == moved[case_id]["decision_date"]
        ],
    )


def _grouped_by_fields(changes):
    """The changes in groups that set the same fields, so each group is one statement."""
    groups: dict[tuple[str, ...], list] = {}
    for change in changes:
        groups.setdefault(tuple(sorted(change[2])), []).append(change)
    return groups


@functools.cache
def _defaults(model) -> dict[str, Any]:
    """A new record's value for each field the file may not give."""
    return {field.attname: field.get_default() for field in model._meta.concrete_fields if not field.primary_key}


def _label(column: str) -> str:
    return column.removesuffix("_id").replace("_", " ")
