"""Assessing progress: methods, grade scales as data, presets and the named edge cases.

Rows marked 宇陀市 are the published worked example (DOMAIN.md §3); every other row is
fictional test data, not any city's figures.
"""

from __future__ import annotations

import json
import math

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

UDA = PRESETS["uda"]
APPROX = 0.0005


def facts(direction="increase", baseline=(2014, 0.90), target=(2019, 1.40), actuals=(), **kw):
    """Build facts from (year, value) pairs; a None value is a published 「-」."""
    return IndicatorFacts(
        direction=direction,
        baseline=None if baseline is None else Point(*baseline),
        target=Point(*target),
        actuals={year: Point(year, value) for year, value in actuals},
        **kw,
    )


def config(method, scale="uda", **params):
    """Build a config with the method and the scale of a preset."""
    return MethodConfig(method, PRESETS[scale].scale, params)


UDA_TFR = facts(actuals=[(2015, 0.93), (2016, 1.11), (2017, 1.00)])
UDA_MIGRATION = facts("decrease", (2014, 300), (2019, 150), [(2015, 385), (2016, 245), (2017, 205)])


# --- 宇陀市 worked example ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("indicator", "year", "ratio", "grade", "formula"),
    [
        (UDA_TFR, 2015, 0.664, "C", "実績 ÷ 目標 = 0.93 ÷ 1.40 = 66.4%"),
        (UDA_TFR, 2016, 0.793, "C", "実績 ÷ 目標 = 1.11 ÷ 1.40 = 79.3%"),
        (UDA_TFR, 2017, 0.714, "C", "実績 ÷ 目標 = 1.00 ÷ 1.40 = 71.4%"),
        (UDA_MIGRATION, 2015, 0.390, "D", "目標 ÷ 実績 = 150 ÷ 385 = 39.0%"),
        (UDA_MIGRATION, 2016, 0.612, "C", "目標 ÷ 実績 = 150 ÷ 245 = 61.2%"),
        (UDA_MIGRATION, 2017, 0.732, "C", "目標 ÷ 実績 = 150 ÷ 205 = 73.2%"),
    ],
)
def test_it_reproduces_the_uda_worked_example(indicator, year, ratio, grade, formula):
    result = assess(indicator, year, UDA)
    assert result.status == "graded"
    assert result.grade == grade
    assert result.ratio == pytest.approx(ratio, abs=APPROX)
    assert result.explanation.formula == formula


def test_it_explains_the_uda_example_with_inputs_and_the_graded_result():
    result = assess(UDA_TFR, 2016, UDA)
    assert result.explanation.inputs == {
        "方向": "増加（↑）",
        "基準値": "0.90（2014）",
        "目標値": "1.40（2019）",
        "実績値": "1.11（2016）",
    }
    assert result.explanation.result == "達成率 79.3% → C（60%以上80%未満）"
    assert result.label == "60%以上80%未満"
    assert "実績 ÷ 目標 = 1.11 ÷ 1.40 = 79.3%" in result.explanation.text()


def test_it_explains_a_decrease_in_the_uda_example_as_target_over_actual():
    result = assess(UDA_MIGRATION, 2015, UDA)
    assert result.explanation.inputs["方向"] == "減少（↓）"
    assert result.explanation.inputs["実績値"] == "385（2015）"
    assert result.explanation.result == "達成率 39.0% → D（60%未満）"


# --- named edge cases ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("preset", "missing"), [(name, c.scale.missing) for name, c in PRESETS.items()]
)
def test_no_actual_yet_gives_the_missing_grade_and_never_zero(preset, missing):
    result = assess(UDA_TFR, 2018, PRESETS[preset])
    assert (result.grade, result.status, result.ratio, result.score) == (
        missing,
        "no_actual",
        None,
        None,
    )
    assert "0とはみなしません" in result.explanation.formula
    assert result.explanation.result.startswith(f"実績なし → {missing}")


def test_a_published_dash_counts_as_no_actual():
    result = assess(facts(actuals=[(2016, None)]), 2016, UDA)
    assert (result.grade, result.status) == ("X", "no_actual")


