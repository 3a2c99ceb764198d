"""Property-based: schemathesis generates requests from the OpenAPI schema, valid and invalid, for
every operation, and checks that none is answered 500 and that each answer matches its declared
status, content type and schema. Kept under a minute: a few examples per operation."""

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from hypothesis import HealthCheck, settings
from schemathesis.specs.openapi.checks import positive_data_acceptance

from casework.models import ApiToken
from casework.services.attachments import attach_document
from tests.documents import PDF, upload

# Loaded at collection (pytest-django has set Django up by then); serving the schema needs no database.
schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", get_wsgi_application())


@pytest.fixture
def keep_the_test_connection():
    """Calls go through the real WSGI handler, which closes the database connection after each request;
    the test's transaction lives on that connection. Django's own test client disconnects the same signals."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


@pytest.fixture
def known(keep_the_test_connection, caseworker, make_case, complaint):
    """Real references, so that generated requests reach the rules rather than stop at 404."""
    case = make_case()
    feedback = complaint(case, steps=["request_grounds"])
    _, key = ApiToken.issue(caseworker, "schemathesis")
    letter = feedback.letters.get()
    document = attach_document(caseworker, feedback.reference, upload("grounds.pdf", PDF), "grounds", "")
    return {"case": case.reference, "feedback": feedback.reference, "letter": letter.pk, "attachment": document.pk, "key": key}


@schema.parametrize()
@settings(max_examples=12, deadline=None, suppress_health_check=list(HealthCheck))
@pytest.mark.django_db
def test_every_operation_answers_as_its_schema_says(case, known):
    if "reference" in (case.path_parameters or {}):
        case.path_parameters["reference"] = known["feedback" if case.path.startswith("/api/v1/feedback") else "case"]
    if isinstance((case.path_parameters or {}).get("letter_id"), int):  # a valid id: make it a real one, so a PDF comes back
        case.path_parameters["letter_id"] = known["letter"]
    if isinstance((case.path_parameters or {}).get("attachment_id"), int):  # likewise: a real document's bytes
        case.path_parameters["attachment_id"] = known["attachment"]
    # Schema-valid input may still be refused by the guidance (422 citing its paragraph): by design the
    # schema leaves required-ness and consistency to the rules, so "valid data is accepted" does not hold.
    case.call_and_validate(
        headers={"Authorization": f"Bearer {known['key']}"},
        excluded_checks=[positive_data_acceptance],
    )
