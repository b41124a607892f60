"""The JSON twins of the public pages: one per page, in the documented structure."""

from __future__ import annotations

import re

import pytest

from shisaku.domain.plantree import node_to_dict
from shisaku.plan import queries
from shisaku.public.tree import find_path

PLAN = "/ja/999997/2024-2028/"
PLAN_JSON = {
    "slug": "2024-2028",
    "title": "試験市総合計画",
    "title_en": "Testville Plan",
    "period": {"start": 2024, "end": 2028},
    "status": "published",
    "version": 1,
    "url": "/ja/999997/2024-2028/",
    "json_url": "/ja/999997/2024-2028/index.json",
}
TOWN_JSON = {"code": "999997", "name": "試験市", "name_en": "Testville", "url": "/ja/999997/"}


def twin(client, url: str, status: int = 200):
    response = client.get(url)
    assert response.status_code == status, url
    assert response["Content-Type"] == "application/json; charset=utf-8"
    return response.json()


def test_the_home_twin_lists_municipalities_with_their_plans(client, small_plan):
    assert twin(client, "/ja/index.json") == {
        "$schema": "http://testserver/schemas/v1/home.json",
        "schema": "shisaku.index/1",
        "municipalities": [{**TOWN_JSON, "plans": [PLAN_JSON]}],
        "without_figures": [
            {
                "municipality_code": "999997",
                "plan": "2024-2028",
                "url": PLAN,
                "empty_indicator_tables": 1,
                "statistics": 0,
            }
        ],
        "with_figures": [],
        "recently_updated": [],
    }


def test_the_municipality_twin_names_its_current_plan(client, small_plan):
    assert twin(client, "/ja/999997/index.json") == {
        "$schema": "http://testserver/schemas/v1/municipality.json",
        "schema": "shisaku.municipality/1",
        "municipality": TOWN_JSON,
        "current_plan": "2024-2028",
        "plans": [PLAN_JSON],
        "without_figures": {"indicators": 0, "empty_indicator_tables": 1, "statistics": []},
    }


def test_the_plan_twin_is_the_full_exchange_document(client, small_plan):
    plan = queries.find_plan("999997", "2024-2028")
    assert twin(client, PLAN + "index.json") == {
        "$schema": "http://testserver/schemas/v1/plan.json",
        **queries.plan_document(plan),
    }


def test_the_node_twin_gives_the_node_with_its_breadcrumbs(client, small_plan):
    plan = queries.find_plan("999997", "2024-2028")
    node = find_path(queries.load_nodes(plan.id), "1-1-1")[-1]
    assert twin(client, PLAN + "1-1-1/index.json") == {
        "$schema": "http://testserver/schemas/v1/node.json",
        "schema": "shisaku.node/1",
        "municipality": TOWN_JSON,
        "plan": PLAN_JSON,
        "breadcrumbs": [
            {"code": "999997", "title": "試験市", "title_en": "Testville", "url": "/ja/999997/"},
            {
                "code": "2024-2028",
                "title": "試験市総合計画",
                "title_en": "Testville Plan",
                "url": PLAN,
            },
            {"code": "1", "title": "くらし", "title_en": "Living", "url": PLAN + "1/"},
            {"code": "1-1", "title": "暮らしの安心", "title_en": "", "url": PLAN + "1-1/"},
            {
                "code": "1-1-1",
                "title": "相談支援の充実",
                "title_en": "Better counselling",
                "url": PLAN + "1-1-1/",
            },
        ],
        "node": node_to_dict(node),
        "indicators": [],
        "rollup": None,
        "statistics": [],
    }


def test_english_twins_link_english_pages(client, small_plan):
    data = twin(client, "/en/999997/2024-2028/1-1/index.json")
    assert [c["url"] for c in data["breadcrumbs"]] == [
        "/en/999997/",
        "/en/999997/2024-2028/",
        "/en/999997/2024-2028/1/",
        "/en/999997/2024-2028/1-1/",
    ]
    assert data["node"]["title"] == "暮らしの安心"


def test_an_initiative_has_a_twin_of_its_own(client, small_plan):
    data = twin(client, PLAN + "1-1-1.1/index.json")
    assert data["node"]["kind"] == "initiative"
    assert data["breadcrumbs"][-1]["url"] == PLAN + "1-1-1.1/"


@pytest.mark.parametrize(
    "url",
    ["/ja/999999/index.json", "/ja/999997/1999-2003/index.json", PLAN + "7-7/index.json"],
)
def test_unknown_twins_answer_404_in_json(client, small_plan, url):
    assert twin(client, url, 404)["error"] == "not_found"


@pytest.mark.parametrize(
    "url", ["/ja/", "/ja/999997/", PLAN, PLAN + "1/", PLAN + "1-1/", PLAN + "1-1-1/"]
)
def test_every_page_links_a_twin_that_answers(client, small_plan, url):
    html = client.get(url).content.decode()
    href = re.search(r'<link rel="alternate" type="application/json" href="([^"]+)">', html)
    assert href is not None
    assert twin(client, href.group(1))["schema"].startswith("shisaku.")


def test_twins_may_be_fetched_from_other_sites(client, small_plan):
    assert client.get("/ja/index.json")["Access-Control-Allow-Origin"] == "*"
