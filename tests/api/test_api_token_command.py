"""`redress api-token USERNAME`: a token, shown once, that works at once."""

from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.test import Client

from casework.models import ApiToken, Event
from tests.api.conftest import API


def test_the_command_prints_a_token_that_authenticates_as_the_user(caseworker, make_case):
    make_case()
    out, err = StringIO(), StringIO()

    call_command("api_token", "cara", "--name", "CRM bridge", stdout=out, stderr=err)

    key = out.getvalue().strip()
    assert key.startswith("rd_")
    token = ApiToken.objects.get(user=caseworker)
    assert token.name == "CRM bridge"
    assert token.key_hash == ApiToken.hash(key) != key
    assert "not shown again" in err.getvalue()
    assert Client().get(f"{API}/cases", headers={"Authorization": f"Bearer {key}"}).json()["count"] == 1


def test_issuing_a_token_is_recorded_without_the_token(caseworker):
    out = StringIO()

    call_command("api_token", "cara", stdout=out, stderr=StringIO())

    event = Event.objects.get(action="issue_api_token")
    assert "cara" in event.summary
    assert out.getvalue().strip() not in event.summary


def test_no_token_for_someone_who_does_not_exist(db):
    with pytest.raises(CommandError, match="No user"):
        call_command("api_token", "nobody", stdout=StringIO(), stderr=StringIO())
    assert not ApiToken.objects.exists()


def test_no_token_for_someone_who_has_left(caseworker):
    caseworker.is_active = False
    caseworker.save()

    with pytest.raises(CommandError, match="not active"):
        call_command("api_token", "cara", stdout=StringIO(), stderr=StringIO())
