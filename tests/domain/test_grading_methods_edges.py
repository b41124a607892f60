"""Every grading method at its edges, with the whole explanation it gives.

Each case calls a registered method on one indicator in one year and asserts the score and
the complete explanation (inputs, formula with the numbers put in, result line): on a
threshold and one published step (0.1 percentage point) below it, at 100 % and 99.9 %, with
a zero or negative value, without a baseline, before or after the plan period, and when the
method cannot be applied (the reason is the formula). The indicators are fictional test
data, not any city's figures.
"""

from __future__ import annotations

from typing import Any

import pytest

from shisaku.domain.assessment_methods import METHODS
from shisaku.domain.assessment_scales import Explanation, IndicatorFacts, Point
from shisaku.domain.explain import in_language

UP, DOWN = "増加（↑）", "減少（↓）"
UNGRADED = "評価対象外"
SAME = "目標値が基準値と同じため、実績が目標値を満たすかで判定："


def facts(
    direction: Any = "increase",
    baseline: tuple[int, float | None] | None = (2020, 100),
    target: tuple[int, float] = (2025, 200),
    actuals: Any = (),
    **kw: Any,
) -> IndicatorFacts:
    """Build facts from (year, value) pairs; a None value is a published 「-」."""
    return IndicatorFacts(
        direction=direction,
        baseline=None if baseline is None else Point(*baseline),
        target=Point(*target),
        actuals={year: Point(year, value) for year, value in actuals},
        **kw,
    )


def shown(
    actual: str,
    year: int = 2023,
    base: str | None = "100",
    target: str = "200",
    direction: str = UP,
    base_year: int = 2020,
) -> dict[str, str]:
    """The inputs an explanation lists, as the indicator publishes them."""
    inputs = {"方向": direction}
    if base is not None:
        inputs["基準値"] = f"{base}（{base_year}）"
    return {**inputs, "目標値": f"{target}（2025）", "実績値": f"{actual}（{year}）"}


def base_inputs_of(indicator: IndicatorFacts, year: int = 2023) -> dict[str, str]:
    """The inputs of a graded explanation of these facts, with the decimals they publish."""
    base = indicator.baseline
    direction = DOWN if indicator.direction == "decrease" else UP
    actual = f"{indicator.actuals[year].value:.{indicator.decimals}f}"
    return shown(
        actual,
        year,
        base=None if base is None else f"{base.value:.{indicator.decimals}f}",
        target=f"{indicator.target.value:.{indicator.decimals}f}",
        direction=direction,
        base_year=2020 if base is None else base.year,
    )


def measure(
    method: str, indicator: IndicatorFacts, year: int = 2023, **params: float
) -> tuple[float | None, Explanation]:
    return METHODS[method](indicator, year, params)


def ungraded(why: str, inputs: dict[str, str] | None = None) -> tuple[None, Explanation]:
    return None, Explanation(inputs or {}, why, UNGRADED)


# --- what no method can grade --------------------------------------------------------------


@pytest.mark.parametrize("method", sorted(METHODS))
def test_no_method_grades_a_year_without_an_actual(method):
    assert measure(method, facts(actuals=[(2022, 150)])) == ungraded("実績値がありません")
    assert measure(method, facts(actuals=[(2023, None)])) == ungraded(
        "実績値がありません", {"実績値": "—（2023）"}
    )


@pytest.mark.parametrize("method", sorted(set(METHODS) - {"ratio_to_year_target"}))
def test_no_method_grades_against_a_target_that_is_not_a_number(method):
    # (ratio_to_year_target reads the target published for the year, tested below)
    indicator = IndicatorFacts(
        "increase", Point(2020, 100), Point(2025, None, "全国値"), actuals={2023: Point(2023, 150)}
    )
    assert measure(method, indicator) == ungraded(
        "目標値が数値ではありません", {"実績値": "150（2023）"}
    )


@pytest.mark.parametrize(
    ("method", "why"),
    [
        ("progress_from_baseline", "基準値がないため、進捗率は計算できません"),
        ("pro_rata", "基準値がないため、按分した進捗は計算できません"),
        ("band", "基準値がないため、基準値との比較はできません"),
        ("growth_rate", "成長率の計算には、評価年度・目標年度より前の基準値が必要です"),
    ],
)
def test_a_baseline_published_as_a_dash_is_no_baseline(method, why):
    indicator = facts(baseline=(2020, None), actuals=[(2023, 150)])
    score, explanation = measure(method, indicator)
    assert (score, explanation.formula, explanation.result) == (None, why, UNGRADED)


# --- 達成率: 実績 ÷ 目標 (目標 ÷ 実績 when lower is better) ---------------------------------

