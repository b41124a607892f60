"""The chart on the workspace's indicator page: the public site's and the reports' chart.

The points are picked by ``indicators.chart_points`` and drawn by ``graphics.charts``, the same
two functions the public site and the reports use (the workspace may not import the site), so
a clerk sees the chart the public will see; only the words are the workspace's. The chart
comes after the table of figures, which says everything it draws.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from django.utils.translation import gettext as _

from shisaku.domain.assessment import config_from_setting
from shisaku.graphics import charts
from shisaku.graphics.svg import Svg
from shisaku.indicators import chart_points
from shisaku.indicators.assessing import default_year, grade_indicator
from shisaku.indicators.queries import IndicatorView
from shisaku.plan.queries import PlanInfo
from shisaku.staff import display


@dataclass(frozen=True)
class StaffChart:
    """The SVG and its legend: (sample of the line, name of the series)."""

    svg: Svg
    legend: list[tuple[Svg, str]]


def _names() -> dict[str, str]:
    """Return the series' names in the page's language."""
    return {
        "baseline": _("Baseline"),
        "target": _("Targets and the straight path from the baseline to the final target"),
        "actual": _("Actuals"),
        "forecast": _("Linear trend to the target year (forecast)"),
    }


def _describe(chart: charts.LineChart) -> str:
    """Return what the chart draws, in words (the SVG's description for screen readers)."""
    series = [
        (_("Baseline"), [chart.baseline] if chart.baseline else []),
        (_("Targets"), list(chart.targets)),
        (_("Actuals"), list(chart.actuals)),
    ]

    def at(p: charts.Point) -> str:
        return f"{display.year_label(p.year)} {charts.number(p.value, chart.decimals)}"

    return "; ".join(f"{name}: {', '.join(at(p) for p in ps)}" for name, ps in series if ps)


def indicator_chart(plan: PlanInfo, view: IndicatorView) -> StaffChart | None:
    """Return the indicator's chart and legend, or None when no figure holds a number."""
    config, _preset = config_from_setting(plan.meta.assessment)
    result = grade_indicator(view, default_year([view], plan), config)
    title = _("Chart of %(name)s") % {"name": display.shown(view.name_ja, view.name_en)}
    unit = view.unit or next((f.unit for f in view.figures if f.unit), "")
    chart = chart_points.line_chart(result, title, view.decimals, unit)
    if not chart.points():
        return None
    names = _names()
    legend = [(charts.legend_sample(k), names[k]) for k in chart_points.series_drawn(chart)]
    svg = charts.line_chart(replace(chart, description=_describe(chart), id_prefix="staff-chart"))
    return StaffChart(svg, legend)
