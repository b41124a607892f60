"""The indicator page's parts written in Python say what the templates said, in each language."""

from __future__ import annotations

import pytest
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.html import escape
from django.utils.safestring import SafeString

from shisaku.graphics import charts
from shisaku.public import dates, links
from shisaku.public.indicators import blocks, chart, page

SAMPLE = SafeString('<svg class="legend-sample"><line x1="2"/></svg>')


def a_chart(names: tuple[str, ...]) -> chart.ChartView:
    """Return a chart view whose texts need escaping."""
    return chart.ChartView(
        svg=SafeString('<svg viewBox="0 0 10 10"><title>T</title></svg>'),
        summary="The actual is < 5 & rising",
        legend=[(SAMPLE, name) for name in names],
    )


@pytest.mark.parametrize("language", ["ja", "en"])
@pytest.mark.parametrize("names", [(), ("Actuals",), ("Baseline", "Targets & <path>")])
def test_the_chart_figure_is_the_one_the_template_draws(language, names):
    view, hint = a_chart(names), escape("Numbers are drawn; the table has <every> figure.")
    with translation.override(language):
        drawn = render_to_string("public/_chart.html", {"chart": view, "hint": hint})
        assert chart.figure(view, hint) == drawn


def test_the_fixed_words_follow_the_active_language():
    with translation.override("en"):
        english = page.words()["history"]
    with translation.override("ja"):
        japanese = page.words()["history"]
    with translation.override("en"):
        assert page.words()["history"] == english == "Revision history"
    assert japanese != english


def test_the_content_splits_around_the_tables_rows_only():
    assert "".join([page.TOP, "{figure_table}", page.MIDDLE, "{history_rows}", page.BOTTOM]) == (
        page.CONTENT
    )
    assert page.FIGURE_TABLE_OPEN + "{rows}" + page.FIGURE_TABLE_CLOSE == page.FIGURE_TABLE


def test_facts_escape_text_and_keep_markup():
    items = [("A & B", SafeString("<b>x</b>")), (SafeString("<i>L</i>"), "1 < 2")]
    assert blocks.facts(items, "facts", "  ") == (
        '<dl class="facts">\n    <dt>A &amp; B</dt><dd><b>x</b></dd>'
        "\n    <dt><i>L</i></dt><dd>1 &lt; 2</dd>\n  </dl>"
    )


@pytest.mark.parametrize("language", ["ja", "en"])
def test_the_years_graded_link_the_page_in_each_year_the_current_one_marked(language):
    with translation.override(language), links.settled():
        assert blocks.years("/p/?a&b/", [], 2020) == ""
        shown = blocks.years("/p/?a&b/", [2019, 2020], 2020)
        label = escape(dates.year_label(2020))
    assert '<li><a href="/p/?a&amp;b/?year=2019">' in shown
    assert f'<li><a href="/p/?a&amp;b/?year=2020" aria-current="page">{label}</a></li>' in shown


@pytest.mark.parametrize("language", ["ja", "en"])
@pytest.mark.parametrize("calendar", [True, False])
def test_a_chart_is_described_by_its_series_values_in_each_language(language, calendar):
    drawn = charts.LineChart(
        title="",
        description="",
        baseline=charts.Point(2019, 1.5),
        targets=(charts.Point(2024, 3.0),),
        actuals=(charts.Point(2020, 1.7), charts.Point(2021, 12345.25)),
        decimals=1,
    )
    with translation.override(language), links.settled():
        english = language == "en"
        base, targets, actuals, _ = chart._series_names(links.language())

        def at(year: int, value: str) -> str:
            return f"{chart.short_year(year, calendar, english)} {value}"

        each, between = (", ", "; ") if english else ("・", "、")
        expected = between.join(
            [
                f"{base}: {at(2019, '1.5')}",
                f"{targets}: {at(2024, '3.0')}",
                f"{actuals}: {at(2020, '1.7')}{each}{at(2021, '12,345.2')}",
            ]
        )
        assert chart._described(chart._values(drawn), calendar, links.language()) == expected


def test_a_drawing_worded_without_a_chart_is_the_chart_worded():
    drawn = charts.LineChart(
        title="T <1>", description="D & d", actuals=(charts.Point(2020, 1.0),), unit="人"
    )
    picture = charts.drawing(drawn)
    assert picture is not None
    assert charts.wording(picture, "chart", "T <1>", "D & d", "人") == charts.worded(drawn, picture)
    assert charts.line_chart(drawn) == charts.worded(drawn, picture)
