"""Assessment methods: one registry entry per way a plan grades an indicator's progress.

Each method reads the facts of one indicator in one year with its numeric parameters and
returns ``(score, explanation)``: the number the plan's grade scale grades, and the formula
with the numbers put in. ``score`` is None when the method cannot be applied (the
explanation says why). :func:`shisaku.domain.assessment.assess` has already checked that
there is an actual and has resolved a 「全国値」 target to a number.

Ratios are rounded to 0.1 percentage point, the precision plans publish, before grading:
the percentage shown is the percentage graded (1.2 ÷ 1.5 is 80.0% and gets B, not C by a
floating-point hair).

Parameters every method reads:
- ``maintain_side``: for 維持 targets, +1 = met at or above, −1 = met at or below
  (default: at or above, except a target of 0, met at or below).
- ``components_mean``: 1 = grade a multi-component indicator on the mean of its parts'
  scores; default 0 = on its worst part.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Literal

from shisaku.domain.assessment_scales import (
    Explanation,
    IndicatorFacts,
    actual_value,
    better,
    fmt_number,
    fmt_percent,
    fmt_point,
    fmt_term,
    is_lower_better,
    meets,
    rounded,
)
from shisaku.domain.explain import Text
from shisaku.domain.forecast import forecast

Measure = tuple[float | None, Explanation]
MethodFn = Callable[[IndicatorFacts, int, Mapping[str, float]], Measure]
Unit = Literal["ratio", "level", "points"]

COMMON_PARAMS = {
    "maintain_side": (
        "維持目標の達成側：+1 = 目標値以上、−1 = 目標値以下（既定：目標値0なら以下、他は以上）"
    ),
    "components_mean": "複数区分の指標：1 = 区分の平均で評価、0 = 最も低い区分で評価（既定）",
}


@dataclass(frozen=True)
class Method:
    """A registered method: its function, what its score is, its Japanese title, its parameters."""

    measure: MethodFn
    unit: Unit
    title: str
    params: Mapping[str, str] = field(default_factory=dict)

    def __call__(self, facts: IndicatorFacts, year: int, params: Mapping[str, float]) -> Measure:
        return self.measure(facts, year, params)


def base_inputs(facts: IndicatorFacts, year: int, actual: float) -> dict[str, str]:
    """Return the inputs every explanation shows: direction, baseline, target, actual."""
    d = facts.decimals or 0
    kind = "rank" if facts.rank else facts.direction
    inputs: dict[str, str] = {Text("in.direction"): Text(f"direction.{kind}")}
    if facts.baseline is not None:
        inputs[Text("in.baseline")] = fmt_point(facts.baseline, d)
    inputs[Text("in.target")] = fmt_point(facts.target, d)
    at = "at_year.cumulative" if facts.cumulative else "at_year"
    inputs[Text("in.actual")] = Text(at, value=fmt_number(actual, d), year=str(year))
    return inputs


def _baseline(facts: IndicatorFacts) -> float | None:
    """Return the baseline value, or None when there is none."""
    return None if facts.baseline is None else facts.baseline.value


def _unusable(facts: IndicatorFacts, year: int, why: Text) -> Measure:
    """Return a measure the method could not make, with the reason as its formula."""
    point = facts.actuals.get(year)
    inputs: dict[str, str] = {}
    if point:
        inputs[Text("in.actual")] = fmt_point(point, facts.decimals or 0)
    return None, Explanation(inputs, why, Text("not_graded"))


def _inputs(facts: IndicatorFacts, year: int) -> tuple[float, float, dict[str, str]] | Text:
    """Return (actual, target, inputs), or the reason the facts cannot be graded numerically."""
    actual = actual_value(facts, year)
    if actual is None:
        return Text("no_actual_value")
    if facts.target.value is None:
        return Text("target_not_number")
    return actual, facts.target.value, base_inputs(facts, year, actual)


def achievement(
    a: float, t: float, b: float | None, lower: bool, d: int, name: str = "target"
) -> tuple[float | None, Text]:
    """Return 実績 ÷ 目標 (目標 ÷ 実績 when lower is better) where it means something.

    A ratio means nothing when the target is 0 (reduce-to-zero and 0人 targets), when lower
    is better and the actual is 0, or with negative values: those fall back to progress
    from the baseline, and the explanation says so.
    """
    if lower and t > 0 and a > 0:
        r = rounded(t / a)
        return r, _ratio(_formula(name, lower), t, a, d, r)
    if not lower and t > 0 and a >= 0:
        r = rounded(a / t)
        return r, _ratio(_formula(name, lower), a, t, d, r)
    return progress(a, t, b, lower, d, why=_why_no_ratio(a, t, lower, name), name=name)


def _formula(name: str, lower: bool) -> Text:
    """Return the ratio's formula in words: 目標 ÷ 実績 when lower is better, else 実績 ÷ 目標."""
    return Text("over_actual" if lower else "actual_over", name=Text(f"name.{name}"))


