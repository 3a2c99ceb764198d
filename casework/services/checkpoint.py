"""A checkpoint of the audit trail kept outside the database: the newest event, sealed with the
audit key. Removing the newest events and resetting the chain heads leaves the database consistent
with itself, but not with this file, so `redress verify-audit` still finds it.

Written after each commit (a failed transaction must not name an event that never was), only ever
forwards, under a file lock so that several app servers on one data folder take turns. A
transaction that writes events in many batches (an import) moves it on once, not once a batch.
"""

from __future__ import annotations

import fcntl
import json
import logging
import os
from pathlib import Path

from django.conf import settings
from django.utils import timezone

from casework.models.audit import Event, seal

logger = logging.getLogger(__name__)


def path() -> Path:
    return Path(getattr(settings, "REDRESS_AUDIT_CHECKPOINT", "") or settings.DATA_DIR / "audit-checkpoint.json")


def read() -> dict | None:
    try:
        return json.loads(path().read_text())
    except FileNotFoundError:
        return None
    except (OSError, ValueError):
        return {}


def is_sealed(checkpoint: dict) -> bool:
    return checkpoint.get("seal") == seal("checkpoint", checkpoint.get("event"), checkpoint.get("hash"))


def advance(event_id: int, event_hash: str, *, force: bool = False) -> None:
    """Move the checkpoint on to this event, unless it already names a later one (or `force`)."""
    target = path()
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        with open(target.with_suffix(".lock"), "a") as lock:
            fcntl.flock(lock, fcntl.LOCK_EX)
            current = read()
            if not force and current and isinstance(current.get("event"), int) and current["event"] >= event_id:
                return
            checkpoint = {"event": event_id, "hash": event_hash, "at": timezone.now().isoformat()}
            checkpoint["seal"] = seal("checkpoint", event_id, event_hash)
            temporary = target.with_suffix(".tmp")
            temporary.write_text(json.dumps(checkpoint))
            os.replace(temporary, target)
    except OSError:
        # The change is committed; a missing checkpoint only weakens the truncation check.
        logger.exception("Could not write the audit checkpoint %s", target)


def advance_past(event_id: int) -> None:
    """After a commit that wrote events up to `event_id`: move the checkpoint on to the newest event
    there is, unless it is already there. Of one transaction's many batches, the first after the
    commit writes the file and the rest find it done (each write costs milliseconds)."""
    current = read()
    if current and isinstance(current.get("event"), int) and current["event"] >= event_id:
        return
    newest = Event.objects.order_by("-pk").values_list("pk", "hash").first()
    if newest is not None:
        advance(*newest)
