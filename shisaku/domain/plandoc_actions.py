"""The lists of a measure: its initiatives (主な取組のまとまり) and their actions.

Under a 主な取組 label (or an initiative read as a heading), list items become actions of the
current initiative, an untitled one when the list has no group.  Actions run together on one
line after their label, or three names or more separated by 「、」, are one action each, a name
wrapped onto the next line rejoined.  A 主な取組 side label that the text gives after its list
takes the list items just above it when no action follows it.  :class:`ActionLists` holds that
state for the plan builder (:mod:`~shisaku.domain.plandoc_build`), which routes lines to it.
"""

from __future__ import annotations

from dataclasses import dataclass

from shisaku.domain.plandoc_headings import HeadingTree
from shisaku.domain.plandoc_items import lists_items, split_items
from shisaku.domain.plandoc_lines import Line, ends_sentence
from shisaku.domain.plantree import Block, BlockKind, Footnote, Node, Section


@dataclass
class OpenText:
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
class ListLabel:
    """A 主な取組 label not yet followed by any action: a side label printed beside its list
    comes after it in the text, so the list items just before it may be its actions."""

    owner: Node
    section: Section | None
    start: int  # the first of the list items that end the section


# How a line under a project is kept in its text: a schedule's rows as rows, its label as a
# sub-heading, anything else as a paragraph.
_DESCRIBED: dict[str, BlockKind] = {"row": "row", "header": "row", "label": "subheading"}


class ActionLists(HeadingTree):
    """The initiatives and actions being read, and the text a line break left open."""

    def __init__(self, source: str, kinds_by_level: dict[int, str] | None = None) -> None:
        super().__init__(source, kinds_by_level)
        self.mode = "description"  # a section key, or "initiatives" under 主な取組
        self.initiative: Node | None = None
        self.inline = 0  # the line whose 主な取組 label has its actions after it on the line
        self.label: ListLabel | None = None
        self.block_lines: dict[int, int] = {}  # id of a list item or table row block → its line
        self.open: OpenText | None = None
        self.project: Node | None = None  # the action of a project row, which the text under it
        # describes
        self.marked = False  # the list being read has items marked as such (・ ○ -)

    def _items_before(self, owner: Node) -> ListLabel:
        """Return the label just read, with the list items that end the text before it (never
        a labelled section's: those are its own)."""
        section = next((s for s in reversed(owner.sections) if s.blocks), None)
        if section is not None and section.key != "description":
            section = None
        blocks = section.blocks if section is not None else []
        start = len(blocks)
        while start and blocks[start - 1].kind == "bullet":
            start -= 1
        return ListLabel(owner, section, start)

    def _take_items_before(self) -> None:
        """Make the list items before a 主な取組 label that no action followed its actions."""
        label, self.label = self.label, None
        assert label is not None
        if label.section is None or label.start == len(label.section.blocks):
            return
        items = label.section.blocks[label.start :]
        del label.section.blocks[label.start :]
        group = self._initiative(label.owner, "", self.block_lines[id(items[0])])
        for block in items:
            node = self._add_action(group, block.text, self.block_lines[id(block)])
            node.footnotes = block.footnotes
            self.notes.replace(block, node)

    def _initiative(self, owner: Node, title: str, number: int) -> Node:
        """Create the next initiative group of ``owner`` (code 2-1-1.1, 2-1-1.2, …)."""
        self.label = None
        n = sum(c.kind == "initiative" for c in owner.children) + 1
        code = self._free_child(owner, n)
        node = Node(kind="initiative", code=code, title=title, title_known=bool(title))
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
        self.marked = self.marked or line.kind == "bullet"
        for title in split_items(line.text) if listed else [line.text]:
            node = self._add_action(group, title, line.number)
        self._keep_open(OpenText(node, "title", listed=listed))

    def _project(self, line: Line) -> None:
        """Create the action of a project row (plandoc_projects), its cells (a budget a year,
        the department) kept as its text; the lines under it describe it."""
        group = self.initiative or self._initiative(self._current(), "", line.number)
        node = self._add_action(group, line.text, line.number)
        node.sections.append(Section(key="description"))
        if line.cells:
            row = Block(kind="row", text="\t".join(line.cells))
            node.sections[0].blocks.append(row)
            self.block_lines[id(row)] = line.number
        self.project = node

    def _describe_project(self, line: Line) -> None:
        """Add a line under a project to its action's text: a paragraph, a row of its schedule
        (年次計画) or its label, or the department it names (所管課)."""
        project = self.project
        assert project is not None
        if line.kind == "department" and not project.department:
            project.department = line.text
            return
        kind = _DESCRIBED.get(line.kind, "paragraph")
        block = Block(kind=kind, text=line.raw if kind == "row" else line.text)
        project.sections[0].blocks.append(block)
        self.notes.add(block)
        if kind == "paragraph":
            self._keep_open(OpenText(block, "text"))

    def _add_action(self, group: Node, title: str, number: int) -> Node:
        """Append an action titled ``title`` to ``group``."""
        self.label = None
        code = self._free_child(group, len(group.children) + 1)
        node = Node(kind="action", code=code, title=title)
        group.children.append(node)
        self.placed.append((number, code))
        self.notes.add(node)
        return node

    def _keep_open(self, text: OpenText) -> None:
        """Remember ``text`` as open when its sentence is not finished."""
        self.open = None if ends_sentence(getattr(text.target, text.attr)) else text

    def _continue_items(self, line: Line) -> None:
        """Continue actions run together: the line ends the open name and may add more."""
        assert self.open is not None and isinstance(self.open.target, Node) and self.initiative
        node = self.open.target
        first, *more = split_items(node.title + line.text)
        node.title = first
        for title in more:
            node = self._add_action(self.initiative, title, line.number)
        self._keep_open(OpenText(node, "title", listed=True))
