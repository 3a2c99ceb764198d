"""The manager's finding on a complaint about our service (para 17)."""

from __future__ import annotations

from django.conf import settings
from django.db import models


class ServiceFinding(models.Model):
    """What happened, what should have happened, the difference, and whether the complaint is upheld (para 17)."""

    feedback_case = models.OneToOneField("casework.FeedbackCase", on_delete=models.PROTECT, related_name="service_finding")
    what_happened = models.TextField()
    what_should_have_happened = models.TextField()
    difference = models.TextField()
    upheld = models.BooleanField()
    found_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+")

    def __str__(self) -> str:
        return f"Finding on {self.feedback_case}"
