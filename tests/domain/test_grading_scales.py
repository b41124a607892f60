"""A grade scale read from stored data, and when a value counts as reaching its target.

A stored scale may leave out its name and its missing grade (X); a band that is not
``{"min": number or null, "grade": text}`` is refused naming the band. Meeting a target allows
for floating-point noise relative to the target's size, and no more.
"""

from __future__ import annotations

import math

import pytest

from shisaku.domain.assessment_scales import (
    GradeScale,
    IndicatorFacts,
    Point,
    actual_value,
    fmt_point,
    lower_is_better,
    meets,
)


def test_a_stored_scale_without_a_name_or_missing_grade_takes_the_defaults():
    scale = GradeScale.from_dict({"bands": [{"min": 1, "grade": "A"}, {"min": None, "grade": "B"}]})
    assert scale == GradeScale("", ((1.0, "A"), (-math.inf, "B")), "X", {}, frozenset())


@pytest.mark.parametrize(
    ("bands", "message"),
    [
        ([{"min": 1}], "尺度 '市': bands[0] は {'min': 数値, 'grade': 文字} です"),
        (["A"], "尺度 '市': bands[0] は {'min': 数値, 'grade': 文字} です"),
        (
            [{"min": 1, "grade": "A"}, {"grade": "B", "min": "x"}],
            "尺度 '市': bands[1].min は数値か null にしてください（'x'）",
        ),
    ],
)
def test_a_band_that_is_not_a_minimum_and_a_grade_is_refused_naming_it(bands, message):
    with pytest.raises(ValueError) as refused:
        GradeScale.from_dict({"name": "市", "bands": bands})
    assert str(refused.value) == message


@pytest.mark.parametrize(
    ("value", "target", "lower", "met"),
    [
        (999_999.9995, 1_000_000, False, True),  # floating-point noise on a large target
        (999_999.99, 1_000_000, False, False),  # a real shortfall, however small
        (1_000_000.0005, 1_000_000, True, True),
        (1_000_000.01, 1_000_000, True, False),
    ],
)
def test_a_value_meets_a_large_target_within_noise_and_no_further(value, target, lower, met):
    assert meets(value, target, lower) is met


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("t", ()), "尺度 't': 帯が1つもありません"),
        (("t", ((1.0, "A"), (0.0, "X"))), "尺度 't': 未評価の評価 'X' が帯と重なります"),
        (
            ("t", ((1.0, "A"), (0.0, "B")), "X", {"C": "c"}),
            "尺度 't': 評価 'C' は尺度にありません（A, B, X）",
        ),
        (
            ("t", ((1.0, "A"), (0.0, "B")), "X", {}, frozenset({"Z"})),
            "尺度 't': 評価 'Z' は尺度にありません（A, B, X）",
        ),
    ],
)
def test_a_scale_that_cannot_grade_is_refused_saying_why(args, message):
    with pytest.raises(ValueError) as refused:
        GradeScale(*args)
    assert str(refused.value) == message


def test_the_lowest_band_also_catches_scores_below_its_minimum():
    scale = GradeScale("t", ((1.0, "A"), (0.5, "B"), (0.0, "C")))
    assert [scale.grade(s) for s in (-5.0, 0.0, 0.499, 0.5, 1.0)] == ["C", "C", "C", "B", "A"]


def test_an_unknown_direction_is_refused_naming_the_accepted_ones():
    with pytest.raises(ValueError) as refused:
        IndicatorFacts("up", None, Point(2020, 1.0))
    assert str(refused.value) == (
        "方向 'up' は使えません。使える方向: increase, decrease, maintain, qualitative"
    )


@pytest.mark.parametrize(
    ("direction", "target", "lower"),
    [
        ("increase", 5.0, False),
        ("decrease", 5.0, True),
        ("maintain", 0.0, True),
        ("maintain", 5.0, False),
    ],
)
def test_lower_is_better_for_decreases_and_a_maintained_zero_only(direction, target, lower):
    assert lower_is_better(direction, target) is lower


@pytest.mark.parametrize(
    ("point", "shown"),
    [
        (Point(2020, None), "—（2020）"),
        (Point(2020, None, "策定"), "策定（2020）"),
        (Point(2020, 1820.0), "1,820（2020）"),
    ],
)
def test_a_point_is_shown_as_its_value_or_text_and_year(point, shown):
    assert fmt_point(point, 0) == shown


def test_a_cumulative_actual_sums_every_year_after_the_baseline_or_from_the_first():
    actuals = {2020: Point(2020, 10.0), 2021: Point(2021, None), 2022: Point(2022, 30.0)}
    without = IndicatorFacts("increase", None, Point(2025, 100.0), actuals=actuals, cumulative=True)
    after = IndicatorFacts(
        "increase", Point(2020, 5.0), Point(2025, 100.0), actuals=actuals, cumulative=True
    )
    assert [actual_value(without, y) for y in (2020, 2021, 2022)] == [10.0, None, 40.0]
    assert actual_value(after, 2022) == 30.0  # the baseline year's own figure is not summed
