"""The OpenAPI document: committed, equal to what the code generates, complete, and rendered."""

from __future__ import annotations

import html
import importlib.util
import json
import re

import pytest

from shisaku import schemas
from shisaku.api.answer_schemas import FOLDER, answer_components, answer_schemas, file_name
from shisaku.api.openapi import COMMITTED, openapi_document, openapi_text, schema_files
from tests.conftest import ROOT

ENVELOPE = {"$ref": "#/components/schemas/ErrorEnvelope"}
LISTS = {"count", "limit", "offset", "items"}


def operations(document):
    for path, item in document["paths"].items():
        for method, op in item.items():
            yield path, method, op


def load_script():
    spec = importlib.util.spec_from_file_location("openapi_script", ROOT / "scripts" / "openapi.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_the_committed_document_is_what_the_code_generates():
    assert COMMITTED.read_text(encoding="utf-8") == openapi_text(), (
        "docs/openapi.json is stale: run .venv/bin/python scripts/openapi.py and commit it"
    )


def test_the_committed_document_is_sorted_indented_utf8_with_a_final_newline():
    text = COMMITTED.read_text(encoding="utf-8")
    assert text.endswith("}\n")
    assert "合計特殊出生率" not in text  # sanity: no data, only the API
    assert "\\u" not in text
    assert text == json.dumps(json.loads(text), sort_keys=True, indent=2, ensure_ascii=False) + "\n"


def test_the_script_checks_the_committed_document(capsys):
    assert load_script().main(["--check"]) == 0
    out = capsys.readouterr().out
    assert "docs/openapi.json and shisaku/schemas/v1/api/ are up to date" in out


def test_the_committed_answer_schemas_are_what_the_document_yields():
    files = schema_files()
    assert sorted(FOLDER.glob("*.json")) == sorted(files)
    for path, text in files.items():
        assert path.read_text(encoding="utf-8") == text, (
            f"{path.name} is stale: run .venv/bin/python scripts/openapi.py and commit it"
        )


def test_each_object_of_an_answer_has_its_own_file_with_relative_references():
    document = openapi_document()
    derived = answer_schemas(document)
    assert len(derived) == len(answer_components(document)) == 58
    assert file_name("NodeRollUpOut") == "node-roll-up.json"
    assert file_name("FigurePage") == "figure-page.json"
    figure = derived["figure.json"]
    assert figure["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert figure["title"] == "FigureOut"
    assert figure["properties"]["components"]["items"] == {"$ref": "component.json"}
    assert "#/components" not in json.dumps(derived)
    assert {f"v1/api/{n.removesuffix('.json')}" for n in derived} <= set(schemas.names())


def test_it_is_openapi_3_1():
    assert openapi_document()["openapi"].startswith("3.1")


def test_it_describes_every_endpoint_of_the_api():
    document = openapi_document()
    assert {(m.upper(), p) for p, m, _ in operations(document)} == {
        ("GET", "/api/v1/"),
        ("GET", "/api/v1/municipalities"),
        ("GET", "/api/v1/municipalities/{code}"),
        ("GET", "/api/v1/municipalities/{code}/plans"),
        ("GET", "/api/v1/municipalities/{code}/plans/{slug}"),
        ("GET", "/api/v1/municipalities/{code}/plans/{slug}/nodes"),
        ("GET", "/api/v1/municipalities/{code}/plans/{slug}/nodes/{node_code}"),
        ("GET", "/api/v1/municipalities/{code}/plans/{slug}/indicators"),
        ("GET", "/api/v1/municipalities/{code}/plans/{slug}/indicators/{indicator_code}"),
        (
            "GET",
            "/api/v1/municipalities/{code}/plans/{slug}/indicators/{indicator_code}/observations",
        ),
        ("GET", "/api/v1/municipalities/{code}/plans/{slug}/assessments"),
        (
            "GET",
            "/api/v1/municipalities/{code}/plans/{slug}/indicators/{indicator_code}/figures",
        ),
        (
            "POST",
            "/api/v1/municipalities/{code}/plans/{slug}/indicators/{indicator_code}/figures",
        ),
        ("GET", "/api/v1/search"),
        ("GET", "/api/v1/municipalities/{code}/plans/{slug}/evaluations"),
        ("GET", "/api/v1/municipalities/{code}/plans/{slug}/grades"),
        ("GET", "/api/v1/prefectures"),
        ("GET", "/api/v1/prefectures/{prefecture}/municipalities"),
        ("GET", "/api/v1/comparisons/{common_code}"),
        ("GET", "/api/v1/municipalities/{code}/consultations"),
        ("GET", "/api/v1/municipalities/{code}/consultations/{consultation_id}"),
        ("GET", "/api/v1/sdgs"),
        ("GET", "/api/v1/municipalities/{code}/plans/{slug}/sdgs/{goal}/measures"),
    }


def test_every_operation_has_a_summary_and_a_description():
    for path, method, op in operations(openapi_document()):
        assert op.get("summary", "").strip(), (method, path)
        assert op.get("description", "").strip(), (method, path)
        assert " / " in op["summary"], (method, path)  # Japanese / English


def test_every_error_response_uses_the_envelope():
    for path, method, op in operations(openapi_document()):
        errors = {s: r for s, r in op["responses"].items() if int(s) >= 400}
        assert "500" in errors, (method, path)
        for status, response in errors.items():
            schema = response["content"]["application/json"]["schema"]
            assert schema == ENVELOPE, (method, path, status)


def test_the_envelope_schema_has_status_code_message_and_details():
    schemas = openapi_document()["components"]["schemas"]
    assert schemas["ErrorBody"]["required"] == ["status", "code", "message", "details"]
    assert set(schemas["ErrorBody"]["properties"]) == {"status", "code", "message", "details"}
    assert set(schemas["ErrorDetail"]["properties"]) == {"field", "message"}


def test_every_object_of_an_answer_is_strict_and_requires_every_key():
    document = openapi_document()
    names = answer_components(document)
    assert {"FigureOut", "IndicatorAssessmentOut", "GradeOut", "ErrorEnvelope"} <= names
    assert len(names) == 58  # all but the inputs (FigureIn, the query models)
    for name in names:
        schema = document["components"]["schemas"][name]
        assert schema["additionalProperties"] is False, name
        assert schema["required"] == list(schema["properties"]), name


BILINGUAL = re.compile(r"[ぁ-んァ-ヶ一-龠].* / .*[A-Za-z]{3}", re.DOTALL)


def test_every_object_of_an_answer_and_each_of_its_keys_is_described_in_both_languages():
    document = openapi_document()
    for name in answer_components(document):
        schema = document["components"]["schemas"][name]
        assert BILINGUAL.search(schema["description"]), name
        for key, prop in schema["properties"].items():
            assert BILINGUAL.search(prop.get("description", "")), (name, key)


def test_a_key_without_a_value_is_nullable():
    schemas = openapi_document()["components"]["schemas"]
    assert {"type": "null"} in schemas["FigureOut"]["properties"]["value"]["anyOf"]
    assert {"type": "null"} in schemas["PlanPage"]["properties"]["next"]["anyOf"]


def test_every_read_documents_its_etag_and_its_304():
    for path, method, op in operations(openapi_document()):
        if method == "get":
            assert set(op["responses"]["200"]["headers"]) == {"ETag", "Cache-Control"}, path
            assert "304" in op["responses"], path


def test_every_list_is_paginated_with_limit_and_offset():
    document = openapi_document()
    schemas = document["components"]["schemas"]
    for path, _, op in operations(document):
        ref = op["responses"].get("200", {}).get("content", {}).get("application/json", {})
        name = ref.get("schema", {}).get("$ref", "").rsplit("/", 1)[-1]
        if name.endswith("Page"):
            assert set(schemas[name]["required"]) >= LISTS, name
            params = {p["name"] for p in op["parameters"] if p["in"] == "query"}
            assert {"limit", "offset"} <= params, path


def test_the_write_requires_a_bearer_token_and_forbids_unknown_fields():
    document = openapi_document()
    post = next(op for _, m, op in operations(document) if m == "post")
    assert post["security"] == [{"TokenAuth": []}]
    assert document["components"]["securitySchemes"] == {
        "TokenAuth": {"type": "http", "scheme": "bearer"}
    }
    assert document["components"]["schemas"]["FigureIn"]["additionalProperties"] is False
    assert {"201", "200", "401", "403", "404", "412", "422", "428"} <= set(post["responses"])


def test_the_api_serves_the_same_document(client, db):
    response = client.get("/api/v1/openapi.json")
    assert response.status_code == 200
    assert response.json() == openapi_document()


@pytest.fixture
def docs_page(client, db):
    response = client.get("/api/v1/docs")
    assert response.status_code == 200
    assert response["Content-Type"] == "text/html; charset=utf-8"
    return response.content.decode()


def test_the_docs_page_lists_every_path_and_method(docs_page):
    for path, method, op in operations(openapi_document()):
        assert f"<code>{method.upper()} {path}</code>" in docs_page
        assert html.escape(op["summary"]) in docs_page


def test_the_docs_page_shows_parameters_body_fields_and_response_codes(docs_page):
    assert "<code>If-Match</code>" in docs_page
    assert "<code>limit</code>" in docs_page
    for field in ("kind", "period", "value", "note", "source", "breakdown"):
        assert f"<code>{field}</code>" in docs_page
    assert "<code>&quot;actual&quot; | &quot;target&quot;</code>" in docs_page
    for status in ("201", "304", "401", "403", "412", "422", "428"):
        assert f'<th scope="row">{status}</th>' in docs_page


def test_the_docs_page_explains_authentication_with_curl_examples(docs_page):
    assert 'id="auth"' in docs_page
    assert "shisaku createtoken USER --name" in docs_page
    assert "curl -i &#x27;http://testserver/api/v1/municipalities/292125&#x27;" in docs_page
    assert "-H &quot;Authorization: Bearer $SHISAKU_TOKEN&quot;" in docs_page


def test_the_docs_page_links_the_json_schema_of_each_answer(client, docs_page):
    assert 'href="#schemas"' in docs_page
    link = '<a href="/schemas/v1/api/figure-page.json" type="application/schema+json">'
    assert f"{link}<code>FigurePage</code></a>" in docs_page
    linked = set(re.findall(r'href="(/schemas/v1/api/[\w-]+\.json)"', docs_page))
    assert len(linked) == 23  # the distinct bodies of the 23 operations and the error envelope
    for path in linked:
        assert client.get(path).status_code == 200, path


def test_the_docs_page_loads_nothing_from_elsewhere(docs_page):
    assert "<script" not in docs_page
    assert "cdn" not in docs_page.lower()
    assert 'src="http' not in docs_page and 'href="http' not in docs_page


def test_swagger_ui_is_off(client, db):
    assert client.get("/api/v1/docs/").status_code == 404
    assert b"swagger" not in client.get("/api/v1/docs").content.lower()
