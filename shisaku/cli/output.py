"""How commands print plan trees, counts and warnings."""

from __future__ import annotations

from shisaku.domain.plantree import Node, count_kinds, walk

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
        lines += tree_lines(node.children, depth + 1)
    return lines


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
