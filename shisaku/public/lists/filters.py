"""Filters on a plan's list of measures and list of indicators, read from the query string.

``?part=1-1&department=福祉課&grade=B&status=on_track&sdg=4&q=相談`` keeps the rows that are in
that field or policy (``part``: the code of either), belong to that department (担当課),
have that grade in the assessed year (a measure: any of its indicators), whose measure has
that status (:mod:`shisaku.domain.measure_status`), whose measure serves that SDG goal (any of
its targets; :mod:`shisaku.plan.sdgs`) and whose code or name holds every word of
``q`` (NFKC, case folded, both languages).  An empty parameter is no filter.  A value the plan
does not have is a :class:`~shisaku.public.params.BadParameter` naming what would be accepted
(a 400 page), never an empty list nor a 500.

Rows are built from what :class:`~shisaku.evaluation.reads.Reads` keeps for the plan (tree,
grades, published evaluations), so filtering adds only a walk over the kept data.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field, fields
from typing import TypeVar
from urllib.parse import urlencode

from django.http import HttpRequest
from django.utils.translation import get_language, gettext

from shisaku.domain.measure_status import STATUSES
from shisaku.domain.plantree import Node
from shisaku.domain.sdgs import goals as sdg_goals
from shisaku.indicators.assessing import PlanAssessment
from shisaku.public import display
from shisaku.public.indicators import summaries
from shisaku.public.params import BadParameter
from shisaku.public.progress import STATUS_LABELS, MeasureRow

NONE: frozenset[str] = frozenset()
MAX_TEXT = 100  # the longest ?q= accepted, as in the site search
PART_KINDS = frozenset({"field", "policy"})


@dataclass(frozen=True)
class Filters:
    """What a list was asked to keep ("" for a filter not used)."""

    part: str = ""
    department: str = ""
    grade: str = ""
    status: str = ""
    sdg: str = ""
    q: str = ""

    @property
    def active(self) -> bool:
        """Tell whether any filter is used."""
        return any(getattr(self, f.name) for f in fields(self))

    def query(self, **extra: str) -> str:
        """Return the filters (and ``extra``) as a query string, "?…", or "" when none is used."""
        asked = {f.name: getattr(self, f.name) for f in fields(self)} | extra
        kept = {k: v for k, v in asked.items() if v}
        return f"?{urlencode(kept)}" if kept else ""


@dataclass(frozen=True)
class Choice:
    """One option of a filter: the value sent and the label shown."""

    value: str
    label: str
    depth: int = 0  # 1 for a policy under its field


@dataclass(frozen=True)
class Options:
    """What each filter of a plan's lists accepts."""

    parts: list[Choice]
    departments: list[str]
    grades: list[str]
    goals: list[Choice] = field(default_factory=list)  # the SDG goals the plan's measures serve

    @property
    def statuses(self) -> list[Choice]:
        """Return the statuses in their order, labelled in the active language."""
        return [Choice(s, str(STATUS_LABELS[s])) for s in STATUSES]


@dataclass(frozen=True)
class Facets:
    """What one row is filtered by."""

    parts: frozenset[str]  # the codes of the nodes above it and its own
    department: str
    grades: frozenset[str]
    status: str  # "" when the row belongs to no measure
    words: str  # its code and names, folded
    goals: frozenset[str] = frozenset()  # the SDG goals its measure serves ("4", "11")


# --- the plan's tree --------------------------------------------------------------------------


def walk(
    nodes: list[Node], above: tuple[Node, ...] = ()
) -> Iterator[tuple[Node, tuple[Node, ...]]]:
    """Yield every node with the nodes above it, in document order."""
    for node in nodes:
        yield node, above
        yield from walk(node.children, (*above, node))


def part_choices(nodes: list[Node]) -> list[Choice]:
    """Return the fields and policies of a plan, in document order, labelled."""
    return [
        Choice(n.code, f"{n.code} {display.node_title_plain(n)}", 0 if n.kind == "field" else 1)
        for n, _ in walk(nodes)
        if n.kind in PART_KINDS
    ]


def department_of(node: Node, above: tuple[Node, ...]) -> str:
    """Return the department of a node: its own, else the nearest one set above it."""
    for n in (node, *reversed(above)):
        if n.department:
            return n.department
    return ""


def fold(text: str) -> str:
    """Return text as the filters compare it: NFKC, lower case."""
    return unicodedata.normalize("NFKC", text).lower()


# --- reading the query string -----------------------------------------------------------------


def options(
    nodes: list[Node],
    done: PlanAssessment,
    departments: Sequence[str],
    goals: Sequence[str] = (),
) -> Options:
    """Return what the filters of a plan accept (``departments``, ``goals``: the rows' own)."""
    found = sorted({d for d in departments if d})
    offered = [Choice(g, sdg_label(int(g))) for g in sorted(set(goals), key=int)]
    return Options(part_choices(nodes), found, list(done.config.scale.grades()), offered)


def sdg_label(number: int) -> str:
    """Return "4 質の高い教育をみんなに" in the active language."""
    return f"{number} {sdg_goals()[number].name(get_language() or 'ja')}"


