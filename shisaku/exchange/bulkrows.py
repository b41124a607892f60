"""The rows of a chunk of bulk-loaded plans, table by table, parents before children.

Each table's ids are drawn once per chunk (:meth:`Writer.ids`), so a child row names its
parent's id as soon as it is built. The rows are what the services would store: node
positions in document order, sections, blocks and footnotes as
:func:`shisaku.plan.store.replace_content` writes them, context statistics found in the
prose, indicators in the order given, every figure as its first, current revision.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING, Any

from shisaku.domain.actors import Actor
from shisaku.domain.plantree import Block, Node, PlanMeta, meta_to_dict, node_to_dict
from shisaku.domain.statistics import find_statistics
from shisaku.exchange.bulktables import Row, Table, Writer, as_json
from shisaku.indicators.models import Figure, Indicator
from shisaku.indicators.services import components_json
from shisaku.plan.models import (
    ContextStatistic,
    Footnote,
    Municipality,
    Plan,
    PlanNode,
    PlanSnapshot,
    Section,
    TextBlock,
)
from shisaku.plan.queries import SCHEMA

if TYPE_CHECKING:
    from shisaku.exchange.bulkload import PlanLoad

MUNICIPALITY = Table(Municipality, ("id", "code", "name_ja", "name_en"))
PLAN = Table(
    Plan,
    (
        *("id", "municipality_id", "slug", "title_ja", "title_en", "period_start"),
        *("period_end", "status", "version", "source_name", "assessment", "updated_at"),
    ),
)
NODE = Table(
    PlanNode,
    (
        *("id", "plan_id", "parent_id", "kind", "code", "position", "title_ja", "title_en"),
        *("title_known", "department", "education"),
    ),
)
SECTION = Table(Section, ("id", "node_id", "key", "position", "state", "columns"))
BLOCK = Table(TextBlock, ("id", "section_id", "position", "kind", "text_ja", "text_en"))
FOOTNOTE = Table(Footnote, ("id", "node_id", "block_id", "position", "term", "text_ja", "text_en"))
STATISTIC = Table(
    ContextStatistic,
    ("id", "block_id", "position", "label", "area", "period", "raw", "value", "unit"),
)
INDICATOR = Table(
    Indicator,
    (
        *("id", "plan_id", "node_id", "code", "position", "name_ja", "name_en", "definition_ja"),
        *("definition_en", "unit", "unit_en", "source_kind", "source", "department"),
        "direction",
        *("accumulation", "time_basis", "components", "rationale_ja", "rationale_en"),
        *("note_ja", "note_en", "weight", "common_code", "updated_at"),
    ),
)
FIGURE = Table(
    Figure,
    (
        *("id", "indicator_id", "kind", "period", "period_start", "period_end", "breakdown"),
        *("raw", "value_kind", "value", "unit", "qualifier", "label", "components", "note"),
        *("source", "revision", "is_current", "entered_by", "entered_at"),
    ),
)
SNAPSHOT = Table(
    PlanSnapshot, ("id", "plan_id", "version", "created_at", "actor", "source_name", "document")
)
NO_COMPONENTS = as_json([])


@dataclass
class Ready:
    """A checked load: its normalised municipality code and its tree in document order."""

    load: PlanLoad
    code: str
    flat: list[tuple[Node, str | None]]


def plan_summary(meta: PlanMeta) -> dict[str, Any]:
    """Return the plan's state as the import's audit entry keeps it."""
    return {"version": meta.version, **meta_to_dict(meta)}


class _Chunk:
    """One chunk being written: its loads, the writer, and the rows counted so far."""

    def __init__(
        self, writer: Writer, actor: Actor, ready: list[Ready], now: datetime, counts: Counter[str]
    ) -> None:
        self.writer, self.actor, self.ready, self.counts = writer, actor, ready, counts
        self.stamp = writer.stamp(now)

    def put(self, kind: str, table: Table, rows: list[Row] | Iterator[Row]) -> None:
        """Write rows and count them."""
        self.counts[kind] += self.writer.write(table, rows, self.stamp)

    def ids(self, table: Table, count: int) -> Iterator[int]:
        """Return ``count`` fresh ids of ``table``."""
        return iter(self.writer.ids(table, count))


def write_chunk(
    writer: Writer, actor: Actor, ready: list[Ready], now: datetime, counts: Counter[str]
) -> None:
    """Write every row of the chunk's plans, parents before children; add to ``counts``."""
    chunk = _Chunk(writer, actor, ready, now, counts)
    plan_ids = _plans(chunk, _municipalities(chunk))
    node_ids = _nodes(chunk, plan_ids)
    blocks = _blocks(chunk, _sections(chunk, node_ids))
    _footnotes(chunk, node_ids, blocks)
    _statistics(chunk, blocks)
    _figures(chunk, _indicators(chunk, plan_ids, node_ids))
    _snapshots(chunk, plan_ids)


