"""Reads of municipalities and plans, returned as plain data for every interface."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any, cast

from shisaku.domain.plantree import (
    Block,
    BlockKind,
    Footnote,
    Node,
    PlanMeta,
    Section,
    meta_to_dict,
    node_to_dict,
)
from shisaku.plan.models import ContextStatistic, Municipality, Plan, PlanNode, PlanStatus
from shisaku.plan.models import Footnote as FootnoteRow
from shisaku.plan.models import Section as SectionRow
from shisaku.plan.models import TextBlock as BlockRow

SCHEMA = "shisaku.plan/1"


class NotFound(LookupError):
    """The municipality, plan or node asked for does not exist."""


@dataclass(frozen=True)
class PlanInfo:
    """A plan's identity and metadata."""

    id: int
    municipality_code: str
    municipality_name_ja: str
    municipality_name_en: str
    meta: PlanMeta


@dataclass(frozen=True)
class MunicipalityInfo:
    """A municipality with its plans, newest first."""

    code: str
    name_ja: str
    name_en: str
    plans: list[PlanInfo] = field(default_factory=list)


def _info(plan: Plan) -> PlanInfo:
    """Return the plain form of a plan row (its municipality must be loaded)."""
    meta = PlanMeta(
        title=plan.title_ja,
        title_en=plan.title_en,
        period_start=plan.period_start,
        period_end=plan.period_end,
        slug=plan.slug,
        status=plan.status,  # type: ignore[arg-type]
        version=plan.version,
        assessment=dict(plan.assessment),
    )
    town = plan.municipality
    return PlanInfo(plan.id, town.code, town.name_ja, town.name_en, meta)


def municipalities(*, published_only: bool = True) -> list[MunicipalityInfo]:
    """List every municipality with its plans (only published ones unless told otherwise)."""
    plans = Plan.objects.select_related("municipality")
    if published_only:
        plans = plans.filter(status=PlanStatus.PUBLISHED)
    by_town: dict[str, list[PlanInfo]] = defaultdict(list)
    for plan in plans:
        by_town[plan.municipality.code].append(_info(plan))
    return [
        MunicipalityInfo(m.code, m.name_ja, m.name_en, by_town[m.code])
        for m in Municipality.objects.all()
    ]


def find_plan(
    municipality_code: str, slug: str | None = None, *, published_only: bool = False
) -> PlanInfo:
    """Return the plan ``slug`` of a municipality, or its current plan when no slug is given."""
    plans = Plan.objects.select_related("municipality").filter(municipality__code=municipality_code)
    if published_only:
        plans = plans.filter(status=PlanStatus.PUBLISHED)
    plan = (
        plans.filter(slug=slug).first() if slug else plans.order_by("-period_start", "-id").first()
    )
    if plan is None:
        raise NotFound(
            f"plan {slug or '(current)'} of municipality {municipality_code} does not exist"
        )
    return _info(plan)


def load_nodes(plan_id: int) -> list[Node]:
    """Load a plan's whole tree (nodes, sections, blocks, footnotes) in four queries."""
    rows = list(PlanNode.objects.filter(plan_id=plan_id).order_by("position"))
    notes = _load_footnotes(plan_id)
    sections = _load_sections(plan_id, notes)
    nodes = {r.id: _node(r, sections[r.id], notes) for r in rows}
    roots: list[Node] = []
    for row in rows:
        target = nodes[row.parent_id].children if row.parent_id else roots
        target.append(nodes[row.id])
    return roots


def _node(
    row: PlanNode, sections: list[tuple[int, Section]], notes: dict[Any, list[Footnote]]
) -> Node:
    """Build a tree node from its row."""
    return Node(
        kind=row.kind,  # type: ignore[arg-type]
        code=row.code,
        title=row.title_ja,
        title_en=row.title_en,
        title_known=row.title_known,
        sections=[s for _, s in sections],
        footnotes=notes.get(("node", row.id), []),
        department=row.department,
    )


def _load_sections(
    plan_id: int, notes: dict[Any, list[Footnote]]
) -> dict[int, list[tuple[int, Section]]]:
    """Load every section of a plan with its blocks, grouped by node id."""
    blocks: dict[int, list[Block]] = defaultdict(list)
    for b in BlockRow.objects.filter(section__node__plan_id=plan_id).order_by(
        "section_id", "position"
    ):
        kind = cast(BlockKind, b.kind)
        blocks[b.section_id].append(
            Block(kind, b.text_ja, b.text_en, notes.get(("block", b.id), []))
        )
    out: dict[int, list[tuple[int, Section]]] = defaultdict(list)
    for s in SectionRow.objects.filter(node__plan_id=plan_id).order_by("node_id", "position"):
        section = Section(s.key, s.state, blocks[s.id], list(s.columns))  # type: ignore[arg-type]
        out[s.node_id].append((s.id, section))
    return out


def _load_footnotes(plan_id: int) -> dict[Any, list[Footnote]]:
    """Load every footnote of a plan, keyed by ("block", id) or ("node", id)."""
    out: dict[Any, list[Footnote]] = defaultdict(list)
    for n in FootnoteRow.objects.filter(node__plan_id=plan_id).order_by("position", "id"):
        key = ("block", n.block_id) if n.block_id else ("node", n.node_id)
        out[key].append(Footnote(n.term, n.text_ja, n.text_en))
    return out


def plan_document(plan: PlanInfo) -> dict[str, Any]:
    """Return the whole plan in the exchange form documented in docs/plan-json.md."""
    return {
        "schema": SCHEMA,
        "municipality": {
            "code": plan.municipality_code,
            "name": plan.municipality_name_ja,
            "name_en": plan.municipality_name_en,
        },
        "plan": meta_to_dict(plan.meta),
        "nodes": [node_to_dict(n) for n in load_nodes(plan.id)],
    }


@dataclass(frozen=True)
class StatisticInfo:
    """A figure stated in the plan's prose, with the sentence that states it."""

    node_code: str
    section: str
    label: str
    area: str
    period: str
    raw: str
    value: Decimal
    unit: str
    sentence: str


def context_statistics(plan_id: int) -> dict[str, list[StatisticInfo]]:
    """Return the context statistics of a plan, by the code of the node whose prose holds them."""
    rows = ContextStatistic.objects.filter(block__section__node__plan_id=plan_id).select_related(
        "block__section__node"
    )
    out: dict[str, list[StatisticInfo]] = defaultdict(list)
    for s in rows.order_by("block__section__node__position", "block__position", "position"):
        section = s.block.section
        out[section.node.code].append(
            StatisticInfo(
                section.node.code,
                section.key,
                s.label,
                s.area,
                s.period,
                s.raw,
                s.value,
                s.unit,
                s.block.text_ja,
            )
        )
    return dict(out)
