"""Every explanation the grading and forecasting generate, said in Japanese and in English.

The domain builds each sentence from its phrases and values (:mod:`shisaku.domain.explain`);
the Japanese is what reports and the API hold, the English what English pages show. Each case
asserts both sentences whole. The indicators are fictional test data.
"""

from __future__ import annotations

import math
import pickle
import re

import pytest

from shisaku.domain.assessment import (
    METHODS,
    PRESETS,
    GradeScale,
    IndicatorFacts,
    MethodConfig,
    Point,
    assess,
)
from shisaku.domain.explain import JOINS, LABELS, PHRASES, Text, in_language
from shisaku.domain.forecast import forecast
from shisaku.domain.rollup import rule_text

UDA_CONFIG = PRESETS["uda"]
UDA = UDA_CONFIG.scale


def both(text: str) -> tuple[str, str | None]:
    """Return a generated text as (Japanese, English)."""
    return in_language(text, "ja"), in_language(text, "en")


def inputs(explanation) -> list[tuple[tuple[str, str | None], tuple[str, str | None]]]:
    return [(both(k), both(v)) for k, v in explanation.inputs.items()]


def facts(direction, baseline, target, actuals, **more) -> IndicatorFacts:
    """Return an indicator with its baseline in 2014 and its target in 2019."""
    base = None if baseline is None else Point(2014, baseline)
    points = {year: Point(year, value) for year, value in actuals.items()}
    return IndicatorFacts(direction, base, Point(2019, target), actuals=points, **more)


def method(name: str, **params: float) -> MethodConfig:
    return MethodConfig(name, UDA, params)


