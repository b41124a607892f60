"""The dashboard of grades by policy: every field and policy of a plan with its grade counts.

For each row: the counts per grade (scale order, the missing grade last), the on-track share,
how many indicators have no actual for the year, and a small stacked bar of the counts (an SVG
labelled with the same counts in words).  Counts come from the roll-ups of
:func:`assess_plan`, so they match the grade counts on the policy pages; ``?year=`` picks the
year graded, as on the indicator pages.  Seven queries, whatever the plan's size.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext

from shisaku.domain.assessment_scales import fmt_percent
from shisaku.domain.plantree import Node
from shisaku.domain.rollup import RollUp, roll_up
from shisaku.evaluation.reads import Reads, for_request
from shisaku.graphics import charts
from shisaku.indicators.assessing import IndicatorResult, PlanAssessment
from shisaku.plan.queries import PlanInfo
from shisaku.public import dates, display, documents, links, params
from shisaku.public.downloads.files import Table
from shisaku.public.indicators import documents as idocs
from shisaku.public.indicators import rollups
from shisaku.public.renderers import Page
from shisaku.tabular import contracts


@dataclass(frozen=True)
class GradeColumn:
    """A grade of the plan's scale, as a column of the dashboard."""

    grade: str
    label: str
    on_track: bool
    missing: bool
    sample: SafeString


@dataclass(frozen=True)
class Row:
    """One line of the dashboard: a field, a policy, the plan's own indicators or the total."""

    level: str  # field, policy, plan (indicators of the whole plan) or total
    node: Node | None
    url: str
    rollup: RollUp
    counts: list[int]
    without_actual: int
    bar: SafeString

    @property
    def total(self) -> int:
        """Return how many indicators the row counts."""
        return sum(self.counts)

    @property
    def share(self) -> str:
        """Return the on-track share, or empty when nothing was assessed."""
        share = self.rollup.on_track_share
        return "" if share is None else fmt_percent(share)


@dataclass(frozen=True)
class Group:
    """A field's row and the rows of its policies."""

    field: Row
    policies: list[Row]


@dataclass(frozen=True)
class Dashboard:
    """The whole dashboard of a plan graded in ``done.year``."""

    plan: PlanInfo
    done: PlanAssessment
    columns: list[GradeColumn]
    groups: list[Group]
    plan_own: Row | None
    total: Row


def _subtree(node: Node) -> set[str]:
    """Return the codes of a node and everything below it."""
    return {node.code}.union(*(_subtree(c) for c in node.children))


def has_actual(result: IndicatorResult, year: int) -> bool:
    """Return whether an indicator has a whole-area actual for ``year``."""
    return any(f.period_end == year for f in result.indicator.whole("actual"))


def bar_label(columns: list[GradeColumn], counts: list[int]) -> str:
    """Return the counts in words, for the bar's screen-reader label."""
    each = gettext("%(grade)s: %(count)s")
    parts = [each % {"grade": c.grade, "count": n} for c, n in zip(columns, counts, strict=True)]
    joined = (", " if display.english() else "、").join(parts)
    return gettext("Indicators by grade: %(counts)s") % {"counts": joined}


def _bar(done: PlanAssessment, columns: list[GradeColumn], counts: list[int]) -> SafeString:
    """Return the stacked bar of a row's counts."""
    colours = _colours(done)
    segments = [
        charts.Segment(c.grade, n, *colours[c.grade]) for c, n in zip(columns, counts, strict=True)
    ]
    # Safe: charts escapes every text it writes.
    return mark_safe(charts.stacked_bar(segments, bar_label(columns, counts)))


def _colours(done: PlanAssessment) -> dict[str, tuple[str, str, bool]]:
    """Return the colours of the plan's grades."""
    scale = done.config.scale
    return charts.grade_colours(scale.grades(), scale.on_track, scale.missing)


def _row(
    d: tuple[PlanAssessment, list[GradeColumn], frozenset[int]],
    level: str,
    node: Node | None,
    url: str,
    results: list[IndicatorResult],
) -> Row:
    """Return one line of the dashboard from the results it counts."""
    done, columns, lacking = d
    rollup = roll_up([(r.assessment, r.indicator.weight) for r in results], done.config.scale)
    counts = [rollup.counts.get(c.grade, 0) for c in columns]
    missing = sum(1 for r in results if id(r) in lacking)
    return Row(level, node, url, rollup, counts, missing, _bar(done, columns, counts))


def grade_columns(done: PlanAssessment) -> list[GradeColumn]:
    """Return the plan's grades in scale order, the missing grade last, with their colours."""
    scale, colours = done.config.scale, _colours(done)
    return [
        GradeColumn(
            g,
            scale.labels.get(g, ""),
            g in scale.on_track,
            g == scale.missing,
            _sample(*colours[g]),
        )
        for g in scale.grades()
    ]


def _sample(fill: str, ink: str, outline: bool) -> SafeString:
    """Return a small swatch of a grade's colour for the legend (decorative)."""
    stroke = ' stroke="#1a1a1a" stroke-dasharray="3 2"' if outline else ""
    return mark_safe(  # Safe: colours are constants of charts
        '<svg xmlns="http://www.w3.org/2000/svg" class="swatch" viewBox="0 0 16 16" width="16" '
        f'height="16" aria-hidden="true" focusable="false"><rect x="0.5" y="0.5" width="15" '
        f'height="15" fill="{fill}"{stroke}/></svg>'
    )


def board_of(request: HttpRequest, code: str, slug: str) -> Dashboard:
    """Return the dashboard of a published plan in the year the request asks for."""
    reads = for_request(request)
    return build(reads, reads.plan(code, slug), params.assessed_year(request))


