"""A horizontal bar chart as inline SVG: one bar per municipality and a reference line.

Drawn on the server like :mod:`shisaku.graphics.charts` (whose ticks, number format and colours
it shares): a picture of the table beside it, with its own ``<title>`` and ``<desc>``.  Bars
start at zero so that their lengths compare honestly; the reference (the national value) is a
dashed vertical line labelled with its value, so nothing depends on colour alone.
"""

from __future__ import annotations

from dataclasses import dataclass
from html import escape

from shisaku.graphics.charts import ACTUAL, FONT, GRID, INK, TARGET, number, scale, value_ticks
from shisaku.graphics.svg import NO_CHART, Svg

ROW = 34  # user units per bar
LEFT = 190  # room for the names
RIGHT = 150  # room for the value written after the longest bar
TOP = 44  # room for the unit and the reference's label
BOTTOM = 34  # room for the value axis
WIDTH = 720


@dataclass(frozen=True)
class Bar:
    """One bar: its name, its value and the text written after it (the value with its year)."""

    label: str
    value: float
    text: str


@dataclass(frozen=True)
class Reference:
    """A value drawn across every bar as a dashed line (the national value), with its label."""

    label: str
    value: float


@dataclass(frozen=True)
class BarChart:
    """What the chart shows."""

    title: str
    description: str
    bars: tuple[Bar, ...]
    reference: Reference | None = None
    unit: str = ""
    decimals: int = 0
    id_prefix: str = "compare-chart"


def height(chart: BarChart) -> int:
    """Return the drawing's height: a row per bar between the margins."""
    return TOP + ROW * len(chart.bars) + BOTTOM


@dataclass(frozen=True)
class Axis:
    """The values the chart spans (its ticks) and where they fall across the drawing."""

    ticks: list[float]

    def x(self, value: float) -> float:
        """Return the horizontal position of a value."""
        return round(scale(value, (self.ticks[0], self.ticks[-1]), (LEFT, WIDTH - RIGHT)), 1)


def axis_for(chart: BarChart) -> Axis:
    """Return the value axis, from zero (or the lowest value) to the highest value."""
    values = [b.value for b in chart.bars] + ([chart.reference.value] if chart.reference else [])
    return Axis(value_ticks(min(0.0, *values), max(0.0, *values)))


def bar_chart(chart: BarChart) -> Svg:
    """Return the chart as an inline SVG element (empty when there is no bar)."""
    if not chart.bars:
        return NO_CHART
    axis = axis_for(chart)
    ids = f"{chart.id_prefix}-title {chart.id_prefix}-desc"
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="chart bar-chart" viewBox="0 0 {WIDTH} '
        f'{height(chart)}" role="img" aria-labelledby="{ids}">',
        f'<title id="{chart.id_prefix}-title">{escape(chart.title)}</title>',
        f'<desc id="{chart.id_prefix}-desc">{escape(chart.description)}</desc>',
        _axis(chart, axis),
        _reference(chart, axis),
        *(_bar(i, b, axis) for i, b in enumerate(chart.bars)),
        "</svg>",
    ]
    return Svg("".join(p for p in parts if p))


def _axis(chart: BarChart, axis: Axis) -> str:
    """Return the vertical grid lines with their values below, and the unit above them."""
    x = axis.x
    bottom = height(chart) - BOTTOM
    out = [f'<g class="value-axis" font-size="{FONT}" fill="{INK}" text-anchor="middle">']
    if chart.unit:
        out.append(
            f'<text x="{LEFT}" y="{FONT + 2}" text-anchor="start">{escape(chart.unit)}</text>'
        )
    for tick in axis.ticks:
        at = x(tick)
        out.append(
            f'<line x1="{at}" y1="{TOP - 8}" x2="{at}" y2="{bottom}" stroke="{GRID}"/>'
            f'<text x="{at}" y="{bottom + 22}">{escape(number(tick, chart.decimals))}</text>'
        )
    out.append(f'<line x1="{x(0.0)}" y1="{TOP - 8}" x2="{x(0.0)}" y2="{bottom}" stroke="{INK}"/>')
    out.append("</g>")
    return "".join(out)


def _bar(index: int, bar: Bar, axis: Axis) -> str:
    """Return one bar with its name on the left and its value after its end."""
    x = axis.x
    top = TOP + index * ROW
    start, end = sorted((x(0.0), x(bar.value)))
    middle = top + ROW / 2 + 5
    return (
        f'<g class="bar" font-size="{FONT}" fill="{INK}">'
        f'<text x="{LEFT - 8}" y="{middle}" text-anchor="end">{escape(bar.label)}</text>'
        f'<rect x="{start}" y="{top + 6}" width="{round(end - start, 1)}" height="{ROW - 12}" '
        f'fill="{ACTUAL}"/>'
        f'<text x="{max(end, x(0.0)) + 6}" y="{middle}" stroke="#ffffff" stroke-width="4" '
        f'paint-order="stroke">{escape(bar.text)}</text></g>'
    )


def _reference(chart: BarChart, axis: Axis) -> str:
    """Return the reference value as a dashed line behind the bars' texts, labelled above."""
    ref = chart.reference
    if ref is None:
        return ""
    at, bottom = axis.x(ref.value), height(chart) - BOTTOM
    return (
        f'<g class="reference" font-size="{FONT}" fill="{TARGET}">'
        f'<line x1="{at}" y1="{TOP - 12}" x2="{at}" y2="{bottom}" stroke="{TARGET}" '
        f'stroke-width="2.5" stroke-dasharray="8 4"/>'
        f'<text x="{at}" y="{TOP - 16}" text-anchor="middle">{escape(ref.label)}</text></g>'
    )


def legend_sample(kind: str) -> Svg:
    """Return a small SVG of how a bar or the reference line is drawn, for the legend."""
    shape = (
        f'<rect x="2" y="3" width="36" height="10" fill="{ACTUAL}"/>'
        if kind == "bar"
        else f'<line x1="20" y1="0" x2="20" y2="16" stroke="{TARGET}" stroke-width="2.5" '
        'stroke-dasharray="5 3"/>'
    )
    return Svg(
        '<svg xmlns="http://www.w3.org/2000/svg" class="legend-sample" viewBox="0 0 40 16" '
        f'width="40" height="16" aria-hidden="true" focusable="false">{shape}</svg>'
    )
