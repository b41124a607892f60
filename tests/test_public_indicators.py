"""Indicator surfaces of the public site: indicator pages, grades, roll-ups and prose statistics.

Data comes in through the services.  宇陀市 (292125) carries only the real rows of its
総合戦略 (DOMAIN.md §6, with their source); the fictional 試験市 (999997) carries invented
rows used for everything else (corrections, roll-ups over a node tree).
"""

from __future__ import annotations

import itertools
import re

import pytest
from pytest_django.asserts import assertInHTML

from shisaku.domain.indicatordata import IndicatorBatch, IndicatorDefinition
from shisaku.domain.plantree import PlanMeta
from tests.conftest import SEED
from tests.factories import UDA_SOURCE, figure, uda_batch

UDA = "/ja/292125/2015-2019/"
EN_UDA = "/en/292125/2015-2019/"
TEST = "/ja/999997/2024-2028/"
EN_TEST = "/en/999997/2024-2028/"
# 宇陀市 総合戦略 (DOMAIN.md §6): name, direction, unit, baseline (H26), target (H31), H27–H29.
UDA_ROWS = {
    "1": ("合計特殊出生率", "increase", "", "0.90", "1.40", ("0.93", "1.11", "1.00")),
    "2": ("人口移動(社会減)", "decrease", "人/年", "300", "150", ("385", "245", "205")),
}


def apply(operator, batch: IndicatorBatch) -> None:
    from shisaku.indicators import services

    services.apply_batch(actor=operator, batch=batch)


@pytest.fixture
def uda(db, operator):
    """宇陀市's strategy: no node tree, its two real indicators, graded by its own scale."""
    from shisaku.plan import services

    services.save_municipality(actor=operator, code="292125", name_ja="宇陀市", name_en="Uda City")
    meta = PlanMeta(
        title="宇陀市まち・ひと・しごと創生総合戦略",
        period_start=2015,
        period_end=2019,
        assessment={"preset": "uda"},
    )
    services.import_plan(actor=operator, municipality_code="292125", meta=meta, nodes=[])
    batch = uda_batch(UDA_ROWS)
    apply(operator, batch)


def invented_batch(correction: str = "140件") -> IndicatorBatch:
    """Invented indicators of the fictional 試験市: two on measure 1-1-1, one on policy 1-1."""
    t = ("999997", "2024-2028")
    batch = IndicatorBatch(
        definitions=[
            IndicatorDefinition(
                *t,
                "K1",
                "相談件数",
                "increase",
                node_code="1-1-1",
                name_en="Counselling cases",
                definition="市の相談窓口が1年間に受けた相談の件数",
                unit="件",
                source_kind="operations",
                source="試験市 福祉課業務統計（架空）",
                department="福祉課",
                rationale="相談しやすい体制を整え、5割増を目指す",
                note="電話相談を含む",
            ),
            IndicatorDefinition(*t, "K2", "相談満足度", "increase", node_code="1-1-1", unit="%"),
            IndicatorDefinition(*t, "K3", "暮らしの安心度", "increase", node_code="1-1", unit="%"),
        ]
    )
    batch.figures += [
        figure(*t, "K1", "baseline", "2023年度", "100件"),
        figure(*t, "K1", "target", "2028年度", "150件"),
        figure(*t, "K1", "actual", "2024年度", "120件"),
        figure(*t, "K1", "actual", "2025年度", correction),
        figure(*t, "K2", "baseline", "2023年度", "60.0%"),
        figure(*t, "K2", "target", "2028年度", "80.0%"),
        figure(*t, "K3", "baseline", "2023年度", "50.0%"),
        figure(*t, "K3", "target", "2028年度", "70.0%"),
        figure(*t, "K3", "actual", "2025年度", "49.0%"),
    ]
    return batch


@pytest.fixture
def testville(small_plan, operator):
    """The fictional plan 999997 with invented indicators (graded in FY2025, the latest)."""
    apply(operator, invented_batch())
    return small_plan


@pytest.fixture
def aomori(db, operator):
    """The bundled 青森市 plan, read by the plan-document parser and imported via the services."""
    from shisaku.domain.plandoc import parse_plan
    from shisaku.plan import services

    tree = parse_plan(SEED.read_text(encoding="utf-8"), source=SEED.name)
    services.save_municipality(
        actor=operator, code="022012", name_ja="青森市", name_en="Aomori City"
    )
    meta = PlanMeta(title="青森市総合計画 前期基本計画", period_start=2019, period_end=2023)
    services.import_plan(actor=operator, municipality_code="022012", meta=meta, nodes=tree.nodes)


def page(client, url: str, status: int = 200) -> str:
    response = client.get(url)
    assert response.status_code == status, url
    return response.content.decode()