def _ratio(formula: Text, x: float, y: float, d: int, r: float) -> Text:
    """Return a ratio's formula with its numbers: 実績 ÷ 目標 = 5 ÷ 9 = 55.6%."""
    shown = {"x": fmt_number(x, d), "y": fmt_number(y, d), "ratio": fmt_percent(r)}
    return Text("ratio", formula=formula, **shown)


def _why_no_ratio(a: float, t: float, lower: bool, name: str) -> Text:
    """Say why a plain ratio cannot be used."""
    if t == 0:
        reason = Text("why.zero_target", name=Text(f"name.{name}"))
    elif a == 0:
        reason = Text("why.zero_actual")
    else:
        reason = Text("why.negative")
    return Text("why", reason=reason, formula=_formula(name, lower))


def progress(
    a: float, t: float, b: float | None, lower: bool, d: int, why: str = "", name: str = "target"
) -> tuple[float | None, Text]:
    """Return (実績 − 基準) ÷ (目標 − 基準); met or not if the target is not past the baseline.

    ``why`` is set when a plain ratio could not be used; then, without a baseline, whether
    the target is met still grades (a reduce-to-zero target reached is met).
    """
    if b is None:
        if why:
            return met_or_not(a, t, lower, d, Text("why.no_baseline_either", why=why), name)
        return None, Text("no_baseline.progress")
    if not better(t, b, lower):
        reason = Text("then", first=why, then=flat_reason(t, b, lower, name))
        return met_or_not(a, t, lower, d, reason, name)
    r = rounded((a - b) / (t - b))
    n = fmt_term
    lead = Text("progress.lead", why=why) if why else ""
    terms = {"a": n(a, d), "b": n(b, d), "t": n(t, d), "ratio": fmt_percent(r)}
    return r, Text("progress", lead=lead, name=Text(f"name.{name}"), **terms)


def flat_reason(t: float, b: float, lower: bool, name: str = "target") -> Text:
    """Say why (目標 − 基準) cannot divide: it is 0, or the baseline already meets the target."""
    key = "flat.met" if better(b, t, lower) else "flat.same"
    return Text(key, name=Text(f"name.{name}"))


def met_or_not(
    a: float, t: float, lower: bool, d: int, reason: str, name: str = "target"
) -> tuple[float, Text]:
    """Grade 100% if the actual meets the target and 0% if not, saying ``reason``."""
    ok = meets(a, t, lower)
    sign = ("≦" if lower else "≧") if ok else (">" if lower else "<")
    shown = {"a": fmt_number(a, d), "t": fmt_number(t, d), "name": Text(f"name.{name}")}
    verdict = Text("met" if ok else "not_met")
    formula = Text("met_or_not", reason=reason, sign=sign, verdict=verdict, **shown)
    return (1.0 if ok else 0.0), formula


def ratio_to_target(facts: IndicatorFacts, year: int, params: Mapping[str, float]) -> Measure:
    """Grade 実績 ÷ 最終目標 (目標 ÷ 実績 when lower is better)."""
    got = _inputs(facts, year)
    if isinstance(got, str):
        return _unusable(facts, year, got)
    a, t, inputs = got
    lower = is_lower_better(facts, params)
    score, formula = achievement(a, t, _baseline(facts), lower, facts.decimals or 0)
    return score, Explanation(inputs, formula, _shown("achievement", score))


def _shown(name: str, score: float | None) -> Text:
    """Return the result line before its grade: 達成率 79.3%."""
    if score is None:
        return Text("not_graded")
    return Text("shown", name=Text(f"score.{name}"), score=fmt_percent(score))


