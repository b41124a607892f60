"""Grading for the grade alone (:func:`grade_of`): the grade :func:`assess` gives, by the same
code with its sentences left unsaid, whatever the method, the facts and the year; sentences
outside the block are said as always.

The indicators are fictional test data, not any city's figures.
"""

from __future__ import annotations

import itertools
from collections.abc import Mapping

import pytest

from shisaku.domain.assessment import (
    METHODS,
    PRESETS,
    Direction,
    Grade,
    IndicatorFacts,
    MethodConfig,
    Point,
    assess,
    grade_of,
)
from shisaku.domain.explain import UNSAID, Text, unsaid

YEARS = (2018, 2019, 2020, 2021, 2023, 2031)
SCALE = PRESETS["uda"].scale
PARAMS: dict[str, list[Mapping[str, float]]] = {
    "ratio_to_year_target": [{}, {"interpolate": 1}],
    "band": [{}, {"band_points": 3}],
    "points": [{}, {"points_7": 0.95}],
}


def _facts() -> list[IndicatorFacts]:
    """Return facts of every shape a method meets: each direction, with and without a
    baseline, zero and negative values, cumulative, ranks, parts, text targets and comparators."""
    actuals = {y: Point(y, v) for y, v in ((2019, 50.0), (2020, 62.5), (2021, 58.0))}
    directions: tuple[Direction, ...] = ("increase", "decrease", "maintain")
    found = [
        IndicatorFacts(direction, baseline, Point(2030, target), actuals=actuals)
        for direction, baseline, target in itertools.product(
            directions,
            (None, *(Point(2018, value) for value in (40.0, 100.0, 0.0))),
            (80.0, 0.0, 40.0, -5.0),
        )
    ]
    base = Point(2018, 40.0)
    found += [
        IndicatorFacts("increase", base, Point(2030, 300.0), actuals=actuals, cumulative=True),
        IndicatorFacts("increase", base, Point(2030, 10.0), actuals=actuals, rank=True),
        IndicatorFacts("increase", base, Point(2030, 80.0), {2020: 60.0}, actuals),
        IndicatorFacts("increase", base, Point(2030, 80.0), actuals={2020: Point(2020, 0.0)}),
        IndicatorFacts(
            "qualitative",
            None,
            Point(2030, None, "策定"),
            actuals={2019: Point(2019, None, "検討中"), 2020: Point(2020, None, "策 定")},
        ),
        IndicatorFacts(
            "qualitative", None, Point(2030, None, " "), actuals={2020: Point(2020, None, "策定")}
        ),
        IndicatorFacts(
            "increase", base, Point(2030, None, "全国値"), actuals=actuals, comparator={2020: 55.0}
        ),
    ]
    parts = {"小学生": found[1], "中学生": found[-7], "高校生": found[-1]}
    found.append(IndicatorFacts("increase", None, Point(2030, None), components=parts))
    return found


CONFIGS = [
    MethodConfig(method, SCALE, params)
    for method in METHODS
    for params in [*PARAMS.get(method, [{}]), {"components_mean": 1.0}]
] + list(PRESETS.values())


@pytest.mark.parametrize("config", CONFIGS, ids=lambda c: f"{c.method}{dict(c.params)}")
def test_the_grade_alone_is_the_grade_of_the_assessment(config):
    for facts, year in itertools.product(_facts(), YEARS):
        assert grade_of(facts, year, config) == Grade.of(assess(facts, year, config))


def test_the_grades_cover_every_status():
    config = MethodConfig("progress_from_baseline", SCALE)
    statuses = {grade_of(f, y, config).status for f in _facts() for y in YEARS}
    assert statuses == {"graded", "no_actual", "not_applicable"}


def test_sentences_are_said_outside_the_block_and_after_an_error():
    with pytest.raises(RuntimeError), unsaid():
        assert Text("no_actual_in", year="2020") is UNSAID
        raise RuntimeError
    said = Text("no_actual_in", year="2020")
    assert said == "2020年度の実績値がありません（未評価として扱い、0とはみなしません）"
    assert Text.joined("parts", ["小学生", "中学生"]) != UNSAID


def test_an_assessment_after_a_grade_alone_is_explained_in_full():
    facts, config = _facts()[4], PRESETS["uda"]
    grade_of(facts, 2020, config)
    assert "実績 ÷ 目標" in assess(facts, 2020, config).explanation.formula
