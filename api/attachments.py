"""Documents on a feedback case: attach one (multipart), list them, and fetch one's bytes."""

# No `from __future__ import annotations`: ninja reads these views' annotations.

from typing import Literal

from django.http import FileResponse, HttpResponse
from django.urls import reverse
from ninja import File, Form, Router, Status, UploadedFile

from api.auth import caller
from api.idempotency import run_once
from api.schemas import (
    CSRF_FAILED,
    INVALID,
    NOT_FOUND,
    PRECONDITION_FAILED,
    UNAUTHORISED,
    UNREADABLE_UPLOAD,
    AttachmentOut,
    Reference,
    Text,
)
from api.versions import etag, if_match, tag
from casework.models import Attachment, AttachmentKind
from casework.people import name_of
from casework.services import uploads
from casework.services.attachments import attach_document, attachments_on, open_attachment

router = Router(tags=["attachments"])

# `Form[Text] = ""` loses its default (Text is itself Annotated), so the default is given this way.
NO_DESCRIPTION = Form("")

DocumentKind = Literal[tuple(AttachmentKind.values)]  # type: ignore[valid-type]

# Not JSON: declared by hand so that the schema (and schemathesis) expect the file's own bytes.
CONTENT_RESPONSE = {
    200: {
        "description": "The document's bytes, typed as detected when it was attached, as a download",
        "content": {content_type: {"schema": {"type": "string", "format": "binary"}} for content_type in uploads.ACCEPTED},
    }
}


@router.post(
    "/feedback/{reference}/attachments",
    response={
        201: AttachmentOut,
        **UNREADABLE_UPLOAD,
        **UNAUTHORISED,
        **CSRF_FAILED,
        **NOT_FOUND,
        **PRECONDITION_FAILED,
        **INVALID,
    },
    operation_id="attach_document",
)
def post_attachment(
    request,
    reference: Reference,
    response: HttpResponse,
    file: File[UploadedFile],
    kind: Form[DocumentKind],
    description: Text = NO_DESCRIPTION,
):
    """Attach a document (multipart/form-data): `grounds` for the grounds for review, marked 'Challenge to our
    decision' (para 38); `evidence` for supporting or new evidence (para 30); or `other`. A PDF, Word (.docx),
    JPEG, PNG or UTF-8 text file, whose name's extension matches its content, up to 10 MB by default.
    Send the feedback's `ETag` as `If-Match` to have it refused with 412 if anyone has acted since (a document
    leaves the version as it is), and an `Idempotency-Key` so that a retry returns the first response
    instead of attaching it twice."""
    user = caller(request)

    def act(keep):
        def kept(attachment):
            keep(render_attachment(attachment), {"ETag": etag(attachment.feedback_case.version)})

        attachment = attach_document(
            user, reference, file, kind, description, version=if_match(request), within=kept if keep else None
        )
        tag(response, attachment.feedback_case)
        return render_attachment(attachment)

    return Status(201, run_once(request, user, response, AttachmentOut, act, status=201))


@router.get(
    "/feedback/{reference}/attachments",
    response={200: list[AttachmentOut], **UNAUTHORISED, **NOT_FOUND},
    operation_id="list_attachments",
)
def list_attachments(request, reference: Reference):
    """The documents attached to a feedback case, oldest first."""
    return [render_attachment(attachment) for attachment in attachments_on(caller(request), reference)]


@router.get(
    "/feedback/{reference}/attachments/{attachment_id}/content",
    response={200: None, **UNAUTHORISED, **NOT_FOUND, **INVALID},
    operation_id="get_attachment_content",
    url_name="attachment-content",
    openapi_extra={"responses": CONTENT_RESPONSE},
)
def get_attachment_content(request, reference: Reference, attachment_id: int):
    """The document's bytes, as `Content-Disposition: attachment` with its uploaded name and `nosniff`."""
    attachment, handle = open_attachment(caller(request), reference, attachment_id)
    response = FileResponse(handle, as_attachment=True, filename=attachment.original_name, content_type=attachment.content_type)
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    return response


def render_attachment(attachment: Attachment) -> dict:
    return {
        "id": attachment.pk,
        "kind": attachment.kind,
        "kind_label": attachment.get_kind_display(),
        "description": attachment.description,
        "name": attachment.original_name,
        "content_type": attachment.content_type,
        "size": attachment.size,
        "sha256": attachment.sha256,
        "active_content": attachment.active_content,
        "uploaded_by": name_of(attachment.uploaded_by),
        "uploaded_at": attachment.uploaded_at,
        "content_url": reverse("api:attachment-content", args=[attachment.feedback_case.reference, attachment.pk]),
    }
