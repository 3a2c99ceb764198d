"""What we hold about a person, for a subject access request: their service user record and
those acting for them, every case of theirs with its feedback, letters, emails, documents,
correspondence received, file notes and audit events, and the events on their own audit chain."""

from __future__ import annotations

import io
import json
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass

from django.core.serializers.json import DjangoJSONEncoder
from django.db.models import Model, QuerySet
from django.forms.models import model_to_dict
from django.utils import timezone

from casework.models import Case, Event, FeedbackCase, ServiceUser
from casework.read.presenters import FeedbackPresenter
from casework.services import uploads
from casework.services.audit import chains_about_person


def cases_about(person: ServiceUser) -> QuerySet[Case]:
    return Case.objects.filter(service_user=person).select_related("organisation").order_by("reference")


def feedback_about(person: ServiceUser) -> QuerySet[FeedbackCase]:
    return FeedbackCase.objects.filter(case__service_user=person).select_related("case").order_by("reference")


@dataclass(frozen=True)
class Entry:
    """One file of the export and what it is."""

    path: str
    what: str
    reference: str
    content: bytes


def export_zip(person: ServiceUser) -> tuple[bytes, dict]:
    """The zip of every record about the person, and its index."""
    entries = list(_entries(person))
    index = {
        "person": {"reference": person.reference, "name": person.name},
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


def _entries(person: ServiceUser) -> Iterator[Entry]:
    yield from _person_entries(person)
    for case in cases_about(person):
        yield from _case_entries(case)
    for feedback in feedback_about(person):
        yield from _feedback_entries(feedback)


def _person_entries(person: ServiceUser) -> Iterator[Entry]:
    reference = person.reference
    yield Entry("person/record.json", "service user record", reference, _json(_fields(person)))
    representatives = [_fields(acting) for acting in person.representatives.all()]
    yield Entry("person/representatives.json", "representatives", reference, _json(representatives))
    events = Event.objects.filter(chain__in=chains_about_person(person.pk))
    yield Entry("person/audit.json", "audit events", reference, _events(events))


def _case_entries(case: Case) -> Iterator[Entry]:
    fields = {**_fields(case), "service_user": case.service_user.reference, "organisation": case.organisation.name}
    fields["decisions"] = [_fields(decision) for decision in case.decisions.all()]
    yield Entry(f"cases/{case.reference}.json", "case", case.reference, _json(fields))
    events = case.events.filter(feedback_case=None)
    yield Entry(f"cases/{case.reference}-audit.json", "audit events", case.reference, _events(events))


def _feedback_entries(feedback: FeedbackCase) -> Iterator[Entry]:
    folder, reference = f"feedback/{feedback.reference}", feedback.reference
    presented = FeedbackPresenter(feedback, timezone.localdate()).as_json()
    yield Entry(f"{folder}/feedback.json", "feedback", reference, _json(presented))
    for letter in feedback.letters.all():
        yield Entry(f"{folder}/letters/{letter.pk}.txt", "letter", reference, _letter_text(letter).encode())
    for email in feedback.emails.all():
        yield Entry(f"{folder}/emails/{email.pk}.json", "email", reference, _json(_fields(email)))
    for attachment in feedback.attachments.all():
        path = uploads.path_of(attachment.stored_name)
        content = path.read_bytes() if path.exists() else b""
        name = f"{folder}/documents/{attachment.pk}-{attachment.original_name.replace('/', '_')}"
        yield Entry(name, "document", reference, content)
    received = [_fields(item) for item in feedback.correspondence.all()]
    yield Entry(f"{folder}/correspondence.json", "correspondence received", reference, _json(received))
    notes = feedback.events.filter(action="file_note")
    yield Entry(f"{folder}/notes.json", "notes", reference, _events(notes))
    yield Entry(f"{folder}/audit.json", "audit events", reference, _events(feedback.events.all()))


def _letter_text(letter) -> str:
    return (
        f"To: {letter.addressee}\nAddress: {letter.address}\nEmail: {letter.recipient_email}\n"
        f"Copied to: {letter.copied_to}\nSent by: {letter.get_channel_display()}, {letter.get_status_display()}\n"
        f"Subject: {letter.subject}\n\n{letter.body}\n"
    )


def _fields(record: Model) -> dict:
    return {"id": record.pk, **model_to_dict(record)}


def _events(events: QuerySet[Event]) -> bytes:
    rows = events.order_by("id").values("id", "at", "actor_name", "action", "summary", "before", "after")
    return _json(list(rows))


def _json(value) -> bytes:
    return json.dumps(value, cls=DjangoJSONEncoder, indent=2, ensure_ascii=False).encode()
