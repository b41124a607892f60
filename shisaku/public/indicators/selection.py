"""Which of an indicator's figures a page shows, and in what order: the whole area's, the
latest actual, baselines before targets before actuals (:func:`tables`: the tables of figures
and revisions, the same on the page and its twin in every language, so worked out once);
values as the indicator publishes them.

A value that is not there is said to be unknown, never shown as zero.
"""

from __future__ import annotations

import weakref
from collections.abc import Iterable
from itertools import chain, groupby
from operator import attrgetter

from shisaku.domain.assessment_scales import fmt_number
from shisaku.indicators.breakdowns import Shown, shown
from shisaku.indicators.queries import FigureView, IndicatorView
from shisaku.public.indicators.kept import Kept

FIGURE_ORDER = ("baseline", "target", "actual")


def whole(figures: list[FigureView]) -> list[FigureView]:
    """Keep the figures for the whole area (not a breakdown row)."""
    return [f for f in figures if not f.breakdown]


def latest_actual(view: IndicatorView) -> FigureView | None:
    """Return the latest whole-area actual."""
    actuals = view.whole("actual")
    return max(actuals, key=lambda f: (f.period_end, f.period_start)) if actuals else None


def ordered(figures: list[FigureView] | tuple[FigureView, ...]) -> list[FigureView]:
    """Return figures as a table shows them: baselines, targets, actuals (then any other
    kind), each oldest first, then by breakdown; in the order given where they tie.

    The last few tuples' order (an indicator's figures, which the tables of its page and its
    downloads both ask for) is kept and copied: a tuple never changes."""
    if type(figures) is not tuple:
        return _ordered(figures)
    found = _last_ordered.found(None, figures)
    if found is None:
        found = _last_ordered.keep(_ordered(figures), None, figures)
    return list(found)


_last_ordered: Kept[list[FigureView]] = Kept(4)


def _ordered(figures: Iterable[FigureView]) -> list[FigureView]:
    """Return :func:`ordered` of ``figures``: each kind's sorted by period and breakdown, the
    kinds put in order (a plan's figures come grouped by kind, each kind's in order already,
    which sorts in a pass: no key made for the kind of each figure)."""
    parts: tuple[list[FigureView], ...] = tuple([] for _ in range(len(FIGURE_ORDER) + 1))
    for kind, run in groupby(figures, _KIND):
        parts[_RANK.get(kind, len(FIGURE_ORDER))].extend(run)
    for part in parts:
        part.sort(key=_WHEN)
    return list(chain.from_iterable(parts))


_RANK = {kind: i for i, kind in enumerate(FIGURE_ORDER)}
_KIND = attrgetter("kind")
_WHEN = attrgetter("period_start", "period_end", "breakdown")


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
