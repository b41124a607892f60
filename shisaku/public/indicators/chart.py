"""An indicator's chart and the sentence that sums it up, from the figures its page tables.

Only figures for the whole area with a number are drawn (a breakdown row, 「未公表」 or a
qualitative target is in the table, not on the chart), or those of the breakdown the page's
selector chose (:mod:`series`; then without the whole area's trend and ratio).  The
forecast line is the linear trend :func:`shisaku.domain.forecast.forecast` fitted (its slope,
read at the target year), so the chart, the sentence and the forecast section say the same
thing.
"""

from __future__ import annotations

import weakref
from collections.abc import Iterable
from dataclasses import dataclass, replace
from functools import cached_property, lru_cache

from django.utils.functional import Promise
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext, gettext_lazy

from shisaku.domain.assessment_scales import fmt_percent
from shisaku.domain.periods import Basis, Period
from shisaku.graphics import charts
from shisaku.indicators import chart_points
from shisaku.indicators.assessing import IndicatorResult
from shisaku.indicators.queries import FigureView, IndicatorView
from shisaku.public import coded, dates, display, links
from shisaku.public.indicators import selection
from shisaku.public.indicators.series import series
from shisaku.public.markup import html, html_join


@dataclass(frozen=True)
class ChartView:
    """What the indicator page shows of its chart: the SVG, its legend and its summary."""

    svg: SafeString
    summary: str
    legend: list[tuple[SafeString, str]]  # (sample of the line, name of the series)


def line_chart(result: IndicatorResult, breakdown: str = "") -> charts.LineChart | None:
    """Return the chart of an indicator, or None when it has no number to draw."""
    points = _points(result)
    return None if points is None else _worded(points, result.indicator, breakdown)


def _points(result: IndicatorResult) -> charts.LineChart | None:
    """Return the chart of an indicator without its words (the same in every language), or
    None when it has no number to draw."""
    chart = chart_points.line_chart(result, "", result.indicator.decimals, "")
    return chart if chart.points() else None


def _worded(points: charts.LineChart, view: IndicatorView, breakdown: str) -> charts.LineChart:
    """Return the chart of ``points`` with its title, description and unit in the active
    language."""
    title, description = _title(view, breakdown), describe(points, view)
    return replace(points, title=title, description=description, unit=_unit(view))


def _title(view: IndicatorView, breakdown: str) -> str:
    """Return the title of an indicator's chart (of ``breakdown``'s figures when one is given)
    in the active language."""
    name = display.plain(view.name_ja, view.name_en)
    template = _title_template(links.language(), bool(breakdown))
    return template % {"name": name, "breakdown": breakdown}


@lru_cache(maxsize=16)
def _title_template(language: str | None, breakdown: bool) -> str:
    """Return the title of a chart as a template in ``language`` (the active one), made once."""
    if breakdown:
        return gettext("Chart of %(name)s (%(breakdown)s)")
    return gettext("Chart of %(name)s")


def _unit(view: IndicatorView) -> str:
    """Return the unit the chart's values are in: the indicator's (in English on English pages
    when it has one), else its figures' own."""
    own = display.plain(view.unit, view.unit_en)
    return own or next((f.unit for f in view.figures if f.unit), "")


def describe(chart: charts.LineChart, view: IndicatorView) -> str:
    """Return what the chart draws, in words: each series with its values and years."""
    return _described(_values(chart), view.time_basis == "calendar", links.language())


Described = tuple[tuple[int, tuple[tuple[int, str], ...]], ...]


def _values(chart: charts.LineChart) -> Described:
    """Return the series a chart draws with their values as its labels write them, the same
    in every language: each series' place among :func:`_series_names` and its (year, value)."""
    series = [
        [chart.baseline] if chart.baseline else [],
        list(chart.targets),
        list(chart.actuals),
        [chart.forecast[1]] if chart.forecast else [],
    ]
    return tuple(
        (index, tuple((p.year, charts.number(p.value, chart.decimals)) for p in points))
        for index, points in enumerate(series)
        if points
    )


