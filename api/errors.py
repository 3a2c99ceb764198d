"""One shape for every error: `{"detail": "...", "errors": [{"field", "paragraph", "message"}]}`.

- 401: no valid credentials.
- 403: a signed-in browser session sent a change without its CSRF token (bearer tokens never see this).
- 404: no such record, or one the caller may not see: the two are answered identically.
- 400: an upload that cannot be read (no boundary, too many files or fields); 413: a body too large.
- 412: `If-Match` named an older version of the case: someone acted since (who, and what, is said).
- 503 with `Retry-After`: the database cannot be reached; nothing was changed.
- 422: the guidance refused (each error cites its paragraph, and the field when there is one),
  or the request could not be read (malformed JSON, a wrong type, an unknown field: the field is named).
Anything unexpected is logged and answered with a short JSON 500, never a stack trace.
"""

from __future__ import annotations

import logging

from django.core.exceptions import RequestDataTooBig, SuspiciousOperation
from django.db import DatabaseError
from django.http import Http404
from django.http.multipartparser import MultiPartParserError
from ninja import NinjaAPI
from ninja.errors import AuthenticationError, HttpError, ValidationError

from api.versions import etag
from casework.services.errors import Conflict, NotFound, Refused
from redress.health import RETRY_AFTER_SECONDS, UNAVAILABLE, unavailable

logger = logging.getLogger(__name__)

# Where a reason is not about one paragraph (an unknown action), the service cites "-".
NO_PARAGRAPH = "-"


def error_body(detail: str, errors: list[dict] | None = None) -> dict:
    return {"detail": detail, "errors": errors or []}


def register(api: NinjaAPI) -> None:
    def respond(request, status: int, detail: str, errors: list[dict] | None = None):
        return api.create_response(request, error_body(detail, errors), status=status)

    @api.exception_handler(Refused)
    def refused(request, exc: Refused):
        errors = [
            {
                "field": reason.field,
                "paragraph": None if reason.paragraph == NO_PARAGRAPH else reason.paragraph,
                "message": reason.text,
            }
            for reason in exc.reasons
        ]
        detail = "; ".join(r.text if r.paragraph == NO_PARAGRAPH else str(r) for r in exc.reasons)
        return respond(request, 422, f"The guidance does not allow this: {detail}", errors)

    @api.exception_handler(Conflict)
    def conflict(request, exc: Conflict):
        # 412: the If-Match precondition failed. The ETag is the version now, for a deliberate retry.
        response = respond(
            request, 412, exc.message, [{"field": None, "paragraph": None, "message": line} for line in exc.changed]
        )
        response["ETag"] = etag(exc.version)
        return response

    @api.exception_handler(NotFound)
    def not_found(request, exc: NotFound):
        return respond(request, 404, str(exc))

    @api.exception_handler(Http404)
    def http_404(request, exc: Http404):
        return respond(request, 404, "Not found")

    @api.exception_handler(ValidationError)
    def invalid(request, exc: ValidationError):
        errors = [_validation_item(error) for error in exc.errors]
        fields = ", ".join(sorted({e["field"] for e in errors if e["field"]}))
        return respond(request, 422, f"The request is not valid: check {fields or 'it'}", errors)

    @api.exception_handler(AuthenticationError)
    def unauthenticated(request, exc: AuthenticationError):
        response = respond(
            request, 401, "Authentication required: send 'Authorization: Bearer <token>' (see `redress api-token`) or sign in"
        )
        response["WWW-Authenticate"] = 'Bearer realm="redress"'
        return response

    @api.exception_handler(HttpError)
    def http_error(request, exc: HttpError):
        if exc.status_code == 400:
            # Ninja's only 400: a body it could not parse. Report it like any other invalid input.
            message = "The request body is not valid JSON"
            return respond(request, 422, message, [{"field": "body", "paragraph": None, "message": message}])
        return respond(request, exc.status_code, exc.message)

    @api.exception_handler(RequestDataTooBig)
    def too_big(request, exc: RequestDataTooBig):
        return respond(request, 413, "The request is too large: send at most 2.5 MB of JSON, or one document at a time")

    @api.exception_handler(SuspiciousOperation)
    def unreadable(request, exc: SuspiciousOperation):
        # Too many files or fields in one upload, and the like: Django stops reading, and says why.
        return respond(request, 400, f"The request could not be read: {exc}")

    @api.exception_handler(MultiPartParserError)
    def bad_upload(request, exc: MultiPartParserError):
        return respond(request, 400, f"The upload could not be read: {exc}")

    @api.exception_handler(DatabaseError)
    def database_unavailable(request, exc: DatabaseError):
        if not unavailable(exc):
            return unexpected(request, exc)
        response = respond(request, 503, UNAVAILABLE)
        response["Retry-After"] = str(RETRY_AFTER_SECONDS)
        return response

    @api.exception_handler(Exception)
    def unexpected(request, exc: Exception):
        logger.exception("Unexpected error in %s %s", request.method, request.path)
        return respond(request, 500, "Something went wrong on our side. It has been logged.")


def _validation_item(error: dict) -> dict:
    """A pydantic error as `{"field", "message"}`: `("body", "payload", "reason")` -> `reason`."""
    location = list(error.get("loc", ()))
    source = str(location.pop(0)) if location else "body"
    if source == "body" and location and location[0] == "payload":
        location.pop(0)
    field = str(location[0]) if location else source
    message = error.get("msg", "Invalid value")
    if len(location) > 1:
        message = f"{message} (at {'.'.join(str(part) for part in location)})"
    return {"field": field, "paragraph": None, "message": message}
