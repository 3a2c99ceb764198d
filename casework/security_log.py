"""One call for every security event: a structured line on the `redress.security` logger (JSON:
time in UTC, event, user, source address, object reference) and a row administrators can search.

The user and address come from the request being answered (set by web.security's middleware), so
code deep in a use case or a read model need not carry the request about.
"""

from __future__ import annotations

import json
import logging
import time
from contextvars import ContextVar
from dataclasses import dataclass, field
from datetime import UTC, datetime

from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed
from django.dispatch import receiver

logger = logging.getLogger("redress.security")

SIGN_IN = "sign_in"
SIGN_IN_FAILED = "sign_in_failed"
LOCKED_OUT = "locked_out"
SIGN_OUT = "sign_out"
ACCESS_REFUSED = "access_refused"
VIEWED = "viewed"
PASSWORD_CHANGED = "password_changed"
TOKEN_ISSUED = "api_token_issued"
TOKEN_REVOKED = "api_token_revoked"
MFA_ENROLLED = "mfa_enrolled"
MFA_FAILED = "mfa_failed"
MFA_RECOVERY_CODE_USED = "mfa_recovery_code_used"
MFA_RESET = "mfa_reset"

SIGNED_IN_AT = "redress_signed_in_at"  # in the session


@dataclass
class RequestContext:
    request: object
    refused: list[str] = field(default_factory=list)

    @property
    def username(self) -> str:
        # A bearer token's user is the API's `request.auth`; a browser's is the session's.
        for user in (getattr(self.request, "auth", None), getattr(self.request, "user", None)):
            if getattr(user, "is_authenticated", False):
                return user.get_username()
        return ""

    @property
    def address(self) -> str | None:
        return client_address(self.request)


current: ContextVar[RequestContext | None] = ContextVar("redress_security_request", default=None)


def record(event: str, *, username: str | None = None, address: str | None = None, object_ref: str = "") -> None:
    """Log the event and store it. Outside a request (a command), user and address are whatever is given."""
    from casework.models.security import SecurityEvent

    context = current.get()
    if username is None:
        username = context.username if context else ""
    if address is None and context is not None:
        address = context.address
    at = datetime.now(UTC)
    line = {"time": at.isoformat(timespec="seconds"), "event": event, "user": username, "address": address, "object": object_ref}
    logger.info(json.dumps(line, sort_keys=False))
    SecurityEvent.objects.create(at=at, event=event, username=username[:150], address=address, object_ref=object_ref[:120])


def note_refusal(reference: str) -> None:
    """A record exists but this person may not see it. Recorded when the request's answer is sent,
    outside the use case's transaction (whose rollback would otherwise take the record with it)."""
    context = current.get()
    if context is not None:
        context.refused.append(reference)
    else:
        record(ACCESS_REFUSED, object_ref=reference)


def client_address(request) -> str | None:
    from axes.helpers import get_client_ip_address

    return get_client_ip_address(request)


@receiver(user_logged_in)
def _signed_in(sender, request, user, **kwargs):
    if request is not None and hasattr(request, "session"):
        request.session[SIGNED_IN_AT] = time.time()  # the absolute session limit counts from here
    record(SIGN_IN, username=user.get_username(), address=client_address(request) if request else None)


@receiver(user_logged_out)
def _signed_out(sender, request, user, **kwargs):
    if user is not None:
        record(SIGN_OUT, username=user.get_username(), address=client_address(request) if request else None)


@receiver(user_login_failed)
def _sign_in_failed(sender, credentials, request=None, **kwargs):
    record(
        SIGN_IN_FAILED, username=str(credentials.get("username", ""))[:150], address=client_address(request) if request else None
    )


def _locked_out(sender, request, username, ip_address, **kwargs):
    record(LOCKED_OUT, username=username or "", address=ip_address)


def connect() -> None:
    """django-axes' own signal, connected once the apps are ready."""
    from axes.signals import user_locked_out

    user_locked_out.connect(_locked_out, dispatch_uid="redress-security-locked-out")
