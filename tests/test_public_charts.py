"""Charts: the geometry as tables of cases, the SVG they make, and the indicator page's chart."""

from __future__ import annotations

import re
from xml.etree import ElementTree

import pytest
from pytest_django.asserts import assertInHTML

from shisaku.graphics import charts
from shisaku.graphics.charts import Axes, Box, LineChart, Point, Segment
from tests import test_public_indicators as indicator_pages
from tests.test_public_indicators import EN_UDA, TEST, UDA, page

uda = indicator_pages.uda  # fixtures shared with the indicator pages' tests
testville = indicator_pages.testville

SVG = "{http://www.w3.org/2000/svg}"

# --- geometry ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("span", "count", "step"),
    [
        (0.5, 5, 0.1),
        (1.0, 5, 0.2),
        (10, 5, 2),
        (12, 5, 2.5),
        (100, 5, 20),
        (230, 5, 50),
        (1_000_000, 4, 250_000),
        (0, 5, 1),
        (-3, 5, 1),
    ],
)
def test_nice_step_is_a_round_number_giving_about_count_intervals(span, count, step):
    assert charts.nice_step(span, count) == pytest.approx(step)


@pytest.mark.parametrize(
    ("low", "high", "ticks"),
    [
        (0.9, 1.4, [0.9, 1.0, 1.1, 1.2, 1.3, 1.4]),
        (0.875, 1.425, [0.8, 1.0, 1.2, 1.4, 1.6]),
        (100, 150, [100, 110, 120, 130, 140, 150]),
        (97.5, 152.5, [80, 100, 120, 140, 160]),
        (150, 100, [100, 110, 120, 130, 140, 150]),
        (-300, -150, [-300, -250, -200, -150]),
        (5, 5, [4.4, 4.6, 4.8, 5.0, 5.2, 5.4, 5.6]),
        (0, 0, [-1.0, -0.5, 0.0, 0.5, 1.0]),
    ],
)
def test_value_ticks_cover_the_range_with_round_values(low, high, ticks):
    assert charts.value_ticks(low, high) == pytest.approx(ticks)


@pytest.mark.parametrize(
    ("first", "last", "ticks"),
    [
        (2014, 2019, [2014, 2015, 2016, 2017, 2018, 2019]),
        (2019, 2019, [2019]),
        (2010, 2030, [2010, 2013, 2016, 2019, 2022, 2025, 2028]),
        (2023, 2021, [2021, 2022, 2023]),
    ],
)
def test_year_ticks_label_every_year_or_every_nth(first, last, ticks):
    assert charts.year_ticks(first, last) == ticks


@pytest.mark.parametrize(
    ("value", "domain", "target", "expected"),
    [
        (5, (0, 10), (0, 100), 50),
        (0, (0, 10), (300, 100), 300),
        (10, (0, 10), (300, 100), 100),
        (3, (3, 3), (0, 100), 50),
    ],
)
def test_scale_maps_a_value_linearly(value, domain, target, expected):
    assert charts.scale(value, domain, target) == expected


BOX = Box(width=480, height=300, left=64, right=16, top=32, bottom=56)


@pytest.mark.parametrize(
    ("year", "x"),
    [(2014, 97.3), (2019, 430.7), (2016.5, 264.0)],
)
def test_years_fall_half_a_year_in_from_each_edge(year, x):
    axes = Axes((2014, 2019), [0.8, 1.0, 1.2, 1.4], BOX)
    assert axes.x(year) == x


@pytest.mark.parametrize(
    ("value", "y"),
    [(0.8, 244.0), (1.4, 32.0), (1.1, 138.0)],
)
def test_values_rise_from_the_bottom_of_the_plot_to_its_top(value, y):
    axes = Axes((2014, 2019), [0.8, 1.0, 1.2, 1.4], BOX)
    assert axes.y(value) == y


@pytest.mark.parametrize(
    ("ticks", "decimals", "places"),
    [
        ([0.8, 1.0], 2, 2),
        ([0.8, 1.0], 0, 1),
        ([100, 120], 0, 0),
        ([0, 2.5], 0, 1),
        ([0, 0.25], 0, 2),
    ],
)
def test_tick_labels_get_the_decimals_they_need(ticks, decimals, places):
    assert charts.tick_decimals(ticks, decimals) == places


@pytest.mark.parametrize(
    ("counts", "widths"),
    [([1, 1, 2], [60.0, 60.0, 120.0]), ([0, 3, 0], [0.0, 240.0, 0.0]), ([0, 0], [0.0, 0.0])],
)
def test_bar_widths_are_each_counts_share(counts, widths):
    assert charts.bar_widths(counts, 240) == widths


@pytest.mark.parametrize(
    ("year", "era"), [(2019, "R1"), (2018, "H30"), (1989, "H1"), (1988, "S63")]
)
def test_the_axis_gives_the_era_in_short_form(year, era):
    assert charts.era_short(year) == era


