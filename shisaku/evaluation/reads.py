"""Every read the public side makes of published data, memoised.

A live request gets its own :class:`Reads` (:func:`for_request`) backed by the process's
store of plan views (:mod:`shisaku.evaluation.plan_store`): what a page loads of a
municipality (its plans, a plan's tree, indicators, grades, histories, statistics,
evaluations, document) is kept under the municipality's revision stamp and reused by later
requests until a write to that municipality; the request reads the stamp once (one
primary-key read).  Nothing is kept from inside a transaction (its writes may still be rolled
back), and :func:`for_request` with ``shared=False`` gives a request-local memo (the comparison
pages, which read every municipality, keep their whole answers instead).  A publishing run
hands one :class:`Reads` without a store to every page it renders (it sets
``request.shisaku_reads``), so each plan is loaded and graded once for the whole run and each
plan's revision histories come from one query.  What a :class:`Reads` returns is shared:
callers only read it, never change it.
"""

from __future__ import annotations

import gc
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any, TypeVar

from django.db import transaction
from django.http import HttpRequest

from shisaku.domain.nodepages import paths
from shisaku.domain.plantree import Node
from shisaku.domain.sdgs import MeasureLinks
from shisaku.evaluation.plan_store import EVERYWHERE, STORE, Memo, Store
from shisaku.evaluation.queries import (
    EvaluationView,
    plan_published_evaluations,
    published_evaluations,
)
from shisaku.evaluation.recent import PlanFacts, Update, plan_facts, recent_updates
from shisaku.evaluation.revision import data_revision, municipality_revision
from shisaku.indicators import queries as indicator_queries
from shisaku.indicators.assessing import PlanAssessment, assess_plan
from shisaku.indicators.models import Indicator
from shisaku.indicators.queries import FigureView, IndicatorView
from shisaku.plan import queries
from shisaku.plan.queries import MunicipalityInfo, PlanInfo, StatisticInfo
from shisaku.plan.sdg_reads import plan_links

ATTRIBUTE = "shisaku_reads"  # the request attribute holding its reads
# the mark of a view whose answer is the same in every language (a publishing run renders it
# once for all languages); the public side sets it, the publisher reads it
SAME_IN_EVERY_LANGUAGE = "same_in_every_language"
T = TypeVar("T")


