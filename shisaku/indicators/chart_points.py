"""An indicator's line chart as data: which figures it draws and where, for every interface.

The public site and the reports draw the same chart (:mod:`shisaku.graphics.charts`) of the
same figures; they differ only in its title, words and unit, so the points are picked here
once: the whole-area figures holding a number, one per year (the last of a year wins), the
baseline and final target the grade is computed from, and the fitted trend to the target year.
"""

from __future__ import annotations

from shisaku.graphics import charts
from shisaku.indicators.assessing import IndicatorResult
from shisaku.indicators.queries import FigureView, IndicatorView

Trend = tuple[charts.Point, charts.Point]


def point(f: FigureView | None) -> charts.Point | None:
    """Return one figure as a point in its last year, or None when it holds no number."""
    n = f.number() if f is not None else None
    return charts.Point(f.period_end, float(n)) if f is not None and n is not None else None


def points(view: IndicatorView, kind: str) -> tuple[charts.Point, ...]:
    """Return the whole-area figures of a kind holding a number, one per year, oldest first."""
    by_year = {f.period_end: p for f in view.whole(kind) if (p := point(f)) is not None}
    return tuple(by_year[y] for y in sorted(by_year))


def trend(result: IndicatorResult, actuals: tuple[charts.Point, ...]) -> Trend | None:
    """Return the fitted linear trend from the first actual's year to the target year."""
    f, target = result.forecast, result.indicator.final_target()
    if f is None or f.status != "ok" or f.linear is None or f.slope is None:
        return None
    if target is None or not actuals:
        return None
    first, end = actuals[0].year, target.period_end
    return charts.Point(first, f.linear - f.slope * (end - first)), charts.Point(end, f.linear)


def line_chart(result: IndicatorResult, title: str, decimals: int, unit: str) -> charts.LineChart:
    """Return the chart of an indicator's figures, to be described by the interface."""
    view = result.indicator
    actuals = points(view, "actual")
    return charts.LineChart(
        title=title,
        description="",
        baseline=point(view.first_baseline()),
        final_target=point(view.final_target()),
        targets=points(view, "target"),
        actuals=actuals,
        forecast=trend(result, actuals),
        decimals=decimals,
        unit=unit,
    )


def series_drawn(chart: charts.LineChart) -> list[str]:
    """Return the series a chart draws (baseline, target, actual, forecast), for its legend."""
    drawn = {
        "baseline": chart.baseline is not None,
        "target": bool(chart.targets),
        "actual": bool(chart.actuals),
        "forecast": chart.forecast is not None,
    }
    return [series for series, shown in drawn.items() if shown]