@pytest.mark.parametrize(
    ("method", "actual", "ratio", "grade"),
    [
        ("progress_from_baseline", 52, 1.0, "A"),
        ("progress_from_baseline", 50, 1.0, "A"),
        ("progress_from_baseline", 48, 0.0, "D"),
        ("pro_rata", 52, 1.0, "A"),
        ("pro_rata", 48, 0.0, "D"),
    ],
)
def test_a_target_equal_to_the_baseline_is_met_or_not_without_dividing_by_zero(
    method, actual, ratio, grade
):
    indicator = facts(baseline=(2018, 50), target=(2023, 50), actuals=[(2020, actual)])
    result = assess(indicator, 2020, config(method))
    assert (result.grade, result.ratio) == (grade, pytest.approx(ratio, abs=APPROX))
    assert "目標値が基準値と同じため、実績が目標値を満たすかで判定" in result.explanation.formula


@pytest.mark.parametrize(
    ("method", "actual", "ratio", "grade", "phrase"),
    [
        ("progress_from_baseline", 78, 1.0, "A", "目標値は基準値の時点で達成済み"),
        ("progress_from_baseline", 70, 0.0, "D", "実績 70 < 目標 75 → 未達成（0%）"),
        ("ratio_to_target", 78, 1.04, "A", "実績 ÷ 目標 = 78 ÷ 75 = 104.0%"),
    ],
)
def test_a_target_already_met_at_the_baseline_is_graded_on_whether_it_still_is(
    method, actual, ratio, grade, phrase
):
    indicator = facts(baseline=(2018, 80), target=(2023, 75), actuals=[(2020, actual)])
    result = assess(indicator, 2020, config(method))
    assert (result.grade, result.ratio) == (grade, pytest.approx(ratio, abs=APPROX))
    assert phrase in result.explanation.formula


@pytest.mark.parametrize(
    ("method", "actual", "ratio", "grade", "phrase"),
    [
        ("ratio_to_target", 0, 1.0, "A", "実績 0 ≦ 目標 0 → 達成（100%）"),
        ("ratio_to_target", 2, 0.0, "D", "実績 2 > 目標 0 → 未達成（0%）"),
        ("progress_from_baseline", 0, 1.0, "A", "目標値が基準値と同じ"),
        ("progress_from_baseline", 2, 0.0, "D", "目標値が基準値と同じ"),
    ],
)
def test_a_maintain_target_of_zero_is_met_only_at_zero(method, actual, ratio, grade, phrase):
    waiting_children = facts("maintain", (2018, 0), (2023, 0), [(2020, actual)])
    result = assess(waiting_children, 2020, config(method))
    assert (result.grade, result.ratio) == (grade, pytest.approx(ratio, abs=APPROX))
    assert phrase in result.explanation.formula
    assert result.explanation.inputs["方向"] == "維持"


@pytest.mark.parametrize(
    ("side", "actual", "ratio", "grade"),
    [(None, 76, 0.95, "B"), (None, 84, 1.05, "A"), (-1, 84, 0.952, "B"), (-1, 76, 1.053, "A")],
)
def test_a_maintain_target_is_met_at_or_above_it_unless_the_side_says_below(
    side, actual, ratio, grade
):
    rate = facts("maintain", (2018, 80), (2023, 80), [(2020, actual)])
    params = {} if side is None else {"maintain_side": side}
    result = assess(rate, 2020, config("ratio_to_target", **params))
    assert (result.grade, result.ratio) == (grade, pytest.approx(ratio, abs=APPROX))


@pytest.mark.parametrize(
    ("actual", "ratio", "grade"), [(4, 0.6, "C"), (0, 1.0, "A"), (12, -0.2, "D")]
)
def test_a_reduce_to_zero_target_uses_progress_from_the_baseline(actual, ratio, grade):
    deaths = facts("decrease", (2018, 10), (2023, 0), [(2020, actual)])
    result = assess(deaths, 2020, UDA)
    assert (result.grade, result.ratio) == (grade, pytest.approx(ratio, abs=APPROX))
    assert result.explanation.formula.startswith(
        "目標値が0のため「目標 ÷ 実績」は使えず、基準値からの進捗率で評価します："
        "(実績 − 基準) ÷ (目標 − 基準)"
    )


@pytest.mark.parametrize(("actual", "ratio", "grade"), [(0, 1.0, "A"), (3, 0.0, "D")])
def test_a_reduce_to_zero_target_without_a_baseline_is_met_or_not(actual, ratio, grade):
    deaths = facts("decrease", None, (2023, 0), [(2020, actual)])
    result = assess(deaths, 2020, UDA)
    assert (result.grade, result.ratio) == (grade, pytest.approx(ratio, abs=APPROX))
    assert "は使えず、基準値もないため、実績が目標値を満たすかで判定" in result.explanation.formula


