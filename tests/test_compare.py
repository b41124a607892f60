"""Comparing municipalities: common indicator codes, prefecture pages and comparison pages.

Every municipality here is fictional test data (北市 029017, 南町 029025 and 西村 029033 in
青森県's code range, 東市 039012 in 岩手県's), not any real city's plan or figures.
"""

from __future__ import annotations

import io
from dataclasses import replace

import openpyxl
import pytest

from shisaku.domain import common_indicators
from shisaku.domain.indicatordata import IndicatorBatch, IndicatorDefinition
from shisaku.domain.plantree import Block, Node, PlanMeta, Section
from shisaku.domain.prefectures import prefecture_of, prefectures
from shisaku.exchange.indicatorfiles import export_indicators, read_indicator_bytes
from shisaku.indicators.queries import plan_indicators
from shisaku.indicators.services import apply_batch
from shisaku.plan import services as plans
from shisaku.plan.queries import find_plan
from tests.conftest import ROOT
from tests.factories import figure

DEFINITIONS = "municipality_code,plan,indicator_code,name,direction,common_code\n"


def read_definitions(rows: str):
    """Read a definitions file of the given rows."""
    return read_indicator_bytes([("definitions.csv", (DEFINITIONS + rows).encode())])


# --- the catalogue and the exchange column ----------------------------------------------------


def test_the_catalogue_lists_well_known_statistics_by_code():
    found = common_indicators.catalogue()
    assert list(found)[:3] == ["population", "total-fertility-rate", "births"]
    assert found["total-fertility-rate"].name_ja == "合計特殊出生率"
    assert common_indicators.by_name("合計特殊 出生率").code == "total-fertility-rate"
    assert common_indicators.find("tfr") is None


def test_every_common_code_is_documented_in_the_indicator_files_doc():
    text = (ROOT / "docs" / "indicator-files.md").read_text(encoding="utf-8")
    assert [c for c in common_indicators.catalogue() if f"| `{c}` |" not in text] == []


def test_the_47_prefectures_are_named_and_a_town_belongs_to_the_first_two_digits():
    assert len(prefectures()) == 47
    assert prefecture_of("022012").name_ja == "青森県"
    assert prefecture_of("010006").name_en == "Hokkaido"
    assert prefecture_of("999997") is None


def test_the_common_code_column_is_read_and_round_trips(small_plan, operator):
    batch = read_definitions("999997,2024-2028,K1,出生数,increase,ＢＩＲＴＨＳ\n")
    assert batch.errors == []
    assert batch.definitions[0].common_code == "births"
    apply_batch(actor=operator, batch=batch)
    plan = find_plan("999997", "2024-2028")
    assert [v.common_code for v in plan_indicators(plan.id)] == ["births"]
    definitions, _ = export_indicators(plan)
    assert definitions[0]["common_code"] == "births"


def test_a_common_code_not_in_the_catalogue_is_refused_with_the_codes_accepted(small_plan):
    batch = read_definitions("999997,2024-2028,K1,出生数,increase,birth-count\n")
    known = "、".join(common_indicators.catalogue())
    assert [str(e) for e in batch.errors] == [
        "definitions.csv の 2 行目 の common_code 列: "
        f"「birth-count」は共通指標コードの一覧にありません。使える値: {known}"
    ]


def test_a_definition_without_the_column_has_no_common_code():
    definition = IndicatorDefinition("999997", "2024-2028", "K1", "出生数", "increase")
    assert IndicatorBatch(definitions=[definition]).definitions[0].common_code == ""


def test_the_examples_give_a_code_only_to_cities_measuring_the_same_statistic(db, capsys):
    from shisaku.cli import main

    main(["demo"])
    capsys.readouterr()
    from shisaku.indicators.models import Indicator

    coded = Indicator.objects.exclude(common_code="").order_by("common_code", "plan__municipality")
    assert [(i.common_code, i.plan.municipality.code, i.name_ja) for i in coded] == [
        ("births", "122076", "出生数"),
        ("births", "282103", "出生数"),
        ("total-fertility-rate", "010006", "合計特殊出生率"),
        ("total-fertility-rate", "292125", "合計特殊出生率"),
    ]


