"""A horizontal bar chart as inline SVG: bars in groups, each group headed, and a reference line.

Drawn on the server like :mod:`shisaku.graphics.charts` (whose ticks, number format and colours
it shares): a picture of the table beside it, with its own ``<title>`` and ``<desc>``.  Bars
start at zero so that their lengths compare honestly; the reference (the national value) is a
dashed vertical line labelled with its value, so nothing depends on colour alone.

Every text is written whole: the margins are sized from the texts themselves (names on the
left, values after the bars, group headings, the unit and the reference's label each on a line
of their own), so no label is cut off at the drawing's edge or drawn over another.  Its
``width`` is what a phone draws it at (:data:`NARROWEST` of its units, so texts stay 12 px;
the page lets it scroll sideways there); wider screens scale it to the page.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from html import escape

from shisaku.graphics.charts import ACTUAL, FONT, GRID, INK, TARGET, number, scale, value_ticks
from shisaku.graphics.svg import NO_CHART, Svg

ROW = 34  # user units per bar
HEAD = 30  # user units per group heading
PLOT = 360  # width of the bars' area
GAP = 8  # between a name and its bar, a bar and its value
LINE = FONT + 9  # a line of text above the bars (the unit, the reference's label)
BOTTOM = 34  # room for the value axis
NARROWEST = 0.82  # the scale a phone draws it at, at least: its 15-unit texts stay over 12 px


@dataclass(frozen=True)
class Bar:
    """One bar: its name, its value and the text written after it (the value with its year)."""

    label: str
    value: float
    text: str


@dataclass(frozen=True)
class BarGroup:
    """Bars compared with one another, under a heading (none when the chart has one group)."""

    heading: str
    bars: tuple[Bar, ...]


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
    groups: tuple[BarGroup, ...]
    reference: Reference | None = None
    unit: str = ""
    decimals: int = 0
    id_prefix: str = "compare-chart"

    @property
    def bars(self) -> list[Bar]:
        """Return every bar, group after group."""
        return [b for g in self.groups for b in g.bars]


def text_width(text: str) -> float:
    """Return a text's width at the chart's font size: a wide (CJK) character is 1 em, others
    at most 0.62 em (a generous bound for the sans-serif fonts browsers pick)."""
    wide = sum(1 for c in text if unicodedata.east_asian_width(c) in "WF")
    return FONT * (wide + 0.62 * (len(text) - wide))


@dataclass(frozen=True)
class Layout:
    """Where things go: the names' margin, the bars' area, the lines above, the rows."""

    left: float
    width: float
    top: float
    rows: tuple[tuple[float, str | Bar], ...]  # the top of each row: a heading or a bar
    height: float


def layout(chart: BarChart) -> Layout:
    """Return the layout that gives every text its whole width and a line of its own."""
    bars = chart.bars
    left = GAP * 2 + max(text_width(b.label) for b in bars)
    right = GAP * 2 + max(text_width(b.text) for b in bars)
    headings = [g.heading for g in chart.groups if g.heading]
    above = [t for t in (chart.unit, chart.reference.label if chart.reference else "") if t]
    width = max([left + PLOT + right, *(GAP * 2 + text_width(t) for t in headings + above)])
    top = LINE * len(above) + GAP * 2
    rows: list[tuple[float, str | Bar]] = []
    y = top
    for group in chart.groups:
        if group.heading:
            rows.append((y, group.heading))
            y += HEAD
        for bar in group.bars:
            rows.append((y, bar))
            y += ROW
    return Layout(round(left), round(width), top, tuple(rows), y + BOTTOM)


@dataclass(frozen=True)
class Axis:
    """The values the chart spans (its ticks) and where they fall across the drawing."""

    ticks: list[float]
    left: float

    def x(self, value: float) -> float:
        """Return the horizontal position of a value."""
        return round(
            scale(value, (self.ticks[0], self.ticks[-1]), (self.left, self.left + PLOT)), 1
        )


def axis_for(chart: BarChart, left: float) -> Axis:
    """Return the value axis, from zero (or the lowest value) to the highest value."""
    values = [b.value for b in chart.bars] + ([chart.reference.value] if chart.reference else [])
    return Axis(value_ticks(min(0.0, *values), max(0.0, *values)), left)


def bar_chart(chart: BarChart) -> Svg:
    """Return the chart as an inline SVG element (empty when there is no bar)."""
    if not chart.bars:
        return NO_CHART
    at = layout(chart)
    axis = axis_for(chart, at.left)
    ids = f"{chart.id_prefix}-title {chart.id_prefix}-desc"
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="chart bar-chart" viewBox="0 0 '
        f'{at.width} {round(at.height)}" width="{round(at.width * NARROWEST)}" role="img" '
        f'aria-labelledby="{ids}">',
        f'<title id="{chart.id_prefix}-title">{escape(chart.title)}</title>',
        f'<desc id="{chart.id_prefix}-desc">{escape(chart.description)}</desc>',
        _axis(chart, at, axis),
        _reference(chart, at, axis),
        *(_row(top, row, at, axis) for top, row in at.rows),
        "</svg>",
    ]
    return Svg("".join(p for p in parts if p))


def _axis(chart: BarChart, at: Layout, axis: Axis) -> str:
    """Return the vertical grid lines with their values below, and the unit on the first line."""
    x = axis.x
    bottom = at.height - BOTTOM
    out = [f'<g class="value-axis" font-size="{FONT}" fill="{INK}" text-anchor="middle">']
    if chart.unit:
        out.append(
            f'<text x="{GAP}" y="{LINE - 6}" text-anchor="start">{escape(chart.unit)}</text>'
        )
    for tick in axis.ticks:
        out.append(
            f'<line x1="{x(tick)}" y1="{at.top - 4}" x2="{x(tick)}" y2="{bottom}" stroke="{GRID}"/>'
            f'<text x="{x(tick)}" y="{bottom + 22}">{escape(number(tick, chart.decimals))}</text>'
        )
    zero = x(0.0)
    out.append(f'<line x1="{zero}" y1="{at.top - 4}" x2="{zero}" y2="{bottom}" stroke="{INK}"/>')
    out.append("</g>")
    return "".join(out)


def _row(top: float, row: str | Bar, at: Layout, axis: Axis) -> str:
    """Return a group's heading, or a bar with its name on the left and its value after it."""
    if isinstance(row, str):
        return (
            f'<text class="group-heading" x="{GAP}" y="{top + HEAD - 9}" font-size="{FONT}" '
            f'font-weight="bold" fill="{INK}" stroke="#ffffff" stroke-width="4" '
            f'paint-order="stroke">{escape(row)}</text>'
        )
    x = axis.x
    start, end = sorted((x(0.0), x(row.value)))
    middle = top + ROW / 2 + 5
    return (
        f'<g class="bar" font-size="{FONT}" fill="{INK}">'
        f'<text x="{at.left - GAP}" y="{middle}" text-anchor="end">{escape(row.label)}</text>'
        f'<rect x="{start}" y="{top + 6}" width="{round(end - start, 1)}" height="{ROW - 12}" '
        f'fill="{ACTUAL}"/>'
        f'<text x="{max(end, x(0.0)) + 6}" y="{middle}" stroke="#ffffff" stroke-width="4" '
        f'paint-order="stroke">{escape(row.text)}</text></g>'
    )


def _reference(chart: BarChart, at: Layout, axis: Axis) -> str:
    """Return the reference value as a dashed line behind the bars' texts, labelled on the
    last line above the bars (moved in from an edge it would cross)."""
    ref = chart.reference
    if ref is None:
        return ""
    line, bottom = axis.x(ref.value), at.height - BOTTOM
    half = text_width(ref.label) / 2
    middle = round(min(max(line, GAP + half), at.width - GAP - half), 1)
    return (
        f'<g class="reference" font-size="{FONT}" fill="{TARGET}">'
        f'<line x1="{line}" y1="{at.top - 6}" x2="{line}" y2="{bottom}" stroke="{TARGET}" '
        f'stroke-width="2.5" stroke-dasharray="8 4"/>'
        f'<text x="{middle}" y="{at.top - GAP - 6}" text-anchor="middle">'
        f"{escape(ref.label)}</text></g>"
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