TFR = facts("increase", 0.90, 1.40, {2015: 0.93, 2016: 1.11, 2017: 1.00}, decimals=2)
CASES = [
    (
        "ratio_to_target",
        TFR,
        2017,
        PRESETS["uda"],
        ("実績 ÷ 目標 = 1.00 ÷ 1.40 = 71.4%", "Actual ÷ target = 1.00 ÷ 1.40 = 71.4%"),
        ("達成率 71.4% → C（60%以上80%未満）", "Achievement 71.4% → C (60% to under 80%)"),
    ),
    (
        "ratio_to_year_target, interpolated",
        facts("increase", 0.90, 1.40, {2017: 1.00}),
        2017,
        method("ratio_to_year_target", interpolate=1),
        ("実績 ÷ 年度目標 = 1.0 ÷ 1.2 = 83.3%", "Actual ÷ year target = 1.0 ÷ 1.2 = 83.3%"),
        ("達成率 83.3% → B（80%以上100%未満）", "Achievement 83.3% → B (80% to under 100%)"),
    ),
    (
        "ratio_to_year_target, lower is better",
        facts("decrease", 300, 150, {2016: 245}, year_targets={2016: 200.0}),
        2016,
        method("ratio_to_year_target"),
        ("年度目標 ÷ 実績 = 200 ÷ 245 = 81.6%", "Year target ÷ actual = 200 ÷ 245 = 81.6%"),
        ("達成率 81.6% → B（80%以上100%未満）", "Achievement 81.6% → B (80% to under 100%)"),
    ),
    (
        "ratio_to_year_target, no target that year",
        TFR,
        2017,
        method("ratio_to_year_target"),
        (
            "2017年度の目標値がありません（補間するには interpolate = 1）",
            "There is no target for FY2017 (set interpolate = 1 to interpolate)",
        ),
        ("評価対象外 → X（未評価）", "Not graded → X (Not assessed)"),
    ),
    (
        "ratio_to_year_target, no target even interpolated",
        facts("increase", None, 1.40, {2020: 1.00}),
        2020,
        method("ratio_to_year_target", interpolate=1),
        ("2020年度の目標値がありません", "There is no target for FY2020"),
        ("評価対象外 → X（未評価）", "Not graded → X (Not assessed)"),
    ),
    (
        "progress_from_baseline",
        TFR,
        2017,
        method("progress_from_baseline"),
        (
            "(実績 − 基準) ÷ (目標 − 基準) = (1.00 − 0.90) ÷ (1.40 − 0.90) = 20.0%",
            "(actual − baseline) ÷ (target − baseline) = (1.00 − 0.90) ÷ (1.40 − 0.90) = 20.0%",
        ),
        ("進捗率 20.0% → D（60%未満）", "Progress 20.0% → D (under 60%)"),
    ),
    (
        "progress_from_baseline, target equal to the baseline",
        facts("increase", 80, 80, {2017: 79}),
        2017,
        method("progress_from_baseline"),
        (
            "目標値が基準値と同じため、実績が目標値を満たすかで判定："
            "実績 79 < 目標 80 → 未達成（0%）",
            "The target equals the baseline, so the grade is whether the actual meets the target:"
            " actual 79 < target 80 → not met (0%)",
        ),
        ("進捗率 0.0% → D（60%未満）", "Progress 0.0% → D (under 60%)"),
    ),
    (
        "progress_from_baseline, no baseline",
        facts("increase", None, 80, {2017: 79}),
        2017,
        method("progress_from_baseline"),
        (
            "基準値がないため、進捗率は計算できません",
            "Progress cannot be computed without a baseline",
        ),
        ("評価対象外 → X（未評価）", "Not graded → X (Not assessed)"),
    ),
    (
        "pro_rata",
        TFR,
        2017,
        method("pro_rata"),
        (
            "進捗率 ÷ (経過年数 ÷ 計画年数) = (1.00 − 0.90) ÷ (1.40 − 0.90) ÷ (3 ÷ 5)"
            " = 20.0% ÷ 60.0% = 33.3%",
            "Progress ÷ (years elapsed ÷ years planned) = (1.00 − 0.90) ÷ (1.40 − 0.90) ÷ (3 ÷ 5)"
            " = 20.0% ÷ 60.0% = 33.3%",
        ),
        ("按分進捗率 33.3% → D（60%未満）", "Pro-rata progress 33.3% → D (under 60%)"),
    ),
    (
        "pro_rata, the baseline already meets the target",
        facts("decrease", 50, 60, {2017: 55}),
        2017,
        method("pro_rata"),
        (
            "目標値は基準値の時点で達成済みのため、実績が目標値を満たすかで判定：実績 55 ≦ 目標 60"
            " → 達成（100%）",
            "The baseline already meets the target, so the grade is whether the actual meets the"
            " target: actual 55 ≦ target 60 → met (100%)",
        ),
        ("按分進捗率 100.0% → A（100%以上）", "Pro-rata progress 100.0% → A (100% or more)"),
    ),
    (
        "pro_rata, no baseline",
        facts("increase", None, 80, {2017: 79}),
        2017,
        method("pro_rata"),
        (
            "基準値がないため、按分した進捗は計算できません",
            "Pro-rata progress cannot be computed without a baseline",
        ),
        ("評価対象外 → X（未評価）", "Not graded → X (Not assessed)"),
    ),
    (
        "pro_rata, target year not after the baseline year",
        IndicatorFacts(
            "increase", Point(2019, 50), Point(2019, 80), actuals={2019: Point(2019, 60)}
        ),
        2019,
        method("pro_rata"),
        (
            "評価年度または目標年度が基準年度より後ではありません",
            "The year assessed or the target year is not after the baseline year",
        ),
        ("評価対象外 → X（未評価）", "Not graded → X (Not assessed)"),
    ),
    (
        "band, better",
        TFR,
        2017,
        PRESETS["nagayo"],
        (
            "基準値 ± 10%（± 0.090）を同水準とする：実績 1.00、基準値 0.90、目標値 1.40",
            "The baseline ± 10% (± 0.090) counts as the same level: actual 1.00, baseline 0.90,"
            " target 1.40",
        ),
        ("基準値より改善 → A（基準値超）", "Better than the baseline → A (beyond the baseline)"),
    ),
    (
        "band, target met",
        facts("increase", 50, 60, {2016: 61}),
        2016,
        PRESETS["nagayo"],
        (
            "基準値 ± 10%（± 5.0）を同水準とする：実績 61、基準値 50、目標値 60",
            "The baseline ± 10% (± 5.0) counts as the same level:"
            " actual 61, baseline 50, target 60",
        ),
        ("目標値を達成 → S（目標値超）", "Target met → S (beyond the target)"),
    ),
    (
        "band, worse",
        facts("increase", 50, 60, {2016: 40}),
        2016,
        PRESETS["nagayo"],
        (
            "基準値 ± 10%（± 5.0）を同水準とする：実績 40、基準値 50、目標値 60",
            "The baseline ± 10% (± 5.0) counts as the same level:"
            " actual 40, baseline 50, target 60",
        ),
        ("基準値より悪化 → C（下落）", "Worse than the baseline → C (fell)"),
    ),
    (
        "band, same level in points",
        facts("increase", 50.0, 60.0, {2016: 52.0}),
        2016,
        MethodConfig("band", PRESETS["nagayo"].scale, {"band_points": 3}),
        (
            "基準値 ± 3.0ポイントを同水準とする：実績 52、基準値 50、目標値 60",
            "The baseline ± 3.0 points counts as the same level: actual 52, baseline 50, target 60",
        ),
        ("基準値と同水準 → B（同水準）", "Same level as the baseline → B (about the same)"),
    ),
    (
        "band, no baseline",
        facts("increase", None, 80, {2017: 79}),
        2017,
        method("band"),
        ("基準値がないため、基準値との比較はできません", "There is no baseline to compare with"),
        ("評価対象外 → X（未評価）", "Not graded → X (Not assessed)"),
    ),
    (
        "points",
        TFR,
        2017,
        PRESETS["sano"],
        (
            "実績 ÷ 目標 = 1.00 ÷ 1.40 = 71.4% → 達成率 71.4% は70.0%以上 → 4点",
            "Actual ÷ target = 1.00 ÷ 1.40 = 71.4% → achievement 71.4% is 70.0% or more → 4 points",
        ),
        ("4点 → 4（70%以上）", "4 points → 4 (70% or more)"),
    ),
    (
        "points, one point",
        facts("increase", 0.90, 1.40, {2017: 0.50}),
        2017,
        PRESETS["sano"],
        (
            "実績 ÷ 目標 = 0.5 ÷ 1.4 = 35.7% → 達成率 35.7% は基準未満 → 1点",
            "Actual ÷ target = 0.5 ÷ 1.4 = 35.7% → achievement 35.7% is under the lowest step"
            " → 1 point",
        ),
        ("1点 → 1（50%未満）", "1 point → 1 (under 50%)"),
    ),
    (
        "points, 100%",
        facts("increase", 0.90, 1.40, {2017: 1.50}),
        2017,
        PRESETS["sano"],
        (
            "実績 ÷ 目標 = 1.5 ÷ 1.4 = 107.1% → 達成率 107.1% は100.0%以上 → 7点",
            "Actual ÷ target = 1.5 ÷ 1.4 = 107.1% → achievement 107.1% is 100.0% or more"
            " → 7 points",
        ),
        ("7点 → 7（達成率100%以上）", "7 points → 7 (achievement 100% or more)"),
    ),
    (
        "expectation, already met",
        facts("increase", 0.90, 1.40, {2017: 1.50}),
        2017,
        method("expectation"),
        ("実績 1.5 が目標値を満たしています", "The actual 1.5 meets the target"),
        ("既に達成 → A（100%以上）", "Already met → A (100% or more)"),
    ),
    (
        "expectation, likely",
        facts("increase", 10, 20, {2015: 13, 2016: 16, 2017: 18}),
        2017,
        method("expectation"),
        (
            "最小二乗法による直線回帰（2014〜2017年度の4時点）："
            "傾き +2.70/年、2019年度の推計値 24。"
            "年平均成長率（2014→2017）= (18 ÷ 10)^(1/3) − 1 = 21.6%、"
            "2019年度の推計値 = 18 × (1 + 21.6%)^2 = 27",
            "Least-squares line (FY2014–FY2017, 4 points): slope +2.70 a year, projection for"
            " FY2019 24. Compound annual growth (2014→2017) = (18 ÷ 10)^(1/3) − 1 = 21.6%,"
            " projection for FY2019 = 18 × (1 + 21.6%)^2 = 27",
        ),
        ("達成見込み → A（100%以上）", "Likely to be met → A (100% or more)"),
    ),
    (
        "expectation, unlikely",
        TFR,
        2017,
        method("expectation"),
        (
            "最小二乗法による直線回帰（2014〜2017年度の4時点）：傾き +0.0480/年、2019年度の推計値"
            " 1.15。年平均成長率（2014→2017）= (1.00 ÷ 0.90)^(1/3) − 1 = 3.6%、"
            "2019年度の推計値 = 1.00 × (1 + 3.6%)^2 = 1.07",
            "Least-squares line (FY2014–FY2017, 4 points): slope +0.0480 a year, projection for"
            " FY2019 1.15. Compound annual growth (2014→2017) = (1.00 ÷ 0.90)^(1/3) − 1 = 3.6%,"
            " projection for FY2019 = 1.00 × (1 + 3.6%)^2 = 1.07",
        ),
        ("達成困難見込み → D（60%未満）", "Unlikely to be met → D (under 60%)"),
    ),
    (
        "expectation, too few points",
        facts("increase", None, 20, {2016: 16, 2017: 18}),
        2017,
        method("expectation"),
        (
            "推計には3時点以上の実績が必要です（2時点）",
            "A projection needs actuals for at least 3 years (2 given)",
        ),
        ("評価対象外 → X（未評価）", "Not graded → X (Not assessed)"),
    ),
    (
        "growth_rate",
        TFR,
        2017,
        method("growth_rate"),
        (
            "R = d × 実績の年平均成長率 ÷ |必要な年平均成長率| = +1 × 3.6% ÷ 9.2% = 38.7%"
            "（実績: (1.00 ÷ 0.90)^(1/3) − 1、必要: (1.40 ÷ 0.90)^(1/5) − 1）",
            "R = d × actual annual growth ÷ |needed annual growth| = +1 × 3.6% ÷ 9.2% = 38.7%"
            " (actual: (1.00 ÷ 0.90)^(1/3) − 1, needed: (1.40 ÷ 0.90)^(1/5) − 1)",
        ),
        ("比率R 38.7% → D（60%未満）", "Ratio R 38.7% → D (under 60%)"),
    ),
    (
        "growth_rate, target equal to the baseline",
        facts("increase", 1.40, 1.40, {2017: 1.50}),
        2017,
        method("growth_rate"),
        (
            "目標値が基準値と同じため、実績が目標値を満たすかで判定："
            "実績 1.5 ≧ 目標 1.4 → 達成（100%）",
            "The target equals the baseline, so the grade is whether the actual meets the target:"
            " actual 1.5 ≧ target 1.4 → met (100%)",
        ),
        ("比率R 100.0% → A（100%以上）", "Ratio R 100.0% → A (100% or more)"),
    ),
    (
        "growth_rate, no baseline",
        facts("increase", None, 1.40, {2017: 1.50}),
        2017,
        method("growth_rate"),
        (
            "成長率の計算には、評価年度・目標年度より前の基準値が必要です",
            "Growth rates need a baseline before the year assessed and the target year",
        ),
        ("評価対象外 → X（未評価）", "Not graded → X (Not assessed)"),
    ),
    (
        "growth_rate, a value not positive",
        facts("increase", 0, 1.40, {2017: 1.50}),
        2017,
        method("growth_rate"),
        (
            "年平均成長率は正の値でしか計算できません",
            "Compound annual growth needs positive values",
        ),
        ("評価対象外 → X（未評価）", "Not graded → X (Not assessed)"),
    ),
    (
        "a target of zero",
        facts("decrease", 12, 0, {2017: 3}),
        2017,
        method("ratio_to_target"),
        (
            "目標値が0のため「目標 ÷ 実績」は使えず、基準値からの進捗率で評価します："
            "(実績 − 基準) ÷ (目標 − 基準) = (3 − 12) ÷ (0 − 12) = 75.0%",
            "The target is 0, so “target ÷ actual” cannot be used; progress from the baseline is"
            " graded: (actual − baseline) ÷ (target − baseline) = (3 − 12) ÷ (0 − 12) = 75.0%",
        ),
        ("達成率 75.0% → C（60%以上80%未満）", "Achievement 75.0% → C (60% to under 80%)"),
    ),
    (
        "an actual of zero",
        facts("decrease", 12, 5, {2017: 0}),
        2017,
        method("ratio_to_target"),
        (
            "実績値が0のため「目標 ÷ 実績」は使えず、基準値からの進捗率で評価します："
            "(実績 − 基準) ÷ (目標 − 基準) = (0 − 12) ÷ (5 − 12) = 171.4%",
            "The actual is 0, so “target ÷ actual” cannot be used; progress from the baseline is"
            " graded: (actual − baseline) ÷ (target − baseline) = (0 − 12) ÷ (5 − 12) = 171.4%",
        ),
        ("達成率 171.4% → A（100%以上）", "Achievement 171.4% → A (100% or more)"),
    ),
    (
        "negative values",
        facts("increase", -300, -100, {2017: -200}),
        2017,
        method("ratio_to_target"),
        (
            "負の値を含むため「実績 ÷ 目標」は使えず、基準値からの進捗率で評価します："
            "(実績 − 基準) ÷ (目標 − 基準) = ((-200) − (-300)) ÷ ((-100) − (-300)) = 50.0%",
            "A value is negative, so “actual ÷ target” cannot be used; progress from the baseline"
            " is graded: (actual − baseline) ÷ (target − baseline)"
            " = ((-200) − (-300)) ÷ ((-100) − (-300)) = 50.0%",
        ),
        ("達成率 50.0% → D（60%未満）", "Achievement 50.0% → D (under 60%)"),
    ),
    (
        "a target of zero and no baseline",
        facts("decrease", None, 0, {2017: 0}),
        2017,
        method("ratio_to_target"),
        (
            "目標値が0のため「目標 ÷ 実績」は使えず、基準値もないため、"
            "実績が目標値を満たすかで判定："
            "実績 0 ≦ 目標 0 → 達成（100%）",
            "The target is 0, so “target ÷ actual” cannot be used; there is no baseline either,"
            " so the grade is whether the actual meets the target: actual 0 ≦ target 0"
            " → met (100%)",
        ),
        ("達成率 100.0% → A（100%以上）", "Achievement 100.0% → A (100% or more)"),
    ),
    (
        "a year target of zero equal to the baseline",
        facts("decrease", 0, 0, {2017: 1}, year_targets={2017: 0.0}),
        2017,
        method("ratio_to_year_target"),
        (
            "年度目標値が0のため「年度目標 ÷ 実績」は使えず、年度目標値が基準値と同じため、"
            "実績が目標値を満たすかで判定：実績 1 > 年度目標 0 → 未達成（0%）",
            "The year target is 0, so “year target ÷ actual” cannot be used; the year target"
            " equals the baseline, so the grade is whether the actual meets the target:"
            " actual 1 > year target 0 → not met (0%)",
        ),
        ("達成率 0.0% → D（60%未満）", "Achievement 0.0% → D (under 60%)"),
    ),
    (
        "no actual in the year",
        TFR,
        2018,
        PRESETS["uda"],
        (
            "2018年度の実績値がありません（未評価として扱い、0とはみなしません）",
            "There is no actual for FY2018 (left unassessed, never counted as 0)",
        ),
        ("実績なし → X（未評価）", "No actual → X (Not assessed)"),
    ),
]


