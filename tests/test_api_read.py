"""The JSON API's reads: exact bodies, pagination, ETags and 304, drafts hidden, error envelope."""

from __future__ import annotations

import hashlib

import pytest

from shisaku.domain.indicatordata import IndicatorBatch, IndicatorDefinition
from shisaku.indicators import services as indicator_services
from shisaku.indicators.services import FigureEntry
from shisaku.plan import services as plan_services
from tests.api_checks import checked_client  # noqa: F401  (the client: error bodies checked)
from tests.factories import UDA_SOURCE, figure, make_uda_plan

API = "/api/v1"
TOWN = f"{API}/municipalities/999997"
PLAN = f"{TOWN}/plans/2024-2028"
UDA = f"{API}/municipalities/292125/plans/2015-2019"

PLAN_SUMMARY = {
    "slug": "2024-2028",
    "title": "試験市総合計画",
    "title_en": "Testville Plan",
    "period": {"start": 2024, "end": 2028},
    "status": "published",
    "version": 1,
    "url": "/ja/999997/2024-2028/",
    "api_url": PLAN,
}
TOWN_JSON = {
    "code": "999997",
    "name": "試験市",
    "name_en": "Testville",
    "current_plan": "2024-2028",
    "plans": [PLAN_SUMMARY],
    "url": "/ja/999997/",
    "api_url": TOWN,
}
UDA_SCALE = {
    "name": "宇陀市",
    "bands": [
        {"min": 1.0, "grade": "A"},
        {"min": 0.8, "grade": "B"},
        {"min": 0.6, "grade": "C"},
        {"min": None, "grade": "D"},
    ],
    "missing": "X",
    "labels": {
        "A": "100%以上",
        "B": "80%以上100%未満",
        "C": "60%以上80%未満",
        "D": "60%未満",
        "X": "未評価",
    },
    "on_track": ["A", "B"],
}
UDA_METHOD = {"preset": "uda", "method": "ratio_to_target", "params": {}, "scale": UDA_SCALE}
RULE = "評価済みの指標のうち A・B の割合。未評価（X）は分母に含めない"


def get(client, url: str, status: int = 200, **headers):
    response = client.get(url, headers=headers)
    assert response.status_code == status, response.content.decode()
    if status != 304:
        assert response["Content-Type"] == "application/json; charset=utf-8"
    return response


def body(client, url: str, status: int = 200):
    return get(client, url, status).json()


def page(items, count=None, limit=50, offset=0, next=None):
    return {
        "count": len(items) if count is None else count,
        "limit": limit,
        "offset": offset,
        "next": next,
        "items": items,
    }


def error(status: int, code: str, message: str, details=()):
    return {"error": {"status": status, "code": code, "message": message, "details": list(details)}}


def node_row(code, kind, title, parent, depth, title_en="", known=True):
    return {
        "code": code,
        "kind": kind,
        "title": title,
        "title_en": title_en,
        "title_known": known,
        "parent_code": parent,
        "depth": depth,
        "url": f"/ja/999997/2024-2028/{code}/",
        "api_url": f"{PLAN}/nodes/{code}",
    }


def fig(kind, year, raw, value, era, revision=1):
    return {
        "kind": kind,
        "period": f"FY{year}",
        "period_label": f"{year}年度（{era}年度）",
        "period_start": year,
        "period_end": year,
        "breakdown": "",
        "raw": raw,
        "value_kind": "number",
        "value": value,
        "unit": "",
        "qualifier": "",
        "label": "",
        "components": [],
        "note": "",
        "source": "",
        "revision": revision,
    }


@pytest.fixture
def uda(db, operator):
    make_uda_plan(operator)


@pytest.fixture
def small_indicator(small_plan, operator):
    """One fictional indicator on measure 1-1-1 of 試験市, with a baseline, target and actual."""
    batch = IndicatorBatch(
        definitions=[
            IndicatorDefinition(
                "999997", "2024-2028", "K1", "相談件数", "increase", node_code="1-1-1", unit="件"
            )
        ],
        figures=[
            figure("999997", "2024-2028", "K1", "baseline", "2023年度", "80件"),
            figure("999997", "2024-2028", "K1", "target", "2028年度", "120件"),
            figure("999997", "2024-2028", "K1", "actual", "2025年度", "126件"),
        ],
    )
    indicator_services.apply_batch(actor=operator, batch=batch)


