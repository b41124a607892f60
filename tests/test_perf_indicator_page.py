"""The indicator page's parts written in Python say what the templates said, in each language."""

from __future__ import annotations

import pytest
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.html import escape
from django.utils.safestring import SafeString

from shisaku.public.indicators import chart, page

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
