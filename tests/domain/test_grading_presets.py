"""Grading at the edges of every preset's bands: just below a threshold and exactly on it.

A score that reaches a band's minimum gets that band; one published step (0.1 percentage
point, or one point/level) below gets the band under it. Every preset is checked at every
threshold, so moving a threshold (A at 99 % instead of 100 %) or turning a ≥ into a > fails.
The indicators are fictional test data, not any city's figures.
"""

from __future__ import annotations

import pytest

from shisaku.domain.assessment import PRESETS, IndicatorFacts, Point, assess

# (preset, score on the threshold, its grade, score one published step below, that grade)
EDGES = [
    ("aomori", 1.0, "A", 0.999, "B"),
    ("aomori", 0.75, "B", 0.749, "C"),
    ("aomori", 0.5, "C", 0.499, "D"),
    ("uda", 1.0, "A", 0.999, "B"),
    ("uda", 0.8, "B", 0.799, "C"),
    ("uda", 0.6, "C", 0.599, "D"),
    ("nagayo", 3, "S", 2, "A"),
    ("nagayo", 2, "A", 1, "B"),
    ("nagayo", 1, "B", 0, "C"),
    ("tama", 1.0, "着実に進行", 0.999, "概ね順調"),
    ("tama", 0.6, "概ね順調", 0.599, "改善が必要"),
    ("sapporo", 2, "既に達成", 1, "達成見込み"),
    ("sapporo", 1, "達成見込み", 0, "達成困難見込み"),
    ("sano", 7, "7", 6, "6"),
    ("sano", 6, "6", 5, "5"),
    ("sano", 5, "5", 4, "4"),
    ("sano", 4, "4", 3, "3"),
    ("sano", 3, "3", 2, "2"),
    ("sano", 2, "2", 1, "1"),
    ("open_sdg", 0.95, "順調", 0.949, "加速が必要"),
    ("open_sdg", 0.6, "加速が必要", 0.599, "進展が限定的"),
    ("open_sdg", 0.0, "進展が限定的", -0.001, "悪化"),
]


@pytest.mark.parametrize(("preset", "on", "grade_on", "below", "grade_below"), EDGES)
def test_a_score_on_a_threshold_gets_its_band_and_one_step_below_the_next(
    preset, on, grade_on, below, grade_below
):
    scale = PRESETS[preset].scale
    assert (scale.grade(on), scale.grade(below)) == (grade_on, grade_below)


def test_every_threshold_of_every_preset_is_checked_above():
    checked = {(preset, on) for preset, on, *_ in EDGES}
    thresholds = {
        (name, minimum)
        for name, config in PRESETS.items()
        for minimum, _ in config.scale.bands[:-1]
    }
    assert checked == thresholds


def test_far_below_every_band_is_the_lowest_grade():
    lowest = {name: config.scale.grade(-1e9) for name, config in PRESETS.items()}
    assert lowest == {
        "aomori": "D",
        "uda": "D",
        "nagayo": "C",
        "tama": "改善が必要",
        "sapporo": "達成困難見込み",
        "sano": "1",
        "open_sdg": "悪化",
    }


def _ratio_facts(direction: str, target: float, actual: float) -> IndicatorFacts:
    return IndicatorFacts(
        direction=direction,
        baseline=None,
        target=Point(2030, target),
        actuals={2026: Point(2026, actual)},
    )


@pytest.mark.parametrize(
    ("direction", "target", "actual", "ratio", "grade", "result"),
    [
        ("increase", 1000, 999, 0.999, "B", "達成率 99.9% → B（80%以上100%未満）"),
        ("increase", 1000, 1000, 1.0, "A", "達成率 100.0% → A（100%以上）"),
        ("increase", 1000, 1001, 1.001, "A", "達成率 100.1% → A（100%以上）"),
        ("increase", 1000, 800, 0.8, "B", "達成率 80.0% → B（80%以上100%未満）"),
        ("increase", 1000, 799, 0.799, "C", "達成率 79.9% → C（60%以上80%未満）"),
        ("increase", 1000, 600, 0.6, "C", "達成率 60.0% → C（60%以上80%未満）"),
        ("increase", 1000, 599, 0.599, "D", "達成率 59.9% → D（60%未満）"),
        ("decrease", 999, 1000, 0.999, "B", "達成率 99.9% → B（80%以上100%未満）"),
        ("decrease", 1000, 1000, 1.0, "A", "達成率 100.0% → A（100%以上）"),
    ],
)
def test_the_default_preset_grades_an_actual_at_99_9_and_100_percent_of_the_target(
    direction, target, actual, ratio, grade, result
):
    graded = assess(_ratio_facts(direction, target, actual), 2026, PRESETS["uda"])
    assert (graded.status, graded.grade, graded.ratio) == ("graded", grade, ratio)
    assert graded.explanation.result == result
