"""An indicator twin's figures and history, written once with blank period labels and filled in
for each language, are what writing them afresh in that language gives, byte for byte."""

from __future__ import annotations

from datetime import UTC, datetime
from decimal import Decimal

import orjson
import pytest
from django.utils import translation

from shisaku.indicators.queries import FigureView
from shisaku.public.indicators.documents import _TwinTables, figures_to_dicts
from shisaku.public.renderers import json_bytes

AT = datetime(2026, 4, 1, 9, 30, tzinfo=UTC)


def _figure(
    kind: str,
    period: str,
    value: str,
    breakdown: str = "",
    revision: int = 1,
    components: list[dict[str, str]] | None = None,
) -> FigureView:
    start = int(period[2:6])
    return FigureView(
        kind, period, start, start, breakdown, value, "number", Decimal(value), "人", "", "",
        components or [], "", "", revision, revision == 1, "", AT,
    )  # fmt: skip


FIGURES = [
    _figure("baseline", "FY2019", "10"),
    _figure("actual", "FY2021", "12.5"),
    _figure("actual", "FY2021", "3", breakdown="北区", components=[{"名": "値\n%s 5%"}]),
]
DEPARTMENT = "企画課 100%s"
OLDER = _figure("actual", "FY2021", "12", revision=2)


def _document(figures: object, history: object) -> bytes:
    return json_bytes({"figures": figures, "history": history})


def _fresh(figures: list[FigureView], history: list[FigureView]) -> bytes:
    shown = figures_to_dicts(figures)
    return _document(shown, figures_to_dicts(history, history=True, department=DEPARTMENT))


HISTORIES = {
    "the same figures": lambda: FIGURES,
    "more revisions": lambda: [FIGURES[0], OLDER, *FIGURES[1:]],
    "other objects": lambda: [f._replace() for f in reversed(FIGURES)],
    "nothing": lambda: [],
}


@pytest.mark.parametrize("history", HISTORIES.values(), ids=list(HISTORIES))
def test_each_language_gets_what_writing_afresh_gives(history: object) -> None:
    written = _TwinTables(kept=2)
    figures, revisions = list(FIGURES), list(history())  # type: ignore[operator]
    for language in ("ja", "en", "ja"):
        with translation.override(language):
            assert _document(*written(figures, revisions, DEPARTMENT)) == _fresh(figures, revisions)
    assert len(written.written) == 1


def test_no_figures() -> None:
    with translation.override("en"):
        assert _document(*_TwinTables(kept=2)([], [], "")) == _fresh([], [])


def test_a_figure_holding_a_blank_label_is_written_afresh() -> None:
    odd = _figure("actual", "FY2022", "1", components=[{"period_label": "\x00"}])
    figures = [*FIGURES, odd]
    written = _TwinTables(kept=2)
    for language in ("ja", "en"):
        with translation.override(language):
            assert _document(*written(figures, figures, DEPARTMENT)) == _fresh(figures, figures)
    assert written.written[0].figure_template is None


def test_lists_are_known_by_identity_and_few_are_kept() -> None:
    written = _TwinTables(kept=2)
    lists = [list(FIGURES) for _ in range(3)]
    with translation.override("ja"):
        for figures in lists:
            written(figures, figures, "")
        again = written(lists[2], lists[2], DEPARTMENT)  # asked otherwise: written afresh
    assert [cut.figures for cut in written.written] == [lists[2], lists[2]]
    assert written.written[0].figures is lists[2] and written.written[0].department == DEPARTMENT
    assert isinstance(again[0], orjson.Fragment)
