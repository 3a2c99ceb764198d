"""The API under test: a client that sends a person's bearer token, a fixed today, and feedback
cases brought to the state a test needs through the use cases themselves."""

from __future__ import annotations

import json
from datetime import date

import pytest
from django.test import Client
from django.utils import timezone

from casework.models import ApiToken
from casework.services.feedback import NewFeedback, log_feedback, take_action
from policy.facts import Channel, FeedbackKind
from tests.conftest import TODAY
from tests.services.conftest import at_oat, considering, walk

__all__ = ["at_oat", "considering", "walk"]

API = "/api/v1"


class ApiClient:
    """JSON in, JSON out, as `user` with a bearer token (or as nobody)."""

    def __init__(self, user=None):
        self.client = Client()
        self.headers = {}
        if user is not None:
            _, key = ApiToken.issue(user, "tests")
            self.headers["Authorization"] = f"Bearer {key}"

    def get(self, path: str, **params):
        return self.client.get(API + path, params, headers=self.headers)

    def post(self, path: str, body=None, *, raw: str | None = None):
        data = raw if raw is not None else ("" if body is None else json.dumps(body))
        return self.client.post(API + path, data, content_type="application/json", headers=self.headers)

    def patch(self, path: str, body, **headers):
        return self.client.patch(
            API + path, json.dumps(body), content_type="application/json", headers={**self.headers, **headers}
        )


@pytest.fixture(autouse=True)
def today(monkeypatch):
    """Every date rule reads today from the use case's argument; the API passes timezone.localdate()."""
    monkeypatch.setattr(timezone, "localdate", lambda *args, **kwargs: TODAY)
    return TODAY


@pytest.fixture
def api():
    """`api(user)`: a client acting as that person; `api()`: one with no credentials."""
    return ApiClient


@pytest.fixture
def complaint(caseworker):
    """`complaint(case, received=..., steps=[(action, inputs), ...])`: a decision complaint, logged (by default
    on 20 November 2026) and taken through the steps by the case owner."""

    def make(case, received: date = date(2026, 11, 20), steps=(), asked_on: date = TODAY):
        """`asked_on`: when the grounds are asked for, before their deadline has passed (para 32)."""
        feedback = log_feedback(
            caseworker,
            case,
            NewFeedback(FeedbackKind.DECISION_COMPLAINT, received, Channel.EMAIL, "Our decision was wrong."),
            TODAY,
        )
        for step in steps:
            name, inputs = step if isinstance(step, tuple) else (step, {})
            feedback = take_action(caseworker, feedback.reference, name, inputs, asked_on if name == "request_grounds" else TODAY)
        return feedback

    return make


GROUNDS = {"ground_types": ["overlooked"], "why_wrong": "You missed the second letter."}


@pytest.fixture
def late_grounds(make_case, complaint):
    """Grounds that arrived after their deadline (1 October 2026), waiting for the case owner's decision."""

    def make(*further_steps, **case_traits):
        case = make_case(decision_date=date(2026, 9, 1), **case_traits)
        return complaint(
            case,
            received=date(2026, 9, 10),
            asked_on=date(2026, 9, 10),
            steps=["request_grounds", ("record_grounds", {**GROUNDS, "received_date": date(2026, 10, 20)}), *further_steps],
        )

    return make


def errors_of(response) -> list[dict]:
    return response.json()["errors"]


def cited(response) -> set[str]:
    return {error["paragraph"] for error in errors_of(response)}