RATIO = [
    (
        "on target",
        facts(actuals=[(2023, 200)]),
        1.0,
        Explanation(shown("200"), "実績 ÷ 目標 = 200 ÷ 200 = 100.0%", "達成率 100.0%"),
    ),
    (
        "one step below the target",
        facts(actuals=[(2023, 199.8)]),
        0.999,
        Explanation(
            shown("199.8", base="100.0", target="200.0"),
            "実績 ÷ 目標 = 199.8 ÷ 200.0 = 99.9%",
            "達成率 99.9%",
        ),
    ),
    (
        "lower is better, on target",
        facts("decrease", (2020, 300), (2025, 150), [(2023, 150)]),
        1.0,
        Explanation(
            shown("150", base="300", target="150", direction=DOWN),
            "目標 ÷ 実績 = 150 ÷ 150 = 100.0%",
            "達成率 100.0%",
        ),
    ),
    (
        "lower is better, one step short",
        facts("decrease", (2020, 300), (2025, 150), [(2023, 150.2)]),
        0.999,
        Explanation(
            shown("150.2", base="300.0", target="150.0", direction=DOWN),
            "目標 ÷ 実績 = 150.0 ÷ 150.2 = 99.9%",
            "達成率 99.9%",
        ),
    ),
    (
        "an actual of zero when higher is better",
        facts(actuals=[(2023, 0)]),
        0.0,
        Explanation(shown("0"), "実績 ÷ 目標 = 0 ÷ 200 = 0.0%", "達成率 0.0%"),
    ),
    (
        "an actual of zero when lower is better",
        facts("decrease", (2020, 300), (2025, 150), [(2023, 0)]),
        2.0,
        Explanation(
            shown("0", base="300", target="150", direction=DOWN),
            "実績値が0のため「目標 ÷ 実績」は使えず、基準値からの進捗率で評価します："
            "(実績 − 基準) ÷ (目標 − 基準) = (0 − 300) ÷ (150 − 300) = 200.0%",
            "達成率 200.0%",
        ),
    ),
    (
        "a target of zero to reach from below",
        facts("increase", (2020, -10), (2025, 0), [(2023, -5)]),
        0.5,
        Explanation(
            shown("-5", base="-10", target="0"),
            "目標値が0のため「実績 ÷ 目標」は使えず、基準値からの進捗率で評価します："
            "(実績 − 基準) ÷ (目標 − 基準) = ((-5) − (-10)) ÷ (0 − (-10)) = 50.0%",
            "達成率 50.0%",
        ),
    ),
    (
        "a target of zero passed from below",
        facts("increase", (2020, -10), (2025, 0), [(2023, 2)]),
        1.2,
        Explanation(
            shown("2", base="-10", target="0"),
            "目標値が0のため「実績 ÷ 目標」は使えず、基準値からの進捗率で評価します："
            "(実績 − 基準) ÷ (目標 − 基準) = (2 − (-10)) ÷ (0 − (-10)) = 120.0%",
            "達成率 120.0%",
        ),
    ),
    (
        "rates below one",
        facts("increase", (2020, 0.3), (2025, 0.9), [(2023, 0.45)]),
        0.5,
        Explanation(
            shown("0.45", base="0.30", target="0.90"),
            "実績 ÷ 目標 = 0.45 ÷ 0.90 = 50.0%",
            "達成率 50.0%",
        ),
    ),
    (
        "rates below one, lower is better",
        facts("decrease", (2020, 1.0), (2025, 0.5), [(2023, 0.8)]),
        0.625,
        Explanation(
            shown("0.8", base="1.0", target="0.5", direction=DOWN),
            "目標 ÷ 実績 = 0.5 ÷ 0.8 = 62.5%",
            "達成率 62.5%",
        ),
    ),
    (
        "a negative actual against a positive target",
        facts("increase", (2020, -20), (2025, 20), [(2023, -5)]),
        0.375,
        Explanation(
            shown("-5", base="-20", target="20"),
            "負の値を含むため「実績 ÷ 目標」は使えず、基準値からの進捗率で評価します："
            "(実績 − 基準) ÷ (目標 − 基準) = ((-5) − (-20)) ÷ (20 − (-20)) = 37.5%",
            "達成率 37.5%",
        ),
    ),
    (
        "a negative target when lower is better",
        facts("decrease", (2020, 0), (2025, -40), [(2023, -10)]),
        0.25,
        Explanation(
            shown("-10", base="0", target="-40", direction=DOWN),
            "負の値を含むため「目標 ÷ 実績」は使えず、基準値からの進捗率で評価します："
            "(実績 − 基準) ÷ (目標 − 基準) = ((-10) − 0) ÷ ((-40) − 0) = 25.0%",
            "達成率 25.0%",
        ),
    ),
    (
        "reduce to zero, no baseline, not reached",
        facts("decrease", None, (2025, 0), [(2023, 10)]),
        0.0,
        Explanation(
            shown("10", base=None, target="0", direction=DOWN),
            "目標値が0のため「目標 ÷ 実績」は使えず、基準値もないため、実績が目標値を満たすかで"
            "判定：実績 10 > 目標 0 → 未達成（0%）",
            "達成率 0.0%",
        ),
    ),
    (
        "reduce to zero, no baseline, reached",
        facts("decrease", None, (2025, 0), [(2023, 0)]),
        1.0,
        Explanation(
            shown("0", base=None, target="0", direction=DOWN),
            "目標値が0のため「目標 ÷ 実績」は使えず、基準値もないため、実績が目標値を満たすかで"
            "判定：実績 0 ≦ 目標 0 → 達成（100%）",
            "達成率 100.0%",
        ),
    ),
    (
        "zero kept at zero, missed",
        facts("decrease", (2020, 0), (2025, 0), [(2023, 2)]),
        0.0,
        Explanation(
            shown("2", base="0", target="0", direction=DOWN),
            "目標値が0のため「目標 ÷ 実績」は使えず、目標値が基準値と同じため、実績が目標値を"
            "満たすかで判定：実績 2 > 目標 0 → 未達成（0%）",
            "達成率 0.0%",
        ),
    ),
    (
        "a rank, whatever the direction says",
        facts("increase", (2020, 13), (2025, 10), [(2023, 12)], rank=True),
        0.833,
        Explanation(
            shown("12", base="13", target="10", direction="順位（小さいほど良い）"),
            "目標 ÷ 実績 = 10 ÷ 12 = 83.3%",
            "達成率 83.3%",
        ),
    ),
    (
        "a maintained rate just under it",
        facts("maintain", (2020, 80), (2025, 80), [(2023, 79)]),
        0.988,
        Explanation(
            shown("79", base="80", target="80", direction="維持"),
            "実績 ÷ 目標 = 79 ÷ 80 = 98.8%",
            "達成率 98.8%",
        ),
    ),
    (
        "a running sum",
        facts("increase", (2020, 0), (2025, 100), [(2022, 10), (2023, 20.5)], cumulative=True),
        0.305,
        Explanation(
            {
                "方向": UP,
                "基準値": "0.0（2020）",
                "目標値": "100.0（2025）",
                "実績値": "30.5（2023、累計）",
            },
            "実績 ÷ 目標 = 30.5 ÷ 100.0 = 30.5%",
            "達成率 30.5%",
        ),
    ),
    (
        "the published decimals",
        facts(actuals=[(2023, 150)], decimals=2),
        0.75,
        Explanation(
            shown("150.00", base="100.00", target="200.00"),
            "実績 ÷ 目標 = 150.00 ÷ 200.00 = 75.0%",
            "達成率 75.0%",
        ),
    ),
    ("no actual that year", facts(actuals=[(2022, 150)]), *ungraded("実績値がありません")),
    (
        "a published dash",
        facts(actuals=[(2023, None)]),
        *ungraded("実績値がありません", {"実績値": "—（2023）"}),
    ),
    (
        "a target that is not a number",
        IndicatorFacts(
            "increase",
            Point(2020, 100),
            Point(2025, None, "全国値"),
            actuals={2023: Point(2023, 150)},
        ),
        *ungraded("目標値が数値ではありません", {"実績値": "150（2023）"}),
    ),
]


