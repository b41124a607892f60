"""The JSON twins of the public pages, and the breadcrumbs the HTML pages share with them.

Schemas (every URL is a path in the language of the request):

- ``shisaku.index/1`` (home): ``{"schema", "municipalities": [municipality + "plans"]}``
- ``shisaku.municipality/1``: ``{"schema", "municipality", "current_plan", "plans"}``
- ``shisaku.plan/1`` (plan page): the exchange document of :func:`queries.plan_document`
- ``shisaku.node/1``: ``{"schema", "municipality", "plan", "breadcrumbs", "node"}`` where
  ``breadcrumbs`` lists ``{"code", "title", "title_en", "url"}`` from the municipality down to
  the node itself and ``node`` is the exchange form of the node and its subtree.

A municipality is ``{"code", "name", "name_en", "url"}``; a plan is the exchange metadata
plus ``"url"`` and ``"json_url"``.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from shisaku.domain.plantree import Node, meta_to_dict, node_to_dict
from shisaku.plan.queries import MunicipalityInfo, PlanInfo
from shisaku.public import links


@dataclass(frozen=True)
class Crumb:
    """One step of a breadcrumb trail below the home page."""

    code: str
    title: str
    title_en: str
    url: str
    kind: str = ""
    title_known: bool = True


def crumbs(plan: PlanInfo, path: list[Node]) -> list[Crumb]:
    """Return the trail from the plan's municipality down to the last node of ``path``."""
    town = Crumb(
        plan.municipality_code,
        plan.municipality_name_ja,
        plan.municipality_name_en,
        links.municipality_url(plan.municipality_code),
    )
    meta = plan.meta
    here = Crumb(meta.slug, meta.title, meta.title_en, links.plan_url(plan))
    nodes = [
        Crumb(n.code, n.title, n.title_en, links.node_url(plan, n.code), n.kind, n.title_known)
        for n in path
    ]
    return [town, here, *nodes]


def crumb_to_dict(crumb: Crumb) -> dict[str, str]:
    """Return the JSON form of a breadcrumb."""
    return {"code": crumb.code, "title": crumb.title, "title_en": crumb.title_en, "url": crumb.url}


def municipality_to_dict(code: str, name: str, name_en: str) -> dict[str, Any]:
    """Return the JSON form of a municipality."""
    return {"code": code, "name": name, "name_en": name_en, "url": links.municipality_url(code)}


def plan_to_dict(plan: PlanInfo) -> dict[str, Any]:
    """Return the JSON form of a plan's metadata with its URLs."""
    url = links.plan_url(plan)
    return {**meta_to_dict(plan.meta), "url": url, "json_url": links.json_url(url)}


def home_document(towns: list[MunicipalityInfo]) -> dict[str, Any]:
    """Return the JSON twin of the home page."""
    return {
        "schema": "shisaku.index/1",
        "municipalities": [
            {
                **municipality_to_dict(t.code, t.name_ja, t.name_en),
                "plans": [plan_to_dict(p) for p in t.plans],
            }
            for t in towns
        ],
    }


def municipality_document(town: MunicipalityInfo, current: PlanInfo) -> dict[str, Any]:
    """Return the JSON twin of a municipality's page."""
    return {
        "schema": "shisaku.municipality/1",
        "municipality": municipality_to_dict(town.code, town.name_ja, town.name_en),
        "current_plan": current.meta.slug,
        "plans": [plan_to_dict(p) for p in town.plans],
    }


def node_document(plan: PlanInfo, path: list[Node]) -> dict[str, Any]:
    """Return the JSON twin of a node's page."""
    town = municipality_to_dict(
        plan.municipality_code, plan.municipality_name_ja, plan.municipality_name_en
    )
    return {
        "schema": "shisaku.node/1",
        "municipality": town,
        "plan": plan_to_dict(plan),
        "breadcrumbs": [crumb_to_dict(c) for c in crumbs(plan, path)],
        "node": node_to_dict(path[-1]),
    }
