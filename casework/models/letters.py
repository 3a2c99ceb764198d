"""Letter templates (reference data) and the letters made from them: a draft the author checks,
edits and sends, then its delivery (by email through the outbox, or printed and posted)."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models

from casework.letters.sandbox import template_refusals
from policy.letters import END_OF_PROCESS

TEMPLATE_HELP = (
    "Template text in the sandbox's syntax: {{ service_user }}, {% if signpost_jr %}...{% endif %}, "
    "{% for ground in grounds %}{{ ground.label }}{% endfor %}. Only the names of the letter context may be used; "
    "they are listed in the administrators' guide, docs/letter-templates.md"
)


class LetterTemplate(models.Model):
    code = models.SlugField(max_length=60, unique=True)
    name = models.CharField(max_length=120)
    subject = models.CharField(max_length=200, help_text=TEMPLATE_HELP)
    body = models.TextField(help_text=TEMPLATE_HELP)
    ends_internal_process = models.BooleanField(
        default=False, help_text="A closing letter of a review path: must say our internal process has ended (para 74)"
    )

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        """A template reaching outside the letter context is refused when saved, naming what it reaches."""
        errors = {name: template_refusals(getattr(self, name)) for name in ("subject", "body")}
        if self.ends_internal_process and END_OF_PROCESS not in self.body:
            errors["body"].append(f"A closing letter must say, word for word: {END_OF_PROCESS} (para 74)")
        errors = {name: problems for name, problems in errors.items() if problems}
        if errors:
            raise ValidationError(errors)


class Letter(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", "Draft: to check and send"
        QUEUED = "queued", "Sending"
        DELIVERED = "delivered", "Delivered"
        FAILED = "failed", "Not delivered"
        TO_POST = "to_post", "To print and post"
        POSTED = "posted", "Posted"

    class Channel(models.TextChoices):
        EMAIL = "email", "Email"
        POST = "post", "Print and post"
        APP = "app", "Notice in Redress"

    feedback_case = models.ForeignKey("casework.FeedbackCase", on_delete=models.PROTECT, related_name="letters")
    template = models.ForeignKey(LetterTemplate, on_delete=models.PROTECT)
    addressee = models.CharField(max_length=200)
    copied_to = models.CharField(max_length=500, blank=True)
    subject = models.CharField(max_length=200)
    body = models.TextField()
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT)
    created_at = models.DateTimeField()
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.DRAFT)
    channel = models.CharField(max_length=10, choices=Channel.choices, default=Channel.POST)
    recipient_email = models.EmailField(blank=True)
    address = models.TextField(blank=True, help_text="The postal address block, when it is posted")
    preferred_format = models.CharField(
        max_length=120, blank=True, help_text="The format the addressee asked for (large print is printed large)"
    )

    @property
    def large_print(self) -> bool:
        return "large" in self.preferred_format.lower()

    # What the guidance requires the letter to say, kept when drafted: an edit may not remove it.
    # A list of {"paragraph", "what", "text"}.
    required_passages = models.JSONField(default=list, blank=True)
    sent_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    sent_at = models.DateTimeField(null=True, blank=True)
    delivered_at = models.DateTimeField(null=True, blank=True)
    posted_on = models.DateField(null=True, blank=True)
    # Raised by every change (an edit, sending, delivery, posting): an edit or a send made from an
    # older version is refused, so its author never overwrites what they changed elsewhere.
    version = models.PositiveIntegerField(default=1)

    class Meta:
        ordering = ["created_at", "id"]
        indexes = [models.Index(fields=["created_by", "status"])]

    def __str__(self) -> str:
        return f"{self.subject} to {self.addressee}"
