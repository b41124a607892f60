"""An indicator page like the best statistics sites: chart, table, definition and sources as
sections with a menu, and a breakdown selector (``?breakdown=``) that works without JavaScript.

試験市 (999997) is fictional test data: indicator K2 counts 相談件数 for the whole city and
for 男性 and 女性 apart, with a baseline, a target for a year on the way and a final target.
"""

from __future__ import annotations

import re
from dataclasses import replace

import pytest

from shisaku.domain.indicatordata import IndicatorBatch, IndicatorDefinition
from shisaku.indicators import services
from tests.factories import figure

PAGE = "/ja/999997/2024-2028/indicators/K2/"
SOURCE = "試験市 相談記録（試験データ）"
ROWS = [
    # kind, period, value, breakdown, source
    ("baseline", "2023年度", "100件", "", ""),
    ("target", "2026年度", "110件", "", ""),
    ("target", "2028年度", "120件", "", ""),
    ("actual", "2024年度", "104件", "", ""),
    ("actual", "2025年度", "108件", "", ""),
    ("baseline", "2023年度", "40件", "男性", ""),
    ("target", "2028年度", "50件", "男性", ""),
    ("actual", "2024年度", "42件", "男性", ""),
    ("actual", "2025年度", "45件", "男性", "男女別集計表（試験データ）"),
    ("baseline", "2023年度", "60件", "女性", ""),
    ("target", "2028年度", "70件", "女性", ""),
    ("actual", "2024年度", "62件", "女性", ""),
    ("actual", "2025年度", "63件", "女性", "男女別集計表（試験データ）"),
]


@pytest.fixture
def split(small_plan, operator):
    """Indicator K2 of 試験市 with whole-city figures and figures for 男性 and 女性."""
    make_split(operator)


def make_split(operator):
    """Create indicator K2 (also for the browser tests)."""
    definition = IndicatorDefinition(
        "999997", "2024-2028", "K2", "相談件数", "increase", unit="件", source=SOURCE
    )
    batch = IndicatorBatch(definitions=[definition])
    for kind, period, value, breakdown, source in ROWS:
        f = figure("999997", "2024-2028", "K2", kind, period, value)
        batch.figures.append(replace(f, breakdown=breakdown, source=source))
    services.apply_batch(actor=operator, batch=batch)


def table(html: str, name: str) -> list[list[str]]:
    """Return a table's body rows as lists of cell texts (tags dropped)."""
    body = html.split(f'<table class="{name}">', 1)[1].split("<tbody>", 1)[1]
    body = body.split("</tbody>", 1)[0]
    rows = re.findall(r"<tr[^>]*>(.*?)</tr>", body, re.S)
    return [
        [re.sub(r"<[^>]+>", "", c).strip() for c in re.findall(r"<t[hd][^>]*>(.*?)</t[hd]>", r)]
        for r in rows
    ]


def desc(html: str) -> str:
    """Return the chart's description."""
    return html.split('<desc id="chart-desc">', 1)[1].split("</desc>", 1)[0]


def test_the_sections_come_chart_first_with_a_menu_of_anchors(split, client):
    html = client.get(PAGE).content.decode()
    menu = html.split('<nav class="page-menu"', 1)[1].split("</nav>", 1)[0]
    anchors = re.findall(r'<a href="#([a-z]+)">([^<]+)</a>', menu)
    assert anchors == [
        ("chart", "グラフ"),
        ("table", "表"),
        ("grade", "評価"),
        ("forecast", "見通し"),
        ("definition", "指標の定義"),
        ("sources", "出典"),
        ("history", "修正の履歴"),
    ]
    sections = re.findall(r'<section class="[^"]*" id="([a-z]+)"', html)
    assert sections == [a for a, _ in anchors]
    assert (
        html.index('id="h-chart"')
        < html.index('<table class="years">')
        < html.index('id="h-definition"')
        < html.index('id="h-sources"')
    )