def year_target(facts: IndicatorFacts, year: int, params: Mapping[str, float]) -> float | None:
    """Return the target for ``year``: published, the final one, or interpolated if asked.

    With ``interpolate`` = 1 a missing year gets the straight line between the nearest known
    targets around it (the baseline counts as the target of its year); otherwise None.
    """
    known = dict(facts.year_targets)
    if facts.target.value is not None:
        known.setdefault(facts.target.year, facts.target.value)
    if year in known or params.get("interpolate", 0) != 1:
        return known.get(year)
    if facts.baseline is not None and facts.baseline.value is not None:
        known.setdefault(facts.baseline.year, facts.baseline.value)
    before = [y for y in known if y < year]
    after = [y for y in known if y > year]
    if not before or not after:
        return None
    y0, y1 = max(before), min(after)
    return known[y0] + (known[y1] - known[y0]) * (year - y0) / (y1 - y0)


def ratio_to_year_target(facts: IndicatorFacts, year: int, params: Mapping[str, float]) -> Measure:
    """Grade 実績 ÷ その年度の目標値 (inverted when lower is better)."""
    a = actual_value(facts, year)
    if a is None:
        return _unusable(facts, year, Text("no_actual_value"))
    t = year_target(facts, year, params)
    if t is None:
        hint = "" if params.get("interpolate", 0) == 1 else Text("interpolate_hint")
        return _unusable(facts, year, Text("no_year_target", year=str(year), hint=hint))
    inputs = base_inputs(facts, year, a)
    d = facts.decimals or 0
    value = fmt_number(t, d)
    if year not in facts.year_targets and year != facts.target.year:
        value = Text("interpolated", value=value)
    inputs[Text("in.year_target", year=str(year))] = value
    lower = is_lower_better(facts, params)
    score, formula = achievement(a, t, _baseline(facts), lower, d, name="year_target")
    return score, Explanation(inputs, formula, _shown("achievement", score))


def progress_from_baseline(
    facts: IndicatorFacts, year: int, params: Mapping[str, float]
) -> Measure:
    """Grade (実績 − 基準) ÷ (目標 − 基準)."""
    got = _inputs(facts, year)
    if isinstance(got, str):
        return _unusable(facts, year, got)
    a, t, inputs = got
    lower = is_lower_better(facts, params)
    score, formula = progress(a, t, _baseline(facts), lower, facts.decimals or 0)
    return score, Explanation(inputs, formula, _shown("progress", score))


def pro_rata(facts: IndicatorFacts, year: int, params: Mapping[str, float]) -> Measure:
    """Grade progress against the share of the period elapsed: year n of N is held to n/N."""
    got = _inputs(facts, year)
    if isinstance(got, str):
        return _unusable(facts, year, got)
    a, t, inputs = got
    b, base = _baseline(facts), facts.baseline
    if b is None or base is None:
        return _unusable(facts, year, Text("no_baseline.pro_rata"))
    total, elapsed = facts.target.year - base.year, min(year, facts.target.year) - base.year
    if total <= 0 or elapsed <= 0:
        return _unusable(facts, year, Text("years_not_after"))
    lower, d = is_lower_better(facts, params), facts.decimals or 0
    if not better(t, b, lower):
        score, formula = met_or_not(a, t, lower, d, flat_reason(t, b, lower))
        return score, Explanation(inputs, formula, _shown("pro_rata", score))
    done = (a - b) / (t - b)
    score = rounded(done / (elapsed / total))
    n = fmt_term
    formula = Text(
        "pro_rata",
        **{"a": n(a, d), "b": n(b, d), "t": n(t, d), "elapsed": str(elapsed)},
        **{"total": str(total), "done": fmt_percent(done), "share": fmt_percent(elapsed / total)},
        ratio=fmt_percent(score),
    )
    return score, Explanation(inputs, formula, _shown("pro_rata", score))


