"""Reads of municipalities and plans, returned as plain data for every interface."""

from __future__ import annotations

import unicodedata
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime
from decimal import Decimal
from typing import Any, cast

from django.db.models import Count, OuterRef, Q, QuerySet, Subquery
from django.db.models.functions import Coalesce

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
from shisaku.plan.models import (
    ContentDraft,
    ContextStatistic,
    Municipality,
    Plan,
    PlanNode,
    PlanStatus,
)
from shisaku.plan.models import Footnote as FootnoteRow
from shisaku.plan.models import Section as SectionRow
from shisaku.plan.models import TextBlock as BlockRow
from shisaku.plan.sdg_reads import plan_links

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
        education=row.education,
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
    } | _sdgs(plan.id)


def _sdgs(plan_id: int) -> dict[str, Any]:
    """Return the plan's SDG links as the exchange file's ``sdgs`` list, when it has any."""
    links = sorted(plan_links(plan_id).values(), key=lambda x: x.node)
    return {"sdgs": [x.to_dict() for x in links]} if links else {}


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


# --- search -----------------------------------------------------------------------------------

MAX_TERMS = 8
_FULL_WIDTH_OFFSET = 0xFEE0  # "A" (U+0041) + offset = "Ａ" (U+FF21), for ! to ~


def search_terms(text: str) -> tuple[str, ...]:
    """Return the words of a query: NFKC-normalised (ＩＣＴ → ICT), split on spaces, distinct."""
    words = unicodedata.normalize("NFKC", text).split()
    return tuple(dict.fromkeys(words))[:MAX_TERMS]


def _variants(term: str) -> set[str]:
    """Return a term as normalised and with its ASCII letters in full width (ICT → ＩＣＴ)."""
    wide = "".join(chr(ord(c) + _FULL_WIDTH_OFFSET) if "!" <= c <= "~" else c for c in term)
    return {term, wide}


def text_filter(fields: Sequence[str], terms: Sequence[str]) -> Q:
    """Return a filter: every term occurs (as a substring, any case) in one of ``fields``.

    ``icontains`` is a substring match on SQLite and PostgreSQL alike, so Japanese written
    without spaces is found; each term also matches its full-width form in the text.
    """
    combined = Q()
    for term in terms:
        either = Q()
        for name in fields:
            for variant in _variants(term):
                either |= Q(**{f"{name}__icontains": variant})
        combined &= either
    return combined


@dataclass(frozen=True)
class TextHit:
    """A node title (``section`` empty) or a block of text holding every searched term.

    ``path`` lists (kind, code) from the root of the plan down to the node; ``block`` is the
    block's place from 1 in its section (0 for a title).
    """

    plan_id: int
    municipality_code: str
    plan_slug: str
    node_code: str
    node_kind: str
    node_title: str
    node_title_en: str
    node_title_known: bool
    path: tuple[tuple[str, str], ...]
    section: str
    block: int
    text: str
    text_en: str


@dataclass(frozen=True)
class SearchResults:
    """The hits of a search (at most ``limit``, in plan and document order) and their count."""

    terms: tuple[str, ...]
    hits: list[TextHit]
    total: int


SortKey = tuple[str, int, str, int, int, int]


def search(text: str, municipality_code: str | None = None, limit: int = 100) -> SearchResults:
    """Find published node titles and text blocks (ja or en) holding every word of ``text``.

    At most ``limit`` hits come back, ordered by municipality, plan (newest first) and place in
    the plan; ``total`` counts them all.  Five queries at most, whatever the plans' size.
    """
    terms = search_terms(text)
    if not terms:
        return SearchResults(terms, [], 0)
    plans = Plan.objects.filter(status=PlanStatus.PUBLISHED)
    if municipality_code:
        plans = plans.filter(municipality__code=municipality_code)
    nodes = (
        PlanNode.objects.filter(text_filter(["title_ja", "title_en"], terms), plan__in=plans)
        .select_related("plan__municipality")
        .order_by(*_plan_order("plan__"), "position")
    )
    blocks = (
        BlockRow.objects.filter(
            text_filter(["text_ja", "text_en"], terms), section__node__plan__in=plans
        )
        .select_related("section__node__plan__municipality")
        .annotate(rank=Coalesce(Subquery(_blocks_before()), 0))
        .order_by(
            *_plan_order("section__node__plan__"),
            "section__node__position",
            "section__position",
            "position",
        )
    )
    found_nodes, found_blocks = list(nodes[:limit]), list(blocks[:limit])
    total = _count(nodes, len(found_nodes), limit) + _count(blocks, len(found_blocks), limit)
    paths = _paths(
        {n.plan_id for n in found_nodes} | {b.section.node.plan_id for b in found_blocks}
    )
    keyed = [_title_hit(n, paths) for n in found_nodes] + [
        _block_hit(b, paths) for b in found_blocks
    ]
    keyed.sort(key=lambda pair: pair[0])
    return SearchResults(terms, [hit for _, hit in keyed[:limit]], total)