# --- municipalities and plans ----------------------------------------------------------------


def test_the_root_points_to_the_docs_and_the_first_list(client, db):
    assert body(client, f"{API}/") == {
        "title": "Shisaku API",
        "version": "1",
        "docs": f"{API}/docs",
        "openapi": f"{API}/openapi.json",
        "municipalities": f"{API}/municipalities",
    }


def test_municipalities_lists_towns_with_published_plans(client, small_plan):
    assert body(client, f"{API}/municipalities") == page([TOWN_JSON])


def test_a_municipality_names_its_current_plan(client, small_plan):
    assert body(client, TOWN) == TOWN_JSON


def test_a_municipalitys_plans_are_a_page(client, small_plan):
    assert body(client, f"{TOWN}/plans") == page([PLAN_SUMMARY])


def test_a_plan_gives_its_metadata_and_how_it_grades(client, small_plan):
    assert body(client, PLAN) == {
        "municipality": {"code": "999997", "name": "試験市", "name_en": "Testville"},
        **{k: v for k, v in PLAN_SUMMARY.items() if k != "api_url"},
        "assessment": UDA_METHOD,
        "api_url": PLAN,
        "links": {
            "nodes": f"{PLAN}/nodes",
            "indicators": f"{PLAN}/indicators",
            "assessments": f"{PLAN}/assessments",
        },
    }


def test_the_nodes_are_a_flat_list_in_document_order(client, small_plan):
    assert body(client, f"{PLAN}/nodes") == page(
        [
            node_row("1", "field", "くらし", None, 0, title_en="Living"),
            node_row("1-1", "policy", "暮らしの安心", "1", 1),
            node_row("1-1-1", "measure", "相談支援の充実", "1-1", 2, title_en="Better counselling"),
            node_row("1-1-1.1", "initiative", "相談体制の充実", "1-1-1", 3),
            node_row("1-1-1.1.1", "action", "相談窓口を開設します。", "1-1-1.1", 4),
            node_row("9", "field", "", None, 0, known=False),
        ]
    )


def test_a_node_gives_its_sections_blocks_children_and_indicators(
    client, small_plan, small_indicator
):
    assert body(client, f"{PLAN}/nodes/1-1-1") == {
        **node_row("1-1-1", "measure", "相談支援の充実", "1-1", 2, title_en="Better counselling"),
        "sections": [
            {
                "key": "description",
                "title": "概要",
                "state": "present",
                "columns": [],
                "blocks": [
                    {
                        "kind": "paragraph",
                        "text": "相談支援を充実します。",
                        "text_en": "",
                        "footnotes": [],
                    }
                ],
            },
            {
                "key": "indicators",
                "title": "目標とする指標",
                "state": "empty",
                "columns": ["指標とその説明", "基準値", "目標値"],
                "blocks": [],
            },
        ],
        "footnotes": [],
        "children": ["1-1-1.1"],
        "indicators": ["K1"],
    }


def test_a_node_code_with_dots_addresses_an_action_and_its_footnote(client, small_plan):
    action = body(client, f"{PLAN}/nodes/1-1-1.1.1")
    assert action["footnotes"] == [
        {"term": "相談窓口", "text": "市役所の窓口のこと。", "text_en": ""}
    ]
    assert (action["parent_code"], action["children"], action["sections"]) == ("1-1-1.1", [], [])


def test_a_policy_keeps_a_missing_diagram_marked_missing(client, small_plan):
    sections = body(client, f"{PLAN}/nodes/1-1")["sections"]
    assert [(s["key"], s["state"], len(s["blocks"])) for s in sections] == [
        ("situation", "present", 2),
        ("direction", "present", 1),
        ("diagram", "missing", 0),
    ]