@pytest.mark.parametrize(
    ("facts", "year", "config", "formula", "result"),
    [case[1:] for case in CASES],
    ids=[case[0] for case in CASES],
)
def test_every_method_explains_itself_in_japanese_and_in_english(
    facts, year, config, formula, result
):
    explanation = assess(facts, year, config).explanation
    assert (both(explanation.formula), both(explanation.result)) == (formula, result)


def test_the_methods_in_the_cases_are_every_registered_method():
    named = {case[3].method for case in CASES}
    assert named == set(METHODS)


def test_the_inputs_name_direction_baseline_target_and_actual_in_both_languages():
    assert inputs(assess(TFR, 2017, PRESETS["uda"]).explanation) == [
        (("方向", "Direction"), ("増加（↑）", "Increase (↑)")),
        (("基準値", "Baseline"), ("0.90（2014）", "0.90 (2014)")),
        (("目標値", "Target"), ("1.40（2019）", "1.40 (2019)")),
        (("実績値", "Actual"), ("1.00（2017）", "1.00 (2017)")),
    ]


@pytest.mark.parametrize(
    ("direction", "more", "shown"),
    [
        ("decrease", {}, ("減少（↓）", "Decrease (↓)")),
        ("maintain", {}, ("維持", "Maintain")),
        ("increase", {"rank": True}, ("順位（小さいほど良い）", "Rank (smaller is better)")),
    ],
)
def test_every_direction_is_named_in_both_languages(direction, more, shown):
    indicator = facts(direction, 13, 10, {2016: 12}, **more)
    [(_, first), *_] = inputs(assess(indicator, 2016, PRESETS["uda"]).explanation)
    assert first == shown


