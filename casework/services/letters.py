"""A drafted letter's life: its author checks and edits it, then sends it by email or for posting."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.db.models import F
from django.utils import timezone

from casework.models import Letter
from casework.people import name_of
from casework.read import access
from casework.services.audit import record_event
from casework.services.errors import Conflict, Refused
from casework.services.outbox import queue_email
from policy.decisions import Reason
from policy.letters import Passage, edit_refusals

NOT_THE_GUIDANCE = "-"  # a rule of the service, not a paragraph of the guidance
SUBJECT_LIMIT = Letter._meta.get_field("subject").max_length
BODY_LIMIT = 20_000
# Who may do what to a letter: its author, while it has these statuses.
EDITABLE = (Letter.Status.DRAFT,)
SENDABLE = (Letter.Status.DRAFT, Letter.Status.FAILED)  # a letter not delivered may be sent again


def may_edit(user, letter: Letter) -> bool:
    return letter.status in EDITABLE and letter.created_by_id == user.pk


def may_send(user, letter: Letter) -> bool:
    return letter.status in SENDABLE and letter.created_by_id == user.pk


def edit_letter(actor, reference: str, letter_id: int, subject: str, body: str, *, version: int | None = None) -> Letter:
    """Change a draft's subject and text; what the guidance requires it to say stays. `version` is
    the letter's version the change was made from: if it has changed since, nothing is (Conflict)."""
    subject, body = (subject or "").strip(), (body or "").replace("\r\n", "\n").strip()
    problems = []
    if not subject:
        problems.append(Reason(NOT_THE_GUIDANCE, "Enter the subject of the letter", field="subject"))
    elif len(subject) > SUBJECT_LIMIT:
        problems.append(Reason(NOT_THE_GUIDANCE, f"Shorten the subject to {SUBJECT_LIMIT} characters or fewer", field="subject"))
    if not body:
        problems.append(Reason(NOT_THE_GUIDANCE, "Enter the text of the letter", field="body"))
    elif len(body) > BODY_LIMIT:
        problems.append(Reason(NOT_THE_GUIDANCE, f"Shorten the letter to {BODY_LIMIT:,} characters or fewer", field="body"))
    with transaction.atomic(durable=True):
        letter = _draft(actor, reference, letter_id, version=version)
        if body:
            problems.extend(edit_refusals([Passage(**passage) for passage in letter.required_passages], body))
        if problems:
            raise Refused(reasons=tuple(problems))
        before = {"subject": letter.subject, "body": letter.body}
        letter.subject, letter.body = subject, body
        _save(letter, "subject", "body")
        record_event(
            actor,
            "edit_letter",
            f"Edited the draft letter '{subject}' to {letter.addressee}",
            feedback_case=letter.feedback_case,
            before={"letter": letter.pk, **before},
            after={"letter": letter.pk, "subject": subject, "body": body},
        )
    return letter