def test_the_api_and_the_indicator_twin_give_the_common_code(small_plan, operator, client):
    apply_batch(
        actor=operator,
        batch=read_definitions("999997,2024-2028,K1,出生数,increase,births\n"),
    )
    api = client.get("/api/v1/municipalities/999997/plans/2024-2028/indicators/K1").json()
    twin = client.get("/ja/999997/2024-2028/indicators/K1/index.json").json()
    assert (api["common_code"], twin["indicator"]["common_code"]) == ("births", "births")


# --- the fictional towns ----------------------------------------------------------------------

TFR = "total-fertility-rate"
NATIONAL_SOURCE = "人口動態統計（試験データ）"


def _prose(sentence: str) -> list[Node]:
    """Return a tree whose policy 1-1 states ``sentence`` in its current state and issues."""
    policy = Node(
        "policy",
        "1-1",
        "子育て",
        sections=[Section("situation", blocks=[Block("bullet", sentence)])],
    )
    return [Node("field", "1", "くらし", children=[policy])]


def _plan(operator, code, name, name_en, slug, nodes=(), status="published"):
    """Create a fictional municipality's plan through the services."""
    plans.save_municipality(actor=operator, code=code, name_ja=name, name_en=name_en)
    start, end = (int(y) for y in slug.split("-"))
    meta = PlanMeta(
        title=f"{name}総合計画", period_start=start, period_end=end, slug=slug, status=status
    )
    plans.import_plan(actor=operator, municipality_code=code, meta=meta, nodes=list(nodes))


def _indicator(code, slug, ind, name, common, figures, source="試験統計"):
    """Return a definition with a common code and its figures (kind, period, value[, breakdown])."""
    batch = IndicatorBatch(
        definitions=[
            IndicatorDefinition(
                code, slug, ind, name, "increase", common_code=common, source=source
            )
        ]
    )
    for kind, period, value, *rest in figures:
        f = figure(code, slug, ind, kind, period, value)
        if rest:
            f = replace(f, breakdown=rest[0], source=rest[1])
        batch.figures.append(f)
    return batch


@pytest.fixture
def towns(db, operator):
    """北市 and 南町 (青森県's range), 西村 with a draft plan, and 東市 (岩手県's range)."""
    make_towns(operator)


def make_towns(operator):
    """Create the fictional towns of :func:`towns` (also for other comparison tests)."""
    kita = "本市における合計特殊出生率は、2020年は1.25と国の1.33よりも低水準となっています。"
    _plan(operator, "029017", "北市", "Kita City", "2015-2019")
    _plan(operator, "029017", "北市", "Kita City", "2020-2024", _prose(kita))
    _plan(operator, "029025", "南町", "Minami Town", "2021-2025")
    nishi = "本市における合計特殊出生率は、2021年は1.90と国の1.99よりも高くなっています。"
    _plan(operator, "029033", "西村", "Nishi Village", "2022-2026", _prose(nishi), "draft")
    _plan(operator, "039012", "東市", "Higashi City", "2020-2024")
    batches = [
        _indicator(
            "029017", "2015-2019", "T1", "合計特殊出生率", TFR, [("actual", "2018年度", "1.20")]
        ),
        _indicator(
            "029017",
            "2020-2024",
            "T1",
            "合計特殊出生率",
            TFR,
            [
                ("baseline", "2019年度", "1.20"),
                ("target", "2024年度", "1.50"),
                ("actual", "2020年度", "1.25"),
                ("actual", "2021年度", "1.30"),
                ("actual", "2022年度", "未公表"),
            ],
        ),
        _indicator(
            "029017", "2020-2024", "B1", "出生数", "births", [("actual", "2021年度", "800人")]
        ),
        _indicator(
            "029025",
            "2021-2025",
            "T9",
            "合計特殊出生率（町）",
            TFR,
            [
                ("baseline", "2020年度", "1.10"),
                ("target", "2025年度", "1.40"),
                ("actual", "2022年度", "1.15"),
                ("actual", "2022年度", "1.26", "全国", NATIONAL_SOURCE),
            ],
        ),
        _indicator(
            "029033", "2022-2026", "T1", "合計特殊出生率", TFR, [("actual", "2023年度", "1.90")]
        ),
        _indicator(
            "039012",
            "2020-2024",
            "T1",
            "合計特殊出生率",
            TFR,
            [
                ("baseline", "2019年度", "1.50"),
                ("target", "2024年度", "1.80"),
                ("actual", "2021年度", "1.60"),
            ],
        ),
    ]
    for batch in batches:
        apply_batch(actor=operator, batch=batch)


