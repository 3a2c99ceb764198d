"""The people and organisations a case is about: service users, those acting for them, and the
organisations complained about. Flags that belong to a person (paras 22, 37) live here, so they
follow the person to every case of theirs."""

from __future__ import annotations

from datetime import date

from django.db import models
from django.db.models.functions import Upper

from casework.limits import LONG_TEXT


class ContactChannel(models.TextChoices):
    EMAIL = "email", "Email"
    POST = "post", "Post"
    PHONE = "phone", "Phone"


class ConsentForm(models.TextChoices):
    WRITTEN = "written", "Signed consent form or letter"
    EMAIL = "email", "Email"
    VERBAL = "verbal", "Verbal, recorded in a call note"


class ActingAs(models.TextChoices):
    REPRESENTATIVE = "representative", "Representative"
    MP = "mp", "Member of Parliament"


class ContactDetails(models.Model):
    """Where letters and emails reach someone."""

    address_lines = models.TextField(blank=True, help_text="One line of the address per line, without the postcode")
    postcode = models.CharField(max_length=10, blank=True)
    email = models.EmailField(blank=True)
    phone = models.CharField(max_length=30, blank=True)

    class Meta:
        abstract = True


class ServiceUser(ContactDetails):
    """The person who brought the complaint to us."""

    reference = models.CharField(max_length=20, unique=True)
    name = models.CharField(max_length=200, db_index=True)
    preferred_channel = models.CharField(max_length=10, choices=ContactChannel.choices, default=ContactChannel.POST)
    preferred_format = models.CharField(max_length=120, blank=True, help_text="For example, large print or Braille")
    reasonable_adjustments = models.TextField(blank=True, validators=LONG_TEXT)
    reviews_go_to_oat_first = models.BooleanField(
        default=False, help_text="OAT asked that any complaint about our decision is passed straight to them (para 37)"
    )
    behaviour_restricted_from = models.DateField(
        null=True, blank=True, help_text="Access to a review restricted under the unacceptable behaviour policy (para 22)"
    )
    behaviour_restriction_review = models.DateField(null=True, blank=True, help_text="When the restriction is next reviewed")

    class Meta:
        ordering = ["name", "reference"]
        indexes = [
            # A search finds a person by their reference in any case (`reference__iexact`).
            models.Index(Upper("reference"), name="serviceuser_reference_upper"),
        ]

    def __str__(self) -> str:
        return self.name

    def restricted_on(self, day: date) -> bool:
        """A restriction applies from its start date until it is lifted (its dates cleared)."""
        return self.behaviour_restricted_from is not None and self.behaviour_restricted_from <= day


class Representative(ContactDetails):
    """Someone acting for a service user (a representative or their MP), with the consent recorded."""

    service_user = models.ForeignKey(ServiceUser, on_delete=models.PROTECT, related_name="representatives")
    acting_as = models.CharField(max_length=20, choices=ActingAs.choices)
    name = models.CharField(max_length=200)
    organisation = models.CharField(max_length=200, blank=True, help_text="Their firm or charity, or an MP's constituency")
    consent_given_by = models.CharField(max_length=200, help_text="Who consented to them acting")
    consent_given_on = models.DateField()
    consent_form = models.CharField(max_length=10, choices=ConsentForm.choices)
    ended_on = models.DateField(null=True, blank=True, help_text="When they stopped acting for the service user")

    class Meta:
        ordering = ["name", "id"]

    def __str__(self) -> str:
        return f"{self.name} ({self.get_acting_as_display()} for {self.service_user})"

    def acting_on(self, day: date) -> bool:
        """They act until the day their acting ends."""
        return self.ended_on is None or day < self.ended_on


class Organisation(ContactDetails):
    """An organisation complained about."""

    name = models.CharField(max_length=200, db_index=True)

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name
