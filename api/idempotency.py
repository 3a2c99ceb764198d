"""`Idempotency-Key` on the API's POSTs: a retry (after a dropped connection, say) gets the first
response again and never acts twice.

The key, the caller and the response are written by the use case's own transaction (its `within`
hook), so either the change and its kept response both exist or neither does. Two attempts racing
with the same key: the second's insert waits for the first and fails, undoing its change, and it
answers with the first's response.

A kept response is forgotten after `REDRESS_IDEMPOTENCY_RETENTION_HOURS` (24 by default): the
caller's older ones on each keyed request, everyone's with `redress purge-idempotency-keys`.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable

from django.db import IntegrityError
from django.http import HttpRequest, HttpResponse
from django.utils import timezone
from ninja.errors import HttpError
from pydantic import BaseModel

from casework.models import IdempotentRequest
from casework.services.idempotency import purge_kept_responses

HEADER = "Idempotency-Key"
REPLAYED = "Idempotent-Replayed"

# `act(keep)` runs the use case; it calls `keep(body, headers)` inside its transaction (or ignores
# a None `keep`) and returns the response body.
Keep = Callable[[dict, dict[str, str]], None]


def run_once(
    request: HttpRequest,
    user,
    response: HttpResponse,
    schema: type[BaseModel],
    act: Callable[[Keep | None], dict],
    status: int = 200,
) -> dict:
    key = _key(request)
    if key is None:
        return act(None)
    purge_kept_responses(user=user)  # past their retention, the caller's keys may be used afresh
    fingerprint = _fingerprint(request)
    if (kept := _kept(user, key, fingerprint, response)) is not None:
        return kept

    def keep(body: dict, headers: dict[str, str]) -> None:
        stored = {"body": schema.model_validate(body).model_dump(mode="json"), "headers": headers}
        IdempotentRequest.objects.create(
            user=user, key=key, fingerprint=fingerprint, status=status, response=stored, created_at=timezone.now()
        )

    try:
        return act(keep)
    except IntegrityError:
        if (kept := _kept(user, key, fingerprint, response)) is None:
            raise
        return kept


def _fingerprint(request: HttpRequest) -> str:
    """Method, path and what was sent. A form with files is taken by its fields and each file's
    name and bytes: its body can be read only once, and a client may change the boundary on a retry."""
    if request.content_type != "multipart/form-data":
        return hashlib.sha256(b"\n".join([request.method.encode(), request.path.encode(), request.body])).hexdigest()
    digest = hashlib.sha256(b"\n".join([request.method.encode(), request.path.encode()]))
    for name, values in sorted(request.POST.lists()):
        digest.update(json.dumps([name, values]).encode())
    for name, uploads in sorted(request.FILES.lists()):
        for upload in uploads:
            digest.update(json.dumps([name, upload.name]).encode())
            for chunk in upload.chunks():
                digest.update(chunk)
            upload.seek(0)
    return digest.hexdigest()


def _key(request: HttpRequest) -> str | None:
    key = request.headers.get(HEADER)
    if key is None:
        return None
    if not key.strip() or len(key) > 200 or not key.isprintable():
        raise HttpError(422, f"The {HEADER} header must be 1 to 200 printable characters (a UUID, say)")
    return key


def _kept(user, key: str, fingerprint: str, response: HttpResponse) -> dict | None:
    first = IdempotentRequest.objects.filter(user=user, key=key).first()
    if first is None:
        return None
    if first.fingerprint != fingerprint:
        raise HttpError(422, f"This {HEADER} was already used for a different request: use a new key for each change")
    for name, value in first.response["headers"].items():
        response[name] = value
    response[REPLAYED] = "true"
    return first.response["body"]
