"""Reference data kept in memory by each process: the time limits, the severity scale, the bank
holiday overrides, the service model's sections, the Service Charter's commitments and the letter
templates are read on almost every action, the Delegation Scheme on every page (who approves
something), and they change only when an administrator edits them.

A change saved or deleted through Django empties this process's copy at once, and again when its
transaction commits. Another process sees the change within `FRESH_FOR` seconds. From a change
until its transaction commits (or, if it is rolled back, for `FRESH_FOR` seconds) nothing is kept,
so an edit that is rolled back is never remembered.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from functools import wraps
from typing import Any, TypeVar

from django.db import connection, transaction
from django.db.models.signals import post_delete, post_save

from casework.models import (
    BankHolidayOverride,
    DelegationRule,
    LetterTemplate,
    ServiceCharterCommitment,
    ServiceModelSection,
    SeverityLevel,
    TimeLimit,
)

FRESH_FOR = 30.0  # seconds
WATCHED = (
    BankHolidayOverride,
    DelegationRule,
    LetterTemplate,
    ServiceCharterCommitment,
    SeverityLevel,
    ServiceModelSection,
    TimeLimit,
)

T = TypeVar("T")
_kept: dict[str, tuple[float, Any]] = {}
_editing: dict[str, float | None] = {"since": None}


def kept(read: Callable[[], T]) -> Callable[[], T]:
    """`read`'s result, read again only after a change or once it is `FRESH_FOR` seconds old."""
    key = f"{read.__module__}.{read.__qualname__}"

    @wraps(read)
    def cached() -> T:
        hit = _kept.get(key)
        if hit is not None and time.monotonic() - hit[0] < FRESH_FOR:
            return hit[1]
        value = read()
        if not _editing_now():
            _kept[key] = (time.monotonic(), value)
        return value

    return cached


def forget() -> None:
    """Read everything again next time (and keep it again)."""
    _kept.clear()
    _editing["since"] = None


def _editing_now() -> bool:
    since = _editing["since"]
    return since is not None and time.monotonic() - since < FRESH_FOR


def _changed(**_: Any) -> None:
    _kept.clear()
    if connection.in_atomic_block:
        _editing["since"] = time.monotonic()
        transaction.on_commit(forget)


def connect() -> None:
    for model in WATCHED:
        post_save.connect(_changed, sender=model, dispatch_uid=f"reference-cache-save-{model.__name__}")
        post_delete.connect(_changed, sender=model, dispatch_uid=f"reference-cache-delete-{model.__name__}")
