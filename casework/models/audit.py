"""The audit trail: append-only, hash-chained, written in the same transaction as the change.

Each event's hash covers its own content and the hash before it, so editing or removing any row
breaks every link after it. `redress verify-audit` walks the chain and names the first break.
"""

from __future__ import annotations

import hashlib
import json

from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder
from django.db import models

GENESIS = "0" * 64


class AuditChainHead(models.Model):
    """One row, locked by each writer, so that events are chained one at a time."""

    last_hash = models.CharField(max_length=64, default=GENESIS)

    def __str__(self) -> str:
        return self.last_hash


class Event(models.Model):
    at = models.DateTimeField()
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+")
    actor_name = models.CharField(max_length=200)
    action = models.CharField(max_length=60)
    summary = models.CharField(max_length=300)
    case = models.ForeignKey("casework.Case", null=True, on_delete=models.PROTECT, related_name="events")
    feedback_case = models.ForeignKey("casework.FeedbackCase", null=True, on_delete=models.PROTECT, related_name="events")
    before = models.JSONField(encoder=DjangoJSONEncoder, default=dict)
    after = models.JSONField(encoder=DjangoJSONEncoder, default=dict)
    previous_hash = models.CharField(max_length=64)
    hash = models.CharField(max_length=64, unique=True)

    class Meta:
        ordering = ["id"]

    def save(self, *args, **kwargs):
        if self.pk is not None:
            raise PermissionError("Audit events are never changed: record a new event instead")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise PermissionError("Audit events are never deleted")

    def content(self) -> dict:
        return {
            "at": self.at.isoformat(),
            "actor": self.actor_id,
            "actor_name": self.actor_name,
            "action": self.action,
            "summary": self.summary,
            "case": self.case_id,
            "feedback_case": self.feedback_case_id,
            "before": self.before,
            "after": self.after,
        }

    def compute_hash(self) -> str:
        canonical = json.dumps(self.content(), sort_keys=True, cls=DjangoJSONEncoder, separators=(",", ":"))
        return hashlib.sha256(f"{self.previous_hash}|{canonical}".encode()).hexdigest()

    def __str__(self) -> str:
        return f"#{self.pk} {self.action} by {self.actor_name}"
