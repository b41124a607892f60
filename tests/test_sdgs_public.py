"""The public SDG pages of a plan (fictional 絞込市, tests/filterville.py, with invented links):
the 17 goals with counts, one page per goal listing its measures with their status, tiles on a
measure's page, and the SDG filter on the measure and indicator lists."""

from __future__ import annotations

import re

import pytest

from shisaku.domain.sdgs import GoalRef
from shisaku.plan.sdgs import set_measure_goals
from tests import filterville
from tests.filterville import CODE, INDICATORS, MEASURES, SLUG

PLAN = f"/ja/{CODE}/{SLUG}/"
LINKS = {"1-1-1": [GoalRef(3), GoalRef(10, "2")], "1-1-2": [GoalRef(3, "8")], "1-2-1": [GoalRef(4)]}


@pytest.fixture
def plan(db, operator):
    filterville.create(operator)
    for node, refs in LINKS.items():
        set_measure_goals(
            actor=operator, municipality_code=CODE, slug=SLUG, node_code=node, refs=refs
        )


def page(client, url: str) -> str:
    response = client.get(url)
    assert response.status_code == 200, url
    return response.content.decode()


def codes(html: str) -> list[str]:
    table = html.split('<table class="measure-list">')[1].split("</table>")[0]
    return re.findall(r'<span class="code">([^<]+)</span>', table)


def test_the_goal_page_lists_the_measures_serving_it_with_their_status(client, plan):
    html = page(client, PLAN + "sdgs/3/")
    assert "<title>ゴール3: すべての人に健康と福祉を | 絞込市総合計画" in html
    assert codes(html) == ["1-1-1", "1-1-2"]
    rows = re.findall(r'<td>([^<]*)</td><td class="status status-(\w+)">([^<]+)</td>', html)
    assert [(t, s) for t, s, _ in rows] == [("—", "on_track"), ("3.8", "achieved")]
    assert '<caption id="c-goal-measures">このゴールに貢献する施策: 2</caption>' in html
    assert 'fill="#4C9F38"' in html and 'fill="#000000">3</text>' in html


def test_the_english_goal_page_names_the_goal_in_english(client, plan):
    html = page(client, PLAN.replace("/ja/", "/en/") + "sdgs/4/")
    assert "<span>Goal 4: Quality Education</span>" in html
    assert codes(html) == ["1-2-1"]


def test_a_goal_without_measures_says_so_and_goal_18_is_not_found(client, plan):
    assert "この計画には、このゴールに結び付けられた施策がありません。" in page(
        client, PLAN + "sdgs/17/"
    )
    assert client.get(PLAN + "sdgs/18/").status_code == 404


def test_the_goals_page_shows_seventeen_tiles_with_counts_and_sources(client, plan):
    html = page(client, PLAN + "sdgs/")
    counts = re.findall(r'<span class="sdg-count">施策: (\d+)</span>', html)
    assert len(counts) == 17
    assert [int(c) for c in counts[:4]] + [int(counts[9])] == [0, 0, 2, 1, 1]
    assert "https://www.mofa.go.jp/mofaj/gaiko/oda/sdgs/about/index.html" in html


def test_the_goal_twin_gives_the_goal_and_its_measures(client, plan):
    data = client.get(PLAN + "sdgs/10/index.json").json()
    assert data["goal"] == {
        "number": 10,
        "name": "人や国の不平等をなくそう",
        "name_en": "Reduced Inequalities",
        "colour": "#DD1367",
    }
    assert [(m["code"], m["status"], m["targets"]) for m in data["measures"]] == [
        ("1-1-1", "on_track", ["10.2"])
    ]


def test_a_measure_page_shows_the_tiles_of_its_goals_and_others_none(client, plan):
    html = page(client, PLAN + "1-1-1/")
    served = html.split('<section class="sdg-served"')[1].split("</section>")[0]
    assert re.findall(r'href="([^"]+)"', served) == [PLAN + "sdgs/3/", PLAN + "sdgs/10/"]
    assert "ゴール10: 人や国の不平等をなくそう" in served
    assert "sdg-served" not in page(client, PLAN + "2-1-1/")


def test_the_measure_list_filters_by_goal_and_its_twin_says_so(client, plan):
    html = page(client, MEASURES + "?sdg=3")
    assert codes(html) == ["1-1-1", "1-1-2"]
    assert '<option value="3" selected>3 すべての人に健康と福祉を</option>' in html
    assert f'<a href="{PLAN}sdgs/">SDGs</a></p>' in html
    twin = client.get(MEASURES + "index.json?sdg=4").json()
    assert ([m["code"] for m in twin["measures"]], twin["filters"]["sdg"]) == (["1-2-1"], "4")


def test_the_indicator_list_keeps_the_indicators_of_the_goals_measures(client, plan):
    twin = client.get(INDICATORS + "index.json?sdg=3").json()
    assert [i["code"] for i in twin["indicators"]] == ["K1", "K2", "K3"]


def test_a_goal_no_measure_serves_is_refused_naming_those_accepted(client, plan):
    response = client.get(MEASURES + "?sdg=5")
    assert response.status_code == 400
    assert "<p>“5”はこの計画のSDGsのゴールではありません。使えるもの: 3, 4, 10。</p>" in (
        response.content.decode()
    )


def test_the_measure_downloads_and_twin_name_the_goals_each_measure_serves(client, plan):
    import csv
    import io

    body = client.get(MEASURES + "index.csv?sdg=3").content.decode("utf-8-sig")
    rows = [(r[2], r[9]) for r in csv.reader(io.StringIO(body))]
    assert rows == [("code", "sdg_goals"), ("1-1-1", "3 10"), ("1-1-2", "3")]
    twin = client.get(MEASURES + "index.json").json()
    assert [(m["code"], m["sdg_goals"]) for m in twin["measures"]] == [
        ("1-1-1", [3, 10]),
        ("1-1-2", [3]),
        ("1-2-1", [4]),
        ("2-1-1", []),
    ]
