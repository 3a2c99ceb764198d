"""Registering service users, correcting their records and flags, recording who acts for them,
and merging duplicates. Each is one transaction with its audit event, before and after."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from datetime import date
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction

from casework.models import Case, Representative, ServiceUser, SubjectAccessRequest
from casework.services.audit import record_event
from casework.services.errors import NotFound, Refused
from casework.services.record_fields import (
    ENDING_FIELDS,
    PERSON_FIELDS,
    REPRESENTATIVE_FIELDS,
    field_refusals,
    normal_postcode,
    person_fields_for,
    refuse,
)
from casework.services.records import changes, next_reference
from policy.workflows import FieldKind

REFERENCE_PREFIX = "SU-"


def person_snapshot(person: ServiceUser) -> dict[str, Any]:
    return {spec.name: getattr(person, spec.name) for spec in PERSON_FIELDS}


def tidy(values: Mapping[str, Any]) -> dict[str, Any]:
    """Trimmed text; a postcode in its usual form; a blank date or choice is none."""
    tidied: dict[str, Any] = {}
    for name, value in values.items():
        if isinstance(value, str):
            value = value.strip()
            if name == "postcode" and value:
                value = normal_postcode(value) or value
        tidied[name] = value
    return tidied


def _refuse_unpermitted(actor, names) -> None:
    allowed = person_fields_for(actor)
    if not allowed:
        raise Refused(reasons=(refuse("Only shared services or an administrator can keep service users' records"),))
    denied = sorted(set(names) - allowed)
    if denied:
        raise Refused(reasons=tuple(refuse(f"You may not change the {name.replace('_', ' ')}", name) for name in denied))


def _check(values: Mapping[str, Any], today: date, *, creating: bool) -> None:
    problems = field_refusals(PERSON_FIELDS, values, today, creating=creating)
    start, review = values.get("behaviour_restricted_from"), values.get("behaviour_restriction_review")
    if not problems and start and review and review < start:
        problems.append(refuse("The restriction's review date must be after it starts", "behaviour_restriction_review"))
    if problems:
        raise Refused(reasons=tuple(problems))


_KINDS = {spec.name: spec.kind for spec in PERSON_FIELDS}


def _stored(values: Mapping[str, Any]) -> dict[str, Any]:
    """What is saved for each value given: a missing date is none, missing text is blank, a
    missing answer is no, a missing choice keeps the default."""
    stored: dict[str, Any] = {}
    for name, value in values.items():
        kind = _KINDS.get(name)
        if value is not None or kind == FieldKind.DATE:
            stored[name] = value
        elif kind == FieldKind.YES_NO:
            stored[name] = False
        elif kind != FieldKind.CHOICE:
            stored[name] = ""
    return stored


def new_service_user(actor, values: Mapping[str, Any], today: date) -> ServiceUser:
    """Register someone inside the caller's transaction (a case being created names them)."""
    values = tidy(values)
    _refuse_unpermitted(actor, [name for name, value in values.items() if value not in (None, "", False)])
    _check(values, today, creating=True)
    person = ServiceUser.objects.create(reference=next_reference(REFERENCE_PREFIX, ServiceUser), **_stored(values))
    record_event(actor, "register_service_user", f"Registered {person.name}", service_user=person, after=person_snapshot(person))
    return person


def register_service_user(
    actor, values: Mapping[str, Any], today: date, *, within: Callable[[ServiceUser], None] | None = None
) -> ServiceUser:
    with transaction.atomic(durable=True):
        person = new_service_user(actor, values, today)
        if within is not None:
            within(person)
    return person


def correct_service_user(
    actor, reference: str, values: Mapping[str, Any], today: date, *, within: Callable[[ServiceUser], None] | None = None
) -> ServiceUser:
    """Change the fields given; the flags (paras 22, 37) then apply to every case of theirs."""
    values = tidy(values)
    _refuse_unpermitted(actor, values)
    with transaction.atomic(durable=True):
        person = ServiceUser.objects.select_for_update().filter(reference=reference).first()
        if person is None:
            raise NotFound(f"No service user {reference}")
        before = person_snapshot(person)
        _check({**before, **values}, today, creating=False)
        for name, value in _stored(values).items():
            setattr(person, name, value)
        _clean(person)
        person.save()
        after = person_snapshot(person)
        old, new = changes(before, after)
        record_event(
            actor,
            "correct_service_user",
            f"Corrected {person.name}'s record: {', '.join(new) or 'nothing changed'}",
            service_user=person,
            before=old,
            after=new,
        )
        if within is not None:
            within(person)
    return person


def add_representative(actor, reference: str, values: Mapping[str, Any], today: date) -> Representative:
    """Someone acting for the service user: a representative or their MP, with consent recorded
    (who gave it, when, in what form)."""
    _refuse_unpermitted(actor, ["name"])
    values = _stored_representative(values)
    _refuse(field_refusals(REPRESENTATIVE_FIELDS, values, today, creating=True))
    with transaction.atomic(durable=True):
        person = ServiceUser.objects.select_for_update().filter(reference=reference).first()
        if person is None:
            raise NotFound(f"No service user {reference}")
        acting = Representative(service_user=person, **values)
        _clean(acting)
        acting.save()
        record_event(
            actor,
            "add_representative",
            f"{acting.name} acts for {person.name} ({acting.get_acting_as_display()})",
            service_user=person,
            after={"representative": acting.pk, **values},
        )
    return acting


