"""A plan's figure revisions newest first, worked out once per plan for its Atom feeds.

A plan holds tens of thousands of revisions and has a feed per measure: each feed used to scan
them all for its newest few.  They are ranked once, by when they were entered, then by entry id,
newest first, ties in the order of the plan's indicators and histories (a stable sort; the ids,
strings to format, are only made for revisions entered at the same instant), kept with the
plan's other reads (:class:`~shisaku.evaluation.reads.Reads`: a live process drops them at the
next write to the municipality) and grouped by the node holding each indicator.  A measure's
feed merges the groups of its nodes by rank and stops at its limit.
"""

from __future__ import annotations

import heapq
from collections.abc import Iterable
from dataclasses import dataclass, field
from itertools import groupby, islice

from shisaku.evaluation.reads import Reads
from shisaku.indicators.queries import FigureView, IndicatorView
from shisaku.plan.queries import PlanInfo

KEY = "embeds.newest"  # the memo key's first part, beside the reads' own
TAG = "tag:shisaku.jp,2024:"  # the start of every entry id (RFC 4151)
Revision = tuple[IndicatorView, FigureView]


@dataclass(frozen=True)
class Ranked:
    """A plan's figure revisions, newest first: the figures and their indicators by rank (0: the
    newest), and the ranks of each node's.

    Ranks are plain numbers, not a tuple per revision: tens of thousands of tuples kept would
    set the garbage collector going through the run's heap."""

    figures: list[FigureView]
    views: list[IndicatorView]
    by_node: dict[str, list[int]] = field(default_factory=dict)

    def newest(self, codes: Iterable[str] | None, limit: int) -> list[Revision]:
        """Return the newest ``limit`` revisions of the nodes ``codes`` (None: of the plan)."""
        if codes is None:
            ranks: Iterable[int] = range(min(limit, len(self.figures)))
        else:
            ranks = islice(heapq.merge(*(self.by_node.get(c, ()) for c in codes)), limit)
        return [(self.views[r], self.figures[r]) for r in ranks]


def ranked(reads: Reads, plan: PlanInfo) -> Ranked:
    """Return the plan's figure revisions newest first (worked out once per plan's reads)."""
    key = (KEY, plan.id)
    return reads._once(key, lambda: _ranked(reads, plan), plan.municipality_code)


def entry_id(plan: PlanInfo, view: IndicatorView, f: FigureView) -> str:
    """Return the id of one figure revision's entry (the same in every language)."""
    where = f"{plan.municipality_code}/{plan.meta.slug}/{view.code}"
    return f"{TAG}figure/{where}/{f.kind}/{f.period}/{f.breakdown}/{f.revision}"


def _ranked(reads: Reads, plan: PlanInfo) -> Ranked:
    """Rank every revision of the plan and group the ranks by node."""
    histories = reads.histories(plan)
    views = reads.indicators(plan)
    figures = [f for v in views for f in histories.get(v.id, [])]
    owners = [v for v in views for _ in histories.get(v.id, [])]
    order = _order(plan, figures, owners)
    found = Ranked([figures[i] for i in order], [owners[i] for i in order])
    for rank, view in enumerate(found.views):
        found.by_node.setdefault(view.node_code, []).append(rank)
    return found


def _order(plan: PlanInfo, figures: list[FigureView], owners: list[IndicatorView]) -> list[int]:
    """Return the places of ``figures`` newest first, by entry id (the greatest first) when
    entered at the same instant, else in their order (a stable sort)."""
    entered = [f.entered_at for f in figures]
    order = sorted(range(len(figures)), key=entered.__getitem__, reverse=True)
    if len(set(entered)) == len(entered):
        return order

    def by_id(i: int) -> str:
        return entry_id(plan, owners[i], figures[i])

    tied = (list(same) for _, same in groupby(order, key=entered.__getitem__))
    return [i for same in tied for i in sorted(same, key=by_id, reverse=True)]