def rows_of(client, url: str) -> list[tuple]:
    """Return the comparison twin's rows: town, latest actual, its period, year and grade."""
    body = client.get(url).json()
    return [
        (
            r["municipality"]["code"],
            r["indicator"]["latest_actual"]["raw"] if r["indicator"]["latest_actual"] else None,
            r["indicator"]["latest_actual"]["period_label"]
            if r["indicator"]["latest_actual"]
            else None,
            r["year"],
            r["indicator"]["assessment"]["grade"],
        )
        for r in body["municipalities"]
    ]


# --- the pages --------------------------------------------------------------------------------

COMPARE = "/ja/compare/total-fertility-rate/"
AOMORI = "/ja/prefectures/02/"


def test_the_prefecture_list_names_prefectures_with_published_plans_only(towns, client):
    body = client.get("/ja/prefectures/index.json").json()
    assert body["schema"] == "shisaku.prefectures/1"
    assert [
        (p["code"], p["name"], [m["code"] for m in p["municipalities"]])
        for p in body["prefectures"]
    ] == [
        ("02", "青森県", ["029017", "029025"]),
        ("03", "岩手県", ["039012"]),
    ]
    html = client.get("/en/prefectures/").content.decode()
    assert '<a href="/en/prefectures/02/">Aomori Prefecture</a>' in html
    assert "西村" not in html and "Nishi" not in html


def test_a_prefecture_page_lists_its_towns_current_plans_and_grade_counts(towns, client):
    body = client.get(AOMORI + "index.json").json()
    assert body["schema"] == "shisaku.prefecture/1"
    assert [
        (
            m["municipality"]["code"],
            m["plan"]["slug"],
            m["indicators"],
            m["year"],
            {c["grade"]: c["count"] for c in m["rollup"]["counts"]},
        )
        for m in body["municipalities"]
    ] == [
        ("029017", "2020-2024", 2, 2022, {"A": 0, "B": 0, "C": 0, "D": 0, "X": 2}),
        ("029025", "2021-2025", 1, 2022, {"A": 0, "B": 1, "C": 0, "D": 0, "X": 0}),
    ]
    assert [(c["code"], c["municipalities"], c["url"]) for c in body["common_indicators"]] == [
        (TFR, 2, "/ja/prefectures/02/compare/total-fertility-rate/"),
        ("births", 1, "/ja/prefectures/02/compare/births/"),
    ]
    html = client.get(AOMORI).content.decode()
    assert "<h1>青森県</h1>" in html
    assert '<a href="/ja/prefectures/02/compare/total-fertility-rate/">合計特殊出生率</a>' in html


def test_the_comparison_gives_each_towns_latest_published_actual_in_code_order(towns, client):
    assert rows_of(client, COMPARE + "index.json") == [
        ("029017", "1.30", "2021年度（令和3年度）", 2022, "X"),
        ("029025", "1.15", "2022年度（令和4年度）", 2022, "B"),
        ("039012", "1.60", "2021年度（令和3年度）", 2021, "B"),
    ]


def test_unpublished_figures_draft_plans_and_older_plans_never_appear(towns, client):
    html = client.get(COMPARE).content.decode()
    table = html.split('<table class="compare">')[1].split("</table>")[0]
    assert "未公表" not in table and "未公表" not in client.get(COMPARE + "index.json").text
    assert "西村" not in html and "1.90" not in html and "1.99" not in html
    assert "2018年度" not in html  # 北市's older plan: its newest plan gives its row


