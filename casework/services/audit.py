"""Writing and verifying the sealed, hash-chained audit trail (see casework/models/audit.py)."""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from django.core.serializers.json import DjangoJSONEncoder
from django.db import IntegrityError, connection, transaction
from django.utils import timezone

from casework.models import AuditChainHead, Event
from casework.models.audit import (
    ERASED,
    GENESIS,
    SYSTEM_CHAIN,
    committed,
    content_json_of,
    new_salts,
    personal_json,
    public_part,
    sealer,
)
from casework.people import name_of
from casework.services import checkpoint
from casework.services.bulk_rows import insert_rows, update_rows


def record_event(
    actor,
    action: str,
    summary: str,
    *,
    case=None,
    feedback_case=None,
    service_user=None,
    before=None,
    after=None,
    chain_head: str | None = None,
) -> Event:
    """Append an event to its chain. Call inside the use case's transaction.

    `chain_head`: the chain's newest hash as this transaction read it (GENESIS for a chain it has
    just begun), if it did: the head is then moved in the same statement that checks it still says
    so, instead of being read and locked first; if another writer moved it since, it is read locked
    and the event linked to what it says now."""
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("Audit events are written inside the transaction of the change they record")
    chain = chain_of(case=case, feedback_case=feedback_case, service_user=service_user)
    event = Event(
        at=timezone.now(),
        actor=actor,
        actor_name=name_of(actor) if actor else "system",
        action=action,
        summary=summary[:300],
        case=case or (feedback_case.case if feedback_case else None),
        feedback_case=feedback_case,
        before=_as_stored(before or {}),
        after=_as_stored(after or {}),
        chain=chain,
        previous_hash=chain_head or GENESIS,
    )
    event.commit_personal_data()
    event.hash = event.compute_hash()
    if chain_head is None or not _moved_from(chain, chain_head, event):
        head = _locked_head(chain)
        event.previous_hash = head.last_hash
        event.hash = event.compute_hash()
        head.last_hash = event.hash
        head.seal = head.sealed()
        head.save(update_fields=["last_hash", "seal"])
        event.save()
    transaction.on_commit(lambda: checkpoint.advance(event.pk, event.hash))
    return event


def _moved_from(chain: str, expected: str, event: Event) -> bool:
    """Move the chain's head to the event if it is at `expected` (or, at GENESIS, if the chain has
    no head yet), in one statement that holds the head's row until the transaction ends, and insert
    the event; on PostgreSQL, both in that one statement. False, with nothing written, if the head
    has moved on."""
    table = connection.ops.quote_name(AuditChainHead._meta.db_table)
    move = (
        f"INSERT INTO {table} (chain, last_hash, seal) VALUES (%s, %s, %s) ON CONFLICT (chain) DO UPDATE "  # noqa: S608 - a table name
        f"SET last_hash = excluded.last_hash, seal = excluded.seal WHERE {table}.last_hash = %s RETURNING id"
    )
    moved = [chain, event.hash, AuditChainHead.seal_of(chain, event.hash), expected]
    columns, values = _event_columns(), _event_values(event)
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(
                f"WITH head AS ({move}) INSERT INTO {_EVENT_TABLE} ({columns}) "  # noqa: S608 - names from the model
                f"SELECT {', '.join(['%s'] * len(values))} FROM head RETURNING id",
                [*moved, *values],
            )
        else:
            cursor.execute(move, moved)
            if cursor.fetchone() is None:
                return False
            cursor.execute(
                f"INSERT INTO {_EVENT_TABLE} ({columns}) VALUES ({', '.join(['%s'] * len(values))}) RETURNING id",  # noqa: S608
                values,
            )
        row = cursor.fetchone()
    if row is None:
        return False
    event.pk, event._state.adding, event._state.db = row[0], False, connection.alias
    return True


_EVENT_TABLE = f'"{Event._meta.db_table}"'  # quoted as both databases quote it
_EVENT_FIELDS = [field for field in Event._meta.concrete_fields if not field.primary_key]


def _event_columns() -> str:
    return ", ".join(connection.ops.quote_name(field.column) for field in _EVENT_FIELDS)


def _event_values(event: Event) -> list:
    """The event's columns as Django would send them, without compiling an insert for each event."""
    return [field.get_db_prep_save(getattr(event, field.attname), connection) for field in _EVENT_FIELDS]


EVENT_FIELDS = (  # the order of _sealed's rows
    "at",
    "actor_id",
    "actor_name",
    "action",
    "summary",
    "case_id",
    "before",
    "after",
    "chain",
    "previous_hash",
    "hash",
    "personal_commitment",
    "personal_salt",
)


