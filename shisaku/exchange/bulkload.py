"""Load many new municipalities at once, each with a plan, its indicators and their figures.

For national-scale data (every municipality's plan in one go) the services' per-row work —
looking up each indicator, comparing each figure with its current revision, one audit
entry per figure — costs far more than the data. This path takes plan structures the
readers have already checked (the dataclasses the services take: :class:`Node`,
:class:`PlanMeta`, :class:`IndicatorDefinition`, :class:`FigureInput`), checks what links
them together, and writes the rows with ``COPY`` on PostgreSQL or ``executemany`` on
SQLite (:mod:`shisaku.exchange.bulktables`), in chunks so that memory stays bounded.

One call is one transaction: any error refuses the whole load and nothing is written. It
only creates: a municipality that already exists is refused (update a plan with
``shisaku import-plan``). Each plan gets its snapshot (version 1) and two audit entries,
as an import would record them (``municipality.save``, ``plan.create``); indicators and
figures are not audited one by one (the plan's entry counts them, and each figure keeps
who entered it and when). See docs/bulk-load.md.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from itertools import islice
from typing import Any

from django.db import connection, transaction
from django.utils import timezone

from shisaku.accounts.permissions import require
from shisaku.audit.services import record_many
from shisaku.domain.actors import Actor
from shisaku.domain.assessment import config_from_setting
from shisaku.domain.indicatordata import FigureInput, IndicatorDefinition
from shisaku.domain.localcode import normalize_local_code
from shisaku.domain.plantree import Node, PlanMeta
from shisaku.exchange import bulkrows
from shisaku.exchange.bulktables import writer_for
from shisaku.plan.models import Municipality

CHUNK = 50  # municipalities written per round of statements


@dataclass
class PlanLoad:
    """One new municipality with one plan: its tree, indicator definitions and figures, read."""

    municipality_code: str
    name_ja: str
    meta: PlanMeta
    nodes: list[Node]
    name_en: str = ""
    definitions: list[IndicatorDefinition] = field(default_factory=list)
    figures: list[FigureInput] = field(default_factory=list)
    source_name: str = ""


@dataclass
class LoadResult:
    """Rows written, by kind (municipalities, plans, nodes, …, figures, audit entries)."""

    rows: Counter[str] = field(default_factory=Counter)

    def __getitem__(self, kind: str) -> int:
        return self.rows[kind]

    @property
    def total(self) -> int:
        """Return every row written."""
        return sum(self.rows.values())


class BulkLoadError(ValueError):
    """The load cannot be written; the message names the municipality and why. Nothing written."""


def bulk_load(*, actor: Actor, plans: Iterable[PlanLoad], chunk_size: int = CHUNK) -> LoadResult:
    """Create every municipality with its plan, all or nothing; read ``plans`` chunk by chunk."""
    result = LoadResult()
    seen: set[str] = set()
    with transaction.atomic():
        writer = writer_for(connection)
        try:
            for chunk in _chunks(plans, chunk_size):
                ready = [_ready(actor, load, len(seen) + 1 + n) for n, load in enumerate(chunk)]
                _refuse_repeats(ready, seen)
                bulkrows.write_chunk(writer, actor, ready, timezone.now(), result.rows)
                record_many(actor=actor, entries=[e for r in ready for e in _audit(r)])
                result.rows["audit entries"] += 2 * len(ready)
        finally:
            writer.close()
    return result


def _chunks(plans: Iterable[PlanLoad], size: int) -> Iterator[list[PlanLoad]]:
    """Yield lists of up to ``size`` loads."""
    items = iter(plans)
    while chunk := list(islice(items, size)):
        yield chunk


def _ready(actor: Actor, load: PlanLoad, number: int) -> bulkrows.Ready:
    """Check one load (permission, code, method, links); return it with its flattened tree."""
    where = f"{number} 件目（{load.municipality_code}）"
    try:
        code = normalize_local_code(load.municipality_code)
        config_from_setting(load.meta.assessment)
    except ValueError as error:  # LocalCodeError, or an unknown method or preset
        raise BulkLoadError(f"{where}: {error}") from error
    require(actor, "municipality.create", code)
    require(actor, "plan.import", code)
    if load.meta.period_end < load.meta.period_start:
        raise BulkLoadError(f"{where}: 計画期間の終わりが始まりより前です")
    flat = list(_flatten(load.nodes))
    _unique([n.code for n, _ in flat], f"{where}: 項目コード")
    _check_links(load, code, {n.code for n, _ in flat}, where)
    return bulkrows.Ready(load, code, flat)


def _flatten(nodes: list[Node], parent: str | None = None) -> Iterator[tuple[Node, str | None]]:
    """Yield (node, parent code) in document order."""
    for node in nodes:
        yield node, parent
        yield from _flatten(node.children, node.code)


def _unique(codes: list[str], what: str) -> None:
    """Refuse a code that appears twice."""
    repeated = sorted(code for code, n in Counter(codes).items() if n > 1)
    if repeated:
        raise BulkLoadError(f"{what} {', '.join(repeated[:10])} が2度以上あります")


def _check_links(load: PlanLoad, code: str, nodes: set[str], where: str) -> None:
    """Refuse indicators and figures that name another plan, an absent node or indicator."""
    slug = load.meta.slug
    _unique([d.code for d in load.definitions], f"{where}: 指標コード")
    for d in load.definitions:
        if (d.municipality_code, d.plan) != (code, slug):
            raise BulkLoadError(f"{where}: 指標 {d.code} は {d.municipality_code}/{d.plan} のもの")
        if d.node_code and d.node_code not in nodes:
            raise BulkLoadError(f"{where}: 指標 {d.code} の施策 {d.node_code} が計画にありません")
    indicators = {d.code for d in load.definitions}
    keys: set[tuple[str, str, str, str]] = set()
    for f in load.figures:
        key = (f.indicator_code, f.kind, f.period.key(), f.breakdown)
        if (f.municipality_code, f.plan) != (code, slug) or f.indicator_code not in indicators:
            raise BulkLoadError(
                f"{where}: 数値 {' '.join(key)} の指標が {code}/{slug} にありません"
            )
        if key in keys:
            raise BulkLoadError(f"{where}: 数値 {' '.join(key)} が2度あります")
        keys.add(key)


def _refuse_repeats(ready: list[bulkrows.Ready], seen: set[str]) -> None:
    """Refuse a municipality given twice, or one that already exists."""
    for r in ready:
        if r.code in seen:
            raise BulkLoadError(f"市区町村 {r.code} が一括読み込みの中に2度あります")
        seen.add(r.code)
    existing = Municipality.objects.filter(code__in=[r.code for r in ready]).order_by("code")
    first = existing.first()
    if first is not None:
        raise BulkLoadError(
            f"市区町村 {first.code}（{first.name_ja}）は既にあります。一括読み込みは新しい"
            "市区町村だけを作ります（既存の計画は shisaku import-plan で更新してください）"
        )


def _audit(r: bulkrows.Ready) -> list[dict[str, Any]]:
    """Return the two entries an import records: the municipality and its new plan."""
    load, meta = r.load, r.load.meta
    names = {"name_ja": load.name_ja, "name_en": load.name_en}
    summary = (
        f"一括読み込み{f'（{load.source_name}）' if load.source_name else ''}: "
        f"項目 {len(r.flat)}、指標 {len(load.definitions)}、数値 {len(load.figures)}"
    )
    return [
        {
            "action": "municipality.save",
            "object_type": "municipality",
            "object_id": r.code,
            "municipality_code": r.code,
            "after": names,
        },
        {
            "action": "plan.create",
            "object_type": "plan",
            "object_id": f"{r.code}/{meta.slug}",
            "municipality_code": r.code,
            "summary": summary,
            "after": bulkrows.plan_summary(meta),
        },
    ]