def test_a_prefecture_comparison_keeps_to_its_own_municipalities(towns, client):
    assert [r[0] for r in rows_of(client, AOMORI + "compare/total-fertility-rate/index.json")] == [
        "029017",
        "029025",
    ]
    assert [
        r[0] for r in rows_of(client, "/ja/prefectures/03/compare/total-fertility-rate/index.json")
    ] == ["039012"]


def test_national_values_come_only_from_published_data_with_their_source(towns, client):
    body = client.get("/ja/prefectures/03/compare/total-fertility-rate/index.json").json()
    assert body["national"] == [
        {
            "period": "FY2022",
            "period_label": "2022年度（令和4年度）",
            "value": 1.26,
            "as_written": "1.26",
            "unit": "",
            "source": NATIONAL_SOURCE,
            "stated_in": "南町 南町総合計画 T9",
            "url": "/ja/029025/2021-2025/indicators/T9/",
        },
        {
            "period": "CY2020",
            "period_label": "2020年（令和2年）",
            "value": 1.33,
            "as_written": "1.33",
            "unit": "",
            "source": "",
            "stated_in": "北市 北市総合計画 1-1 現状と課題",
            "url": "/ja/029017/2020-2024/1-1/#b-situation-1",
        },
    ]


def test_a_runs_pages_made_once_for_every_format_and_language_are_those_made_alone(towns):
    # a publishing run renders every page with one Reads, a page in its four formats and then
    # in the next language: the comparison is made once for both languages, the page once for
    # its formats, a prefecture's towns graded once; what it gives is what a request alone gets
    from django.utils import translation

    from shisaku.evaluation.reads import Reads
    from shisaku.public.comparisons.documents import compare_document, prefecture_document
    from shisaku.public.comparisons.pages import compare_page, prefecture_page
    from shisaku.public.comparisons.views import comparison_pages

    listed = comparison_pages(Reads())
    assert {k.get("pref") for name, k in listed if name == "prefecture-compare"} == {"02", "03"}
    run = Reads()
    for name, k in listed:
        for language in ("ja", "en"):
            with translation.override(language):
                if name == "prefecture":
                    made = prefecture_page(run, k["pref"])
                    assert prefecture_document(made) == prefecture_document(
                        prefecture_page(Reads(), k["pref"])
                    )
                    assert prefecture_page(run, k["pref"]) is made
                elif name != "prefectures":
                    code, pref = k["common_code"], k.get("pref")
                    made = compare_page(run, code, pref)
                    assert compare_document(made) == compare_document(
                        compare_page(Reads(), code, pref)
                    )
                    assert compare_page(run, code, pref) is made


def test_the_chart_draws_a_bar_per_town_and_the_national_line_with_a_summary(towns, client):
    html = client.get(COMPARE).content.decode()
    assert html.count('<g class="bar"') == 3
    assert html.count('<g class="reference"') == 1
    assert 'role="img" aria-labelledby="compare-chart-title compare-chart-desc"' in html
    assert (
        "3団体のうち3団体に実績値があります。最も高いのは東市 1.60（2021年度（令和3年度））、"
        "最も低いのは南町 1.15（2022年度（令和4年度））です。"
        "全国値は1.26（2022年度（令和4年度））で、南町 南町総合計画 T9に記載されています。"
    ) in html
    english = client.get("/en/compare/total-fertility-rate/").content.decode()
    assert (
        "3 of 3 have an actual. Highest Higashi City 1.60 (FY2021 (Reiwa 3)), "
        "lowest Minami Town 1.15 (FY2022 (Reiwa 4))."
    ) in english


