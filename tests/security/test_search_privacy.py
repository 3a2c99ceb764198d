"""Searching for a service user by name keeps the name out of the address (and so out of access
logs and the browser's history): the search form posts."""

from django.test import Client


def test_the_search_form_posts_and_finds_by_name(client, caseworker, make_case):
    case = make_case(service_user="Alice Brown")
    assert client.login(username="cara", password="a-long-test-password")
    form = client.get("/cases/").content.decode()
    assert '<form method="post" role="search">' in form
    found = client.post("/cases/", {"q": "Alice"})
    assert found.status_code == 200 and case.reference in found.content.decode()


def test_a_search_without_its_csrf_token_is_refused(caseworker):
    client = Client(enforce_csrf_checks=True)
    client.force_login(caseworker)
    assert client.post("/cases/", {"q": "Alice"}).status_code == 403
