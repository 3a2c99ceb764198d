"""The schema other systems build against: valid OpenAPI 3.1, one operation per declared action,
every 4xx declared."""

import json
from collections import defaultdict

import pytest

from policy.workflows.registry import WORKFLOWS
from tests.api.conftest import API

ACTION_PATH = "/api/v1/feedback/{reference}/actions/"


@pytest.fixture
def schema(client, db):
    response = client.get(f"{API}/openapi.json")
    assert response.status_code == 200
    return json.loads(response.content)


def test_the_schema_is_openapi_3_1_with_both_ways_to_authenticate(schema):
    assert schema["openapi"].startswith("3.1")
    assert schema["info"]["title"] == "Redress API"
    assert set(schema["components"]["securitySchemes"]) == {"BearerToken", "SignedInSession"}
    assert schema["components"]["securitySchemes"]["BearerToken"] == {"type": "http", "scheme": "bearer"}


def test_there_is_one_post_operation_per_declared_action(schema):
    kinds_by_action = defaultdict(list)  # an action several workflows declare has one path, so one operation
    for workflow in WORKFLOWS.values():
        for action in workflow.actions:
            kinds_by_action[action.name].append(workflow.kind.value)
    posts = {
        path.removeprefix(ACTION_PATH): item["post"]
        for path, item in schema["paths"].items()
        if path.startswith(ACTION_PATH) and "post" in item
    }

    assert set(posts) == set(kinds_by_action)
    for name, kinds in kinds_by_action.items():
        assert posts[name]["operationId"] == f"take_action_{'_'.join(kinds)}_{name}"
    assert posts["record_grounds"]["operationId"] == "take_action_decision_complaint_record_grounds"
    for workflow in WORKFLOWS.values():
        for action in workflow.actions:
            operation = posts[action.name]
            assert operation["summary"] == action.label
            assert all(paragraph in operation["description"] for paragraph in action.paragraphs)


def test_each_action_s_body_is_its_declared_fields_and_nothing_else(schema):
    components = schema["components"]["schemas"]
    fields_by_action = defaultdict(set)
    for workflow in WORKFLOWS.values():
        for action in workflow.actions:
            fields_by_action[action.name] |= {field.name for field in action.fields}
    for name, fields in fields_by_action.items():
        body = schema["paths"][ACTION_PATH + name]["post"]["requestBody"]["content"]["application/json"]["schema"]
        reference = next(option["$ref"] for option in body["anyOf"] if "$ref" in option)
        model = components[reference.rsplit("/", 1)[1]]
        assert set(model.get("properties", {})) == fields
        assert model["additionalProperties"] is False


def test_every_operation_declares_its_errors_in_the_error_shape(schema):
    for path, item in schema["paths"].items():
        for method, operation in item.items():
            codes = set(operation["responses"])
            assert {"401"} <= codes, (method, path)
            if "{reference}" in path:
                assert "404" in codes, (method, path)
            if method == "post":
                assert {"403", "404", "422"} <= codes, (method, path)
            for code in codes - {"200", "201"}:
                content = operation["responses"][code]["content"]["application/json"]["schema"]
                assert content == {"$ref": "#/components/schemas/ErrorOut"}, (method, path, code)


def test_operation_ids_are_unique(schema):
    ids = [operation["operationId"] for item in schema["paths"].values() for operation in item.values()]

    assert len(ids) == len(set(ids))


def test_the_docs_page_uses_the_bundled_assets_not_a_cdn(client, db):
    response = client.get(f"{API}/docs")

    assert response.status_code == 200
    page = response.content.decode()
    assert "/static/ninja/swagger-ui-bundle.js" in page
    assert "cdn" not in page.lower()
