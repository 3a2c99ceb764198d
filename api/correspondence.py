"""A feedback case's correspondence both ways: list it, and log correspondence received (multipart)."""

# No `from __future__ import annotations`: ninja reads these views' annotations.

from dataclasses import asdict
from datetime import date

from django.utils import timezone
from ninja import File, Form, Router, Status, UploadedFile

from api.auth import caller
from api.schemas import CSRF_FAILED, INVALID, NOT_FOUND, UNAUTHORISED, UNREADABLE_UPLOAD, CorrespondenceOut, Reference, Text
from casework.read.access import contents_for
from casework.read.correspondence import Item, correspondence_history, received_item
from casework.services.correspondence import Received, log_correspondence
from policy.facts import Channel

router = Router(tags=["feedback"])

# `Form[Text] = ""` loses its default (Text is itself Annotated), so the default is given this way.
NOTHING = Form("")


@router.get(
    "/feedback/{reference}/correspondence",
    response={200: list[CorrespondenceOut], **UNAUTHORISED, **NOT_FOUND},
    operation_id="list_correspondence",
)
def list_correspondence(request, reference: Reference):
    """The letters we sent and the correspondence received, oldest first: what was said, so not for
    those who see a case's facts alone (shared services)."""
    return [render_item(item) for item in correspondence_history(contents_for(caller(request), reference))]


@router.post(
    "/feedback/{reference}/correspondence",
    response={201: CorrespondenceOut, **UNREADABLE_UPLOAD, **UNAUTHORISED, **CSRF_FAILED, **NOT_FOUND, **INVALID},
    operation_id="log_correspondence",
)
def post_correspondence(
    request,
    reference: Reference,
    received_date: Form[date | None] = None,
    channel: Form[Channel | None] = None,
    sender: Text = NOTHING,
    summary: Text = NOTHING,
    text: Text = NOTHING,
    file: File[UploadedFile] = None,
):
    """Log correspondence received (multipart/form-data): when, from whom, how, a summary, and the email as
    pasted or a scan of it as `file` (checked as attachments are). Only by someone working on the feedback;
    missing or impossible values are refused with 422, naming the field."""
    row = log_correspondence(
        caller(request),
        reference,
        Received(received_date, sender, channel, summary, text),
        timezone.localdate(),
        upload=file,
    )
    return Status(201, render_item(received_item(row)))


def render_item(item: Item) -> dict:
    return {**asdict(item), "direction": str(item.direction)}