def record_case_events(actor, action: str, entries: list[tuple[int, str, dict, dict]], *, new_cases: bool = False) -> None:
    """Append one event to each case's own chain, for many cases at once: (case id, summary, before,
    after) each. `new_cases`: the cases were created in this transaction, so they have no chains yet.
    Call inside the use case's transaction."""
    _record_in_bulk(
        actor,
        action,
        [(case_chain(case_id), case_id, summary, before, after) for case_id, summary, before, after in entries],
        new_chains=new_cases,
    )


def record_new_people_events(actor, action: str, entries: list[tuple[int, str, dict]]) -> None:
    """One event on each new service user's own chain: (person id, summary, after) each, for
    people created in this transaction. Call inside the use case's transaction."""
    before: dict = {}  # one for all: the bulk writer stores a value repeated from row to row once
    _record_in_bulk(
        actor,
        action,
        [(person_chain(person_id), None, summary, before, after) for person_id, summary, after in entries],
        new_chains=True,
    )


def _record_in_bulk(actor, action: str, entries: list[tuple[str, int | None, str, dict, dict]], *, new_chains: bool) -> None:
    """The same chains, content and seals as `record_event`, in a few statements instead of four
    per event, for imports: (chain, case id, summary, before, after) each, one chain an entry.
    `new_chains`: nothing has written to these chains yet, so each head is written once, already
    naming its event."""
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("Audit events are written inside the transaction of the change they record")
    if not entries:
        return
    chains = [chain for chain, *_ in entries]
    if new_chains:
        last_hash = dict.fromkeys(chains, GENESIS)
    else:
        AuditChainHead.objects.bulk_create(
            [AuditChainHead(chain=chain, last_hash=GENESIS, seal=AuditChainHead.seal_of(chain, GENESIS)) for chain in chains],
            ignore_conflicts=True,  # the chains that already have a head keep it
        )
        locked = list(AuditChainHead.objects.select_for_update().filter(chain__in=chains).values_list("chain", "last_hash", "pk"))
        last_hash = {chain: head_hash for chain, head_hash, _ in locked}
        head_ids = {chain: pk for chain, _, pk in locked}
    insert_rows(Event, EVENT_FIELDS, _sealed(actor, action, entries, last_hash))  # sealed as they are stored
    seal = sealer()
    heads = (
        (chain, head_hash, seal("head", chain, head_hash)) for chain, head_hash in last_hash.items()
    )  # as AuditChainHead.seal_of
    if new_chains:
        insert_rows(AuditChainHead, ("chain", "last_hash", "seal"), heads)
    else:
        update_rows(
            AuditChainHead,
            ("last_hash", "seal"),
            [(head_hash, head_seal, head_ids[chain]) for chain, head_hash, head_seal in heads],
        )
    newest_pk = Event.objects.get(hash=last_hash[entries[-1][0]]).pk  # the last entry's chain ends in the newest event
    transaction.on_commit(lambda: checkpoint.advance_past(newest_pk))


def _sealed(actor, action: str, entries: list[tuple[str, int | None, str, dict, dict]], last_hash: dict[str, str]):
    """Each entry's event as a row of EVENT_FIELDS, as record_event writes and seals it (see
    Event.content) without a model object for each, moving `last_hash` on along each chain."""
    at, actor_id, actor_name = timezone.now(), actor.pk if actor else None, name_of(actor) if actor else "system"
    at_text, seal = at.isoformat(), sealer()
    said = None
    for (chain, case_id, summary, before, after), salt in zip(entries, new_salts(len(entries)), strict=True):
        if said is None or not said.says(summary, before, after):  # most entries say what the one before said
            said = _Said.of(summary, before, after)
            content_json = content_json_of(
                at=at_text,
                actor=actor_id,
                actor_name=actor_name,
                action=action,
                public_before=said.public_before,
                public_after=said.public_after,
            )
        personal = committed(salt, said.personal)
        previous = last_hash[chain]
        last_hash[chain] = event_hash = seal(chain, previous, content_json(case_id, personal))
        yield (
            at,
            actor_id,
            actor_name,
            action,
            said.summary,
            case_id,
            said.before,
            said.after,
            chain,
            previous,
            event_hash,
            personal,
            salt,
        )


@dataclass(frozen=True)
class _Said:
    """What an event says, as it is stored and as it is sealed: worked out once for a run of
    entries that say the same (the same summary, before and after, by identity)."""

    given: tuple[str, dict, dict]
    summary: str
    before: dict
    after: dict
    public_before: dict
    public_after: dict
    personal: str

    @classmethod
    def of(cls, summary: str, before: dict, after: dict) -> _Said:
        stored = summary[:300], _as_stored(before), _as_stored(after)
        return cls((summary, before, after), *stored, public_part(stored[1]), public_part(stored[2]), personal_json(*stored))

    def says(self, summary: str, before: dict, after: dict) -> bool:
        return self.given[0] is summary and self.given[1] is before and self.given[2] is after


