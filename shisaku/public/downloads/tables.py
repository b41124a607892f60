"""The main table of each page as a download (CSV, xlsx): the same reads as the page.

Columns (stable identifiers, the same in both languages; see docs/public-site.md):

- home and municipality: one row per published plan (:data:`PLAN_COLUMNS`);
- plan: the node outline, every node in document order (:data:`OUTLINE_COLUMNS`);
- node pages and the indicator list: one row per indicator with its baseline, final target,
  latest actual and grade, its unit in English last (:data:`SUMMARY_COLUMNS`);
- indicator page: every current figure (:data:`FIGURE_COLUMNS`).

Values appear twice where they are numbers: ``*_value`` (a plain number, empty when the cell
holds none) beside ``*_as_written`` (the source's own text, 「約2,600名」).
"""

from __future__ import annotations

import functools
import weakref
from collections.abc import Iterator
from decimal import Decimal

from django.http import HttpRequest
from django.utils import translation
from django.utils.translation import gettext

from shisaku.domain.plantree import Node
from shisaku.evaluation.reads import Reads
from shisaku.indicators.assessing import PlanAssessment
from shisaku.indicators.queries import FigureView, IndicatorView
from shisaku.plan.queries import NotFound, PlanInfo
from shisaku.public import display, links, tree
from shisaku.public.downloads.files import Table
from shisaku.public.indicators import selection, summaries
from shisaku.public.indicators.graded import Graded
from shisaku.public.places import Place, Plan, Town
from shisaku.tabular.contracts import header

# The downloads' columns are the tables' contracts (shisaku/tabular/site_tables.py), the source
# of their published Table Schemas.
PLAN_COLUMNS = header("plans")
OUTLINE_COLUMNS = header("outline")
SUMMARY_COLUMNS = header("indicator-summary")
FIGURE_COLUMNS = header("figures")


def decimal_text(value: Decimal | None) -> str:
    """Return a number as plain text without exponent or trailing zeros (empty for none).

    A number whose own text has no exponent and no more digits than the context's precision
    (28) is that text without the zeros after its point, as normalizing it would give, only
    faster; any other is normalized."""
    if value is None:
        return ""
    text = str(value)
    if "E" in text or len(text) > 28 or not value.is_finite():
        text = format(value.normalize(), "f")
    elif "." in text:
        text = text.rstrip("0").rstrip(".")
    return "0" if text == "-0" else text


def plan_stem(plan: PlanInfo) -> str:
    """Return the start of a plan's file names: 022012-2019-2023."""
    return f"{plan.municipality_code}-{plan.meta.slug}"


def _plan_row(request: HttpRequest, plan: PlanInfo) -> list[str]:
    """Return one published plan as a row of :data:`PLAN_COLUMNS`."""
    meta = plan.meta
    return [
        plan.municipality_code,
        plan.municipality_name_ja,
        plan.municipality_name_en,
        meta.slug,
        meta.title,
        meta.title_en,
        str(meta.period_start),
        str(meta.period_end),
        request.build_absolute_uri(links.plan_url(plan)),
    ]


def home_table(request: HttpRequest, reads: Reads) -> Table:
    """Return every published plan of every municipality."""
    rows = [_plan_row(request, p) for t in reads.towns() for p in t.plans]
    return Table("shisaku-plans", "plans", PLAN_COLUMNS, rows)


def municipality_table(request: HttpRequest, here: Town) -> Table:
    """Return the published plans of a municipality."""
    rows = [_plan_row(request, p) for p in here.town.plans]
    return Table(f"{here.town.code}-plans", "plans", PLAN_COLUMNS, rows)


def _outline(nodes: list[Node], parent: str) -> Iterator[tuple[Node, str]]:
    """Yield every node with its parent's code, in document order."""
    for node in nodes:
        yield node, parent
        yield from _outline(node.children, node.code)


def plan_table(request: HttpRequest, here: Plan) -> Table:
    """Return the plan's outline: every node's code, kind and titles."""
    info = here.plan
    code, slug = info.municipality_code, info.meta.slug
    rows = [
        [code, slug, n.code, n.kind, up, n.title, n.title_en]
        for n, up in _outline(here.reads.nodes(info), "")
    ]
    return Table(plan_stem(info), "outline", OUTLINE_COLUMNS, rows)


def _figure_cells(f: FigureView | None) -> list[str]:
    """Return a figure's period, number and text as written (empty when there is none)."""
    if f is None:
        return ["", "", ""]
    return [f.period, decimal_text(f.value), f.raw]


