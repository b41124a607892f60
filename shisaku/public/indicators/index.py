"""Where each indicator sits among a plan's grades, by its code and by its node's code.

Every page of an indicator (the page, its twin, its table, widget, badge and share page) finds
its result by code, and every node page the results of its nodes: scanning the plan's results
for each made the pages of a plan cost its number of indicators squared.  So the places are
worked out once for each graded plan and kept while it lives: a :class:`PlanAssessment` never
changes, is shared by every page that reads it (a publishing run's, or the live site's plan
view), and is known here by identity, as :mod:`shisaku.indicators.assessing` knows the views.
"""

from __future__ import annotations

import weakref
from dataclasses import dataclass, field

from shisaku.indicators.assessing import IndicatorResult, PlanAssessment


@dataclass(frozen=True)
class Places:
    """The place of each result in ``PlanAssessment.results``, by indicator and by node code."""

    by_code: dict[str, int] = field(default_factory=dict)
    by_node: dict[str, list[int]] = field(default_factory=dict)


def _places(done: PlanAssessment) -> Places:
    """Return where each result of ``done`` sits (the first one of a code, as a scan finds)."""
    places = Places()
    for i, r in enumerate(done.results):
        places.by_code.setdefault(r.indicator.code, i)
        places.by_node.setdefault(r.indicator.node_code, []).append(i)
    return places


class _Kept:
    """The places of each graded plan's results, kept while the plan's grades live."""

    def __init__(self) -> None:
        self._found: dict[int, Places] = {}

    def __call__(self, done: PlanAssessment) -> Places:
        """Return the places of ``done``'s results, working them out the first time."""
        key = id(done)
        found = self._found.get(key)
        if found is None:
            found = self._found[key] = _places(done)
            weakref.finalize(done, self._found.pop, key, None)
        return found


places_of = _Kept()


def result(done: PlanAssessment, code: str) -> IndicatorResult | None:
    """Return the result of indicator ``code``, or None when the plan has no such indicator."""
    i = places_of(done).by_code.get(code)
    return None if i is None else done.results[i]


def results_of_nodes(done: PlanAssessment, codes: set[str]) -> list[IndicatorResult]:
    """Return the results of the indicators attached to any node of ``codes``, in the plan's
    order of results."""
    by_node = places_of(done).by_node
    return [done.results[i] for i in sorted(i for c in codes for i in by_node.get(c, ()))]
