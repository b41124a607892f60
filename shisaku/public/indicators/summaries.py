"""Summary rows of graded indicators (link, baseline, final target, latest actual, grade), the
indicators a page lists, and the sources they cite.

Every number comes from :func:`shisaku.indicators.assessing.assess_plan`; this module only picks.
"""

from __future__ import annotations

from dataclasses import dataclass
from itertools import chain
from operator import attrgetter

from shisaku.domain.plantree import Node
from shisaku.indicators.assessing import IndicatorResult, PlanAssessment
from shisaku.indicators.queries import FigureView, IndicatorView
from shisaku.plan.queries import PlanInfo
from shisaku.public import links, tree
from shisaku.public.indicators import index
from shisaku.public.indicators.kept import Kept
from shisaku.public.indicators.selection import latest_actual
from shisaku.settled import SETTLED, looked_up


@dataclass(frozen=True)
class IndicatorRow:
    """One indicator in a summary table: link, baseline, final target, latest actual, grade."""

    result: IndicatorResult
    url: str
    baseline: FigureView | None
    target: FigureView | None
    latest: FigureView | None

    @property
    def view(self) -> IndicatorView:
        """Return the indicator."""
        return self.result.indicator


def indicator_row(plan: PlanInfo, result: IndicatorResult) -> IndicatorRow:
    """Return the summary row of one graded indicator, made once for a plan, a result and the
    place (language and routes: its link): a run's pages ask for each several times a
    language, and the same row has its markup remembered (:func:`figure_rows.summary_rows`)."""
    place = SETTLED.get() or looked_up()
    found = _rows.found(place, plan, result)
    return found if found is not None else _rows.keep(_row(plan, result), place, plan, result)


def _row(plan: PlanInfo, result: IndicatorResult) -> IndicatorRow:
    """Return the summary row of one graded indicator, made afresh."""
    view = result.indicator
    return IndicatorRow(
        result,
        links.indicator_url(plan, view.code),
        view.first_baseline(),
        view.final_target(),
        latest_actual(view),
    )


_rows: Kept[IndicatorRow] = Kept(1024)


def rows_for(plan: PlanInfo, done: PlanAssessment, codes: set[str]) -> list[IndicatorRow]:
    """Return the summary rows of the indicators attached to any node of ``codes``."""
    return [indicator_row(plan, r) for r in index.results_of_nodes(done, codes)]


def page_codes(node: Node) -> set[str]:
    """Return the node codes whose indicators a node's page lists: itself and inline parts."""
    codes = {node.code}
    for child in tree.inline_children(node):
        codes |= page_codes(child)
    return codes


def sources(done: PlanAssessment) -> list[str]:
    """Return the distinct sources the plan's indicators and their figures cite, in order
    (worked out once for a plan's grades: its page and its list of indicators in each
    language ask)."""
    found = _sources.found(None, done)
    return list(found if found is not None else _sources.keep(_sources_of(done), None, done))


def _sources_of(done: PlanAssessment) -> list[str]:
    """Return :func:`sources`, each distinct text stripped once (a plan's figures repeat a
    few sources tens of thousands of times)."""
    texts = chain.from_iterable(
        chain((r.indicator.source,), map(_SOURCE, r.indicator.figures)) for r in done.results
    )
    return list(dict.fromkeys(text for text in map(str.strip, dict.fromkeys(texts)) if text))


_SOURCE = attrgetter("source")
_sources: Kept[list[str]] = Kept(16)
