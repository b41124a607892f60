"""The plan as a tree of plain dataclasses, shared by the parser, the database and the exports.

A plan is a forest of :class:`Node` objects (field → policy → measure → initiative → action,
any depth).  A node's narrative lives in :class:`Section` objects (現状と課題, 基本方向, …),
each a flat list of :class:`Block` objects: sub-headings, paragraphs, bullets and table rows.
Footnotes (※) hang on the block that holds the term they explain.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any, Literal

from shisaku.domain.docindicators import DocIndicator, indicator_to_dict

NodeKind = Literal["field", "policy", "measure", "initiative", "action"]
NODE_KINDS: tuple[NodeKind, ...] = ("field", "policy", "measure", "initiative", "action")

SectionKey = Literal["description", "vision", "situation", "direction", "diagram", "indicators"]
SECTION_KEYS: tuple[SectionKey, ...] = (
    "description",
    "vision",
    "situation",
    "direction",
    "diagram",
    "indicators",
)
SECTION_TITLES_JA: dict[str, str] = {
    "description": "概要",
    "vision": "めざす姿",
    "situation": "現状と課題",
    "direction": "基本方向",
    "diagram": "施策の体系",
    "indicators": "目標とする指標",
}

# present: the source holds the content; missing: the source names the section but its
# content (a diagram) did not survive; empty: the section is there and holds no rows.
SourceState = Literal["present", "missing", "empty"]
BlockKind = Literal["subheading", "paragraph", "bullet", "row"]


@dataclass
class Footnote:
    """A ※ note explaining ``term``, attached to the block where the term appears."""

    term: str
    text: str
    text_en: str = ""


@dataclass
class Block:
    """One unit of text: a sub-heading, a paragraph, a bullet, or a tab-separated table row."""

    kind: BlockKind
    text: str
    text_en: str = ""
    footnotes: list[Footnote] = field(default_factory=list)


@dataclass
class Section:
    """A named part of a node's narrative, e.g. 現状と課題, with its state in the source."""

    key: SectionKey
    state: SourceState = "present"
    blocks: list[Block] = field(default_factory=list)
    columns: list[str] = field(default_factory=list)  # table header, for ``indicators``


@dataclass
class Node:
    """One element of the plan hierarchy, identified within its plan by ``code``."""

    kind: NodeKind
    code: str
    title: str
    title_en: str = ""
    title_known: bool = True
    sections: list[Section] = field(default_factory=list)
    children: list[Node] = field(default_factory=list)
    footnotes: list[Footnote] = field(default_factory=list)  # for terms in the title (actions)
    department: str = ""  # 主管課 (responsible department), set by the planning office
    education: bool = False  # reported by the education board (点検・評価), set by the office
    indicators: list[DocIndicator] = field(default_factory=list)  # rows the document prints

    def section(self, key: str) -> Section | None:
        """Return the section with ``key``, or None."""
        return next((s for s in self.sections if s.key == key), None)


@dataclass
class PlanMeta:
    """What identifies and describes a plan besides its content."""

    title: str
    period_start: int
    period_end: int
    title_en: str = ""
    slug: str = ""
    status: Literal["draft", "published"] = "published"
    version: int = 1
    assessment: dict[str, Any] = field(default_factory=dict)  # {"preset": "aomori"} or a config

    def __post_init__(self) -> None:
        if not self.slug:
            self.slug = f"{self.period_start}-{self.period_end}"


@dataclass
class Warning:
    """Something the reader noticed but could still read (missing diagram, unknown title…)."""

    line: int
    code: str
    message: str

    def __str__(self) -> str:
        where = f"{self.line}行目" if self.line else "—"
        return f"{where}: {self.message}"


@dataclass
class PlanTree:
    """The whole plan content: root nodes plus what the reader had to say about them."""

    nodes: list[Node] = field(default_factory=list)
    warnings: list[Warning] = field(default_factory=list)


def walk(nodes: list[Node]) -> Iterator[Node]:
    """Yield every node depth-first, parents before children, in document order."""
    for node in nodes:
        yield node
        yield from walk(node.children)


def count_kinds(tree: PlanTree) -> dict[str, int]:
    """Count the nodes of each kind."""
    counts: dict[str, int] = dict.fromkeys(NODE_KINDS, 0)
    for node in walk(tree.nodes):
        counts[node.kind] += 1
    return counts


# --- plain-dict form (the JSON/YAML exchange schema, see docs/plan-json.md) -----------------


def meta_to_dict(meta: PlanMeta) -> dict[str, Any]:
    """Return the exchange form of plan metadata."""
    return {
        "slug": meta.slug,
        "title": meta.title,
        "title_en": meta.title_en,
        "period": {"start": meta.period_start, "end": meta.period_end},
        "status": meta.status,
        "version": meta.version,
        **({"assessment": meta.assessment} if meta.assessment else {}),
    }


def footnote_to_dict(note: Footnote) -> dict[str, Any]:
    """Return the exchange form of a footnote."""
    return {"term": note.term, "text": note.text, "text_en": note.text_en}


def block_to_dict(block: Block) -> dict[str, Any]:
    """Return the exchange form of a block."""
    out: dict[str, Any] = {"kind": block.kind, "text": block.text, "text_en": block.text_en}
    if block.footnotes:
        out["footnotes"] = [footnote_to_dict(n) for n in block.footnotes]
    return out


def section_to_dict(section: Section) -> dict[str, Any]:
    """Return the exchange form of a section."""
    out: dict[str, Any] = {
        "key": section.key,
        "state": section.state,
        "blocks": [block_to_dict(b) for b in section.blocks],
    }
    if section.columns:
        out["columns"] = list(section.columns)
    return out


def node_to_dict(node: Node) -> dict[str, Any]:
    """Return the exchange form of a node and its subtree."""
    out: dict[str, Any] = {
        "kind": node.kind,
        "code": node.code,
        "title": node.title,
        "title_en": node.title_en,
        "title_known": node.title_known,
        "sections": [section_to_dict(s) for s in node.sections],
        "children": [node_to_dict(c) for c in node.children],
    }
    if node.footnotes:
        out["footnotes"] = [footnote_to_dict(n) for n in node.footnotes]
    if node.department:
        out["department"] = node.department
    if node.education:
        out["education"] = True
    if node.indicators:
        out["indicators"] = [indicator_to_dict(i) for i in node.indicators]
    return out
