"""Who is calling: a bearer token (other systems) or the signed-in session (the browser, with CSRF)."""

from __future__ import annotations

from ninja.security import HttpBearer, SessionAuth

from casework.models import ApiToken
from casework.read import compiled


class BearerToken(HttpBearer):
    """`Authorization: Bearer rd_...`: a token made by `redress api-token`, not revoked or expired, for an active user."""

    def authenticate(self, request, token: str):
        if not token:
            return None
        # Read by its hash alone, with SQL compiled once a process (every call asks), then checked.
        key_hash = ApiToken.hash(token)
        found = compiled.rows(
            ("bearer token",), lambda: ApiToken.objects.select_related("user").filter(key_hash=key_hash), key_hash=key_hash
        )
        return found[0].user if found and found[0].is_usable() else None


class SignedInSession(SessionAuth):
    """The Django session. CSRF is checked only for someone signed in, so that a request with no
    credentials at all is answered 401 rather than 403."""

    def __call__(self, request):
        # A session signed in with the password alone, before its second factor, is not enough.
        if not request.user.is_authenticated or not request.user.is_verified():
            return None
        return super().__call__(request)


AUTH = [BearerToken(), SignedInSession()]


def caller(request):
    """The authenticated user, however they authenticated."""
    return request.auth
