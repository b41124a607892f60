"""How the plan tree is laid out on pages: which nodes have a page, and in what order parts show.

Fields, policies and measures have pages of their own; initiatives and actions are shown
inside their measure's page (their URLs redirect there).  On a page, a node's sections come
first, then its children, then its indicator table, as in the printed plan.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field

# which nodes have a page of their own is a rule of the domain, shared with the publisher
from shisaku.domain.nodepages import PAGE_KINDS as PAGE_KINDS
from shisaku.domain.nodepages import find_path as find_path
from shisaku.domain.nodepages import has_own_page as has_own_page
from shisaku.domain.nodepages import page_owner as page_owner
from shisaku.domain.plantree import Block, Footnote, Node, Section

TRAILING_SECTIONS = frozenset({"indicators"})


def leading_sections(node: Node) -> list[Section]:
    """Return the sections shown before a node's children."""
    return [s for s in node.sections if s.key not in TRAILING_SECTIONS]


def trailing_sections(node: Node) -> list[Section]:
    """Return the sections shown after a node's children (the indicator table)."""
    return [s for s in node.sections if s.key in TRAILING_SECTIONS]


def inline_children(node: Node) -> list[Node]:
    """Return the children drawn inside this node's page rather than linked to."""
    return [c for c in node.children if not has_own_page(c)]


@dataclass
class BlockGroup:
    """Consecutive blocks of one kind, drawn together (bullets as one list, rows as one table)."""

    kind: str
    blocks: list[Block] = field(default_factory=list)


def group_blocks(blocks: list[Block]) -> list[BlockGroup]:
    """Group consecutive bullets and consecutive rows; other blocks stand alone."""
    groups: list[BlockGroup] = []
    for block in blocks:
        joins = groups and groups[-1].kind == block.kind and block.kind in ("bullet", "row")
        if not joins:
            groups.append(BlockGroup(block.kind))
        groups[-1].blocks.append(block)
    return groups


def _section_notes(sections: list[Section]) -> Iterator[Footnote]:
    """Yield the footnotes of some sections in document order."""
    for section in sections:
        for block in section.blocks:
            yield from block.footnotes


def page_footnotes(node: Node) -> Iterator[Footnote]:
    """Yield every footnote shown on a node's page, in the order the page shows them."""
    yield from node.footnotes
    yield from _section_notes(leading_sections(node))
    for child in inline_children(node):
        yield from page_footnotes(child)
    yield from _section_notes(trailing_sections(node))


class PageNotes:
    """The ※ notes of one page, numbered in page order (term marker ↔ note anchors)."""

    def __init__(self, notes: Iterator[Footnote]) -> None:
        self.items = list(notes)
        self._numbers = {id(note): i for i, note in enumerate(self.items, start=1)}

    def number(self, note: Footnote) -> int:
        """Return the number of a note of this page."""
        return self._numbers[id(note)]

    def numbered(self) -> list[tuple[int, Footnote]]:
        """Return the notes with their numbers."""
        return list(enumerate(self.items, start=1))
