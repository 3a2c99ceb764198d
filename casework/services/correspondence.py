"""Correspondence received on a feedback case: an email pasted, or a scanned letter or email
attached, logged with when it came, from whom, how and what it says. With the letters we sent, the
feedback's correspondence is complete both ways. The only writer of inbound correspondence."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.db import transaction
from django.utils import timezone

from casework.models import Attachment, AttachmentKind, FeedbackCase, InboundCorrespondence
from casework.read import access
from casework.services import uploads
from casework.services.attachments import checked_upload, may_attach, snapshot
from casework.services.audit import record_event
from casework.services.errors import Refused
from casework.services.intake import CORRESPONDENCE_FIELDS, input_refusals
from policy.decisions import Reason
from policy.facts import Channel

NOT_WORKING_ON_IT = "Only someone working on this feedback can log correspondence received"


@dataclass(frozen=True)
class Received:
    received_date: date | None
    sender: str
    channel: Channel | str | None
    summary: str
    text: str = ""


def correspondence_refusals(actor, feedback: FeedbackCase) -> list[Reason]:
    return [] if may_attach(actor, feedback) else [Reason("-", NOT_WORKING_ON_IT)]


def log_correspondence(actor, reference: str, received: Received, today: date, upload=None) -> InboundCorrespondence:
    """Log correspondence received, with its scan if one is attached; the feedback's state is left as it is."""
    feedback = access.feedback_for(actor, reference)  # NotFound for feedback they may not see
    checked, problems = None, correspondence_refusals(actor, feedback)
    if not problems:
        problems = input_refusals(CORRESPONDENCE_FIELDS, vars(received), today)
        if upload is not None:
            try:
                checked = checked_upload(upload, AttachmentKind.OTHER, "", "-")
            except Refused as refused:
                problems += refused.reasons
    if problems:
        raise Refused(reasons=tuple(problems))
    stored_name = uploads.store(checked) if checked else None
    try:
        with transaction.atomic(durable=True):
            row = InboundCorrespondence.objects.create(
                feedback_case=feedback,
                received_date=received.received_date,
                sender=received.sender.strip(),
                channel=Channel(received.channel).value,
                summary=received.summary.strip(),
                text=received.text.strip(),
                attachment=_attachment(feedback, actor, received, checked, stored_name) if checked else None,
                logged_by=actor,
                logged_at=timezone.now(),
            )
            record_event(
                actor,
                "log_correspondence",
                f"Logged correspondence from {row.sender} received {row.received_date:%-d %B %Y}",
                feedback_case=feedback,
                after={
                    "correspondence_id": row.pk,
                    "received_date": row.received_date,
                    "sender": row.sender,
                    "channel": row.channel,
                    "summary": row.summary,
                    "text": row.text,
                    "attachment": snapshot(row.attachment) if row.attachment else None,
                },
            )
    except BaseException:
        if stored_name:
            uploads.remove(stored_name)  # the rows were rolled back: keep no file that nothing points to
        raise
    return row


def _attachment(feedback: FeedbackCase, actor, received: Received, checked, stored_name: str) -> Attachment:
    return Attachment.objects.create(
        feedback_case=feedback,
        kind=AttachmentKind.OTHER,
        description=f"Correspondence from {received.sender.strip()}"[:200],
        original_name=checked.name,
        stored_name=stored_name,
        content_type=checked.content_type,
        size=checked.size,
        sha256=checked.sha256,
        uploaded_by=actor,
        uploaded_at=timezone.now(),
    )