def _municipalities(chunk: _Chunk) -> list[int]:
    """Insert the municipalities; return their ids."""
    ids = list(chunk.ids(MUNICIPALITY, len(chunk.ready)))
    rows = [
        (i, r.code, r.load.name_ja, r.load.name_en) for i, r in zip(ids, chunk.ready, strict=True)
    ]
    chunk.put("municipalities", MUNICIPALITY, rows)
    return ids


def _plans(chunk: _Chunk, towns: list[int]) -> list[int]:
    """Insert one plan per municipality; return their ids."""
    ids = list(chunk.ids(PLAN, len(chunk.ready)))
    rows = []
    for plan_id, town, r in zip(ids, towns, chunk.ready, strict=True):
        m = r.load.meta
        rows.append(
            (
                *(plan_id, town, m.slug, m.title, m.title_en, m.period_start, m.period_end),
                *(m.status, m.version, r.load.source_name, as_json(m.assessment), chunk.stamp),
            )
        )
    chunk.put("plans", PLAN, rows)
    return ids


def _nodes(chunk: _Chunk, plan_ids: list[int]) -> list[dict[str, int]]:
    """Insert every node in document order; return the node ids of each plan by code."""
    ids = chunk.ids(NODE, sum(len(r.flat) for r in chunk.ready))
    out: list[dict[str, int]] = []
    rows: list[Row] = []
    for plan_id, r in zip(plan_ids, chunk.ready, strict=True):
        by_code: dict[str, int] = {}
        for position, (n, parent) in enumerate(r.flat):
            by_code[n.code] = node_id = next(ids)
            up = by_code[parent] if parent else None
            rows.append(
                (
                    *(node_id, plan_id, up, n.kind, n.code, position, n.title, n.title_en),
                    *(n.title_known, n.department, n.education),
                )
            )
        out.append(by_code)
    chunk.put("nodes", NODE, rows)
    return out


def _all_nodes(chunk: _Chunk, node_ids: list[dict[str, int]]) -> Iterator[tuple[int, Node]]:
    """Yield (node id, node) for every node of the chunk."""
    for by_code, r in zip(node_ids, chunk.ready, strict=True):
        for n, _ in r.flat:
            yield by_code[n.code], n


def _sections(chunk: _Chunk, node_ids: list[dict[str, int]]) -> list[tuple[int, int, Any]]:
    """Insert every section; return (section id, node id, section)."""
    found = [(node_id, s) for node_id, n in _all_nodes(chunk, node_ids) for s in n.sections]
    ids = chunk.ids(SECTION, len(found))
    out = [(next(ids), node_id, s) for node_id, s in found]
    positions: Counter[int] = Counter()
    rows: list[Row] = []
    for section_id, node_id, s in out:
        rows.append((section_id, node_id, s.key, positions[node_id], s.state, as_json(s.columns)))
        positions[node_id] += 1
    chunk.put("sections", SECTION, rows)
    return out


def _blocks(chunk: _Chunk, sections: list[tuple[int, int, Any]]) -> list[tuple[int, int, Block]]:
    """Insert every block; return (block id, node id, block)."""
    found = [(sid, nid, i, b) for sid, nid, s in sections for i, b in enumerate(s.blocks)]
    ids = chunk.ids(BLOCK, len(found))
    out: list[tuple[int, int, Block]] = []
    rows: list[Row] = []
    for section_id, node_id, position, b in found:
        block_id = next(ids)
        rows.append((block_id, section_id, position, b.kind, b.text, b.text_en))
        out.append((block_id, node_id, b))
    chunk.put("blocks", BLOCK, rows)
    return out


def _footnotes(
    chunk: _Chunk, node_ids: list[dict[str, int]], blocks: list[tuple[int, int, Block]]
) -> None:
    """Insert the footnotes of blocks and of node titles."""
    found: list[tuple[int, int | None, int, Any]] = [
        (nid, bid, i, f) for bid, nid, b in blocks for i, f in enumerate(b.footnotes)
    ]
    found += [
        (nid, None, i, f)
        for nid, n in _all_nodes(chunk, node_ids)
        for i, f in enumerate(n.footnotes)
    ]
    ids = chunk.ids(FOOTNOTE, len(found))
    rows = [(next(ids), nid, bid, i, f.term, f.text, f.text_en) for nid, bid, i, f in found]
    chunk.put("footnotes", FOOTNOTE, rows)