@pytest.mark.parametrize(
    "url",
    [
        "/ja/prefectures/99/",
        "/ja/prefectures/13/",  # a real prefecture without published plans
        "/ja/compare/no-such-code/",
        "/ja/compare/population/",  # in the catalogue, carried by no published indicator
        "/ja/prefectures/03/compare/births/",
        "/ja/prefectures/99/index.json",
        "/ja/compare/no-such-code/index.csv",
    ],
)
def test_unknown_prefectures_and_codes_are_not_found(towns, client, url):
    assert client.get(url).status_code == 404


def test_the_comparison_downloads_hold_the_rows_and_the_national_values(towns, client):
    text = client.get(AOMORI + "compare/total-fertility-rate/index.csv").content.decode("utf-8-sig")
    lines = text.splitlines()
    assert lines[0].startswith("area,prefecture_code,municipality_code,municipality,")
    assert [line.split(",")[:3] + line.split(",")[17:22] for line in lines[1:]] == [
        ["municipality", "02", "029017", "FY2021", "1.3", "1.30", "2022", "X"],
        ["municipality", "02", "029025", "FY2022", "1.15", "1.15", "2022", "B"],
        ["national", "", "029025", "FY2022", "1.26", "1.26", "", ""],
        ["national", "", "029017", "CY2020", "1.33", "1.33", "", ""],
    ]
    book = openpyxl.load_workbook(io.BytesIO(client.get(COMPARE + "index.xlsx").content))
    sheet = book["comparison"]
    rows = [[c.value for c in row] for row in sheet.iter_rows()]
    assert rows[0][:3] == ["地域", "都道府県コード", "全国地方公共団体コード"]
    assert [(r[2], r[19], r[21]) for r in rows[1:]] == [
        ("029017", "1.30", "X"),
        ("029025", "1.15", "B"),
        ("039012", "1.60", "B"),
        ("029025", "1.26", None),
        ("029017", "1.33", None),
    ]


def test_the_prefecture_downloads_count_grades_per_town(towns, client):
    text = client.get(AOMORI + "index.csv").content.decode("utf-8-sig")
    assert text.splitlines()[1:] == [
        "02,029017,北市,Kita City,2020-2024,北市総合計画,,2020,2024,2,2022,0,0,0,0,2,0,,"
        "http://testserver/ja/029017/",
        "02,029025,南町,Minami Town,2021-2025,南町総合計画,,2021,2025,1,2022,0,1,0,0,0,1,1.0000,"
        "http://testserver/ja/029025/",
    ]
    listing = client.get("/ja/prefectures/index.xlsx").content
    sheet = openpyxl.load_workbook(io.BytesIO(listing))["prefectures"]
    assert [[c.value for c in row] for row in sheet.iter_rows()][1:] == [
        ["02", "青森県", "Aomori Prefecture", 2, "http://testserver/ja/prefectures/02/"],
        ["03", "岩手県", "Iwate Prefecture", 1, "http://testserver/ja/prefectures/03/"],
    ]


def test_home_municipality_and_indicator_pages_link_to_the_comparisons(towns, client):
    home = client.get("/ja/").content.decode()
    assert '<a href="/ja/prefectures/">都道府県別に自治体を比べる</a>' in home
    town = client.get("/ja/029017/").content.decode()
    assert '<a class="prefecture-link" href="/ja/prefectures/02/">青森県</a>' in town
    page = client.get("/ja/029017/2020-2024/indicators/T1/").content.decode()
    assert '<a href="/ja/compare/total-fertility-rate/">他の自治体と比べる</a>' in page
    assert (
        '<a href="/ja/prefectures/02/compare/total-fertility-rate/">青森県の自治体と比べる</a>'
        in page
    )


def test_every_listed_comparison_page_answers(towns, client):
    from shisaku.evaluation.reads import Reads
    from shisaku.public.comparisons.views import comparison_pages

    pages = comparison_pages(Reads())
    assert pages == [
        ("prefectures", {}),
        ("prefecture", {"pref": "02"}),
        ("prefecture-compare", {"pref": "02", "common_code": "births"}),
        ("prefecture-compare", {"pref": "02", "common_code": TFR}),
        ("prefecture", {"pref": "03"}),
        ("prefecture-compare", {"pref": "03", "common_code": TFR}),
        ("compare", {"common_code": "births"}),
        ("compare", {"common_code": TFR}),
    ]
    from django.urls import reverse
    from django.utils import translation

    with translation.override("en"):
        urls = [reverse(f"public:{name}", kwargs=kwargs) for name, kwargs in pages]
    assert [client.get(u).status_code for u in urls] == [200] * len(pages)


