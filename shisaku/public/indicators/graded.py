"""An indicator of a published plan graded in the year asked for: the data of its page, its
JSON twin, its table, its widget and its badge."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property

from django.http import HttpRequest

from shisaku.domain.plantree import Node
from shisaku.evaluation.reads import Reads, for_request
from shisaku.indicators.assessing import IndicatorResult, PlanAssessment
from shisaku.indicators.queries import FigureView
from shisaku.indicators.queries import NotFound as IndicatorNotFound
from shisaku.plan.queries import PlanInfo
from shisaku.public import links, params
from shisaku.public.documents import Crumb, crumbs
from shisaku.public.indicators import index


@dataclass(frozen=True)
class Graded:
    """An indicator of a published plan, graded in the year asked for, with where it sits."""

    plan: PlanInfo
    done: PlanAssessment
    result: IndicatorResult
    path: list[Node]
    reads: Reads

    @cached_property
    def trail(self) -> list[Crumb]:
        """Return the breadcrumbs down to the indicator (made when a page shows them: the
        widget and the badge do not)."""
        view = self.result.indicator
        url = links.indicator_url(self.plan, view.code)
        here = Crumb(view.code, view.name_ja, view.name_en, url, kind="indicator")
        return [*crumbs(self.plan, self.path), here]

    @property
    def history(self) -> list[FigureView]:
        """Return every revision of the indicator's figures."""
        return self.reads.history(self.plan, self.result.indicator.id)


def graded(request: HttpRequest, code: str, slug: str, indicator: str) -> Graded:
    """Grade the plan in the year asked for and find the indicator, or raise."""
    reads = for_request(request)
    info = reads.plan(code, slug)
    reads.histories(info)  # first: the page shows them, and the current figures come from them
    done = reads.assessment(info, params.assessed_year(request))
    result = index.result(done, indicator)
    if result is None:
        raise IndicatorNotFound(f"indicator {indicator} does not exist in plan {slug}")
    view = result.indicator
    path = reads.node_path(info, view.node_code) if view.node_code else []
    return Graded(info, done, result, path, reads)