def test_the_whole_area_is_shown_first_with_its_year_targets_in_the_table(split, client):
    html = client.get(PAGE).content.decode()
    assert table(html, "years") == [
        ["2023年度（令和5年度）", "100件", "—", "—"],
        ["2024年度（令和6年度）", "—", "—", "104件"],
        ["2025年度（令和7年度）", "—", "—", "108件"],
        ["2026年度（令和8年度）", "—", "110件", "—"],
        ["2028年度（令和10年度）", "—", "120件", "—"],
    ]
    assert desc(html) == (
        "基準値: 2023年度 100、目標値: 2026年度 110・2028年度 120、"
        "実績値: 2024年度 104・2025年度 108"
    )
    options = re.findall(r'<option value="([^"]*)"( selected)?>([^<]+)</option>', html)
    assert options == [("", " selected", "全体"), ("女性", "", "女性"), ("男性", "", "男性")]
    assert (
        '<p class="hint" id="breakdown-hint">グラフと表は全体の数値を示しています。'
        "内訳を選ぶと、その内訳の数値を示します。</p>"
    ) in html
    assert len(table(html, "figures")) == len(ROWS)


def test_a_breakdown_chosen_shows_its_own_series_in_the_chart_and_the_tables(split, client):
    html = client.get(PAGE, {"breakdown": "女性"}).content.decode()
    assert "<title>K2 相談件数 (女性)" in html
    assert '<title id="chart-title">相談件数（女性）のグラフ</title>' in html
    assert (
        desc(html) == "基準値: 2023年度 60、目標値: 2028年度 70、実績値: 2024年度 62・2025年度 63"
    )
    assert table(html, "years") == [
        ["2023年度（令和5年度）", "60件", "—", "—"],
        ["2024年度（令和6年度）", "—", "—", "62件"],
        ["2025年度（令和7年度）", "—", "—", "63件"],
        ["2028年度（令和10年度）", "—", "70件", "—"],
    ]
    assert [row[2] for row in table(html, "figures")] == ["女性"] * 4
    assert '<option value="女性" selected>女性</option>' in html
    summary = html.split('<p class="chart-summary">', 1)[1].split("</p>", 1)[0]
    assert (
        summary == "2025年度（令和7年度）の実績は63件です。2028年度（令和10年度）の目標は70件です。"
    )
    sources = html.split('id="h-sources"', 1)[1].split("</section>", 1)[0]
    assert re.findall(r"<li>(.*?) <span", sources) == [SOURCE, "男女別集計表（試験データ）"]
    english = client.get(PAGE.replace("/ja/", "/en/"), {"breakdown": "男性"}).content.decode()
    assert "The chart and the tables show the figures for 男性." in english
    assert desc(english).startswith("Baseline: FY2023 40; Targets: FY2028 50; Actuals:")


def test_a_breakdown_the_indicator_does_not_have_is_a_clear_400(split, client):
    response = client.get(PAGE, {"breakdown": "子ども"})
    assert response.status_code == 400
    assert "「子ども」はこの指標の内訳にありません。次のいずれかを選んでください: 女性、男性" in (
        response.content.decode()
    )


def test_the_year_is_kept_when_a_breakdown_is_chosen(split, client):
    html = client.get(PAGE, {"year": "2025", "breakdown": "男性"}).content.decode()
    assert '<input type="hidden" name="year" value="2025">' in html
    assert '<option value="男性" selected>男性</option>' in html


def test_a_page_without_breakdowns_has_no_selector(small_plan, operator, client):
    batch = IndicatorBatch(
        definitions=[IndicatorDefinition("999997", "2024-2028", "K3", "件数", "increase")],
        figures=[figure("999997", "2024-2028", "K3", "actual", "2024年度", "5")],
    )
    services.apply_batch(actor=operator, batch=batch)
    html = client.get("/ja/999997/2024-2028/indicators/K3/").content.decode()
    assert 'class="breakdown-form"' not in html
    assert '<a href="#chart">グラフ</a>' in html
