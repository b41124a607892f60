"""Every read the public side makes of published data, memoised for the life of one object.

A live request gets its own :class:`Reads` (:func:`for_request`): the page and the helpers it
calls share what it has loaded, so a page loads its plan's tree and grades the plan once, and
nothing outlives the request.  A publishing run hands one :class:`Reads` to every page it
renders (it sets ``request.shisaku_reads``), so each plan is loaded and graded once for the
whole run and each plan's revision histories come from one query.  A run is read-only, so a
memoised answer is the answer the database would give; callers only read what they get.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

from django.http import HttpRequest

from shisaku.domain.plantree import Node
from shisaku.evaluation.queries import (
    EvaluationView,
    plan_published_evaluations,
    published_evaluations,
)
from shisaku.indicators import queries as indicator_queries
from shisaku.indicators.assessing import PlanAssessment, assess_plan
from shisaku.indicators.models import Indicator
from shisaku.indicators.queries import FigureView, IndicatorView
from shisaku.plan import queries
from shisaku.plan.queries import MunicipalityInfo, PlanInfo, StatisticInfo

ATTRIBUTE = "shisaku_reads"  # the request attribute holding its reads
# the mark of a view whose answer is the same in every language (a publishing run renders it
# once for all languages); the public side sets it, the publisher reads it
SAME_IN_EVERY_LANGUAGE = "same_in_every_language"
T = TypeVar("T")


class Reads:
    """The published municipalities and plans: trees, indicators, grades, histories, prose."""

    def __init__(self) -> None:
        self._memo: dict[tuple[Any, ...], Any] = {}

    def _once(self, key: tuple[Any, ...], load: Callable[[], T]) -> T:
        """Return the memoised answer for ``key``, loading it the first time."""
        if key not in self._memo:
            self._memo[key] = load()
        found: T = self._memo[key]
        return found

    def towns(self) -> list[MunicipalityInfo]:
        """Return the municipalities that have at least one published plan."""
        every = self._once(("towns",), lambda: queries.municipalities(published_only=True))
        return [t for t in every if t.plans]

    def plan(self, code: str, slug: str | None = None) -> PlanInfo:
        """Return a published plan (the current one without a slug), or raise NotFound."""
        return self._once(
            ("plan", code, slug), lambda: queries.find_plan(code, slug, published_only=True)
        )

    def nodes(self, plan: PlanInfo) -> list[Node]:
        """Return the plan's tree."""
        return self._once(("nodes", plan.id), lambda: queries.load_nodes(plan.id))

    def indicators(self, plan: PlanInfo) -> list[IndicatorView]:
        """Return the plan's indicators with their current figures."""
        histories = self._memo.get(("histories", plan.id))  # the current figures are in them
        return self._once(
            ("indicators", plan.id),
            lambda: indicator_queries.plan_indicators(plan.id, histories=histories),
        )

    def assessment(self, plan: PlanInfo, year: int | None = None) -> PlanAssessment:
        """Return the plan graded in ``year`` (default: its latest year with an actual)."""
        return self._once(
            ("assessment", plan.id, year),
            lambda: assess_plan(plan, year, nodes=self.nodes(plan), views=self.indicators(plan)),
        )

    def grades(self, plan: PlanInfo) -> PlanAssessment:
        """Return the plan graded in its latest year, for a page showing only the plan's roll-up.

        The plan's :meth:`assessment` when already made; else graded without the roll-ups by
        node (so without reading the tree), the same grades and plan-wide roll-up otherwise.
        """
        made = self._memo.get(("assessment", plan.id, None))
        if isinstance(made, PlanAssessment):
            return made
        return self._once(
            ("grades", plan.id), lambda: assess_plan(plan, nodes=[], views=self.indicators(plan))
        )

    def load_indicators(self, plans: list[PlanInfo]) -> None:
        """Load the indicators of many plans at once (two queries), those not loaded yet."""
        todo = [p.id for p in plans if ("indicators", p.id) not in self._memo]
        rows = list(Indicator.objects.filter(plan_id__in=todo).select_related("node"))
        found: dict[int, list[IndicatorView]] = {i: [] for i in todo}
        for row, view in zip(rows, indicator_queries.with_figures(rows), strict=True):
            found[row.plan_id].append(view)
        self._memo.update((("indicators", i), views) for i, views in found.items())

    def history(self, plan: PlanInfo, indicator_id: int) -> list[FigureView]:
        """Return every revision of an indicator's figures, newest revision first per key."""
        return self.histories(plan).get(indicator_id, [])

    def histories(self, plan: PlanInfo) -> dict[int, list[FigureView]]:
        """Return the revision histories of every indicator of the plan (one query)."""
        return self._once(
            ("histories", plan.id), lambda: indicator_queries.plan_figure_history(plan.id)
        )

    def statistics(self, plan: PlanInfo) -> dict[str, list[StatisticInfo]]:
        """Return the plan's context statistics by the code of the node holding them."""
        return self._once(("statistics", plan.id), lambda: queries.context_statistics(plan.id))

    def evaluations(self, plan: PlanInfo, node_code: str) -> list[EvaluationView]:
        """Return a measure's published evaluations, newest year first (from the plan's when
        they are loaded)."""
        every: dict[str, list[EvaluationView]] | None = self._memo.get(("evaluations", plan.id))
        if every is not None:
            return every.get(node_code, [])
        return self._once(
            ("evaluations", plan.id, node_code),
            lambda: published_evaluations(plan.id, node_code),
        )

    def plan_evaluations(self, plan: PlanInfo) -> dict[str, list[EvaluationView]]:
        """Return the published evaluations of every measure of the plan (one query)."""
        return self._once(("evaluations", plan.id), lambda: plan_published_evaluations(plan.id))

    def preload(self, plan: PlanInfo) -> None:
        """Load everything the plan's public pages read (a publishing run does, once)."""
        self.towns()
        self.plan(plan.municipality_code)
        self.plan(plan.municipality_code, plan.meta.slug)
        self.histories(plan)  # first: the indicators' current figures come from them
        self.assessment(plan)
        self.statistics(plan)
        self.document(plan)
        self.plan_evaluations(plan)

    def document(self, plan: PlanInfo) -> dict[str, Any]:
        """Return the plan's exchange document (docs/plan-json.md)."""
        return self._once(("document", plan.id), lambda: queries.plan_document(plan))


def for_request(request: HttpRequest) -> Reads:
    """Return the reads of a request: the run's when publishing, else the request's own."""
    found = getattr(request, ATTRIBUTE, None)
    if isinstance(found, Reads):
        return found
    reads = Reads()
    setattr(request, ATTRIBUTE, reads)
    return reads