def test_a_cumulative_actual_and_an_interpolated_year_target_say_so():
    indicator = facts("increase", 0, 100, {2015: 20, 2016: 30}, cumulative=True)
    explanation = assess(indicator, 2016, method("ratio_to_year_target", interpolate=1)).explanation
    assert inputs(explanation)[-2:] == [
        (("実績値", "Actual"), ("50（2016、累計）", "50 (2016, cumulative)")),
        (("2016年度の目標値", "Target for FY2016"), ("40（補間）", "40 (interpolated)")),
    ]


def test_a_year_without_an_actual_names_the_year_assessed():
    assert inputs(assess(TFR, 2018, PRESETS["uda"]).explanation) == [
        (("評価年度", "Year assessed"), ("2018", "2018"))
    ]


@pytest.mark.parametrize("name", sorted(METHODS))
def test_a_method_called_without_an_actual_says_so(name):
    indicator = facts("increase", 1, 80, {2017: None})
    score, explanation = METHODS[name](indicator, 2017, {})
    assert (score, both(explanation.formula)) == (
        None,
        ("実績値がありません", "There is no actual"),
    )
    assert both(explanation.result) == ("評価対象外", "Not graded")


@pytest.mark.parametrize("name", sorted(set(METHODS) - {"ratio_to_year_target"}))
def test_a_method_called_with_a_target_that_is_no_number_says_so(name):
    indicator = facts("increase", 1, None, {2017: 70})
    score, explanation = METHODS[name](indicator, 2017, {})
    why = ("目標値が数値ではありません", "The target is not a number")
    assert (score, both(explanation.formula)) == (None, why)
    assert inputs(explanation) == [(("実績値", "Actual"), ("70（2017）", "70 (2017)"))]


