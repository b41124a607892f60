"""Build a :class:`PlanTree` from classified lines, one line at a time, in linear time.

Headings arrive with the level and kind the layout gave their style; where their nodes go is
:mod:`plandoc_headings`'s part.  The builder keeps a "current node" and a "mode" (the section
being read) to place body text, and an "open" text that a page break cut mid-sentence.  Lines
before the first heading are the document's preamble (cover, title, contents): they are set
aside and listed, never fatal.  The lists of initiatives and actions, a project table's rows
among them, are :mod:`plandoc_actions`'s; the builder routes each line: an indicator row by its
form (「名称：基準値 → 目標値」) to its node's indicator table wherever it stands.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Callable
from dataclasses import dataclass, field

from shisaku.domain.plandoc_actions import ActionLists, OpenText
from shisaku.domain.plandoc_errors import PlanDocError, Problem
from shisaku.domain.plandoc_headings import LOW_KINDS
from shisaku.domain.plandoc_kpilines import is_kpi_line
from shisaku.domain.plandoc_lines import AIM, Line, ends_sentence
from shisaku.domain.plandoc_projects import describes_project, is_project_row
from shisaku.domain.plandoc_settle import settle_sections, warns_when_empty
from shisaku.domain.plantree import (
    SECTION_KEYS,
    Block,
    BlockKind,
    Footnote,
    Node,
    PlanTree,
    Section,
    SectionKey,
)

_SECTION_KEYS: dict[str, SectionKey] = {k: k for k in SECTION_KEYS}
NEED_HEADING = "その前に計画の見出し（「2 ひと創り」「第2章 ひと創り」「基本目標1 …」など）"
PROFILE_HINT = (
    "見出しの番号の形が読み取れないときは、--profile で階層を指定できます"
    "（例: headings: {基本目標1: {level: 1, kind: field}, （1）: {level: 2, kind: measure}}）"
)
_LIST_ENDS = frozenset({"heading", "section", "header", "row", "label"})


def _ends_list(line: Line) -> bool:
    """Tell whether ``line`` shows that a 主な取組 label has no action after it (a project
    table's header under a 主要事業 label is its list)."""
    return line.kind in _LIST_ENDS and line.node_kind not in LOW_KINDS and not _projects(line)


def _projects(line: Line) -> bool:
    """Tell whether ``line`` is the header of a project table (plandoc_projects)."""
    return line.kind == "section" and line.key == "initiatives" and bool(line.cells)


_ROW_SIGN = re.compile(r"[0-9０-９→⇒：:]|右矢印")  # a list item that is a table row


@dataclass
class BuildResult:
    """The tree, the lines set aside before the first heading, and the code of each node."""

    tree: PlanTree
    preamble: list[Line] = field(default_factory=list)
    placed: list[tuple[int, str]] = field(default_factory=list)  # (line, code) of each node


class PlanBuilder(ActionLists):
    """Turn classified lines into a plan tree; :meth:`finish` returns it with its warnings."""

    def __init__(self, source: str, kinds_by_level: dict[int, str] | None = None) -> None:
        super().__init__(source, kinds_by_level)
        self.resume: OpenText | None = None  # body text a footnote interrupted
        self.watched: list[tuple[Node, Section, int]] = []
        self.itemized: set[int] = set()  # ids of sections whose items became nodes
        self.preamble: list[Line] = []
        self.labelled: dict[int, set[str]] = {}  # id of a node → the labels read under it

    # --- entry points -----------------------------------------------------------------------

    def feed(self, line: Line) -> None:
        """Place one classified line."""
        if line.kind in ("blank", "page"):
            return
        if self.node is None and line.kind != "heading":
            self.preamble.append(line)
        elif line.kind == "footnote":
            self._footnote(line)
        elif line.kind == "text" and self.open is not None and line.key != AIM:
            self._continue(line)
        elif self.project is not None and describes_project(line):
            self._close_open()
            self._describe_project(line)
        else:
            self._close_open()
            self.project = self.project if line.kind == "text" else None
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
        self.warnings.extend(settle_sections(self.watched, self.itemized))
        self._report_untitled()
        self.warnings.sort(key=lambda w: w.line)
        tree = PlanTree(nodes=self.roots, warnings=self.warnings)
        return BuildResult(tree, self.preamble, self.placed)

    # --- headings -----------------------------------------------------------------------------

    def _heading(self, line: Line) -> None:
        """Open the node a heading names."""
        sibling = next((p for p in self.levels if p.level == line.level), None)
        inside = self.mode != "description" or (sibling is not None and sibling.in_section)
        label = self.mode if self.mode != "description" else (sibling.label if sibling else "")
        holder = self._open_section()
        node = self._coded(line) if line.code else self._placed(line)
        if node is not None:
            self.levels[-1].in_section = inside and node.kind in LOW_KINDS
            self.levels[-1].label = label if self.levels[-1].in_section else ""
            if holder is not None and node.kind in LOW_KINDS:
                self.itemized.add(id(holder))
            self.node, self.mode, self.initiative = node, "description", None
            self.marked = False

    def _open_section(self) -> Section | None:
        """Return the labelled section being read (施策の方向), whose items may become nodes;
        never a table or a diagram, whose emptiness is worth a warning of its own."""
        if self.node is None or self.mode == "description" or warns_when_empty(self.mode):
            return None
        return self.node.section(_SECTION_KEYS.get(self.mode, "description"))

    # --- sections and body text ---------------------------------------------------------------

    def _section(self, line: Line) -> None:
        """Start a section (現状と課題, めざす姿, 施策の方向, 主な取組, 成果指標 …).

        After the items of a list (施策の方向 (1), (2)) a new label is the measure's again; an
        indicator table or a project table goes up to the measure, and so does a label after
        the list's items that none of them had before (〔主な事業〕 after ア, イ).
        """
        if line.key == "indicators" or _projects(line) or self._after_items(line.key):
            self._close_items(table=True)
        self.labelled.setdefault(id(self._current()), set()).add(line.key)
        self.mode, self.initiative, self.marked = line.key, None, False
        self.inline = line.number
        if line.key == "initiatives":
            self.label = self._items_before(self._current())
        else:
            section = self._section_of(self._current(), line.number)
            if line.key == "indicators" and line.cells and not section.columns:
                section.columns = list(line.cells)

    def _after_items(self, key: str) -> bool:
        """Tell whether a label follows a list of items as their measure's: the open item is
        below the measure and not the first of its list, and no item before it had a label
        of this kind (a 主な取組 under each item is the items' own)."""
        if len(self.levels) < 2 or self.levels[-1].node.kind not in LOW_KINDS:
            return False
        item = self.levels[-1].node
        siblings = [c for c in self.levels[-2].node.children if c.kind == item.kind]
        before = list(itertools.takewhile(lambda c: c is not item, siblings))
        return 0 < len(before) < len(siblings) and not any(
            key in self.labelled.get(id(c), ()) for c in before
        )

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

    def _section_of(self, node: Node, number: int, mode: str = "") -> Section:
        """Return the node's section for the current mode (or ``mode``), creating it on first
        use."""
        key = _SECTION_KEYS.get(mode or self.mode, "description")
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
            if line.key == AIM:
                self.open = None  # the aim printed on its heading's line is a whole sentence

    def _bullet(self, line: Line, kind: BlockKind = "bullet") -> None:
        """Place a bullet: an action under 主な取組 or an initiative, a table row, else a bullet.

        A line that is an indicator row by its form (「名称：基準値 → 目標値」) goes to the node's
        indicator table even where no label opened one.  A plain paragraph after a list whose
        items are marked (・, ○) ends the list: it is the node's text (「成果指標は資料編に
        掲載しています。」), not one more action.
        """
        if self.mode != "indicators" and is_kpi_line(line.text):
            self._block(line, "row", line.raw, "indicators")
        elif is_project_row(line):
            self._project(line)
        elif self.mode == "initiatives" and kind == "paragraph" and self.marked:
            self.mode, self.initiative = "description", None  # the marked list has ended
            self._block(line, kind, line.text)
        elif self.mode == "initiatives" or (kind == "bullet" and self._item_of_initiative(line)):
            self._action(line)
        elif self.mode == "indicators" and kind == "bullet" and _ROW_SIGN.search(line.text):
            self._block(line, "row", line.raw)
        else:
            self._block(line, kind, line.text)

    def _item_of_initiative(self, line: Line) -> bool:
        """Tell whether a list item under an initiative read as a heading is one of its actions:
        a name, not a sentence (「・…を広げます。」 under 「（１）…」 is the initiative's text)."""
        listed = bool(self.levels) and self.levels[-1].label == "initiatives"
        return self._under_initiative() and (listed or not line.text.endswith("。"))

    def _block(self, line: Line, kind: BlockKind, text: str, mode: str = "") -> None:
        """Add a block to the current section (or the section of ``mode``), keeping it open if
        its sentence is cut."""
        block = Block(kind=kind, text=text)
        self._section_of(self._current(), line.number, mode).blocks.append(block)
        self.notes.add(block)
        if kind in ("bullet", "row"):
            self.block_lines[id(block)] = line.number
        if kind in ("paragraph", "bullet"):
            self._keep_open(OpenText(block, "text"))

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

    def _close_open(self) -> None:
        """Forget the open text; a list that ended on 「、」 loses it."""
        if self.open is not None and self.open.listed and isinstance(self.open.target, Node):
            self.open.target.title = self.open.target.title.rstrip("、")
        self.open = self.resume = None

    def _continue(self, line: Line) -> None:
        """Join a plain line to the open text: a page or line break had cut the sentence."""
        assert self.open is not None  # feed() only calls this with an open text
        if self.open.listed:
            self._continue_items(line)
        elif self.open.append(line.text):
            self.open, self.resume = self.resume, None

    def _footnote(self, line: Line) -> None:
        """Queue a footnote; body text it interrupted at a page foot stays open."""
        note = Footnote(term=line.key, text=line.text)
        self.notes.defer(note, line.number, self._current())
        body = self.resume if self.open is not None and self.open.is_note else self.open
        if ends_sentence(note.text):
            self.open, self.resume = body, None
        else:
            self.open, self.resume = OpenText(note, "text", is_note=True), body

    # --- end of document ----------------------------------------------------------------------

    def _unplaced(self) -> list[Problem]:
        """Return the lines of a document in which no heading was found, or the whole file."""
        lines = [p for p in self.preamble if p.raw.strip()]
        if not lines:
            return [Problem(0, "計画の見出しがない文書", NEED_HEADING + "。" + PROFILE_HINT)]
        return [Problem(p.number, p.raw, NEED_HEADING, p.page) for p in lines]


def _table_text(text: str) -> bool:
    """Tell whether a plain line under an indicator label is table text, not a sentence."""
    return not text.endswith("。") or "※" in text[:2]


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