def twin(client, url: str, status: int = 200):
    response = client.get(url)
    assert response.status_code == status, url
    assert response["Content-Type"] == "application/json; charset=utf-8"
    return response.json()


def headings(html: str) -> list[tuple[str, str]]:
    found = re.findall(r"<(h[1-6])\b[^>]*>(.*?)</\1>", html, re.S)
    return [(tag, " ".join(re.sub(r"<[^>]+>", "", text).split())) for tag, text in found]


def summary_row(code: str, name: str, unit: str, cells: list[str], grade: str, label: str) -> str:
    url = f"/ja/999997/2024-2028/indicators/{code}/"
    return (
        f'<tr><th scope="row"><a href="{url}">{name}</a></th><td>{unit}</td>'
        + "".join(f"<td>{c}</td>" for c in cells)
        + f'<td class="grade"><a href="{url}#grade"><strong>{grade}</strong>'
        '<span class="visually-hidden"> （評価の説明）</span></a>'
        f' <span class="grade-label">{label}</span></td></tr>'
    )


def cell(raw: str, when: str) -> str:
    return f'<span class="value">{raw}</span> <span class="period">{when}</span>'


UNKNOWN = '<span class="unknown">未取得</span>'


def outline_heading(html: str, anchor: str) -> str:
    found = re.search(rf'<h2 id="{anchor}">(.*?)</h2>', html)
    assert found is not None
    return found.group(1)


def outline_crumbs(html: str) -> list[str]:
    trail = html.split('class="breadcrumbs"')[1].split("</nav>")[0]
    return [
        " ".join(re.sub(r"<[^>]+>", "", t).split()) for t in re.findall(r"<li>(.*?)</li>", trail)
    ]


def rollup_counts(html: str) -> list[tuple[str, int]]:
    table = html.split('<table class="rollup-counts">')[1].split("</table>")[0]
    found = re.findall(r'<th scope="row">([^<]+)</th><td>[^<]*</td><td class="count">(\d+)', table)
    return [(grade, int(n)) for grade, n in found]


# --- the indicator page (宇陀市, real rows) -----------------------------------------------------


def test_the_indicator_page_shows_the_grade_of_the_latest_year_with_its_explanation(client, uda):
    html = page(client, UDA + "indicators/1/")
    assertInHTML('<h2 id="h-grade">2017年度（平成29年度）の評価</h2>', html)
    assertInHTML(
        '<p class="grade-result"><strong class="grade">C</strong>'
        ' <span class="grade-label">60%以上80%未満</span></p>',
        html,
    )
    assertInHTML(
        '<div class="explanation"><dl class="facts inputs">'
        "<dt>方向</dt><dd>増加（↑）</dd><dt>基準値</dt><dd>0.90（2014）</dd>"
        "<dt>目標値</dt><dd>1.40（2019）</dd><dt>実績値</dt><dd>1.00（2017）</dd></dl>"
        '<p class="formula">実績 ÷ 目標 = 1.00 ÷ 1.40 = 71.4%</p>'
        '<p class="result">達成率 71.4% → C（60%以上80%未満）</p></div>',
        html,
    )
    assertInHTML(
        '<dl class="facts"><dt>評価方法</dt><dd>最終目標値に対する達成率（実績 ÷ 目標）</dd>'
        "<dt>評価の尺度</dt><dd>宇陀市 <code>uda</code></dd></dl>",
        html,
    )


def test_the_indicator_page_names_the_indicator_and_sits_directly_under_the_plan(client, uda):
    html = page(client, UDA + "indicators/1/")
    assertInHTML('<h1 class="indicator"><span class="code">1</span> 合計特殊出生率</h1>', html)
    assertInHTML(
        '<p class="place">計画上の位置: <a href="/ja/292125/2015-2019/">計画全体</a></p>', html
    )
    assert re.findall(r'<li><a href="([^"]+)"', html.split('class="breadcrumbs"')[1])[:3] == [
        "/ja/",
        "/ja/292125/",
        UDA,
    ]
    assertInHTML(
        '<a href="/ja/292125/2015-2019/indicators/1/" aria-current="page">1 合計特殊出生率</a>',
        html,
    )


def test_the_indicator_page_gives_the_definition_and_the_source(client, uda):
    html = page(client, UDA + "indicators/2/")
    for term, value in [
        ("算出方法", '<span class="unknown">未取得</span>'),
        ("単位", "人/年"),
        ("目指す方向", "減少を目指す"),
        ("単年度・累計の別", "単年度"),
        ("時点の区切り", "年度（4月〜翌年3月）"),
        ("出典の種類", "その他"),
        ("出典", UDA_SOURCE),
    ]:
        assertInHTML(f"<dt>{term}</dt><dd>{value}</dd>", html)


