"""Forecast an indicator's value in its target year from its actuals so far.

Two projections, each explained in Japanese that :mod:`shisaku.domain.explain` says in
English too:

- linear (最小二乗法による直線回帰): ordinary least squares over (year, value), read at the
  target year;
- compound (年平均成長率): the compound annual growth rate from the first to the last
  actual, carried forward from the last actual to the target year; only for positive values.

The likelihood of meeting the target uses the linear projection, the one municipal reports
use (札幌市's 達成見込み), and the compound figure is shown beside it. At least three
actuals are required: two points always fit a line exactly and say nothing about a trend.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Literal

from shisaku.domain.assessment_scales import (
    Direction,
    Explanation,
    fmt_number,
    fmt_percent,
    infer_decimals,
    lower_is_better,
    meets,
)
from shisaku.domain.explain import Text

MIN_POINTS = 3
Likelihood = Literal["already_met", "likely", "unlikely", "insufficient_data"]


@dataclass(frozen=True, slots=True)
class Forecast:
    """Projected values in the target year, the likelihood of meeting the target, and why.

    ``slope`` is the fitted change per year; ``growth_rate`` the compound annual growth rate.
    """

    status: Literal["ok", "insufficient_data"]
    linear: float | None
    compound: float | None
    likelihood: Likelihood
    explanation: Explanation
    slope: float | None = None
    growth_rate: float | None = None


def forecast(
    actuals: Mapping[int, float], target_year: int, target_value: float, direction: Direction
) -> Forecast:
    """Project ``actuals`` to ``target_year`` (linear and compound) and judge the target."""
    points = sorted((y, float(v)) for y, v in actuals.items() if v is not None and math.isfinite(v))
    decimals = infer_decimals([v for _, v in points] + [target_value])
    listed = [Text("year_value", year=str(y), value=fmt_number(v, decimals)) for y, v in points]
    target = fmt_number(target_value, decimals)
    inputs: dict[str, str] = {
        Text("in.actuals"): Text.joined("list", listed) if listed else Text("none"),
        Text("in.target"): Text("at_year", value=target, year=str(target_year)),
    }
    if direction == "qualitative":
        return _insufficient(inputs, Text("forecast.qualitative"))
    if len(points) < MIN_POINTS:
        why = Text("forecast.too_few", needed=str(MIN_POINTS), given=str(len(points)))
        return _insufficient(inputs, why)
    lower = lower_is_better(direction, target_value)
    slope, linear, linear_text = _linear(points, target_year, decimals)
    rate, compound, compound_text = _compound(points, target_year, decimals)
    likelihood = _likelihood(points[-1][1], linear, target_value, lower)
    key = "forecast.result.lower" if lower else "forecast.result"
    result = Text(key, likelihood=Text(likelihood), target=target)
    formulas = Text("forecast.formulas", linear=linear_text, compound=compound_text)
    explanation = Explanation(inputs, formulas, result)
    return Forecast("ok", linear, compound, likelihood, explanation, slope, rate)


def _insufficient(inputs: dict[str, str], why: Text) -> Forecast:
    """Return a forecast that could not be made, saying why."""
    explanation = Explanation(inputs, why, Text("insufficient_data"))
    return Forecast("insufficient_data", None, None, "insufficient_data", explanation)


def _linear(
    points: list[tuple[int, float]], target_year: int, decimals: int
) -> tuple[float, float, Text]:
    """Fit a least-squares line; return (slope per year, value at target year, formula)."""
    n = len(points)
    mean_x = sum(x for x, _ in points) / n
    mean_y = sum(y for _, y in points) / n
    sxx = sum((x - mean_x) ** 2 for x, _ in points)
    sxy = sum((x - mean_x) * (y - mean_y) for x, y in points)
    slope = sxy / sxx
    value = mean_y + slope * (target_year - mean_x)
    text = Text(
        "forecast.linear",
        first=str(points[0][0]),
        last=str(points[-1][0]),
        n=str(n),
        slope=f"{slope:+,.{decimals + 2}f}",
        year=str(target_year),
        value=fmt_number(value, decimals),
    )
    return slope, value, text


def _compound(
    points: list[tuple[int, float]], target_year: int, decimals: int
) -> tuple[float | None, float | None, Text]:
    """Carry the compound annual growth rate forward (only for positive first and last values)."""
    (first_year, first), (last_year, last) = points[0], points[-1]
    if first <= 0 or last <= 0:
        return None, None, Text("forecast.not_positive")
    years = last_year - first_year
    rate = (last / first) ** (1 / years) - 1
    ahead = target_year - last_year
    value = last * (1 + rate) ** ahead
    step = f"{'+' if rate >= 0 else '−'} {fmt_percent(abs(rate))}"
    text = Text(
        "forecast.compound",
        **{"first": str(first_year), "last": str(last_year), "years": str(years)},
        **{"x": fmt_number(last, decimals), "y": fmt_number(first, decimals)},
        **{"rate": fmt_percent(rate), "year": str(target_year), "step": step},
        **{"ahead": str(ahead), "value": fmt_number(value, decimals)},
    )
    return rate, value, text


def _likelihood(last: float, linear: float, target: float, lower: bool) -> Likelihood:
    """Judge the target: met by the last actual, met by the linear projection, or neither."""
    if meets(last, target, lower):
        return "already_met"
    return "likely" if meets(linear, target, lower) else "unlikely"
