"""Security events: who signed in, failed, was locked out, signed out, changed a second factor or a
token, or was refused a record, from where and when. Never personal data: a username, an address
and a record's reference only. Kept apart from the audit chain (casework) and never edited."""

from __future__ import annotations

from django.db import models


class SecurityEvent(models.Model):
    at = models.DateTimeField(db_index=True)
    event = models.CharField(max_length=40, db_index=True)
    username = models.CharField(max_length=150, blank=True, db_index=True)
    address = models.GenericIPAddressField(null=True, blank=True)
    object_ref = models.CharField("object", max_length=120, blank=True)

    class Meta:
        ordering = ["-at", "-id"]

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M:%S} {self.event} {self.username}"
