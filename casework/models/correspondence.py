"""Correspondence received on a feedback case, so its history is complete both ways: the letters
we sent are `Letter`s, what came in is logged here."""

from django.conf import settings
from django.db import models

from casework.limits import LONG_TEXT


class InboundCorrespondence(models.Model):
    feedback_case = models.ForeignKey("casework.FeedbackCase", on_delete=models.PROTECT, related_name="correspondence")
    received_date = models.DateField()
    sender = models.CharField("who it is from", max_length=200)
    channel = models.CharField(max_length=20)
    summary = models.TextField(validators=LONG_TEXT)
    text = models.TextField("the email or letter as received", blank=True, validators=LONG_TEXT)
    attachment = models.OneToOneField(
        "casework.Attachment", null=True, blank=True, on_delete=models.PROTECT, related_name="correspondence"
    )
    logged_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    logged_at = models.DateTimeField()

    class Meta:
        ordering = ["received_date", "id"]
        verbose_name_plural = "inbound correspondence"

    def __str__(self) -> str:
        return f"Correspondence from {self.sender} received {self.received_date} on {self.feedback_case}"