def _described(values: Described, calendar: bool, language: str | None) -> str:
    """Return the series of :func:`_values` in words in ``language`` (the active one)."""
    english = display.english_language(language)
    names = _series_names(language)
    each = ", " if english else "・"
    parts = [
        f"{names[index]}: "
        + each.join([f"{short_year(year, calendar, english)} {value}" for year, value in points])
        for index, points in values
    ]
    return ("; " if english else "、").join(parts)


@lru_cache(maxsize=16)
def _series_names(language: str | None) -> tuple[str, str, str, str]:
    """Return the names of the series a chart describes in ``language`` (the active one)."""
    return gettext("Baseline"), gettext("Targets"), gettext("Actuals"), gettext("Linear trend")


def short_year(year: int, calendar: bool, english: bool | None = None) -> str:
    """Return a fiscal year as FY2019 / 2019年度, a calendar year as 2019 / 2019年 (in English
    or not as told; default: the active language)."""
    if display.english() if english is None else english:
        return str(year) if calendar else f"FY{year}"
    return f"{year}年" if calendar else f"{year}年度"


def legend(chart: charts.LineChart) -> list[tuple[str, str]]:
    """Return the legend of the series the chart draws, each with a sample of its line."""
    return list(_legend(links.language() or "", _drawn(chart)))


def _drawn(chart: charts.LineChart) -> tuple[str, ...]:
    """Return the series the chart draws, in the legend's order."""
    shown = {
        "baseline": chart.baseline is not None,
        "target": bool(chart.targets),
        "actual": bool(chart.actuals),
        "forecast": chart.forecast is not None,
    }
    return tuple(k for k, drawn in shown.items() if drawn)


@lru_cache(maxsize=64)
def _legend(language: str, drawn: tuple[str, ...]) -> tuple[tuple[SafeString, str], ...]:
    """Return the legend of the series drawn in ``language`` (the active one), made once."""
    names = {
        "baseline": gettext("Baseline"),
        "target": gettext("Targets and the straight path from the baseline to the final target"),
        "actual": gettext("Actuals"),
        "forecast": gettext("Linear trend to the target year (forecast)"),
    }
    # Safe: charts escapes every text it writes into the SVG.
    return tuple((mark_safe(charts.legend_sample(k)), names[k]) for k in drawn)


@dataclass(frozen=True)
class _Picture:
    """An indicator's chart but its words: its points and their SVG, drawn once for every
    language (:func:`shisaku.graphics.charts.drawing`), the series it draws and their values
    as its description writes them (the same in every language)."""

    points: charts.LineChart
    drawing: charts.Drawing
    drawn: tuple[str, ...]
    values: Described


def _picture(result: IndicatorResult) -> _Picture | None:
    """Return the chart of ``result`` drawn without its words, or None with nothing to draw."""
    points = _points(result)
    drawing = charts.drawing(points) if points is not None else None
    if points is None or drawing is None:
        return None
    return _Picture(points, drawing, _drawn(points), _values(points))


class _Drawn:
    """An indicator's whole-area chart: its picture (drawn when first asked for) and its views
    per language, year and method."""

    def __init__(self, result: IndicatorResult) -> None:
        self.result = result
        self.views: dict[tuple[str, int, str], ChartView | None] = {}

    @cached_property
    def picture(self) -> _Picture | None:
        """Return the chart drawn without its words."""
        return _picture(self.result)