def _plan_order(prefix: str) -> list[str]:
    """Return the ordering of plans in results: municipality code, newest plan first, slug."""
    return [f"{prefix}municipality__code", f"-{prefix}period_start", f"{prefix}slug"]


def _plan_key(plan: Plan) -> tuple[str, int, str]:
    """Return the sort key of :func:`_plan_order` for a plan row."""
    return (plan.municipality.code, -plan.period_start, plan.slug)


def _blocks_before() -> QuerySet[BlockRow, dict[str, Any]]:
    """Return, for the outer block, how many blocks come before it in its section."""
    earlier = BlockRow.objects.filter(
        section_id=OuterRef("section_id"), position__lt=OuterRef("position")
    )
    return earlier.order_by().values("section_id").annotate(n=Count("id")).values("n")


def _count(rows: QuerySet[Any, Any], found: int, limit: int) -> int:
    """Return how many rows match, counting in the database only when the limit was reached."""
    return rows.count() if found >= limit else found


def _paths(plan_ids: set[int]) -> dict[int, tuple[tuple[str, str], ...]]:
    """Return, by node id, the (kind, code) of each node from its root down to itself."""
    rows = PlanNode.objects.filter(plan_id__in=plan_ids).values_list(
        "id", "parent_id", "kind", "code"
    )
    parent = {node_id: (up, kind, code) for node_id, up, kind, code in rows}
    paths: dict[int, tuple[tuple[str, str], ...]] = {}

    def path(node_id: int) -> tuple[tuple[str, str], ...]:
        if node_id not in paths:
            up, kind, code = parent[node_id]
            paths[node_id] = (*(path(up) if up else ()), (kind, code))
        return paths[node_id]

    for node_id in parent:
        path(node_id)
    return paths


def _title_hit(
    node: PlanNode, paths: dict[int, tuple[tuple[str, str], ...]]
) -> tuple[SortKey, TextHit]:
    """Return a node whose title matched, with its sort key."""
    plan = node.plan
    hit = TextHit(
        plan.id,
        plan.municipality.code,
        plan.slug,
        node.code,
        node.kind,
        node.title_ja,
        node.title_en,
        node.title_known,
        paths[node.id],
        "",
        0,
        node.title_ja,
        node.title_en,
    )
    return (*_plan_key(plan), node.position, -1, -1), hit


def _block_hit(
    block: Any, paths: dict[int, tuple[tuple[str, str], ...]]
) -> tuple[SortKey, TextHit]:
    """Return a text block that matched (annotated with ``rank``), with its sort key."""
    section = block.section
    node, plan = section.node, section.node.plan
    hit = TextHit(
        plan.id,
        plan.municipality.code,
        plan.slug,
        node.code,
        node.kind,
        node.title_ja,
        node.title_en,
        node.title_known,
        paths[node.id],
        section.key,
        block.rank + 1,
        block.text_ja,
        block.text_en,
    )
    return (*_plan_key(plan), node.position, section.position, block.position), hit


@dataclass(frozen=True)
class DraftInfo:
    """An unpublished edit of a title or a block text, with the text it started from and the
    text published now (they differ when someone changed the text meanwhile)."""

    node_code: str
    section: str  # blank for a node title
    position: int
    language: str
    base: str
    text: str
    current: str
    author: str
    created_at: datetime

    @property
    def stale(self) -> bool:
        """Return whether the published text changed since the draft was started."""
        return self.current != self.base


def drafts(plan_id: int, *, node_code: str | None = None) -> list[DraftInfo]:
    """Return the drafts of a plan (optionally of one node), in document order."""
    rows = ContentDraft.objects.filter(plan_id=plan_id)
    found = list(rows if node_code is None else rows.filter(node_code=node_code))
    codes = {d.node_code for d in found}
    nodes = {n.code: n for n in PlanNode.objects.filter(plan_id=plan_id, code__in=codes)}
    blocks = {
        (b.section.node.code, b.section.key, b.position): b
        for b in BlockRow.objects.filter(
            section__node__plan_id=plan_id, section__node__code__in=codes
        ).select_related("section__node")
    }
    order: dict[tuple[str, str, int], tuple[int, int, int]] = {}
    out = []
    for d in found:
        holder: Any = blocks.get((d.node_code, d.section, d.position)) if d.section else None
        holder = holder if d.section else nodes.get(d.node_code)
        field_name = f"{'text' if d.section else 'title'}_{d.language}"
        current = str(getattr(holder, field_name, "")) if holder is not None else ""
        node_position = nodes[d.node_code].position if d.node_code in nodes else 0
        section_position = holder.section.position if d.section and holder is not None else -1
        order[d.node_code, d.section, d.position] = (node_position, section_position, d.position)
        out.append(
            DraftInfo(
                *(d.node_code, d.section, d.position, d.language, d.base, d.text, current),
                *(d.author, d.created_at),
            )
        )
    return sorted(out, key=lambda d: (order[d.node_code, d.section, d.position], d.language))
