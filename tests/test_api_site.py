"""The API's reads of what the public site shows: search, published evaluations, grades by node,
prefectures and comparisons across municipalities — exact bodies, published data only.

Data: the fictional towns of tests/test_compare.py (北市, 南町, 西村 with a draft plan, 東市)
and the fictional 試験市 of tests/test_public_evaluations.py (FY2024 and FY2025 published,
FY2026 with the committee). None of it is any real city's.
"""

from __future__ import annotations

import re

import pytest

from shisaku.api.openapi import openapi_document
from tests.api_checks import checked_client  # noqa: F401  (the client: error bodies checked)
from tests.test_compare import make_towns
from tests.test_public_evaluations import town_fixture  # noqa: F401  (the "town" fixture)

API = "/api/v1"
TESTVILLE = f"{API}/municipalities/999997/plans/2024-2028"
RULE = "評価済みの指標のうち A・B の割合。未評価（X）は分母に含めない"
KITA = {"code": "029017", "name": "北市", "name_en": "Kita City"}
MINAMI = {"code": "029025", "name": "南町", "name_en": "Minami Town"}
HIGASHI = {"code": "039012", "name": "東市", "name_en": "Higashi City"}


@pytest.fixture
def towns(db, operator):
    make_towns(operator)


def get(client, url: str, status: int = 200):
    response = client.get(url)
    assert response.status_code == status, response.content.decode()
    return response.json()


def counts(**found: int) -> list[dict]:
    on_track = {"A", "B"}
    return [
        {"grade": g, "count": found.get(g, 0), "on_track": g in on_track}
        for g in ("A", "B", "C", "D", "X")
    ]


# --- search ---------------------------------------------------------------------------------

BIRTH_HITS = [
    ("text", "policy", "1-1", "029017", "2020-2024"),
    ("indicator", "indicator", "T1", "029017", "2020-2024"),
    ("indicator", "indicator", "B1", "029017", "2020-2024"),
    ("indicator", "indicator", "T1", "029017", "2015-2019"),
    ("indicator", "indicator", "T9", "029025", "2021-2025"),
    ("indicator", "indicator", "T1", "039012", "2020-2024"),
]


def hits(items) -> list[tuple]:
    return [(h["type"], h["kind"], h["code"], h["municipality"]["code"], h["plan"]) for h in items]


def test_search_finds_the_plan_text_then_the_indicators_of_published_plans(client, towns):
    found = get(client, f"{API}/search?q=出生")
    assert (found["count"], found["total"], found["query"], found["terms"], found["next"]) == (
        6,
        6,
        "出生",
        ["出生"],
        None,
    )
    assert hits(found["items"]) == BIRTH_HITS  # 西村's draft plan says 1.90: never found
    assert found["items"][0] == {
        "type": "text",
        "kind": "policy",
        "code": "1-1",
        "municipality": KITA,
        "plan": "2020-2024",
        "title": "子育て",
        "title_en": "",
        "section": "situation",
        "block": 1,
        "text": "本市における合計特殊出生率は、2020年は1.25と国の1.33よりも低水準となっています。",
        "text_en": "",
        "url": "/ja/029017/2020-2024/1-1/",
        "api_url": f"{API}/municipalities/029017/plans/2020-2024/nodes/1-1",
    }
    assert found["items"][4] == {
        "type": "indicator",
        "kind": "indicator",
        "code": "T9",
        "municipality": MINAMI,
        "plan": "2021-2025",
        "title": "合計特殊出生率（町）",
        "title_en": "",
        "section": "",
        "block": 0,
        "text": "",
        "text_en": "",
        "url": "/ja/029025/2021-2025/indicators/T9/",
        "api_url": f"{API}/municipalities/029025/plans/2021-2025/indicators/T9",
    }


@pytest.mark.parametrize(
    "words",
    ["出生", "ＴＦＲ 出生", "合計特殊 出生率", "子育て", "低水準 国", "国の1.33", "nothing"],
)
def test_search_finds_what_the_public_search_finds_in_the_same_order(client, towns, words):
    public = client.get("/ja/search/index.json", {"q": words}).json()
    expected = [
        (h["type"], h["kind"], h["code"], g["municipality"]["code"], g["plan"]["slug"])
        for g in public["groups"]
        for h in g["hits"]
    ]
    found = get(client, f"{API}/search?q={words}&limit=500")
    assert (hits(found["items"]), found["total"]) == (expected, public["total"])


