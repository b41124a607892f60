"""Every address refuses a query parameter it does not declare: 400 naming it and the accepted.

The addresses are walked from the OpenAPI document, so a new endpoint is covered without a line
here; each is asked with a parameter it does not know, and the answer must name exactly the
parameters the document declares for it.
"""

from __future__ import annotations

import pytest

from shisaku.api.openapi import openapi_document
from tests.api_checks import checked_client  # noqa: F401  (the client: error bodies checked)
from tests.test_api_read import small_indicator  # noqa: F401

# a real value for each path parameter of the test plan (試験市, plan 2024-2028)
PATH_VALUES = {
    "code": "999997",
    "slug": "2024-2028",
    "node_code": "1-1-1",
    "indicator_code": "K1",
    "prefecture": "02",
    "common_code": "total-fertility-rate",
    "consultation_id": "1",
    "goal": "3",
}


def reads() -> list[tuple[str, list[str]]]:
    """Return each GET path of the document with its declared query parameters, sorted."""
    found = []
    for path, item in openapi_document()["paths"].items():
        if "get" in item:
            params = item["get"].get("parameters", [])
            found.append((path, sorted(p["name"] for p in params if p["in"] == "query")))
    return found


def address(path: str) -> str:
    """Return the path with a real value in each path parameter."""
    for name, value in PATH_VALUES.items():
        path = path.replace("{" + name + "}", value)
    assert "{" not in path, f"no example value for a parameter of {path}: add it to PATH_VALUES"
    return path


@pytest.mark.usefixtures("small_indicator")
@pytest.mark.parametrize(("path", "accepted"), reads(), ids=[p for p, _ in reads()])
def test_an_unknown_query_parameter_is_a_400_naming_it_and_the_accepted_ones(
    client, path, accepted
):
    response = client.get(address(path), {"zz": "1"})
    assert response.status_code == 400, response.content.decode()
    error = response.json()["error"]
    listed = ", ".join(accepted)
    ja = f"使えるもの: {listed}" if accepted else "このアドレスはクエリパラメーターを受け付けません"
    en = f"accepted: {listed}" if accepted else "this address takes no query parameters"
    assert error == {
        "status": 400,
        "code": "bad_request",
        "message": f"不明なクエリパラメーター zz（{ja}） / Unknown query parameter zz ({en})",
        "details": [{"field": "zz", "message": f"不明なクエリパラメーターです（{ja}）"}],
    }
    assert "400" in openapi_document()["paths"][path]["get"]["responses"]


def test_a_search_word_on_a_list_without_search_is_refused_not_ignored(client, small_plan):
    response = client.get("/api/v1/municipalities", {"q": "青森", "limit": "5", "sort": "name"})
    error = response.json()["error"]
    assert (response.status_code, error["message"]) == (
        400,
        "不明なクエリパラメーター q, sort（使えるもの: limit, offset） / "
        "Unknown query parameter q, sort (accepted: limit, offset)",
    )
    assert [d["field"] for d in error["details"]] == ["q", "sort"]


@pytest.mark.parametrize("path", ["/api/v1/", "/api/v1/docs", "/api/v1/openapi.json"])
def test_the_apis_own_addresses_take_no_query_parameter(client, db, path):
    response = client.get(path, {"x": "1"})
    assert response.status_code == 400
    assert response.json()["error"]["details"][0]["field"] == "x"


@pytest.mark.usefixtures("small_indicator")
def test_the_write_takes_no_query_parameter(client):
    url = "/api/v1/municipalities/999997/plans/2024-2028/indicators/K1/figures?dry_run=1"
    response = client.post(url, "{}", content_type="application/json")
    assert response.status_code == 400
    assert response.json()["error"]["message"].startswith("不明なクエリパラメーター dry_run（")


def test_declared_parameters_are_still_accepted(client, small_plan):
    assert client.get("/api/v1/municipalities", {"limit": "1", "offset": "0"}).status_code == 200
