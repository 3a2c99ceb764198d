"""What is asked when feedback or a follow-up contact is logged, declared once: the page builds its
form from these fields and the use cases refuse by them, in the same words on the page and in the API."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import Any

from casework.read.presenters import CHANNEL_LABELS
from policy.decisions import Reason
from policy.facts import FeedbackKind
from policy.workflows import Field, FieldKind

CHANNEL_CHOICES = tuple(CHANNEL_LABELS.items())


def _contact_fields(what: str, paragraph: str) -> tuple[Field, ...]:
    """The date, the channel and the words of a contact: each required by `paragraph`."""
    return (
        Field(
            "received_date",
            "Date received",
            FieldKind.DATE,
            hint="For example, 27 11 2026",
            required_by=paragraph,
            missing=f"Enter the date the {what} was received",
        ),
        Field(
            "channel",
            "How it came in",
            FieldKind.CHOICE,
            choices=CHANNEL_CHOICES,
            required_by=paragraph,
            missing=f"Select how the {what} came in",
        ),
        Field(
            "summary",
            "What the service user said",
            hint="The main contents of the email, letter or call",
            required_by=paragraph,
            missing="Enter what the service user said",
        ),
    )


LOG_FEEDBACK_FIELDS = (
    *_contact_fields("feedback", "7"),
    Field(
        "reasonable_adjustments",
        "Reasonable adjustments",
        hint="For example, a challenge given by phone that we write down for them (para 31)",
    ),
    Field(
        "jr_in_prospect",
        "Is the service user considering Judicial Review?",
        FieldKind.YES_NO,
        hint="If so, OAT seek the Legal Team's advice first (para 70)",
    ),
)

FOLLOW_UP_FIELDS = (
    *_contact_fields("follow-up contact", "75"),
    Field(
        "response",
        "What we decided to do",
        hint="Whether we will respond, and how: it is decided case by case (para 75)",
    ),
)


# Correspondence received on a feedback case: no paragraph asks for it, so refusals cite none ("-").
CORRESPONDENCE_FIELDS = (
    Field(
        "received_date",
        "Date received",
        FieldKind.DATE,
        hint="For example, 27 11 2026",
        required_by="-",
        missing="Enter the date the correspondence was received",
    ),
    Field(
        "sender",
        "Who it is from",
        FieldKind.TEXT,
        hint="For example, the service user, their representative or MP, or the organisation",
        required_by="-",
        missing="Enter who the correspondence is from",
    ),
    Field(
        "channel",
        "How it came in",
        FieldKind.CHOICE,
        choices=CHANNEL_CHOICES,
        required_by="-",
        missing="Select how the correspondence came in",
    ),
    Field("summary", "Summary", hint="What it says, in a few lines", required_by="-", missing="Enter a summary"),
    Field("text", "The email or letter as received", hint="Paste an email here, or attach a scan of a letter below"),
)


def log_feedback_fields(kind: FeedbackKind) -> tuple[Field, ...]:
    """Judicial Review is asked about only for a complaint about our decision (para 70)."""
    if kind == FeedbackKind.DECISION_COMPLAINT:
        return LOG_FEEDBACK_FIELDS
    return tuple(spec for spec in LOG_FEEDBACK_FIELDS if spec.name != "jr_in_prospect")


def input_refusals(fields: tuple[Field, ...], inputs: Mapping[str, Any], today: date) -> list[Reason]:
    """A required answer missing or not among the choices, a date received still to come, or text too long."""
    refusals = []
    for field in fields:
        value = inputs.get(field.name)
        limit = field.max_length
        if limit and isinstance(value, str) and len(value) > limit:
            paragraph = field.required_by or fields[0].required_by or "-"
            refusals.append(
                Reason(paragraph, f"Shorten {field.label.lower()} to {limit:,} characters or fewer", field=field.name)
            )
            continue
        if not field.required_by:
            continue
        if value is None or (isinstance(value, str) and not value.strip()):
            refusals.append(Reason(field.required_by, field.missing, field=field.name))
        elif field.choices and value not in {choice for choice, _ in field.choices}:
            refusals.append(Reason(field.required_by, field.missing, field=field.name))
        elif field.kind == FieldKind.DATE and value > today:
            refusals.append(
                Reason(field.required_by, f"The {field.label.lower()} must be today or in the past", field=field.name)
            )
    return refusals