def _one_of(request: HttpRequest, name: str, accepted: Sequence[str], what: str) -> str:
    """Return the value of ``?name=`` if it is one of ``accepted`` ("" when absent), or raise."""
    raw = request.GET.get(name, "").strip()
    if raw and raw not in accepted:
        message = gettext("“%(value)s” is not a %(what)s of this plan. Accepted: %(accepted)s.")
        listed = ", ".join(accepted) if accepted else gettext("none")
        raise BadParameter(name, raw, message % {"value": raw, "what": what, "accepted": listed})
    return raw


def read_filters(request: HttpRequest, offered: Options) -> Filters:
    """Return the filters asked for in the query string, or raise BadParameter."""
    text = unicodedata.normalize("NFKC", request.GET.get("q", "")).strip()
    if len(text) > MAX_TEXT:
        message = gettext("The search words are too long: use at most %(most)s characters.")
        raise BadParameter("q", text, message % {"most": MAX_TEXT})
    return Filters(
        part=_one_of(request, "part", [c.value for c in offered.parts], gettext("field or policy")),
        department=_one_of(request, "department", offered.departments, gettext("department")),
        grade=_one_of(request, "grade", offered.grades, gettext("grade")),
        status=_one_of(request, "status", STATUSES, gettext("status")),
        sdg=_one_of(request, "sdg", [c.value for c in offered.goals], gettext("SDG goal")),
        q=text,
    )


def keeps(facets: Facets, asked: Filters) -> bool:
    """Tell whether a row with ``facets`` passes every filter used."""
    return (
        (not asked.part or asked.part in facets.parts)
        and (not asked.department or asked.department == facets.department)
        and (not asked.grade or asked.grade in facets.grades)
        and (not asked.status or asked.status == facets.status)
        and (not asked.sdg or asked.sdg in facets.goals)
        and all(word in facets.words for word in fold(asked.q).split())
    )


# --- the rows of the two lists ----------------------------------------------------------------


@dataclass(frozen=True)
class MeasureEntry:
    """A measure in the filtered list: its status row and what it is filtered by."""

    row: MeasureRow
    facets: Facets

    @property
    def department(self) -> str:
        """Return its department (its own, else the nearest set above it)."""
        return self.facets.department

    @property
    def grades(self) -> str:
        """Return the grades of its indicators, in order, or "" when it has none."""
        return " ".join(sorted(self.facets.grades))


@dataclass(frozen=True)
class IndicatorEntry:
    """An indicator in the filtered list: its summary row and what it is filtered by."""

    row: summaries.IndicatorRow
    facets: Facets


def measure_entries(
    nodes: list[Node],
    done: PlanAssessment,
    rows: list[MeasureRow],
    goals: Mapping[str, frozenset[str]] | None = None,
) -> list[MeasureEntry]:
    """Return every measure with its facets (``rows``: the measures' status rows; ``goals``:
    the SDG goals of each measure, by code)."""
    served = goals or {}
    placed = {n.code: above for n, above in walk(nodes)}
    graded = _grades_by_node(done)
    out = []
    for row in rows:
        above, node = placed[row.node.code], row.node
        below = {n.code for n, _ in walk([node])}
        department = department_of(node, above)
        found = frozenset(g for code in below for g in graded.get(code, ()))
        words = fold(" ".join((node.code, node.title, node.title_en)))
        parts = frozenset(n.code for n in (*above, node))
        facets = Facets(parts, department, found, row.status, words, served.get(node.code, NONE))
        out.append(MeasureEntry(row, facets))
    return out


def _grades_by_node(done: PlanAssessment) -> dict[str, list[str]]:
    """Return the grades of the indicators attached to each node, by node code."""
    found: dict[str, list[str]] = {}
    for r in done.results:
        found.setdefault(r.indicator.node_code, []).append(r.assessment.grade)
    return found


def indicator_entries(
    nodes: list[Node],
    done: PlanAssessment,
    rows: list[summaries.IndicatorRow],
    measures: list[MeasureRow],
    goals: Mapping[str, frozenset[str]] | None = None,
) -> list[IndicatorEntry]:
    """Return every indicator with its facets: the place, department, status and SDG goals of
    its node's measure."""
    placed = {n.code: (n, above) for n, above in walk(nodes)}
    served = goals or {}
    status = {m.node.code: m.status for m in measures}
    out = []
    for row in rows:
        view = row.view
        node, above = placed.get(view.node_code, (None, ()))
        chain = (*above, node) if node is not None else ()
        owner = next((n.code for n in chain if n.kind == "measure"), "")
        department = view.department or (department_of(node, above) if node else "")
        words = fold(" ".join((view.code, view.name_ja, view.name_en)))
        facets = Facets(
            frozenset(n.code for n in chain),
            department,
            frozenset({row.result.assessment.grade}),
            status.get(owner, ""),
            words,
            served.get(owner, NONE),
        )
        out.append(IndicatorEntry(row, facets))
    return out


E = TypeVar("E", MeasureEntry, IndicatorEntry)


def chosen(entries: Sequence[E], asked: Filters) -> list[E]:
    """Return the entries that pass every filter used, in their order."""
    return [e for e in entries if keeps(e.facets, asked)]
