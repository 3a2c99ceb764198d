"""Notices to staff: a reminder before work falls due, an escalation to a line manager after, the
notices the guidance requires (paras 9, 53, 56) and a task given to someone."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.urls import reverse


class Notification(models.Model):
    """A notice to one person, shown in the app. `key` names what it is about, (feedback, the state's
    entry, the kind of notice, the due date), so a job run twice cannot send it twice."""

    class Kind(models.TextChoices):
        REMINDER = "reminder", "Reminder: due soon"
        ESCALATION = "escalation", "Escalation: overdue"
        NOTICE = "notice", "Notice"
        TASK = "task", "New task"

    recipient = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notifications")
    kind = models.CharField(max_length=20, choices=Kind.choices)
    key = models.CharField(max_length=200)
    subject = models.CharField(max_length=200)
    body = models.TextField()
    feedback_case = models.ForeignKey(
        "casework.FeedbackCase", null=True, blank=True, on_delete=models.CASCADE, related_name="notifications"
    )
    created_at = models.DateTimeField()
    read_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        constraints = [models.UniqueConstraint(fields=["recipient", "key"], name="one_notice_per_person_and_key")]
        indexes = [models.Index(fields=["recipient", "read_at"])]

    def __str__(self) -> str:
        return self.subject

    @property
    def link(self) -> str | None:
        return reverse("feedback-detail", args=[self.feedback_case.reference]) if self.feedback_case_id else None