@pytest.mark.parametrize(
    ("indicator", "score", "explanation"), [c[1:] for c in RATIO], ids=[c[0] for c in RATIO]
)
def test_ratio_to_target(indicator, score, explanation):
    assert measure("ratio_to_target", indicator) == (score, explanation)


# --- 進捗率: (実績 − 基準) ÷ (目標 − 基準) -------------------------------------------------

PROGRESS = [
    (
        "half way",
        facts(actuals=[(2023, 150)]),
        0.5,
        "(実績 − 基準) ÷ (目標 − 基準) = (150 − 100) ÷ (200 − 100) = 50.0%",
        "進捗率 50.0%",
    ),
    (
        "all the way",
        facts(actuals=[(2023, 200)]),
        1.0,
        "(実績 − 基準) ÷ (目標 − 基準) = (200 − 100) ÷ (200 − 100) = 100.0%",
        "進捗率 100.0%",
    ),
    (
        "one step short",
        facts(actuals=[(2023, 199.9)]),
        0.999,
        "(実績 − 基準) ÷ (目標 − 基準) = (199.9 − 100.0) ÷ (200.0 − 100.0) = 99.9%",
        "進捗率 99.9%",
    ),
    (
        "a target the baseline already meets, still met",
        facts(baseline=(2020, 250), actuals=[(2023, 240)]),
        1.0,
        "目標値は基準値の時点で達成済みのため、実績が目標値を満たすかで判定："
        "実績 240 ≧ 目標 200 → 達成（100%）",
        "進捗率 100.0%",
    ),
    (
        "a target the baseline already meets, lost",
        facts(baseline=(2020, 250), actuals=[(2023, 190)]),
        0.0,
        "目標値は基準値の時点で達成済みのため、実績が目標値を満たすかで判定："
        "実績 190 < 目標 200 → 未達成（0%）",
        "進捗率 0.0%",
    ),
    (
        "a decrease target the baseline already meets, lost",
        facts("decrease", (2020, 80), (2025, 100), [(2023, 110)]),
        0.0,
        "目標値は基準値の時点で達成済みのため、実績が目標値を満たすかで判定："
        "実績 110 > 目標 100 → 未達成（0%）",
        "進捗率 0.0%",
    ),
    (
        "a target equal to the baseline, lower is better, missed",
        facts("decrease", (2020, 200), (2025, 200), [(2023, 201)]),
        0.0,
        f"{SAME}実績 201 > 目標 200 → 未達成（0%）",
        "進捗率 0.0%",
    ),
    (
        "no baseline",
        facts(baseline=None, actuals=[(2023, 150)]),
        None,
        "基準値がないため、進捗率は計算できません",
        UNGRADED,
    ),
]


