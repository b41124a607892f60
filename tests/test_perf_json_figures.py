"""An indicator twin's figures written for one language and copied, relabelled, for the next
are what writing them afresh in that language gives."""

from __future__ import annotations

from datetime import UTC, datetime
from decimal import Decimal

from django.utils import translation

from shisaku.indicators.queries import FigureView
from shisaku.public.indicators.documents import _Relabelled, figures_to_dicts

AT = datetime(2026, 4, 1, 9, 30, tzinfo=UTC)


def _figure(kind: str, period: str, value: str, breakdown: str = "") -> FigureView:
    start = int(period[2:6])
    return FigureView(
        kind, period, start, start, breakdown, value, "number", Decimal(value), "人", "", "",
        [], "", "", 1, True, "", AT,
    )  # fmt: skip


FIGURES = [
    _figure("baseline", "FY2019", "10"),
    _figure("actual", "FY2021", "12.5"),
    _figure("actual", "FY2021", "3", breakdown="北区"),
]


def _fresh(language: str, **how: object) -> list[dict[str, object]]:
    with translation.override(language):
        return figures_to_dicts(list(FIGURES), **how)  # type: ignore[arg-type]


def test_the_next_language_gets_its_own_labels() -> None:
    written = _Relabelled(kept=2)
    figures = list(FIGURES)
    for how in ({}, {"history": True, "department": "企画課"}):
        with translation.override("ja"):
            ja = written(figures, **how)  # type: ignore[arg-type]
        with translation.override("en"):
            en = written(figures, **how)  # type: ignore[arg-type]
        assert ja == _fresh("ja", **how)
        assert en == _fresh("en", **how)
        assert [list(e) for e in en] == [list(e) for e in _fresh("en", **how)]  # key order
        assert en[0]["period_label"] != ja[0]["period_label"]


def test_a_twin_asked_again_gets_copies() -> None:
    written = _Relabelled(kept=2)
    figures = list(FIGURES)
    with translation.override("ja"):
        first, again = written(figures), written(figures)
    assert first == again
    assert all(a is not b for a, b in zip(first, again, strict=True))


def test_a_list_with_the_same_figures_is_written_afresh_and_few_are_kept() -> None:
    written = _Relabelled(kept=2)
    lists = [list(FIGURES) for _ in range(3)]
    with translation.override("ja"):
        for figures in lists:
            written(figures)
        written(lists[0], history=True)  # the same list asked otherwise: not the same forms
    assert len(written.written) == 2
    assert [known for known, _, _ in written.written] == [lists[0], lists[2]]
    assert written.written[0][0] is lists[0] and written.written[1][0] is lists[2]
    assert "entered_at" in written.written[0][2][0]