def test_the_indicator_page_tables_every_figure_as_written_with_both_calendars(client, uda):
    html = page(client, UDA + "indicators/1/")
    rows = [
        ("baseline", "基準値", "2014年度（平成26年度）", "0.90"),
        ("target", "目標値", "2019年度（令和元年度）", "1.40"),
        ("actual", "実績値", "2015年度（平成27年度）", "0.93"),
        ("actual", "実績値", "2016年度（平成28年度）", "1.11"),
        ("actual", "実績値", "2017年度（平成29年度）", "1.00"),
    ]
    body = "".join(
        f'<tr class="{cls}"><th scope="row">{kind}</th><td>{when}</td>'
        f'<td class="value">{raw}</td><td></td><td></td><td></td></tr>'
        for cls, kind, when, raw in rows
    )
    assertInHTML(
        '<table class="figures"><thead><tr><th scope="col">区分</th><th scope="col">時点</th>'
        '<th scope="col">値（原文の表記）</th><th scope="col">注記</th>'
        '<th scope="col">備考</th><th scope="col">出典</th></tr></thead>'
        f"<tbody>{body}</tbody></table>",
        html,
    )


def test_the_indicator_page_projects_the_actuals_to_the_target_year(client, uda):
    html = page(client, UDA + "indicators/1/")
    assertInHTML('<p class="likelihood"><strong>達成困難見込み</strong></p>', html)
    assertInHTML(
        '<dl class="facts"><dt>目標年度の推計値（直線回帰）</dt><dd>1.12</dd>'
        "<dt>目標年度の推計値（年平均成長率）</dt><dd>1.08</dd></dl>",
        html,
    )
    assert "最小二乗法による直線回帰（2015〜2017年度の3時点）：傾き +0.0350/年" in html
    assertInHTML('<p class="result">達成困難見込み（目標 1.40 以上が達成）</p>', html)


def test_a_decreasing_indicator_is_graded_target_over_actual_and_expected_to_be_met(client, uda):
    html = page(client, UDA + "indicators/2/")
    assertInHTML('<p class="formula">目標 ÷ 実績 = 150 ÷ 205 = 73.2%</p>', html)
    assertInHTML('<p class="likelihood"><strong>達成見込み</strong></p>', html)


@pytest.mark.parametrize(
    ("year", "formula", "result"),
    [
        (2015, "実績 ÷ 目標 = 0.93 ÷ 1.40 = 66.4%", "達成率 66.4% → C（60%以上80%未満）"),
        (2016, "実績 ÷ 目標 = 1.11 ÷ 1.40 = 79.3%", "達成率 79.3% → C（60%以上80%未満）"),
        (
            2018,
            "2018年度の実績値がありません（未評価として扱い、0とはみなしません）",
            "実績なし → X（未評価）",
        ),
    ],
)
def test_year_picks_the_year_graded(client, uda, year, formula, result):
    html = page(client, UDA + f"indicators/1/?year={year}")
    assert outline_heading(html, "h-grade") == f"{year}年度（平成{year - 1988}年度）の評価"
    assertInHTML(f'<p class="formula">{formula}</p>', html)
    assertInHTML(f'<p class="result">{result}</p>', html)
    assertInHTML(
        f'<link rel="alternate" type="application/json"'
        f' href="/ja/292125/2015-2019/indicators/1/index.json?year={year}">',
        html,
    )


def test_the_indicator_page_links_the_years_with_an_actual(client, uda):
    html = page(client, UDA + "indicators/1/?year=2016")
    assertInHTML(
        "<ul>"
        '<li><a href="/ja/292125/2015-2019/indicators/1/?year=2015">2015年度（平成27年度）</a></li>'
        '<li><a href="/ja/292125/2015-2019/indicators/1/?year=2016" aria-current="page">'
        "2016年度（平成28年度）</a></li>"
        '<li><a href="/ja/292125/2015-2019/indicators/1/?year=2017">2017年度（平成29年度）</a></li>'
        "</ul>",
        html,
    )


@pytest.mark.parametrize("year", ["abc", "17", "1800", "20170", "２０１７"])
def test_a_year_that_is_not_a_year_gets_the_400_page_not_an_error(client, uda, year):
    html = page(client, UDA + f"indicators/1/?year={year}", 400)
    assert "<h1>リクエストに誤りがあります</h1>" in html
    assertInHTML(
        f"<p>「{year}」は年度として読めません。1868〜2999の4桁の西暦で指定してください"
        "（例: ?year=2017）。</p>",
        html,
    )
    assert twin(client, UDA + f"indicators/1/index.json?year={year}", 400)["error"] == (
        "bad_request"
    )
    assert client.get(UDA + f"indicators/?year={year}").status_code == 400


