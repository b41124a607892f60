"""What a grade says about itself: the whole explanation of qualitative targets, targets
compared with another series, multi-part indicators none of whose parts can be graded, and
negative terms in a formula. Each case asserts the complete result, not a phrase of it.

The indicators are fictional test data, not any city's figures.
"""

from __future__ import annotations

import pytest

from shisaku.domain.assessment import (
    PRESETS,
    Assessment,
    Explanation,
    IndicatorFacts,
    MethodConfig,
    Point,
    assess,
)

UDA = PRESETS["uda"]


def _qualitative(target: str, actual: str) -> IndicatorFacts:
    return IndicatorFacts(
        "qualitative", None, Point(2023, None, target), actuals={2021: Point(2021, None, actual)}
    )


@pytest.mark.parametrize(
    ("target", "actual", "expected"),
    [
        (
            "策定",
            "策定",
            Assessment(
                "A",
                1.0,
                Explanation(
                    {"方向": "定性", "目標": "策定（2023）", "実績": "策定（2021）"},
                    "定性目標：実績「策定」＝目標「策定」 → 達成（100%）",
                    "達成（100%） → A（100%以上）",
                ),
                "graded",
                1.0,
                "100%以上",
            ),
        ),
        (
            "策定",
            "検討中",
            Assessment(
                "D",
                0.0,
                Explanation(
                    {"方向": "定性", "目標": "策定（2023）", "実績": "検討中（2021）"},
                    "定性目標：実績「検討中」≠目標「策定」 → 未達成（0%）",
                    "未達成（0%） → D（60%未満）",
                ),
                "graded",
                0.0,
                "60%未満",
            ),
        ),
        (
            " ",
            "策定",
            Assessment(
                "X",
                None,
                Explanation(
                    {"方向": "定性", "目標": " （2023）", "実績": "策定（2021）"},
                    "目標の記述（例：策定）がありません",
                    "評価対象外 → X（未評価）",
                ),
                "not_applicable",
                None,
                "未評価",
            ),
        ),
    ],
)
def test_a_qualitative_target_explains_itself_in_full(target, actual, expected):
    assert assess(_qualitative(target, actual), 2021, UDA) == expected


def test_a_named_target_with_no_comparator_that_year_is_not_applicable_in_full():
    indicator = IndicatorFacts(
        "increase",
        Point(2022, 1.12),
        Point(2032, None, "全国値"),
        actuals={2023: Point(2023, 1.06)},
        comparator={2022: 1.26},
    )
    assert assess(indicator, 2023, UDA) == Assessment(
        "X",
        None,
        Explanation(
            {"目標値": "全国値（2032）", "評価年度": "2023"},
            "比較する全国値がありません",
            "評価対象外 → X（未評価）",
        ),
        "not_applicable",
        None,
        "未評価",
    )


def _part(actual: float | None) -> IndicatorFacts:
    actuals = {} if actual is None else {2020: Point(2020, actual)}
    return IndicatorFacts("increase", Point(2018, 80.0), Point(2023, 90.0), actuals=actuals)


def test_parts_none_of_which_can_be_graded_make_the_whole_not_applicable():
    parts = {"A地区": _qualitative(" ", "策定"), "B地区": _part(None)}
    indicator = IndicatorFacts("increase", None, Point(2023, None), components=parts)
    assert assess(indicator, 2021, UDA) == Assessment(
        "X",
        None,
        Explanation(
            {"A地区": "評価対象外 → X（未評価）", "B地区": "実績なし → X（未評価）"},
            "評価できる区分がありません",
            "評価対象外 → X（未評価）",
        ),
        "not_applicable",
        None,
        "未評価",
    )


def test_the_worst_part_names_every_part_it_leaves_out():
    parts = {"A地区": _part(85.6), "B地区": _part(None), "C地区": _part(None)}
    result = assess(
        IndicatorFacts("increase", None, Point(2023, None), components=parts), 2020, UDA
    )
    assert result.explanation.formula == (
        "区分ごとに評価し、最も低い区分（A地区）の評価を全体の評価とする"
        "（評価できない区分 B地区・C地区 を除く）"
    )
    assert result.explanation.result == "A地区の評価 → B（80%以上100%未満）"
    assert (result.status, result.grade, result.score, result.label) == (
        "graded",
        "B",
        0.951,
        "80%以上100%未満",
    )


@pytest.mark.parametrize(
    ("baseline", "target", "actual", "formula"),
    [
        (
            -300.0,
            -100.0,
            -200.0,
            "(実績 − 基準) ÷ (目標 − 基準) = ((-200) − (-300)) ÷ ((-100) − (-300)) = 50.0%",
        ),
        (
            -0.5,
            0.5,
            0.0,
            "(実績 − 基準) ÷ (目標 − 基準) = (0.0 − (-0.5)) ÷ (0.5 − (-0.5)) = 50.0%",
        ),
    ],
)
def test_negative_terms_of_a_formula_are_in_parentheses_and_zero_is_not(
    baseline, target, actual, formula
):
    indicator = IndicatorFacts(
        "increase", Point(2018, baseline), Point(2023, target), actuals={2020: Point(2020, actual)}
    )
    result = assess(indicator, 2020, MethodConfig("progress_from_baseline", UDA.scale))
    assert result.explanation.formula == formula


def test_an_explanation_reads_as_one_paragraph():
    explanation = Explanation({"基準値": "0.90（2014）", "実績値": "1.11（2016）"}, "式", "結果")
    assert explanation.text() == "基準値：0.90（2014）、実績値：1.11（2016）。式。結果"
