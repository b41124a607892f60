"""Where a public page is: a municipality with published plans, a plan, a node of its tree.

Each is read once per request (through the request's :class:`Reads`) and is the data of the
pages there (:class:`shisaku.public.renderers.Page`); a place that does not exist raises
:class:`NotFound`.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.http import HttpRequest

from shisaku.domain.plantree import Node
from shisaku.evaluation.reads import Reads, for_request
from shisaku.plan.queries import MunicipalityInfo, NotFound, PlanInfo


@dataclass(frozen=True)
class Town:
    """A municipality with published plans."""

    reads: Reads
    town: MunicipalityInfo


@dataclass(frozen=True)
class Plan:
    """A published plan."""

    reads: Reads
    plan: PlanInfo


@dataclass(frozen=True)
class Place:
    """A node of a published plan, with the path down to it."""

    reads: Reads
    plan: PlanInfo
    path: list[Node]


def published_town(reads: Reads, code: str) -> MunicipalityInfo:
    """Return a municipality with published plans, or raise NotFound."""
    for town in reads.towns():
        if town.code == code:
            return town
    raise NotFound(f"municipality {code} has no published plan")


def node_path(reads: Reads, plan: PlanInfo, node_code: str) -> list[Node]:
    """Return the path down to a node in the plan's tree, or raise NotFound."""
    path = reads.node_path(plan, node_code)
    if not path:
        raise NotFound(f"node {node_code} does not exist in plan {plan.meta.slug}")
    return path


def town_of(request: HttpRequest, code: str) -> Town:
    """Return the municipality of a page, or raise NotFound."""
    reads = for_request(request)
    return Town(reads, published_town(reads, code))


def plan_of(request: HttpRequest, code: str, slug: str) -> Plan:
    """Return the plan of a page, or raise NotFound."""
    reads = for_request(request)
    return Plan(reads, reads.plan(code, slug))


def place_of(request: HttpRequest, code: str, slug: str, node_code: str) -> Place:
    """Return the node of a page with its path, or raise NotFound."""
    reads = for_request(request)
    info = reads.plan(code, slug)
    return Place(reads, info, node_path(reads, info, node_code))