# --- indicators, observations, assessments (宇陀市, real rows) ----------------------------------


UDA_2 = {
    "code": "2",
    "node_code": None,
    "name": "人口移動（社会減）",
    "name_en": "",
    "definition": "",
    "definition_en": "",
    "unit": "人/年",
    "unit_en": "",
    "direction": "decrease",
    "accumulation": "single_year",
    "time_basis": "fiscal",
    "source_kind": "other",
    "source": UDA_SOURCE,
    "department": "",
    "components": [],
    "rationale": "",
    "rationale_en": "",
    "note": "",
    "note_en": "",
    "weight": None,
    "common_code": "",
    "figures": [
        fig("actual", 2015, "385", 385, "平成27"),
        fig("actual", 2016, "245", 245, "平成28"),
        fig("actual", 2017, "205", 205, "平成29"),
        fig("baseline", 2014, "300", 300, "平成26"),
        fig("target", 2019, "150", 150, "令和元"),
    ],
    "figures_count": 5,
    "figures_url": f"{UDA}/indicators/2/figures",
    "url": "/ja/292125/2015-2019/indicators/2/",
    "api_url": f"{UDA}/indicators/2",
}


def test_an_indicator_gives_its_definition_and_current_figures(client, uda):
    assert body(client, f"{UDA}/indicators/2") == UDA_2


def test_the_indicators_of_a_plan_are_a_page(client, uda):
    listed = body(client, f"{UDA}/indicators?offset=1")
    assert listed == page([UDA_2], count=2, offset=1)
    first = body(client, f"{UDA}/indicators?limit=1")["items"][0]
    assert (first["code"], first["name"], first["figures"][2]["raw"]) == (
        "1",
        "合計特殊出生率",
        "1.00",
    )


def test_observations_keep_every_revision_newest_first(client, uda, operator):
    entry = FigureEntry("292125", "2015-2019", "1", "actual", "H29", "1.01")
    indicator_services.record_figure(actor=operator, entry=entry)
    history = body(client, f"{UDA}/indicators/1/observations")
    assert history["count"] == 6
    rows = [
        (o["kind"], o["period"], o["raw"], o["revision"], o["is_current"], o["department"])
        for o in history["items"]
    ]
    assert rows == [
        ("actual", "FY2015", "0.93", 1, True, ""),
        ("actual", "FY2016", "1.11", 1, True, ""),
        ("actual", "FY2017", "1.01", 2, True, ""),
        ("actual", "FY2017", "1.00", 1, False, ""),
        ("baseline", "FY2014", "0.90", 1, True, ""),
        ("target", "FY2019", "1.40", 1, True, ""),
    ]
    assert set(history["items"][0]) == {
        *fig("actual", 2015, "", 0, ""),
        "is_current",
        "department",
        "entered_at",
    }