def test_an_actual_of_zero_against_a_positive_decrease_target_uses_progress():
    result = assess(facts("decrease", (2018, 300), (2023, 150), [(2020, 0)]), 2020, UDA)
    assert (result.grade, result.ratio) == ("A", pytest.approx(2.0, abs=APPROX))
    assert result.explanation.formula.startswith("実績値が0のため")


@pytest.mark.parametrize(
    ("method", "ratio", "grade", "formula"),
    [
        ("ratio_to_target", 0.833, "B", "目標 ÷ 実績 = 10 ÷ 12 = 83.3%"),
        (
            "progress_from_baseline",
            0.333,
            "D",
            "(実績 − 基準) ÷ (目標 − 基準) = (12 − 13) ÷ (10 − 13) = 33.3%",
        ),
    ],
)
def test_a_rank_is_better_when_lower_whatever_the_direction_says(method, ratio, grade, formula):
    rank = facts("increase", (2018, 13), (2023, 10), [(2020, 12)], rank=True)
    result = assess(rank, 2020, config(method))
    assert (result.grade, result.ratio) == (grade, pytest.approx(ratio, abs=APPROX))
    assert result.explanation.formula == formula
    assert result.explanation.inputs["方向"] == "順位（小さいほど良い）"


@pytest.mark.parametrize(
    ("preset", "label", "ratio", "grade"),
    [
        ("uda", "策定", 1.0, "A"),
        ("uda", "策　定 ", 1.0, "A"),
        ("uda", "検討中", 0.0, "D"),
        ("nagayo", "策定", 1.0, "S"),
        ("sapporo", "策定", 1.0, "既に達成"),
        ("sapporo", "未策定", 0.0, "達成困難見込み"),
    ],
)
def test_a_qualitative_target_is_done_when_the_texts_match(preset, label, ratio, grade):
    plan = IndicatorFacts(
        "qualitative", None, Point(2023, None, "策定"), actuals={2021: Point(2021, None, label)}
    )
    result = assess(plan, 2021, PRESETS[preset])
    assert (result.grade, result.ratio, result.status) == (grade, ratio, "graded")
    assert result.explanation.formula.startswith(f"定性目標：実績「{label}」")


def test_a_qualitative_target_without_an_actual_text_has_no_actual():
    plan = IndicatorFacts(
        "qualitative", None, Point(2023, None, "策定"), actuals={2021: Point(2021, None)}
    )
    assert assess(plan, 2021, UDA).status == "no_actual"


def _national(comparator):
    # 北海道's real baseline and actual (DOMAIN.md §6); every comparator series in these tests
    # is fictional test data, not the national value.
    return facts(
        baseline=(2022, 1.12),
        target=(2032, None, "全国値"),
        actuals=[(2023, 1.06)],
        comparator=comparator,
    )


def test_a_national_value_target_is_the_comparator_for_that_year():
    result = assess(_national({2023: 1.25}), 2023, UDA)
    assert (result.grade, result.ratio) == ("B", pytest.approx(0.848, abs=APPROX))
    assert result.explanation.formula == "実績 ÷ 目標 = 1.06 ÷ 1.25 = 84.8%"
    assert result.explanation.inputs["全国値（2023）"] == "1.25"


def test_a_national_value_target_without_a_comparator_is_not_applicable():
    result = assess(_national({2022: 1.26}), 2023, UDA)
    assert (result.grade, result.status, result.ratio) == ("X", "not_applicable", None)
    assert result.explanation.formula == "比較する全国値がありません"
    assert result.explanation.result == "評価対象外 → X（未評価）"


def _pupils(junior_actual):
    parts = {
        "小学生": facts(baseline=(2018, 84.0), target=(2023, 90.0), actuals=[(2020, 85.6)]),
        "中学生": facts(baseline=(2018, 80.0), target=(2023, 90.0), actuals=junior_actual),
    }
    return IndicatorFacts("increase", None, Point(2023, None), components=parts)


