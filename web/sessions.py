"""Sessions in the database, renewed at most once a minute instead of written on every request.

The idle timeout is the session's expiry, moved on by each request. Writing it on every request
cost each page and API call a transaction (BEGIN, UPDATE, COMMIT); now a request writes the
session only when it changed or when its expiry was last moved on over `RENEW_AFTER` seconds ago.
An idle session therefore ends between 29 and 30 minutes after its last request, never later.
"""

from __future__ import annotations

from datetime import timedelta

from django.contrib.sessions.backends import db
from django.contrib.sessions.middleware import SessionMiddleware as DjangoSessionMiddleware
from django.utils import timezone

RENEW_AFTER = timedelta(seconds=60)


class SessionStore(db.SessionStore):
    """Django's database sessions, remembering the expiry the row held when it was read."""

    stored_expiry = None

    def _get_session_from_db(self):
        found = super()._get_session_from_db()
        self.stored_expiry = found.expire_date if found else None
        return found


class SessionMiddleware(DjangoSessionMiddleware):
    def process_response(self, request, response):
        session = getattr(request, "session", None)
        expiry = getattr(session, "stored_expiry", None)
        if expiry is not None and not session.modified and _due(expiry, session.get_expiry_age()):
            session.modified = True  # saved below, with the cookie's new expiry
        return super().process_response(request, response)


def _due(expiry, age: int) -> bool:
    """Whether the expiry was set over RENEW_AFTER ago (it was set `age` seconds ahead)."""
    return expiry - timedelta(seconds=age) < timezone.now() - RENEW_AFTER
