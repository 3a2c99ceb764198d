"""What we hold about a person, for a subject access request: found by one function, `cases_about`,
so that when service users become records of their own only that function changes."""

from __future__ import annotations

import io
import json
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass

from django.core.serializers.json import DjangoJSONEncoder
from django.db.models import QuerySet
from django.utils import timezone

from casework.models import Case, Event, FeedbackCase
from casework.read.presenters import FeedbackPresenter
from casework.services import uploads


def cases_about(person: str) -> QuerySet[Case]:
    """The cases about this person: today, those naming them as the service user."""
    return Case.objects.filter(service_user__iexact=person.strip()).order_by("reference")


def feedback_about(person: str) -> QuerySet[FeedbackCase]:
    return FeedbackCase.objects.filter(case__in=cases_about(person)).select_related("case").order_by("reference")


@dataclass(frozen=True)
class Entry:
    """One file of the export and what it is."""

    path: str
    what: str
    reference: str
    content: bytes


def export_zip(person: str) -> tuple[bytes, dict]:
    """The zip of every case, feedback, letter, document, note and audit event about the person, and its index."""
    entries = list(_entries(person))
    index = {
        "person": person,
        "generated_at": timezone.now(),
        "files": [{"path": entry.path, "what": entry.what, "reference": entry.reference} for entry in entries],
        "counts": _counts(entries),
    }
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("index.json", _json(index))
        for entry in entries:
            archive.writestr(entry.path, entry.content)
    return buffer.getvalue(), index


def _counts(entries: list[Entry]) -> dict[str, int]:
    counts: dict[str, int] = {}
    for entry in entries:
        counts[entry.what] = counts.get(entry.what, 0) + 1
    return counts


def _entries(person: str) -> Iterator[Entry]:
    today = timezone.localdate()
    for case in cases_about(person):
        fields = {field.name: getattr(case, field.attname) for field in case._meta.concrete_fields}
        yield Entry(f"cases/{case.reference}.json", "case", case.reference, _json(fields))
        yield Entry(
            f"cases/{case.reference}-audit.json", "audit events", case.reference, _events(case.events.filter(feedback_case=None))
        )
    for feedback in feedback_about(person):
        folder = f"feedback/{feedback.reference}"
        yield Entry(
            f"{folder}/feedback.json", "feedback", feedback.reference, _json(FeedbackPresenter(feedback, today).as_json())
        )
        for letter in feedback.letters.all():
            text = f"To: {letter.addressee}\nCopied to: {letter.copied_to}\nSubject: {letter.subject}\n\n{letter.body}\n"
            yield Entry(f"{folder}/letters/{letter.pk}.txt", "letter", feedback.reference, text.encode())
        for attachment in feedback.attachments.all():
            path = uploads.path_of(attachment.stored_name)
            content = path.read_bytes() if path.exists() else b""
            name = f"{folder}/documents/{attachment.pk}-{attachment.original_name.replace('/', '_')}"
            yield Entry(name, "document", feedback.reference, content)
        notes = feedback.events.filter(action="file_note")
        yield Entry(f"{folder}/notes.json", "notes", feedback.reference, _events(notes))
        yield Entry(f"{folder}/audit.json", "audit events", feedback.reference, _events(feedback.events.all()))


def _events(events: QuerySet[Event]) -> bytes:
    rows = events.order_by("id").values("id", "at", "actor_name", "action", "summary", "before", "after")
    return _json(list(rows))


def _json(value) -> bytes:
    return json.dumps(value, cls=DjangoJSONEncoder, indent=2, ensure_ascii=False).encode()
