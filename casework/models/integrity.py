"""Records that keep writes whole under concurrency: reference counters and idempotent requests."""

from __future__ import annotations

from django.conf import settings
from django.db import models


class ReferenceCounter(models.Model):
    """The last number given out for a reference prefix, taken and raised in one statement, so two
    cases logged at the same moment never get the same reference."""

    prefix = models.CharField(max_length=10, primary_key=True)
    last = models.PositiveBigIntegerField()

    def __str__(self) -> str:
        return f"{self.prefix}{self.last}"


class IdempotentRequest(models.Model):
    """An API request sent with an `Idempotency-Key`, and the response it got, written in the
    same transaction as the change, so a retry gets the first answer and never acts twice."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    key = models.CharField(max_length=200)
    fingerprint = models.CharField(max_length=64, help_text="Method, path and body of the first request")
    status = models.PositiveSmallIntegerField()
    response = models.JSONField()
    created_at = models.DateTimeField()

    class Meta:
        constraints = [models.UniqueConstraint(fields=["user", "key"], name="one_response_per_idempotency_key")]

    def __str__(self) -> str:
        return self.key