@pytest.mark.parametrize(
    ("indicator", "score", "formula", "result"),
    [c[1:] for c in PROGRESS],
    ids=[c[0] for c in PROGRESS],
)
def test_progress_from_baseline(indicator, score, formula, result):
    got_score, explanation = measure("progress_from_baseline", indicator)
    assert (got_score, explanation.formula, explanation.result) == (score, formula, result)
    assert explanation.inputs == base_inputs_of(indicator)


# --- その年度の目標値に対する達成率 ---------------------------------------------------------


def test_ratio_to_year_target_reads_the_target_published_for_that_year():
    indicator = facts(actuals=[(2023, 150)], year_targets={2023: 160})
    assert measure("ratio_to_year_target", indicator) == (
        0.938,
        Explanation(
            {**shown("150"), "2023年度の目標値": "160"},
            "実績 ÷ 年度目標 = 150 ÷ 160 = 93.8%",
            "達成率 93.8%",
        ),
    )


def test_a_year_target_published_for_the_final_year_comes_before_the_final_target():
    indicator = facts(actuals=[(2025, 190)], year_targets={2025: 190})
    assert measure("ratio_to_year_target", indicator, 2025) == (
        1.0,
        Explanation(
            {**shown("190", 2025), "2025年度の目標値": "190"},
            "実績 ÷ 年度目標 = 190 ÷ 190 = 100.0%",
            "達成率 100.0%",
        ),
    )


def test_the_final_year_is_held_to_the_final_target_unmarked():
    assert measure("ratio_to_year_target", facts(actuals=[(2025, 150)]), 2025) == (
        0.75,
        Explanation(
            {**shown("150", 2025), "2025年度の目標値": "200"},
            "実績 ÷ 年度目標 = 150 ÷ 200 = 75.0%",
            "達成率 75.0%",
        ),
    )


@pytest.mark.parametrize(
    ("year_targets", "baseline", "year", "target", "score"),
    [
        ({}, (2020, 100), 2023, "160（補間）", 0.938),  # baseline 2020 → final target 2025
        ({2022: 130}, (2020, 100), 2023, "153（補間）", 0.978),  # the nearest years around
        ({2021: 110}, None, 2023, "155（補間）", 0.968),  # no baseline: 2021 → 2025
        ({2024: 150}, (2020, 100), 2023, "138（補間）", 1.091),  # 100 (2020) → 150 (2024)
    ],
)
def test_ratio_to_year_target_interpolates_when_asked(year_targets, baseline, year, target, score):
    indicator = facts(baseline=baseline, actuals=[(year, 150)], year_targets=year_targets)
    got, explanation = measure("ratio_to_year_target", indicator, year, interpolate=1)
    assert (got, explanation.inputs[f"{year}年度の目標値"]) == (score, target)


@pytest.mark.parametrize(
    ("indicator", "year", "params", "why"),
    [
        (
            facts(actuals=[(2023, 150)]),
            2023,
            {},
            "2023年度の目標値がありません（補間するには interpolate = 1）",
        ),
        (
            facts(actuals=[(2023, 150)]),
            2023,
            {"interpolate": 2},
            "2023年度の目標値がありません（補間するには interpolate = 1）",
        ),
        (facts(actuals=[(2027, 150)]), 2027, {"interpolate": 1}, "2027年度の目標値がありません"),
        (
            facts(baseline=None, actuals=[(2023, 150)]),
            2023,
            {"interpolate": 1},
            "2023年度の目標値がありません",
        ),
        (
            facts(baseline=(2020, None), actuals=[(2023, 150)]),
            2023,
            {"interpolate": 1},
            "2023年度の目標値がありません",
        ),
    ],
)
def test_ratio_to_year_target_without_a_target_for_the_year(indicator, year, params, why):
    assert measure("ratio_to_year_target", indicator, year, **params) == ungraded(
        why, {"実績値": f"150（{year}）"}
    )


def test_ratio_to_year_target_without_an_actual():
    assert measure("ratio_to_year_target", facts(), 2023) == ungraded("実績値がありません")
    assert measure("ratio_to_year_target", facts(actuals=[(2023, None)])) == ungraded(
        "実績値がありません", {"実績値": "—（2023）"}
    )


def test_ratio_to_year_target_shows_the_published_decimals():
    indicator = facts(actuals=[(2023, 150)], year_targets={2023: 160}, decimals=2)
    assert measure("ratio_to_year_target", indicator) == (
        0.938,
        Explanation(
            {**shown("150.00", base="100.00", target="200.00"), "2023年度の目標値": "160.00"},
            "実績 ÷ 年度目標 = 150.00 ÷ 160.00 = 93.8%",
            "達成率 93.8%",
        ),
    )


def test_ratio_to_year_target_names_the_year_target_when_no_ratio_can_be_used():
    indicator = facts("decrease", (2020, 300), (2025, 150), [(2023, 0)], year_targets={2023: 200})
    assert measure("ratio_to_year_target", indicator) == (
        3.0,
        Explanation(
            {**shown("0", base="300", target="150", direction=DOWN), "2023年度の目標値": "200"},
            "実績値が0のため「年度目標 ÷ 実績」は使えず、基準値からの進捗率で評価します："
            "(実績 − 基準) ÷ (年度目標 − 基準) = (0 − 300) ÷ (200 − 300) = 300.0%",
            "達成率 300.0%",
        ),
    )


