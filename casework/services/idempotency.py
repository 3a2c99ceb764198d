"""API responses kept for retries under an `Idempotency-Key` are forgotten once past their
retention (`REDRESS_IDEMPOTENCY_RETENTION_HOURS`, 24 by default): a retry comes within seconds or
minutes of the first attempt, and after the retention the same key is a new request.

They are a record of what the API answered, not of the casework: forgetting them writes no audit event.
Whatever this retention, `redress purge-expired` deletes those naming a case or person it erases,
and any older than the closed cases' retention period (casework/services/retention.py).
"""

from __future__ import annotations

from datetime import datetime, timedelta

from django.conf import settings
from django.utils import timezone

from casework.models import IdempotentRequest


def retention_cutoff(now: datetime | None = None) -> datetime:
    return (now or timezone.now()) - timedelta(hours=settings.REDRESS_IDEMPOTENCY_RETENTION_HOURS)


def purge_kept_responses(*, user=None, now: datetime | None = None) -> int:
    """Delete the responses kept longer than the retention (only `user`'s, if given); how many."""
    expired = IdempotentRequest.objects.filter(created_at__lt=retention_cutoff(now))
    if user is not None:
        expired = expired.filter(user=user)
    deleted, _ = expired.delete()
    return deleted