def test_the_english_400_page_is_in_english(client, uda):
    html = page(client, EN_UDA + "indicators/1/?year=abc", 400)
    assert "<h1>Bad request</h1>" in html
    assertInHTML("<p>“abc” is not a year from 1868 to 2999, e.g. ?year=2017.</p>", html)


@pytest.mark.parametrize(
    "url", [UDA + "indicators/9/", "/ja/292125/2020-2024/indicators/1/", TEST + "indicators/1/"]
)
def test_an_unknown_indicator_gets_the_404_page_and_a_json_404(client, uda, small_plan, url):
    assert "<h1>ページが見つかりません</h1>" in page(client, url, 404)
    assert twin(client, url + "index.json", 404)["error"] == "not_found"


def test_the_english_indicator_page_marks_japanese_content_and_translates_the_interface(
    client, uda
):
    html = page(client, EN_UDA + "indicators/1/")
    assertInHTML(
        '<h1 class="indicator"><span class="code">1</span> <span lang="ja">合計特殊出生率</span>'
        "</h1>",
        html,
    )
    assertInHTML('<h2 id="h-grade">Grade in FY2017 (Heisei 29)</h2>', html)
    assertInHTML("<dt>Direction</dt><dd>Aim to increase</dd>", html)
    assertInHTML(
        '<tr class="target"><th scope="row">Target</th><td>FY2019 (Reiwa 1)</td>'
        '<td class="value">1.40</td><td></td><td></td><td></td></tr>',
        html,
    )
    assert '<div class="explanation">' in html  # generated from the data, so in English
    assertInHTML('<p class="formula">Actual ÷ target = 1.00 ÷ 1.40 = 71.4%</p>', html)
    assertInHTML('<p class="likelihood"><strong>Unlikely to be met</strong></p>', html)
    assertInHTML("<dt>Grading method</dt><dd>Ratio of the actual to the final target</dd>", html)


# --- the plan page of a plan with indicators and no node tree ----------------------------------


def test_the_plan_page_counts_grades_with_the_published_rule(client, uda):
    html = page(client, UDA)
    counts = [("A", "100%以上", 0), ("B", "80%以上100%未満", 0), ("C", "60%以上80%未満", 2)]
    counts += [("D", "60%未満", 0)]
    body = "".join(
        f'<tr><th scope="row">{g}</th><td>{label}</td><td class="count">{n}</td></tr>'
        for g, label, n in counts
    )
    body += '<tr class="missing"><th scope="row">X</th><td>未評価</td><td class="count">0</td></tr>'
    assertInHTML(
        '<table class="rollup-counts"><caption id="c-rollup">2017年度（平成29年度）の評価</caption>'
        '<thead><tr><th scope="col">評価</th><th scope="col">基準</th>'
        '<th scope="col">指標数</th></tr></thead>'
        f"<tbody>{body}</tbody></table>",
        html,
    )
    assertInHTML('<p class="share">順調（A・B）の割合：0.0%（評価済みの指標 2 件のうち）</p>', html)
    assertInHTML(
        '<dd class="rule">評価済みの指標のうち A・B の割合。未評価（X）は分母に含めない</dd>', html
    )


def test_the_plan_page_lists_plan_level_indicators_and_says_the_structure_is_not_recorded(
    client, uda
):
    html = page(client, UDA)
    assert headings(html) == [
        ("h1", "宇陀市まち・ひと・しごと創生総合戦略"),
        ("h2", "進捗の概要"),
        ("h2", "指標の評価の集計"),
        ("h2", "計画全体の指標"),
        ("h2", "指標データの出典"),
    ]
    assertInHTML(
        '<tr><th scope="row"><a href="/ja/292125/2015-2019/indicators/1/">合計特殊出生率</a></th>'
        "<td>—</td>"
        f"<td>{cell('0.90', '2014年度（平成26年度）')}</td>"
        f"<td>{cell('1.40', '2019年度（令和元年度）')}</td>"
        f"<td>{cell('1.00', '2017年度（平成29年度）')}</td>"
        '<td class="grade"><a href="/ja/292125/2015-2019/indicators/1/#grade"><strong>C</strong>'
        '<span class="visually-hidden"> （評価の説明）</span></a>'
        ' <span class="grade-label">60%以上80%未満</span></td></tr>',
        html,
    )
    assertInHTML(
        '<p class="source-note">この計画の体系（分野・政策・施策）は登録されていません。'
        "登録されているのは指標のみです。</p>",
        html,
    )
    assertInHTML(f"<ul><li>{UDA_SOURCE}</li></ul>", html)


def test_the_english_plan_page_counts_in_english_and_gives_the_rule_in_english(client, uda):
    html = page(client, EN_UDA)
    assertInHTML('<p class="share">On track (A・B): 0.0% of the 2 assessed indicators</p>', html)
    assertInHTML(
        '<dd class="rule">'
        "Share of A and B among the assessed indicators; unassessed (X) ones are left out</dd>",
        html,
    )
    assertInHTML('<h2 id="h-plan-indicators">Indicators of the whole plan</h2>', html)