@pytest.mark.parametrize(
    ("baseline", "actual", "reason"),
    [
        (None, 10, "基準値もないため"),
        ((2020, 0), 2, "年度目標値が基準値と同じため"),
    ],
)
def test_a_year_target_of_zero_is_met_or_not_and_named_as_the_year_target(baseline, actual, reason):
    indicator = facts("decrease", baseline, (2025, 0), [(2023, actual)], year_targets={2023: 0})
    score, explanation = measure("ratio_to_year_target", indicator)
    assert (score, explanation.formula) == (
        0.0,
        f"年度目標値が0のため「年度目標 ÷ 実績」は使えず、{reason}、実績が目標値を満たすかで"
        f"判定：実績 {actual} > 年度目標 0 → 未達成（0%）",
    )


# --- 按分進捗率: year n of N is held to n/N of the way -------------------------------------

PRO_RATA = [
    (
        "year 3 of 5",
        facts(actuals=[(2023, 150)]),
        2023,
        0.833,
        "進捗率 ÷ (経過年数 ÷ 計画年数) = (150 − 100) ÷ (200 − 100) ÷ (3 ÷ 5) = 50.0% ÷ 60.0%"
        " = 83.3%",
    ),
    (
        "the first year, exactly on pace",
        facts(actuals=[(2021, 120)]),
        2021,
        1.0,
        "進捗率 ÷ (経過年数 ÷ 計画年数) = (120 − 100) ÷ (200 − 100) ÷ (1 ÷ 5) = 20.0% ÷ 20.0%"
        " = 100.0%",
    ),
    (
        "a plan of one year",
        facts(baseline=(2024, 100), actuals=[(2025, 150)]),
        2025,
        0.5,
        "進捗率 ÷ (経過年数 ÷ 計画年数) = (150 − 100) ÷ (200 − 100) ÷ (1 ÷ 1) = 50.0% ÷ 100.0%"
        " = 50.0%",
    ),
    (
        "after the target year, held to the whole way",
        facts(actuals=[(2027, 150)]),
        2027,
        0.5,
        "進捗率 ÷ (経過年数 ÷ 計画年数) = (150 − 100) ÷ (200 − 100) ÷ (5 ÷ 5) = 50.0% ÷ 100.0%"
        " = 50.0%",
    ),
    (
        "negative values",
        facts(baseline=(2020, -100), target=(2025, 0), actuals=[(2022, -70)]),
        2022,
        0.75,
        "進捗率 ÷ (経過年数 ÷ 計画年数) = ((-70) − (-100)) ÷ (0 − (-100)) ÷ (2 ÷ 5) = 30.0%"
        " ÷ 40.0% = 75.0%",
    ),
    (
        "lower is better",
        facts("decrease", (2020, 300), (2025, 150), [(2022, 240)]),
        2022,
        1.0,
        "進捗率 ÷ (経過年数 ÷ 計画年数) = (240 − 300) ÷ (150 − 300) ÷ (2 ÷ 5) = 40.0% ÷ 40.0%"
        " = 100.0%",
    ),
    (
        "the published decimals",
        facts(baseline=(2020, 1.20), target=(2025, 1.50), actuals=[(2023, 1.35)]),
        2023,
        0.833,
        "進捗率 ÷ (経過年数 ÷ 計画年数) = (1.35 − 1.20) ÷ (1.50 − 1.20) ÷ (3 ÷ 5) = 50.0% ÷ 60.0%"
        " = 83.3%",
    ),
    (
        "a decrease target the baseline already meets",
        facts("decrease", (2020, 80), (2025, 100), [(2023, 90)]),
        2023,
        1.0,
        "目標値は基準値の時点で達成済みのため、実績が目標値を満たすかで判定："
        "実績 90 ≦ 目標 100 → 達成（100%）",
    ),
    (
        "a target equal to the baseline",
        facts(baseline=(2020, 200), actuals=[(2023, 150)]),
        2023,
        0.0,
        f"{SAME}実績 150 < 目標 200 → 未達成（0%）",
    ),
    (
        "a decrease target equal to the baseline, kept",
        facts("decrease", (2020, 200), (2025, 200), [(2023, 200)]),
        2023,
        1.0,
        f"{SAME}実績 200 ≦ 目標 200 → 達成（100%）",
    ),
]


@pytest.mark.parametrize(
    ("indicator", "year", "score", "formula"),
    [c[1:] for c in PRO_RATA],
    ids=[c[0] for c in PRO_RATA],
)
def test_pro_rata(indicator, year, score, formula):
    got, explanation = measure("pro_rata", indicator, year)
    shown_score = "評価対象外" if score is None else f"按分進捗率 {score * 100:.1f}%"
    assert (got, explanation.formula, explanation.result) == (score, formula, shown_score)
    assert explanation.inputs == base_inputs_of(indicator, year)