@pytest.mark.parametrize(
    ("params", "ratio", "grade", "phrase"),
    [
        ({}, 0.711, "C", "最も低い区分（中学生）の評価を全体の評価とする"),
        ({"components_mean": 1}, 0.831, "B", "区分の平均で評価する：(95.1% + 71.1%) ÷ 2 = 83.1%"),
    ],
)
def test_a_multi_component_indicator_takes_the_worst_part_or_the_mean(params, ratio, grade, phrase):
    result = assess(_pupils([(2020, 64.0)]), 2020, config("ratio_to_target", **params))
    assert (result.grade, result.ratio) == (grade, pytest.approx(ratio, abs=APPROX))
    assert phrase in result.explanation.formula
    assert result.explanation.inputs == {
        "小学生": "達成率 95.1% → B（80%以上100%未満）",
        "中学生": "達成率 71.1% → C（60%以上80%未満）",
    }


def test_a_multi_component_indicator_leaves_out_and_names_parts_without_an_actual():
    result = assess(_pupils([]), 2020, UDA)
    assert (result.grade, result.ratio) == ("B", pytest.approx(0.951, abs=APPROX))
    assert "評価できない区分 中学生 を除く" in result.explanation.formula


def test_a_multi_component_indicator_with_no_actual_anywhere_has_no_actual():
    parts = {"小学生": facts(actuals=[]), "中学生": facts(actuals=[])}
    indicator = IndicatorFacts("increase", None, Point(2023, None), components=parts)
    assert (assess(indicator, 2020, UDA).grade, assess(indicator, 2020, UDA).status) == (
        "X",
        "no_actual",
    )


@pytest.mark.parametrize(
    ("method", "ratio", "grade", "formula"),
    [
        (
            "ratio_to_target",
            0.5,
            "D",
            "負の値を含むため「実績 ÷ 目標」は使えず、基準値からの進捗率で評価します："
            "(実績 − 基準) ÷ (目標 − 基準) = ((-200) − (-300)) ÷ ((-100) − (-300)) = 50.0%",
        ),
        (
            "progress_from_baseline",
            0.5,
            "D",
            "(実績 − 基準) ÷ (目標 − 基準) = ((-200) − (-300)) ÷ ((-100) − (-300)) = 50.0%",
        ),
    ],
)
def test_negative_values_are_graded_by_progress_from_the_baseline(method, ratio, grade, formula):
    net_migration = facts("increase", (2018, -300), (2023, -100), [(2020, -200)])
    result = assess(net_migration, 2020, config(method))
    assert (result.grade, result.ratio) == (grade, pytest.approx(ratio, abs=APPROX))
    assert result.explanation.formula == formula


# --- the other methods --------------------------------------------------------------------

YEARLY = facts(
    baseline=(2019, 90),
    target=(2023, 150),
    actuals=[(2020, 99), (2021, 99)],
    year_targets={2021: 110},
)


@pytest.mark.parametrize(
    ("year", "params", "status", "ratio", "grade", "phrase"),
    [
        (2021, {}, "graded", 0.9, "B", "実績 ÷ 年度目標 = 99 ÷ 110 = 90.0%"),
        (
            2020,
            {},
            "not_applicable",
            None,
            "X",
            "2020年度の目標値がありません（補間するには interpolate = 1）",
        ),
        (2020, {"interpolate": 1}, "graded", 0.99, "B", "実績 ÷ 年度目標 = 99 ÷ 100 = 99.0%"),
    ],
)
def test_ratio_to_year_target_grades_against_that_years_target(
    year, params, status, ratio, grade, phrase
):
    result = assess(YEARLY, year, config("ratio_to_year_target", "aomori", **params))
    assert (result.status, result.grade) == (status, grade)
    assert result.ratio == (None if ratio is None else pytest.approx(ratio, abs=APPROX))
    assert phrase in result.explanation.formula


def test_ratio_to_year_target_marks_an_interpolated_target():
    result = assess(YEARLY, 2020, config("ratio_to_year_target", "aomori", interpolate=1))
    assert result.explanation.inputs["2020年度の目標値"] == "100（補間）"


