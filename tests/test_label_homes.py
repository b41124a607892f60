"""Labels and rules have one home each, and every interface shows them from there.

A copy coming back (a dict of figure-kind or direction labels written again in an interface, a
``period_label`` or final-target rule of its own) fails here: the interfaces' maps must be the
models' choices themselves, and the source may spell the labels only in their home.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import fields
from datetime import datetime
from decimal import Decimal
from pathlib import Path

import pytest
from django.utils import translation

from shisaku.domain import indicatordata
from shisaku.evaluation.models import Direction, label_ja
from shisaku.indicators.models import Figure, Indicator
from shisaku.indicators.queries import FigureView, IndicatorView
from shisaku.public import coded, dates, evaluations
from shisaku.staff import display

SOURCE = Path(__file__).resolve().parent.parent / "shisaku"


def test_the_interfaces_show_the_models_labels() -> None:
    for shown in (coded.FIGURE_KINDS, display.FIGURE_KINDS):
        assert shown == dict(Figure.Kind.choices)
    for shown in (evaluations.DIRECTIONS, display.DIRECTIONS):
        assert shown == dict(Direction.choices)
    pairs = [
        (coded.DIRECTIONS, Indicator.Direction),
        (coded.ACCUMULATIONS, Indicator.Accumulation),
        (coded.TIME_BASES, Indicator.TimeBasis),
        (coded.SOURCE_KINDS, Indicator.SourceKind),
    ]
    for shown, home in pairs:
        assert shown == dict(home.choices)


def test_the_domain_reads_the_codes_the_models_store() -> None:
    # the domain (no Django) checks imported codes against its own tuples: they must be these
    assert Figure.Kind.values == list(indicatordata.FIGURE_KINDS)
    assert Indicator.Direction.values == list(indicatordata.DIRECTIONS)
    assert Indicator.Accumulation.values == list(indicatordata.ACCUMULATIONS)
    assert Indicator.TimeBasis.values == list(indicatordata.TIME_BASES)
    assert Indicator.SourceKind.values == list(indicatordata.SOURCE_KINDS)


def test_an_indicators_direction_is_labelled_as_the_pages_say_it() -> None:
    # The model once said 増加 and 定性 (shown nowhere), the pages 増加を目指す and 定性的: the
    # pages' labels are the ones kept, so nothing shown changed.
    with translation.override("ja"):
        assert str(Indicator.Direction.INCREASE.label) == "増加を目指す"
        assert str(Indicator.Direction.QUALITATIVE.label) == "定性的"
        assert str(Indicator.TimeBasis.FISCAL.label) == "年度（4月〜翌年3月）"


@pytest.mark.parametrize(
    ("language", "kind", "direction"),
    [("ja", "基準値", "拡充"), ("en", "Baseline", "Expand")],
)
def test_the_labels_are_translated_where_they_live(
    language: str, kind: str, direction: str
) -> None:
    with translation.override(language):
        assert str(Figure.Kind.BASELINE.label) == coded.label(coded.FIGURE_KINDS, "baseline")
        assert coded.label(coded.FIGURE_KINDS, "baseline") == kind
        assert display.label(display.DIRECTIONS, "expand") == direction
        assert evaluations.direction_label("expand") == direction
        assert label_ja(Direction.EXPAND) == "拡充"  # the Japanese sheets, whatever the page


@pytest.mark.parametrize("language", ["ja", "en"])
def test_every_interface_labels_a_period_as_the_domain_does(language: str) -> None:
    from shisaku.api import indicator_out
    from shisaku.domain import period_labels
    from shisaku.reports import indicators as report_indicators

    with translation.override(language):
        shown = {dates.period_label("FY2021-2026avg"), display.period_label("FY2021-2026avg")}
    assert shown == {period_labels.period_label("FY2021-2026avg", language == "en")}
    assert indicator_out.period_label is period_labels.period_label
    assert report_indicators.period_label is period_labels.period_label


def _figure(kind: str, period: str, start: int, end: int, breakdown: str = "") -> FigureView:
    """Return a figure with only what the rules read."""
    moment = datetime(2025, 1, 1)
    return FigureView(
        kind, period, start, end, breakdown, "1", "number", Decimal(1), "", "", "1", [], "", "",
        1, True, "", moment,
    )  # fmt: skip


def _view(figures: tuple[FigureView, ...]) -> IndicatorView:
    """Return an indicator holding only ``figures``."""
    blank: dict[str, object] = {f.name: "" for f in fields(IndicatorView)}
    return IndicatorView(**blank | {"id": 0, "weight": None, "undated": [], "figures": figures})


TARGETS = (
    _figure("target", "FY2026", 2026, 2026),
    _figure("target", "FY2028", 2028, 2028, breakdown="A町"),
    _figure("target", "FY2022-2026avg", 2022, 2026),
    _figure("actual", "FY2027", 2027, 2027),
)
BASELINES = (
    _figure("baseline", "FY2018", 2018, 2018, breakdown="A町"),
    _figure("baseline", "FY2019", 2019, 2019),
    _figure("baseline", "FY2020", 2020, 2020),
)


@pytest.mark.parametrize(
    ("rule", "figures", "period"),
    [
        # the whole-area target ending last (of two ending alike, the one starting last)
        (IndicatorView.final_target, TARGETS, "FY2026"),
        # the earliest whole-area baseline
        (IndicatorView.first_baseline, BASELINES, "FY2019"),
    ],
)
def test_the_view_picks_the_figures_graded(
    rule: Callable[[IndicatorView], FigureView | None],
    figures: tuple[FigureView, ...],
    period: str,
) -> None:
    picked = rule(_view(figures))
    assert picked is not None and picked.period == period


# Each label or rule, the pattern that spells it, and the one file allowed to.
HOMES = {
    r'(gettext_lazy|gettext|_)\("(Expand|Reduce|Abolish|Suspend)"\)': "evaluation/models.py",
    r'(gettext_lazy|gettext|_)\("(Actual|Aim to increase|Single year|Calendar year)"\)': (
        "indicators/models.py"
    ),
    r"def (final_target|first_baseline)\(": "indicators/queries.py",
    r"def _era_span_en\(|date_text\(date\.fromisoformat|parse_period_key\(key\)\.label_ja": (
        "domain/period_labels.py"
    ),
}


@pytest.mark.parametrize("pattern", sorted(HOMES))
def test_no_interface_writes_a_label_or_rule_again(pattern: str) -> None:
    found = {
        str(path.relative_to(SOURCE))
        for path in SOURCE.rglob("*.py")
        if "migrations" not in path.parts and re.search(pattern, path.read_text("utf-8"))
    }
    assert found == {HOMES[pattern]}