@pytest.mark.parametrize(
    ("indicator", "year", "why"),
    [
        (
            facts(baseline=None, actuals=[(2023, 150)]),
            2023,
            "基準値がないため、按分した進捗は計算できません",
        ),
        (
            facts(actuals=[(2020, 150)]),
            2020,
            "評価年度または目標年度が基準年度より後ではありません",
        ),
        (
            facts(baseline=(2025, 100), actuals=[(2026, 150)]),
            2026,
            "評価年度または目標年度が基準年度より後ではありません",
        ),
    ],
)
def test_pro_rata_cannot_be_applied(indicator, year, why):
    assert measure("pro_rata", indicator, year) == ungraded(why, {"実績値": f"150（{year}）"})


# --- 基準値との比較: 3 target met, 2 better, 1 same, 0 worse ---------------------------------

TEN_PERCENT = "基準値 ± 10%（± 10.0）を同水準とする"

BAND = [
    ("target met", facts(actuals=[(2023, 200)]), {}, 3.0, TEN_PERCENT, "200", "目標値を達成"),
    (
        "just past the band",
        facts(actuals=[(2023, 111)]),
        {},
        2.0,
        TEN_PERCENT,
        "111",
        "基準値より改善",
    ),
    (
        "top of the band",
        facts(actuals=[(2023, 110)]),
        {},
        1.0,
        TEN_PERCENT,
        "110",
        "基準値と同水準",
    ),
    (
        "bottom of the band",
        facts(actuals=[(2023, 90)]),
        {},
        1.0,
        TEN_PERCENT,
        "90",
        "基準値と同水準",
    ),
    (
        "just below the band",
        facts(actuals=[(2023, 89)]),
        {},
        0.0,
        TEN_PERCENT,
        "89",
        "基準値より悪化",
    ),
    (
        "5 % band",
        facts(actuals=[(2023, 106)]),
        {"band_pct": 5},
        2.0,
        "基準値 ± 5%（± 5.0）を同水準とする",
        "106",
        "基準値より改善",
    ),
    (
        "3 points band",
        facts(actuals=[(2023, 103)]),
        {"band_points": 3},
        1.0,
        "基準値 ± 3.0ポイントを同水準とする",
        "103",
        "基準値と同水準",
    ),
    (
        "points before percent",
        facts(actuals=[(2023, 104)]),
        {"band_points": 3, "band_pct": 5},
        2.0,
        "基準値 ± 3.0ポイントを同水準とする",
        "104",
        "基準値より改善",
    ),
]


@pytest.mark.parametrize(
    ("indicator", "params", "level", "rule", "actual", "result"),
    [c[1:] for c in BAND],
    ids=[c[0] for c in BAND],
)
def test_band(indicator, params, level, rule, actual, result):
    assert measure("band", indicator, **params) == (
        level,
        Explanation(shown(actual), f"{rule}：実績 {actual}、基準値 100、目標値 200", result),
    )


def test_band_when_lower_is_better():
    worse = facts("decrease", (2020, 100), (2025, 50), [(2023, 111)])
    better = facts("decrease", (2020, 100), (2025, 50), [(2023, 89)])
    met = facts("decrease", (2020, 100), (2025, 50), [(2023, 50)])
    assert [measure("band", f)[1].result for f in (worse, better, met)] == [
        "基準値より悪化",
        "基準値より改善",
        "目標値を達成",
    ]


def test_band_around_a_negative_baseline_is_as_wide_as_around_a_positive_one():
    indicator = facts(baseline=(2020, -100), target=(2025, -50), actuals=[(2023, -95)])
    assert measure("band", indicator) == (
        1.0,
        Explanation(
            shown("-95", base="-100", target="-50"),
            "基準値 ± 10%（± 10.0）を同水準とする：実績 -95、基準値 -100、目標値 -50",
            "基準値と同水準",
        ),
    )


def test_band_shows_its_width_one_decimal_finer_than_the_values():
    indicator = facts(baseline=(2020, 50.5), target=(2025, 60.0), actuals=[(2023, 53.5)])
    assert measure("band", indicator, band_pct=4)[1].formula == (
        "基準値 ± 4%（± 2.02）を同水準とする：実績 53.5、基準値 50.5、目標値 60.0"
    )
    assert measure("band", indicator, band_points=2.5)[1].formula == (
        "基準値 ± 2.5ポイントを同水準とする：実績 53.5、基準値 50.5、目標値 60.0"
    )


def test_band_without_a_baseline():
    indicator = facts(baseline=None, actuals=[(2023, 105)])
    assert measure("band", indicator) == ungraded(
        "基準値がないため、基準値との比較はできません", {"実績値": "105（2023）"}
    )


# --- 点数: 7..1 points from 達成率 -----------------------------------------------------------

# (actual of a target of 200, points, the floor reached): on each threshold and 0.1 point below
POINTS = [
    (200, 7, "100.0%以上"),
    (199.8, 6, "90.0%以上"),
    (180, 6, "90.0%以上"),
    (179.8, 5, "80.0%以上"),
    (160, 5, "80.0%以上"),
    (159.8, 4, "70.0%以上"),
    (140, 4, "70.0%以上"),
    (139.8, 3, "60.0%以上"),
    (120, 3, "60.0%以上"),
    (119.8, 2, "50.0%以上"),
    (100, 2, "50.0%以上"),
    (99.8, 1, "基準未満"),
]


