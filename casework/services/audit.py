"""Writing and verifying the sealed, hash-chained audit trail (see casework/models/audit.py)."""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from django.core.serializers.json import DjangoJSONEncoder
from django.db import IntegrityError, transaction
from django.utils import timezone

from casework.models import AuditChainHead, Event
from casework.models.audit import ERASED, GENESIS, SYSTEM_CHAIN, public_part
from casework.people import name_of
from casework.services import checkpoint


def record_event(
    actor, action: str, summary: str, *, case=None, feedback_case=None, service_user=None, before=None, after=None
) -> Event:
    """Append an event to its chain. Call inside the use case's transaction."""
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("Audit events are written inside the transaction of the change they record")
    chain = chain_of(case=case, feedback_case=feedback_case, service_user=service_user)
    head = _locked_head(chain)
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
        previous_hash=head.last_hash,
    )
    event.commit_personal_data()
    event.hash = event.compute_hash()
    event.save()
    head.last_hash = event.hash
    head.seal = head.sealed()
    head.save(update_fields=["last_hash", "seal"])
    transaction.on_commit(lambda: checkpoint.advance(event.pk, event.hash))
    return event


def chain_of(*, case=None, feedback_case=None, service_user=None) -> str:
    """One chain per feedback case (or per case, or per service user, for their own events):
    writers to different cases never wait for each other."""
    if feedback_case is not None:
        return f"feedback:{feedback_case.pk}"
    if case is not None:
        return f"case:{case.pk}"
    if service_user is not None:
        return f"person:{service_user.pk}"
    return SYSTEM_CHAIN


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
    """The values as they will read back from the JSON column, so the hash is stable."""
    return json.loads(json.dumps(values, cls=DjangoJSONEncoder))


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