def _qualitative(target: str, actual: str) -> IndicatorFacts:
    return IndicatorFacts(
        "qualitative", None, Point(2023, None, target), actuals={2021: Point(2021, None, actual)}
    )


@pytest.mark.parametrize(
    ("target", "actual", "formula", "result"),
    [
        (
            "done",
            "done",
            (
                "定性目標：実績「done」＝目標「done」 → 達成（100%）",
                "Qualitative target: actual “done” = target “done” → met (100%)",
            ),
            ("達成（100%） → A（100%以上）", "Met (100%) → A (100% or more)"),
        ),
        (
            "done",
            "begun",
            (
                "定性目標：実績「begun」≠目標「done」 → 未達成（0%）",
                "Qualitative target: actual “begun” ≠ target “done” → not met (0%)",
            ),
            ("未達成（0%） → D（60%未満）", "Not met (0%) → D (under 60%)"),
        ),
        (
            "策定",
            "策定",
            ("定性目標：実績「策定」＝目標「策定」 → 達成（100%）", None),  # typed Japanese
            ("達成（100%） → A（100%以上）", "Met (100%) → A (100% or more)"),
        ),
        (
            " ",
            "策定",
            (
                "目標の記述（例：策定）がありません",
                "The target is not described (such as “adopted”)",
            ),
            ("評価対象外 → X（未評価）", "Not graded → X (Not assessed)"),
        ),
    ],
)
def test_a_qualitative_target_is_explained_in_both_languages(target, actual, formula, result):
    explanation = assess(_qualitative(target, actual), 2021, UDA_CONFIG).explanation
    assert (both(explanation.formula), both(explanation.result)) == (formula, result)


def test_a_qualitative_target_names_its_inputs_in_both_languages():
    assert inputs(assess(_qualitative("done", "done"), 2021, UDA_CONFIG).explanation) == [
        (("方向", "Direction"), ("定性", "Qualitative")),
        (("目標", "Target"), ("done（2023）", "Done (2023)")),
        (("実績", "Actual"), ("done（2021）", "Done (2021)")),
    ]


