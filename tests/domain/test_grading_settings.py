"""A plan's grading setting, and grades of multi-part indicators in points and levels.

The setting stored with a plan is ``{}`` (the default preset), ``{"preset": NAME}`` or a full
method configuration; anything else is refused saying what is accepted. The indicators are
fictional test data, not any city's figures.
"""

from __future__ import annotations

import pytest

from shisaku.domain.assessment import (
    PRESETS,
    IndicatorFacts,
    MethodConfig,
    Point,
    assess,
    config_from_setting,
)


@pytest.mark.parametrize(
    ("setting", "preset"),
    [({}, "uda"), ({"preset": ""}, "uda"), ({"preset": "sano"}, "sano")],
)
def test_a_setting_names_a_preset_or_takes_the_default(setting, preset):
    assert config_from_setting(setting) == (PRESETS[preset], preset)


def test_a_full_method_setting_is_no_preset():
    assert config_from_setting(PRESETS["tama"].to_dict()) == (PRESETS["tama"], "")


@pytest.mark.parametrize(
    ("setting", "message"),
    [
        ({"presets": "uda"}, "評価設定の presets は使えません（preset か method）"),
        ({"preset": "uda", "x": 1}, "評価設定の x は使えません（preset か method）"),
        (
            {"preset": "kyoto"},
            "評価の既定 'kyoto' はありません。使えるもの: "
            "aomori, uda, nagayo, tama, sapporo, sano, open_sdg",
        ),
    ],
)
def test_a_setting_that_is_neither_is_refused_saying_what_is_accepted(setting, message):
    with pytest.raises(ValueError) as refused:
        config_from_setting(setting)
    assert str(refused.value) == message


def _part(actual: float) -> IndicatorFacts:
    return IndicatorFacts(
        "increase", Point(2018, 80.0), Point(2023, 90.0), actuals={2020: Point(2020, actual)}
    )


PUPILS = IndicatorFacts(
    "increase", None, Point(2023, None), components={"小学生": _part(85.6), "中学生": _part(64.0)}
)


@pytest.mark.parametrize(
    ("preset", "grade", "score", "formula", "result"),
    [
        (
            "sano",
            "5",
            5.0,
            "区分の平均で評価する：(6点 + 4点) ÷ 2 = 5点",
            "平均 5点 → 5（80%以上）",
        ),
        (
            "nagayo",
            "C",
            0.5,
            "区分の平均で評価する：(水準1 + 水準0) ÷ 2 = 水準0.5",
            "平均 水準0.5 → C（下落）",
        ),
    ],
)
def test_the_mean_of_parts_is_shown_in_points_or_levels(preset, grade, score, formula, result):
    base = PRESETS[preset]
    config = MethodConfig(base.method, base.scale, {**base.params, "components_mean": 1})
    graded = assess(PUPILS, 2020, config)
    assert (graded.status, graded.grade, graded.score, graded.ratio) == (
        "graded",
        grade,
        score,
        None,
    )
    assert (graded.explanation.formula, graded.explanation.result) == (formula, result)


def test_a_target_with_no_value_and_no_name_is_not_applicable_and_says_so():
    indicator = IndicatorFacts(
        "increase",
        None,
        Point(2032, None),
        actuals={2023: Point(2023, 1.06)},
        comparator={2023: 1.25},
    )
    result = assess(indicator, 2023, PRESETS["uda"])
    assert (result.status, result.grade) == ("not_applicable", "X")
    assert result.explanation.inputs == {"目標値": "目標値（2032）", "評価年度": "2023"}
    assert result.explanation.formula == "比較する目標値がありません"