def band(facts: IndicatorFacts, year: int, params: Mapping[str, float]) -> Measure:
    """Grade by level: 3 target met, 2 better than baseline, 1 within the band, 0 worse.

    The band around the baseline is ± ``band_points`` (points, e.g. 3 for survey rates) if
    given, else ± ``band_pct`` % of the baseline (default 10). 長与町's 「目標値超」 is read
    as reaching the target (at or beyond it), so an actual exactly on target gets level 3.
    """
    got = _inputs(facts, year)
    if isinstance(got, str):
        return _unusable(facts, year, got)
    a, t, inputs = got
    b = _baseline(facts)
    if b is None:
        return _unusable(facts, year, Text("no_baseline.band"))
    lower, d = is_lower_better(facts, params), facts.decimals or 0
    width, rule = _band_width(b, params, d)
    level = _band_level(a, t, b, width, lower)
    shown = {"a": fmt_number(a, d), "b": fmt_number(b, d), "t": fmt_number(t, d)}
    formula = Text("band", rule=rule, **shown)
    return float(level), Explanation(inputs, formula, Text(f"band.{level}"))


def _band_width(b: float, params: Mapping[str, float], d: int) -> tuple[float, Text]:
    """Return the half-width of the 同水準 band and the rule."""
    if "band_points" in params:
        width = params["band_points"]
        return width, Text("band.points", width=fmt_number(width, max(d, 1)))
    pct = params.get("band_pct", 10.0)
    width = abs(b) * pct / 100
    return width, Text("band.pct", pct=f"{pct:g}", width=fmt_number(width, d + 1))


def _band_level(a: float, t: float, b: float, width: float, lower: bool) -> int:
    """Return the band level of an actual: 3 target met, 2 better, 1 same, 0 worse."""
    if meets(a, t, lower):
        return 3
    if abs(a - b) <= width:
        return 1
    return 2 if better(a, b, lower) else 0


POINT_STEPS = (7, 6, 5, 4, 3, 2)
POINT_DEFAULTS = {7: 1.0, 6: 0.9, 5: 0.8, 4: 0.7, 3: 0.6, 2: 0.5}


def points(facts: IndicatorFacts, year: int, params: Mapping[str, float]) -> Measure:
    """Grade 達成率 as 7..1 points (佐野市 style); thresholds are params ``points_7``..``points_2``.

    Defaults: ≥100% 7, ≥90% 6, ≥80% 5, ≥70% 4, ≥60% 3, ≥50% 2, below 1. The 達成率 is the
    one of ``ratio_to_target``.
    """
    ratio, explanation = ratio_to_target(facts, year, params)
    if ratio is None:
        return None, explanation
    earned = next((p for p in POINT_STEPS if ratio >= _threshold(p, params)), 1)
    floor = (
        Text("points.floor", ratio=fmt_percent(_threshold(earned, params)))
        if earned > 1
        else Text("points.below")
    )
    shown = points_text(earned)
    formula = Text(
        "points.formula",
        formula=explanation.formula,
        ratio=fmt_percent(ratio),
        floor=floor,
        points=shown,
    )
    return float(earned), Explanation(explanation.inputs, formula, shown)


def points_text(earned: float) -> Text:
    """Return a number of points: 5点 (5 points, 1 point)."""
    return Text("point" if earned == 1 else "points", points=f"{earned:g}")


def _threshold(step: int, params: Mapping[str, float]) -> float:
    """Return the lowest 達成率 that earns ``step`` points."""
    return params.get(f"points_{step}", POINT_DEFAULTS[step])


EXPECTATION_LEVELS = {2: "already_met", 1: "likely", 0: "unlikely"}


def expectation(facts: IndicatorFacts, year: int, params: Mapping[str, float]) -> Measure:
    """Grade by level: 2 already met, 1 the linear trend meets the target in time, 0 it does not.

    The trend is a least-squares line through the baseline and the actuals up to ``year``
    (:func:`shisaku.domain.forecast.forecast`); it needs three points.
    """
    got = _inputs(facts, year)
    if isinstance(got, str):
        return _unusable(facts, year, got)
    a, t, inputs = got
    lower = is_lower_better(facts, params)
    if meets(a, t, lower):
        formula = Text("meets_target", actual=fmt_number(a, facts.decimals or 0))
        return 2.0, Explanation(inputs, formula, Text(EXPECTATION_LEVELS[2]))
    seen = forecast(_series(facts, year), facts.target.year, t, "decrease" if lower else "increase")
    if seen.status != "ok":
        return None, Explanation(inputs, seen.explanation.formula, Text("not_graded"))
    level = 1 if seen.likelihood == "likely" else 0
    result = Text(EXPECTATION_LEVELS[level])
    return float(level), Explanation(inputs, seen.explanation.formula, result)


