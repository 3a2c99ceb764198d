"""Django forms made from the workflow declaration, and the GOV.UK date input.

The forms only parse what was typed (a real date, a known choice). Whether a fact is required
is the policy's business: `policy.workflows.validate` refuses a missing one, citing its paragraph.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from django import forms

from casework.limits import LONG_TEXT_MAX_LENGTH, TEXT_MAX_LENGTH
from casework.models import AttachmentKind
from casework.services.intake import CORRESPONDENCE_FIELDS, FOLLOW_UP_FIELDS
from policy.workflows import Action, Field, FieldKind

YES_NO = [("yes", "Yes"), ("no", "No")]


class DatePartsWidget(forms.MultiWidget):
    def __init__(self):
        super().__init__({"day": forms.TextInput, "month": forms.TextInput, "year": forms.TextInput})

    def decompress(self, value):
        return [value.day, value.month, value.year] if value else [None, None, None]


class GovukDateField(forms.MultiValueField):
    """Day, month and year in three boxes, as the GOV.UK date input pattern asks."""

    widget = DatePartsWidget

    def __init__(self, label: str, **kwargs):
        self.label_text = label
        fields = (forms.CharField(required=False), forms.CharField(required=False), forms.CharField(required=False))
        super().__init__(fields, require_all_fields=False, required=False, **kwargs)

    def compress(self, parts):
        if not parts or not any(parts):
            return None
        day, month, year = (str(part or "").strip() for part in parts)
        if not (day and month and year):
            missing = [name for name, part in zip(("day", "month", "year"), (day, month, year), strict=True) if not part]
            raise forms.ValidationError(f"{self.label_text} must include a {' and '.join(missing)}")
        try:
            return date(int(year), int(month), int(day))
        except ValueError:
            raise forms.ValidationError(f"{self.label_text} must be a real date")


def _django_field(spec: Field) -> forms.Field:
    if spec.kind == FieldKind.DATE:
        return GovukDateField(spec.label)
    if spec.kind == FieldKind.CHOICE:
        return forms.ChoiceField(choices=[("", ""), *spec.offered], required=False)
    if spec.kind == FieldKind.CHOICES:
        return forms.MultipleChoiceField(choices=spec.offered, required=False)
    if spec.kind == FieldKind.YES_NO:
        return forms.TypedChoiceField(choices=YES_NO, coerce=lambda value: value == "yes", required=False, empty_value=None)
    return forms.CharField(
        required=False, max_length=TEXT_MAX_LENGTH if spec.kind == FieldKind.TEXT else LONG_TEXT_MAX_LENGTH, strip=True
    )


def action_form_class(action: Action) -> type[forms.Form]:
    return type(f"{action.name}Form", (forms.Form,), {spec.name: _django_field(spec) for spec in action.fields})


def log_feedback_form_class(specs: tuple[Field, ...]) -> type[forms.Form]:
    return type("LogFeedbackForm", (forms.Form,), {spec.name: _django_field(spec) for spec in specs})


def record_form_class(specs: tuple[Field, ...]) -> type[forms.Form]:
    """A form for the fields of a record (a case, a service user) a person may change."""
    return type("RecordForm", (forms.Form,), {spec.name: _django_field(spec) for spec in specs})


def follow_up_form_class() -> type[forms.Form]:
    return type("FollowUpForm", (forms.Form,), {spec.name: _django_field(spec) for spec in FOLLOW_UP_FIELDS})


def correspondence_form_class() -> type[forms.Form]:
    """The declared fields, and a scan of the letter or email (checked by the use case, in its words)."""
    fields = {spec.name: _django_field(spec) for spec in CORRESPONDENCE_FIELDS}
    return type("CorrespondenceForm", (forms.Form,), {**fields, "file": forms.FileField(required=False, allow_empty_file=True)})


@dataclass(frozen=True)
class FieldRow:
    """One field ready for the page: its declaration, what was typed, and its error."""

    spec: Field
    id: str
    value: Any
    error: str
    parts: tuple[str, str, str] = ("", "", "")

    @property
    def choice_options(self) -> tuple[tuple[str, str], ...]:
        return tuple(YES_NO) if self.spec.kind == FieldKind.YES_NO else self.spec.offered

    @property
    def date_boxes(self) -> list[tuple[str, str, str, str]]:
        """Each box of a date input: name suffix, label, width class, value."""
        return [("day", "Day", "2", self.parts[0]), ("month", "Month", "2", self.parts[1]), ("year", "Year", "4", self.parts[2])]

    @property
    def values(self) -> list[str]:
        return [str(v) for v in self.value] if isinstance(self.value, (list, tuple)) else []


def field_rows(form: forms.Form, specs: tuple[Field, ...], extra_errors: dict[str, list[str]]) -> list[FieldRow]:
    rows = []
    for spec in specs:
        bound = form[spec.name]
        errors = list(form.errors.get(spec.name, [])) + extra_errors.get(spec.name, [])
        value = bound.value()
        parts = ("", "", "")
        if spec.kind == FieldKind.DATE:
            raw = value if isinstance(value, (list, tuple)) else bound.field.widget.decompress(value)
            parts = tuple("" if part is None else str(part) for part in raw)  # type: ignore[assignment]
        if spec.kind == FieldKind.YES_NO and isinstance(value, bool):
            value = "yes" if value else "no"
        rows.append(FieldRow(spec, f"field-{spec.name}", value, errors[0] if errors else "", parts))
    return rows


class AttachmentForm(forms.Form):
    """Parses the upload form; whether the file and kind are acceptable is the use case's call."""

    file = forms.FileField(required=False, allow_empty_file=True)  # an empty file is refused by the use case, in its words
    kind = forms.CharField(required=False)
    description = forms.CharField(required=False, strip=True)


ATTACHMENT_FIELDS = (
    Field(
        "kind",
        "What is the document?",
        FieldKind.CHOICE,
        choices=tuple(AttachmentKind.choices),
        hint="Grounds for review are marked 'Challenge to our decision' (para 38)",
        required_by="38",
    ),
    Field(
        "description",
        "Description",
        FieldKind.TEXT,
        hint="For example, letter from their GP dated 3 March 2026",
    ),
)
