"""Security events: each is one JSON line (UTC time, event, user, address, object reference) and
a row that administrators search in the admin; never a password or a case's contents."""

import json
import logging

from django.test import Client

from casework.models import ApiToken, SecurityEvent

PASSWORD = "a-long-test-password"
ADDRESS = "203.0.113.7"


def events():
    return list(SecurityEvent.objects.order_by("id").values_list("event", "username", "address", "object_ref"))


def test_sign_in_failure_and_sign_out_are_recorded_with_who_and_where(caseworker, caplog):
    client = Client(REMOTE_ADDR=ADDRESS)
    with caplog.at_level(logging.INFO, logger="redress.security"):
        client.post("/sign-in/", {"username": "cara", "password": "wrong-password-here"})
        client.post("/sign-in/", {"username": "cara", "password": PASSWORD})
        client.post("/sign-out/")
    assert events() == [
        ("sign_in_failed", "cara", ADDRESS, ""),
        ("sign_in", "cara", ADDRESS, ""),
        ("sign_out", "cara", ADDRESS, ""),
    ]
    lines = [json.loads(record.getMessage()) for record in caplog.records if record.name == "redress.security"]
    assert [line["event"] for line in lines] == ["sign_in_failed", "sign_in", "sign_out"]
    assert lines[0]["time"].endswith("+00:00") and lines[0]["address"] == ADDRESS
    assert not any("wrong-password-here" in record.getMessage() for record in caplog.records)


def test_a_lockout_is_recorded(caseworker):
    client = Client(REMOTE_ADDR=ADDRESS)
    for _ in range(5):
        client.post("/sign-in/", {"username": "cara", "password": "not-the-password"})
    assert ("locked_out", "cara", ADDRESS, "") in events()


def test_opening_someone_elses_case_is_a_refusal_recorded_with_its_reference_only(outsider, make_case):
    case = make_case(service_user="Alice Brown")
    client = Client(REMOTE_ADDR=ADDRESS)
    assert client.login(username="otto", password=PASSWORD)
    assert client.get(f"/cases/{case.reference}/").status_code == 404
    assert client.get("/cases/PHSO-9999/").status_code == 404  # no such case: nothing to refuse
    assert SecurityEvent.objects.filter(event="access_refused").count() == 1
    assert events()[-1] == ("access_refused", "otto", ADDRESS, case.reference)
    assert "Alice" not in str(events())


def test_the_api_refusing_a_bearer_token_holder_someone_elses_case_is_recorded(outsider, make_case):
    case = make_case()
    _, key = ApiToken.issue(outsider, "tests")
    response = Client(REMOTE_ADDR=ADDRESS).get(f"/api/v1/cases/{case.reference}", headers={"Authorization": f"Bearer {key}"})
    assert response.status_code == 404
    assert events() == [("access_refused", "otto", ADDRESS, case.reference)]


def test_administrators_search_the_events_and_nobody_else_sees_them(admin_client, caseworker, client):
    Client(REMOTE_ADDR=ADDRESS).post("/sign-in/", {"username": "cara", "password": "not-the-password"})
    found = admin_client.get("/admin/casework/securityevent/", {"q": "cara"})
    assert found.status_code == 200 and "sign_in_failed" in found.content.decode()
    assert client.login(username="cara", password=PASSWORD)
    assert client.get("/admin/casework/securityevent/").status_code == 302  # to the admin's sign-in


def test_who_viewed_a_case_is_kept_by_reference_and_searchable_by_administrators(caseworker, make_case, admin_client):
    case = make_case()
    client = Client(REMOTE_ADDR=ADDRESS)
    assert client.login(username="cara", password=PASSWORD)
    assert client.get(f"/cases/{case.reference}/").status_code == 200
    _, key = ApiToken.issue(caseworker, "tests")
    api = Client(REMOTE_ADDR=ADDRESS).get(f"/api/v1/cases/{case.reference}", headers={"Authorization": f"Bearer {key}"})
    assert api.status_code == 200
    assert [e for e in events() if e[0] == "viewed"] == [("viewed", "cara", ADDRESS, case.reference)] * 2
    report = admin_client.get("/admin/casework/securityevent/", {"q": case.reference, "event__exact": "viewed"})
    assert report.content.decode().count(f'<td class="field-object_ref">{case.reference}</td>') == 2
