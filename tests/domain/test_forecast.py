"""Forecasts: linear least squares and compound growth toward the target year.

The 宇陀市 series are the published worked example (baseline H26 = 2014 and actuals); other
series are fictional.
"""

from __future__ import annotations

import pytest

from shisaku.domain.forecast import forecast

UDA_TFR = {2014: 0.90, 2015: 0.93, 2016: 1.11, 2017: 1.00}
UDA_MIGRATION = {2014: 300, 2015: 385, 2016: 245, 2017: 205}


@pytest.mark.parametrize(
    ("series", "target", "direction", "linear", "compound", "slope", "likelihood"),
    [
        (UDA_TFR, 1.40, "increase", 1.153, 1.0727, 0.048, "unlikely"),
        (UDA_MIGRATION, 150, "decrease", 135.0, 159.04, -42.5, "likely"),
        ({2019: 10, 2020: 12, 2021: 14}, 13, "increase", 18.0, 19.6, 2.0, "already_met"),
    ],
)
def test_it_projects_the_trend_and_judges_the_target(
    series, target, direction, linear, compound, slope, likelihood
):
    result = forecast(series, 2019 if target != 13 else 2023, target, direction)
    assert result.status == "ok"
    assert result.linear == pytest.approx(linear, abs=0.01)
    assert result.compound == pytest.approx(compound, abs=0.01)
    assert result.slope == pytest.approx(slope, abs=1e-9)
    assert result.likelihood == likelihood


def test_it_explains_both_projections_in_japanese():
    result = forecast(UDA_TFR, 2019, 1.40, "increase")
    assert result.explanation.formula == (
        "最小二乗法による直線回帰（2014〜2017年度の4時点）："
        "傾き +0.0480/年、2019年度の推計値 1.15。"
        "年平均成長率（2014→2017）= (1.00 ÷ 0.90)^(1/3) − 1 = 3.6%、2019年度の推計値 = 1.00"
        " × (1 + 3.6%)^2 = 1.07"
    )
    assert result.explanation.result == "達成困難見込み（目標 1.40 以上が達成）"
    assert result.explanation.inputs["実績"] == "2014: 0.90、2015: 0.93、2016: 1.11、2017: 1.00"


def test_it_needs_three_actuals():
    result = forecast({2015: 1.0, 2016: 1.1}, 2019, 1.4, "increase")
    assert (result.status, result.likelihood, result.linear, result.compound) == (
        "insufficient_data",
        "insufficient_data",
        None,
        None,
    )
    assert result.explanation.formula == "推計には3時点以上の実績が必要です（2時点）"


def test_it_gives_no_compound_rate_for_values_that_are_not_positive():
    result = forecast({2019: -300, 2020: -250, 2021: -200}, 2023, -100, "increase")
    assert result.linear == pytest.approx(-100.0)
    assert (result.compound, result.growth_rate, result.likelihood) == (None, None, "likely")
    assert "年平均成長率：0以下の値を含むため計算できません" in result.explanation.formula


def test_a_maintained_zero_is_met_at_or_below_it():
    result = forecast({2019: 3, 2020: 2, 2021: 0}, 2023, 0, "maintain")
    assert result.likelihood == "already_met"


def test_a_qualitative_target_cannot_be_forecast():
    result = forecast({2019: 0, 2020: 0, 2021: 1}, 2023, 1, "qualitative")
    assert result.status == "insufficient_data"
