"""Statistics stated in a plan's prose, each with the anchor of the block that states it."""

from __future__ import annotations

from dataclasses import dataclass

from shisaku.domain.plantree import Block, Node
from shisaku.plan.queries import StatisticInfo
from shisaku.public import links


@dataclass(frozen=True)
class StatisticRow:
    """A figure stated in the prose, with the anchor of the block that states it."""

    info: StatisticInfo
    anchor: str


def block_anchors(node: Node, stats: list[StatisticInfo]) -> dict[int, str]:
    """Return the HTML ids of the blocks of ``node`` that state a statistic, keyed by id(block)."""
    anchors: dict[int, str] = {}
    for stat in stats:
        found = _block_of(node, stat)
        if found is not None:
            block, index = found
            anchors[id(block)] = links.block_anchor_id(stat.section, index)
    return anchors


def _block_of(node: Node, stat: StatisticInfo) -> tuple[Block, int] | None:
    """Return the block (and its place from 1 in its section) whose text states ``stat``."""
    for section in node.sections:
        if section.key != stat.section:
            continue
        for index, block in enumerate(section.blocks, start=1):
            if block.text == stat.sentence:
                return block, index
    return None


def statistic_rows(node: Node, stats: list[StatisticInfo]) -> list[StatisticRow]:
    """Return a node's statistics, each with the anchor of its sentence ("" if not found)."""
    rows = []
    for stat in stats:
        found = _block_of(node, stat)
        anchor = links.block_anchor_id(stat.section, found[1]) if found else ""
        rows.append(StatisticRow(stat, anchor))
    return rows