@pytest.mark.parametrize(
    ("actual", "ratio", "grade"),
    [(130, 1.5, "着実に進行"), (118, 0.9, "概ね順調"), (109, 0.45, "改善が必要")],
)
def test_pro_rata_holds_year_n_of_five_to_n_fifths_of_the_way(actual, ratio, grade):
    indicator = facts(baseline=(2018, 100), target=(2023, 150), actuals=[(2020, actual)])
    result = assess(indicator, 2020, PRESETS["tama"])
    assert (result.grade, result.ratio) == (grade, pytest.approx(ratio, abs=APPROX))
    assert "÷ (2 ÷ 5)" in result.explanation.formula


@pytest.mark.parametrize(
    ("actual", "params", "grade", "result_line"),
    [
        (61, {}, "S", "目標値を達成 → S（目標値超）"),
        (56, {}, "A", "基準値より改善 → A（基準値超）"),
        (54, {}, "B", "基準値と同水準 → B（同水準）"),
        (44, {}, "C", "基準値より悪化 → C（下落）"),
        (54, {"band_points": 3}, "A", "基準値より改善 → A（基準値超）"),
        (47, {"band_points": 3}, "B", "基準値と同水準 → B（同水準）"),
    ],
)
def test_band_grades_better_same_or_worse_around_the_baseline(actual, params, grade, result_line):
    survey = facts(baseline=(2018, 50), target=(2023, 60), actuals=[(2020, actual)])
    result = assess(survey, 2020, config("band", "nagayo", **params))
    assert (result.grade, result.ratio, result.explanation.result) == (grade, None, result_line)


def test_band_without_a_baseline_cannot_be_graded():
    result = assess(facts(baseline=None, actuals=[(2016, 1.0)]), 2016, PRESETS["nagayo"])
    assert (result.grade, result.status) == ("−", "not_applicable")


@pytest.mark.parametrize(
    ("actual", "points"),
    [(100, 7), (95, 6), (89.9, 5), (80, 5), (70, 4), (60, 3), (50, 2), (49.9, 1)],
)
def test_points_turn_the_achievement_ratio_into_seven_to_one_points(actual, points):
    indicator = facts(baseline=(2018, 40), target=(2023, 100), actuals=[(2020, actual)])
    result = assess(indicator, 2020, PRESETS["sano"])
    assert (result.grade, result.score) == (str(points), points)


def test_points_thresholds_are_parameters():
    indicator = facts(baseline=(2018, 40), target=(2023, 100), actuals=[(2020, 95)])
    result = assess(indicator, 2020, config("points", "sano", points_7=0.95))
    assert result.grade == "7"


@pytest.mark.parametrize(
    ("indicator", "year", "grade"),
    [
        (UDA_TFR, 2017, "達成困難見込み"),
        (UDA_MIGRATION, 2017, "達成見込み"),
        (facts(actuals=[(2016, 1.45)]), 2016, "既に達成"),
    ],
)
def test_expectation_follows_the_linear_trend_toward_the_target_year(indicator, year, grade):
    result = assess(indicator, year, PRESETS["sapporo"])
    assert result.grade == grade


def test_expectation_explains_the_trend():
    formula = assess(UDA_TFR, 2017, PRESETS["sapporo"]).explanation.formula
    assert formula.startswith("最小二乗法による直線回帰（2014〜2017年度の4時点）")


def test_expectation_needs_three_points():
    result = assess(UDA_TFR, 2015, PRESETS["sapporo"])
    assert (result.status, result.grade) == ("not_applicable", "X")
    assert "3時点以上の実績が必要です（2時点）" in result.explanation.formula


@pytest.mark.parametrize(
    ("direction", "target", "actual", "ratio", "grade"),
    [
        ("increase", 200, 130, 0.751, "加速が必要"),
        ("increase", 200, 150, 1.177, "順調"),
        ("decrease", 50, 110, -0.287, "悪化"),
    ],
)
def test_growth_rate_compares_actual_with_required_compound_growth(
    direction, target, actual, ratio, grade
):
    indicator = facts(direction, (2015, 100), (2025, target), [(2020, actual)])
    result = assess(indicator, 2020, PRESETS["open_sdg"])
    assert (result.grade, result.ratio) == (grade, pytest.approx(ratio, abs=APPROX))
    assert result.explanation.formula.startswith(
        "R = d × 実績の年平均成長率 ÷ |必要な年平均成長率|"
    )


def test_growth_rate_needs_positive_values():
    result = assess(
        facts(baseline=(2015, 0), target=(2025, 10), actuals=[(2020, 5)]), 2020, PRESETS["open_sdg"]
    )
    assert result.status == "not_applicable"
    assert result.explanation.formula == "年平均成長率は正の値でしか計算できません"