def test_a_target_compared_with_another_series_keeps_the_series_name_as_typed():
    indicator = IndicatorFacts(
        "increase",
        Point(2022, 1.12),
        Point(2032, None, "national"),
        actuals={2023: Point(2023, 1.06), 2024: Point(2024, 1.10)},
        comparator={2024: 1.25},
    )
    missing = assess(indicator, 2023, UDA_CONFIG).explanation
    assert both(missing.formula) == (
        "比較するnationalがありません",
        "There is no national to compare with",
    )
    assert inputs(missing) == [
        (("目標値", "Target"), ("national（2032）", "National (2032)")),
        (("評価年度", "Year assessed"), ("2023", "2023")),
    ]
    compared = assess(indicator, 2024, UDA_CONFIG).explanation
    assert inputs(compared)[-1] == (("national（2024）", "National (2024)"), ("1.25", "1.25"))
    assert both(compared.result) == (
        "達成率 88.0% → B（80%以上100%未満）",
        "Achievement 88.0% → B (80% to under 100%)",
    )


def _part(actual: float | None) -> IndicatorFacts:
    actuals = {} if actual is None else {2020: Point(2020, actual)}
    return IndicatorFacts("increase", Point(2018, 80.0), Point(2023, 90.0), actuals=actuals)


def test_the_worst_part_and_the_parts_left_out_are_named_in_both_languages():
    parts = {"A": _part(85.6), "B": _part(None), "C": _part(None)}
    indicator = IndicatorFacts("increase", None, Point(2023, None), components=parts)
    explanation = assess(indicator, 2020, UDA_CONFIG).explanation
    assert both(explanation.formula) == (
        "区分ごとに評価し、最も低い区分（A）の評価を全体の評価とする"
        "（評価できない区分 B・C を除く）",
        "Each part is graded, and the lowest part (A) gives the grade of the whole"
        " (leaving out the parts that cannot be graded: B, C)",
    )
    assert both(explanation.result) == (
        "Aの評価 → B（80%以上100%未満）",
        "The grade of A → B (80% to under 100%)",
    )
    assert inputs(explanation) == [
        (
            ("A", "A"),
            ("達成率 95.1% → B（80%以上100%未満）", "Achievement 95.1% → B (80% to under 100%)"),
        ),
        (("B", "B"), ("実績なし → X（未評価）", "No actual → X (Not assessed)")),
        (("C", "C"), ("実績なし → X（未評価）", "No actual → X (Not assessed)")),
    ]


def test_parts_named_in_japanese_keep_the_sentence_japanese():
    parts = {"小学生": _part(85.6), "中学生": _part(70.0)}
    indicator = IndicatorFacts("increase", None, Point(2023, None), components=parts)
    explanation = assess(indicator, 2020, UDA_CONFIG).explanation
    assert both(explanation.result) == ("中学生の評価 → C（60%以上80%未満）", None)


@pytest.mark.parametrize(
    ("config", "formula", "result"),
    [
        (
            MethodConfig("ratio_to_target", UDA, {"components_mean": 1}),
            (
                "区分の平均で評価する：(95.1% + 102.2%) ÷ 2 = 98.6%",
                "The mean of the parts is graded: (95.1% + 102.2%) ÷ 2 = 98.6%",
            ),
            ("平均 98.6% → B（80%以上100%未満）", "Mean 98.6% → B (80% to under 100%)"),
        ),
        (
            MethodConfig("points", PRESETS["sano"].scale, {"components_mean": 1}),
            (
                "区分の平均で評価する：(6点 + 7点) ÷ 2 = 6.5点",
                "The mean of the parts is graded: (6 points + 7 points) ÷ 2 = 6.5 points",
            ),
            ("平均 6.5点 → 6（90%以上）", "Mean 6.5 points → 6 (90% or more)"),
        ),
        (
            MethodConfig("band", PRESETS["nagayo"].scale, {"components_mean": 1}),
            (
                "区分の平均で評価する：(水準1 + 水準3) ÷ 2 = 水準2",
                "The mean of the parts is graded: (level 1 + level 3) ÷ 2 = level 2",
            ),
            ("平均 水準2 → A（基準値超）", "Mean level 2 → A (beyond the baseline)"),
        ),
    ],
)
def test_the_mean_of_the_parts_is_explained_in_its_unit_in_both_languages(config, formula, result):
    parts = {"A": _part(85.6), "B": _part(92.0)}
    indicator = IndicatorFacts("increase", None, Point(2023, None), components=parts)
    explanation = assess(indicator, 2020, config).explanation
    assert (both(explanation.formula), both(explanation.result)) == (formula, result)


def test_parts_none_of_which_can_be_graded_say_so_in_both_languages():
    parts = {"A": _part(None), "B": _part(None)}
    indicator = IndicatorFacts("increase", None, Point(2023, None), components=parts)
    explanation = assess(indicator, 2020, UDA_CONFIG).explanation
    assert both(explanation.formula) == ("評価できる区分がありません", "No part can be graded")
    assert both(explanation.result) == ("実績なし → X（未評価）", "No actual → X (Not assessed)")