def test_the_2017_assessment_of_uda_grades_both_indicators_c(client, uda):
    done = body(client, f"{UDA}/assessments?year=2017")
    for item in done["items"]:
        item.pop("forecast")
    assert done == {
        **page(
            [
                {
                    "code": "1",
                    "name": "合計特殊出生率",
                    "node_code": None,
                    "grade": "C",
                    "label": "60%以上80%未満",
                    "status": "graded",
                    "ratio": 0.714,
                    "score": 0.714,
                    "explanation": {
                        "inputs": {
                            "方向": "増加（↑）",
                            "基準値": "0.90（2014）",
                            "目標値": "1.40（2019）",
                            "実績値": "1.00（2017）",
                        },
                        "formula": "実績 ÷ 目標 = 1.00 ÷ 1.40 = 71.4%",
                        "result": "達成率 71.4% → C（60%以上80%未満）",
                        "text": "方向：増加（↑）、基準値：0.90（2014）、目標値：1.40（2019）、"
                        "実績値：1.00（2017）。実績 ÷ 目標 = 1.00 ÷ 1.40 = 71.4%。"
                        "達成率 71.4% → C（60%以上80%未満）",
                        "inputs_en": {
                            "Direction": "Increase (↑)",
                            "Baseline": "0.90 (2014)",
                            "Target": "1.40 (2019)",
                            "Actual": "1.00 (2017)",
                        },
                        "formula_en": "Actual ÷ target = 1.00 ÷ 1.40 = 71.4%",
                        "result_en": "Achievement 71.4% → C (60% to under 80%)",
                        "text_en": "Direction: Increase (↑); Baseline: 0.90 (2014); "
                        "Target: 1.40 (2019); Actual: 1.00 (2017). "
                        "Actual ÷ target = 1.00 ÷ 1.40 = 71.4%. "
                        "Achievement 71.4% → C (60% to under 80%)",
                    },
                },
                {
                    "code": "2",
                    "name": "人口移動（社会減）",
                    "node_code": None,
                    "grade": "C",
                    "label": "60%以上80%未満",
                    "status": "graded",
                    "ratio": 0.732,
                    "score": 0.732,
                    "explanation": {
                        "inputs": {
                            "方向": "減少（↓）",
                            "基準値": "300（2014）",
                            "目標値": "150（2019）",
                            "実績値": "205（2017）",
                        },
                        "formula": "目標 ÷ 実績 = 150 ÷ 205 = 73.2%",
                        "result": "達成率 73.2% → C（60%以上80%未満）",
                        "text": "方向：減少（↓）、基準値：300（2014）、目標値：150（2019）、"
                        "実績値：205（2017）。目標 ÷ 実績 = 150 ÷ 205 = 73.2%。"
                        "達成率 73.2% → C（60%以上80%未満）",
                        "inputs_en": {
                            "Direction": "Decrease (↓)",
                            "Baseline": "300 (2014)",
                            "Target": "150 (2019)",
                            "Actual": "205 (2017)",
                        },
                        "formula_en": "Target ÷ actual = 150 ÷ 205 = 73.2%",
                        "result_en": "Achievement 73.2% → C (60% to under 80%)",
                        "text_en": "Direction: Decrease (↓); Baseline: 300 (2014); "
                        "Target: 150 (2019); Actual: 205 (2017). "
                        "Target ÷ actual = 150 ÷ 205 = 73.2%. "
                        "Achievement 73.2% → C (60% to under 80%)",
                    },
                },
            ]
        ),
        "year": 2017,
        "method": UDA_METHOD,
        "plan": {
            "counts": [
                {"grade": "A", "count": 0, "on_track": True},
                {"grade": "B", "count": 0, "on_track": True},
                {"grade": "C", "count": 2, "on_track": False},
                {"grade": "D", "count": 0, "on_track": False},
                {"grade": "X", "count": 0, "on_track": False},
            ],
            "assessed": 2,
            "missing": 0,
            "on_track_share": 0.0,
            "rule": RULE,
            "weights_normalised": False,
        },
        "by_node": [],
    }


@pytest.mark.parametrize(
    ("year", "grades", "ratios"),
    [(2015, ["C", "D"], [0.664, 0.39]), (2016, ["C", "C"], [0.793, 0.612])],
)
def test_each_year_of_uda_is_graded_as_the_city_published(client, uda, year, grades, ratios):
    items = body(client, f"{UDA}/assessments?year={year}")["items"]
    assert [i["grade"] for i in items] == grades
    assert [i["ratio"] for i in items] == ratios


def test_a_year_without_actuals_is_not_graded_and_not_counted_as_zero(client, uda):
    done = body(client, f"{UDA}/assessments?year=2019")
    assert [(i["grade"], i["status"], i["ratio"]) for i in done["items"]] == [
        ("X", "no_actual", None),
        ("X", "no_actual", None),
    ]
    assert (done["plan"]["assessed"], done["plan"]["missing"]) == (0, 2)
    assert done["plan"]["on_track_share"] is None


def test_the_default_year_is_the_latest_with_an_actual(client, uda):
    assert body(client, f"{UDA}/assessments")["year"] == 2017


