"""An error the person can act on, in the shape they asked in: the API's JSON, or a styled page.

Rendered without the request's context, so it still works when the database (sessions, the
navigation) cannot be reached.
"""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse, JsonResponse
from django.template.loader import render_to_string


def problem(request: HttpRequest, status: int, title: str, message: str, *, retry_after: int | None = None) -> HttpResponse:
    if request.path.startswith("/api/"):
        response: HttpResponse = JsonResponse({"detail": f"{title}: {message}", "errors": []}, status=status)
    else:
        page = render_to_string("problem.html", {"title": title, "message": message, "retry_after": retry_after})
        response = HttpResponse(page, status=status)
    if retry_after is not None:
        response["Retry-After"] = str(retry_after)
    return response
