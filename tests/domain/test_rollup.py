"""Rolling grades up: counts per grade, the on-track share and the published rule.

Assessments are built by hand (fictional), except the 宇陀市 row, graded by ``assess``.
"""

from __future__ import annotations

import pytest

from shisaku.domain.assessment import (
    PRESETS,
    Assessment,
    Explanation,
    IndicatorFacts,
    Point,
    assess,
)
from shisaku.domain.rollup import roll_up

UDA = PRESETS["uda"].scale
NOTE = Explanation({}, "", "")


def graded(grade):
    return Assessment(grade, 1.0, NOTE, "graded")


def missing(status="no_actual"):
    return Assessment("X", None, NOTE, status)


def test_it_counts_every_grade_in_scale_order_with_the_missing_grade_last():
    result = roll_up([(graded("C"), None), (graded("A"), None), (missing(), None)], UDA)
    assert list(result.counts.items()) == [("A", 1), ("B", 0), ("C", 1), ("D", 0), ("X", 1)]


@pytest.mark.parametrize(
    ("items", "assessed", "absent", "share"),
    [
        (
            [graded("A"), graded("A"), graded("D"), missing(), missing("not_applicable")],
            3,
            2,
            2 / 3,
        ),
        ([graded("B"), missing()], 1, 1, 1.0),
        ([missing(), missing()], 0, 2, None),
        ([], 0, 0, None),
    ],
)
def test_an_indicator_without_an_actual_never_counts_as_zero(items, assessed, absent, share):
    result = roll_up([(item, None) for item in items], UDA)
    assert (result.assessed, result.missing) == (assessed, absent)
    assert result.on_track_share == (None if share is None else pytest.approx(share))
    assert result.weights_normalised is False


def test_weights_are_normalised_over_the_assessed_indicators_only():
    items = [(graded("A"), 2.0), (graded("D"), 1.0), (missing(), 5.0)]
    result = roll_up(items, UDA)
    assert result.on_track_share == pytest.approx(2 / 3)
    assert result.weights_normalised is True


def test_zero_weights_everywhere_give_no_share():
    assert roll_up([(graded("A"), 0.0)], UDA).on_track_share is None


@pytest.mark.parametrize(
    ("items", "message"),
    [
        ([(graded("A"), 1.0), (graded("B"), None)], "重みは全ての指標に指定するか"),
        ([(graded("A"), -1.0)], "重みに負の値があります"),
        ([(graded("S"), None)], "評価 'S' は尺度 '宇陀市' にありません"),
    ],
)
def test_it_refuses_what_it_cannot_roll_up_and_says_why(items, message):
    with pytest.raises(ValueError, match=message):
        roll_up(items, UDA)


@pytest.mark.parametrize(
    ("weights", "rule"),
    [
        (None, "評価済みの指標のうち A・B の割合。未評価（X）は分母に含めない"),
        (
            1.0,
            "評価済みの指標のうち A・B の割合（重み付き。重みは評価済みの指標の合計が1になるよう"
            "正規化）。未評価（X）は分母に含めない",
        ),
    ],
)
def test_it_publishes_its_rule(weights, rule):
    assert roll_up([(graded("A"), weights)], UDA).rule == rule


def test_it_rolls_up_the_uda_example_with_the_missing_grade_of_its_scale():
    tfr = IndicatorFacts(
        "increase", Point(2014, 0.90), Point(2019, 1.40), actuals={2016: Point(2016, 1.11)}
    )
    migration = IndicatorFacts("decrease", Point(2014, 300), Point(2019, 150), actuals={})
    items = [
        (assess(tfr, 2016, PRESETS["uda"]), None),
        (assess(migration, 2016, PRESETS["uda"]), None),
    ]
    result = roll_up(items, UDA)
    assert (result.counts["C"], result.counts["X"], result.on_track_share) == (1, 1, 0.0)


def test_it_uses_the_scale_own_on_track_grades():
    nagayo = PRESETS["nagayo"].scale
    items = [
        (Assessment("S", None, NOTE, "graded"), None),
        (Assessment("B", None, NOTE, "graded"), None),
    ]
    result = roll_up(items, nagayo)
    assert result.on_track_share == pytest.approx(0.5)
    assert result.rule == "評価済みの指標のうち S・A の割合。未評価（−）は分母に含めない"