def test_a_comparison_page_costs_a_fixed_number_of_queries(
    towns, client, django_assert_num_queries
):
    # towns and plans, indicators, figures, years, prose labels, prose figures (no stamp is
    # read inside a transaction: nothing is kept there)
    with django_assert_num_queries(7):
        client.get(COMPARE + "index.json")
    # and in a prefecture, the other towns' indicators with the code and their national rows
    with django_assert_num_queries(9):
        client.get(AOMORI + "compare/total-fertility-rate/index.json")


# --- answers kept while the data is unchanged (shisaku/public/comparisons/cache.py) ------------
# These tests commit (transactional_db): answers given inside a transaction are never kept.

EVERY_FORMAT = ("", "index.json", "index.csv", "index.xlsx")
KEPT_PAGES = ["/ja/prefectures/", AOMORI, COMPARE, AOMORI + "compare/total-fertility-rate/"]


@pytest.fixture
def store():
    """The store of kept answers, emptied before and after the test."""
    from shisaku.public.comparisons.cache import STORE

    STORE.clear()
    yield STORE
    STORE.clear()


def test_a_repeated_request_costs_one_query_and_gives_the_same_bytes(
    transactional_db, towns, store, client, django_assert_num_queries
):
    for url in [page + fmt for page in KEPT_PAGES for fmt in EVERY_FORMAT]:
        first = client.get(url)
        with django_assert_num_queries(1):  # the stamp of the data, nothing else
            again = client.get(url)
        assert (again.status_code, again.content) == (200, first.content), url
        assert again.headers["Content-Type"] == first.headers["Content-Type"]
        assert again.headers.get("Content-Disposition") == first.headers.get("Content-Disposition")


def test_kept_answers_are_those_computed_afresh_in_both_languages(
    transactional_db, towns, store, client
):
    from django.db import transaction

    urls = [
        page.replace("/ja/", f"/{lang}/") + fmt
        for lang in ("ja", "en")
        for page in KEPT_PAGES
        for fmt in EVERY_FORMAT
    ]
    kept = {url: (client.get(url), client.get(url))[1].content for url in urls}
    with transaction.atomic():  # nothing is kept or reused inside a transaction
        fresh = {url: client.get(url).content for url in urls}
    assert len(store.answers) == len(urls)
    assert [url for url in urls if kept[url] != fresh[url]] == []


def _actual(code, slug, ind, period, value):
    """Return a batch of one actual of an existing indicator."""
    return IndicatorBatch(figures=[figure(code, slug, ind, "actual", period, value)])


def test_a_new_actual_a_correction_and_an_unpublished_plan_show_on_the_next_request(
    transactional_db, towns, store, client, operator
):
    iwate = "/ja/prefectures/03/compare/total-fertility-rate/index.json"
    assert rows_of(client, iwate) == [("039012", "1.60", "2021年度（令和3年度）", 2021, "B")]
    assert rows_of(client, iwate) == [("039012", "1.60", "2021年度（令和3年度）", 2021, "B")]
    apply_batch(actor=operator, batch=_actual("039012", "2020-2024", "T1", "2022年度", "1.85"))
    assert rows_of(client, iwate) == [("039012", "1.85", "2022年度（令和4年度）", 2022, "A")]
    apply_batch(actor=operator, batch=_actual("039012", "2020-2024", "T1", "2022年度", "1.62"))
    assert rows_of(client, iwate) == [("039012", "1.62", "2022年度（令和4年度）", 2022, "B")]
    assert "1.62（2022年度（令和4年度））" in client.get(COMPARE).content.decode()
    plans.set_plan_status(
        actor=operator, municipality_code="039012", slug="2020-2024", status="draft"
    )
    assert client.get(iwate).status_code == 404
    assert [r[0] for r in rows_of(client, COMPARE + "index.json")] == ["029017", "029025"]
    listed = client.get("/ja/prefectures/index.json").json()["prefectures"]
    assert [p["code"] for p in listed] == ["02"]