def test_a_year_without_actuals_is_counted_as_ungraded_never_as_zero(client, uda):
    data = twin(client, UDA + "indicators/index.json?year=2018")
    assert data["rollup"]["on_track_share"] is None
    assert [c["count"] for c in data["rollup"]["counts"]] == [0, 0, 0, 0, 2]
    html = page(client, UDA + "indicators/?year=2018")
    assertInHTML('<p class="share">評価済みの指標がありません</p>', html)


def test_a_plan_without_indicators_says_so_in_one_line(client, small_plan):
    html = page(client, TEST)
    assertInHTML('<p class="no-indicators">この計画にはまだ指標が設定されていません。</p>', html)
    assert "h-rollup" not in html
    assert "h-rollup" not in page(client, TEST + "1-1/")


# --- measure, policy and field pages (試験市, invented rows) ------------------------------------


def test_the_measure_page_lists_its_indicators_added_after_the_empty_source_table(
    client, testville
):
    html = page(client, TEST + "1-1-1/")
    assertInHTML(
        '<p class="source-note">原文の表には指標が記載されていません。'
        "次の指標は原文の公表後に追加されたものです。</p>",
        html,
    )
    k1 = summary_row(
        "K1",
        "相談件数",
        "件",
        [
            cell("100件", "2023年度（令和5年度）"),
            cell("150件", "2028年度（令和10年度）"),
            cell("140件", "2025年度（令和7年度）"),
        ],
        "B",
        "80%以上100%未満",
    )
    k2 = summary_row(
        "K2",
        "相談満足度",
        "%",
        [cell("60.0%", "2023年度（令和5年度）"), cell("80.0%", "2028年度（令和10年度）"), UNKNOWN],
        "X",
        "未評価",
    )
    assertInHTML(
        '<table class="indicator-summary"><thead><tr><th scope="col">指標</th>'
        '<th scope="col">単位</th><th scope="col">基準値</th><th scope="col">目標値（最終）</th>'
        '<th scope="col">最新の実績値</th><th scope="col">2025年度（令和7年度）の評価</th>'
        f"</tr></thead><tbody>{k1}{k2}</tbody></table>",
        html,
    )
    assert "原文では指標が未記載です" not in html


@pytest.mark.parametrize(
    ("code", "counts", "share"),
    [
        ("1-1-1", [0, 1, 0, 0, 1], "順調（A・B）の割合：100.0%（評価済みの指標 1 件のうち）"),
        ("1-1", [0, 1, 1, 0, 1], "順調（A・B）の割合：50.0%（評価済みの指標 2 件のうち）"),
        ("1", [0, 1, 1, 0, 1], "順調（A・B）の割合：50.0%（評価済みの指標 2 件のうち）"),
    ],
)
def test_measure_policy_and_field_pages_count_the_grades_of_their_subtree(
    client, testville, code, counts, share
):
    html = page(client, TEST + f"{code}/")
    assert rollup_counts(html) == list(zip("ABCDX", counts, strict=True))
    assertInHTML(f'<p class="share">{share}</p>', html)
    assertInHTML('<caption id="c-rollup">2025年度（令和7年度）の評価</caption>', html)


def test_a_field_without_indicators_shows_no_counts(client, testville):
    assert "rollup-counts" not in page(client, TEST + "9/")


def test_a_policy_level_indicator_gets_its_own_indicator_section(client, testville):
    html = page(client, TEST + "1-1/")
    assert ("h2", "目標とする指標") in headings(html)
    assertInHTML(
        summary_row(
            "K3",
            "暮らしの安心度",
            "%",
            [
                cell("50.0%", "2023年度（令和5年度）"),
                cell("70.0%", "2028年度（令和10年度）"),
                cell("49.0%", "2025年度（令和7年度）"),
            ],
            "C",
            "60%以上80%未満",
        ),
        html,
    )


def test_the_indicator_page_of_a_measure_indicator_descends_through_its_measure(client, testville):
    html = page(client, TEST + "indicators/K1/")
    trail = html.split('class="breadcrumbs"')[1].split("</nav>")[0]
    assert re.findall(r'<a href="([^"]+)"', trail) == [
        "/ja/",
        "/ja/999997/",
        TEST,
        TEST + "1/",
        TEST + "1-1/",
        TEST + "1-1-1/",
        TEST + "indicators/K1/",
    ]
    assertInHTML(
        '<p class="place">計画上の位置: <a href="/ja/999997/2024-2028/1-1-1/">'
        '<span class="code">1-1-1</span> 相談支援の充実</a></p>',
        html,
    )
    for term, value in [
        ("算出方法", "市の相談窓口が1年間に受けた相談の件数"),
        ("出典の種類", "業務統計"),
        ("担当課", "福祉課"),
        ("目標値の設定理由", "相談しやすい体制を整え、5割増を目指す"),
        ("備考", "電話相談を含む"),
    ]:
        assertInHTML(f"<dt>{term}</dt><dd>{value}</dd>", html)


