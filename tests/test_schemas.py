"""The JSON Schemas of Shisaku's JSON documents (docs/schemas.md): every schema is a valid
draft 2020-12 schema following the convention, every twin route has one, they are served and
published, and a twin that drops a key integrators read fails validation.

Data: the fictional 試験市 plan with invented indicators (tests/test_publish.py).
"""

from __future__ import annotations

import json
import re

import frictionless
import pytest
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver
from jsonschema import Draft202012Validator

from shisaku import schemas
from tests.schema_checks import check_folder, json_schemas, problems
from tests.test_publish import PLAN, SITE, run, testville  # noqa: F401

BILINGUAL = re.compile(r"^\S.* / \S.*$", re.DOTALL)  # 日本語 / English


def twin_routes(resolver: URLResolver | None = None, namespace: str = "") -> list[str]:
    """Return every JSON twin route of the site as ``namespace:name``."""
    found = []
    for entry in (resolver or get_resolver()).url_patterns:
        if isinstance(entry, URLResolver):
            found += twin_routes(entry, entry.namespace or namespace)
        elif isinstance(entry, URLPattern) and str(entry.name).endswith("-json"):
            found.append(f"{namespace}:{entry.name}")
    return sorted(set(found))


def test_every_twin_route_has_its_schema():
    routes = [r for r in twin_routes() if r.split(":")[0] in ("public", "voice")]
    named = {r: schemas.of_twin(*r.split(":")) for r in routes}
    assert len(routes) == 15
    assert {r: n for r, n in named.items() if n not in schemas.names()} == {}


def properties(schema: object) -> list[tuple[str, dict]]:
    """Return every property of a schema, anywhere in it, with its name."""
    if isinstance(schema, list):
        return [p for item in schema for p in properties(item)]
    if not isinstance(schema, dict):
        return []
    own = list(schema.get("properties", {}).items())
    return own + [p for value in schema.values() for p in properties(value)]


@pytest.mark.parametrize("schema", json_schemas(), ids=lambda schema: schema["$id"])
def test_every_schema_is_valid_and_described_in_both_languages(schema):
    Draft202012Validator.check_schema(schema)
    undescribed = [
        k for k, p in properties(schema) if not BILINGUAL.match(p.get("description", ""))
    ]
    assert BILINGUAL.match(schema["description"])
    assert undescribed == []


def test_a_schema_has_its_address_as_its_id():
    assert schemas.load("v1/node", SITE)["$id"] == f"{SITE}/schemas/v1/node.json"


def test_a_schema_is_served_with_its_address_on_the_site():
    response = Client().get("/schemas/v1/node.json")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/schema+json"
    assert response["Access-Control-Allow-Origin"] == "*"
    served = json.loads(response.content)
    assert served["$id"] == "http://testserver/schemas/v1/node.json"
    assert served == schemas.load("v1/node", "http://testserver")
    table = Client().get("/schemas/v1/tables/figures.json")
    assert table["Content-Type"] == "application/json"  # a Table Schema is no JSON Schema
    assert Client().get("/schemas/v1/nothing.json").status_code == 404
    assert Client().get("/schemas/common.json").status_code == 404


def twin(client: Client, path: str) -> dict:
    """Return a twin of the live site."""
    response = client.get(path)
    assert response.status_code == 200
    return json.loads(response.content)


def test_every_twin_names_its_schema_on_the_site(testville, client):  # noqa: F811
    home = twin(client, "/ja/index.json")
    node = twin(client, f"/en/{PLAN}1-1-1/index.json")
    assert home["$schema"] == "http://testserver/schemas/v1/home.json"
    assert node["$schema"] == "http://testserver/schemas/v1/node.json"
    assert list(node)[:2] == ["$schema", "schema"]


def test_a_twin_that_drops_a_key_integrators_read_fails(testville, client):  # noqa: F811
    page = twin(client, f"/ja/{PLAN}indicators/A1/index.json")
    assert problems(page) == []
    del page["assessment"]["score"]
    del page["figures"][0]["source"]
    page["assessment"]["grade_label"] = page["assessment"].pop("label")
    assert sorted(problems(page)) == [
        "v1/indicator: /assessment: 'label' is a required property",
        "v1/indicator: /assessment: 'score' is a required property",
        "v1/indicator: /assessment: Additional properties are not allowed"
        " ('grade_label' was unexpected)",
        "v1/indicator: /figures/0: 'source' is a required property",
    ]


def test_a_node_twin_that_drops_its_indicators_grade_label_fails(testville, client):  # noqa: F811
    page = twin(client, f"/ja/{PLAN}1-1-1/index.json")
    del page["indicators"][0]["assessment"]["label"]
    assert problems(page) == ["v1/node: /indicators/0/assessment: 'label' is a required property"]


def test_a_published_copy_holds_every_schema_listed_in_its_data_package(testville, tmp_path):  # noqa: F811
    run(tmp_path)
    for name in schemas.names():
        written = json.loads((tmp_path / "schemas" / f"{name}.json").read_bytes())
        assert written == schemas.load(name, SITE)
    package = json.loads((tmp_path / "data/datapackage.json").read_bytes())
    assert {
        "name": "v1/common",
        "path": f"{SITE}/schemas/v1/common.json",
        "mediatype": "application/schema+json",
    } in package["schemas"]
    assert {
        "name": "v1/tables/figures",
        "path": f"{SITE}/schemas/v1/tables/figures.json",
        "mediatype": "application/json",
    } in package["schemas"]
    types = {s["mediatype"] for s in package["schemas"] if s["name"].startswith("v1/tables/")}
    assert types == {"application/json"}
    assert [s["name"] for s in package["schemas"]] == schemas.names()
    assert frictionless.validate(str(tmp_path / "data/datapackage.json")).valid
    twin_file = json.loads((tmp_path / "en" / PLAN / "indicators/A1/index.json").read_bytes())
    assert twin_file["$schema"] == f"{SITE}/schemas/v1/indicator.json"


def test_a_published_twin_that_lost_a_key_fails_the_folder_check(testville, tmp_path):  # noqa: F811
    run(tmp_path)
    check_folder(tmp_path)
    path = tmp_path / "ja" / PLAN / "indicators/A1/index.json"
    page = json.loads(path.read_bytes())
    del page["assessment"]["label"]
    path.write_text(json.dumps(page), encoding="utf-8")
    with pytest.raises(AssertionError, match="'label' is a required property"):
        check_folder(tmp_path)
    path.write_text(json.dumps({"schema": "shisaku.indicator/1"}), encoding="utf-8")
    with pytest.raises(AssertionError, match="no schema of Shisaku named by"):
        check_folder(tmp_path)
    path.unlink()  # the folder is checked again after the test
