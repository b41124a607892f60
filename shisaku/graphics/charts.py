"""Charts as inline SVG, drawn on the server: data in, an SVG string out, every text escaped.

No JavaScript and no library: a chart is a picture of a table that is on the page beside it
(the accessible source), with a ``<title>`` and ``<desc>`` of its own.  Series differ by shape
and dash as well as colour, and every colour holds at least 4.5:1 against white (and white
text on a bar segment at least 4.5:1 against the segment), so nothing depends on colour alone.

The geometry (ticks, scales, positions) is plain functions tested with tables of cases.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from html import escape

from shisaku.domain.eras import era_year
from shisaku.graphics.svg import NO_CHART, Svg

# Colours and strokes of the line chart's series (contrast on white in the comments).
ACTUAL = "#0b4fa8"  # blue, 7.8:1: solid line, filled circles
TARGET = "#8a4600"  # brown, 7.1:1: dash-dot path, open diamonds
BASELINE = "#1a1a1a"  # near black, 17.4:1: filled square
FORECAST = "#5b2c91"  # purple, 9.5:1: dashed line, open circle at the target year
INK = "#4d4d4d"  # axis labels, 8.4:1
GRID = "#c8ccd2"  # decorative
PADDING = 0.05  # share of the value range kept free above and below the points
FONT = 15  # user units; the chart is 480 wide, so labels stay legible when it shrinks
DASHES = {"actual": "", "target": "12 4 2 4", "forecast": "6 5", "baseline": ""}
# Grade colours: on-track grades in blues and green, the others in oranges, reds, purple;
# white letters on each hold 4.5:1 or more.  The missing grade is white with a dark outline.
ON_TRACK_FILLS = ("#0f3d6e", "#0b4fa8", "#3d6fb6", "#00695c")
OFF_TRACK_FILLS = ("#b35c00", "#b3261e", "#7a1f1f", "#6a3d9a", "#4d4d4d")


@dataclass(frozen=True)
class Point:
    """A value in a year."""

    year: int
    value: float


@dataclass(frozen=True)
class Box:
    """The drawing: its size and the margins around the plotting area (user units)."""

    width: int = 480
    height: int = 300
    left: int = 64
    right: int = 16
    top: int = 32
    bottom: int = 56

    @property
    def plot_width(self) -> int:
        """Return the width of the plotting area."""
        return self.width - self.left - self.right

    @property
    def plot_height(self) -> int:
        """Return the height of the plotting area."""
        return self.height - self.top - self.bottom


@dataclass(frozen=True)
class LineChart:
    """What an indicator's chart shows: baseline, target path and targets, actuals, forecast.

    ``targets`` holds every numeric target (per-year ones and the final one); the target path
    runs straight from ``baseline`` to ``final_target``; ``forecast`` is the linear trend from
    its first point to its second (the target year), drawn dashed.
    """

    title: str
    description: str
    baseline: Point | None = None
    final_target: Point | None = None
    targets: tuple[Point, ...] = ()
    actuals: tuple[Point, ...] = ()
    forecast: tuple[Point, Point] | None = None
    decimals: int = 0
    unit: str = ""
    id_prefix: str = "chart"
    box: Box = field(default_factory=Box)

    def points(self) -> list[Point]:
        """Return every point drawn (to fit the axes around them)."""
        found = [*self.targets, *self.actuals, *(self.forecast or ())]
        return found + [p for p in (self.baseline, self.final_target) if p is not None]


# --- geometry ---------------------------------------------------------------------------------


def nice_step(span: float, count: int = 5) -> float:
    """Return a round step (1, 2, 2.5 or 5 × 10ⁿ) giving about ``count`` intervals over ``span``."""
    if span <= 0 or not math.isfinite(span):
        return 1.0
    raw = span / max(count, 1)
    power = 10.0 ** math.floor(math.log10(raw))
    return next(m * power for m in (1, 2, 2.5, 5, 10) if m * power >= raw * (1 - 1e-9))


def value_ticks(low: float, high: float, count: int = 5) -> list[float]:
    """Return round tick values from at or below ``low`` to at or above ``high``."""
    if high < low:
        low, high = high, low
    if high == low:
        pad = abs(low) * 0.1 or 1.0
        low, high = low - pad, high + pad
    step = nice_step(high - low, count)
    first = math.floor(low / step + 1e-9) * step
    last = math.ceil(high / step - 1e-9) * step
    steps = round((last - first) / step)
    return [_clean(first + i * step) for i in range(steps + 1)]


def _clean(value: float) -> float:
    """Return a tick value without float noise (0.30000000000000004 → 0.3)."""
    return float(f"{value:.10g}")


def year_ticks(first: int, last: int, most: int = 8) -> list[int]:
    """Return the years to label on the x axis: every year, or every n-th when there are many."""
    if last < first:
        first, last = last, first
    step = max(1, math.ceil((last - first + 1) / most))
    return list(range(first, last + 1, step))


def scale(value: float, domain: tuple[float, float], target: tuple[float, float]) -> float:
    """Map ``value`` linearly from ``domain`` onto ``target`` (an empty domain: the middle)."""
    (d0, d1), (r0, r1) = domain, target
    if d1 == d0:
        return (r0 + r1) / 2
    return r0 + (value - d0) * (r1 - r0) / (d1 - d0)


@dataclass(frozen=True)
class Axes:
    """The years and values a chart spans, and where they fall in its box."""

    years: tuple[int, int]
    ticks: list[float]
    box: Box

    def x(self, year: float) -> float:
        """Return the horizontal position of a year (half a year of margin at each end)."""
        first, last = self.years
        span = (first - 0.5, last + 0.5)
        return round(scale(year, span, (self.box.left, self.box.width - self.box.right)), 1)

    def y(self, value: float) -> float:
        """Return the vertical position of a value (higher values further up)."""
        bottom = self.box.height - self.box.bottom
        return round(scale(value, (self.ticks[0], self.ticks[-1]), (bottom, self.box.top)), 1)


def axes_for(chart: LineChart) -> Axes | None:
    """Return the axes fitting every point of ``chart``, or None when there is nothing to draw."""
    points = chart.points()
    if not points:
        return None
    years = [p.year for p in points]
    low, high = min(values := [p.value for p in points]), max(values)
    pad = (high - low) * PADDING  # keep markers off the frame
    return Axes((min(years), max(years)), value_ticks(low - pad, high + pad), chart.box)


# --- the line chart ---------------------------------------------------------------------------


def line_chart(chart: LineChart) -> Svg:
    """Return the chart as an inline SVG element (empty when there is no point to draw)."""
    drawn = drawing(chart)
    return NO_CHART if drawn is None else worded(chart, drawn)


@dataclass(frozen=True)
class Drawing:
    """A line chart's SVG but its words (title, description, unit), which are all that differ
    between the languages a chart is shown in: drawn once, worded in each (:func:`worded`)."""

    opening: str  # the svg element's start tag
    body: str  # from the value ticks to the end


def drawing(chart: LineChart) -> Drawing | None:
    """Return the SVG of ``chart`` but its words (its box, identifiers, points and decimals
    drawn), or None when there is no point to draw."""
    axes = axes_for(chart)
    if axes is None:
        return None
    ids = f"{chart.id_prefix}-title {chart.id_prefix}-desc"
    box = chart.box
    opening = (
        f'<svg xmlns="http://www.w3.org/2000/svg" class="chart" viewBox="0 0 {box.width} '
        f'{box.height}" role="img" aria-labelledby="{ids}">'
    )
    parts = [
        _value_ticks(axes, chart.decimals),
        _year_axis(axes),
        _target_path(chart, axes),
        _forecast(chart, axes),
        _actuals(chart, axes),
        _baseline(chart, axes),
        "</svg>",
    ]
    return Drawing(opening, "".join(p for p in parts if p))


def worded(chart: LineChart, drawn: Drawing) -> Svg:
    """Return the chart as an inline SVG element: ``drawn`` (its :func:`drawing`, or that of a
    chart differing only in words) with the title, description and unit of ``chart``."""
    return wording(drawn, chart.id_prefix, chart.title, chart.description, chart.unit)


def wording(drawn: Drawing, id_prefix: str, title: str, description: str, unit: str) -> Svg:
    """Return ``drawn`` as an inline SVG element with its words (:func:`worded`, given without a
    chart to hold them: a page words its indicator's drawing in each language)."""
    unit_text = (
        f'<text x="4" y="{FONT + 2}" text-anchor="start">{escape(unit)}</text>' if unit else ""
    )
    return Svg(
        f"{drawn.opening}"
        f'<title id="{id_prefix}-title">{escape(title)}</title>'
        f'<desc id="{id_prefix}-desc">{escape(description)}</desc>'
        f"{VALUE_AXIS}{unit_text}{drawn.body}"
    )


def number(value: float, decimals: int) -> str:
    """Return a value as the chart labels it: thousands separators, the indicator's decimals."""
    return f"{value:,.{decimals}f}"


def tick_decimals(ticks: Sequence[float], decimals: int) -> int:
    """Return the decimals needed to tell the ticks apart (at least the indicator's own)."""
    step = ticks[1] - ticks[0] if len(ticks) > 1 else 1.0
    needed = max(0, -math.floor(math.log10(step) + 1e-9)) if step > 0 else 0
    rest = step * 10**needed % 1 if step > 0 else 0.0
    if min(rest, 1 - rest) > 1e-6:
        needed += 1  # 2.5 × 10ⁿ steps need one more digit
    return max(decimals, needed)


VALUE_AXIS = f'<g class="value-axis" font-size="{FONT}" fill="{INK}" text-anchor="end">'


def _value_ticks(axes: Axes, decimals: int) -> str:
    """Return the horizontal grid lines with their value labels, closing the value axis (its
    group opened, and the unit written above them, by :func:`worded`)."""
    places = tick_decimals(axes.ticks, decimals)
    left, right = axes.box.left, axes.box.width - axes.box.right
    out = []
    for tick in axes.ticks:
        y = axes.y(tick)
        out.append(
            f'<line x1="{left}" y1="{y}" x2="{right}" y2="{y}" stroke="{GRID}" stroke-width="1"/>'
            f'<text x="{left - 6}" y="{y + 5}">{escape(number(tick, places))}</text>'
        )
    out.append("</g>")
    return "".join(out)


def era_short(year: int) -> str:
    """Return a year's era in short form for an axis: R1, H30 (the table gives it in full)."""
    era = era_year(year)
    return f"{era.era.name_en[0]}{era.year}"


def _year_axis(axes: Axes) -> str:
    """Return the x axis: a baseline rule and each labelled year, 西暦 over its 和暦."""
    return _year_axis_of(axes.years, axes.box)


@lru_cache(maxsize=256)
def _year_axis_of(years: tuple[int, int], box: Box) -> str:
    """Return the x axis of charts spanning ``years`` in ``box`` (made once: many charts span
    the same years)."""
    axes = Axes(years, [], box)  # where the years fall: no value tick is read
    bottom = box.height - box.bottom
    left, right = box.left, box.width - box.right
    out = [
        f'<g class="year-axis" font-size="{FONT}" fill="{INK}" text-anchor="middle">'
        f'<line x1="{left}" y1="{bottom}" x2="{right}" y2="{bottom}" stroke="{INK}"/>'
    ]
    for year in year_ticks(*years):
        x = axes.x(year)
        out.append(
            f'<line x1="{x}" y1="{bottom}" x2="{x}" y2="{bottom + 5}" stroke="{INK}"/>'
            f'<text x="{x}" y="{bottom + 21}">{year}</text>'
            f'<text x="{x}" y="{bottom + 40}">{escape(era_short(year))}</text>'
        )
    out.append("</g>")
    return "".join(out)


def _polyline(points: Sequence[Point], axes: Axes, colour: str, width: float, dash: str) -> str:
    """Return a line through ``points`` (nothing for fewer than two)."""
    return _line_through([(axes.x(p.year), axes.y(p.value)) for p in points], colour, width, dash)


def _line_through(at: Sequence[tuple[float, float]], colour: str, width: float, dash: str) -> str:
    """Return a line through the positions ``at`` (nothing for fewer than two)."""
    if len(at) < 2:
        return ""
    coords = " ".join(f"{x},{y}" for x, y in at)
    dashed = f' stroke-dasharray="{dash}"' if dash else ""
    return (
        f'<polyline points="{coords}" fill="none" stroke="{colour}" stroke-width="{width}"'
        f'{dashed} stroke-linejoin="round"/>'
    )


def marker(shape: str, x: float, y: float, colour: str, *, filled: bool, size: float = 5) -> str:
    """Return a marker: circle, square or diamond, filled or open (white inside)."""
    fill = colour if filled else "#ffffff"
    style = f'fill="{fill}" stroke="{colour}" stroke-width="2"'
    if shape == "circle":
        return f'<circle cx="{x}" cy="{y}" r="{size}" {style}/>'
    if shape == "square":
        return (
            f'<rect x="{x - size}" y="{y - size}" width="{2 * size}" height="{2 * size}" {style}/>'
        )
    s = size + 1
    return f'<path d="M{x} {y - s}L{x + s} {y}L{x} {y + s}L{x - s} {y}Z" {style}/>'


def _target_path(chart: LineChart, axes: Axes) -> str:
    """Return the straight path from the baseline to the final target, and every target."""
    path = [p for p in (chart.baseline, chart.final_target) if p is not None]
    line = _polyline(path, axes, TARGET, 2, DASHES["target"]) if chart.baseline else ""
    marks = "".join(
        marker("diamond", axes.x(p.year), axes.y(p.value), TARGET, filled=False)
        for p in chart.targets
    )
    return f'<g class="target-path">{line}{marks}</g>' if line or marks else ""


def _forecast(chart: LineChart, axes: Axes) -> str:
    """Return the linear trend as a dashed line ending in an open circle at the target year."""
    if chart.forecast is None:
        return ""
    end = chart.forecast[1]
    line = _polyline(chart.forecast, axes, FORECAST, 2, DASHES["forecast"])
    dot = marker("circle", axes.x(end.year), axes.y(end.value), FORECAST, filled=False, size=4)
    return f'<g class="forecast">{line}{dot}</g>'


def _actuals(chart: LineChart, axes: Axes) -> str:
    """Return the actuals as a solid line with a filled circle at each."""
    if not chart.actuals:
        return ""
    at = [(axes.x(p.year), axes.y(p.value)) for p in chart.actuals]
    line = _line_through(at, ACTUAL, 3, DASHES["actual"])
    dots = "".join([marker("circle", x, y, ACTUAL, filled=True, size=4.5) for x, y in at])
    return f'<g class="actuals">{line}{dots}</g>'


def _baseline(chart: LineChart, axes: Axes) -> str:
    """Return the baseline as a filled square."""
    p = chart.baseline
    if p is None:
        return ""
    square = marker("square", axes.x(p.year), axes.y(p.value), BASELINE, filled=True, size=4.5)
    return f'<g class="baseline">{square}</g>'


LEGEND_SAMPLES: dict[str, tuple[str, str, str, bool]] = {
    # series: colour, dash, marker shape, filled
    "baseline": (BASELINE, "", "square", True),
    "target": (TARGET, DASHES["target"], "diamond", False),
    "actual": (ACTUAL, DASHES["actual"], "circle", True),
    "forecast": (FORECAST, DASHES["forecast"], "circle", False),
}


def legend_sample(series: str) -> Svg:
    """Return a small SVG showing how a series is drawn, for the legend beside its name."""
    colour, dash, shape, filled = LEGEND_SAMPLES[series]
    dashed = f' stroke-dasharray="{dash}"' if dash else ""
    line = (
        ""
        if series == "baseline"
        else f'<line x1="2" y1="8" x2="38" y2="8" stroke="{colour}" stroke-width="2.5"{dashed}/>'
    )
    mark = marker(shape, 20, 8, colour, filled=filled, size=4)
    return Svg(
        '<svg xmlns="http://www.w3.org/2000/svg" class="legend-sample" viewBox="0 0 40 16" '
        f'width="40" height="16" aria-hidden="true" focusable="false">{line}{mark}</svg>'
    )


# --- the stacked bar of grade counts ----------------------------------------------------------


@dataclass(frozen=True)
class Segment:
    """How many indicators got one grade, and how that part of the bar is drawn."""

    grade: str
    count: int
    fill: str
    ink: str
    outline: bool = False


def grade_colours(
    grades: Sequence[str], on_track: frozenset[str] | set[str], missing: str
) -> dict[str, tuple[str, str, bool]]:
    """Return each grade's (fill, letter colour, outlined): blues on track, oranges off, white X."""
    out: dict[str, tuple[str, str, bool]] = {}
    good = bad = 0
    for grade in grades:
        if grade == missing:
            out[grade] = ("#ffffff", BASELINE, True)
        elif grade in on_track:
            out[grade] = (ON_TRACK_FILLS[good % len(ON_TRACK_FILLS)], "#ffffff", False)
            good += 1
        else:
            out[grade] = (OFF_TRACK_FILLS[bad % len(OFF_TRACK_FILLS)], "#ffffff", False)
            bad += 1
    return out


def bar_widths(counts: Sequence[int], width: float) -> list[float]:
    """Return each count's share of ``width`` (all zero when every count is zero)."""
    total = sum(counts)
    return [round(width * c / total, 2) if total else 0.0 for c in counts]


def stacked_bar(segments: Sequence[Segment], label: str, *, width: int = 160) -> Svg:
    """Return a bar split by grade, labelled for screen readers with the counts in words."""
    height = 28
    x = 0.0
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="grade-bar" viewBox="0 0 {width} '
        f'{height}" role="img" aria-label="{escape(label)}">',
        f'<rect x="0.5" y="0.5" width="{width - 1}" height="{height - 1}" fill="#ffffff" '
        f'stroke="{GRID}"/>',
    ]
    for seg, w in zip(segments, bar_widths([s.count for s in segments], width), strict=True):
        if w <= 0:
            continue
        stroke = f' stroke="{BASELINE}" stroke-dasharray="3 2"' if seg.outline else ""
        parts.append(
            f'<rect x="{round(x, 2)}" y="0" width="{w}" height="{height}" fill="{seg.fill}"'
            f"{stroke}/>"
        )
        if w >= 14:
            parts.append(
                f'<text x="{round(x + w / 2, 2)}" y="19" font-size="14" text-anchor="middle" '
                f'fill="{seg.ink}" font-weight="bold">{escape(seg.grade)}</text>'
            )
        x += w
    parts.append("</svg>")
    return Svg("".join(parts))
