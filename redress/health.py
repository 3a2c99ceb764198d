"""Health for load balancers, and a database outage answered as one: 503 with Retry-After.

`/healthz` says the process is up (it touches nothing); `/readyz` says it can reach the database.
Both are answered before any other middleware, so a balancer probing by IP address is not refused
by ALLOWED_HOSTS and no session is read. When the database cannot be reached mid-request, the page
(or the API's JSON) says so with 503 and `Retry-After`, so clients back off instead of hammering.
"""

from __future__ import annotations

import logging
import sys

from django.db import DatabaseError, InterfaceError, OperationalError, connection
from django.http import HttpRequest, HttpResponse

from redress.problems import problem

logger = logging.getLogger(__name__)

RETRY_AFTER_SECONDS = 30
UNAVAILABLE = "The service is briefly unavailable: it cannot reach its database"


def unavailable(exc: BaseException | None) -> bool:
    """A lost or refused connection, a timeout, a locked SQLite file: worth retrying later."""
    return isinstance(exc, (OperationalError, InterfaceError))


class HealthMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.path == "/healthz":
            return HttpResponse("ok\n", content_type="text/plain")
        if request.path == "/readyz":
            return ready()
        return self.get_response(request)


def ready() -> HttpResponse:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
    except DatabaseError:
        logger.warning("Not ready: the database cannot be reached", exc_info=True)
        response = HttpResponse("database unreachable\n", content_type="text/plain", status=503)
        response["Retry-After"] = str(RETRY_AFTER_SECONDS)
        return response
    return HttpResponse("ready\n", content_type="text/plain")


def server_error(request: HttpRequest) -> HttpResponse:
    """Django's handler500: an outage is a 503 the person can wait out; anything else, a plain 500."""
    if unavailable(sys.exc_info()[1]):
        return problem(request, 503, "Sorry, the service is unavailable", UNAVAILABLE, retry_after=RETRY_AFTER_SECONDS)
    return problem(request, 500, "Sorry, there is a problem with the service", "It has been logged. Try again later.")