def summary_rows(
    request: HttpRequest, plan: PlanInfo, done: PlanAssessment, rows: list[summaries.IndicatorRow]
) -> list[list[str]]:
    """Return indicator summary rows as :data:`SUMMARY_COLUMNS`."""
    return [
        [
            plan.municipality_code,
            plan.meta.slug,
            r.view.code,
            r.view.node_code,
            r.view.name_ja,
            r.view.name_en,
            r.view.unit,
            r.view.direction,
            *_figure_cells(r.baseline),
            *_figure_cells(r.target),
            *_figure_cells(r.latest),
            str(done.year),
            r.result.assessment.grade,
            r.result.assessment.label,
            request.build_absolute_uri(r.url),
            r.view.unit_en,
        ]
        for r in rows
    ]


def node_table(request: HttpRequest, here: Place) -> Table:
    """Return the indicators a node's page lists, with their key figures and grades."""
    reads, info, path = here.reads, here.plan, here.path
    node_code = path[-1].code
    if not tree.has_own_page(path[-1]):
        raise NotFound(f"node {node_code} has no page of its own in plan {info.meta.slug}")
    done = reads.assessment(info)
    rows = summaries.rows_for(info, done, summaries.page_codes(path[-1]))
    name = f"{plan_stem(info)}-{node_code}"
    found = summary_rows(request, info, done, rows)
    empty = gettext("No indicator is attached to this part of the plan.")
    return Table(name, "indicators", SUMMARY_COLUMNS, found, empty)


def indicator_table(request: HttpRequest, g: Graded) -> Table:
    """Return every current figure of an indicator, as its page tables them."""
    view = g.result.indicator
    rows = _FIGURE_ROWS(view, g.plan.municipality_code, g.plan.meta.slug)
    name = f"{plan_stem(g.plan)}-indicator-{view.code}"
    return Table(name, "figures", FIGURE_COLUMNS, rows, about=indicator_about(view))


def _figure_rows(view: IndicatorView, code: str, slug: str) -> list[list[str]]:
    """Return an indicator's current figures as rows of :data:`FIGURE_COLUMNS`."""
    return [
        [
            code,
            slug,
            view.code,
            f.kind,
            f.period,
            str(f.period_start),
            str(f.period_end),
            f.breakdown,
            decimal_text(f.value),
            f.raw,
            f.unit,
            f.qualifier,
            f.label,
            f.note,
            f.source,
            str(f.revision),
        ]
        for f in selection.ordered(view.figures)
    ]


class _LastFigureRows:
    """The figure rows of the indicator tabled last, kept while its view lives: a page's CSV
    and its xlsx are the same table, asked for one after the other (and a view never
    changes); the rows are shared, read only."""

    def __init__(self) -> None:
        self._last: tuple[weakref.ref[IndicatorView], str, str, list[list[str]]] | None = None

    def __call__(self, view: IndicatorView, code: str, slug: str) -> list[list[str]]:
        """Return ``view``'s figure rows in the plan ``code``/``slug``."""
        last = self._last
        if last is not None and last[0]() is view and last[1:3] == (code, slug):
            return last[3]
        rows = _figure_rows(view, code, slug)
        self._last = (weakref.ref(view), code, slug, rows)
        return rows


_FIGURE_ROWS = _LastFigureRows()


def indicator_about(view: IndicatorView) -> tuple[tuple[str, str], ...]:
    """Return what a workbook's metadata sheet says of an indicator: name, definition, unit,
    source (each in the active language where it has one)."""
    language = links.language()  # read once (display.plain reads it for every text)
    indicator, definition, unit, source = _about_labels(language)
    if display.english_language(language):
        name, meaning, units = view.name_en, view.definition_en, view.unit_en
    else:
        name = meaning = units = ""
    return (
        (indicator, f"{view.code} {name or view.name_ja}"),
        (definition, meaning or view.definition_ja),
        (unit, units or view.unit),
        (source, view.source),
    )


@functools.lru_cache(maxsize=16)
def _about_labels(language: str | None) -> tuple[str, str, str, str]:
    """Return the labels of what a workbook says of an indicator, in ``language`` (looked up
    once per language: a publishing run writes an indicator's files in each)."""
    with translation.override(language):
        return gettext("Indicator"), gettext("Definition"), gettext("Unit"), gettext("Source")
