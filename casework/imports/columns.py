"""The columns of a case import, declared once: the importer, its page and docs/import.md read them.

Each column says whether the file must have it, how a cell is read (a parser that returns the value
or raises `BadCell` with the problem in the user's words), what it means, and which record it fills:
the case, the service user (`person`, naming their field) or the organisation complained about.
`read_row` reads a row again once it is checked into what the writer needs (a column whose parse only
checks its cell, `as_given`, is not checked twice); `person_values` and `person_key` tell people apart.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import Any

from django.core.exceptions import ValidationError
from django.core.validators import validate_email

from casework.models import Case, Organisation, ServiceUser
from policy.facts import ClosureReason, Risk, Stage


class BadCell(ValueError):
    """What is wrong with one cell, in words that fit after "Row 8, risk: "."""


@dataclass(frozen=True)
class Known:
    """What the cells are checked against, loaded once per file."""

    teams: dict[str, int]  # casefolded team name -> id
    active_users: dict[str, int]  # username -> id
    inactive_users: frozenset[str]
    today: date


@dataclass(frozen=True)
class Column:
    name: str
    required: bool
    parse: Callable[[str, Known], Any]
    description: str
    blank: str = ""  # what an empty cell in an optional column means, in the user's words
    person: str = ""  # the service user's field this column gives, if it is about them
    as_given: bool = False  # a good cell's value is the cell itself: `parse` only checks it


# A UK postcode: outward code, a space (optional in the file), inward code. GIR 0AA is Girobank's.
POSTCODE = re.compile(
    r"^(GIR ?0AA|[A-PR-UWYZ]([0-9]{1,2}|[A-HK-Y][0-9]{1,2}|[0-9][A-HJKPSTUW]|[A-HK-Y][0-9][ABEHMNPRV-Y]) ?[0-9][ABD-HJLNP-UW-Z]{2})$"
)
REFERENCE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9/_-]*$")
PHONE = re.compile(r"^\+?[0-9 ()-]{7,25}$")
MOST_ADDRESS_CHARACTERS = 500
YES = {"yes", "y", "true", "1"}
NO = {"no", "n", "false", "0", ""}


@functools.cache
def _limit(model, field: str) -> int:
    return model._meta.get_field(field).max_length


def _text(model, field: str) -> Callable[[str, Known], str]:
    def parse(cell: str, known: Known) -> str:
        if len(cell) > _limit(model, field):
            raise BadCell(f"must be {_limit(model, field)} characters or fewer (it has {len(cell)})")
        return cell

    return parse


def _reference(model, *, optional: bool = False) -> Callable[[str, Known], str]:
    def parse(cell: str, known: Known) -> str:
        if optional and not cell:
            return ""
        if len(cell) > _limit(model, "reference"):
            raise BadCell(f"must be {_limit(model, 'reference')} characters or fewer (it has {len(cell)})")
        if not REFERENCE.match(cell):
            raise BadCell("must be letters, numbers, hyphens, slashes or underscores, with no spaces")
        return cell

    return parse


def _team(cell: str, known: Known) -> int:
    try:
        return known.teams[cell.casefold()]
    except KeyError:
        raise BadCell(f"there is no team called “{cell}”") from None


def _user(cell: str, known: Known) -> int:
    if cell in known.inactive_users:
        raise BadCell(f"the user “{cell}” is no longer active")
    try:
        return known.active_users[cell]
    except KeyError:
        raise BadCell(f"there is no user with the username “{cell}”") from None


def _choice(enum, *, optional: bool = False) -> Callable[[str, Known], str]:
    values = [member.value for member in enum]

    def parse(cell: str, known: Known) -> str:
        if optional and not cell:
            return ""
        value = cell.strip().lower().replace(" ", "_")
        if value not in values:
            raise BadCell(f"must be one of {', '.join(values)} (not “{cell}”)")
        return value

    return parse


def _past_date(cell: str, known: Known) -> date | None:
    if not cell:
        return None
    try:
        value = _date(cell)
    except ValueError:
        raise BadCell(f"must be a date like 2026-03-31 or 31/03/2026 (not “{cell}”)") from None
    if value > known.today:
        raise BadCell(f"{value:%-d %B %Y} is in the future")
    return value


def _date(cell: str) -> date:
    """2026-03-31 or 31/03/2026 (how a UK spreadsheet writes it), without strptime's cost per row."""
    if "/" in cell:
        day, month, year = cell.split("/")
        if len(year) != 4:
            raise ValueError(cell)
        return date(int(year), int(month), int(day))
    return date.fromisoformat(cell)


