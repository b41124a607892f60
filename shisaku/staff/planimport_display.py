"""What the plan import page shows of a reading: the tree, the indicator rows, each line's role.

Plain data for the templates, with every label an English msgid of the staff catalogue; the
texts of the document (titles, lines, the reader's own messages) are shown as written.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from shisaku.domain.docindicators import DocFigure, DocIndicator
from shisaku.domain.plandoc import LineRole
from shisaku.domain.plandoc_prepare import REASONS_JA
from shisaku.domain.plantree import NODE_KINDS, Node, PlanTree, count_kinds, walk
from shisaku.plan.node_labels import unknown_title
from shisaku.staff.display import NODE_KINDS as KINDS
from shisaku.staff.display import SECTIONS, period_text_label

ROLES: dict[str, Promise] = {
    "heading": gettext_lazy("Heading"),
    "section": gettext_lazy("Section heading"),
    "group": gettext_lazy("Group heading"),
    "bullet": gettext_lazy("List item"),
    "footnote": gettext_lazy("Note"),
    "row": gettext_lazy("Indicator row"),
    "header": gettext_lazy("Table header"),
    "department": gettext_lazy("Responsible department"),
    "label": gettext_lazy("Label"),
    "text": gettext_lazy("Text"),
    "dropped": gettext_lazy("Left out"),
}
REASONS: dict[str, Promise] = {
    "page_number": gettext_lazy("Page number"),
    "contents": gettext_lazy("Table of contents"),
    "running_head": gettext_lazy("Running head printed on every page"),
    "navigation": gettext_lazy("Web page or e-book navigation"),
    "legend": gettext_lazy("Legend"),
    "profile": gettext_lazy("Left out by the profile"),
    "repeat": gettext_lazy("Heading repeated at the top of a page"),
    "preamble": gettext_lazy("Before the first heading (cover, title)"),
    "symbols": gettext_lazy("Symbols only"),
    "layout": gettext_lazy("Description of the layout for screen readers"),
    "container": gettext_lazy("Part or chapter of the document (outside the plan's levels)"),
    "listing": gettext_lazy("List of headings (a diagram; the headings come again with text)"),
}
SECTION_KEYS: dict[str, Promise] = {
    **SECTIONS,
    "vision": gettext_lazy("Vision"),
    "initiatives": gettext_lazy("Main initiatives"),
}
_REASON_KEYS = {text: key for key, text in REASONS_JA.items()}
_HEADING = re.compile(r"(\d+) 階層 (\w+)\s*(.*)")


@dataclass(frozen=True)
class IndicatorRow:
    """An indicator row as read: baseline → target, each with its period or why none."""

    code: str
    name: str  # with its unit
    baseline: str
    target: str


@dataclass(frozen=True)
class TreeItem:
    """A node of the tree read, with its indicator rows and children."""

    code: str
    title: str
    kind: str
    indicators: list[IndicatorRow] = field(default_factory=list)
    children: list[TreeItem] = field(default_factory=list)


@dataclass(frozen=True)
class LineRow:
    """One line of the document beside what it became."""

    line: int
    page: int
    text: str
    role: str
    detail: str
    dropped: bool
    first_on_page: bool  # the first line shown of its page (a PDF's page links to its image)


def figure_text(figure: DocFigure | None) -> str:
    """Return a figure as read: its value and period, or that it is missing or unread."""
    if figure is None:
        return "—"
    if figure.reading is None:
        return _("“%(raw)s” (kept as written: it cannot be read)") % {"raw": figure.raw}
    period = period_text_label(figure.period) if figure.period else _("no date stated")
    return _("%(value)s (%(period)s)") % {"value": figure.shown(), "period": period}


def indicator_row(row: DocIndicator) -> IndicatorRow:
    """Return an indicator row for the page."""
    name = _("%(name)s [%(unit)s]") % {"name": row.name, "unit": row.unit} if row.unit else row.name
    return IndicatorRow(row.code, name, figure_text(row.baseline), figure_text(row.target))


def tree(nodes: list[Node]) -> list[TreeItem]:
    """Return the tree read, for the page."""
    return [
        TreeItem(
            node.code,
            node.title if node.title_known else unknown_title(node.kind),
            str(KINDS.get(node.kind, node.kind)),
            [indicator_row(i) for i in node.indicators],
            tree(node.children),
        )
        for node in nodes
    ]


def counts(nodes: list[Node]) -> list[tuple[str, int]]:
    """Return the number of nodes of each kind, with the kind's label."""
    found = count_kinds(PlanTree(nodes=nodes))
    return [(str(KINDS[kind]), found[kind]) for kind in NODE_KINDS]


def indicator_count(nodes: list[Node]) -> int:
    """Return the number of indicator rows read."""
    return sum(len(node.indicators) for node in walk(nodes))


def _detail(role: LineRole) -> str:
    """Return what a line became, in words."""
    if role.role == "dropped":
        key = _REASON_KEYS.get(role.detail)
        return str(REASONS[key]) if key in REASONS else role.detail
    if role.role == "section":
        return str(SECTION_KEYS.get(role.detail, role.detail))
    match = _HEADING.fullmatch(role.detail) if role.role == "heading" else None
    if match:
        level, kind, codes = match.groups()
        words = {"level": level, "kind": KINDS.get(kind, kind), "codes": codes}
        return _("level %(level)s, %(kind)s %(codes)s") % words
    return role.detail


def line_rows(lines: list[LineRole]) -> list[LineRow]:
    """Return every line of the document beside what it became."""
    seen: set[int] = set()
    rows = []
    for r in lines:
        first = bool(r.page) and r.page not in seen
        seen.add(r.page)
        role = str(ROLES.get(r.role, r.role))
        rows.append(LineRow(r.line, r.page, r.text, role, _detail(r), r.role == "dropped", first))
    return rows
