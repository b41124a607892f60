"""Summary rows of graded indicators (link, baseline, final target, latest actual, grade), the
indicators a page lists, and the sources they cite.

Every number comes from :func:`shisaku.indicators.assessing.assess_plan`; this module only picks.
"""

from __future__ import annotations

from dataclasses import dataclass

from shisaku.domain.plantree import Node
from shisaku.indicators.assessing import IndicatorResult, PlanAssessment
from shisaku.indicators.queries import FigureView, IndicatorView
from shisaku.plan.queries import PlanInfo
from shisaku.public import links, tree
from shisaku.public.indicators import index
from shisaku.public.indicators.selection import latest_actual


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
    """Return the summary row of one graded indicator."""
    view = result.indicator
    return IndicatorRow(
        result,
        links.indicator_url(plan, view.code),
        view.first_baseline(),
        view.final_target(),
        latest_actual(view),
    )


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
    """Return the distinct sources the plan's indicators and their figures cite, in order."""
    found: dict[str, None] = {}
    for result in done.results:
        view = result.indicator
        for text in (view.source, *(f.source for f in view.figures)):
            if text.strip():
                found.setdefault(text.strip(), None)
    return list(found)