def test_the_forecast_explains_itself(client, uda):
    forecast = body(client, f"{UDA}/assessments?year=2017")["items"][0]["forecast"]
    assert (forecast["status"], forecast["likelihood"]) == ("ok", "unlikely")
    assert forecast["explanation"]["result"] == "達成困難見込み（目標 1.40 以上が達成）"
    assert (
        forecast["explanation"]["result_en"]
        == "Unlikely to be met (the target is met at 1.40 or more)"
    )


def test_roll_ups_by_node_go_up_the_tree(client, small_plan, small_indicator):
    done = body(client, f"{PLAN}/assessments?year=2025")
    assert [(i["code"], i["grade"], i["ratio"]) for i in done["items"]] == [("K1", "A", 1.05)]
    assert [n["node_code"] for n in done["by_node"]] == ["1", "1-1", "1-1-1"]
    assert {n["node_code"]: (n["assessed"], n["on_track_share"]) for n in done["by_node"]} == {
        "1": (1, 1.0),
        "1-1": (1, 1.0),
        "1-1-1": (1, 1.0),
    }
    assert done["by_node"][0]["rule"] == RULE


# --- pagination ------------------------------------------------------------------------------


def test_limit_and_offset_slice_the_list_and_count_the_whole(client, small_plan):
    codes = ["1", "1-1", "1-1-1", "1-1-1.1", "1-1-1.1.1", "9"]
    for query, expected in [
        ("limit=2", codes[:2]),
        ("limit=2&offset=2", codes[2:4]),
        ("limit=2&offset=4", codes[4:]),
        ("offset=6", []),
        ("limit=500", codes),
    ]:
        listed = body(client, f"{PLAN}/nodes?{query}")
        assert listed["count"] == 6, query
        assert [n["code"] for n in listed["items"]] == expected, query


def test_each_page_links_the_next_one_keeping_the_query_and_the_last_links_none(client, small_plan):
    first = body(client, f"{PLAN}/nodes?limit=4")
    assert first["next"] == f"{PLAN}/nodes?limit=4&offset=4"
    last = body(client, first["next"])
    assert ([n["code"] for n in last["items"]], last["next"]) == (["1-1-1.1.1", "9"], None)
    assert body(client, f"{PLAN}/nodes?offset=1&limit=2")["next"] == (
        f"{PLAN}/nodes?offset=3&limit=2"
    )


@pytest.mark.parametrize(
    ("query", "field", "message"),
    [
        ("limit=501", "limit", "500 以下にしてください"),
        ("limit=0", "limit", "1 以上にしてください"),
        ("offset=-1", "offset", "0 以上にしてください"),
        ("limit=many", "limit", "整数にしてください"),
    ],
)
def test_a_limit_or_offset_out_of_range_is_a_422_naming_it(
    client, small_plan, query, field, message
):
    details = body(client, f"{PLAN}/nodes?{query}", 422)["error"]["details"]
    assert [d["field"] for d in details] == [field]
    assert details[0]["message"].startswith(message)


# --- ETag, 304 and caching -------------------------------------------------------------------


def test_every_read_has_a_strong_etag_of_its_body_and_may_be_cached(client, small_plan):
    response = get(client, PLAN)
    assert response["ETag"] == '"' + hashlib.sha256(response.content).hexdigest() + '"'
    assert response["Cache-Control"] == "public, max-age=60"


def test_a_matching_if_none_match_is_a_304_with_no_body(client, small_plan):
    etag = get(client, f"{PLAN}/nodes")["ETag"]
    for sent in (etag, f"W/{etag}", f'"other", {etag}', "*"):
        response = get(client, f"{PLAN}/nodes", 304, If_None_Match=sent)
        assert response.content == b""
        assert (response["ETag"], response["Cache-Control"]) == (etag, "public, max-age=60")


def test_a_changed_resource_gets_a_new_etag(client, uda, operator):
    url = f"{UDA}/indicators/1"
    etag = get(client, url)["ETag"]
    entry = FigureEntry("292125", "2015-2019", "1", "actual", "H29", "1.01")
    indicator_services.record_figure(actor=operator, entry=entry)
    response = get(client, url, 200, If_None_Match=etag)
    assert response["ETag"] != etag


