"""`redress purge-idempotency-keys`: the API's kept responses are forgotten once past their retention."""

from __future__ import annotations

from datetime import timedelta
from io import StringIO

import pytest
from django.core.management import call_command
from django.utils import timezone

from casework.models import IdempotentRequest

pytestmark = pytest.mark.django_db


def kept(user, key: str, hours_ago: float) -> IdempotentRequest:
    return IdempotentRequest.objects.create(
        user=user,
        key=key,
        fingerprint="0" * 64,
        status=200,
        response={"body": {}, "headers": {}},
        created_at=timezone.now() - timedelta(hours=hours_ago),
    )


def test_responses_older_than_the_retention_are_forgotten_and_newer_ones_kept(caseworker, manager, settings):
    settings.REDRESS_IDEMPOTENCY_RETENTION_HOURS = 24
    kept(caseworker, "yesterday", 25)
    kept(manager, "last-week", 24 * 7)
    kept(caseworker, "this-morning", 3)
    out = StringIO()

    call_command("purge_idempotency_keys", stdout=out)

    assert list(IdempotentRequest.objects.values_list("key", flat=True)) == ["this-morning"]
    assert out.getvalue() == "Forgot 2 kept API responses older than 24 hours.\n"


def test_the_retention_is_a_setting(caseworker, settings):
    settings.REDRESS_IDEMPOTENCY_RETENTION_HOURS = 2
    kept(caseworker, "three-hours-ago", 3)
    kept(caseworker, "an-hour-ago", 1)

    call_command("purge_idempotency_keys", stdout=StringIO())

    assert list(IdempotentRequest.objects.values_list("key", flat=True)) == ["an-hour-ago"]
