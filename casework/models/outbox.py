"""The outbox: an email written in the transaction of the action that sends it, delivered after
commit by the worker, retried with back-off until the mail server takes it, and claimed again if
the worker sending it stopped."""

from django.db import models


class OutgoingEmail(models.Model):
    class Status(models.TextChoices):
        QUEUED = "queued", "Waiting to be sent"
        SENDING = "sending", "Being sent"
        DELIVERED = "delivered", "Handed to the mail server"
        FAILED = "failed", "Given up"

    # The Message-ID header: the same on every attempt, so a receiving server can tell a repeat.
    message_id = models.CharField(max_length=200, unique=True)
    to = models.JSONField()
    cc = models.JSONField(default=list, blank=True)
    subject = models.CharField(max_length=300)
    body = models.TextField()
    letter = models.ForeignKey("casework.Letter", null=True, blank=True, on_delete=models.PROTECT, related_name="emails")
    feedback_case = models.ForeignKey(
        "casework.FeedbackCase", null=True, blank=True, on_delete=models.PROTECT, related_name="emails"
    )
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.QUEUED)
    attempts = models.PositiveIntegerField(default=0)
    last_error = models.TextField(blank=True)
    next_attempt_at = models.DateTimeField(null=True, blank=True)
    # While sending: the worker's claim lapses at this time, so a worker that stopped mid-send
    # does not hold the message for ever; another claims it again (with the same Message-ID).
    claimed_until = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField()
    delivered_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["created_at", "id"]
        indexes = [models.Index(fields=["status"])]

    def __str__(self) -> str:
        return f"{self.subject} to {', '.join(self.to)}"
