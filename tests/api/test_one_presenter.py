"""The page and the API read the same presenter and the same input rules, so they say the same thing."""

import re
from datetime import date

import pytest

from tests.api.conftest import ApiClient, errors_of

PASSWORD = "a-long-test-password"


@pytest.mark.policy("7")
def test_logging_feedback_without_its_date_channel_or_words_is_refused_in_the_same_words_on_page_and_api(
    client, caseworker, make_case
):
    case = make_case()
    assert client.login(username=caseworker.username, password=PASSWORD)
    blank = {name: "" for name in ("received_date_day", "received_date_month", "received_date_year", "summary")}

    page = client.post(f"/cases/{case.reference}/complaints/new/", blank).content.decode()
    response = ApiClient(caseworker).post(f"/cases/{case.reference}/feedback", {})

    said = {error["field"]: error["message"] for error in errors_of(response)}
    assert said == {
        "received_date": "Enter the date the feedback was received",
        "channel": "Select how the feedback came in",
        "summary": "Enter what the service user said",
    }
    for message in said.values():
        assert message in page


def test_the_case_page_and_the_api_give_the_same_grounds_deadline(client, caseworker, make_case):
    case = make_case()
    assert client.login(username=caseworker.username, password=PASSWORD)

    page = client.get(f"/cases/{case.reference}/").content.decode()
    shown = ApiClient(caseworker).get(f"/cases/{case.reference}").json()

    due = re.search(r'id="grounds-due-by">([^<]+)<', page).group(1)
    assert due == f"{date.fromisoformat(shown['grounds_due_by']):%-d %B %Y}"
