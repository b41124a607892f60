"""Indicator tables printed before the measure they belong to.

Most plans print a measure's indicator table after its heading.  A page whose indicators stand
in a sidebar that a text copy gives first (「成果指標 / 指標名 / …」 at the top of the page, the
施策 heading only after it) prints each table *before* its measure: the first table then stands
before the plan's first heading, and each later one at the end of the measure before the one it
belongs to.  The document shows it so: a table before any heading can only belong to what
follows, and when the measures that hold a table are exactly all measures but the last, each
table belongs to the measure after the one it stands in.  The tables are then moved there; in
any other document every table stays where it stands.
"""

from __future__ import annotations

from collections.abc import Iterable

from shisaku.domain.plandoc_sections import header_columns, section_key
from shisaku.domain.plantree import Block, Node, Section, walk


def preamble_table(preamble: Iterable[str]) -> Section | None:
    """Return the indicator table standing before the plan's first heading (after its label
    or its header, to the end of the preamble), or None."""
    lines = [t.strip() for t in preamble if t.strip()]
    starts = [n for n, t in enumerate(lines) if _opens_table(t)]
    if not starts:
        return None
    section = Section(key="indicators")
    for text in lines[starts[-1] :]:
        if not section.columns and not section.blocks and header_columns(text):
            section.columns = [c.strip() for c in text.split("\t")]
        elif "\t" in text:
            section.blocks.append(Block(kind="row", text=text))
        elif section_key(text) is None:
            section.blocks.append(Block(kind="paragraph", text=text))
    rows = any(b.kind == "row" for b in section.blocks)
    return section if section.columns and rows else None


def _opens_table(text: str) -> bool:
    """Tell whether a line opens an indicator table: its label (成果指標) or a header."""
    found = section_key(text)
    return (found is not None and found[0] == "indicators") or bool(header_columns(text))


def tables_in_place(nodes: list[Node], preamble: Iterable[str]) -> list[tuple[Node, Section]]:
    """Return every indicator table with the node it belongs to, in document order.

    Each table belongs to the node it stands in, unless the document prints its tables before
    their measures (see the module docstring): they are then moved to the measures they lead.
    """
    placed = [(n, s) for n in walk(nodes) if (s := n.section("indicators")) and s.blocks]
    first = preamble_table(preamble)
    measures = [n for n in walk(nodes) if n.kind == "measure"]
    holders = [id(n) for n, _ in placed]
    if first is None or not measures or holders != [id(m) for m in measures[:-1]]:
        return placed
    tables = [first, *(s for _, s in placed)]
    for node, section in placed:
        node.sections.remove(section)
    for measure, section in zip(measures, tables, strict=True):
        measure.sections.append(section)
    return list(zip(measures, tables, strict=True))