def _yes_no(cell: str, known: Known) -> bool:
    value = cell.strip().lower()
    if value in YES:
        return True
    if value in NO:
        return False
    raise BadCell(f"must be yes or no (not “{cell}”)")


def _closed(cell: str, known: Known) -> bool:
    return True if not cell else _yes_no(cell, known)


def _email(cell: str, known: Known) -> str:
    if not cell:
        return ""
    if len(cell) > _limit(ServiceUser, "email"):
        raise BadCell(f"must be {_limit(ServiceUser, 'email')} characters or fewer (it has {len(cell)})")
    try:
        validate_email(cell)
    except ValidationError:
        raise BadCell(f"“{cell}” is not an email address, like name@example.com") from None
    return cell


def _postcode(cell: str, known: Known) -> str:
    if not cell:
        return ""
    value = " ".join(cell.upper().split())
    if not POSTCODE.match(value):
        raise BadCell(f"“{cell}” is not a UK postcode, like SW1A 2AA")
    return value if " " in value else f"{value[:-3]} {value[-3:]}"


def _address(cell: str, known: Known) -> str:
    """Its lines as the record keeps them, one a line: a spreadsheet cell may hold line breaks, or
    the lines may be separated by semicolons."""
    lines = [line.strip() for line in cell.replace(";", "\n").splitlines()]
    value = "\n".join(line for line in lines if line)
    if len(value) > MOST_ADDRESS_CHARACTERS:
        raise BadCell(f"must be {MOST_ADDRESS_CHARACTERS} characters or fewer (it has {len(value)})")
    return value


def _phone(cell: str, known: Known) -> str:
    if cell and not PHONE.match(cell):
        raise BadCell(f"“{cell}” is not a phone number, like 0300 061 4000 or +44 300 061 4000")
    return cell


COLUMNS: tuple[Column, ...] = (
    Column(
        "reference",
        True,
        _reference(Case),
        "The case management system's reference: one row per case, the key to update it by",
        as_given=True,
    ),
    Column(
        "service_user_reference",
        False,
        _reference(ServiceUser, optional=True),
        "The service user's reference, as the case management system and Redress share it: the key to find them by",
        "they are found by name, email and postcode",
        person="reference",
        as_given=True,
    ),
    Column("service_user", True, _text(ServiceUser, "name"), "The service user's full name", person="name", as_given=True),
    Column("service_user_email", False, _email, "The service user's email address", "none", person="email", as_given=True),
    Column("service_user_postcode", False, _postcode, "The service user's UK postcode", "none", person="postcode"),
    Column(
        "service_user_address",
        False,
        _address,
        "The service user's address without the postcode: a line break or a semicolon between its lines",
        "none",
        person="address_lines",
    ),
    Column("service_user_phone", False, _phone, "The service user's phone number", "none", person="phone", as_given=True),
    Column("organisation", True, _text(Organisation, "name"), "The name of the organisation complained about", as_given=True),
    Column("team", True, _team, "The name of the team that owns the case, as Redress has it"),
    Column("case_owner", True, _user, "The case owner's Redress username"),
    Column("manager", True, _user, "The case owner's manager's Redress username"),
    Column("stage", True, _choice(Stage), f"The stage the decision was made at: {', '.join(Stage)}"),
    Column("risk", True, _choice(Risk), f"The case's risk: {', '.join(Risk)}"),
    Column(
        "received_on",
        False,
        _past_date,
        "The date we received the complaint the case is about, not in the future: the decision cannot be dated before it",
        "not known",
    ),
    Column("decision_date", True, _past_date, "The date of our decision (YYYY-MM-DD or DD/MM/YYYY), not in the future"),
    Column("report_issue_date", False, _past_date, "The date the final report was issued, not in the future", "none"),
    Column("closed", False, _closed, "Whether the case is closed: yes or no", "yes"),
    Column("closure_reason", False, _choice(ClosureReason, optional=True), f"Why it closed: {', '.join(ClosureReason)}", "none"),
    Column("supervised", False, _yes_no, "Whether the case owner's work on it is supervised: yes or no", "no"),
    Column("joint_with_lgsco", False, _yes_no, "Whether it is a joint case with the LGSCO: yes or no", "no"),
    Column("mp_involved", False, _yes_no, "Whether an MP referred or is involved in it: yes or no", "no"),
)
COLUMNS_BY_NAME = {column.name: column for column in COLUMNS}
REQUIRED = tuple(column.name for column in COLUMNS if column.required)
PERSON_COLUMNS = {column.name: column.person for column in COLUMNS if column.person}


