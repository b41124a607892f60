"""The rows of the long tables of figures as HTML: an indicator's figures and revision history,
and the summary of many indicators (a plan's list, a node's indicators).

An indicator with districts has a row per period and district (13 × 10 years and more), and
a template tag per cell made these tables most of a page's cost, so the rows are written here
with the same helpers the template tags use (:mod:`grades`, :mod:`display`).  A cell's HTML
depends only on its value and the active language, so each distinct value is rendered once per
table: a period or a district repeats on many rows.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from functools import lru_cache
from typing import Any

from django.utils import timezone
from django.utils.html import escape, format_html, format_html_join
from django.utils.safestring import SafeString
from django.utils.translation import gettext

from shisaku.indicators.queries import FigureView
from shisaku.plan.queries import PlanInfo
from shisaku.public import display, grades, links


def figure_head(breakdown: bool) -> SafeString:
    """Return the head of the figures table."""
    district = [gettext("Breakdown")] if breakdown else []
    kind, period = gettext("Kind"), gettext("Period")
    rest = [gettext("Value as written"), gettext("Qualifier"), gettext("Note"), gettext("Source")]
    return _head([kind, period, *district, *rest])


def history_head(breakdown: bool) -> SafeString:
    """Return the head of the revision history."""
    district = [gettext("Breakdown")] if breakdown else []
    kind, period, value = gettext("Kind"), gettext("Period"), gettext("Value as written")
    rest = [gettext("Revision"), gettext("Department"), gettext("Entered at"), gettext("Status")]
    return _head([kind, period, *district, value, *rest])


def _head(labels: list[str]) -> SafeString:
    """Return a table head of column headers."""
    cells = format_html_join("", '<th scope="col">{}</th>', ((label,) for label in labels))
    return format_html("<thead><tr>{}</tr></thead>", cells)


def figure_rows(figures: list[FigureView], breakdown: bool) -> SafeString:
    """Return the rows of the figures table: kind, period, [district], value, notes, source."""
    cell = _Cells(breakdown)
    row = (
        '<tr class="{}"><th scope="row">{}</th><td>{}</td>{}<td class="value">{}</td>'
        "<td>{}</td><td>{}</td><td>{}</td></tr>"
    )
    cells = (
        (
            f.kind,
            cell.kind(f.kind),
            cell.period(f.period),
            cell.district(f.breakdown),
            f.raw,
            cell.japanese(grades.figure_note(f)),
            cell.japanese_content(f.note),
            cell.japanese(f.source),
        )
        for f in figures
    )
    return format_html_join("\n", row, cells)


def history_rows(history: list[FigureView], breakdown: bool, department: str) -> SafeString:
    """Return the rows of the revision history: kind, period, [district], value, the
    department responsible (担当課), when.

    The public history names the department, never the account that typed a value (the
    workspace shows that to staff)."""
    cell = _Cells(breakdown)
    responsible = japanese(department, display.english()) or "—"
    status = {True: ("current", gettext("Current")), False: ("superseded", gettext("Superseded"))}
    row = (
        '<tr class="{}"><th scope="row">{}</th><td>{}</td>{}<td class="value">{}</td>'
        "<td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>"
    )
    cells = (
        (
            (css := status[f.is_current])[0],
            cell.kind(f.kind),
            cell.period(f.period),
            cell.district(f.breakdown),
            f.raw,
            f.revision,
            responsible,
            cell.moment(_minute(f.entered_at)),
            css[1],
        )
        for f in history
    )
    return format_html_join("\n", row, cells)


SUMMARY_ROW = (
    '\n    <tr><th scope="row"><a href="{url}">{name}</a></th>{place}<td>{unit}</td>{figures}'
    '<td class="grade"><a href="{url}#grade"><strong>{grade}</strong>'
    '<span class="visually-hidden"> {how}</span></a>{label}</td></tr>'
)


def summary_rows(rows: list[grades.IndicatorRow], plan: PlanInfo | None) -> SafeString:
    """Return the rows of an indicator summary: name, [place in ``plan``], unit, baseline,
    final target, latest actual and grade, each row on its own line."""
    cell = _Cells(False)
    how = gettext("(how this grade was reached)")
    return format_html_join("", "{}", ((_summary_row(row, plan, cell, how),) for row in rows))


def _summary_row(
    row: grades.IndicatorRow, plan: PlanInfo | None, cell: _Cells, how: str
) -> SafeString:
    """Return one row of an indicator summary."""
    view, a = row.view, row.result.assessment
    label = format_html(' <span class="grade-label">{}</span>', cell.japanese_content(a.label))
    figures = (f for f in (row.baseline, row.target, row.latest))
    return format_html(
        SUMMARY_ROW,
        url=row.url,
        name=display.shown(view.name_ja, view.name_en),
        place=_place(view.node_code, plan),
        unit=cell.japanese(view.unit) or "—",
        figures=format_html_join("", "<td>{}</td>", ((cell.figure(f),) for f in figures)),
        grade=a.grade,
        how=how,
        label=label if a.label else "",
    )


def _place(node_code: str, plan: PlanInfo | None) -> SafeString:
    """Return the cell naming where in ``plan`` an indicator sits (nothing without a plan)."""
    if plan and node_code:
        return format_html(
            '<td><a href="{}">{}</a></td>', links.node_url(plan, node_code), node_code
        )
    return format_html("<td>{}</td>", gettext("Whole plan")) if plan else SafeString("")


def figure_cell(f: FigureView | None, period: Callable[[str], str] | None = None) -> SafeString:
    """Return a figure as written with its period below it, or the notice that it is unknown;
    ``period`` renders the period label (HTML) when the caller remembers them."""
    if f is None:
        return unknown()
    when = period(f.period) if period else grades.period_label(f.period)
    return format_html('<span class="value">{}</span> <span class="period">{}</span>', f.raw, when)


def unknown() -> SafeString:
    """Return the notice for a value that is not known (never a zero)."""
    return format_html('<span class="unknown">{}</span>', gettext("Unknown (not obtained)"))


class _Cells:
    """Cell renderers for one table in the active language, each value rendered once."""

    def __init__(self, breakdown: bool) -> None:
        english = display.english()
        self.kind = _once(lambda k: escape(grades.label(grades.FIGURE_KINDS, k)))
        self.period = _once(lambda p: escape(grades.period_label(p, english)))
        self.japanese = _once(lambda t: japanese(t, english))
        self.japanese_content = _once(lambda t: display.shown(t, "") if t else SafeString(""))
        self.district = _once(
            lambda t: format_html("<td>{}</td>", self.japanese(t)) if breakdown else SafeString("")
        )
        self.moment = _once(_moment)

    def figure(self, f: FigureView | None) -> SafeString:
        """Return a figure cell (:func:`figure_cell`), its period rendered once."""
        return figure_cell(f, self.period)


def _once(render: Callable[[Any], SafeString]) -> Callable[[Any], SafeString]:
    """Return ``render`` remembering its answer for each value (for one table)."""
    return lru_cache(maxsize=None)(render)


def _moment(when: datetime) -> SafeString:
    """Return a time as the history shows it: 西暦 with 和暦, to the minute, machine-readable."""
    iso = timezone.localtime(when).isoformat("T", "minutes")
    return format_html('<time datetime="{}">{}</time>', iso, grades.moment_text(when))


def _minute(when: datetime) -> datetime:
    """Return a time to the minute, as the history shows it (so that it renders once)."""
    return when.replace(second=0, microsecond=0)


def japanese(text: str, english: bool) -> SafeString:
    """Return Japanese-only content, tagged lang="ja" on English pages (the ``japanese`` tag),
    or nothing when there is none."""
    if not text:
        return SafeString("")
    return format_html('<span lang="ja">{}</span>', text) if english else escape(text)
