"""Creating and correcting case records, as the case management system has them. Each is one
transaction with its audit event (before and after); the rules read the values as they are now."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from datetime import date
from typing import Any

from django.contrib.auth import get_user_model
from django.db import IntegrityError, transaction

from casework.models import Case, Decision, Organisation, ServiceUser, Team
from casework.models.staff import StaffProfile
from casework.services.audit import record_event
from casework.services.errors import Conflict, NotFound, Refused
from casework.services.record_fields import (
    CASE_FIELDS,
    DECISION_FIELDS,
    case_fields_for,
    field_refusals,
    refuse,
)
from casework.services.records import changes
from casework.services.service_users import new_service_user, tidy
from policy.workflows import FieldKind

_BY_NAME = {spec.name: spec for spec in CASE_FIELDS}
_NOT_FIELDS = frozenset({"reference", "service_user", "organisation", "team", "case_owner", "manager"})


def case_snapshot(case: Case) -> dict[str, Any]:
    """The case as people read it: people and teams by name, not by number."""
    return {
        "reference": case.reference,
        "service_user": case.service_user.reference,
        "organisation": case.organisation.name,
        "team": case.team.name,
        "case_owner": case.case_owner.username,
        "manager": case.manager.username,
        **{name: getattr(case, name) for name in _BY_NAME if name not in _NOT_FIELDS},
    }


def create_case(
    actor,
    values: Mapping[str, Any],
    today: date,
    *,
    service_user: Mapping[str, Any] | None = None,
    within: Callable[[Case], None] | None = None,
) -> Case:
    """A new case record. `service_user` registers a new person for it, instead of naming one by reference.
    A value not given (None) takes the record's default."""
    values = {name: value for name, value in tidy(values).items() if value is not None}
    _refuse_unpermitted(actor, [name for name, value in values.items() if value not in (None, "")])
    problems = field_refusals(CASE_FIELDS, values, today, creating=True)
    problems += _decided_before_received(values.get("received_on"), values.get("decision_date"))
    if not values.get("service_user") and service_user is None:
        problems.append(refuse("Enter the service user's reference, or their details to register them", "service_user"))
    if Case.objects.filter(reference=values.get("reference")).exists():
        problems.append(refuse(f"A case with the reference {values['reference']} already exists", "reference"))
    if problems:
        raise Refused(reasons=tuple(problems))
    try:
        with transaction.atomic(durable=True):
            resolved = _resolve(values, today)
            if service_user is not None:
                resolved["service_user"] = new_service_user(actor, service_user, today)
            case = Case.objects.create(**resolved)
            Decision.objects.create(case=case, **first_decision(case.decision_date, case.report_issue_date))
            record_event(actor, "create_case", f"Created case {case.reference}", case=case, after=case_snapshot(case))
            if within is not None:
                within(case)
    except IntegrityError:
        if Case.objects.filter(reference=values["reference"]).exists():  # created by someone else at the same moment
            raise Refused(
                reasons=(refuse(f"A case with the reference {values['reference']} already exists", "reference"),)
            ) from None
        raise
    return case


def first_decision(decision_date: date, report_issue_date: date | None) -> dict[str, Any]:
    """A new case's first decision: the one the case record's dates describe. Feedback about our
    decision names it, and its deadlines run from it (para 20)."""
    return {"decided_on": decision_date, "report_issue_date": report_issue_date}


def correct_case(
    actor,
    reference: str,
    values: Mapping[str, Any],
    today: date,
    *,
    version: int | None = None,
    within: Callable[[Case], None] | None = None,
) -> Case:
    """Change the fields given. `version` is the version the person corrected from: if anyone has
    changed the case since, nothing is written (Conflict)."""
    values = tidy(values)
    _refuse_unpermitted(actor, values)
    if "reference" in values and values["reference"] != reference:
        raise Refused(reasons=(refuse("A case's reference cannot be changed", "reference"),))
    with transaction.atomic(durable=True):
        case = _cases().select_for_update(of=("self",)).filter(reference=reference).first()
        if case is None:
            raise NotFound(f"No case {reference}")
        if version is not None and version != case.version:
            raise Conflict(case.reference, case.version, case.events.order_by("-id").first())
        before = case_snapshot(case)
        problems = field_refusals(CASE_FIELDS, values, today, creating=False)
        if not problems:
            problems = _received_after_a_decision(case, values)
        if problems:
            raise Refused(reasons=tuple(problems))
        for name, value in _resolve(values, today, owner=case.case_owner).items():
            setattr(case, name, value)
        case.version += 1
        case.save()
        _follow_decision(case, before)
        after = case_snapshot(case)
        old, new = changes(before, after)
        record_event(
            actor,
            "correct_case",
            f"Corrected {', '.join(name.replace('_', ' ') for name in new) or 'nothing'}",
            case=case,
            before=old,
            after=new,
        )
        if within is not None:
            within(case)
    return case


def _decided_before_received(received: Any, decided: Any) -> list:
    """A decision cannot be dated before we received the complaint (as `record_decision` refuses)."""
    if isinstance(received, date) and isinstance(decided, date) and decided < received:
        return [
            refuse(f"The decision date must be on or after {received:%-d %B %Y}, when we received the complaint", "decision_date")
        ]
    return []