def build(reads: Reads, plan: PlanInfo, year: int | None) -> Dashboard:
    """Grade the plan and lay out its dashboard."""
    nodes = reads.nodes(plan)
    done = reads.assessment(plan, year)
    # the results without an actual in the year, found once (each counts in several rows)
    lacking = frozenset(id(r) for r in done.results if not has_actual(r, done.year))
    d = (done, grade_columns(done), lacking)
    by_code: dict[str, list[IndicatorResult]] = {}
    for r in done.results:
        by_code.setdefault(r.indicator.node_code, []).append(r)

    def row(level: str, node: Node) -> Row:
        found = [r for code in sorted(_subtree(node)) for r in by_code.get(code, [])]
        return _row(d, level, node, links.node_url(plan, node.code), found)

    groups = [
        Group(row("field", f), [row("policy", p) for p in f.children if p.kind == "policy"])
        for f in nodes
    ]
    own = by_code.get("", [])
    plan_own = _row(d, "plan", None, links.plan_url(plan), own) if own else None
    return Dashboard(plan, done, d[1], groups, plan_own, _row(d, "total", None, "", done.results))


def year_links(board: Dashboard) -> list[dict[str, Any]]:
    """Return the years with an actual, each linked to the dashboard graded in that year."""
    years = sorted({f.period_end for r in board.done.results for f in r.indicator.whole("actual")})
    return [
        {
            "label": dates.year_label(y),
            "url": links.dashboard_url(board.plan, y),
            "current": y == board.done.year,
        }
        for y in years
    ]


def _crumb(plan: PlanInfo) -> documents.Crumb:
    """Return the breadcrumb of a plan's dashboard."""
    return documents.Crumb(
        "dashboard", "政策別の評価", "Grades by policy", links.dashboard_url(plan)
    )


def dashboard(request: HttpRequest, board: Dashboard) -> HttpResponse:
    """Show the grade counts of every field and policy of a plan."""
    context = {
        "plan": board.plan,
        "board": board,
        "done": board.done,
        "rollup": rollups.rollup_view(board.done, board.done.plan),
        "year_links": year_links(board),
        "crumbs": [*documents.crumbs(board.plan, []), _crumb(board.plan)],
        "page_url": links.dashboard_url(board.plan, params.assessed_year(request)),
    }
    return render(request, "public/dashboard.html", context)


def row_to_dict(board: Dashboard, row: Row) -> dict[str, Any]:
    """Return one line of the dashboard as JSON."""
    node = row.node
    return {
        "level": row.level,
        "code": node.code if node else "",
        "title": node.title if node else "",
        "title_en": node.title_en if node else "",
        "url": row.url,
        "counts": {c.grade: n for c, n in zip(board.columns, row.counts, strict=True)},
        "indicators": row.total,
        "assessed": row.rollup.assessed,
        "missing": row.rollup.missing,
        "on_track_share": row.rollup.on_track_share,
        "without_actual": row.without_actual,
    }


def dashboard_document(board: Dashboard) -> dict[str, Any]:
    """Return the JSON twin of a dashboard (``shisaku.dashboard/1``)."""
    plan, done = board.plan, board.done
    return {
        "schema": "shisaku.dashboard/1",
        "municipality": documents.municipality_to_dict(
            plan.municipality_code, plan.municipality_name_ja, plan.municipality_name_en
        ),
        "plan": documents.plan_to_dict(plan),
        "year": done.year,
        "method": idocs.method_to_dict(done),
        "grades": [
            {"grade": c.grade, "label": c.label, "on_track": c.on_track, "missing": c.missing}
            for c in board.columns
        ],
        "rule": board.total.rollup.rule,
        "fields": [
            {
                **row_to_dict(board, g.field),
                "policies": [row_to_dict(board, p) for p in g.policies],
            }
            for g in board.groups
        ],
        "plan_indicators": row_to_dict(board, board.plan_own) if board.plan_own else None,
        "total": row_to_dict(board, board.total),
    }


def dashboard_json(request: HttpRequest, board: Dashboard) -> dict[str, Any]:
    """Return the dashboard as JSON."""
    return dashboard_document(board)


def _table_row(board: Dashboard, row: Row, field: str) -> list[str]:
    """Return one line of the dashboard as a row of the download."""
    node, share = row.node, row.rollup.on_track_share
    return [
        board.plan.municipality_code,
        board.plan.meta.slug,
        str(board.done.year),
        row.level,
        field,
        node.code if node else "",
        node.title if node else "",
        node.title_en if node else "",
        *(str(n) for n in row.counts),
        str(row.total),
        str(row.rollup.assessed),
        "" if share is None else f"{share:.4f}",
        str(row.without_actual),
    ]


def dashboard_table(request: HttpRequest, board: Dashboard) -> Table:
    """Return the dashboard's counts, one row per field, policy and total."""
    header = contracts.header("dashboard", [c.grade for c in board.columns])  # site_tables.py
    rows = []
    for g in board.groups:
        field = g.field.node.code if g.field.node else ""
        rows += [_table_row(board, r, field) for r in (g.field, *g.policies)]
    for extra in (board.plan_own, board.total):
        if extra is not None:
            rows.append(_table_row(board, extra, ""))
    name = f"{board.plan.municipality_code}-{board.plan.meta.slug}-dashboard-{board.done.year}"
    return Table(name, "dashboard", header, rows)


DASHBOARD = Page(board_of, dashboard, dashboard_json, dashboard_table)
