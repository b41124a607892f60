"""Where a heading's node goes: its code, its parent and the warnings a misplaced code gives.

A heading whose numbers are a whole code (2-1-3) goes where its code says, wherever it appears,
and a parent that the document never names is created with an unknown title (never an invented
one); other headings go under the nearest open heading of a higher level and get a code from
their place (parent's code, a dash, their own number).  :class:`HeadingTree` keeps the open
headings by level; the plan builder adds the body text on top of it.
"""

from __future__ import annotations

from dataclasses import dataclass

from shisaku.domain.plandoc_errors import Problem
from shisaku.domain.plandoc_headtitles import HeadTitles
from shisaku.domain.plandoc_lines import Line
from shisaku.domain.plandoc_notes import NoteIndex
from shisaku.domain.plandoc_profile import KINDS_BY_DEPTH
from shisaku.domain.plandoc_text import match_key
from shisaku.domain.plantree import Node, NodeKind, Warning

KIND_JA: dict[str, str] = {
    "field": "政策分野",
    "policy": "政策",
    "measure": "施策",
    "initiative": "主な取組のまとまり",
    "action": "取組",
}
LOW_KINDS = frozenset({"initiative", "action"})


@dataclass
class Placed:
    """A node the builder made, with its level and the line that named it."""

    node: Node
    level: int
    line: int
    in_section: bool = False  # it was named inside a section of its parent (施策の方向 (1) …)
    label: str = ""  # the key of that section (direction, initiatives), or ""
    printed: str = ""  # the code the document prints for it (its node code may differ)