def test_a_scale_with_no_labels_and_a_label_typed_in_japanese():
    own = GradeScale("自治体", ((1.0, "A"), (-math.inf, "B")), labels={"B": "もう少し"})
    indicator = facts("increase", None, 1000.0, {2017: 999.0})
    graded = assess(indicator, 2017, MethodConfig("ratio_to_target", own)).explanation
    assert both(graded.result) == ("達成率 99.9% → B（もう少し）", None)
    reached = assess(
        facts("increase", None, 1000.0, {2017: 1000.0}), 2017, MethodConfig("ratio_to_target", own)
    )
    assert both(reached.explanation.result) == ("達成率 100.0% → A", "Achievement 100.0% → A")


def test_a_whole_explanation_is_said_in_english_with_english_punctuation():
    explanation = assess(facts("increase", None, 1.40, {2017: 1.00}), 2017, UDA_CONFIG).explanation
    english = explanation.in_english()
    assert english is not None
    assert (english.lang, english.text()) == (
        "en",
        "Direction: Increase (↑); Target: 1.4 (2019); Actual: 1.0 (2017). "
        "Actual ÷ target = 1.0 ÷ 1.4 = 71.4%. Achievement 71.4% → C (60% to under 80%)",
    )
    assert explanation.text() == (
        "方向：増加（↑）、目標値：1.4（2019）、実績値：1.0（2017）。"
        "実績 ÷ 目標 = 1.0 ÷ 1.4 = 71.4%。達成率 71.4% → C（60%以上80%未満）"
    )


def test_an_explanation_holding_a_label_typed_in_japanese_has_no_english():
    own = GradeScale("自治体", ((1.0, "A"), (-math.inf, "B")), labels={"B": "もう少し"})
    indicator = facts("increase", None, 1000.0, {2017: 999.0})
    assert (
        assess(indicator, 2017, MethodConfig("ratio_to_target", own)).explanation.in_english()
        is None
    )


SERIES = {2014: 0.90, 2015: 0.93, 2016: 1.11, 2017: 1.00}


@pytest.mark.parametrize(
    ("series", "target", "direction", "formula", "result"),
    [
        (
            SERIES,
            1.40,
            "increase",
            (
                "最小二乗法による直線回帰（2014〜2017年度の4時点）：傾き +0.0480/年、"
                "2019年度の推計値 1.15。年平均成長率（2014→2017）= (1.00 ÷ 0.90)^(1/3) − 1 = 3.6%、"
                "2019年度の推計値 = 1.00 × (1 + 3.6%)^2 = 1.07",
                "Least-squares line (FY2014–FY2017, 4 points): slope +0.0480 a year, projection"
                " for FY2019 1.15. Compound annual growth (2014→2017) = (1.00 ÷ 0.90)^(1/3) − 1"
                " = 3.6%, projection for FY2019 = 1.00 × (1 + 3.6%)^2 = 1.07",
            ),
            (
                "達成困難見込み（目標 1.40 以上が達成）",
                "Unlikely to be met (the target is met at 1.40 or more)",
            ),
        ),
        (
            {2014: 300, 2015: 385, 2016: 245, 2017: 205},
            150,
            "decrease",
            (
                "最小二乗法による直線回帰（2014〜2017年度の4時点）：傾き -42.50/年、"
                "2019年度の推計値 135。年平均成長率（2014→2017）= (205 ÷ 300)^(1/3) − 1 = -11.9%、"
                "2019年度の推計値 = 205 × (1 − 11.9%)^2 = 159",
                "Least-squares line (FY2014–FY2017, 4 points): slope -42.50 a year, projection"
                " for FY2019 135. Compound annual growth (2014→2017) = (205 ÷ 300)^(1/3) − 1"
                " = -11.9%, projection for FY2019 = 205 × (1 − 11.9%)^2 = 159",
            ),
            (
                "達成見込み（目標 150 以下が達成）",
                "Likely to be met (the target is met at 150 or less)",
            ),
        ),
        (
            {2014: 300, 2015: 250, 2016: 140},
            150,
            "decrease",
            (
                "最小二乗法による直線回帰（2014〜2016年度の3時点）：傾き -80.00/年、"
                "2019年度の推計値 -90。年平均成長率（2014→2016）= (140 ÷ 300)^(1/2) − 1 = -31.7%、"
                "2019年度の推計値 = 140 × (1 − 31.7%)^3 = 45",
                "Least-squares line (FY2014–FY2016, 3 points): slope -80.00 a year, projection"
                " for FY2019 -90. Compound annual growth (2014→2016) = (140 ÷ 300)^(1/2) − 1"
                " = -31.7%, projection for FY2019 = 140 × (1 − 31.7%)^3 = 45",
            ),
            ("既に達成（目標 150 以下が達成）", "Already met (the target is met at 150 or less)"),
        ),
        (
            {2019: -300, 2020: -250, 2021: -200},
            -100,
            "increase",
            (
                "最小二乗法による直線回帰（2019〜2021年度の3時点）：傾き +50.00/年、"
                "2019年度の推計値 -300。年平均成長率：0以下の値を含むため計算できません",
                "Least-squares line (FY2019–FY2021, 3 points): slope +50.00 a year, projection"
                " for FY2019 -300. Compound annual growth: not computed, a value is zero or less",
            ),
            (
                "達成困難見込み（目標 -100 以上が達成）",
                "Unlikely to be met (the target is met at -100 or more)",
            ),
        ),
        (
            {2015: 1.0, 2016: 1.1},
            1.4,
            "increase",
            (
                "推計には3時点以上の実績が必要です（2時点）",
                "A projection needs actuals for at least 3 years (2 given)",
            ),
            ("推計不能", "Cannot be projected"),
        ),
        (
            SERIES,
            1.40,
            "qualitative",
            (
                "定性的な目標は数値で推計できません",
                "A qualitative target cannot be projected in numbers",
            ),
            ("推計不能", "Cannot be projected"),
        ),
    ],
)
def test_every_forecast_is_explained_in_both_languages(series, target, direction, formula, result):
    explanation = forecast(series, 2019, target, direction).explanation
    assert (both(explanation.formula), both(explanation.result)) == (formula, result)


