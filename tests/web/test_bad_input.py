"""Bad input on the pages: a page that says what is wrong, never a 500."""

from __future__ import annotations

import pytest
from django.test import Client

from casework.models import FeedbackCase
from casework.services.errors import Refused
from casework.services.feedback import NewFeedback, log_feedback
from policy.facts import Channel, FeedbackKind
from tests.conftest import TODAY


@pytest.fixture
def cara(caseworker):
    client = Client(raise_request_exception=False)
    client.force_login(caseworker)
    return client


def test_a_summary_over_the_limit_is_refused_on_the_page(cara, make_case):
    case = make_case()
    form = {"received_date_day": "26", "received_date_month": "11", "received_date_year": "2026", "channel": "phone"}

    response = cara.post(f"/cases/{case.reference}/complaints/new/", {**form, "summary": "x" * 20_001})

    assert response.status_code == 400
    assert "at most 20000 characters" in response.content.decode()
    assert not FeedbackCase.objects.exists()


def test_the_use_case_refuses_a_summary_over_the_limit_whoever_calls_it(caseworker, make_case):
    new = NewFeedback(FeedbackKind.DECISION_COMPLAINT, TODAY, Channel.EMAIL, "x" * 2_400_000)

    with pytest.raises(Refused, match="20,000 characters"):
        log_feedback(caseworker, make_case(), new, TODAY)


@pytest.mark.parametrize("path", ["/cases/PHSO%00/", "/feedback/%00/"])
def test_a_nul_in_the_address_is_page_not_found(cara, path):
    response = cara.get(path)

    assert response.status_code == 404
    assert "Page not found" in response.content.decode()


def test_a_nul_in_a_search_is_a_page_saying_so(cara):
    response = cara.get("/cases/", {"q": "Alice\x00"})

    assert response.status_code == 400
    assert "NUL" in response.content.decode()


def test_a_body_declared_over_the_limit_is_refused_with_413_before_it_is_read(cara, make_case):
    response = cara.post(
        f"/cases/{make_case().reference}/complaints/new/", {"summary": "x"}, CONTENT_LENGTH=str(200 * 1024 * 1024)
    )

    assert response.status_code == 413
    assert "Too large" in response.content.decode()


def test_an_upload_without_a_boundary_is_a_400(cara, caseworker, make_case):
    feedback = log_feedback(
        caseworker, make_case(), NewFeedback(FeedbackKind.DECISION_COMPLAINT, TODAY, Channel.EMAIL, "Wrong"), TODAY
    )

    response = cara.post(f"/feedback/{feedback.reference}/attachments/new/", b"--x\r\n", content_type="multipart/form-data")

    assert response.status_code == 400