def check_row(cells: dict[str, str], known: Known) -> tuple[dict[str, Any], list[tuple[str, str]]]:
    """Each cell of one row read by its column: the values, and (column, problem) for each bad cell."""
    values: dict[str, Any] = {}
    problems: list[tuple[str, str]] = []
    for name, raw in cells.items():
        column = COLUMNS_BY_NAME[name]
        cell = raw.strip()
        if column.required and not cell:
            problems.append((name, "is empty: enter " + column.description[0].lower() + column.description[1:]))
            continue
        try:
            values[name] = column.parse(cell, known)
        except BadCell as problem:
            problems.append((name, str(problem)))
    if values.get("received_on") and values.get("decision_date") and values["decision_date"] < values["received_on"]:
        problems.append(("decision_date", decided_before_received(values["decision_date"], values["received_on"])))
    return values, problems


def decided_before_received(decided: date, received: date) -> str:
    return f"{decided:%-d %B %Y} is before {received:%-d %B %Y}, when we received the complaint: a decision cannot be dated before it"


# Each column's parse (None for a column taken as given), then where its value goes: the case (0),
# the service user (1) or the organisation (2), and the field it fills there.
_CASE_FIELDS = {"team": "team_id", "case_owner": "case_owner_id", "manager": "manager_id"}
_READING = {
    column.name: (
        None if column.as_given else column.parse,
        1 if column.person else 2 if column.name == "organisation" else 0,
        column.person or _CASE_FIELDS.get(column.name, column.name),
    )
    for column in COLUMNS
}


def read_row(cells: dict[str, str], known: Known) -> tuple[dict[str, Any], dict[str, Any], str]:
    """A row `check_row` found good, read again (without checking again the cells whose value is the
    cell as given) into what the writer needs: the case's values (only the columns the file has), the
    service user's details by their record's field names, and the organisation's name."""
    parts: tuple[dict[str, Any], dict[str, Any], dict[str, Any]] = ({}, {}, {})
    for name, raw in cells.items():
        parse, part, field = _READING[name]
        cell = raw.strip()
        parts[part][field] = cell if parse is None else parse(cell, known)
    return parts[0], parts[1], parts[2]["organisation"]


def person_values(checked: dict[str, Any]) -> dict[str, Any]:
    """The service user's details in one checked row, by their record's field names."""
    return {PERSON_COLUMNS[name]: value for name, value in checked.items() if name in PERSON_COLUMNS}


def person_key(person: dict[str, Any]) -> tuple[str, ...]:
    """How a row's service user is told apart: by their reference when the row gives one; else by
    their name, email address and postcode together (the email ignoring case), so two people who
    share a name are never taken for one. docs/import.md explains the rule to the people importing."""
    if person.get("reference"):
        return ("reference", person["reference"])
    return ("details", person["name"], person.get("email", "").casefold(), person.get("postcode", ""))


def columns_table() -> str:
    """The columns as a Markdown table, for docs/import.md (a test keeps that copy current)."""
    lines = ["| Column | Required | What it holds | An empty cell means |", "| --- | --- | --- | --- |"]
    for column in COLUMNS:
        blank = "not allowed" if column.required else column.blank
        lines.append(f"| `{column.name}` | {'yes' if column.required else 'no'} | {column.description} | {blank} |")
    return "\n".join(lines)