def _received_after_a_decision(case: Case, values: Mapping[str, Any]) -> list:
    """A correction's decision date against the received date, either or both corrected; a received
    date corrected to after a further decision on the case is refused too."""
    received = values.get("received_on", case.received_on)
    decided = values.get("decision_date", case.decision_date)
    if "decision_date" in values and (problems := _decided_before_received(received, decided)):
        return problems
    if "received_on" in values and isinstance(received, date) and isinstance(decided, date):
        further = case.decisions.exclude(decided_on=case.decision_date).values_list("decided_on", flat=True)
        earliest = min([decided, *further])
        if earliest < received:
            return [
                refuse(
                    f"The date we received the complaint must be on or before {earliest:%-d %B %Y}, the date of a decision on the case",
                    "received_on",
                )
            ]
    return []


def _follow_decision(case: Case, before: dict[str, Any]) -> None:
    """The decision recorded with the case follows its correction (partial decisions are their own records)."""
    Decision.objects.filter(case=case, decided_on=before["decision_date"]).update(
        decided_on=case.decision_date, report_issue_date=case.report_issue_date
    )


def _cases():
    return Case.objects.select_related("service_user", "organisation", "team", "case_owner", "manager")


def _refuse_unpermitted(actor, names) -> None:
    allowed = case_fields_for(actor)
    if not allowed:
        raise Refused(reasons=(refuse("Only shared services or an administrator can create or correct case records"),))
    denied = sorted(set(names) - allowed)
    if denied:
        raise Refused(reasons=tuple(refuse(f"You may not change the {_BY_NAME[name].label.lower()}", name) for name in denied))


def _resolve(values: Mapping[str, Any], today: date, owner=None) -> dict[str, Any]:
    """The records the names point to. Every unknown name is refused together, naming its field."""
    resolved: dict[str, Any] = {}
    problems = []
    for name, value in values.items():
        if name not in _BY_NAME:
            continue
        if name == "service_user":
            if value:
                resolved[name] = ServiceUser.objects.filter(reference=value).first()
                if resolved[name] is None:
                    problems.append(refuse(f"There is no service user with the reference {value}", name))
        elif name == "organisation":
            resolved[name], _ = Organisation.objects.get_or_create(name=value)
        elif name == "team":
            resolved[name] = Team.objects.filter(name=value).first()
            if resolved[name] is None:
                problems.append(refuse(f"There is no team called {value}", name))
        elif name in {"case_owner", "manager"}:
            if value:
                resolved[name] = _staff(value)
                if resolved[name] is None:
                    problems.append(refuse(f"There is no member of staff with the username {value}", name))
        elif name == "review_count":
            resolved[name] = int(value or 0)
        elif _BY_NAME[name].kind == FieldKind.YES_NO:
            resolved[name] = bool(value)
        elif _BY_NAME[name].kind in {FieldKind.CHOICE, FieldKind.TEXT}:
            resolved[name] = value or ""
        else:
            resolved[name] = value
    owner = resolved.get("case_owner") or owner
    if not values.get("manager") and "case_owner" in resolved and owner is not None:
        resolved["manager"] = StaffProfile.objects.filter(user=owner).values_list("line_manager", flat=True).first()
        if resolved["manager"] is None:
            problems.append(refuse(f"Enter the case owner's manager: {owner.username} has no line manager recorded", "manager"))
        else:
            resolved["manager"] = get_user_model().objects.get(pk=resolved["manager"])
    if problems:
        raise Refused(reasons=tuple(problems))
    return resolved


def _staff(username: str):
    return get_user_model().objects.filter(username=username, is_active=True).first()


def record_decision(actor, reference: str, values: Mapping[str, Any], today: date) -> Decision:
    """A further decision on the case, such as a partial one on a case still open (para 20):
    feedback about it names it, and its deadlines run from it. It cannot predate the complaint."""
    _refuse_unpermitted(actor, ["decision_date"])
    values = tidy({spec.name: values.get(spec.name) for spec in DECISION_FIELDS})
    problems = field_refusals(DECISION_FIELDS, values, today, creating=True)
    with transaction.atomic(durable=True):
        case = Case.objects.select_for_update().filter(reference=reference).first()
        if case is None:
            raise NotFound(f"No case {reference}")
        decided_on = values["decided_on"]
        if not problems and case.received_on and decided_on < case.received_on:
            problems.append(
                refuse(
                    f"The date of the decision must be on or after {case.received_on:%-d %B %Y}, when we received the complaint",
                    "decided_on",
                )
            )
        if problems:
            raise Refused(reasons=tuple(problems))
        decision = Decision.objects.create(
            case=case,
            decided_on=decided_on,
            what_was_decided=values["what_was_decided"],
            report_issue_date=values["report_issue_date"],
        )
        record_event(
            actor,
            "record_decision",
            f"Recorded the decision of {decided_on:%-d %B %Y}",
            case=case,
            after={"decision": decision.pk, **values},
        )
    return decision