def chain_of(*, case=None, feedback_case=None, service_user=None) -> str:
    """One chain per feedback case (or per case, or per service user, for their own events):
    writers to different cases never wait for each other."""
    if feedback_case is not None:
        return f"feedback:{feedback_case.pk}"
    if case is not None:
        return case_chain(case.pk)
    if service_user is not None:
        return person_chain(service_user.pk)
    return SYSTEM_CHAIN


def case_chain(case_id: int) -> str:
    return f"case:{case_id}"


def person_chain(person_id: int) -> str:
    return f"person:{person_id}"


def chains_about_person(person_id: int) -> list[str]:
    """The person's own chain, and those of duplicates merged into them (their merge events name
    the duplicate's id), so their events are found and erased with the person's."""
    chains: list[str] = []
    waiting = [person_id]
    while waiting:
        chain = person_chain(waiting.pop())
        if chain in chains:
            continue
        chains.append(chain)
        merges = Event.objects.filter(chain=chain, action="merge_service_users").values_list("after", flat=True)
        waiting.extend(after["duplicate_id"] for after in merges if isinstance(after.get("duplicate_id"), int))
    return chains


def _locked_head(chain: str) -> AuditChainHead:
    head = AuditChainHead.objects.select_for_update().filter(chain=chain).first()
    if head is None:
        try:
            with transaction.atomic():  # a writer starting the same chain at this moment wins; we wait for it
                AuditChainHead.objects.create(chain=chain, last_hash=GENESIS, seal=AuditChainHead(chain=chain).sealed())
        except IntegrityError:
            pass
        head = AuditChainHead.objects.select_for_update().get(chain=chain)
    return head


def erase_personal_data(events) -> int:
    """Replace what these events say about people with a note that it was erased, keeping the state,
    flags and numbers; the commitment stays sealed in the chain, so the chain still verifies. Events
    sealed whole (written before commitments) cannot be erased and are left as they are."""
    erased = 0
    for event in events.exclude(personal_commitment="").exclude(personal_salt=""):
        Event.objects.filter(pk=event.pk).update(
            summary=ERASED, before=public_part(event.before), after=public_part(event.after), personal_salt=""
        )
        erased += 1
    return erased


def _as_stored(values: dict[str, Any]) -> dict[str, Any]:
    """The values as they will read back from the JSON column, so the hash is stable. Text, whole
    numbers, flags and nothing read back as they are, so such values are given back as they came
    (most of an import's events), without the round trip."""
    if all(type(key) is str for key in values) and all(type(value) in _READ_BACK_AS_IS for value in values.values()):
        return values
    return json.loads(json.dumps(values, cls=DjangoJSONEncoder))


_READ_BACK_AS_IS = {str, int, bool, type(None)}


@dataclass(frozen=True)
class ChainCheck:
    events_checked: int
    broken_event: Event | None = None
    problem: str = ""

    @property
    def intact(self) -> bool:
        return not self.problem


def verify_chain() -> ChainCheck:
    """Walk every chain in the order events were written; report the first event whose seal or link
    does not match, then any chain whose head or the checkpoint outside the database says more
    events were written than are there."""
    previous: dict[str, str] = {}
    newest: Event | None = None
    checked = 0
    for event in Event.objects.order_by("id").iterator(chunk_size=2000):
        if event.previous_hash != previous.get(event.chain, GENESIS):
            return ChainCheck(checked, event, "it does not follow the event before it: an event was changed or removed")
        if event.compute_hash() != event.hash:
            return ChainCheck(checked, event, "its content does not match its seal: it was changed")
        if problem := event.personal_data_problem():
            return ChainCheck(checked, event, problem)
        previous[event.chain] = event.hash
        newest = event
        checked += 1
    for head in AuditChainHead.objects.order_by("chain").iterator(chunk_size=2000):
        if head.seal != head.sealed():
            return ChainCheck(checked, None, f"the head of chain {head.chain} was reset: its seal does not match")
        if head.last_hash != previous.pop(head.chain, GENESIS):
            return ChainCheck(checked, None, f"the newest events of chain {head.chain} were removed: it ends before its head")
    if previous:
        return ChainCheck(checked, None, f"the head of chain {min(previous)} was removed")
    return _check_against_checkpoint(checked, newest)


def _check_against_checkpoint(checked: int, newest: Event | None) -> ChainCheck:
    kept = checkpoint.read()
    if kept is None:
        return ChainCheck(checked)
    if not checkpoint.is_sealed(kept):
        return ChainCheck(checked, None, f"the checkpoint {checkpoint.path()} is not sealed with the audit key: it was changed")
    named = Event.objects.filter(pk=kept["event"]).first()
    if named is None or named.hash != kept["hash"]:
        return ChainCheck(
            checked,
            None,
            f"the newest events were removed: the checkpoint outside the database names event #{kept['event']}, "
            f"which is {'missing' if named is None else 'different'} (the newest left is #{newest.pk if newest else 'none'})",
        )
    return ChainCheck(checked)