def test_search_pages_through_the_first_thousand_hits_and_counts_them_all(
    client, towns, monkeypatch
):
    monkeypatch.setattr("shisaku.api.site.SEARCH_WINDOW", 3)  # as if 1,000 were 3
    first = get(client, f"{API}/search?q=出生&limit=2")
    assert (hits(first["items"]), first["count"], first["total"]) == (BIRTH_HITS[:2], 3, 6)
    last = get(client, first["next"])
    assert (hits(last["items"]), last["next"]) == (BIRTH_HITS[2:3], None)
    huge = get(client, f"{API}/search?q=出生&offset=9236670045180487680")
    assert (huge["items"], huge["count"], huge["total"]) == ([], 3, 6)


def test_search_pages_and_keeps_to_one_municipality(client, towns):
    second = get(client, f"{API}/search?q=出生&limit=2&offset=1")
    assert hits(second["items"]) == BIRTH_HITS[1:3]
    assert second["next"] == f"{API}/search?q=%E5%87%BA%E7%94%9F&limit=2&offset=3"
    here = get(client, f"{API}/search?q=出生&municipality=029025")
    assert hits(here["items"]) == [BIRTH_HITS[4]]


@pytest.mark.parametrize(
    ("query", "field"),
    [
        ("", "q"),
        ("q=", "q"),
        ("q=%20%20", "q"),
        ("q=" + "あ" * 101, "q"),
        ("q=a&municipality=2", "municipality"),
        ("q=a%00b", "q"),
        ("q=%E2%80%AEabc", "q"),
    ],
)
def test_search_without_words_with_control_characters_or_a_bad_town_is_a_422_naming_it(
    client, towns, query, field
):
    error = get(client, f"{API}/search?{query}", 422)["error"]
    assert [d["field"] for d in error["details"]] == [field]


# --- published evaluations -----------------------------------------------------------------


SHARED = (
    *("fiscal_year", "fiscal_year_label", "department", "direction", "direction_label"),
    *("results", "results_en", "issues", "issues_en", "committee_opinion", "committee_opinion_en"),
)


def without_urls(grades: dict) -> dict:
    indicators = [{k: v for k, v in g.items() if k != "url"} for g in grades["indicators"]]
    return {**grades, "indicators": indicators}


def test_published_evaluations_are_those_the_measure_page_shows(client, town):
    found = get(client, f"{TESTVILLE}/evaluations")
    site = client.get("/ja/999997/2024-2028/1-1-1/index.json").json()["evaluations"]
    assert found["count"] == 2  # FY2026 is with the committee: not published, not shown
    assert [{k: e[k] for k in SHARED} for e in found["items"]] == [
        {k: e[k] for k in SHARED} for e in site
    ]
    assert [e["grades"] for e in found["items"]] == [without_urls(e["grades"]) for e in site]


def test_an_evaluation_names_its_measure_and_the_grades_frozen_at_approval(client, town):
    latest = get(client, f"{TESTVILLE}/evaluations")["items"][0]
    assert latest.pop("published_at") and latest["grades"].pop("frozen_at")
    assert {k: v for k, v in latest.items() if k not in SHARED} == {
        "measure_code": "1-1-1",
        "measure_title": "相談支援の充実",
        "measure_title_en": "",
        "grades": {
            "method": "ratio_to_target",
            "rule": RULE,
            "counts": {"A": 0, "B": 0, "C": 2, "D": 0, "X": 0},
            "assessed": 2,
            "missing": 0,
            "indicators": [
                {
                    "code": code,
                    "name": f"試験指標{code}",
                    "name_en": "",
                    "unit": "",
                    "node_code": node,
                    "actual": "150",
                    "grade": "C",
                    "grade_label": "60%以上80%未満",
                    "ratio": 0.75,
                    "formula": "実績 ÷ 目標 = 150 ÷ 200 = 75.0%",
                    "result": "達成率 75.0% → C（60%以上80%未満）",
                }
                for code, node in (("K1", "1-1-1"), ("K2", "1-1-1.1"))
            ],
        },
        "url": "/ja/999997/2024-2028/1-1-1/",
    }
    assert (latest["fiscal_year"], latest["direction_label"], latest["results_en"]) == (
        2025,
        "拡充",
        "Consultations rose to 150.",
    )