def correct_representative(actor, reference: str, representative: int, values: Mapping[str, Any], today: date) -> Representative:
    """Change the details given of someone acting for the service user; audited with what they were."""
    _refuse_unpermitted(actor, ["name"])
    values = _stored_representative(values)
    with transaction.atomic(durable=True):
        acting = _acting_for(reference, representative)
        before = representative_snapshot(acting)
        _refuse(field_refusals(REPRESENTATIVE_FIELDS, {**before, **values}, today, creating=True))
        for name, value in values.items():
            setattr(acting, name, value)
        _clean(acting)
        acting.save()
        old, new = changes(before, representative_snapshot(acting))
        record_event(
            actor,
            "correct_representative",
            f"Corrected the record of {acting.name}, acting for {acting.service_user.name}: {', '.join(new) or 'nothing changed'}",
            service_user=acting.service_user,
            before={"representative": acting.pk, **old},
            after={"representative": acting.pk, **new},
        )
    return acting


def end_representative(actor, reference: str, representative: int, ended_on: date | None, today: date) -> Representative:
    """They no longer act for the service user from `ended_on`: kept on the record, with the day it ended."""
    _refuse_unpermitted(actor, ["name"])
    _refuse(field_refusals(ENDING_FIELDS, {"ended_on": ended_on}, today, creating=True))
    with transaction.atomic(durable=True):
        acting = _acting_for(reference, representative)
        if acting.ended_on is not None:
            raise Refused(reasons=(refuse(f"{acting.name} stopped acting on {acting.ended_on:%-d %B %Y}", "ended_on"),))
        if ended_on < acting.consent_given_on:
            message = (
                f"The date they stopped acting must be on or after {acting.consent_given_on:%-d %B %Y}, when consent was given"
            )
            raise Refused(reasons=(refuse(message, "ended_on"),))
        acting.ended_on = ended_on
        acting.save(update_fields=["ended_on"])
        record_event(
            actor,
            "end_representative",
            f"{acting.name} stopped acting for {acting.service_user.name} on {ended_on:%-d %B %Y}",
            service_user=acting.service_user,
            before={"representative": acting.pk, "ended_on": None},
            after={"representative": acting.pk, "ended_on": ended_on},
        )
    return acting


def representative_snapshot(acting: Representative) -> dict[str, Any]:
    return {spec.name: getattr(acting, spec.name) for spec in REPRESENTATIVE_FIELDS}


def _acting_for(reference: str, representative: int) -> Representative:
    """The representative, locked, if they act (or acted) for this service user."""
    acting = (
        Representative.objects.select_for_update()
        .select_related("service_user")
        .filter(pk=representative, service_user__reference=reference)
        .first()
    )
    if acting is None:
        raise NotFound(f"No one recorded as acting for {reference} with the number {representative}")
    return acting


_REPRESENTATIVE_NAMES = frozenset(spec.name for spec in REPRESENTATIVE_FIELDS)
_REPRESENTATIVE_DATES = frozenset(spec.name for spec in REPRESENTATIVE_FIELDS if spec.kind == FieldKind.DATE)


def _stored_representative(values: Mapping[str, Any]) -> dict[str, Any]:
    """The values given of a representative's fields, tidied; blank text is kept blank."""
    tidied = tidy({name: value for name, value in values.items() if name in _REPRESENTATIVE_NAMES})
    return {name: "" if value is None and name not in _REPRESENTATIVE_DATES else value for name, value in tidied.items()}


def _refuse(problems) -> None:
    if problems:
        raise Refused(reasons=tuple(problems))


def _clean(record) -> None:
    """What the record's own columns refuse (a value too long, not a choice), named by field."""
    try:
        record.full_clean(exclude=["reference", "service_user"])
    except ValidationError as error:
        raise Refused(reasons=tuple(refuse(m, name) for name, messages in error.message_dict.items() for m in messages)) from None


def merge_service_users(actor, keep: str, duplicate: str) -> ServiceUser:
    """Move the duplicate's cases, representatives and subject access requests to the record kept, then remove the duplicate.

    Where the records disagree the kept one wins, except that a flag either holds is kept (a
    restriction or OAT's request does not vanish in a merge); blank details are filled from the duplicate."""
    _refuse_unpermitted(actor, ["name"])
    if keep == duplicate:
        raise Refused(reasons=(refuse("Choose two different service users to merge", "duplicate"),))
    with transaction.atomic(durable=True):
        people = {p.reference: p for p in ServiceUser.objects.select_for_update().filter(reference__in=[keep, duplicate])}
        for reference, field in ((keep, "keep"), (duplicate, "duplicate")):
            if reference not in people:
                raise Refused(reasons=(refuse(f"There is no service user {reference}", field),))
        kept, gone = people[keep], people[duplicate]
        before = person_snapshot(kept)
        for spec in PERSON_FIELDS:
            if not getattr(kept, spec.name) and getattr(gone, spec.name):
                setattr(kept, spec.name, getattr(gone, spec.name))
        moved = list(Case.objects.filter(service_user=gone).values_list("reference", flat=True))
        Case.objects.filter(service_user=gone).update(service_user=kept)
        Representative.objects.filter(service_user=gone).update(service_user=kept)
        SubjectAccessRequest.objects.filter(service_user=gone).update(service_user=kept)
        kept.save()
        after = person_snapshot(kept)
        record_event(
            actor,
            "merge_service_users",
            f"Merged {gone.reference} ({gone.name}) into {kept.reference}: {len(moved)} cases moved",
            service_user=kept,
            before={"kept": before, "duplicate": {"reference": gone.reference, **person_snapshot(gone)}},
            # The duplicate's id names its own audit chain, which stays about this person.
            after={"kept": after, "cases_moved": moved, "duplicate_id": gone.pk},
        )
        gone.delete()
    return kept