def _series(facts: IndicatorFacts, year: int) -> dict[int, float]:
    """Return the values to fit a trend on: baseline (unless cumulative) and actuals to ``year``."""
    series: dict[int, float] = {}
    base = facts.baseline
    if base is not None and base.value is not None and not facts.cumulative:
        series[base.year] = base.value
    for y in facts.actuals:
        value = actual_value(facts, y) if y <= year else None
        if value is not None:
            series[y] = value
    return series


def growth_rate(facts: IndicatorFacts, year: int, params: Mapping[str, float]) -> Measure:
    """Grade Open SDG's progress measure R = d × CAGR実績 ÷ |CAGR必要|.

    CAGR実績 = (実績 ÷ 基準)^(1/(評価年 − 基準年)) − 1 and CAGR必要 = (目標 ÷ 基準)^(1/(目標年 −
    基準年)) − 1; d = +1 when higher is better, −1 when lower is. Open SDG's categories:
    R ≥ 95% on track, 60–95% acceleration needed, 0–60% limited, < 0 deterioration. A target
    already met gives R ≥ 100%. Needs positive values.
    """
    got = _inputs(facts, year)
    if isinstance(got, str):
        return _unusable(facts, year, got)
    a, t, inputs = got
    b, base = _baseline(facts), facts.baseline
    if b is None or base is None or year <= base.year or facts.target.year <= base.year:
        return _unusable(facts, year, Text("no_baseline.growth"))
    if min(a, t, b) <= 0:
        return _unusable(facts, year, Text("not_positive.growth"))
    lower, d = is_lower_better(facts, params), facts.decimals or 0
    needed = (t / b) ** (1 / (facts.target.year - base.year)) - 1
    if needed == 0:
        score, formula = met_or_not(a, t, lower, d, flat_reason(t, b, lower))
        return score, Explanation(inputs, formula, _shown("growth", score))
    actual = (a / b) ** (1 / (year - base.year)) - 1
    sign = -1 if lower else 1
    score = rounded(sign * actual / abs(needed))
    rates = {
        "sign": f"{sign:+d}",
        "actual": fmt_percent(actual),
        "needed": fmt_percent(abs(needed)),
    }
    values = {"a": fmt_number(a, d), "b": fmt_number(b, d), "t": fmt_number(t, d)}
    years = {"years": str(year - base.year), "span": str(facts.target.year - base.year)}
    formula = Text("growth", ratio=fmt_percent(score), **rates, **values, **years)
    return score, Explanation(inputs, formula, _shown("growth", score))


METHODS: dict[str, Method] = {
    "ratio_to_target": Method(ratio_to_target, "ratio", "最終目標に対する達成率"),
    "ratio_to_year_target": Method(
        ratio_to_year_target,
        "ratio",
        "その年度の目標値に対する達成率",
        {
            "interpolate": (
                "1 = 年度別目標がない年度は前後の目標値から直線補間（既定 0 = 評価対象外）"
            )
        },
    ),
    "progress_from_baseline": Method(progress_from_baseline, "ratio", "基準値からの進捗率"),
    "pro_rata": Method(pro_rata, "ratio", "経過年数で按分した進捗率"),
    "band": Method(
        band,
        "level",
        "基準値との比較（改善・同水準・悪化）",
        {
            "band_pct": "同水準とみなす幅：基準値の ±%（既定 10）",
            "band_points": "同水準とみなす幅：± ポイント（指定すると band_pct より優先）",
        },
    ),
    "points": Method(
        points,
        "points",
        "達成率に応じた点数（7〜1点）",
        {
            f"points_{p}": f"{p}点になる達成率の下限（既定 {POINT_DEFAULTS[p]:g}）"
            for p in POINT_STEPS
        },
    ),
    "expectation": Method(expectation, "level", "目標達成の見込み（直線回帰）"),
    "growth_rate": Method(growth_rate, "ratio", "年平均成長率の比較（Open SDG）"),
}