def test_evaluations_of_one_year_and_no_staff_account_anywhere(client, town):
    text = client.get(f"{TESTVILLE}/evaluations?year=2024").content.decode()
    found = get(client, f"{TESTVILLE}/evaluations?year=2024")
    assert [(e["measure_code"], e["fiscal_year"]) for e in found["items"]] == [("1-1-1", 2024)]
    assert get(client, f"{TESTVILLE}/evaluations?year=2026")["items"] == []
    for person in ("kikaku", "kosodate", "kacho", "iin", "user:", "demo:"):
        assert person not in text


# --- grades by node ------------------------------------------------------------------------


def node_row(code, kind, title, found, own):
    assessed = sum(n for g, n in found.items() if g != "X")
    return {
        "node_code": code,
        "kind": kind,
        "title": title,
        "title_en": "",
        "counts": counts(**found),
        "assessed": assessed,
        "missing": found.get("X", 0),
        "on_track_share": 0.0 if assessed else None,
        "indicators": [
            {"code": c, "name": f"試験指標{c}", "grade": g, "label": label} for c, g, label in own
        ],
        "api_url": f"{TESTVILLE}/nodes/{code}",
    }


C = "60%以上80%未満"
X = "未評価"


def test_grades_by_node_count_every_indicator_below_and_list_the_nodes_own(client, town):
    assert get(client, f"{TESTVILLE}/grades?year=2025") == {
        "count": 5,
        "limit": 50,
        "offset": 0,
        "next": None,
        "year": 2025,
        "items": [
            node_row("1", "field", "くらし", {"C": 3}, []),
            node_row("1-1", "policy", "暮らしの安心", {"C": 3}, []),
            node_row("1-1-1", "measure", "相談支援の充実", {"C": 2}, [("K1", "C", C)]),
            node_row("1-1-1.1", "initiative", "相談体制の充実", {"C": 1}, [("K2", "C", C)]),
            node_row("1-1-2", "measure", "道路の安全", {"C": 1}, [("R1", "C", C)]),
        ],
    }


def test_a_year_without_actuals_is_graded_missing_never_zero(client, town):
    found = get(client, f"{TESTVILLE}/grades?year=2024&offset=2&limit=1")
    assert found["items"] == [
        node_row("1-1-1", "measure", "相談支援の充実", {"X": 2}, [("K1", "X", X)])
    ]
    assert (found["count"], found["year"]) == (5, 2024)


# --- prefectures ---------------------------------------------------------------------------


def test_prefectures_with_a_published_plan_by_code(client, towns):
    assert get(client, f"{API}/prefectures") == {
        "count": 2,
        "limit": 50,
        "offset": 0,
        "next": None,
        "items": [
            {
                "code": "02",
                "name": "青森県",
                "name_en": "Aomori Prefecture",
                "municipalities": 2,  # 北市 and 南町: 西村's plan is a draft
                "api_url": f"{API}/prefectures/02/municipalities",
            },
            {
                "code": "03",
                "name": "岩手県",
                "name_en": "Iwate Prefecture",
                "municipalities": 1,
                "api_url": f"{API}/prefectures/03/municipalities",
            },
        ],
    }


def test_a_prefectures_municipalities_are_those_with_a_published_plan(client, towns):
    found = get(client, f"{API}/prefectures/02/municipalities")
    assert [(m["code"], m["current_plan"]) for m in found["items"]] == [
        ("029017", "2020-2024"),
        ("029025", "2021-2025"),
    ]
    assert found["items"][1] == get(client, f"{API}/municipalities/029025")
    error = get(client, f"{API}/prefectures/05/municipalities", 404)["error"]
    assert error["message"] == (
        "公開中の計画がある団体を含む都道府県が見つかりません / "
        "Prefecture with a published plan not found"
    )
    error = get(client, f"{API}/prefectures/2/municipalities", 422)["error"]
    assert [d["field"] for d in error["details"]] == ["prefecture"]