@pytest.mark.parametrize(("actual", "earned", "floor"), POINTS)
def test_points_on_each_threshold_and_one_step_below(actual, earned, floor):
    indicator = facts(actuals=[(2023, actual)])
    d = indicator.decimals
    ratio = f"{actual / 2:.1f}%"
    formula = f"実績 ÷ 目標 = {actual:.{d}f} ÷ {200:.{d}f} = {ratio}"
    assert measure("points", indicator) == (
        float(earned),
        Explanation(
            shown(f"{actual:.{d}f}", base=f"{100:.{d}f}", target=f"{200:.{d}f}"),
            f"{formula} → 達成率 {ratio} は{floor} → {earned}点",
            f"{earned}点",
        ),
    )


@pytest.mark.parametrize(
    ("actual", "earned", "floor"),
    [
        (150, 7, "75.0%以上"),
        (149.8, 6, "70.0%以上"),
        (139.8, 5, "60.0%以上"),
        (119.8, 2, "50.0%以上"),
    ],
)
def test_points_thresholds_set_by_the_plan(actual, earned, floor):
    # 7 points from 75 %, 6 from 70 %, 5 from 60 %; 4 and 3 keep their floors (70 %, 60 %),
    # which 5 points already takes, so 59.9 % falls through to 2 points (50 %)
    indicator = facts(actuals=[(2023, actual)])
    _, explanation = measure("points", indicator, points_7=0.75, points_6=0.7, points_5=0.6)
    assert explanation.formula.endswith(f"は{floor} → {earned}点")


@pytest.mark.parametrize(
    ("actual", "formula"),
    [
        (
            99.8,
            "Actual ÷ target = 99.8 ÷ 200.0 = 49.9% → achievement 49.9% is under the lowest step"
            " → 1 point",
        ),
        (
            100,
            "Actual ÷ target = 100 ÷ 200 = 50.0% → achievement 50.0% is 50.0% or more → 2 points",
        ),
    ],
)
def test_points_in_english_say_one_point_and_more_points(actual, formula):
    _, explanation = measure("points", facts(actuals=[(2023, actual)]))
    english = (in_language(explanation.formula, "en"), in_language(explanation.result, "en"))
    assert english == (formula, formula.rpartition(" → ")[2])


def test_points_without_an_actual_pass_the_reason_on():
    assert measure("points", facts()) == ungraded("実績値がありません")


# --- 見込み: 2 already met, 1 the trend meets the target in time, 0 it does not ------------


def test_expectation_already_met():
    indicator = facts(actuals=[(2022, 200)], decimals=1)
    assert measure("expectation", indicator, 2022) == (
        2.0,
        Explanation(
            shown("200.0", 2022, base="100.0", target="200.0"),
            "実績 200.0 が目標値を満たしています",
            "既に達成",
        ),
    )


def test_expectation_already_met_shows_a_whole_actual_without_decimals():
    score, explanation = measure("expectation", facts(actuals=[(2022, 210)]), 2022)
    assert (score, explanation.formula) == (2.0, "実績 210 が目標値を満たしています")


def test_expectation_follows_the_trend_of_the_baseline_and_the_actuals():
    likely = facts(actuals=[(2021, 120), (2022, 140)])
    unlikely = facts(actuals=[(2021, 101), (2022, 102)])
    assert measure("expectation", likely, 2022) == (
        1.0,
        Explanation(
            shown("140", 2022),
            "最小二乗法による直線回帰（2020〜2022年度の3時点）：傾き +20.00/年、2025年度の推計値"
            " 200。年平均成長率（2020→2022）= (140 ÷ 100)^(1/2) − 1 = 18.3%、2025年度の推計値 ="
            " 140 × (1 + 18.3%)^3 = 232",
            "達成見込み",
        ),
    )
    assert measure("expectation", unlikely, 2022)[0] == 0.0


def test_expectation_fits_only_the_years_up_to_the_one_graded():
    # 2023 and 2024 would reach the target; graded in 2022 the trend does not
    indicator = facts(actuals=[(2021, 101), (2022, 102), (2023, 180), (2024, 199)])
    score, explanation = measure("expectation", indicator, 2022)
    assert (score, explanation.formula.split("：")[0]) == (
        0.0,
        "最小二乗法による直線回帰（2020〜2022年度の3時点）",
    )


def test_expectation_leaves_out_a_dash_and_a_cumulative_baseline():
    dash = facts(actuals=[(2021, None), (2022, 140), (2023, 160)])
    running = facts(
        "increase", (2020, 0), (2025, 100), [(2021, 10), (2022, 10), (2023, 10)], cumulative=True
    )
    assert measure("expectation", dash)[1].formula.split("：")[0] == (
        "最小二乗法による直線回帰（2020〜2023年度の3時点）"
    )
    assert measure("expectation", running)[1].formula.split("：")[0] == (
        "最小二乗法による直線回帰（2021〜2023年度の3時点）"
    )


