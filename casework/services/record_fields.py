"""The fields of a case record and of a service user, declared once: who may change which, their
labels (for the page and the API) and how a bad value is refused, in the user's words.

Shared services (and an administrator) keep case records and service users' records as the case
management system has them; OAT may ask that a person's complaints come straight to them (para 37)."""

from __future__ import annotations

import re
from collections.abc import Mapping
from datetime import date
from typing import Any

from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.core.validators import validate_email

from casework.models import Case, Organisation, ServiceUser, Team
from casework.models.parties import ActingAs, ConsentForm, ContactChannel
from casework.models.staff import roles_of
from policy.decisions import Reason
from policy.facts import ClosureReason, Risk, Role, Stage
from policy.workflows import Field, FieldKind

NO_PARAGRAPH = "-"
ADMINISTRATOR = "administrator"


def _choices(enum) -> tuple[tuple[str, str], ...]:
    return tuple((member.value, member.value.replace("_", " ").capitalize()) for member in enum)


def _required(name: str, label: str, kind: FieldKind = FieldKind.TEXT, missing: str = "", **more) -> Field:
    return Field(name, label, kind, required_by=NO_PARAGRAPH, missing=missing or f"Enter the {label.lower()}", **more)


CASE_FIELDS = (
    _required("reference", "Case reference", hint="As in the case management system, for example PHSO-1234"),
    Field("service_user", "Service user reference", FieldKind.TEXT, hint="For example SU-000123: find it under People"),
    _required("organisation", "Organisation complained about"),
    _required("team", "Team", hint="The team that handled the complaint"),
    _required("case_owner", "Case owner", hint="Their username"),
    Field(
        "manager", "Case owner's manager", FieldKind.TEXT, hint="Their username; leave blank for the case owner's line manager"
    ),
    _required("stage", "Stage", FieldKind.CHOICE, "Select the stage", choices=_choices(Stage)),
    _required("risk", "Risk", FieldKind.CHOICE, "Select the risk", choices=_choices(Risk)),
    Field("received_on", "Date we received the complaint", FieldKind.DATE, hint="A later decision cannot be dated before it"),
    _required("decision_date", "Decision date", FieldKind.DATE, "Enter the decision date", hint="For example, 27 11 2026"),
    Field("report_issue_date", "Report issue date", FieldKind.DATE, hint="Leave blank if no report was issued"),
    Field("closure_reason", "Why the case closed", FieldKind.CHOICE, choices=_choices(ClosureReason)),
    Field("closed", "Is the case closed?", FieldKind.YES_NO, hint="A decision can be made on a case still open (para 20)"),
    Field("supervised", "Is the case owner supervised on it?", FieldKind.YES_NO),
    Field("joint_with_lgsco", "Is it a joint case with the LGSCO?", FieldKind.YES_NO),
    Field("mp_involved", "Is an MP involved?", FieldKind.YES_NO),
    Field("review_count", "Reviews of this case so far", FieldKind.TEXT),
    Field("previous_review_upheld", "Was an earlier review upheld?", FieldKind.YES_NO),
)

PERSON_FIELDS = (
    _required("name", "Full name"),
    Field("address_lines", "Address", FieldKind.LONG_TEXT, hint="One line per line, without the postcode"),
    Field("postcode", "Postcode", FieldKind.TEXT),
    Field("email", "Email address", FieldKind.TEXT),
    Field("phone", "Phone number", FieldKind.TEXT),
    Field("preferred_channel", "How they prefer us to contact them", FieldKind.CHOICE, choices=tuple(ContactChannel.choices)),
    Field("preferred_format", "Format of letters", FieldKind.TEXT, hint="For example, large print"),
    Field("reasonable_adjustments", "Reasonable adjustments", FieldKind.LONG_TEXT),
    Field("reviews_go_to_oat_first", "Do OAT ask for their complaints to come straight to them? (para 37)", FieldKind.YES_NO),
    Field("behaviour_restricted_from", "Behaviour restriction from (para 22)", FieldKind.DATE, hint="Leave blank if none"),
    Field("behaviour_restriction_review", "Behaviour restriction review date", FieldKind.DATE),
)

# A further decision on a case (para 20); the first is the case record's own decision date.
DECISION_FIELDS = (
    _required("decided_on", "Date of the decision", FieldKind.DATE, hint="For example, 27 11 2026"),
    _required(
        "what_was_decided",
        "What was decided",
        FieldKind.LONG_TEXT,
        "Say what was decided, for example which parts of the complaint",
        hint="For example, which parts of the complaint we will not investigate and why",
    ),
    Field("report_issue_date", "Report issue date", FieldKind.DATE, hint="Leave blank if no report was issued"),
)

# Someone acting for a service user, and the consent for it: who gave it, when, in what form.
REPRESENTATIVE_FIELDS = (
    _required(
        "acting_as",
        "Are they a representative or an MP?",
        FieldKind.CHOICE,
        "Select whether they are a representative or an MP",
        choices=tuple(ActingAs.choices),
    ),
    _required("name", "Name", missing="Enter their name"),
    Field("organisation", "Organisation", FieldKind.TEXT, hint="Their firm or charity, or an MP's constituency"),
    Field("address_lines", "Address", FieldKind.LONG_TEXT, hint="One line per line, without the postcode"),
    Field("postcode", "Postcode", FieldKind.TEXT),
    Field("email", "Email address", FieldKind.TEXT),
    Field("phone", "Phone number", FieldKind.TEXT),
    _required("consent_given_by", "Who gave consent", missing="Enter who gave consent", hint="Usually the service user"),
    _required(
        "consent_given_on",
        "Date consent was given",
        FieldKind.DATE,
        "Enter the date consent was given",
        hint="For example, 27 11 2026",
    ),
    _required(
        "consent_form",
        "How consent was given",
        FieldKind.CHOICE,
        "Select how consent was given",
        choices=tuple(ConsentForm.choices),
    ),
)
ENDING_FIELDS = (_required("ended_on", "Date they stopped acting", FieldKind.DATE, "Enter the date they stopped acting"),)