def send_letter(
    actor,
    reference: str,
    letter_id: int,
    channel: str,
    *,
    email: str = "",
    address: str = "",
    version: int | None = None,
    within: Callable[[Letter], None] | None = None,
) -> Letter:
    """Send a draft: by email through the outbox (delivered after this commits), or for printing
    and posting (the PDF carries the address block; the posting date is recorded after).
    `version` as for an edit; `within` runs last, inside the transaction."""
    email, address = (email or "").strip(), (address or "").replace("\r\n", "\n").strip()
    if channel not in (Letter.Channel.EMAIL, Letter.Channel.POST):
        raise Refused(reasons=(Reason(NOT_THE_GUIDANCE, "Select how to send the letter", field="channel"),))
    if channel == Letter.Channel.EMAIL:
        try:
            validate_email(email)
        except ValidationError:
            raise Refused(
                reasons=(
                    Reason(
                        NOT_THE_GUIDANCE, "Enter an email address in the correct format, like name@example.com", field="email"
                    ),
                )
            )
    with transaction.atomic(durable=True):
        letter = _draft(actor, reference, letter_id, sending=True, version=version)
        was = letter.status
        letter.channel, letter.sent_by, letter.sent_at = channel, actor, timezone.now()
        if channel == Letter.Channel.EMAIL:
            letter.status, letter.recipient_email = Letter.Status.QUEUED, email
            queue_email(to=[email], subject=letter.subject, body=letter.body, letter=letter)
            how = f"by email to {email}"
        else:
            letter.status, letter.address = Letter.Status.TO_POST, address or letter.address
            how = "to print and post"
        _save(letter, "channel", "sent_by", "sent_at", "status", "recipient_email", "address")
        record_event(
            actor,
            "send_letter",
            f"Sent the letter '{letter.subject}' to {letter.addressee} {how}",
            feedback_case=letter.feedback_case,
            before={"letter": letter.pk, "status": was},
            after={"letter": letter.pk, "status": letter.status, "channel": channel, "email": email, "address": letter.address},
        )
        if within is not None:
            within(letter)
    return letter


def record_posted(actor, reference: str, letter_id: int, posted_on: date | None, today: date) -> Letter:
    """The day a letter printed for posting went in the post."""
    if posted_on is None:
        raise Refused(reasons=(Reason(NOT_THE_GUIDANCE, "Enter the date the letter was posted", field="posted_on"),))
    if posted_on > today:
        raise Refused(reasons=(Reason(NOT_THE_GUIDANCE, "The date posted must be today or in the past", field="posted_on"),))
    with transaction.atomic(durable=True):
        letter = _locked(actor, reference, letter_id)
        if letter.status != Letter.Status.TO_POST:
            raise Refused(reasons=(Reason(NOT_THE_GUIDANCE, "This letter is not waiting to be posted"),))
        if posted_on < letter.sent_at.date():
            raise Refused(
                reasons=(Reason(NOT_THE_GUIDANCE, "The date posted cannot be before the letter was sent", field="posted_on"),)
            )
        letter.status, letter.posted_on = Letter.Status.POSTED, posted_on
        _save(letter, "status", "posted_on")
        record_event(
            actor,
            "record_letter_posted",
            f"The letter '{letter.subject}' to {letter.addressee} was posted on {posted_on:%-d %B %Y}",
            feedback_case=letter.feedback_case,
            before={"letter": letter.pk, "status": Letter.Status.TO_POST},
            after={"letter": letter.pk, "status": letter.status, "posted_on": posted_on},
        )
    return letter


def _locked(actor, reference: str, letter_id: int) -> Letter:
    access.letter_for(actor, reference, letter_id)  # NotFound unless this person may see it
    return Letter.objects.select_for_update().select_related("feedback_case__case", "created_by").get(pk=letter_id)


def _draft(actor, reference: str, letter_id: int, *, sending: bool = False, version: int | None = None) -> Letter:
    """The letter, locked, if this person wrote it and may now edit it (or send it), and it is at `version`."""
    letter = _locked(actor, reference, letter_id)
    if letter.status not in (SENDABLE if sending else EDITABLE):
        raise Refused(reasons=(Reason(NOT_THE_GUIDANCE, f"This letter has been sent: it is '{letter.get_status_display()}'"),))
    if letter.created_by_id != actor.pk:
        raise Refused(
            reasons=(
                Reason(NOT_THE_GUIDANCE, f"Only {name_of(letter.created_by)}, who drafted this letter, can change or send it"),
            )
        )
    if version is not None and version != letter.version:
        latest = letter.feedback_case.events.filter(after__letter=letter.pk).order_by("-id").first()
        raise Conflict(f"the letter '{letter.subject}'", letter.version, latest)
    return letter


def _save(letter: Letter, *fields: str) -> None:
    Letter.objects.filter(pk=letter.pk).update(version=F("version") + 1, **{name: getattr(letter, name) for name in fields})
    letter.version += 1
