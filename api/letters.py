"""A feedback case's letters: list them, read one, and, as its author, edit a draft and send it,
through the use cases of the letter page with the same permissions."""

# No `from __future__ import annotations`: ninja reads these views' annotations.

from django.http import HttpResponse
from django.urls import reverse
from ninja import Router

from api.auth import caller
from api.idempotency import run_once
from api.schemas import (
    CSRF_FAILED,
    INVALID,
    NOT_FOUND,
    PRECONDITION_FAILED,
    UNAUTHORISED,
    LetterDetailOut,
    LetterEditIn,
    LetterOut,
    LetterSendIn,
    Reference,
)
from api.versions import etag, if_match, tag
from casework.models import Letter
from casework.people import name_of
from casework.read import access
from casework.services.letters import edit_letter, may_edit, may_send, send_letter

router = Router(tags=["letters"])

EMAIL_FIELDS = ("status", "attempts", "last_error", "next_attempt_at", "claimed_until", "delivered_at")


@router.get(
    "/feedback/{reference}/letters", response={200: list[LetterOut], **UNAUTHORISED, **NOT_FOUND}, operation_id="list_letters"
)
def list_letters(request, reference: Reference):
    """The letters of a feedback case, oldest first: drafts, and those sent. Not for shared services, who see the facts."""
    feedback = access.contents_for(caller(request), reference)
    return [render_summary(letter) for letter in feedback.letters.all()]


@router.get(
    "/feedback/{reference}/letters/{letter_id}",
    response={200: LetterDetailOut, **UNAUTHORISED, **NOT_FOUND, **INVALID},
    operation_id="get_letter",
)
def get_letter(request, reference: Reference, letter_id: int, response: HttpResponse):
    """One letter: its words, what the guidance requires it to keep (citing the paragraph), whether the
    caller may edit or send it, and each email that carried it. The `ETag` is its version."""
    user = caller(request)
    letter = access.letter_for(user, reference, letter_id)
    tag(response, letter)
    return render_letter(letter, user)


@router.patch(
    "/feedback/{reference}/letters/{letter_id}",
    response={200: LetterDetailOut, **UNAUTHORISED, **CSRF_FAILED, **NOT_FOUND, **PRECONDITION_FAILED, **INVALID},
    operation_id="edit_letter",
)
def patch_letter(request, reference: Reference, letter_id: int, payload: LetterEditIn, response: HttpResponse):
    """Edit a draft's `subject` or `body` (its author only). Removing a passage the guidance requires,
    or a blank or over-long subject or text, is refused with 422 naming the field and the paragraph.
    Send the letter's `ETag` as `If-Match` to have the edit refused with 412 if the letter changed since."""
    user = caller(request)
    letter = access.letter_for(user, reference, letter_id)
    subject = letter.subject if payload.subject is None else payload.subject
    body = letter.body if payload.body is None else payload.body
    letter = edit_letter(user, reference, letter_id, subject, body, version=if_match(request))
    tag(response, letter)
    return render_letter(letter, user)


@router.post(
    "/feedback/{reference}/letters/{letter_id}/send",
    response={200: LetterDetailOut, **UNAUTHORISED, **CSRF_FAILED, **NOT_FOUND, **PRECONDITION_FAILED, **INVALID},
    operation_id="send_letter",
)
def post_send_letter(request, reference: Reference, letter_id: int, payload: LetterSendIn, response: HttpResponse):
    """Send a draft, or send again one not delivered (its author only): by `email` (queued, and delivered
    once the mail server takes it) or to print and `post`. A missing channel or a malformed address is
    refused with 422 naming the field. `If-Match` as for an edit; send an `Idempotency-Key` so that a
    retry returns the first response instead of sending twice."""
    user = caller(request)

    def act(keep):
        def kept(letter):
            keep(render_letter(letter, user), {"ETag": etag(letter.version)})

        letter = send_letter(
            user,
            reference,
            letter_id,
            payload.channel or "",
            email=payload.email,
            address=payload.address,
            version=if_match(request),
            within=kept if keep else None,
        )
        tag(response, letter)
        return render_letter(letter, user)

    return run_once(request, user, response, LetterDetailOut, act)


def render_summary(letter: Letter) -> dict:
    return {name: getattr(letter, name) for name in LetterOut.model_fields}


def render_letter(letter: Letter, user) -> dict:
    reference = letter.feedback_case.reference
    return {
        **{name: getattr(letter, name) for name in LetterDetailOut.model_fields if hasattr(Letter, name)},
        "created_by": name_of(letter.created_by),
        "may_edit": may_edit(user, letter),
        "may_send": may_send(user, letter),
        "emails": [{name: getattr(email, name) for name in EMAIL_FIELDS} for email in letter.emails.all()],
        "pdf_url": reverse("api:get_letter_pdf", args=[reference, letter.pk]),
    }
