"""Refuse what cannot be read before reading it: an address with a NUL character, a body larger
than anything Redress accepts (by its declared Content-Length, before a byte of it is read)."""

from __future__ import annotations

from django.conf import settings
from django.http import HttpRequest, HttpResponse

from redress.problems import problem


def largest_body(request: HttpRequest) -> int:
    """A document upload may carry the largest document and its form; anything else, a form's worth."""
    if request.content_type == "multipart/form-data":
        return settings.REDRESS_MAX_UPLOAD_BYTES + settings.DATA_UPLOAD_MAX_MEMORY_SIZE
    return settings.DATA_UPLOAD_MAX_MEMORY_SIZE


class RequestLimitsMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if "\x00" in request.path:
            return problem(request, 404, "Page not found", "Check the web address: it contains a character no address has")
        # The API checks each of its parameters itself, and names the one at fault (422).
        if not request.path.startswith("/api/") and _has_nul(request.GET):
            return problem(request, 400, "Search not possible", "Remove the NUL character from what you searched for")
        declared = request.META.get("CONTENT_LENGTH") or "0"
        if not declared.isdigit():
            return problem(request, 400, "Request not understood", "Its Content-Length is not a number")
        if int(declared) > largest_body(request):
            limit = largest_body(request) / (1024 * 1024)
            return problem(request, 413, "Too large", f"Send at most {limit:g} MB at a time")
        return self.get_response(request)


def _has_nul(query) -> bool:
    return any("\x00" in key or any("\x00" in value for value in values) for key, values in query.lists())