def test_errors_are_not_cached(client, small_plan):
    response = get(client, f"{TOWN}/plans/nope", 404)
    assert response["Cache-Control"] == "no-store"
    assert not response.has_header("ETag")


# --- drafts are not visible ------------------------------------------------------------------


@pytest.fixture
def draft(small_plan, operator):
    plan_services.set_plan_status(
        actor=operator, municipality_code="999997", slug="2024-2028", status="draft"
    )


PLAN_NOT_FOUND = error(404, "not_found", "計画が見つかりません / Plan not found")


@pytest.mark.parametrize(
    "suffix", ["", "/nodes", "/nodes/1-1", "/indicators", "/indicators/K1", "/assessments"]
)
def test_a_draft_plan_is_a_404_for_anonymous_readers(client, draft, suffix):
    assert body(client, PLAN + suffix, 404) == PLAN_NOT_FOUND


def test_a_municipality_with_only_drafts_is_not_listed(client, draft):
    assert body(client, f"{API}/municipalities") == page([])
    assert body(client, TOWN, 404) == error(
        404, "not_found", "団体が見つかりません / Municipality not found"
    )


def test_a_draft_is_hidden_even_from_a_token_holder(client, draft, operator):
    from shisaku.accounts import services as accounts

    uid = accounts.create_user(
        actor=operator,
        username="kikaku",
        password="correct horse battery staple 42",
        municipality_code="999997",
        role="planning",
    )
    token = accounts.create_token(actor=operator, user_id=uid, name="読み取り")
    get(client, PLAN, 404, Authorization=f"Bearer {token}")


# --- errors ----------------------------------------------------------------------------------


def test_unknown_things_are_404s_in_the_envelope(client, small_plan, uda):
    assert body(client, f"{PLAN}/nodes/7-7", 404) == error(
        404, "not_found", "ノードが見つかりません / Node not found"
    )
    assert body(client, f"{UDA}/indicators/99", 404) == error(
        404, "not_found", "指標が見つかりません / Indicator not found"
    )
    assert body(client, f"{UDA}/indicators/99/observations", 404)["error"]["code"] == "not_found"
    assert body(client, f"{API}/municipalities/123456", 404)["error"]["code"] == "not_found"
    assert body(client, f"{API}/no/such/thing", 404) == error(
        404, "not_found", "このアドレスはありません / No such API address"
    )


def test_a_malformed_municipality_code_is_a_422_naming_it(client, small_plan):
    details = body(client, f"{API}/municipalities/99999", 422)["error"]["details"]
    assert [d["field"] for d in details] == ["code"]


def test_a_year_out_of_range_is_a_422_naming_it(client, uda):
    details = body(client, f"{UDA}/assessments?year=20017", 422)["error"]["details"]
    assert [d["field"] for d in details] == ["year"]


def test_a_method_not_served_is_a_405_in_the_envelope(client, small_plan):
    response = client.delete(PLAN)
    assert response.status_code == 405
    assert response["Allow"] == "GET"
    assert response.json() == error(
        405, "method_not_allowed", "DELETE は使えません（使えるもの: GET） / Method not allowed"
    )


def test_an_unexpected_failure_is_a_500_without_a_traceback(client, small_plan, monkeypatch):
    def broken(**kwargs):
        raise RuntimeError("secret internals")

    monkeypatch.setattr("shisaku.api.plans.plan_queries.municipalities", broken)
    response = client.get(f"{API}/municipalities")
    assert response.status_code == 500
    assert response.json() == error(
        500, "internal_error", "サーバーで予期しない誤りが起きました / Internal server error"
    )
    assert b"secret" not in response.content
    assert b"Traceback" not in response.content


def test_the_body_and_its_etag_do_not_depend_on_the_language_asked_for(client, small_plan):
    japanese = get(client, f"{PLAN}/nodes")
    english = get(client, f"{PLAN}/nodes", Accept_Language="en")
    assert english.content == japanese.content
    assert english["ETag"] == japanese["ETag"]