class Reads:
    """The published municipalities and plans: trees, indicators, grades, histories, prose."""

    def __init__(self, store: Store | None = None) -> None:
        self._memo: dict[tuple[Any, ...], Any] = {}
        self._store = store
        self._shared: dict[str, Memo] = {}
        self._site_wide: set[tuple[Any, ...]] = set()  # the keys of answers about every plan

    def site_wide(self) -> Reads:
        """Return new reads (with the same store) holding only this one's answers about the
        whole site: the municipalities, the latest changes, every plan's facts.

        A publishing run loads its municipalities a group at a time, each group into reads of
        its own: the next group's start from these rather than reading every plan again."""
        following = Reads(self._store)
        following._memo = {k: self._memo[k] for k in self._site_wide}
        following._site_wide = set(self._site_wide)
        return following

    def _once(self, key: tuple[Any, ...], load: Callable[[], T], scope: str) -> T:
        """Return the memoised answer for ``key`` (of municipality ``scope``), loading it once."""
        if key not in self._memo:
            shared = self._kept(scope)
            if shared is None:
                self._memo[key] = load()
            else:
                with shared.lock:  # one load for all the requests that ask at once
                    if key not in shared.answers:
                        shared.answers[key] = load()
                    self._memo[key] = shared.answers[key]
            if scope == EVERYWHERE:
                self._site_wide.add(key)
        found: T = self._memo[key]
        return found

    def _kept(self, scope: str) -> Memo | None:
        """Return the process's memo of ``scope`` at its stamp, or None if nothing is kept."""
        if self._store is None or transaction.get_connection().in_atomic_block:
            return None
        if scope not in self._shared:
            stamp = data_revision() if scope == EVERYWHERE else municipality_revision(scope)
            self._shared[scope] = self._store.memo(scope, stamp)
        return self._shared[scope]

    def _peek(self, key: tuple[Any, ...], scope: str) -> Any:
        """Return the answer already loaded for ``key``, or None."""
        if key in self._memo:
            return self._memo[key]
        shared = self._kept(scope)
        return shared.answers.get(key) if shared is not None else None

    def towns(self) -> list[MunicipalityInfo]:
        """Return the municipalities that have at least one published plan."""
        every = self._once(
            ("towns",), lambda: queries.municipalities(published_only=True), EVERYWHERE
        )
        return [t for t in every if t.plans]

    def plan(self, code: str, slug: str | None = None) -> PlanInfo:
        """Return a published plan (the current one without a slug), or raise NotFound."""
        return self._once(
            ("plan", code, slug),
            lambda: queries.find_plan(code, slug, published_only=True),
            code,
        )

    def nodes(self, plan: PlanInfo) -> list[Node]:
        """Return the plan's tree."""
        return self._once(
            ("nodes", plan.id), lambda: queries.load_nodes(plan.id), plan.municipality_code
        )

    def node_path(self, plan: PlanInfo, code: str) -> list[Node]:
        """Return the path from a root of the plan's tree down to the node ``code`` (the first
        in document order), or an empty list: the paths of every node are worked out once."""
        found = self._once(
            ("paths", plan.id), lambda: _paths(self.nodes(plan)), plan.municipality_code
        )
        return list(found.get(code, ()))

    def indicators(self, plan: PlanInfo) -> list[IndicatorView]:
        """Return the plan's indicators with their current figures."""
        scope = plan.municipality_code
        if self._kept(scope) is not None:  # live: the histories are kept, and cheap after a write
            self.histories(plan)
        histories = self._peek(("histories", plan.id), scope)  # the current figures are in them
        return self._once(
            ("indicators", plan.id),
            lambda: self._same(
                plan, indicator_queries.plan_indicators(plan.id, histories=histories)
            ),
            scope,
        )

    def _same(self, plan: PlanInfo, views: list[IndicatorView]) -> list[IndicatorView]:
        """Return ``views`` with each view equal to one kept from an earlier stamp replaced by
        the kept one (then grading reuses what it derived from it), keeping the others."""
        shared = self._kept(plan.municipality_code)
        if shared is None:
            return views
        kept = shared.views.setdefault(plan.id, {})
        out: list[IndicatorView] = []
        for view in views:
            old = kept.get(view.id)
            out.append(old if old == view else view)
        kept.update((v.id, v) for v in out)
        return out

    def assessment(self, plan: PlanInfo, year: int | None = None) -> PlanAssessment:
        """Return the plan graded in ``year`` (default: its latest year with an actual)."""
        return self._once(
            ("assessment", plan.id, year),
            lambda: assess_plan(plan, year, nodes=self.nodes(plan), views=self.indicators(plan)),
            plan.municipality_code,
        )

    def grades(self, plan: PlanInfo) -> PlanAssessment:
        """Return the plan graded in its latest year, for a page showing only the plan's roll-up.

        The plan's :meth:`assessment` when already made; else graded without the roll-ups by
        node (so without reading the tree), the same grades and plan-wide roll-up otherwise.
        """
        made = self._peek(("assessment", plan.id, None), plan.municipality_code)
        if isinstance(made, PlanAssessment):
            return made
        return self._once(
            ("grades", plan.id),
            lambda: assess_plan(plan, nodes=[], views=self.indicators(plan)),
            plan.municipality_code,
        )

    def load_indicators(self, plans: list[PlanInfo]) -> None:
        """Load the indicators of many plans at once (two queries), those not loaded yet.

        They are kept by this object only (a page that reads many municipalities would
        otherwise fill the process's store with them)."""
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
            ("histories", plan.id), lambda: self._histories(plan), plan.municipality_code
        )

    def _histories(self, plan: PlanInfo) -> dict[int, list[FigureView]]:
        """Read the plan's histories: those kept from an earlier stamp and unchanged since are
        reused (one query tells which), the others read in one query."""
        shared = self._kept(plan.municipality_code)
        if shared is None:
            return indicator_queries.plan_figure_history(plan.id)
        signatures = indicator_queries.figure_signatures(plan.id)  # first: never older than kept
        kept = shared.histories.setdefault(plan.id, {})
        stale = {i for i, s in signatures.items() if i not in kept or kept[i][0] != s}
        fresh = indicator_queries.plan_figure_history(plan.id, only=sorted(stale)) if stale else {}
        kept.update((i, (signatures[i], fresh.get(i, []))) for i in stale)
        return {i: fresh.get(i, []) if i in stale else kept[i][1] for i in sorted(signatures)}

    def statistics(self, plan: PlanInfo) -> dict[str, list[StatisticInfo]]:
        """Return the plan's context statistics by the code of the node holding them."""
        return self._once(
            ("statistics", plan.id),
            lambda: queries.context_statistics(plan.id),
            plan.municipality_code,
        )

    def evaluations(self, plan: PlanInfo, node_code: str) -> list[EvaluationView]:
        """Return a measure's published evaluations, newest year first (from the plan's when
        they are loaded)."""
        scope = plan.municipality_code
        every: dict[str, list[EvaluationView]] | None = self._peek(("evaluations", plan.id), scope)
        if every is not None:
            return every.get(node_code, [])
        return self._once(
            ("evaluations", plan.id, node_code),
            lambda: published_evaluations(plan.id, node_code),
            scope,
        )

    def sdg_links(self, plan: PlanInfo) -> dict[str, MeasureLinks]:
        """Return the SDG goals and targets each measure of the plan serves, by measure code."""
        return self._once(("sdgs", plan.id), lambda: plan_links(plan.id), plan.municipality_code)

    def plan_evaluations(self, plan: PlanInfo) -> dict[str, list[EvaluationView]]:
        """Return the published evaluations of every measure of the plan (one query)."""
        return self._once(
            ("evaluations", plan.id),
            lambda: plan_published_evaluations(plan.id),
            plan.municipality_code,
        )

    def recent(self) -> list[Update]:
        """Return the latest changes to published data (figures, evaluations), newest first."""
        return self._once(("recent",), recent_updates, EVERYWHERE)

    def every_facts(self) -> dict[int, PlanFacts]:
        """Return the counts of indicators, empty tables and statistics of every published plan."""
        ids = [p.id for t in self.towns() for p in t.plans]
        return self._once(("facts",), lambda: plan_facts(ids), EVERYWHERE)

    def facts(self, plan: PlanInfo) -> PlanFacts:
        """Return the counts of indicators, empty tables and statistics of one plan."""
        every: dict[int, PlanFacts] | None = self._memo.get(("facts",))  # a run's, when loaded
        if every is not None and plan.id in every:
            return every[plan.id]
        return self._once(
            ("facts", plan.id), lambda: plan_facts([plan.id])[plan.id], plan.municipality_code
        )

    def preload(self, plan: PlanInfo) -> None:
        """Load everything the plan's public pages read (a publishing run does, once).

        Python's cyclic garbage collector is paused meanwhile: what is read is tens of
        thousands of small objects, kept, whose making would otherwise set off collections
        that look at all of them again and again (a quarter of the time the loading took)."""
        with _collector_paused():
            self.towns()
            self.recent()
            self.every_facts()
            self.plan(plan.municipality_code)
            self.plan(plan.municipality_code, plan.meta.slug)
            self.histories(plan)  # first: the indicators' current figures come from them
            self.assessment(plan)
            self.statistics(plan)
            self.document(plan)
            self.plan_evaluations(plan)
            self.sdg_links(plan)

    def document(self, plan: PlanInfo) -> dict[str, Any]:
        """Return the plan's exchange document (docs/plan-json.md)."""
        return self._once(
            ("document", plan.id), lambda: queries.plan_document(plan), plan.municipality_code
        )


@contextmanager
def _collector_paused() -> Iterator[None]:
    """Pause the cyclic garbage collector for the block, when it runs (it is left as found)."""
    if not gc.isenabled():
        yield
        return
    gc.disable()
    try:
        yield
    finally:
        gc.enable()


def _paths(nodes: list[Node]) -> dict[str, tuple[Node, ...]]:
    """Return the path down to each code of a tree (the first node of a code in document
    order, as :func:`~shisaku.domain.nodepages.find_path` finds it)."""
    found: dict[str, tuple[Node, ...]] = {}
    for path in paths(nodes):
        found.setdefault(path[-1].code, tuple(path))
    return found


def for_request(request: HttpRequest, *, shared: bool = True) -> Reads:
    """Return the reads of a request: the run's when publishing, else the request's own,
    backed by the process's store of plan views unless ``shared`` is false."""
    found = getattr(request, ATTRIBUTE, None)
    if isinstance(found, Reads):
        return found
    reads = Reads(STORE if shared else None)
    setattr(request, ATTRIBUTE, reads)
    return reads