def test_the_english_measure_indicator_page_uses_the_english_name(client, testville):
    html = page(client, EN_TEST + "indicators/K1/")
    assertInHTML('<h1 class="indicator"><span class="code">K1</span> Counselling cases</h1>', html)
    assertInHTML("<dt>Kind of source</dt><dd>Administrative records</dd>", html)


def test_an_indicator_with_too_few_actuals_says_the_data_is_insufficient(client, testville):
    html = page(client, TEST + "indicators/K1/")
    assertInHTML('<p class="likelihood"><strong>データ不足</strong></p>', html)
    assertInHTML('<p class="method">推計には3時点以上の実績が必要です（2時点）</p>', html)


def test_a_measure_without_indicators_says_they_are_unknown_and_shows_no_zeros(client, small_plan):
    html = page(client, TEST + "1-1-1/")
    assertInHTML(
        '<p class="source-note">未取得：この項目の指標はまだ登録されていないため、'
        "評価はありません。</p>",
        html,
    )
    assert "rollup-counts" not in html
    en = page(client, EN_TEST + "1-1-1/")
    assertInHTML(
        '<p class="source-note">Unknown (not obtained): no indicator has been set for this item'
        " yet, so there is nothing to grade.</p>",
        en,
    )


# --- corrections stay visible -----------------------------------------------------------------


def test_a_corrected_actual_keeps_its_earlier_value_in_the_revision_history(
    client, testville, operator
):
    apply(operator, invented_batch(correction="145件"))
    html = page(client, TEST + "indicators/K1/")
    rows = re.findall(
        r'<tr class="(current|superseded)"><th scope="row">([^<]+)</th><td>([^<]+)</td>'
        r'<td class="value">([^<]+)</td><td>(\d+)</td><td>([^<]+)</td>'
        r'<td><time datetime="[^"]+">[^<]+</time></td><td>([^<]+)</td></tr>',
        html,
    )
    assert rows == [
        ("current", "基準値", "2023年度（令和5年度）", "100件", "1", "福祉課", "現行"),
        ("current", "目標値", "2028年度（令和10年度）", "150件", "1", "福祉課", "現行"),
        ("current", "実績値", "2024年度（令和6年度）", "120件", "1", "福祉課", "現行"),
        ("current", "実績値", "2025年度（令和7年度）", "145件", "2", "福祉課", "現行"),
        (
            "superseded",
            "実績値",
            "2025年度（令和7年度）",
            "140件",
            "1",
            "福祉課",
            "以前の版",
        ),
    ]
    assertInHTML('<p class="formula">実績 ÷ 目標 = 145 ÷ 150 = 96.7%</p>', html)
    history = twin(client, TEST + "indicators/K1/index.json")["history"]
    assert [(h["raw"], h["revision"], h["is_current"]) for h in history][-2:] == [
        ("145件", 2, True),
        ("140件", 1, False),
    ]


# --- statistics stated in the prose (青森市, the real seed) -------------------------------------


def test_the_policy_page_lists_the_statistics_of_its_text_linked_to_their_sentence(client, aomori):
    html = page(client, "/ja/022012/2019-2023/2-1/")
    assertInHTML(
        '<li id="b-situation-2">本市における合計特殊出生率は、2017年は1.40と国の1.43よりも'
        "低水準であり、また、非婚化・晩婚化の進展、若年層の市外流出による子どもを産む世代の減少"
        "などが相まって出生数が減少しています。</li>",
        html,
    )
    assertInHTML(
        '<table class="statistics"><thead><tr><th scope="col">統計</th><th scope="col">地域</th>'
        '<th scope="col">時点</th><th scope="col">値（原文の表記）</th>'
        '<th scope="col">記載箇所</th></tr></thead><tbody>'
        '<tr><th scope="row">合計特殊出生率</th><td>本市</td><td>2017年（平成29年）</td>'
        '<td>1.40</td><td><a href="#b-situation-2">現状と課題</a></td></tr>'
        '<tr><th scope="row">合計特殊出生率</th><td>国</td><td>2017年（平成29年）</td>'
        '<td>1.43</td><td><a href="#b-situation-2">現状と課題</a></td></tr>'
        "</tbody></table>",
        html,
    )
    assert ("h2", "本文中の統計") in headings(html)


