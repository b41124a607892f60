"""Which of an indicator's figures a page shows, and in what order: the whole area's, the
latest actual, baselines before targets before actuals (:func:`tables`: the tables of figures
and revisions, the same on the page and its twin in every language, so worked out once);
values as the indicator publishes them.

A value that is not there is said to be unknown, never shown as zero.
"""

from __future__ import annotations

import weakref
from operator import attrgetter

from shisaku.domain.assessment_scales import fmt_number
from shisaku.indicators.breakdowns import Shown, shown
from shisaku.indicators.queries import FigureView, IndicatorView

FIGURE_ORDER = ("baseline", "target", "actual")


def whole(figures: list[FigureView]) -> list[FigureView]:
    """Keep the figures for the whole area (not a breakdown row)."""
    return [f for f in figures if not f.breakdown]


def latest_actual(view: IndicatorView) -> FigureView | None:
    """Return the latest whole-area actual."""
    actuals = view.whole("actual")
    return max(actuals, key=lambda f: (f.period_end, f.period_start)) if actuals else None


def ordered(figures: list[FigureView] | tuple[FigureView, ...]) -> list[FigureView]:
    """Return figures as a table shows them: baselines, targets, actuals, each oldest first."""
    rank = {kind: i for i, kind in enumerate(FIGURE_ORDER)}
    return sorted(
        figures, key=lambda f: (rank.get(f.kind, 9), f.period_start, f.period_end, f.breakdown)
    )


class _Tables:
    """The figures and the revision history an indicator's page and its twin show, in both
    languages: ordered and cut (:func:`shown`) once, and kept while the indicator's view lives
    (views never change; a history read afresh is worked out afresh)."""

    def __init__(self) -> None:
        self._found: dict[int, tuple[list[FigureView], Shown, Shown]] = {}

    def __call__(self, view: IndicatorView, history: list[FigureView]) -> tuple[Shown, Shown]:
        """Return the figures and the history shown of ``view`` and its ``history``."""
        key = id(view)
        found = self._found.get(key)
        if found is None or found[0] is not history:
            if found is None:
                weakref.finalize(view, self._found.pop, key, None)
            found = (history, _shown(ordered(view.figures)), _shown(ordered(history)))
            self._found[key] = found
        return found[1], found[2]


tables = _Tables()


def _shown(figures: list[FigureView]) -> Shown:
    """Return :func:`shown` of ``figures`` (a list of their own), at once when none is a
    breakdown row: then every one is shown."""
    return shown(figures) if any(map(_BREAKDOWN, figures)) else Shown(figures, 0)


_BREAKDOWN = attrgetter("breakdown")


def actual_years(view: IndicatorView) -> list[int]:
    """Return the years with a whole-area actual, oldest first (the years worth grading)."""
    return sorted({f.period_end for f in view.whole("actual")})


def projected(value: float | None, view: IndicatorView) -> str:
    """Return a projected value with the decimals the indicator publishes, or a dash."""
    if value is None:
        return "—"
    return fmt_number(value, view.decimals)


def figure_note(f: FigureView) -> str:
    """Return a figure's qualifier and label (約, 見込, 策定, a missing marker), joined."""
    return note_text(f.qualifier, f.label, f.raw)


def note_text(qualifier: str, label: str, raw: str) -> str:
    """Return a qualifier and a label joined, leaving out either when it repeats ``raw``."""
    return "・".join(part for part in (qualifier, label) if part and part != raw)
