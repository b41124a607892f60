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
from html import escape
from typing import Any

from django.utils import timezone
from django.utils.safestring import SafeString, mark_safe
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
    cells = "".join(f'<th scope="col">{escape(label)}</th>' for label in labels)
    return mark_safe(f"<thead><tr>{cells}</tr></thead>")  # Safe: escaped


def figure_rows(figures: list[FigureView], breakdown: bool) -> SafeString:
    """Return the rows of the figures table: kind, period, [district], value, notes, source."""
    cell = _Cells(breakdown)
    rows = [
        f'<tr class="{cell.text(f.kind)}"><th scope="row">{cell.kind(f.kind)}</th>'
        f"<td>{cell.period(f.period)}</td>{cell.district(f.breakdown)}"
        f'<td class="value">{escape(f.raw)}</td><td>{cell.japanese(grades.figure_note(f))}</td>'
        f"<td>{cell.japanese_content(f.note)}</td><td>{cell.japanese(f.source)}</td></tr>"
        for f in figures
    ]
    return mark_safe("\n".join(rows))  # Safe: every cell is escaped


def history_rows(history: list[FigureView], breakdown: bool, department: str) -> SafeString:
    """Return the rows of the revision history: kind, period, [district], value, the
    department responsible (担当課), when.

    The public history names the department, never the account that typed a value (the
    workspace shows that to staff)."""
    cell = _Cells(breakdown)
    responsible = japanese(department, display.english()) or "—"
    status = {True: ("current", gettext("Current")), False: ("superseded", gettext("Superseded"))}
    rows = []
    for f in history:
        css, state = status[f.is_current]
        rows.append(
            f'<tr class="{css}"><th scope="row">{cell.kind(f.kind)}</th>'
            f"<td>{cell.period(f.period)}</td>{cell.district(f.breakdown)}"
            f'<td class="value">{escape(f.raw)}</td><td>{f.revision}</td>'
            f"<td>{responsible}</td><td>{cell.moment(_minute(f.entered_at))}</td>"
            f"<td>{state}</td></tr>"
        )
    return mark_safe("\n".join(rows))  # Safe: every cell is escaped


def summary_rows(rows: list[grades.IndicatorRow], plan: PlanInfo | None) -> SafeString:
    """Return the rows of an indicator summary: name, [place in ``plan``], unit, baseline,
    final target, latest actual and grade, each row on its own line."""
    cell = _Cells(False)
    whole, how = gettext("Whole plan"), gettext("(how this grade was reached)")
    out = []
    for row in rows:
        view, a, url = row.view, row.result.assessment, escape(row.url)
        place = ""
        if plan and view.node_code:
            node = escape(links.node_url(plan, view.node_code))
            place = f'<td><a href="{node}">{escape(view.node_code)}</a></td>'
        elif plan:
            place = f"<td>{escape(whole)}</td>"
        label = (
            f' <span class="grade-label">{cell.japanese_content(a.label)}</span>' if a.label else ""
        )
        figures = "".join(
            f"<td>{cell.figure(f)}</td>" for f in (row.baseline, row.target, row.latest)
        )
        out.append(
            f'\n    <tr><th scope="row"><a href="{url}">{display.shown(view.name_ja, view.name_en)}'
            f"</a></th>{place}<td>{cell.japanese(view.unit) or '—'}</td>{figures}"
            f'<td class="grade"><a href="{url}#grade"><strong>{escape(a.grade)}</strong>'
            f'<span class="visually-hidden"> {escape(how)}</span></a>{label}'
            "</td></tr>"
        )
    return mark_safe("".join(out))  # Safe: every cell is escaped


def figure_cell(f: FigureView | None, period: Callable[[str], str] | None = None) -> str:
    """Return a figure as written with its period below it, or the notice that it is unknown;
    ``period`` renders the period label (escaped) when the caller remembers them."""
    if f is None:
        return unknown()
    when = period(f.period) if period else escape(grades.period_label(f.period))
    return f'<span class="value">{escape(f.raw)}</span> <span class="period">{when}</span>'


def unknown() -> str:
    """Return the notice for a value that is not known (never a zero)."""
    return f'<span class="unknown">{escape(gettext("Unknown (not obtained)"))}</span>'


class _Cells:
    """Cell renderers for one table in the active language, each value rendered once."""

    def __init__(self, breakdown: bool) -> None:
        english = display.english()
        self.text = _once(escape)
        self.kind = _once(lambda k: escape(grades.label(grades.FIGURE_KINDS, k)))
        self.period = _once(lambda p: escape(grades.period_label(p, english)))
        self.japanese = _once(lambda t: japanese(t, english))
        self.japanese_content = _once(lambda t: display.shown(t, "") if t else "")
        self.district = _once(lambda t: f"<td>{self.japanese(t)}</td>" if breakdown else "")
        self.moment = _once(_moment)

    def figure(self, f: FigureView | None) -> str:
        """Return a figure cell (:func:`figure_cell`), its period rendered once."""
        return figure_cell(f, self.period)


def _once(render: Callable[[Any], str]) -> Callable[[Any], str]:
    """Return ``render`` remembering its answer for each value (for one table)."""
    return lru_cache(maxsize=None)(render)


def _moment(when: datetime) -> str:
    """Return a time as the history shows it: 西暦 with 和暦, to the minute, machine-readable."""
    iso = timezone.localtime(when).isoformat("T", "minutes")
    return f'<time datetime="{iso}">{escape(grades.moment_text(when))}</time>'


def _minute(when: datetime) -> datetime:
    """Return a time to the minute, as the history shows it (so that it renders once)."""
    return when.replace(second=0, microsecond=0)


def japanese(text: str, english: bool) -> str:
    """Return Japanese-only content, tagged lang="ja" on English pages (the ``japanese`` tag),
    or nothing when there is none."""
    if not text:
        return ""
    return f'<span lang="ja">{escape(text)}</span>' if english else escape(text)