def test_expectation_when_lower_is_better():
    indicator = facts("decrease", (2020, 300), (2025, 150), [(2021, 270), (2022, 240)])
    score, explanation = measure("expectation", indicator, 2022)
    assert (score, explanation.result) == (1.0, "達成見込み")
    assert explanation.formula.startswith(
        "最小二乗法による直線回帰（2020〜2022年度の3時点）：傾き -30.00/年、2025年度の推計値 150。"
    )


def test_expectation_needs_three_points():
    indicator = facts(actuals=[(2022, 102)])
    assert measure("expectation", indicator, 2022) == (
        None,
        Explanation(shown("102", 2022), "推計には3時点以上の実績が必要です（2時点）", UNGRADED),
    )


# --- 年平均成長率の比較 (Open SDG) -----------------------------------------------------------

GROWTH = [
    (
        "higher is better",
        facts(actuals=[(2023, 150)]),
        0.973,
        "R = d × 実績の年平均成長率 ÷ |必要な年平均成長率| = +1 × 14.5% ÷ 14.9% = 97.3%"
        "（実績: (150 ÷ 100)^(1/3) − 1、必要: (200 ÷ 100)^(1/5) − 1）",
    ),
    (
        "lower is better",
        facts("decrease", (2020, 200), (2025, 100), [(2023, 150)]),
        0.706,
        "R = d × 実績の年平均成長率 ÷ |必要な年平均成長率| = -1 × -9.1% ÷ 12.9% = 70.6%"
        "（実績: (150 ÷ 200)^(1/3) − 1、必要: (100 ÷ 200)^(1/5) − 1）",
    ),
    (
        "the first year",
        facts(actuals=[(2021, 100)]),
        0.0,
        "R = d × 実績の年平均成長率 ÷ |必要な年平均成長率| = +1 × 0.0% ÷ 14.9% = 0.0%"
        "（実績: (100 ÷ 100)^(1/1) − 1、必要: (200 ÷ 100)^(1/5) − 1）",
    ),
    (
        "a target equal to the baseline, lower is better, missed",
        facts("decrease", (2020, 200), (2025, 200), [(2023, 210)]),
        0.0,
        f"{SAME}実績 210 > 目標 200 → 未達成（0%）",
    ),
]


@pytest.mark.parametrize(
    ("indicator", "score", "formula"), [c[1:] for c in GROWTH], ids=[c[0] for c in GROWTH]
)
def test_growth_rate(indicator, score, formula):
    year = max(indicator.actuals)
    got, explanation = measure("growth_rate", indicator, year)
    assert (got, explanation.formula, explanation.result) == (
        score,
        formula,
        f"比率R {score * 100:.1f}%",
    )
    assert explanation.inputs == base_inputs_of(indicator, year)


@pytest.mark.parametrize(
    ("indicator", "year", "why"),
    [
        (
            facts(baseline=None, actuals=[(2023, 150)]),
            2023,
            "成長率の計算には、評価年度・目標年度より前の基準値が必要です",
        ),
        (
            facts(actuals=[(2020, 150)]),
            2020,
            "成長率の計算には、評価年度・目標年度より前の基準値が必要です",
        ),
        (
            facts(baseline=(2025, 100), actuals=[(2026, 150)]),
            2026,
            "成長率の計算には、評価年度・目標年度より前の基準値が必要です",
        ),
        (
            facts(baseline=(2020, 0), actuals=[(2023, 150)]),
            2023,
            "年平均成長率は正の値でしか計算できません",
        ),
        (
            facts("decrease", (2020, 100), (2025, 0), [(2023, 150)]),
            2023,
            "年平均成長率は正の値でしか計算できません",
        ),
    ],
)
def test_growth_rate_cannot_be_applied(indicator, year, why):
    assert measure("growth_rate", indicator, year) == ungraded(why, {"実績値": f"150（{year}）"})


def test_growth_rate_of_rates_below_one():
    indicator = facts(baseline=(2020, 0.5), target=(2025, 0.9), actuals=[(2023, 0.7)])
    assert measure("growth_rate", indicator) == (
        0.951,
        Explanation(
            shown("0.7", base="0.5", target="0.9"),
            "R = d × 実績の年平均成長率 ÷ |必要な年平均成長率| = +1 × 11.9% ÷ 12.5% = 95.1%"
            "（実績: (0.7 ÷ 0.5)^(1/3) − 1、必要: (0.9 ÷ 0.5)^(1/5) − 1）",
            "比率R 95.1%",
        ),
    )


def test_an_ungraded_year_shows_its_actual_with_the_published_decimals():
    indicator = facts(baseline=None, actuals=[(2023, 150.25)])
    assert measure("growth_rate", indicator) == ungraded(
        "成長率の計算には、評価年度・目標年度より前の基準値が必要です",
        {"実績値": "150.25（2023）"},
    )


def test_growth_rate_with_an_actual_of_zero():
    assert measure("growth_rate", facts(actuals=[(2023, 0)])) == ungraded(
        "年平均成長率は正の値でしか計算できません", {"実績値": "0（2023）"}
    )


def test_growth_rate_past_the_target_is_above_100_percent():
    assert measure("growth_rate", facts(actuals=[(2023, 250)]))[0] == 2.402
