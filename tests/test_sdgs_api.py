"""The SDG read endpoints: the 17 goals with names, colours and sources, and a published plan's
measures linked to one goal (fictional 試験市)."""

from __future__ import annotations

import pytest

from shisaku.domain.sdgs import GoalRef
from shisaku.plan.sdgs import set_measure_goals
from tests.api_checks import checked_client  # noqa: F401  (the client: answers checked)

PLAN = "/api/v1/municipalities/999997/plans/2024-2028"


@pytest.fixture
def linked(small_plan, operator):
    set_measure_goals(
        actor=operator,
        municipality_code="999997",
        slug="2024-2028",
        node_code="1-1-1",
        refs=[GoalRef(3), GoalRef(3, "8"), GoalRef(10)],
        source="計画書 p.12（架空）",
    )


def test_the_goal_list_gives_seventeen_goals_with_their_sources(client, db):
    body = client.get("/api/v1/sdgs?limit=2&offset=3").json()
    assert body["count"] == 17
    assert [(g["number"], g["name"], g["name_en"], g["colour"]) for g in body["items"]] == [
        (4, "質の高い教育をみんなに", "Quality Education", "#C5192D"),
        (5, "ジェンダー平等を実現しよう", "Gender Equality", "#FF3A21"),
    ]
    assert (
        "https://www.mofa.go.jp/mofaj/gaiko/oda/sdgs/about/index.html" in body["items"][0]["source"]
    )


def test_a_goal_lists_the_measures_linked_to_it(client, linked):
    body = client.get(PLAN + "/sdgs/3/measures").json()
    assert (body["count"], body["items"]) == (
        1,
        [
            {
                "code": "1-1-1",
                "title": "相談支援の充実",
                "title_en": "Better counselling",
                "targets": ["3.8"],
                "source": "計画書 p.12（架空）",
            }
        ],
    )
    assert client.get(PLAN + "/sdgs/4/measures").json()["count"] == 0


def test_a_goal_outside_one_to_seventeen_is_refused(client, linked):
    response = client.get(PLAN + "/sdgs/18/measures")
    assert response.status_code == 422
    assert response.json()["error"]["status"] == 422
