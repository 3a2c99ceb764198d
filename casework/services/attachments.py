"""Attaching documents to feedback: the grounds for review, marked 'Challenge to our decision'
(para 38), and supporting or new evidence (para 30). The only writer of attachments."""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import BinaryIO

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from casework.models import Attachment, AttachmentKind, FeedbackCase
from casework.read import access
from casework.services import uploads
from casework.services.audit import record_event
from casework.services.errors import Conflict, NotFound, Refused
from policy.decisions import Reason
from policy.facts import Role

logger = logging.getLogger(__name__)

# The people who work on feedback; others who may read it (the Ombudsman, directors) only read.
WORKING_ROLES = {Role.CASEWORKER, Role.MANAGER, Role.OAT, Role.LEGAL, Role.JOINT_WORKING}

# The paragraph behind each kind of document; "-" where no paragraph asks for it.
PARAGRAPHS = {AttachmentKind.GROUNDS: "38", AttachmentKind.EVIDENCE: "30", AttachmentKind.OTHER: "-"}

MAX_DESCRIPTION = 200


def may_attach(actor, feedback: FeedbackCase) -> bool:
    return bool(access.roles_on(actor, feedback) & WORKING_ROLES)


def attach_document(
    actor,
    reference: str,
    upload,
    kind: str,
    description: str,
    *,
    version: int | None = None,
    within: Callable[[Attachment], None] | None = None,
) -> Attachment:
    """Check, keep and record one document on a feedback case the actor works on.

    `version` is the feedback's version the person sent it from: if anyone has acted on the
    feedback since, nothing is kept (Conflict). A document changes none of the feedback's own
    fields, so the version stays as it is. `within` runs last, inside the transaction.
    """
    feedback = access.feedback_for(actor, reference)  # NotFound for a case they may not see
    paragraph = PARAGRAPHS.get(kind, "-")
    if not may_attach(actor, feedback):
        raise Refused(reasons=(Reason(paragraph, "Only someone working on this feedback can attach a document"),))
    _check_version(feedback, version)  # before the file is read and kept
    checked = checked_upload(upload, kind, description, paragraph)
    stored_name = uploads.store(checked)
    try:
        with transaction.atomic(durable=True):
            feedback = FeedbackCase.objects.select_for_update().get(pk=feedback.pk)
            _check_version(feedback, version)  # and again, under the lock, for anyone acting meanwhile
            attachment = Attachment.objects.create(
                feedback_case=feedback,
                kind=kind,
                description=description.strip(),
                original_name=checked.name,
                stored_name=stored_name,
                content_type=checked.content_type,
                size=checked.size,
                sha256=checked.sha256,
                active_content="; ".join(checked.active_content),
                uploaded_by=actor,
                uploaded_at=timezone.now(),
            )
            record_event(
                actor,
                "attach_document",
                f"Attached {attachment.get_kind_display().lower()}: {attachment.original_name}",
                feedback_case=feedback,
                after=snapshot(attachment),
            )
            if within is not None:
                within(attachment)
    except BaseException:
        uploads.remove(stored_name)  # the row was rolled back: keep no file that nothing points to
        raise
    return attachment


def _check_version(feedback: FeedbackCase, version: int | None) -> None:
    if version is not None and version != feedback.version:
        raise Conflict(feedback.reference, feedback.version, feedback.events.order_by("-id").first())


def checked_upload(upload, kind: str, description: str, paragraph: str) -> uploads.CheckedFile:
    """Every input problem at once, each naming its field."""
    problems = []
    if kind not in AttachmentKind.values:
        problems.append(Reason("-", "Select what the document is", field="kind"))
    if len(description.strip()) > MAX_DESCRIPTION:
        problems.append(Reason(paragraph, f"The description must be {MAX_DESCRIPTION} characters or fewer", field="description"))
    checked = None
    if upload is None:
        problems.append(Reason(paragraph, "Select a file", field="file"))
    else:
        try:
            checked = uploads.check(upload, settings.REDRESS_MAX_UPLOAD_BYTES)
        except uploads.Unacceptable as problem:
            problems.append(Reason(paragraph, str(problem), field="file"))
    if problems or checked is None:
        raise Refused(reasons=tuple(problems))
    return checked


def snapshot(attachment: Attachment) -> dict:
    return {
        "attachment": attachment.pk,
        "kind": attachment.kind,
        "description": attachment.description,
        "original_name": attachment.original_name,
        "stored_name": attachment.stored_name,
        "content_type": attachment.content_type,
        "size": attachment.size,
        "sha256": attachment.sha256,
        "active_content": attachment.active_content,
    }


def attachments_on(actor, reference: str):
    """The documents on a feedback case the actor may see, oldest first."""
    return access.contents_for(actor, reference).attachments.select_related("uploaded_by")


def open_attachment(actor, reference: str, attachment_id: int) -> tuple[Attachment, BinaryIO]:
    """The document and its bytes, for someone who may see the feedback. The caller closes the file."""
    attachment = attachments_on(actor, reference).filter(pk=attachment_id).first()
    if attachment is None:
        raise NotFound(f"No document {attachment_id} on feedback {reference} that you can see")
    try:
        return attachment, uploads.path_of(attachment.stored_name).open("rb")
    except FileNotFoundError:
        logger.error("The file of attachment %s (%s) is missing from the uploads folder", attachment.pk, attachment.stored_name)
        raise NotFound(f"The file of document {attachment_id} is missing") from None
