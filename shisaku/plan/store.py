"""Write a plan tree into the database with bulk statements, keeping node rows stable by code."""

from __future__ import annotations

from collections.abc import Iterator

from shisaku.domain.plantree import Node
from shisaku.domain.statistics import find_statistics
from shisaku.plan.models import ContextStatistic, Footnote, Plan, PlanNode, Section, TextBlock

NODE_FIELDS = [
    *("parent", "kind", "position", "title_ja", "title_en", "title_known"),
    *("department", "education"),
]


def _flatten(nodes: list[Node], parent: str | None = None) -> Iterator[tuple[Node, str | None]]:
    """Yield (node, parent code) in document order."""
    for node in nodes:
        yield node, parent
        yield from _flatten(node.children, node.code)


def replace_content(plan: Plan, nodes: list[Node]) -> None:
    """Make the plan's stored tree equal ``nodes``: upsert nodes by code, rewrite narrative."""
    flat = list(_flatten(nodes))
    rows = _upsert_nodes(plan, flat)
    PlanNode.objects.filter(plan=plan).exclude(code__in=[n.code for n, _ in flat]).delete()
    Section.objects.filter(node__plan=plan).delete()
    Footnote.objects.filter(node__plan=plan).delete()
    _write_sections(flat, rows)
    _write_node_footnotes(flat, rows)


def _upsert_nodes(plan: Plan, flat: list[tuple[Node, str | None]]) -> dict[str, PlanNode]:
    """Update existing node rows and create new ones in bulk, one depth level at a time."""
    existing = {r.code: r for r in PlanNode.objects.filter(plan=plan)}
    rows: dict[str, PlanNode] = {}
    fresh: dict[int, list[PlanNode]] = {}
    depth: dict[str | None, int] = {None: -1}
    for position, (node, parent) in enumerate(flat):
        row = existing.get(node.code) or PlanNode(plan=plan, code=node.code)
        row.parent = rows[parent] if parent else None
        row.kind, row.position, row.title_known = node.kind, position, node.title_known
        row.title_ja, row.title_en = node.title, node.title_en
        row.department, row.education = node.department, node.education
        depth[node.code] = depth[parent] + 1
        if row.pk is None:
            fresh.setdefault(depth[node.code], []).append(row)
        rows[node.code] = row
    for level in sorted(fresh):  # parents get their ids before their children are inserted
        PlanNode.objects.bulk_create(fresh[level], batch_size=500)
    stale = [r for r in rows.values() if r.code in existing]
    PlanNode.objects.bulk_update(stale, NODE_FIELDS, batch_size=500)
    return rows


def _write_sections(flat: list[tuple[Node, str | None]], rows: dict[str, PlanNode]) -> None:
    """Insert every section, then every block, then every block footnote, in bulk."""
    sections = [
        (Section(node=rows[n.code], key=s.key, position=i, state=s.state, columns=s.columns), s)
        for n, _ in flat
        for i, s in enumerate(n.sections)
    ]
    Section.objects.bulk_create([row for row, _ in sections], batch_size=500)
    blocks = [
        (TextBlock(section=row, position=i, kind=b.kind, text_ja=b.text, text_en=b.text_en), b, row)
        for row, s in sections
        for i, b in enumerate(s.blocks)
    ]
    TextBlock.objects.bulk_create([row for row, _, _ in blocks], batch_size=500)
    notes = [
        Footnote(
            node=sec.node, block=row, position=i, term=f.term, text_ja=f.text, text_en=f.text_en
        )
        for row, b, sec in blocks
        for i, f in enumerate(b.footnotes)
    ]
    Footnote.objects.bulk_create(notes, batch_size=500)
    _write_statistics([row for row, _, _ in blocks])


def _write_statistics(blocks: list[TextBlock]) -> None:
    """Insert the context statistics stated in the prose of ``blocks``."""
    rows = [
        ContextStatistic(
            block=block,
            position=i,
            label=s.label,
            area=s.area,
            period=s.period,
            raw=s.raw,
            value=s.value,
            unit=s.unit,
        )
        for block in blocks
        if block.kind in ("paragraph", "bullet")
        for i, s in enumerate(find_statistics(block.text_ja))
    ]
    ContextStatistic.objects.bulk_create(rows, batch_size=500)


def _write_node_footnotes(flat: list[tuple[Node, str | None]], rows: dict[str, PlanNode]) -> None:
    """Insert the footnotes attached to node titles."""
    notes = [
        Footnote(node=rows[n.code], position=i, term=f.term, text_ja=f.text, text_en=f.text_en)
        for n, _ in flat
        for i, f in enumerate(n.footnotes)
    ]
    Footnote.objects.bulk_create(notes, batch_size=500)
