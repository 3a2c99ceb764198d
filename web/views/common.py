"""What the page views share: today's date, the 404 for what cannot be seen, and turning a refusal
into GOV.UK errors."""

from __future__ import annotations

import functools
from datetime import date

from django import forms
from django.http import Http404
from django.utils import timezone

from casework.services.errors import NotFound, Refused


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


def not_found_is_404(view):
    """What a person may not see is, to them, not there: a record not found is the 404 page."""

    @functools.wraps(view)
    def wrapped(request, *args, **kwargs):
        try:
            return view(request, *args, **kwargs)
        except NotFound as error:
            raise Http404(str(error)) from None

    return wrapped
