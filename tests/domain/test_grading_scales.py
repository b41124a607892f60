"""A grade scale read from stored data, and when a value counts as reaching its target.

A stored scale may leave out its name and its missing grade (X); a band that is not
``{"min": number or null, "grade": text}`` is refused naming the band. Meeting a target allows
for floating-point noise relative to the target's size, and no more.
"""

from __future__ import annotations

import math

import pytest

from shisaku.domain.assessment_scales import GradeScale, meets


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
