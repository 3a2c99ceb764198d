"""Optimistic concurrency in the API: each feedback case's (and case record's, and letter's) version
is its `ETag`, and an action, correction or edit sent with `If-Match` is taken only if nobody has
acted since (otherwise 412, saying who did)."""

from __future__ import annotations

import re

from django.http import HttpRequest, HttpResponse

ETAG = re.compile(r'^(?:W/)?"(\d{1,9})"$')


def etag(version: int) -> str:
    return f'"{version}"'


def tag(response: HttpResponse, record) -> None:
    response["ETag"] = etag(record.version)


def if_match(request: HttpRequest) -> int | None:
    """The version an action was sent from: None when `If-Match` is absent or `*`; an ETag that is
    not one of ours matches no version (0), so the action is refused with 412 as HTTP requires."""
    header = request.headers.get("If-Match", "").strip()
    if not header or header == "*":
        return None
    tags = [ETAG.match(part.strip()) for part in header.split(",")]
    versions = [int(match.group(1)) for match in tags if match]
    return max(versions) if versions else 0
