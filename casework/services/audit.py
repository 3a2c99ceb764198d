"""Writing and verifying the hash-chained audit trail."""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from django.core.serializers.json import DjangoJSONEncoder
from django.db import transaction
from django.utils import timezone

from casework.models import AuditChainHead, Event
from casework.models.audit import GENESIS
from casework.people import name_of


def record_event(actor, action: str, summary: str, *, case=None, feedback_case=None, before=None, after=None) -> Event:
    """Append an event to the chain. Call inside the use case's transaction."""
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("Audit events are written inside the transaction of the change they record")
    head, _ = AuditChainHead.objects.select_for_update().get_or_create(pk=1)
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
        previous_hash=head.last_hash,
    )
    event.hash = event.compute_hash()
    event.save()
    head.last_hash = event.hash
    head.save(update_fields=["last_hash"])
    return event


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
    """Walk the chain in order; report the first event whose content or link does not match."""
    previous = GENESIS
    checked = 0
    for event in Event.objects.order_by("id").iterator(chunk_size=2000):
        if event.previous_hash != previous:
            return ChainCheck(checked, event, "it does not follow the event before it: an event was changed or removed")
        if event.compute_hash() != event.hash:
            return ChainCheck(checked, event, "its content does not match its hash: it was changed")
        previous = event.hash
        checked += 1
    head = AuditChainHead.objects.filter(pk=1).first()
    if head and head.last_hash != previous:
        return ChainCheck(checked, None, "the newest events were removed: the chain ends before its recorded head")
    return ChainCheck(checked)