# --- comparisons ---------------------------------------------------------------------------


def rows(found) -> list[tuple]:
    return [
        (
            r["municipality"]["code"],
            r["plan"]["slug"],
            r["indicator_code"],
            r["latest_actual"]["raw"] if r["latest_actual"] else None,
            r["latest_actual"]["period_label"] if r["latest_actual"] else None,
            r["year"],
            r["grade"],
            r["ratio"],
        )
        for r in found["items"]
    ]


NATIONAL = [
    {
        "period": "FY2022",
        "period_end": 2022,
        "raw": "1.26",
        "value": 1.26,
        "unit": "",
        "source": "人口動態統計（試験データ）",
        "municipality_code": "029025",
        "plan": "2021-2025",
    },
    {
        "period": "CY2020",
        "period_end": 2020,
        "raw": "1.33",
        "value": 1.33,
        "unit": "",
        "source": "",
        "municipality_code": "029017",
        "plan": "2020-2024",
    },
]


def test_a_comparison_gives_each_towns_latest_published_actual_and_grade(client, towns):
    found = get(client, f"{API}/comparisons/total-fertility-rate")
    assert rows(found) == [
        ("029017", "2020-2024", "T1", "1.30", "2021年度（令和3年度）", 2022, "X", None),
        ("029025", "2021-2025", "T9", "1.15", "2022年度（令和4年度）", 2022, "B", 0.821),
        ("039012", "2020-2024", "T1", "1.60", "2021年度（令和3年度）", 2021, "B", 0.889),
    ]
    head = {k: found[k] for k in ("code", "name", "name_en", "prefecture", "national")}
    assert head == {
        "code": "total-fertility-rate",
        "name": "合計特殊出生率",
        "name_en": "Total fertility rate",
        "prefecture": None,
        "national": NATIONAL,
    }
    higashi = found["items"][2]
    assert (higashi["municipality"], higashi["grade_label"], higashi["api_url"]) == (
        HIGASHI,
        "80%以上100%未満",
        f"{API}/municipalities/039012/plans/2020-2024/indicators/T1",
    )
    assert "未公表" not in str(found) and "1.90" not in str(found)


def test_a_comparison_in_one_prefecture_keeps_to_its_municipalities(client, towns):
    found = get(client, f"{API}/comparisons/total-fertility-rate?prefecture=02&limit=1")
    assert rows(found) == [
        ("029017", "2020-2024", "T1", "1.30", "2021年度（令和3年度）", 2022, "X", None)
    ]
    assert (found["count"], found["prefecture"], found["items"][0]["municipality"]) == (
        2,
        "02",
        KITA,
    )


@pytest.mark.parametrize(
    ("url", "status"),
    [
        ("/comparisons/no-such-code", 404),
        ("/comparisons/total-fertility-rate?prefecture=05", 404),
        ("/comparisons/total-fertility-rate?prefecture=tokyo", 422),
    ],
)
def test_unknown_codes_and_prefectures_without_data_are_refused(client, towns, url, status):
    assert get(client, API + url, status)["error"]["status"] == status


# --- the document --------------------------------------------------------------------------

SITE_PATHS = [
    "/api/v1/search",
    "/api/v1/municipalities/{code}/plans/{slug}/evaluations",
    "/api/v1/municipalities/{code}/plans/{slug}/grades",
    "/api/v1/prefectures",
    "/api/v1/prefectures/{prefecture}/municipalities",
    "/api/v1/comparisons/{common_code}",
]
JAPANESE = re.compile(r"[\u3040-\u30ff\u4e00-\u9fff]")
ENGLISH = re.compile(r"[A-Za-z]{4,}")


@pytest.mark.parametrize("path", SITE_PATHS)
def test_each_new_read_is_described_in_japanese_and_english_and_paginated(path):
    op = openapi_document()["paths"][path]["get"]
    for text in (op["summary"], op["description"]):
        assert JAPANESE.search(text) and ENGLISH.search(text), text
    for p in op["parameters"]:
        described = p.get("description") or p["schema"].get("description", "")
        assert " / " in described and JAPANESE.search(described), (path, p["name"])
    assert {"limit", "offset"} <= {p["name"] for p in op["parameters"] if p["in"] == "query"}