def test_a_forecast_lists_its_actuals_and_target_in_both_languages():
    assert inputs(forecast(SERIES, 2019, 1.40, "increase").explanation) == [
        (
            ("実績", "Actual"),
            (
                "2014: 0.90、2015: 0.93、2016: 1.11、2017: 1.00",
                "2014: 0.90, 2015: 0.93, 2016: 1.11, 2017: 1.00",
            ),
        ),
        (("目標値", "Target"), ("1.40（2019）", "1.40 (2019)")),
    ]
    assert inputs(forecast({}, 2019, 1.40, "increase").explanation)[0] == (
        ("実績", "Actual"),
        ("なし", "None"),
    )


@pytest.mark.parametrize(
    ("config", "weighted", "rule"),
    [
        (
            PRESETS["uda"],
            False,
            (
                "評価済みの指標のうち A・B の割合。未評価（X）は分母に含めない",
                "Share of A and B among the assessed indicators; unassessed (X) ones are left out",
            ),
        ),
        (
            PRESETS["sano"],
            True,
            (
                "評価済みの指標のうち 7・6・5 の割合"
                "（重み付き。重みは評価済みの指標の合計が1になるよう正規化）。"
                "未評価（X）は分母に含めない",
                "Share of 7, 6 and 5 among the assessed indicators (weighted; the weights are"
                " rescaled to sum to 1 over the assessed indicators); unassessed (X) ones are left"
                " out",
            ),
        ),
        (
            MethodConfig("ratio_to_target", GradeScale("S", ((0.0, "A"),))),
            False,
            (
                "評価済みの指標のうち （なし） の割合。未評価（X）は分母に含めない",
                "Share of (none) among the assessed indicators; unassessed (X) ones are left out",
            ),
        ),
        (
            PRESETS["open_sdg"],
            False,
            ("評価済みの指標のうち 順調 の割合。未評価（X）は分母に含めない", None),
        ),
    ],
)
def test_the_rule_of_a_roll_up_is_said_in_both_languages(config, weighted, rule):
    assert both(rule_text(config.scale, weighted)) == rule


def test_a_sentence_is_its_japanese_and_keeps_its_english_when_pickled():
    text = assess(TFR, 2017, UDA_CONFIG).explanation.result
    assert text == "達成率 71.4% → C（60%以上80%未満）" and isinstance(text, str)
    copy = pickle.loads(pickle.dumps(text))
    assert (copy, in_language(copy, "en")) == (text, "Achievement 71.4% → C (60% to under 80%)")


@pytest.mark.parametrize(
    ("text", "english"),
    [
        ("60%以上80%未満", "60% to under 80%"),
        ("未評価", "Not assessed"),
        ("Open SDG", "Open SDG"),
        ("宇陀市", None),
        ("", ""),
    ],
)
def test_text_the_domain_did_not_build_is_english_when_a_preset_label_or_typed_so(text, english):
    assert (in_language(text, "ja"), in_language(text, "en")) == (text, english)


def test_every_label_of_a_preset_scale_has_its_english():
    labels = {label for config in PRESETS.values() for label in config.scale.labels.values()}
    assert labels == set(LABELS)


def test_every_phrase_fills_the_same_values_in_both_languages():
    def names(template: str) -> set[str]:
        return set(re.findall(r"{(\w+)}", template))

    assert [key for key, (ja, en) in PHRASES.items() if names(ja) != names(en)] == []


def test_a_list_is_joined_in_each_language():
    assert both(Text.joined("grades", ["A", "B", "C"])) == ("A・B・C", "A, B and C")
    assert both(Text.joined("list", ["1", "2"])) == ("1、2", "1, 2")
    assert both(Text.joined("parts", ["x"])) == ("x", "X")
    assert set(JOINS) == {"list", "parts", "grades", "sum"}
