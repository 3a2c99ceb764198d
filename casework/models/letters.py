"""Letter templates (reference data) and the letters made from them, text kept as sent."""

from django.conf import settings
from django.db import models


class LetterTemplate(models.Model):
    code = models.SlugField(max_length=60, unique=True)
    name = models.CharField(max_length=120)
    subject = models.CharField(max_length=200)
    body = models.TextField(help_text="Django template text; the feedback case and case are in context")
    ends_internal_process = models.BooleanField(
        default=False, help_text="A closing letter of a review path: must say our internal process has ended (para 74)"
    )

    def __str__(self) -> str:
        return self.name


class Letter(models.Model):
    feedback_case = models.ForeignKey("casework.FeedbackCase", on_delete=models.PROTECT, related_name="letters")
    template = models.ForeignKey(LetterTemplate, on_delete=models.PROTECT)
    addressee = models.CharField(max_length=200)
    copied_to = models.CharField(max_length=500, blank=True)
    subject = models.CharField(max_length=200)
    body = models.TextField()
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT)
    created_at = models.DateTimeField()

    class Meta:
        ordering = ["created_at", "id"]

    def __str__(self) -> str:
        return f"{self.subject} to {self.addressee}"
