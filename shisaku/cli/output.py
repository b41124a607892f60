"""How commands print plan trees, counts and warnings."""

from __future__ import annotations

from typing import TYPE_CHECKING

from shisaku.domain.docindicators import DocFigure, DocIndicator
from shisaku.domain.plantree import Node, count_kinds, walk

if TYPE_CHECKING:
    from shisaku.domain.plandoc import PlanReading
    from shisaku.indicators.services import BatchResult

KIND_LABELS = {
    "field": "分野",
    "policy": "政策",
    "measure": "施策",
    "initiative": "主な取組",
    "action": "取組",
}
UNKNOWN = "（名称不明：原文に記載なし）"


def tree_lines(nodes: list[Node], depth: int = 0) -> list[str]:
    """Return one indented line per node above the action level."""
    lines = []
    for node in nodes:
        if node.kind == "action":
            continue
        title = node.title if node.title_known else UNKNOWN
        actions = sum(1 for c in node.children if c.kind == "action")
        suffix = f"（取組 {actions}）" if actions else ""
        lines.append(f"{'  ' * depth}{node.code} {title}{suffix}")
        lines += [f"{'  ' * (depth + 1)}{indicator_text(i)}" for i in node.indicators]
        lines += tree_lines(node.children, depth + 1)
    return lines


def _figure_text(figure: DocFigure | None) -> str:
    """Return a figure as read: its value and period, or that it is missing or unread."""
    if figure is None:
        return "—"
    if figure.reading is None:
        return f"『{figure.raw}』（読めないため文字のまま）"
    period = figure.period.label_ja() if figure.period else "時点の記載なし"
    return f"{figure.shown()}（{period}）"


def indicator_text(indicator: DocIndicator) -> str:
    """Return one line for an indicator row: 「指標 2-1-1.K1 名称: 基準値 → 目標値」."""
    unit = f"［{indicator.unit}］" if indicator.unit else ""
    values = f"{_figure_text(indicator.baseline)} → {_figure_text(indicator.target)}"
    return f"指標 {indicator.code} {indicator.name}{unit}: {values}"


def indicator_line(rows: int, figures: int, result: BatchResult | None) -> str:
    """Return what an import does with the document's indicator rows."""
    head = f"指標の行 {rows}（時点のある基準値・目標値 {figures}）"
    if result is None:
        return f"{head}: 取り込みます" if rows else f"{head}"
    done = f"指標 新規 {result.indicators_created} / 更新 {result.indicators_updated}"
    return f"{head}: {done} / 数値 追加 {result.figures_added}"


def reading_report(reading: PlanReading, profile: str) -> str:
    """Return what a dry run tells about the reading: the profile and the lines left out."""
    parts = ["--- 見出しの読み方（直すときは YAML にして --profile で渡します）", profile.rstrip()]
    if reading.title or reading.period:
        period = f"{reading.period[0]}〜{reading.period[1]}年度" if reading.period else "—"
        parts.append(f"--- 文書に書かれた計画名: {reading.title or '—'} / 計画期間: {period}")
    parts.append(f"--- 本文として読まなかった行 {len(reading.dropped)}")
    parts += [f"  {d}" for d in reading.dropped]
    parts += [f"  {n}" for n in reading.notices]
    return "\n".join(parts)


def summary_line(nodes: list[Node]) -> str:
    """Return the node counts by kind plus the 現状と課題 subsection and bullet counts."""
    counts = count_kinds_of(nodes)
    parts = [f"{KIND_LABELS[k]} {n}" for k, n in counts.items()]
    heads, bullets = situation_counts(nodes)
    return " / ".join(parts) + f" / 現状と課題 {heads} 項目 {bullets} 点"


def count_kinds_of(nodes: list[Node]) -> dict[str, int]:
    """Count nodes of each kind in a forest."""
    from shisaku.domain.plantree import PlanTree

    return count_kinds(PlanTree(nodes=nodes))


def situation_counts(nodes: list[Node]) -> tuple[int, int]:
    """Count 現状と課題 sub-headings and bullets across the forest."""
    blocks = [b for n in walk(nodes) if (s := n.section("situation")) for b in s.blocks]
    return sum(b.kind == "subheading" for b in blocks), sum(b.kind == "bullet" for b in blocks)