def test_statistics_taken_on_a_date_say_as_of_that_date_in_each_language(client, aomori):
    ja = page(client, "/ja/022012/2019-2023/2-2/")
    assertInHTML(
        '<tr><th scope="row">就学援助を受けている児童の割合</th><td>本市</td>'
        "<td>2018年5月1日現在</td><td>19.4%</td>"
        '<td><a href="#b-situation-9">現状と課題</a></td></tr>',
        ja,
    )
    en = page(client, "/en/022012/2019-2023/2-1/")
    assertInHTML(
        '<tr><th scope="row"><span lang="ja">合計特殊出生率</span></th><td>National</td>'
        "<td>2017 (Heisei 29)</td><td>1.43</td>"
        '<td><a href="#b-situation-2">Current state and issues</a></td></tr>',
        en,
    )
    assert "as of 1 May 2018" in page(client, "/en/022012/2019-2023/2-2/")


def test_the_node_twin_gives_the_statistics_with_the_address_of_their_sentence(client, aomori):
    data = twin(client, "/ja/022012/2019-2023/2-1/index.json")
    assert [(s["area"], s["period_label"], s["raw"], s["value"]) for s in data["statistics"]] == [
        ("本市", "2017年（平成29年）", "1.40", 1.4),
        ("国", "2017年（平成29年）", "1.43", 1.43),
    ]
    assert data["statistics"][0]["sentence_url"] == "/ja/022012/2019-2023/2-1/#b-situation-2"
    assert data["statistics"][0]["sentence"].startswith("本市における合計特殊出生率は、2017年は")
    assert (data["indicators"], data["rollup"]) == ([], None)


# --- JSON twins ---------------------------------------------------------------------------------


def test_the_indicator_twin_gives_definition_figures_grade_forecast_and_history(client, uda):
    data = twin(client, UDA + "indicators/1/index.json?year=2017")
    assert data["schema"] == "shisaku.indicator/1"
    assert data["year"] == 2017
    assert data["method"]["preset"] == "uda"
    assert data["method"]["config"]["method"] == "ratio_to_target"
    assert data["indicator"]["name"] == "合計特殊出生率"
    assert data["indicator"]["source"] == UDA_SOURCE
    assert [(f["kind"], f["period"], f["raw"], f["value"]) for f in data["figures"]] == [
        ("baseline", "FY2014", "0.90", 0.9),
        ("target", "FY2019", "1.40", 1.4),
        ("actual", "FY2015", "0.93", 0.93),
        ("actual", "FY2016", "1.11", 1.11),
        ("actual", "FY2017", "1.00", 1),
    ]
    assert data["figures"][0]["period_label"] == "2014年度（平成26年度）"
    assessment = data["assessment"]
    assert (assessment["grade"], assessment["ratio"], assessment["status"]) == (
        "C",
        0.714,
        "graded",
    )
    assert assessment["explanation"]["formula"] == "実績 ÷ 目標 = 1.00 ÷ 1.40 = 71.4%"
    assert assessment["explanation"]["inputs"]["実績値"] == "1.00（2017）"
    assert data["forecast"]["likelihood"] == "unlikely"
    assert data["forecast"]["likelihood_label"] == "達成困難見込み"
    assert round(data["forecast"]["linear"], 2) == 1.12
    assert len(data["history"]) == 5
    assert {h["is_current"] for h in data["history"]} == {True}
    assert [c["url"] for c in data["breadcrumbs"]] == [
        "/ja/292125/",
        UDA,
        UDA + "indicators/1/",
    ]


def test_the_english_indicator_twin_labels_periods_in_english(client, uda):
    data = twin(client, EN_UDA + "indicators/1/index.json")
    assert data["figures"][1]["period_label"] == "FY2019 (Reiwa 1)"
    assert data["forecast"]["likelihood_label"] == "Unlikely to be met"
    assert data["breadcrumbs"][-1]["url"] == EN_UDA + "indicators/1/"


def test_the_indicators_twin_lists_every_indicator_with_its_grade_and_the_roll_up(client, uda):
    data = twin(client, UDA + "indicators/index.json")
    assert data["schema"] == "shisaku.indicators/1"
    assert data["year"] == 2017
    assert [
        (i["code"], i["name"], i["assessment"]["grade"], i["url"]) for i in data["indicators"]
    ] == [
        ("1", "合計特殊出生率", "C", UDA + "indicators/1/"),
        ("2", "人口移動(社会減)", "C", UDA + "indicators/2/"),
    ]
    assert data["indicators"][1]["latest_actual"]["raw"] == "205"
    assert data["rollup"]["counts"] == [
        {"grade": "A", "label": "100%以上", "count": 0, "on_track": True},
        {"grade": "B", "label": "80%以上100%未満", "count": 0, "on_track": True},
        {"grade": "C", "label": "60%以上80%未満", "count": 2, "on_track": False},
        {"grade": "D", "label": "60%未満", "count": 0, "on_track": False},
        {"grade": "X", "label": "未評価", "count": 0, "on_track": False},
    ]
    assert data["rollup"]["rule"] == "評価済みの指標のうち A・B の割合。未評価（X）は分母に含めない"
    assert data["rollup"]["on_track_share"] == 0.0