def test_a_cumulative_indicator_grades_the_running_sum_since_the_baseline():
    indicator = facts(
        baseline=(2018, 0),
        target=(2023, 500),
        actuals=[(2018, 90), (2019, 100), (2020, 120)],
        cumulative=True,
    )
    result = assess(indicator, 2020, UDA)
    assert result.ratio == pytest.approx(0.44, abs=APPROX)
    assert result.explanation.inputs["実績値"] == "220（2020、累計）"


def test_it_grades_the_percentage_it_shows_not_a_floating_point_hair_below():
    result = assess(
        facts(baseline=(2018, 1.0), target=(2023, 1.5), actuals=[(2020, 1.2)]), 2020, UDA
    )
    assert (result.grade, result.explanation.formula) == ("B", "実績 ÷ 目標 = 1.2 ÷ 1.5 = 80.0%")


@pytest.mark.parametrize("method", sorted(METHODS))
def test_every_registered_method_grades_and_explains_a_plain_indicator(method):
    indicator = facts(
        baseline=(2014, 100), target=(2019, 150), actuals=[(2015, 110), (2016, 120), (2017, 130)]
    )
    params = {"interpolate": 1} if method == "ratio_to_year_target" else {}
    scale = "sano" if method == "points" else "uda"
    result = assess(indicator, 2017, config(method, scale, **params))
    assert result.status == "graded"
    assert result.explanation.formula and result.explanation.inputs["実績値"] == "130（2017）"


# --- configuration as data ----------------------------------------------------------------


@pytest.mark.parametrize("name", sorted(PRESETS))
def test_every_preset_round_trips_through_strict_json(name):
    data = json.loads(json.dumps(PRESETS[name].to_dict(), allow_nan=False, ensure_ascii=False))
    assert MethodConfig.from_dict(data) == PRESETS[name]


def test_an_open_lowest_band_is_null_in_json():
    assert UDA.scale.to_dict()["bands"][-1] == {"min": None, "grade": "D"}
    assert GradeScale.from_dict(UDA.scale.to_dict()).bands[-1] == (-math.inf, "D")


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (
            {"method": "guess", "scale": UDA.scale.to_dict()},
            "評価方法 'guess' は登録されていません",
        ),
        (
            {"method": "band", "scale": UDA.scale.to_dict(), "params": {"band_percent": 5}},
            "パラメータ 'band_percent' はありません",
        ),
        (
            {"method": "band", "scale": UDA.scale.to_dict(), "params": {"band_pct": "5"}},
            "パラメータ 'band_pct' は数値にしてください",
        ),
        ({"method": "band"}, "scale（評価尺度）がありません"),
    ],
)
def test_a_bad_config_says_what_is_wrong(data, message):
    with pytest.raises(ValueError, match=message.replace("(", r"\(").replace(")", r"\)")):
        MethodConfig.from_dict(data)


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"name": "s", "bands": []}, "bands は1つ以上の帯のリストにしてください"),
        (
            {"name": "s", "bands": [{"min": 0.5, "grade": "B"}, {"min": 1, "grade": "A"}]},
            "帯の下限は高い順に",
        ),
        (
            {"name": "s", "bands": [{"min": 1, "grade": "A"}, {"min": 0.5, "grade": "A"}]},
            "同じ評価が2つの帯にあります",
        ),
        (
            {"name": "s", "bands": [{"min": "high", "grade": "A"}]},
            "bands\\[0\\].min は数値か null にしてください",
        ),
        (
            {"name": "s", "bands": [{"min": 1, "grade": "A"}], "on_track": ["B"]},
            "評価 'B' は尺度にありません",
        ),
    ],
)
def test_a_bad_scale_says_what_is_wrong(data, message):
    with pytest.raises(ValueError, match=message):
        GradeScale.from_dict(data)


def test_an_unknown_direction_is_refused():
    with pytest.raises(ValueError, match="方向 'up' は使えません"):
        facts("up")


def test_it_shows_every_value_with_the_decimals_the_indicator_publishes():
    assert UDA_TFR.decimals == 2
    assert UDA_MIGRATION.decimals == 0
    assert facts(baseline=(2018, 1820), target=(2023, 1890.5)).decimals == 1
