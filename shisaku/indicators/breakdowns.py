"""What a page or an API response embeds of an indicator's breakdown rows: a bounded summary.

An indicator's figures for the whole area are few (a kind and a period each), but its
breakdown rows (districts, schools, member municipalities) have no natural bound: 200,000 of
them made one indicator's public page 88 MB and the API's list of indicators 63 MB. So a page
or a response shows every figure for the whole area and at most :data:`SHOWN_PER_PERIOD`
breakdown rows for each kind and period (the first ones in the order given), and says how
many it left out; every figure stays in the indicator's CSV and xlsx downloads and in the
API's paginated list of figures. An indicator with up to that many breakdown rows per period
(12 districts, 47 prefectures) is shown whole, so its pages do not change.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from itertools import compress
from operator import attrgetter
from typing import NamedTuple

from shisaku.indicators.queries import FigureView

SHOWN_PER_PERIOD = 50  # breakdown rows shown for one kind and period, revisions counted


class Shown(NamedTuple):
    """The figures shown, in the order given, and how many breakdown rows were left out."""

    figures: list[FigureView]
    omitted: int


def shown(figures: Iterable[FigureView], per_period: int = SHOWN_PER_PERIOD) -> Shown:
    """Return every whole-area figure and the first ``per_period`` breakdown rows (revisions
    included) of each kind and period, with the count of breakdown rows left out."""
    given = list(figures)
    rows = Counter(map(_KIND_PERIOD, compress(given, map(_BREAKDOWN, given))))
    if not rows or max(rows.values()) <= per_period:  # most indicators: every row shown
        return Shown(given, 0)
    seen: Counter[tuple[str, str]] = Counter()
    kept: list[FigureView] = []
    for f in given:
        if f.breakdown:
            key = (f.kind, f.period)
            seen[key] += 1
            if seen[key] > per_period:
                continue
        kept.append(f)
    omitted = sum(n - per_period for n in rows.values() if n > per_period)
    return Shown(kept, omitted)


# counted in C (the breakdown rows of each kind and period): an indicator's page has hundreds
_KIND_PERIOD = attrgetter("kind", "period")
_BREAKDOWN = attrgetter("breakdown")