class _Charts:
    """The whole area's chart views of an indicator, per language, year and method: drawn once
    (worded in each language) and shared by its page and its widget, kept while the
    indicator's view lives (views never change; a result graded afresh is drawn afresh).
    Drawing records no untranslated content, so a kept chart leaves a page's notice as it was."""

    def __init__(self) -> None:
        self._found: dict[int, _Drawn] = {}

    def __call__(self, result: IndicatorResult, year: int, method: str) -> ChartView | None:
        """Return the chart view of ``result`` in the active language."""
        view = result.indicator
        key = id(view)
        found = self._found.get(key)
        if found is None or found.result is not result:
            if found is None:
                weakref.finalize(view, self._found.pop, key, None)
            found = _Drawn(result)
            self._found[key] = found
        at = (links.language() or "", year, method)
        if at not in found.views:
            found.views[at] = _chart_view(result, year, method, found.picture)
        return found.views[at]


_charts = _Charts()


def chart_view(
    result: IndicatorResult, year: int, method: str, breakdown: str = ""
) -> ChartView | None:
    """Return the chart, its legend and its summary sentence, or None with nothing to draw.

    With a breakdown, its figures are drawn and summed up in place of the whole area's (the
    whole area's grade ratio and trend do not apply to them, so neither is given).  The whole
    area's is drawn once while its view lives and worded once per language (:class:`_Charts`)."""
    if not breakdown:
        return _charts(result, year, method)
    result = IndicatorResult(series(result.indicator, breakdown), result.assessment, None)
    return _chart_view(result, year, "", _picture(result), breakdown)


def _chart_view(
    result: IndicatorResult, year: int, method: str, picture: _Picture | None, breakdown: str = ""
) -> ChartView | None:
    """Word the chart drawn (``picture``), its legend and its summary sentence (see
    :func:`chart_view`)."""
    if picture is None:
        return None
    view, language = result.indicator, links.language()
    description = _described(picture.values, view.time_basis == "calendar", language)
    title = _title(view, breakdown)
    samples = list(_legend(language or "", picture.drawn))
    # Safe: charts escapes every text it writes into the SVG.
    svg = mark_safe(
        charts.wording(picture.drawing, picture.points.id_prefix, title, description, _unit(view))
    )
    return ChartView(svg, summary_text(result, year, method), samples)


FIGURE = """<figure class="chart">
    <div class="chart-frame">{svg}</div>
    <figcaption>
      <p class="chart-summary">{summary}</p>
      {legend}
      <p class="hint">{hint}</p>
    </figcaption>
  </figure>"""


def figure(chart: ChartView, hint: SafeString) -> SafeString:
    """Return the chart's figure as ``public/_chart.html`` draws it (not wide), with its summary,
    its legend and ``hint``: written here for the indicator page, which has one on each of its
    hundreds of pages (the widget and the comparison include the template)."""
    legend = legend_list(chart.legend)
    return html(FIGURE, svg=chart.svg, summary=chart.summary, legend=legend, hint=hint)


def legend_list(legend: Iterable[tuple[SafeString, str]]) -> SafeString:
    """Return a chart's legend: each series' sample of its line and its name, in a labelled
    list (the ``chart_legend`` tag of ``public/_chart.html`` and :func:`figure` write it)."""
    return _legend_list(links.language() or "", tuple(legend))


@lru_cache(maxsize=64)
def _legend_list(language: str, legend: tuple[tuple[SafeString, str], ...]) -> SafeString:
    """Return a legend as a labelled list in ``language`` (the active one), remembered:
    charts draw a handful of legends."""
    items = html_join("", "\n        <li>{} {}</li>", legend)
    return html(
        '<ul class="chart-legend" aria-label="{}">{}\n      </ul>', gettext("Legend"), items
    )


# --- the summary sentence ---------------------------------------------------------------------


def _with_unit(f: FigureView, view: IndicatorView) -> str:
    """Return a figure as written, with the indicator's unit when the cell gave none."""
    bare = not f.unit and f.raw[-1:].isdigit()
    return f"{f.raw}{view.unit}" if bare and view.unit else f.raw


def _year_text(year: int, view: IndicatorView) -> str:
    """Return one year in the indicator's time basis, 西暦 with 和暦."""
    basis: Basis = "calendar" if view.time_basis == "calendar" else "fiscal"
    return _year_in(links.language(), year, basis)


