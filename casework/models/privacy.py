"""Data protection: how long each kind of record is kept, legal holds that stop erasure, what was
erased, and requests from people for the data we hold about them (subject access)."""

from __future__ import annotations

from django.conf import settings
from django.db import models


class RecordType(models.TextChoices):
    CASE = "case", "Closed cases (and people with no case): their feedback, letters, documents, notes and audit detail"
    SECURITY_EVENT = "security_event", "Security events, including who viewed a case"


class RetentionPeriod(models.Model):
    """Reference data an administrator sets: personal data of this type is erased this long after its last activity."""

    record_type = models.CharField(max_length=30, choices=RecordType.choices, unique=True)
    months = models.PositiveIntegerField()
    note = models.CharField(max_length=300, blank=True, help_text="Where the period comes from (the retention policy)")

    def __str__(self) -> str:
        return f"{self.get_record_type_display()}: {self.months} months"


class LegalHold(models.Model):
    """While a hold is in place (not lifted), nothing about its case is erased, whatever its age; a
    hold on a person keeps their record and every case of theirs."""

    case = models.ForeignKey("casework.Case", null=True, blank=True, on_delete=models.PROTECT, related_name="legal_holds")
    service_user = models.ForeignKey(
        "casework.ServiceUser", null=True, blank=True, on_delete=models.PROTECT, related_name="legal_holds"
    )
    reason = models.CharField(max_length=300)
    placed_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    placed_at = models.DateTimeField()
    lifted_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=models.Q(case__isnull=False, service_user__isnull=True)
                | models.Q(case__isnull=True, service_user__isnull=False),
                name="legal_hold_on_a_case_or_a_person",
                violation_error_message="Choose the case or the person the hold is on, not both",
            )
        ]

    def __str__(self) -> str:
        return f"Legal hold on {self.case.reference if self.case else self.service_user.reference}"


class Erasure(models.Model):
    """A case whose personal data was erased at the end of its retention period: the reference and dates stay."""

    case = models.OneToOneField("casework.Case", on_delete=models.PROTECT, related_name="erasure")
    erased_at = models.DateTimeField()
    months = models.PositiveIntegerField(help_text="The retention period that had passed")
    documents_removed = models.PositiveIntegerField(default=0)
    events_erased = models.PositiveIntegerField(default=0)

    def __str__(self) -> str:
        return f"{self.case.reference} erased {self.erased_at:%d %B %Y}"


class SubjectAccessRequest(models.Model):
    """A person asked for the data we hold about them; we answer within one month (UK GDPR Article 12(3))."""

    service_user = models.ForeignKey(
        "casework.ServiceUser", on_delete=models.PROTECT, related_name="subject_access_requests", verbose_name="the person"
    )
    received_on = models.DateField()
    due_on = models.DateField()
    logged_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    assigned_to = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="subject_access_requests")
    exported_at = models.DateTimeField(null=True, blank=True)
    export_sha256 = models.CharField(max_length=64, blank=True)

    class Meta:
        ordering = ["due_on", "id"]

    def __str__(self) -> str:
        return f"Subject access request {self.pk}, due {self.due_on:%d %B %Y}"
