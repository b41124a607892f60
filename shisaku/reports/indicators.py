"""A measure's indicator rows for a report: figures, grade, formula and chart.

The grade comes from the sheet's :class:`~shisaku.evaluation.grades.GradeView` (frozen at
approval, or live); the figures and the chart come from today's figures of the same
indicator (an approved year is locked, so they agree with what was frozen). Charts are drawn
by :mod:`shisaku.graphics.charts`, the public site's chart module.
"""

from __future__ import annotations

from dataclasses import replace

from shisaku.domain.assessment import Explanation
from shisaku.domain.assessment_scales import infer_decimals
from shisaku.domain.period_labels import period_label
from shisaku.domain.plantree import Node, walk
from shisaku.evaluation.grades import GradeSummary, GradeView
from shisaku.graphics import charts
from shisaku.indicators import chart_points
from shisaku.indicators.assessing import IndicatorResult, PlanAssessment
from shisaku.indicators.queries import FigureView, IndicatorView
from shisaku.reports.model import FigureCell, IndicatorRow

FONT = "Noto Sans CJK JP"  # Debian's fonts-noto-cjk; WeasyPrint embeds the glyphs used


def cell(f: FigureView | None, text: str | None = None) -> FigureCell | None:
    """Return a figure as a report cell (``text`` overrides the text as written)."""
    if f is None:
        return None
    return FigureCell(
        period_label(f.period), f.period_end, f.number(), f.raw if text is None else text
    )


def actuals_by_year(view: IndicatorView) -> dict[int, FigureView]:
    """Return the whole-area actuals by year (the last of a year wins)."""
    return {f.period_end: f for f in view.whole("actual")}


def _actual(view: IndicatorView | None, grade: GradeView, year: int) -> FigureCell | None:
    """Return the actual of the year: the text graded (frozen or live) with today's number."""
    figure = actuals_by_year(view).get(year) if view else None
    if figure is None:
        return (
            FigureCell(period_label(f"FY{year}"), year, None, grade.actual)
            if grade.actual
            else None
        )
    return cell(figure, grade.actual or figure.raw)


def indicator_row(
    grade: GradeView, result: IndicatorResult | None, year: int, prefix: str
) -> IndicatorRow:
    """Return one indicator's row: figures, grade, formula text and chart."""
    view = result.indicator if result else None
    yearly = actuals_by_year(view) if view else {}
    values = [float(f.value) for f in (view.figures if view else ()) if f.value is not None]
    decimals = infer_decimals(values)
    return IndicatorRow(
        code=grade.code,
        name=grade.name_ja,
        unit=grade.unit,
        baseline=cell(view.first_baseline()) if view else None,
        target=cell(view.final_target()) if view else None,
        actual=_actual(view, grade, year),
        actuals=tuple(c for y in sorted(yearly) if (c := cell(yearly[y])) is not None),
        grade=grade.grade,
        grade_label=grade.label,
        status=grade.status,
        ratio=grade.ratio,
        formula=Explanation(grade.inputs, grade.formula, grade.result).text(),
        decimals=decimals,
        chart_svg=chart_svg(result, decimals, prefix) if result else "",
    )


# --- live grades (a measure without a sheet) ---------------------------------------------------


def _grade_view(result: IndicatorResult, year: int) -> GradeView:
    """Return one indicator's live grade in the layout a sheet freezes."""
    view, a = result.indicator, result.assessment
    actual = actuals_by_year(view).get(year)
    return GradeView(
        code=view.code,
        name_ja=view.name_ja,
        name_en=view.name_en,
        unit=view.unit,
        unit_en=view.unit_en,
        node_code=view.node_code,
        grade=a.grade,
        label=a.label,
        status=a.status,
        ratio=a.ratio,
        score=a.score,
        actual=actual.raw if actual else "",
        inputs=dict(a.explanation.inputs),
        formula=a.explanation.formula,
        result=a.explanation.result,
    )


def live_grades(assessed: PlanAssessment, measure: Node) -> GradeSummary:
    """Return a measure's grades from the plan's assessment (no sheet: nothing was frozen).

    The same layout as :func:`shisaku.evaluation.grades.measure_grades`, taken from one
    assessment of the whole plan instead of one assessment per measure.
    """
    codes = {n.code for n in walk([measure])}
    rollup = assessed.by_node.get(measure.code)
    return GradeSummary(
        year=assessed.year,
        frozen=False,
        frozen_at="",
        method=assessed.config.method,
        indicators=tuple(
            _grade_view(r, assessed.year)
            for r in assessed.results
            if r.indicator.node_code in codes
        ),
        counts=dict(rollup.counts) if rollup else {},
        assessed=rollup.assessed if rollup else 0,
        missing=rollup.missing if rollup else 0,
        on_track_share=rollup.on_track_share if rollup else None,
        rule=rollup.rule if rollup else "",
    )


# --- the chart --------------------------------------------------------------------------------


def _describe(chart: charts.LineChart) -> str:
    """Return what the chart draws, in words."""
    series = [
        ("基準値", [chart.baseline] if chart.baseline else []),
        ("目標値", list(chart.targets)),
        ("実績", list(chart.actuals)),
        ("趨勢", [chart.forecast[1]] if chart.forecast else []),
    ]
    return "、".join(
        f"{name}: "
        + "・".join(f"{p.year}年度 {charts.number(p.value, chart.decimals)}" for p in points)
        for name, points in series
        if points
    )


def chart_svg(result: IndicatorResult, decimals: int, prefix: str) -> str:
    """Return the indicator's line chart as inline SVG ("" when it has no number to draw)."""
    view = result.indicator
    chart = chart_points.line_chart(result, f"{view.name_ja}の推移", decimals, view.unit)
    if not chart.points():
        return ""
    svg = charts.line_chart(replace(chart, description=_describe(chart), id_prefix=prefix))
    # WeasyPrint's SVG text does not inherit the page's CSS: name the font on the chart itself
    return svg.replace("<svg ", f'<svg font-family="{FONT}, sans-serif" ', 1)


def legend() -> list[tuple[str, str]]:
    """Return the chart legend: a sample of each series' line and its name."""
    names = {
        "baseline": "基準値",
        "target": "目標値（基準値から最終目標への直線）",
        "actual": "実績",
        "forecast": "目標年度までの趨勢（直線回帰）",
    }
    return [(charts.legend_sample(k), name) for k, name in names.items()]