def test_the_plan_twin_stays_the_exchange_document(client, uda):
    from shisaku.plan import queries

    plan = queries.find_plan("292125", "2015-2019")
    assert twin(client, UDA + "index.json") == {
        "$schema": "http://testserver/schemas/v1/plan.json",
        **queries.plan_document(plan),
    }


def test_the_node_twin_gives_its_indicators_with_grades_and_its_roll_up(client, testville):
    data = twin(client, TEST + "1-1-1/index.json")
    assert [(i["code"], i["assessment"]["grade"]) for i in data["indicators"]] == [
        ("K1", "B"),
        ("K2", "X"),
    ]
    assert data["indicators"][1]["latest_actual"] is None
    assert data["indicators"][1]["assessment"]["status"] == "no_actual"
    rollup = data["rollup"]
    assert [(c["grade"], c["count"]) for c in rollup["counts"]] == list(
        zip("ABCDX", [0, 1, 0, 0, 1], strict=True)
    )
    assert (rollup["year"], rollup["assessed"], rollup["missing"]) == (2025, 1, 1)
    assert rollup["on_track_share"] == 1.0


# --- every page: chrome, twins, no JavaScript, bounded queries ----------------------------------

NEW_PAGES = [UDA, UDA + "indicators/", UDA + "indicators/1/", UDA + "indicators/2/"]


@pytest.mark.parametrize("url", NEW_PAGES)
def test_every_indicator_page_links_its_twin_and_needs_no_javascript(client, uda, url):
    html = page(client, url)
    href = re.search(r'<link rel="alternate" type="application/json" href="([^"]+)">', html)
    assert href is not None and href.group(1) == url + "index.json"
    assert twin(client, href.group(1))["schema"].startswith("shisaku.")
    # the list's filters work without JavaScript; htmx, a file of the site, only speeds them up
    scripts = re.findall(r"<script[^>]*>", html)
    assert scripts in ([], ['<script src="/static/django_htmx/htmx-2.min.js" defer>'])
    assert not re.search(r"\son[a-z]+=", html)
    levels = [int(tag[1]) for tag, _ in headings(html)]
    assert levels[0] == 1 and levels.count(1) == 1
    assert all(b <= a + 1 for a, b in itertools.pairwise(levels)), levels


def test_the_list_page_shows_every_indicator_with_its_place_in_the_plan(client, testville):
    html = page(client, TEST + "indicators/")
    assert headings(html) == [
        ("h1", "指標"),
        ("h2", "指標の評価の集計"),
        ("h2", "一覧を絞り込む"),
        ("h2", "この計画のすべての指標"),
        ("h2", "指標データの出典"),
    ]
    places = re.findall(r'<td><a href="/ja/999997/2024-2028/([^/]+)/">', html)
    assert places == ["1-1-1", "1-1-1", "1-1"]
    assert outline_crumbs(html)[-1] == "指標の一覧"


def test_a_blank_year_means_the_default_year(client, uda):
    assert outline_heading(page(client, UDA + "indicators/1/?year="), "h-grade") == (
        "2017年度（平成29年度）の評価"
    )


def more_indicators(operator, count: int) -> None:
    batch = IndicatorBatch()
    for n in range(count):
        code = f"M{n}"
        batch.definitions.append(
            IndicatorDefinition("999997", "2024-2028", code, f"試験指標{n}", "increase", "1-1-1")
        )
        batch.figures += [
            figure("999997", "2024-2028", code, "target", "2028年度", "10"),
            figure("999997", "2024-2028", code, "actual", "2025年度", str(n)),
        ]
    apply(operator, batch)


@pytest.mark.parametrize(
    ("url", "most"),
    [
        (TEST, 11),  # plan; tree (4); assess_plan: indicators, figures, tree again (4)
        (TEST + "1-1-1/", 12),  # the same, the prose statistics, open consultations, SDG links
        (TEST + "indicators/", 9),  # plan; assess_plan; published evaluations; SDG links
        (TEST + "indicators/K1/", 12),  # plan; assess_plan; the tree (4); the history
        (TEST + "indicators/K1/index.json", 12),
        (TEST + "1-1-1/index.json", 12),
    ],
)
def test_queries_per_page_do_not_grow_with_the_number_of_indicators(
    client, testville, operator, django_assert_max_num_queries, url, most
):
    more_indicators(operator, 12)
    with django_assert_max_num_queries(most):
        page(client, url)