def test_a_new_municipality_and_a_new_grade_show_on_the_next_request(
    transactional_db, towns, store, client, operator
):
    assert client.get("/ja/prefectures/index.csv").content.decode().count("\n") == 3
    counts = client.get(AOMORI + "index.json").json()["municipalities"][0]["rollup"]["counts"]
    assert {c["grade"]: c["count"] for c in counts}["X"] == 2
    _plan(operator, "059013", "中市", "Naka City", "2020-2024")
    batch = _indicator("059013", "2020-2024", "T1", "合計特殊出生率", TFR, [])
    apply_batch(actor=operator, batch=batch)
    assert "\r\n05,秋田県,Akita Prefecture,1," in client.get("/ja/prefectures/index.csv").text
    assert [r[0] for r in rows_of(client, COMPARE + "index.json")][-1] == "059013"
    apply_batch(actor=operator, batch=_actual("029017", "2020-2024", "T1", "2022年度", "1.60"))
    counts = client.get(AOMORI + "index.json").json()["municipalities"][0]["rollup"]["counts"]
    assert {c["grade"]: c["count"] for c in counts} == {"A": 1, "B": 0, "C": 0, "D": 0, "X": 1}


def test_a_prefecture_page_costs_the_same_queries_whatever_its_number_of_towns(
    towns, client, operator
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def queries() -> int:
        with CaptureQueriesContext(connection) as done:
            assert client.get(AOMORI + "index.json").status_code == 200
        return len(done)

    before = queries()
    for n, code in enumerate(["029041", "029050", "029068"]):
        _plan(operator, code, f"町{n}", f"Town {n}", "2020-2024")
        batch = _indicator(code, "2020-2024", "T1", "合計特殊出生率", TFR, [])
        apply_batch(actor=operator, batch=batch)
    assert len(client.get(AOMORI + "index.json").json()["municipalities"]) == 5
    assert queries() == before == 5  # towns and plans, common codes, indicators, figures


def test_the_prefecture_page_grades_each_plan_as_its_full_assessment_does(towns):
    from shisaku.evaluation.reads import Reads
    from shisaku.public.comparisons.pages import current_plan, prefecture_page

    for row in prefecture_page(Reads(), "02").rows:
        full = Reads().assessment(current_plan(row.town))
        assert (row.done.year, row.done.results, row.done.plan) == (
            full.year,
            full.results,
            full.plan,
        )
        assert (row.done.config, row.done.preset) == (full.config, full.preset)


# --- fair comparisons: groups, a single municipality, plan titles ------------------------------


def _mixed(operator):
    """Add 青森県 (a prefecture, calendar years) and 港町 (a town counting calendar years)."""
    _plan(operator, "020001", "青森県", "Aomori Prefecture", "2021-2025")
    _plan(operator, "029041", "港町", "Minato Town", "2021-2025")
    for code, ind, period, value in [
        ("020001", "P1", "2022年", "1.24"),
        ("029041", "M1", "2021年", "1.40"),
    ]:
        batch = _indicator(code, "2021-2025", ind, "合計特殊出生率", TFR, [])
        batch.figures.append(figure(code, "2021-2025", ind, "actual", period, value))
        apply_batch(actor=operator, batch=batch)


def test_a_prefecture_and_calendar_years_are_grouped_apart_and_never_ranked_together(
    towns, operator, client
):
    _mixed(operator)
    body = client.get(AOMORI + "compare/total-fertility-rate/index.json").json()
    assert [(g["key"], g["name"], g["municipalities"]) for g in body["groups"]] == [
        ("municipality-fiscal", "市区町村（年度の数値）", ["029017", "029025"]),
        ("municipality-calendar", "市区町村（暦年の数値）", ["029041"]),
        ("prefecture-calendar", "都道府県（暦年の数値）", ["020001"]),
    ]
    assert [(m["municipality"]["code"], m["area"], m["basis"]) for m in body["municipalities"]] == [
        ("020001", "prefecture", "calendar"),
        ("029017", "municipality", "fiscal"),
        ("029025", "municipality", "fiscal"),
        ("029041", "municipality", "calendar"),
    ]
    html = client.get(AOMORI + "compare/total-fertility-rate/").content.decode()
    summary = html.split('<p class="chart-summary">')[1].split("</p>")[0]
    assert summary == (
        "4団体のうち4団体に実績値があります。"
        "都道府県と市区町村、年度と暦年の数値は互いに比べず、同じグループの数値どうしだけを比べています。"
        "市区町村（年度の数値）で最も高いのは北市 1.30（2021年度（令和3年度））、"
        "最も低いのは南町 1.15（2022年度（令和4年度））です。"
        "全国値は1.26（2022年度（令和4年度））で、南町 南町総合計画 T9に記載されています。"
    )
    headings = [h.split(">")[-1] for h in html.split("</th></tr>") if 'scope="rowgroup"' in h]
    assert headings == [
        "市区町村（年度の数値）",
        "市区町村（暦年の数値）",
        "都道府県（暦年の数値）",
    ]
    assert html.count('<text class="group-heading"') == 3
    csv_rows = client.get(AOMORI + "compare/total-fertility-rate/index.csv").content.decode()
    assert [line.split(",")[0] for line in csv_rows.splitlines()[1:5]] == [
        "prefecture",
        "municipality",
        "municipality",
        "municipality",
    ]


def test_one_municipality_gets_no_highest_or_lowest_sentence(towns, client):
    html = client.get("/ja/prefectures/03/compare/total-fertility-rate/").content.decode()
    summary = html.split('<p class="chart-summary">')[1].split("</p>")[0]
    assert summary == (
        "1団体のうち1団体に実績値があります。"
        "全国値は1.26（2022年度（令和4年度））で、南町 南町総合計画 T9に記載されています。"
    )
    assert 'scope="rowgroup"' in html and html.count('<text class="group-heading"') == 0
    english = client.get("/en/prefectures/03/compare/total-fertility-rate/").content.decode()
    assert "Highest" not in english and "lowest" not in english


@pytest.mark.parametrize(
    ("title", "shown"),
    [
        ("北海道の指標（jichi-insight 収録分の抜粋）", "北海道の指標"),
        (
            "宇陀市まち・ひと・しごと創生総合戦略（数値目標の抜粋）",
            "宇陀市まち・ひと・しごと創生総合戦略",
        ),
        ("Hokkaido indicators (excerpt compiled by jichi-insight)", "Hokkaido indicators"),
        ("第2次総合計画（前期）", "第2次総合計画（前期）"),
        ("（抜粋）", "（抜粋）"),
    ],
)
def test_a_plan_title_loses_only_a_closing_note_of_the_copy_held(title, shown):
    from shisaku.public.comparisons.pages import public_title

    assert public_title(title) == shown


def test_the_examples_comparison_names_plans_without_internal_source_labels(db, client, capsys):
    from shisaku.cli import main

    main(["demo"])
    capsys.readouterr()
    for language in ("ja", "en"):
        html = client.get(f"/{language}/compare/total-fertility-rate/").content.decode()
        table = html.split('<table class="compare">')[1].split("</table>")[0]
        for label in ("jichi-insight", "抜粋", "excerpt"):
            assert label not in table, (language, label)
    for page in ("/ja/prefectures/01/", "/en/prefectures/01/"):
        assert "jichi-insight" not in client.get(page).content.decode()
    html = client.get("/ja/compare/total-fertility-rate/").content.decode()
    assert '<span class="plan-name">北海道の指標</span>' in html
    assert '<span class="plan-name">宇陀市まち・ひと・しごと創生総合戦略</span>' in html
