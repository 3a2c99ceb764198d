"""What someone with the database, but not the audit key, can do to the trail: the tests play them."""

from __future__ import annotations

import hashlib
from contextlib import contextmanager

from django.db import connection

from casework.models import AuditChainHead, Event


@contextmanager
def tampering():
    """On PostgreSQL a trigger refuses any change to an audit event; a superuser can switch triggers
    off for their session. The tests do that to play the attacker."""
    if connection.vendor != "postgresql":
        yield
        return
    with connection.cursor() as cursor:
        cursor.execute("SET session_replication_role = replica")
    try:
        yield
    finally:
        with connection.cursor() as cursor:
            cursor.execute("SET session_replication_role = origin")


def forged(*parts: object) -> str:
    """The attacker's best guess at a seal: the hash without the key they do not have."""
    return hashlib.sha256("|".join(str(part) for part in parts).encode()).hexdigest()


def rewrite_and_rechain(event: Event, **changes) -> None:
    """Change one event, then recompute its hash and every later one in its chain, and the head."""
    chain = list(Event.objects.filter(chain=event.chain, id__gte=event.pk).order_by("id"))
    previous = event.previous_hash
    with tampering():
        for position, later in enumerate(chain):
            if position == 0:
                for name, value in changes.items():
                    setattr(later, name, value)
            later.previous_hash = previous
            later.hash = forged(later.chain, previous, later.content())
            Event.objects.filter(pk=later.pk).update(
                **{name: getattr(later, name) for name in [*changes, "previous_hash", "hash"]}
            )
            previous = later.hash
    AuditChainHead.objects.filter(chain=event.chain).update(last_hash=previous, seal=forged("head", event.chain, previous))


def truncate(events: list[Event]) -> None:
    """Remove these events (the newest) and move each chain's head back to what is left."""
    with tampering():
        Event.objects.filter(pk__in=[event.pk for event in events])._raw_delete(Event.objects.db)


def reset_heads_to_what_is_left(seal=forged) -> None:
    for head in AuditChainHead.objects.all():
        last = Event.objects.filter(chain=head.chain).order_by("-id").values_list("hash", flat=True).first() or "0" * 64
        AuditChainHead.objects.filter(pk=head.pk).update(last_hash=last, seal=seal("head", head.chain, last))
