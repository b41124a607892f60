"""Build a :class:`PlanTree` from classified lines, one line at a time, in linear time.

Headings arrive with the level and kind the layout gave their style.  A heading whose numbers
are a whole code (2-1-3) goes where its code says, wherever it appears, and a parent that the
document never names is created with an unknown title (never an invented one); other headings
go under the nearest open heading of a higher level and get a code from their place (parent's
code, a dash, their own number).  The builder keeps a "current node" and a "mode" (the section
being read) to place body text, and an "open" text that a page break cut mid-sentence.  Lines
before the first heading are the document's preamble (cover, title, contents): they are set
aside and listed, never fatal.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field

from shisaku.domain.plandoc_errors import PlanDocError, Problem
from shisaku.domain.plandoc_items import lists_items, split_items
from shisaku.domain.plandoc_lines import Line, ends_sentence
from shisaku.domain.plandoc_notes import NoteIndex
from shisaku.domain.plandoc_profile import KINDS_BY_DEPTH
from shisaku.domain.plandoc_text import match_key
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

KIND_JA: dict[str, str] = {
    "field": "政策分野",
    "policy": "政策",
    "measure": "施策",
    "initiative": "主な取組のまとまり",
    "action": "取組",
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
NEED_HEADING = "その前に計画の見出し（「2 ひと創り」「第2章 ひと創り」「基本目標1 …」など）"
PROFILE_HINT = (
    "見出しの番号の形が読み取れないときは、--profile で階層を指定できます"
    "（例: headings: {基本目標1: {level: 1, kind: field}, （1）: {level: 2, kind: measure}}）"
)
_LOW_KINDS = frozenset({"initiative", "action"})
_LIST_ENDS = frozenset({"heading", "section", "header", "row", "label"})


def _ends_list(line: Line) -> bool:
    """Tell whether ``line`` shows that a 主な取組 label has no action after it."""
    return line.kind in _LIST_ENDS and line.node_kind not in _LOW_KINDS


_ROW_SIGN = re.compile(r"[0-9０-９→⇒：:]|右矢印")  # a list item that is a table row


@dataclass
class _Open:
    """A text that did not end its sentence: the next plain line continues it."""

    target: Block | Node | Footnote
    attr: str  # "text" for blocks and footnotes, "title" for action nodes
    is_note: bool = False
    listed: bool = False  # the last of actions run together with 「、」: more may follow

    def append(self, more: str) -> bool:
        """Append ``more`` with no separator; tell whether the sentence now ends."""
        text: str = getattr(self.target, self.attr) + more
        setattr(self.target, self.attr, text)
        return ends_sentence(text)


@dataclass
class _Label:
    """A 主な取組 label not yet followed by any action: a side label printed beside its list
    comes after it in the text, so the list items just before it may be its actions."""

    owner: Node
    section: Section | None
    start: int  # the first of the list items that end the section


@dataclass
class _Placed:
    """A node the builder made, with its level and the line that named it."""

    node: Node
    level: int
    line: int
    in_section: bool = False  # it was named inside a section of its parent (施策の方向 (1) …)


@dataclass
class BuildResult:
    """The tree, the lines set aside before the first heading, and the code of each node."""

    tree: PlanTree
    preamble: list[Line] = field(default_factory=list)
    placed: list[tuple[int, str]] = field(default_factory=list)  # (line, code) of each node


class PlanBuilder:
    """Turn classified lines into a plan tree; :meth:`finish` returns it with its warnings."""

    def __init__(self, source: str, kinds_by_level: dict[int, str] | None = None) -> None:
        self.source = source
        self.kinds_by_level = kinds_by_level or {}
        self.roots: list[Node] = []
        self.codes: dict[str, _Placed] = {}  # code → node, level and the line naming it
        self.levels: list[_Placed] = []  # the open headings, by level
        self.node: Node | None = None  # the current heading's node
        self.mode = "description"  # a section key, or "initiatives" under 主な取組
        self.initiative: Node | None = None
        self.inline = 0  # the line whose 主な取組 label has its actions after it on the line
        self.label: _Label | None = None
        self.item_lines: dict[int, int] = {}  # id of a list item block → its line
        self.open: _Open | None = None
        self.resume: _Open | None = None  # body text a footnote interrupted
        self.notes = NoteIndex()
        self.untitled: list[tuple[Node, int]] = []
        self.watched: list[tuple[Node, Section, int]] = []
        self.warnings: list[Warning] = []
        self.problems: list[Problem] = []
        self.preamble: list[Line] = []
        self.placed: list[tuple[int, str]] = []  # (line, code) of each node, in order

    # --- entry points -----------------------------------------------------------------------

    def feed(self, line: Line) -> None:
        """Place one classified line."""
        if line.kind in ("blank", "page"):
            return
        if self.node is None and line.kind != "heading":
            self.preamble.append(line)
        elif line.kind == "footnote":
            self._footnote(line)
        elif line.kind == "text" and self.open is not None:
            self._continue(line)
        else:
            self._close_open()
            if self.label is not None and _ends_list(line):
                self._take_items_before()
            _HANDLERS[line.kind](self, line)

    def finish(self) -> BuildResult:
        """Return the tree, once every line is fed, with warnings in line order."""
        if self.problems:
            raise PlanDocError.of(self.source, self.problems)
        if not self.roots:
            raise PlanDocError.of(self.source, self._unplaced())
        self.warnings.extend(self.notes.resolve())
        self._settle_sections()
        self._report_untitled()
        self.warnings.sort(key=lambda w: w.line)
        tree = PlanTree(nodes=self.roots, warnings=self.warnings)
        return BuildResult(tree, self.preamble, self.placed)

    # --- headings -----------------------------------------------------------------------------

    def _heading(self, line: Line) -> None:
        """Open the node a heading names."""
        sibling = next((p for p in self.levels if p.level == line.level), None)
        inside = self.mode != "description" or (sibling is not None and sibling.in_section)
        node = self._coded(line) if line.code else self._placed(line)
        if node is not None:
            self.levels[-1].in_section = inside and node.kind in _LOW_KINDS
            self.node, self.mode, self.initiative = node, "description", None

    def _coded(self, line: Line) -> Node | None:
        """Create (or find again) the node of a heading whose numbers are its code."""
        known = self.codes.get(line.code)
        if known is not None:
            return self._again(known, line)
        parent = self._code_parent(line)
        node = self._new(line.code, line.node_kind, line.text, line.number)
        self._attach(parent, node, line.level, line.number)
        return node

    def _again(self, known: _Placed, line: Line) -> Node | None:
        """Accept a code named twice: the same title (or the first known one), else a problem."""
        node = known.node
        if not node.title_known and line.text:
            self._name(node, line.text)
            self._reopen(known)
            return node
        if not line.text or match_key(node.title) == match_key(line.text):
            self._reopen(known)
            return node
        used = f"{known.line} 行目の「{node.code} {node.title}」で使用済み"
        expected = f"まだ使われていないコード（{line.code} は {used}）"
        self.problems.append(Problem(line.number, line.raw, expected, line.page))
        return None

    def _reopen(self, placed: _Placed) -> None:
        """Make ``placed`` the open heading of its level again."""
        self.levels = [p for p in self.levels if p.level < placed.level] + [placed]

    def _code_parent(self, line: Line) -> Node | None:
        """Return the parent a code names, creating unnamed ancestors with unknown titles."""
        parent_code = line.code.rpartition("-")[0]
        if not parent_code:
            return None
        known = self.codes.get(parent_code)
        if known is None:
            return self._implied(parent_code, line.level - 1, line.number)
        current = self.node
        if current is not None and not (current.code + "-").startswith(parent_code + "-"):
            message = (
                f"{line.code} は {current.code} の後にありますが、"
                f"コードに従い {parent_code} の下に置きました。"
            )
            self.warnings.append(Warning(line.number, "out_of_order", message))
        return known.node

    def _implied(self, code: str, level: int, number: int) -> Node:
        """Create a node the document implies but never names (its title stays unknown)."""
        parent_code = code.rpartition("-")[0]
        parent = self._implied_parent(parent_code, level - 1, number) if parent_code else None
        kind = self.kinds_by_level.get(level) or KINDS_BY_DEPTH[min(code.count("-"), 2)]
        node = self._new(code, kind, "", number)
        self._attach(parent, node, level, number)
        return node

    def _implied_parent(self, code: str, level: int, number: int) -> Node:
        """Return the node of ``code``, implying it when it was never named."""
        known = self.codes.get(code)
        return known.node if known is not None else self._implied(code, level, number)

    def _placed(self, line: Line) -> Node:
        """Create a heading's node under the nearest open heading of a higher level."""
        open_above = [p for p in self.levels if p.level < line.level]
        parent = open_above[-1].node if open_above else None
        code = self._free_code(parent, line)
        node = self._new(code, line.node_kind, line.text, line.number)
        self._attach(parent, node, line.level, line.number)
        return node

    def _free_code(self, parent: Node | None, line: Line) -> str:
        """Return the code a heading gets from its place: parent code, a dash, its number."""
        siblings = parent.children if parent else self.roots
        low = line.node_kind in _LOW_KINDS and parent is not None
        number = line.numbers[-1] if line.numbers else len(siblings) + 1
        code = self._joined(parent, number, low)
        while code in self.codes:  # numbering that restarts under one parent (a new page)
            number = max(number, len(siblings)) + 1
            code = self._joined(parent, number, low)
            message = f"{line.text} の番号が同じ階層で重なるため、コード {code} としました。"
            self.warnings.append(Warning(line.number, "renumbered", message))
        return code

    @staticmethod
    def _joined(parent: Node | None, number: int, low: bool) -> str:
        """Return a child code: 2-1 + 3 → 2-1-3 (2-1-1.3 below a measure)."""
        if parent is None:
            return str(number)
        return f"{parent.code}{'.' if low else '-'}{number}"

    def _attach(self, parent: Node | None, node: Node, level: int, number: int) -> None:
        """Add ``node`` under ``parent`` (or as a root) and make it the open heading."""
        (parent.children if parent else self.roots).append(node)
        self.placed.append((number, node.code))
        placed = _Placed(node, level, number)
        self.codes[node.code] = placed
        self.levels = [p for p in self.levels if p.level < level] + [placed]
        if node.kind in _LOW_KINDS:
            self.notes.add(node)

    def _new(self, code: str, kind: str, title: str, number: int) -> Node:
        """Create a node; an empty title is recorded as unknown."""
        node = Node(kind=_kind(kind), code=code, title=title, title_known=bool(title))
        if not title:
            self.untitled.append((node, number))
        return node

    @staticmethod
    def _name(node: Node, title: str) -> None:
        """Give a node whose title was unknown the title a later heading states."""
        node.title, node.title_known = title, True

    # --- sections and body text ---------------------------------------------------------------

    def _section(self, line: Line) -> None:
        """Start a section (現状と課題, めざす姿, 施策の方向, 主な取組, 成果指標 …).

        After the items of a list (施策の方向 (1), (2)) a new label is the measure's again.
        """
        if line.key == "indicators":
            self._close_items(table=True)
        self.mode, self.initiative = line.key, None
        self.inline = line.number
        if line.key == "initiatives":
            self.label = self._items_before(self._current())
        else:
            section = self._section_of(self._current(), line.number)
            if line.key == "indicators" and line.cells and not section.columns:
                section.columns = list(line.cells)

    def _close_items(self, table: bool = False) -> None:
        """Return to the node whose section the open list items stood in; a table goes up to
        the measure (施策) the items below it belong to."""
        measure = next((lv for lv, kind in self.kinds_by_level.items() if kind == "measure"), 0)
        while len(self.levels) > 1 and (
            self.levels[-1].in_section or (table and measure and self.levels[-1].level > measure)
        ):
            self.levels.pop()
            self.node = self.levels[-1].node

    def _header(self, line: Line) -> None:
        """Take a table header: it opens the indicator table if no label did."""
        if self.mode != "indicators":
            self._close_items(table=True)
            self.mode, self.initiative = "indicators", None
        section = self._section_of(self._current(), line.number)
        if not section.columns and not section.blocks:
            section.columns = list(line.cells)
        else:
            self._block(line, "row", line.raw)

    def _section_of(self, node: Node, number: int) -> Section:
        """Return the node's section for the current mode, creating it on first use."""
        key = _SECTION_KEYS.get(self.mode, "description")
        section = node.section(key)
        if section is None:
            section = Section(key=key)
            node.sections.append(section)
            self.watched.append((node, section, number))
        return section

    def _text(self, line: Line) -> None:
        """Place a plain line: an action under 主な取組, part of a table, else a paragraph."""
        if self.mode == "indicators" and _table_text(line.text):
            self._block(line, "row", line.text)
        else:
            self._bullet(line, "paragraph")

    def _bullet(self, line: Line, kind: BlockKind = "bullet") -> None:
        """Place a bullet: an action under 主な取組 or an initiative, a table row, else a bullet."""
        if self.mode == "initiatives" or (kind == "bullet" and self._under_initiative()):
            self._action(line)
        elif self.mode == "indicators" and kind == "bullet" and _ROW_SIGN.search(line.text):
            self._block(line, "row", line.raw)
        else:
            self._block(line, kind, line.text)

    def _block(self, line: Line, kind: BlockKind, text: str) -> None:
        """Add a block to the current section, keeping it open if its sentence is cut."""
        block = Block(kind=kind, text=text)
        self._section_of(self._current(), line.number).blocks.append(block)
        self.notes.add(block)
        if kind == "bullet":
            self.item_lines[id(block)] = line.number
        if kind in ("paragraph", "bullet"):
            self._keep_open(_Open(block, "text"))

    def _group(self, line: Line) -> None:
        """Place a group marker: an initiative under 主な取組, else a sub-heading."""
        node = self._current()
        if self.mode == "initiatives":
            self._initiative(node, line.text, line.number)
            return
        self._block(line, "subheading", line.text)

    def _row(self, line: Line) -> None:
        """Place a tab-separated line: a table row (under 主な取組 it opens a table)."""
        if self.mode == "initiatives":
            self.mode, self.initiative = "indicators", None
        self._block(line, "row", line.text)

    def _label(self, line: Line) -> None:
        """Place a label that heads text outside any section (関連図表): a sub-heading."""
        self.mode, self.initiative = "description", None
        self._block(line, "subheading", line.text)

    def _department(self, line: Line) -> None:
        """Record the department a 「担当課：…」 line names on the current node."""
        node = self._current()
        if not node.department:
            node.department = line.text

    def _items_before(self, owner: Node) -> _Label:
        """Return the label just read, with the list items that end the text before it (never
        a labelled section's: those are its own)."""
        section = next((s for s in reversed(owner.sections) if s.blocks), None)
        if section is not None and section.key != "description":
            section = None
        blocks = section.blocks if section is not None else []
        start = len(blocks)
        while start and blocks[start - 1].kind == "bullet":
            start -= 1
        return _Label(owner, section, start)

    def _take_items_before(self) -> None:
        """Make the list items before a 主な取組 label that no action followed its actions."""
        label, self.label = self.label, None
        assert label is not None
        if label.section is None or label.start == len(label.section.blocks):
            return
        items = label.section.blocks[label.start :]
        del label.section.blocks[label.start :]
        group = self._initiative(label.owner, "", self.item_lines[id(items[0])])
        for block in items:
            node = self._add_action(group, block.text, self.item_lines[id(block)])
            node.footnotes = block.footnotes
            self.notes.replace(block, node)

    def _initiative(self, owner: Node, title: str, number: int) -> Node:
        """Create the next initiative group of ``owner`` (code 2-1-1.1, 2-1-1.2, …)."""
        self.label = None
        n = sum(c.kind == "initiative" for c in owner.children) + 1
        node = Node(
            kind="initiative", code=f"{owner.code}.{n}", title=title, title_known=bool(title)
        )
        if not title:
            self.untitled.append((node, number))
        owner.children.append(node)
        self.placed.append((number, node.code))
        self.notes.add(node)
        self.initiative = node
        return node

    def _under_initiative(self) -> bool:
        """Tell whether the current heading is an initiative read as text (its list is actions)."""
        return self.mode == "description" and self._current().kind == "initiative"

    def _action(self, line: Line) -> None:
        """Create an action under the current initiative (an untitled one if none yet); a line
        that runs several together (after its label, or three or more names) gives each one."""
        if self.initiative is None and self._under_initiative():
            self.initiative = self._current()
        group = self.initiative or self._initiative(self._current(), "", line.number)
        listed = line.number == self.inline or lists_items(line.text)
        for title in split_items(line.text) if listed else [line.text]:
            node = self._add_action(group, title, line.number)
        self._keep_open(_Open(node, "title", listed=listed))

    def _add_action(self, group: Node, title: str, number: int) -> Node:
        """Append an action titled ``title`` to ``group``."""
        self.label = None
        code = f"{group.code}.{len(group.children) + 1}"
        node = Node(kind="action", code=code, title=title)
        group.children.append(node)
        self.placed.append((number, code))
        self.notes.add(node)
        return node

    def _close_open(self) -> None:
        """Forget the open text; a list that ended on 「、」 loses it."""
        if self.open is not None and self.open.listed and isinstance(self.open.target, Node):
            self.open.target.title = self.open.target.title.rstrip("、")
        self.open = self.resume = None

    def _keep_open(self, text: _Open) -> None:
        """Remember ``text`` as open when its sentence is not finished."""
        self.open = None if ends_sentence(getattr(text.target, text.attr)) else text

    def _continue(self, line: Line) -> None:
        """Join a plain line to the open text: a page or line break had cut the sentence."""
        assert self.open is not None  # feed() only calls this with an open text
        if self.open.listed:
            self._continue_items(line)
        elif self.open.append(line.text):
            self.open, self.resume = self.resume, None

    def _continue_items(self, line: Line) -> None:
        """Continue actions run together: the line ends the open name and may add more."""
        assert self.open is not None and isinstance(self.open.target, Node) and self.initiative
        node = self.open.target
        first, *more = split_items(node.title + line.text)
        node.title = first
        for title in more:
            node = self._add_action(self.initiative, title, line.number)
        self._keep_open(_Open(node, "title", listed=True))

    def _footnote(self, line: Line) -> None:
        """Queue a footnote; body text it interrupted at a page foot stays open."""
        note = Footnote(term=line.key, text=line.text)
        self.notes.defer(note, line.number, self._current())
        body = self.resume if self.open is not None and self.open.is_note else self.open
        if ends_sentence(note.text):
            self.open, self.resume = body, None
        else:
            self.open, self.resume = _Open(note, "text", is_note=True), body

    # --- end of document ----------------------------------------------------------------------

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
                kind = KIND_JA[node.kind]
                message = f"{kind} {node.code} の見出しが文書にないため、名称は不明です。"
                self.warnings.append(Warning(number, "unknown_title", message))

    def _unplaced(self) -> list[Problem]:
        """Return the lines of a document in which no heading was found, or the whole file."""
        lines = [p for p in self.preamble if p.raw.strip()]
        if not lines:
            return [Problem(0, "計画の見出しがない文書", NEED_HEADING + "。" + PROFILE_HINT)]
        return [Problem(p.number, p.raw, NEED_HEADING, p.page) for p in lines]

    def _current(self) -> Node:
        """Return the current node (feed() sets lines before the first heading aside)."""
        assert self.node is not None
        return self.node


def _table_text(text: str) -> bool:
    """Tell whether a plain line under an indicator label is table text, not a sentence."""
    return not text.endswith("。") or "※" in text[:2]


def _kind(kind: str) -> NodeKind:
    """Return ``kind`` as a node kind (the layout only gives the five kinds)."""
    assert kind in KINDS_BY_DEPTH, kind
    return kind  # type: ignore[return-value]


_HANDLERS: dict[str, Callable[[PlanBuilder, Line], None]] = {
    "heading": PlanBuilder._heading,
    "section": PlanBuilder._section,
    "header": PlanBuilder._header,
    "group": PlanBuilder._group,
    "bullet": PlanBuilder._bullet,
    "row": PlanBuilder._row,
    "text": PlanBuilder._text,
    "department": PlanBuilder._department,
    "label": PlanBuilder._label,
}
