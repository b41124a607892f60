"""The comparison bar chart's layout: every text gets its width, whatever the chart carries."""

from __future__ import annotations

from shisaku.graphics.bars import GAP, PLOT, Bar, BarChart, BarGroup, bar_chart, layout, text_width


def bare_chart() -> BarChart:
    """A chart of one group without a heading, a unit or a national line."""
    bars = (Bar("甲町", 10.0, "10 (2024年度)"), Bar("乙村", 5.0, "5 (2024年度)"))
    return BarChart("比較", "二つの町村", (BarGroup("", bars),))


def test_a_chart_without_heading_unit_or_national_line_is_as_wide_as_its_bars_and_texts():
    chart = bare_chart()
    left = GAP * 2 + text_width("甲町")
    right = GAP * 2 + text_width("10 (2024年度)")
    assert layout(chart).width == round(left + PLOT + right)
    svg = str(bar_chart(chart))
    assert svg.count("<rect") >= 2 and "甲町" in svg and "5 (2024年度)" in svg


def test_a_long_heading_widens_the_chart_to_its_own_width():
    chart = bare_chart()
    heading = "都道府県（年度）" * 8
    wide = BarChart("比較", "見出しの長い表", (BarGroup(heading, chart.bars),))
    assert layout(wide).width == round(GAP * 2 + text_width(heading))
