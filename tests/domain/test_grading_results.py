"""Grades with a plan's own scale (no labels), the one-word result of a level method, and a
method configuration read from stored data, refused saying what is accepted.

The indicators are fictional test data, not any city's figures.
"""

from __future__ import annotations

import math

import pytest

from shisaku.domain.assessment import (
    PRESETS,
    Assessment,
    Explanation,
    GradeScale,
    IndicatorFacts,
    MethodConfig,
    Point,
    assess,
)

OWN = GradeScale("自治体", ((1.0, "A"), (-math.inf, "B")))
TARGET = IndicatorFacts("increase", None, Point(2030, 1000.0), actuals={2026: Point(2026, 999.0)})


def test_a_scale_without_labels_gives_the_grade_without_parentheses():
    assert assess(TARGET, 2026, MethodConfig("ratio_to_target", OWN)) == Assessment(
        "B",
        0.999,
        Explanation(
            {"方向": "増加（↑）", "目標値": "1,000（2030）", "実績値": "999（2026）"},
            "実績 ÷ 目標 = 999 ÷ 1,000 = 99.9%",
            "達成率 99.9% → B",
        ),
        "graded",
        0.999,
        "",
    )


def test_a_year_without_an_actual_names_the_year_and_never_grades_zero():
    assert assess(TARGET, 2027, MethodConfig("ratio_to_target", OWN)) == Assessment(
        "X",
        None,
        Explanation(
            {"評価年度": "2027"},
            "2027年度の実績値がありません（未評価として扱い、0とはみなしません）",
            "実績なし → X",
        ),
        "no_actual",
        None,
        "",
    )


def test_a_result_that_is_the_grade_is_written_once():
    indicator = IndicatorFacts(
        "increase", Point(2018, 80.0), Point(2023, 90.0), actuals={2020: Point(2020, 95.0)}
    )
    result = assess(indicator, 2020, PRESETS["sapporo"])
    assert (result.grade, result.explanation.result) == (
        "既に達成",
        "既に達成（実績が目標値に到達）",
    )


SCALE = OWN.to_dict()
STORED = {"method": "ratio_to_target", "scale": SCALE}
METHODS_ACCEPTED = (
    "ratio_to_target, ratio_to_year_target, progress_from_baseline, pro_rata, band, points, "
    "expectation, growth_rate"
)


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (
            {"method": "x", "scale": SCALE},
            f"評価方法 'x' は登録されていません。使える方法: {METHODS_ACCEPTED}",
        ),
        ({"scale": SCALE}, f"評価方法 '' は登録されていません。使える方法: {METHODS_ACCEPTED}"),
        ({**STORED, "params": [1]}, "評価設定の params は {名前: 数値} にしてください"),
        (
            {**STORED, "params": {"zz": 1}},
            "評価方法 'ratio_to_target' にパラメータ 'zz' はありません。"
            "使えるもの: maintain_side, components_mean",
        ),
        (
            {**STORED, "params": {"components_mean": "1"}},
            "パラメータ 'components_mean' は数値にしてください（'1'）",
        ),
    ],
)
def test_a_stored_method_configuration_is_refused_saying_what_is_accepted(data, message):
    with pytest.raises(ValueError) as refused:
        MethodConfig.from_dict(data)
    assert str(refused.value) == message


def test_a_stored_method_configuration_without_a_scale_is_refused():
    with pytest.raises(ValueError) as refused:
        MethodConfig.from_dict({"method": "ratio_to_target"})
    assert str(refused.value) == "評価設定に scale（評価尺度）がありません"
