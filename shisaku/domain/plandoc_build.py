"""Build a :class:`PlanTree` from classified lines, one line at a time, in linear time.

Codes, not the order of appearance, decide where a heading goes: a measure 2-2-1 goes under
2-2 wherever it appears, and a parent that the document never names is created with an
unknown title (never an invented one).  The reader keeps a "current node" and a "mode" (the
section being read) to place body text, and an "open" text that a page break cut mid-sentence.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from shisaku.domain.plandoc_errors import PlanDocError
from shisaku.domain.plandoc_lines import Line, ends_sentence, squeeze
from shisaku.domain.plandoc_notes import NoteIndex
from shisaku.domain.plantree import (
    SECTION_KEYS,
    SECTION_TITLES_JA,
    Block,
    BlockKind,
    Footnote,
    Node,
    NodeKind,
    PlanTree,
    Section,
    SectionKey,
    SourceState,
    Warning,
)

_KIND_BY_DEPTH: dict[int, NodeKind] = {1: "field", 2: "policy", 3: "measure"}
_KIND_JA: dict[str, str] = {
    "field": "政策分野",
    "policy": "政策",
    "measure": "施策",
    "initiative": "主な取組のまとまり",
}
_SECTION_KEYS: dict[str, SectionKey] = {k: k for k in SECTION_KEYS}
# What an empty section means, by key: (state, warning code, message after the node code).
_EMPTY: dict[str, tuple[SourceState, str, str]] = {
    "diagram": ("missing", "missing_diagram", "の施策の体系（図）は本文にありません。"),
    "indicators": (
        "empty",
        "empty_indicators",
        "の目標とする指標は表の見出しだけで、行がありません。",
    ),
}
_NEED_HEADING = "その前に計画の見出し（「2 ひと創り」「第2章 ひと創り」「2-1 …」など）"
_DIGITS = frozenset("0123456789０１２３４５６７８９")


@dataclass
class _Open:
    """A text that did not end its sentence: the next plain line continues it."""

    target: Block | Node | Footnote
    attr: str  # "text" for blocks and footnotes, "title" for action nodes
    is_note: bool = False

    def append(self, more: str) -> bool:
        """Append ``more`` with no separator; tell whether the sentence now ends."""
        text: str = getattr(self.target, self.attr) + more
        setattr(self.target, self.attr, text)
        return ends_sentence(text)


class PlanBuilder:
    """Turn classified lines into a plan tree; :meth:`finish` returns it with its warnings."""

    def __init__(self, source: str) -> None:
        self.source = source
        self.roots: list[Node] = []
        self.codes: dict[str, tuple[Node, int]] = {}  # code → node and the line naming it
        self.node: Node | None = None  # the current field, policy or measure
        self.mode = "description"  # a section key, or "initiatives" under 主な取組
        self.initiative: Node | None = None
        self.open: _Open | None = None
        self.resume: _Open | None = None  # body text a footnote interrupted
        self.notes = NoteIndex()
        self.untitled: list[tuple[Node, int]] = []
        self.watched: list[tuple[Node, Section, int]] = []
        self.warnings: list[Warning] = []

    # --- entry points -----------------------------------------------------------------------

    def feed(self, line: Line) -> None:
        """Place one classified line."""
        if line.kind in ("blank", "page") or self._is_page_header(line):
            return
        if line.kind == "footnote":
            self._footnote(line)
        elif line.kind == "text" and self.open is not None:
            self._continue(line)
        else:
            self.open = self.resume = None
            _HANDLERS[line.kind](self, line)

    def finish(self) -> PlanTree:
        """Return the tree, once every line is fed, with warnings in line order."""
        if not self.roots:
            raise PlanDocError(self.source, 0, "計画の見出しがない文書", _NEED_HEADING)
        self.warnings.extend(self.notes.resolve())
        self._settle_sections()
        self._report_untitled()
        self.warnings.sort(key=lambda w: w.line)
        return PlanTree(nodes=self.roots, warnings=self.warnings)

    # --- headings -----------------------------------------------------------------------------

    def _is_page_header(self, line: Line) -> bool:
        """Tell whether ``line`` repeats the current field's heading (a page header)."""
        if line.kind != "heading" or "-" in line.code or self.node is None:
            return False
        if self.node.code.split("-")[0] != line.code:
            return False
        self._check_title(self.codes[line.code][0], line)
        return True

    def _heading(self, line: Line) -> None:
        """Open the node a code heading names (field, policy or measure)."""
        depth = line.code.count("-") + 1
        if depth > 3:
            raise self._error(line, "3 階層までのコード（分野 2、政策 2-1、施策 2-1-1）")
        node = self._field(line) if depth == 1 else self._child(line, _KIND_BY_DEPTH[depth])
        self.node, self.mode, self.initiative = node, "description", None

    def _field(self, line: Line) -> Node:
        """Return the field a field heading names, creating it the first time."""
        known = self.codes.get(line.code)
        if known is not None:
            self._check_title(known[0], line)
            return known[0]
        node = self._new(line.code, "field", line.text, line.number)
        self.roots.append(node)
        return node

    def _child(self, line: Line, kind: NodeKind) -> Node:
        """Create a policy or measure under the parent its code names."""
        if line.code in self.codes:
            first = self.codes[line.code][1]
            raise self._error(
                line, f"まだ使われていないコード（{line.code} は {first} 行目で使用済み）"
            )
        parent = self._parent_of(line.code, line.number)
        node = self._new(line.code, kind, line.text, line.number)
        parent.children.append(node)
        return node

    def _parent_of(self, code: str, number: int) -> Node:
        """Return the parent of ``code``, creating it with an unknown title if never named."""
        parent_code = code.rpartition("-")[0]
        known = self.codes.get(parent_code)
        if known is None:
            return self._implied(parent_code, number)
        current = self.node
        if current is not None and not (current.code + "-").startswith(parent_code + "-"):
            message = (
                f"{code} は {current.code} の後にありますが、"
                f"コードに従い {parent_code} の下に置きました。"
            )
            self.warnings.append(Warning(number, "out_of_order", message))
        return known[0]

    def _implied(self, code: str, number: int) -> Node:
        """Create a node the document implies but never names (its title stays unknown)."""
        depth = code.count("-") + 1
        node = self._new(code, _KIND_BY_DEPTH[depth], "", number)
        if depth == 1:
            self.roots.append(node)
        else:
            self._parent_of(code, number).children.append(node)
        return node

    def _new(self, code: str, kind: NodeKind, title: str, number: int) -> Node:
        """Create and register a coded node; an empty title is recorded as unknown."""
        node = Node(kind=kind, code=code, title=title, title_known=bool(title))
        self.codes[code] = (node, number)
        if not title:
            self.untitled.append((node, number))
        return node

    def _check_title(self, node: Node, line: Line) -> None:
        """Accept a repeated field heading: same title, or the first known title."""
        if not line.text:
            return
        if not node.title_known:
            node.title, node.title_known = line.text, True
        elif squeeze(node.title) != squeeze(line.text):
            raise self._error(line, f"「{node.code} {node.title}」（同じコードの見出しは同じ名称）")

    # --- sections and body text ---------------------------------------------------------------

    def _section(self, line: Line) -> None:
        """Start a section (現状と課題, 基本方向, 施策の体系, 主な取組, 目標とする指標)."""
        node = self._require_node(line)
        if line.key == "initiatives" and node.kind == "field":
            raise self._error(line, "主な取組の前に施策の見出し（「2-1-1 …」など）")
        self.mode, self.initiative = line.key, None
        if line.key != "initiatives":
            self._section_of(node, line.number)

    def _section_of(self, node: Node, number: int) -> Section:
        """Return the node's section for the current mode, creating it on first use."""
        key = _SECTION_KEYS[self.mode]
        section = node.section(key)
        if section is None:
            section = Section(key=key)
            node.sections.append(section)
            self.watched.append((node, section, number))
        return section

    def _text(self, line: Line) -> None:
        """Place a plain line: an action under 主な取組, else a paragraph."""
        self._bullet(line, "paragraph")

    def _bullet(self, line: Line, kind: BlockKind = "bullet") -> None:
        """Place a bullet: an action under 主な取組, else a bullet block."""
        node = self._require_node(line)
        if self.mode == "initiatives":
            self._action(line)
            return
        block = Block(kind=kind, text=line.text)
        self._section_of(node, line.number).blocks.append(block)
        self.notes.add(block)
        self._keep_open(_Open(block, "text"))

    def _group(self, line: Line) -> None:
        """Place a group marker: an initiative under 主な取組, else a sub-heading."""
        node = self._require_node(line)
        if self.mode == "initiatives":
            self._initiative(node, line.text, line.number)
            return
        block = Block(kind="subheading", text=line.text)
        self._section_of(node, line.number).blocks.append(block)
        self.notes.add(block)

    def _row(self, line: Line) -> None:
        """Place a tab-separated line: the indicator table header once, else a row."""
        node = self._require_node(line)
        if self.mode == "initiatives":
            raise self._error(line, "主な取組のまとまり（《…》）か取組の箇条書き")
        section = self._section_of(node, line.number)
        cells = [c.strip() for c in line.text.split("\t")]
        if self.mode == "indicators" and _is_header(section, cells):
            section.columns = cells
            return
        block = Block(kind="row", text=line.text)
        section.blocks.append(block)
        self.notes.add(block)

    def _initiative(self, owner: Node, title: str, number: int) -> Node:
        """Create the next initiative group of ``owner`` (code 2-1-1.1, 2-1-1.2, …)."""
        n = sum(c.kind == "initiative" for c in owner.children) + 1
        node = Node(
            kind="initiative", code=f"{owner.code}.{n}", title=title, title_known=bool(title)
        )
        if not title:
            self.untitled.append((node, number))
        owner.children.append(node)
        self.notes.add(node)
        self.initiative = node
        return node

    def _action(self, line: Line) -> None:
        """Create an action under the current initiative (an untitled one if none yet)."""
        group = self.initiative or self._initiative(self._require_node(line), "", line.number)
        code = f"{group.code}.{len(group.children) + 1}"
        node = Node(kind="action", code=code, title=line.text)
        group.children.append(node)
        self.notes.add(node)
        self._keep_open(_Open(node, "title"))

    def _keep_open(self, text: _Open) -> None:
        """Remember ``text`` as open when its sentence is not finished."""
        self.open = None if ends_sentence(getattr(text.target, text.attr)) else text

    def _continue(self, line: Line) -> None:
        """Join a plain line to the open text: a page or line break had cut the sentence."""
        assert self.open is not None  # feed() only calls this with an open text
        if self.open.append(line.text):
            self.open, self.resume = self.resume, None

    def _footnote(self, line: Line) -> None:
        """Queue a footnote; body text it interrupted at a page foot stays open."""
        node = self._require_node(line)
        note = Footnote(term=line.key, text=line.text)
        self.notes.defer(note, line.number, node)
        body = self.resume if self.open is not None and self.open.is_note else self.open
        if ends_sentence(note.text):
            self.open, self.resume = body, None
        else:
            self.open, self.resume = _Open(note, "text", is_note=True), body

    # --- end of document and errors -----------------------------------------------------------

    def _settle_sections(self) -> None:
        """Set each section's state from its content; warn for the empty ones."""
        for node, section, number in self.watched:
            if section.blocks:
                section.state = "present"
                continue
            title = SECTION_TITLES_JA[section.key]
            state, code, tail = _EMPTY.get(
                section.key, ("empty", "empty_section", f"の{title}は空です。")
            )
            section.state = state
            self.warnings.append(Warning(number, code, f"{node.code} {tail}"))

    def _report_untitled(self) -> None:
        """Warn for every node whose title the document never gave."""
        for node, number in self.untitled:
            if not node.title_known:
                kind = _KIND_JA[node.kind]
                message = f"{kind} {node.code} の見出しが文書にないため、名称は不明です。"
                self.warnings.append(Warning(number, "unknown_title", message))

    def _require_node(self, line: Line) -> Node:
        """Return the current node, or fail: body text before any heading cannot be placed."""
        if self.node is None:
            raise self._error(line, _NEED_HEADING)
        return self.node

    def _error(self, line: Line, expected: str) -> PlanDocError:
        """Return the error for ``line``."""
        return PlanDocError(self.source, line.number, line.raw, expected)


def _is_header(section: Section, cells: list[str]) -> bool:
    """Tell whether a tab line is the indicator table header: first, and with no numbers."""
    first = not section.columns and not section.blocks
    return first and not any(ch in _DIGITS for cell in cells for ch in cell)


_HANDLERS: dict[str, Callable[[PlanBuilder, Line], None]] = {
    "heading": PlanBuilder._heading,
    "section": PlanBuilder._section,
    "group": PlanBuilder._group,
    "bullet": PlanBuilder._bullet,
    "row": PlanBuilder._row,
    "text": PlanBuilder._text,
}
