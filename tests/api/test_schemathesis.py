"""Property-based: schemathesis generates requests from the OpenAPI schema, valid and invalid, for
every operation, and checks that none is answered 500 and that each answer matches its declared
status, content type and schema. Then, with each role's token in turn, every operation is sent the
bad inputs people and broken clients send: a lone surrogate or a NUL byte in a string, a NUL in a
path parameter, a 2.4-million-character text, a body over the size limit, a body that is not JSON,
wrong types, multipart without a boundary, 150 files in one upload; whoever asks, the answer is
never a 5xx. Three examples per operation, each sent by every role, keep each run to a few minutes
on two cores."""

import json

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import negative_data_rejection, positive_data_acceptance

from casework.models import ApiToken
from casework.services.attachments import attach_document
from policy.facts import Role
from tests.conftest import make_person
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
    excluded = [positive_data_acceptance]
    if case.media_type == "multipart/form-data":
        # Every multipart field arrives as text: "-742" for a description is a string, not the integer
        # the generator meant, so "schema-violating data is rejected" cannot hold there.
        excluded.append(negative_data_rejection)
    case.call_and_validate(headers={"Authorization": f"Bearer {known['key']}"}, excluded_checks=excluded)


def _strings(value, spoil):
    if isinstance(value, str):
        return spoil(value)
    if isinstance(value, dict):
        return {key: _strings(item, spoil) for key, item in value.items()}
    if isinstance(value, list):
        return [_strings(item, spoil) for item in value]
    return value


def _first_string_long(value):
    """One string made 2.4 million characters long; the body stays under the size limit."""
    done = False

    def spoil(text):
        nonlocal done
        if done:
            return text
        done = True
        return "x" * 2_400_000

    return _strings(value, spoil)


def _as_json_text(case, spoil):
    """Serialised here, escapes and all: the client re-checks only bodies it serialises itself."""
    if isinstance(case.body, (dict, list)) and "json" in (case.media_type or ""):
        case.body = json.dumps(spoil(case.body)).encode()


def lone_surrogate(case):
    _as_json_text(case, lambda body: _strings(body, lambda text: text + "\ud800"))


def nul_byte(case):
    case.body = _strings(case.body, lambda text: text + "\x00")
    case.query = _strings(case.query, lambda text: "a\x00" + text)
    case.path_parameters = _strings(case.path_parameters, lambda text: text + "\x00")


def very_long(case):
    _as_json_text(case, _first_string_long)
    case.query = _strings(case.query, lambda text: "q" * 30_000)


def not_json(case):
    if isinstance(case.body, (dict, list)) and "json" in (case.media_type or ""):
        case.body = b'{"summary": "unterminated'


def wrong_types(case):
    if isinstance(case.body, dict):
        case.body = {key: [1, {"a": None}] if isinstance(item, str) else "not-a-number" for key, item in case.body.items()}


def too_large(case):
    """Over the 2.5 MB any body but a document's may be: refused on its Content-Length, unread."""
    return {"data": b'{"summary": "' + b"x" * 2_700_000 + b'"}', "headers": {"Content-Type": "application/json"}}


def multipart_without_boundary(case):
    return {
        "data": b'--x\r\nContent-Disposition: form-data; name="kind"\r\n\r\ngrounds\r\n--x--\r\n',
        "headers": {"Content-Type": "multipart/form-data"},
    }


def too_many_files(case):
    part = b'--b\r\nContent-Disposition: form-data; name="file"; filename="%d.txt"\r\nContent-Type: text/plain\r\n\r\nhi\r\n'
    return {
        "data": b"".join(part % number for number in range(150)) + b"--b--\r\n",
        "headers": {"Content-Type": "multipart/form-data; boundary=b"},
    }


# Each spoils the generated request in place, or returns the raw body and headers to send instead.
SPOILERS = [lone_surrogate, nul_byte, very_long, not_json, wrong_types, too_large, multipart_without_boundary, too_many_files]

PERSONAS = {
    Role.CASEWORKER: "cara",
    Role.MANAGER: "manny",
    Role.OAT: "olive",
    Role.LEGAL: "lena",
    Role.OMBUDSMAN: "oscar",
    Role.SHARED_SERVICES: "sally",
}


@pytest.fixture
def bearers(known, manager, caseworker):
    """A token for each persona."""
    people = {Role.CASEWORKER: caseworker, Role.MANAGER: manager}
    return {
        role: {"Authorization": f"Bearer {ApiToken.issue(people.get(role) or make_person(name, role), 'bad input')[1]}"}
        for role, name in PERSONAS.items()
    }


@schema.parametrize()
@schema.given(spoil=st.sampled_from(SPOILERS))
@settings(max_examples=3, deadline=None, suppress_health_check=list(HealthCheck))
@pytest.mark.django_db
def test_no_bad_input_is_answered_with_a_server_error_whoever_sends_it(case, spoil, known, bearers):
    if "reference" in (case.path_parameters or {}):
        case.path_parameters["reference"] = known["feedback" if case.path.startswith("/api/v1/feedback") else "case"]
    sent_instead = spoil(case) or {}
    spoiled_headers = sent_instead.pop("headers", {})
    for role in PERSONAS:  # every role's token over every operation
        case.call_and_validate(headers={**bearers[role], **spoiled_headers}, checks=[not_a_server_error], **sent_instead)