class HeadingTree:
    """The nodes made so far, by code and by open level, with the line that named each."""

    def __init__(self, source: str, kinds_by_level: dict[int, str] | None = None) -> None:
        self.source = source
        self.kinds_by_level = kinds_by_level or {}
        self.roots: list[Node] = []
        self.codes: dict[str, Placed] = {}  # code → node, level and the line naming it
        self.printed: dict[str, Placed] = {}  # code as printed → the node it names
        self.levels: list[Placed] = []  # the open headings, by level
        self.node: Node | None = None  # the current heading's node
        self.notes = NoteIndex()
        self.untitled: list[tuple[Node, int]] = []
        self.warnings: list[Warning] = []
        self.problems: list[Problem] = []
        self.placed: list[tuple[int, str]] = []  # (line, code) of each node, in order
        self.head_titles = HeadTitles()  # titles the running heads give implied parents

    def _coded(self, line: Line) -> Node | None:
        """Create (or find again) the node of a heading whose numbers are its code."""
        known = self.printed.get(line.code)
        if known is not None:
            return self._again(known, line)
        parent = self._code_parent(line)
        node = self._new(self._node_code(parent, line), line.node_kind, line.text, line.number)
        self._attach(parent, node, line.level, line.number)
        self._print(line.code)
        return node

    def _node_code(self, parent: Node | None, line: Line) -> str:
        """Return the node code of a heading that prints ``line.code``: the code itself, or,
        for the root of the codes nested under a level of its own (「1.」 under 「基本施策1」,
        each numbering from 1), the code under its parent's (1-(1)); never one in use."""
        nested = parent is not None and "-" not in line.code
        code = f"{parent.code}-({line.code})" if parent is not None and nested else line.code
        if code not in self.codes:
            return code
        siblings = parent.children if parent else self.roots
        number = len(siblings) + 1
        while (code := self._joined(parent, number, False)) in self.codes:
            number += 1
        message = f"{line.code} {line.text} のコードは使用済みのため、コード {code} としました。"
        self.warnings.append(Warning(line.number, "renumbered", message))
        return code

    def _print(self, code: str) -> None:
        """Record the heading just attached as the one printing ``code``."""
        self.levels[-1].printed = code
        self.printed[code] = self.levels[-1]

    def _again(self, known: Placed, line: Line) -> Node | None:
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

    def _reopen(self, placed: Placed) -> None:
        """Make ``placed`` the open heading of its level again."""
        self.levels = [p for p in self.levels if p.level < placed.level] + [placed]

    def _code_parent(self, line: Line) -> Node | None:
        """Return the parent a code names, creating unnamed ancestors with unknown titles; the
        root of the codes goes under the open heading of a higher level, if any."""
        parent_code = line.code.rpartition("-")[0]
        if not parent_code:
            open_above = [p for p in self.levels if p.level < line.level]
            return open_above[-1].node if open_above else None
        known = self._known(parent_code)
        if known is None:
            return self._implied(parent_code, line.level - 1, line.number)
        current = self.levels[-1] if self.levels else None
        printed = (current.printed or current.node.code) if current is not None else ""
        if current is not None and not (printed + "-").startswith(parent_code + "-"):
            message = (
                f"{line.code} は {printed} の後にありますが、"
                f"コードに従い {parent_code} の下に置きました。"
            )
            self.warnings.append(Warning(line.number, "out_of_order", message))
        return known.node

    def _implied(self, code: str, level: int, number: int) -> Node:
        """Create a node the document implies but never names in its text: titled as a
        running head prints it after its numbering (基本目標１ …), else unknown."""
        parent_code = code.rpartition("-")[0]
        parent = self._implied_parent(parent_code, level - 1, number) if parent_code else None
        kind = self.kinds_by_level.get(level) or KINDS_BY_DEPTH[min(code.count("-"), 2)]
        node = self._new(code, kind, self.head_titles.title(code, number), number)
        self._attach(parent, node, level, number)
        self._print(code)
        return node

    def _implied_parent(self, code: str, level: int, number: int) -> Node:
        """Return the node of ``code``, implying it when it was never named."""
        known = self._known(code)
        return known.node if known is not None else self._implied(code, level, number)

    def _known(self, code: str) -> Placed | None:
        """Return the heading a code names: printed so, or given that code by its place
        (「1 くらし」 read before 「1-1-1 …」 is the 1 it implies)."""
        return self.printed.get(code) or self.codes.get(code)

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
        low = line.node_kind in LOW_KINDS and parent is not None
        number = line.numbers[-1] if line.numbers else len(siblings) + 1
        code = self._joined(parent, number, low)
        taken = {c.code for c in siblings}  # with groups the body text made (主な取組 lists)
        while code in self.codes or code in taken:  # numbering restarting (a new page)
            number = max(number, len(siblings)) + 1
            code = self._joined(parent, number, low)
            message = f"{line.text} の番号が同じ階層で重なるため、コード {code} としました。"
            self.warnings.append(Warning(line.number, "renumbered", message))
        return code

    def _free_child(self, owner: Node, number: int) -> str:
        """Return the code of a group or item below ``owner`` (2-1-1.3), its ``number`` or
        the next one that no heading or group below it has taken yet."""
        taken = {c.code for c in owner.children}
        while (code := f"{owner.code}.{number}") in taken or code in self.codes:
            number += 1
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
        placed = Placed(node, level, number)
        self.codes[node.code] = placed
        self.levels = [p for p in self.levels if p.level < level] + [placed]
        if node.kind in LOW_KINDS:
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

    def _report_untitled(self) -> None:
        """Warn for every node whose title the document never gave."""
        for node, number in self.untitled:
            if not node.title_known:
                kind = KIND_JA[node.kind]
                message = f"{kind} {node.code} の見出しが文書にないため、名称は不明です。"
                self.warnings.append(Warning(number, "unknown_title", message))

    def _current(self) -> Node:
        """Return the current node (feed() sets lines before the first heading aside)."""
        assert self.node is not None
        return self.node


def _kind(kind: str) -> NodeKind:
    """Return ``kind`` as a node kind (the layout only gives the five kinds)."""
    assert kind in KINDS_BY_DEPTH, kind
    return kind  # type: ignore[return-value]