@lru_cache(maxsize=512)
def _year_in(language: str | None, year: int, basis: Basis) -> str:
    """Return one year in ``basis`` in ``language`` (the active one), made once."""
    return dates.period_text(Period(year, year, basis))


def _shown_actual(view: IndicatorView, year: int) -> FigureView | None:
    """Return the actual of the assessed year, else the latest one."""
    actuals = selection.whole(view.of_kind("actual"))
    same = [f for f in actuals if f.period_end == year]
    return same[-1] if same else selection.latest_actual(view)


SENTENCES: dict[str, Promise] = {
    "ratio": gettext_lazy(
        "The actual for %(when)s is %(value)s, %(ratio)s of the target for %(goal_when)s, %(goal)s."
    ),
    "actual": gettext_lazy(
        "The actual for %(when)s is %(value)s; the target for %(goal_when)s is %(goal)s."
    ),
    "no_target": gettext_lazy("The actual for %(when)s is %(value)s; no target is set."),
    "no_actual": gettext_lazy("No actual has been obtained yet."),
    "target": gettext_lazy("The target for %(goal_when)s is %(goal)s."),
    "no_trend": gettext_lazy("A trend needs actuals for at least three years."),
    "trend": gettext_lazy(
        "On the linear trend, %(value)s is expected in %(year)s: %(likelihood)s."
    ),
}


@lru_cache(maxsize=32)
def _sentence(language: str | None, key: str) -> str:
    """Return a sentence of :data:`SENTENCES` in ``language`` (the active one), made once."""
    return str(SENTENCES[key])


def _actual_sentence(result: IndicatorResult, year: int, method: str) -> str:
    """Return what the actual is and how it stands against the final target."""
    view, a = result.indicator, result.assessment
    actual, target = _shown_actual(view, year), view.final_target()
    values = {
        "when": dates.period_label(actual.period) if actual else "",
        "value": _with_unit(actual, view) if actual else "",
        "goal": _with_unit(target, view) if target else "",
        "goal_when": dates.period_label(target.period) if target else "",
        "ratio": fmt_percent(a.ratio) if a.ratio is not None else "",
    }
    if actual is None:
        keys = ["no_actual", "target"] if target else ["no_actual"]
        return join([_sentence(links.language(), k) % values for k in keys])
    graded = actual.period_end == year and a.status == "graded" and a.ratio is not None
    key = "no_target" if target is None else "actual"
    if target is not None and graded and method == "ratio_to_target":
        key = "ratio"
    return _sentence(links.language(), key) % values


def _trend_sentence(result: IndicatorResult) -> str:
    """Return what the linear trend expects in the target year, or why there is none."""
    f, view, target = result.forecast, result.indicator, result.indicator.final_target()
    if f is None or target is None or view.direction == "qualitative":
        return ""
    if f.status != "ok" or f.linear is None:
        return _sentence(links.language(), "no_trend")
    template, likelihood = _trend_words(links.language(), f.likelihood)
    values = {
        "year": _year_text(target.period_end, view),
        "value": selection.projected(f.linear, view) + _unit(view),
        "likelihood": likelihood,
    }
    return template % values


@lru_cache(maxsize=64)
def _trend_words(language: str | None, likelihood: str) -> tuple[str, str]:
    """Return the trend's sentence as a template and the label of its ``likelihood`` in
    ``language`` (the active one), made once."""
    return str(SENTENCES["trend"]), coded.label(coded.LIKELIHOODS, likelihood)


def summary_text(result: IndicatorResult, year: int, method: str) -> str:
    """Return the sentence beside the chart, built from the same figures as the table."""
    return join([_actual_sentence(result, year, method), _trend_sentence(result)])


def join(sentences: list[str]) -> str:
    """Join sentences: with a space in English, directly after 「。」 in Japanese."""
    return (" " if display.english() else "").join(s for s in sentences if s)
