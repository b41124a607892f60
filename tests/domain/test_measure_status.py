"""A measure's status from its indicators' grades and its latest published evaluation."""

from __future__ import annotations

import pytest

from shisaku.domain.measure_status import GradeFact, measure_status, status_counts

MET = GradeFact(graded=True, on_track=True, met=True, has_any_actual=True)
GOOD = GradeFact(graded=True, on_track=True, met=False, has_any_actual=True)
BAD = GradeFact(graded=True, on_track=False, met=False, has_any_actual=True)
OTHER_YEAR = GradeFact(graded=False, on_track=False, met=False, has_any_actual=True)
NONE_YET = GradeFact(graded=False, on_track=False, met=False, has_any_actual=False)

CASES = [
    # (indicators, latest published evaluation's direction, status)
    ([], None, "unknown"),
    ([], "maintain", "unknown"),
    ([], "complete", "achieved"),
    ([NONE_YET], None, "not_started"),
    ([NONE_YET, NONE_YET], None, "not_started"),
    ([NONE_YET], "expand", "unknown"),
    ([OTHER_YEAR], None, "unknown"),
    ([OTHER_YEAR, NONE_YET], None, "unknown"),
    ([MET], None, "achieved"),
    ([MET, MET, NONE_YET], None, "achieved"),
    ([MET, GOOD], None, "on_track"),
    ([GOOD, BAD], None, "on_track"),
    ([GOOD, BAD, BAD], None, "behind"),
    ([BAD], None, "behind"),
    ([BAD], "maintain", "behind"),
    ([BAD], "complete", "achieved"),
    ([MET, BAD, NONE_YET], "", "on_track"),
]


@pytest.mark.parametrize(("facts", "direction", "expected"), CASES)
def test_it_derives_a_measures_status_by_the_published_rules(facts, direction, expected):
    assert measure_status(facts, direction) == expected


def test_it_counts_the_statuses_in_their_fixed_order():
    counts = status_counts(["behind", "on_track", "behind"])
    assert list(counts.items()) == [
        ("not_started", 0),
        ("on_track", 1),
        ("behind", 2),
        ("achieved", 0),
        ("unknown", 0),
    ]
