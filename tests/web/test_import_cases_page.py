"""The case import page: shared services upload a file; everyone else is refused."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from casework.models import Case, Event
from policy.facts import Role
from tests.conftest import make_person
from tests.imports import csv_bytes, row

PASSWORD = "a-long-test-password"


@pytest.fixture
def shared_services(caseworker, manager):
    return make_person("sam", Role.SHARED_SERVICES)


def upload(client, content: bytes, name: str = "cases.csv"):
    return client.post("/imports/cases/", {"file": SimpleUploadedFile(name, content, content_type="text/csv")})


def test_shared_services_see_the_columns_and_import_a_file(client, shared_services):
    client.force_login(shared_services)
    page = client.get("/imports/cases/")
    assert page.status_code == 200
    assert b"<code>service_user_postcode</code>" in page.content and b"Import cases" in page.content
    response = upload(client, csv_bytes([row("CMS-1"), row("CMS-2")]))
    assert response.status_code == 302
    page = client.get(response["Location"])
    assert "Imported cases.csv: 2 rows, 2 cases created, 0 changed, 0 unchanged" in page.content.decode()
    assert Case.objects.count() == 2


def test_a_bad_file_is_listed_by_row_and_column_and_nothing_is_imported(client, shared_services):
    client.force_login(shared_services)
    response = upload(client, csv_bytes([row("CMS-1"), row("CMS-1", risk="severe")]))
    assert response.status_code == 400
    text = response.content.decode()
    assert "There is a problem" in text and 'href="#field-file"' in text
    assert "Row 3, risk: must be one of low, medium, high (not “severe”)" in text
    assert "Row 3, reference: CMS-1 is also in row 2: each case must be in one row" in text
    assert not Case.objects.exists() and not Event.objects.exists()


def test_a_post_without_a_file_asks_for_one(client, shared_services):
    client.force_login(shared_services)
    response = client.post("/imports/cases/", {})
    assert response.status_code == 400 and "Select a CSV file to import" in response.content.decode()


def test_many_problems_are_summarised_and_all_listed_below(client, shared_services):
    client.force_login(shared_services)
    response = upload(client, csv_bytes([row(f"CMS-{n}", risk="none") for n in range(25)]))
    text = response.content.decode()
    assert "and 15 more problems, listed below" in text and text.count("must be one of low, medium, high") == 25 + 10


@pytest.mark.parametrize("persona", ["caseworker", "manager", "oat", "lawyer", "ombudsman", "joint_worker"])
def test_every_other_role_is_refused(client, persona, request):
    client.force_login(request.getfixturevalue(persona))
    refused = client.get("/imports/cases/")
    assert refused.status_code == 403 and "Only shared services import cases." in refused.content.decode()
    assert upload(client, csv_bytes([row()])).status_code == 403
    assert not Case.objects.exists()


def test_only_shared_services_are_offered_the_page(client, shared_services, caseworker):
    client.force_login(shared_services)
    assert b'href="/imports/cases/"' in client.get("/").content
    client.force_login(caseworker)
    assert b'href="/imports/cases/"' not in client.get("/").content