# The longest value each field's column holds: a name is kept in its record's column.
_COLUMNS = {
    "reference": (Case, "reference"),
    "service_user": (ServiceUser, "reference"),
    "organisation": (Organisation, "name"),
    "team": (Team, "name"),
    "case_owner": (User, "username"),
    "manager": (User, "username"),
    **{spec.name: (ServiceUser, spec.name) for spec in PERSON_FIELDS},
}


def _column_limit(name: str) -> int | None:
    model, column = _COLUMNS.get(name, (None, None))
    return getattr(model._meta.get_field(column), "max_length", None) if model else None


_CASE_NAMES = frozenset(field.name for field in CASE_FIELDS)
_PERSON_NAMES = frozenset(field.name for field in PERSON_FIELDS)

# Who may change what: the one place it is said. Nobody changes a case's reference once it is made.
CASE_EDITORS: dict[str, frozenset[str]] = {
    Role.SHARED_SERVICES: _CASE_NAMES,
    ADMINISTRATOR: _CASE_NAMES,
}
PERSON_EDITORS: dict[str, frozenset[str]] = {
    Role.SHARED_SERVICES: _PERSON_NAMES,
    ADMINISTRATOR: _PERSON_NAMES,
    Role.OAT: frozenset({"reviews_go_to_oat_first"}),
}


def _editor_keys(user) -> set[str]:
    keys: set[str] = set(roles_of(user))
    if getattr(user, "is_superuser", False):
        keys.add(ADMINISTRATOR)
    return keys


def case_fields_for(user) -> frozenset[str]:
    return frozenset().union(*(CASE_EDITORS.get(key, frozenset()) for key in _editor_keys(user)))


def person_fields_for(user) -> frozenset[str]:
    return frozenset().union(*(PERSON_EDITORS.get(key, frozenset()) for key in _editor_keys(user)))


def may_record_decisions(user) -> bool:
    """A further decision is part of the case record: those who keep its decision date record it."""
    return "decision_date" in case_fields_for(user)


def keeps_person_records(user) -> bool:
    """Those who keep a person's whole record (not OAT's one flag): merging, and who acts for them."""
    return "name" in person_fields_for(user)


def refuse(text: str, field: str | None = None) -> Reason:
    return Reason(NO_PARAGRAPH, text, field=field)


POSTCODE = re.compile(r"^([A-Z]{1,2}[0-9][A-Z0-9]?) ?([0-9][A-Z]{2})$")
PHONE = re.compile(r"^\+?[0-9 ()-]{7,25}$")


def normal_postcode(value: str) -> str | None:
    """A UK postcode in capitals with one space, or None if it is not one."""
    match = POSTCODE.match(re.sub(r"\s+", " ", value.strip().upper()))
    return f"{match.group(1)} {match.group(2)}" if match else None


def field_refusals(fields: tuple[Field, ...], values: Mapping[str, Any], today: date, *, creating: bool) -> list[Reason]:
    """Missing required values (when creating, or when blanked), bad choices, text too long,
    dates still to come, and malformed emails, postcodes and phone numbers."""
    refusals = []
    for spec in fields:
        if spec.name not in values and not creating:
            continue
        value = values.get(spec.name)
        blank = value is None or (isinstance(value, str) and not value.strip())
        if blank:
            if spec.required:
                refusals.append(refuse(spec.missing, spec.name))
            continue
        limit = _column_limit(spec.name) or spec.max_length
        if isinstance(value, str) and limit and len(value) > limit:
            refusals.append(refuse(f"Shorten the {spec.label.lower()} to {limit:,} characters or fewer", spec.name))
        elif spec.kind == FieldKind.CHOICE and value not in {choice for choice, _ in spec.choices}:
            refusals.append(refuse(f"Choose the {spec.label.lower()} from the list", spec.name))
        elif spec.kind == FieldKind.DATE and not isinstance(value, date):
            refusals.append(refuse(f"The {spec.label.lower()} must be a real date", spec.name))
        elif spec.kind == FieldKind.YES_NO and not isinstance(value, bool):
            refusals.append(refuse(f"Answer yes or no: {spec.label.lower()}", spec.name))
        elif spec.kind == FieldKind.DATE and spec.name in PAST_DATES and value > today:
            refusals.append(refuse(f"The {spec.label.lower()} must be today or in the past", spec.name))
        elif (problem := _format_problem(spec.name, value)) is not None:
            refusals.append(refuse(problem, spec.name))
    return refusals


# Dates of what has already happened; a restriction's dates may be to come.
PAST_DATES = frozenset({"received_on", "decision_date", "report_issue_date", "decided_on", "consent_given_on", "ended_on"})


def _format_problem(name: str, value: Any) -> str | None:
    if name == "email":
        try:
            validate_email(value.strip())
        except ValidationError:
            return "Enter an email address in the correct format, like name@example.com"
    if name == "postcode" and normal_postcode(value) is None:
        return "Enter a real postcode, like SW1A 2AA"
    if name == "phone" and not PHONE.match(value.strip()):
        return "Enter a phone number, like 0300 061 4000 or +44 300 061 4000"
    if name == "review_count" and (not str(value).isdigit() or int(value) > 99):
        return "Enter the number of reviews so far as a whole number, like 0 or 1"
    return None