def _statistics(chunk: _Chunk, blocks: list[tuple[int, int, Block]]) -> None:
    """Insert the context statistics stated in paragraphs and bullets."""
    found = [
        (block_id, i, s.label, s.area, s.period, s.raw, s.value, s.unit)
        for block_id, _, b in blocks
        if b.kind in ("paragraph", "bullet")
        for i, s in enumerate(find_statistics(b.text))
    ]
    ids = chunk.ids(STATISTIC, len(found))
    chunk.put("statistics", STATISTIC, [(next(ids), *row) for row in found])


def _indicators(
    chunk: _Chunk, plan_ids: list[int], node_ids: list[dict[str, int]]
) -> list[dict[str, int]]:
    """Insert every indicator definition; return each plan's indicator ids by code."""
    ids = chunk.ids(INDICATOR, sum(len(r.load.definitions) for r in chunk.ready))
    out: list[dict[str, int]] = []
    rows: list[Row] = []
    for plan_id, nodes, r in zip(plan_ids, node_ids, chunk.ready, strict=True):
        by_code: dict[str, int] = {}
        for position, d in enumerate(r.load.definitions):
            by_code[d.code] = ind = next(ids)
            node = nodes[d.node_code] if d.node_code else None
            rows.append(
                (
                    *(ind, plan_id, node, d.code, position, d.name, d.name_en, d.definition),
                    *(d.definition_en, d.unit, d.unit_en, d.source_kind, d.source),
                    *(
                        d.department,
                        d.direction,
                        d.accumulation,
                        d.time_basis,
                        as_json(list(d.components)),
                    ),
                    *(d.rationale, d.rationale_en, d.note, d.note_en, d.weight, d.common_code),
                    chunk.stamp,
                )
            )
        out.append(by_code)
    chunk.put("indicators", INDICATOR, rows)
    return out


def _figures(chunk: _Chunk, indicator_ids: list[dict[str, int]]) -> None:
    """Insert every figure as revision 1, current, entered by the actor now."""
    ids = chunk.ids(FIGURE, sum(len(r.load.figures) for r in chunk.ready))
    chunk.put("figures", FIGURE, _figure_rows(chunk, indicator_ids, ids))


def _figure_rows(
    chunk: _Chunk, indicator_ids: list[dict[str, int]], ids: Iterator[int]
) -> Iterator[Row]:
    """Yield the figure rows (COPY streams them; executemany takes the chunk's list)."""
    who, stamp = chunk.actor.label, chunk.stamp
    for by_code, r in zip(indicator_ids, chunk.ready, strict=True):
        for f in r.load.figures:
            p, v = f.period, f.reading
            parts = as_json(components_json(v)) if v.components else NO_COMPONENTS
            # one flat tuple literal: this loop runs for every figure of the load
            yield (
                next(ids),
                by_code[f.indicator_code],
                f.kind,
                p.key(),
                p.start,
                p.end,
                f.breakdown,
                v.raw,
                v.kind,
                v.value,
                v.unit,
                v.qualifier,
                v.label,
                parts,
                f.note,
                f.source,
                1,
                True,
                who,
                stamp,
            )


def _snapshots(chunk: _Chunk, plan_ids: list[int]) -> None:
    """Keep each new plan as its version-1 snapshot, the exchange JSON an export would give."""
    ids = chunk.ids(SNAPSHOT, len(plan_ids))
    rows = [
        (
            *(next(ids), plan_id, r.load.meta.version, chunk.stamp, chunk.actor.label),
            *(r.load.source_name, as_json(_document(r.code, r.load))),
        )
        for plan_id, r in zip(plan_ids, chunk.ready, strict=True)
    ]
    chunk.put("snapshots", SNAPSHOT, rows)


def _document(code: str, load: PlanLoad) -> dict[str, Any]:
    """Return the plan in the exchange form (what :func:`plan_document` reads back)."""
    return {
        "schema": SCHEMA,
        "municipality": {"code": code, "name": load.name_ja, "name_en": load.name_en},
        "plan": meta_to_dict(load.meta),
        "nodes": [node_to_dict(n) for n in load.nodes],
    }