def contrast(a: str, b: str) -> float:
    def lum(colour: str) -> float:
        rgb = [int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
        lin = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in rgb]
        return 0.2126 * lin[0] + 0.7152 * lin[1] + 0.0722 * lin[2]

    high, low = sorted((lum(a), lum(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


@pytest.mark.parametrize(
    "colour",
    [charts.ACTUAL, charts.TARGET, charts.BASELINE, charts.FORECAST, charts.INK],
)
def test_series_and_labels_hold_aa_contrast_on_white(colour):
    assert contrast(colour, "#ffffff") >= 4.5


def test_grade_colours_carry_white_letters_at_aa_contrast_and_the_missing_grade_is_outlined():
    colours = charts.grade_colours(("S", "A", "B", "C", "D", "E", "X"), {"S", "A"}, "X")
    for grade, (fill, ink, _) in colours.items():
        assert contrast(fill, ink) >= 4.5, grade
    assert colours["X"] == ("#ffffff", charts.BASELINE, True)
    assert colours["S"][0] in charts.ON_TRACK_FILLS and colours["C"][0] in charts.OFF_TRACK_FILLS


# --- the SVG ----------------------------------------------------------------------------------


def chart(**changes) -> LineChart:
    values = {
        "title": "合計特殊出生率 <b>&</b>",
        "description": "基準値 0.90 & 目標値 1.40",
        "baseline": Point(2014, 0.9),
        "final_target": Point(2019, 1.4),
        "targets": (Point(2019, 1.4),),
        "actuals": (Point(2015, 0.93), Point(2016, 1.11), Point(2017, 1.0)),
        "forecast": (Point(2015, 0.98), Point(2019, 1.12)),
        "decimals": 2,
        "unit": "人<",
    }
    return LineChart(**(values | changes))


def parse(svg: str) -> ElementTree.Element:
    return ElementTree.fromstring(svg)


def test_the_line_chart_is_an_image_named_by_its_title_and_description_all_text_escaped():
    svg = charts.line_chart(chart())
    root = parse(svg)  # well-formed: every text was escaped
    assert root.get("role") == "img"
    assert root.get("viewBox") == "0 0 480 300"
    assert root.get("aria-labelledby") == "chart-title chart-desc"
    assert root.find(f"{SVG}title").text == "合計特殊出生率 <b>&</b>"
    assert root.find(f"{SVG}desc").text == "基準値 0.90 & 目標値 1.40"
    assert "<b>" not in svg and "&lt;b&gt;" in svg


def test_the_series_differ_by_dash_and_marker_shape_not_colour_alone():
    root = parse(charts.line_chart(chart()))
    groups = {g.get("class"): g for g in root.iter(f"{SVG}g")}
    assert groups["actuals"].find(f"{SVG}polyline").get("stroke-dasharray") is None
    assert len(groups["actuals"].findall(f"{SVG}circle")) == 3
    assert groups["target-path"].find(f"{SVG}polyline").get("stroke-dasharray") == "12 4 2 4"
    assert groups["target-path"].find(f"{SVG}path").get("fill") == "#ffffff"  # open diamond
    assert groups["forecast"].find(f"{SVG}polyline").get("stroke-dasharray") == "6 5"
    assert groups["baseline"].find(f"{SVG}rect") is not None  # a square


def test_the_axes_label_every_year_with_its_era_and_round_values_with_the_unit():
    root = parse(charts.line_chart(chart()))
    groups = {g.get("class"): g for g in root.iter(f"{SVG}g")}
    years = [t.text for t in groups["year-axis"].findall(f"{SVG}text")]
    assert years == [
        *("2014", "H26", "2015", "H27", "2016", "H28"),
        *("2017", "H29", "2018", "H30", "2019", "R1"),
    ]
    values = [t.text for t in groups["value-axis"].findall(f"{SVG}text")]
    assert values == ["人<", "0.80", "1.00", "1.20", "1.40", "1.60"]


def test_the_target_path_runs_from_the_baseline_to_the_final_target():
    c = chart()
    axes = charts.axes_for(c)
    assert axes is not None
    line = parse(charts.line_chart(c)).find(f".//{SVG}g[@class='target-path']/{SVG}polyline")
    assert line.get("points") == f"{axes.x(2014)},{axes.y(0.9)} {axes.x(2019)},{axes.y(1.4)}"


@pytest.mark.parametrize(
    ("changes", "classes"),
    [
        ({}, ["value-axis", "year-axis", "target-path", "forecast", "actuals", "baseline"]),
        ({"forecast": None}, ["value-axis", "year-axis", "target-path", "actuals", "baseline"]),
        ({"baseline": None}, ["value-axis", "year-axis", "target-path", "forecast", "actuals"]),
        (
            {"actuals": (), "forecast": None, "baseline": None},
            ["value-axis", "year-axis", "target-path"],
        ),
    ],
)
def test_only_the_series_with_data_are_drawn(changes, classes):
    root = parse(charts.line_chart(chart(**changes)))
    assert [g.get("class") for g in root.findall(f"{SVG}g")] == classes


def test_a_chart_without_any_point_draws_nothing():
    assert (
        charts.line_chart(
            chart(baseline=None, final_target=None, targets=(), actuals=(), forecast=None)
        )
        == ""
    )


def test_the_stacked_bar_is_labelled_with_the_counts_and_letters_each_part():
    segments = [
        Segment("A", 2, "#0f3d6e", "#ffffff"),
        Segment("B", 0, "#0b4fa8", "#ffffff"),
        Segment("X", 1, "#ffffff", "#1a1a1a", outline=True),
    ]
    svg = charts.stacked_bar(segments, 'A: 2, B: 0, X: 1 "<>"')
    root = parse(svg)
    assert (root.get("role"), root.get("aria-label")) == ("img", 'A: 2, B: 0, X: 1 "<>"')
    rects = root.findall(f"{SVG}rect")[1:]
    assert [(r.get("x"), r.get("width")) for r in rects] == [("0.0", "106.67"), ("106.67", "53.33")]
    assert rects[1].get("stroke-dasharray") == "3 2"
    assert [t.text for t in root.findall(f"{SVG}text")] == ["A", "X"]


# --- the indicator page -----------------------------------------------------------------------


def figure_html(html: str) -> str:
    return html.split('<figure class="chart">')[1].split("</figure>")[0]


def test_the_indicator_page_draws_its_figures_with_a_summary_sentence(client, uda):
    html = page(client, UDA + "indicators/1/")
    part = figure_html(html)
    root = parse(re.search(r"<svg .*?</svg>", part, re.S).group(0))
    assert root.find(f"{SVG}title").text == "合計特殊出生率のグラフ"
    assert root.find(f"{SVG}desc").text == (
        "基準値: 2014年度 0.90、目標値: 2019年度 1.40、"
        "実績値: 2015年度 0.93・2016年度 1.11・2017年度 1.00、直線の傾向: 2019年度 1.12"
    )
    assertInHTML(
        '<p class="chart-summary">2017年度（平成29年度）の実績は1.00で、2019年度（令和元年度）の'
        "目標1.40に対する達成率は71.4%です。直線の傾向では2019年度（令和元年度）に1.12と"
        "見込まれます（達成困難見込み）。</p>",
        html,
    )
    legend = re.findall(r"</svg> ([^<]+)</li>", part)
    assert legend == [
        "基準値",
        "目標値と、基準値から最終目標値までの直線の道筋",
        "実績値",
        "目標年度までの直線の傾向（推計）",
    ]
    # the table stays the source, after the chart
    assert html.index('<figure class="chart">') < html.index('<table class="figures">')


def test_the_english_summary_is_built_from_the_same_figures(client, uda):
    html = page(client, EN_UDA + "indicators/2/")
    assertInHTML(
        '<p class="chart-summary">The actual for FY2017 (Heisei 29) is 205人/年, 73.2% of the '
        "target for FY2019 (Reiwa 1), 150人/年. On the linear trend, 8人/年 is expected in "
        "FY2019 (Reiwa 1): Likely to be met.</p>",
        html,
    )
    assert '<title id="chart-title">Chart of 人口移動(社会減)</title>' in html


def test_the_summary_of_an_indicator_without_a_trend_says_why(client, testville):
    html = page(client, TEST + "indicators/K1/")
    assertInHTML(
        '<p class="chart-summary">2025年度（令和7年度）の実績は140件で、2028年度（令和10年度）の'
        "目標150件に対する達成率は93.3%です。傾向の推計には3時点以上の実績が必要です。</p>",
        html,
    )
    svg = re.search(r'<svg [^>]*class="chart".*?</svg>', html, re.S).group(0)
    assert svg.count("<circle") == 2  # two actuals, no forecast


def test_an_indicator_without_an_actual_has_its_target_path_and_says_no_actual_yet(
    client, testville
):
    html = page(client, TEST + "indicators/K2/?year=2024")
    assertInHTML(
        '<p class="chart-summary">実績はまだありません。2028年度（令和10年度）の目標は80.0%です。'
        "傾向の推計には3時点以上の実績が必要です。</p>",
        html,
    )
    assert 'class="target-path"' in html and 'class="actuals"' not in html


def test_the_chart_needs_no_javascript_and_scales_through_its_viewbox(client, uda):
    html = page(client, UDA + "indicators/1/")
    assert "<script" not in html and not re.search(r"\son[a-z]+=", html)
    assert re.search(r'<svg [^>]*class="chart" viewBox="0 0 480 300"', html)
    assert not re.search(r'<svg [^>]*class="chart"[^>]* width=', html)


def test_the_revision_history_gives_the_era_year_beside_the_western_year(client, uda):
    stamp = r"<time datetime=\"[^\"]+\">([^<]+)</time>"
    times = re.findall(stamp, page(client, UDA + "indicators/1/"))
    assert times
    assert all(
        re.fullmatch(r"\d{4}年\d{1,2}月\d{1,2}日（令和(元|\d+)年）\d\d:\d\d", t) for t in times
    )
    english = re.findall(stamp, page(client, EN_UDA + "indicators/1/"))
    assert all(
        re.fullmatch(r"\d{1,2} [A-Z][a-z]+ \d{4} \(Reiwa \d+\) \d\d:\d\d", t) for t in english
    )
