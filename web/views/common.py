"""What the page views share: today's date, and turning a refusal into GOV.UK errors."""

from __future__ import annotations

from datetime import date

from django import forms
from django.utils import timezone

from casework.services.errors import Refused


def today() -> date:
    return timezone.localdate()


def summary_errors(form: forms.Form | None, refused: Refused | None = None, field_names=()) -> list[dict]:
    """The error summary's entries: each links to its field, and a rule's paragraph is shown."""
    entries = []
    if form is not None:
        for name, messages in form.errors.items():
            entries += [
                {"message": message, "anchor": f"field-{name}" if name in field_names else "", "paragraph": ""}
                for message in messages
            ]
    if refused is not None:
        for reason in refused.reasons:
            anchor = f"field-{reason.field}" if reason.field in field_names else ""
            entries.append(
                {"message": reason.text, "anchor": anchor, "paragraph": reason.paragraph if reason.paragraph != "-" else ""}
            )
    return entries
