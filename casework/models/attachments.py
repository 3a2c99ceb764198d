"""Documents attached to a feedback case: grounds for review (para 38) and evidence (para 30).

The file lives outside the web root under a name the server chose; `original_name` is only shown.
"""

from django.conf import settings
from django.db import models


class AttachmentKind(models.TextChoices):
    GROUNDS = "grounds", "Grounds for review: Challenge to our decision"
    EVIDENCE = "evidence", "Supporting or new evidence"
    OTHER = "other", "Other document"


class Attachment(models.Model):
    feedback_case = models.ForeignKey("casework.FeedbackCase", on_delete=models.PROTECT, related_name="attachments")
    kind = models.CharField(max_length=20, choices=AttachmentKind.choices)
    description = models.CharField(max_length=200, blank=True)
    original_name = models.CharField(max_length=255, help_text="As uploaded; for display only, never a path")
    stored_name = models.CharField(max_length=64, unique=True, help_text="Random name chosen by the server")
    content_type = models.CharField(max_length=100, help_text="Detected from the content, not the name")
    size = models.PositiveBigIntegerField(help_text="Bytes")
    sha256 = models.CharField(max_length=64)
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    uploaded_at = models.DateTimeField()
    active_content = models.CharField(
        max_length=300, blank=True, help_text="What in a PDF could act when it is opened (JavaScript, ...), shown as a warning"
    )

    class Meta:
        ordering = ["uploaded_at", "id"]

    def __str__(self) -> str:
        return self.original_name
