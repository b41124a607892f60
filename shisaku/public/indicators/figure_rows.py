"""The rows of the long tables of figures as HTML: an indicator's table by year, its figures and
revision history, and the summary of many indicators (a plan's list, a node's indicators).

An indicator with districts has a row per period and district (13 × 10 years and more), and
a template tag per cell made these tables most of a page's cost, so the rows are written here
with the same helpers the template tags use (:mod:`grades`, :mod:`display`).  A cell's HTML
depends only on its value and the active language, so each distinct value is rendered once per
table: a period or a district repeats on many rows.  Every cell is rendered as a ``SafeString``
(text escaped, markup kept).  The summary's rows are built by :func:`markup.html_join`; the
figures and the history, hundreds of rows a page, are f-strings of the cells' markup kept as
plain ``str`` (:func:`_markup_of`), joined once into a ``SafeString`` (:func:`_rows`): a
``SafeString`` argument costs a Python call per cell, which made the rows cost half again as
much (measured on the 300-indicator plan, both languages).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import datetime
from functools import lru_cache

from django.utils import timezone
from django.utils.html import escape
from django.utils.safestring import SafeString
from django.utils.translation import gettext

from shisaku.indicators.queries import FigureView
from shisaku.plan.queries import PlanInfo
from shisaku.public import coded, dates, display, links
from shisaku.public.indicators import selection, series, summaries
from shisaku.public.markup import html, html_join


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
    cells = html_join("", '<th scope="col">{}</th>', ((label,) for label in labels))
    return html("<thead><tr>{}</tr></thead>", cells)


def figure_rows(figures: list[FigureView], breakdown: bool) -> SafeString:
    """Return the rows of the figures table: kind, period, [district], value, notes, source."""
    cell = _Cells(breakdown)
    text, kind, period = _markup_of(cell.text), _markup_of(cell.kind), _markup_of(cell.period)
    district, content = _markup_of(cell.district), _markup_of(cell.japanese_content)
    note = _markup_of(lambda *parts: cell.japanese(selection.note_text(*parts)))
    japanese = _markup_of(cell.japanese)
    return _rows(
        f'<tr class="{text(f.kind)}"><th scope="row">{kind(f.kind)}</th>'
        f"<td>{period(f.period)}</td>{district(f.breakdown)}"
        f'<td class="value">{text(f.raw)}</td><td>{note(f.qualifier, f.label, f.raw)}</td>'
        f"<td>{content(f.note)}</td><td>{japanese(f.source)}</td></tr>"
        for f in figures
    )


def history_rows(history: list[FigureView], breakdown: bool, department: str) -> SafeString:
    """Return the rows of the revision history: kind, period, [district], value, the
    department responsible (担当課), when.

    The public history names the department, never the account that typed a value (the
    workspace shows that to staff)."""
    cell = _Cells(breakdown)
    text, kind, period = _markup_of(cell.text), _markup_of(cell.kind), _markup_of(cell.period)
    district, moment = _markup_of(cell.district), _markup_of(cell.moment)
    responsible = str.__str__(japanese(department, display.english()) or "—")
    status = {
        True: ("current", str.__str__(escape(gettext("Current")))),
        False: ("superseded", str.__str__(escape(gettext("Superseded")))),
    }
    return _rows(
        f'<tr class="{(css := status[f.is_current])[0]}"><th scope="row">{kind(f.kind)}</th>'
        f"<td>{period(f.period)}</td>{district(f.breakdown)}"
        f'<td class="value">{text(f.raw)}</td><td>{text(f.revision)}</td>'
        f"<td>{responsible}</td><td>{moment(_minute(f.entered_at))}</td><td>{css[1]}</td></tr>"
        for f in history
    )


def year_rows(rows: list[series.YearRow]) -> SafeString:
    """Return the rows of the table by year: the period, then its baseline, target and actual
    as written (a dash where there is none), each row on its own line."""
    none = '<td class="value"><span class="none">—</span></td>'
    value = _markup_of(lambda raw: html('<td class="value">{}</td>', raw))
    return SafeString(
        "".join(
            f'\n      <tr><th scope="row">{escape(row.period)}</th>'
            + "".join(none if f is None else value(f.raw) for f in row.cells)
            + "</tr>"
            for row in rows
        )
    )


def _markup_of(render: Callable[..., SafeString]) -> Callable[..., str]:
    """Return ``render``'s markup as a plain ``str`` (which an f-string copies without a call
    to ``SafeString.__str__``), remembering it for each value (for one table).

    Only :func:`_rows` takes these: they are markup already, escaped by ``render``."""
    return lru_cache(maxsize=None)(lambda *key: str.__str__(render(*key)))


def _rows(rows: Iterable[str]) -> SafeString:
    """Return the rows of a table, each on its own line: f-strings of literal markup and the
    cells of :func:`_markup_of` only (every value escaped when its cell was rendered)."""
    return SafeString("\n".join(rows))


SUMMARY_ROW = (
    '\n    <tr><th scope="row"><a href="{url}">{name}</a></th>{place}<td>{unit}</td>'
    "<td>{baseline}</td><td>{target}</td><td>{latest}</td>"
    '<td class="grade"><a href="{url}#grade"><strong>{grade}</strong>'
    '<span class="visually-hidden"> {how}</span></a>{label}</td></tr>'
)


def summary_rows(rows: list[summaries.IndicatorRow], plan: PlanInfo | None) -> SafeString:
    """Return the rows of an indicator summary: name, [place in ``plan``], unit, baseline,
    final target, latest actual and grade, each row on its own line."""
    cell = _Cells(False)
    place = _once(lambda code: _place(code, plan))
    how = gettext("(how this grade was reached)")
    return html_join("", "{}", ((_summary_row(row, cell, place, how),) for row in rows))


def _summary_row(
    row: summaries.IndicatorRow, cell: _Cells, place: Callable[[str], SafeString], how: str
) -> SafeString:
    """Return one row of an indicator summary (its place in the plan given by ``place``)."""
    view, a = row.view, row.result.assessment
    return html(
        SUMMARY_ROW,
        url=row.url,
        name=display.shown(view.name_ja, view.name_en, kind="indicator"),
        place=place(view.node_code),
        unit=cell.unit(view.unit, view.unit_en) or "—",
        baseline=cell.figure(row.baseline),
        target=cell.figure(row.target),
        latest=cell.figure(row.latest),
        grade=a.grade,
        how=how,
        label=cell.grade_label(a.label),
    )


def _place(node_code: str, plan: PlanInfo | None) -> SafeString:
    """Return the cell naming where in ``plan`` an indicator sits (nothing without a plan)."""
    if plan and node_code:
        return html('<td><a href="{}">{}</a></td>', links.node_url(plan, node_code), node_code)
    return html("<td>{}</td>", gettext("Whole plan")) if plan else SafeString("")


def figure_cell(f: FigureView | None, period: Callable[[str], str] | None = None) -> SafeString:
    """Return a figure as written with its period below it, or the notice that it is unknown;
    ``period`` renders the period label (HTML) when the caller remembers them."""
    if f is None:
        return unknown()
    return _figure_text(f.raw, period(f.period) if period else dates.period_label(f.period))


def _figure_text(raw: str, period: str) -> SafeString:
    """Return a value as written with its period label below it."""
    return html('<span class="value">{}</span> <span class="period">{}</span>', raw, period)


def unknown() -> SafeString:
    """Return the notice for a value that is not known (never a zero)."""
    return html('<span class="unknown">{}</span>', gettext("Unknown (not obtained)"))


class _Cells:
    """Cell renderers for one table in the active language, each value rendered once."""

    def __init__(self, breakdown: bool) -> None:
        english = display.english()
        self.text = _once(escape)
        self.kind = _once(lambda k: escape(coded.label(coded.FIGURE_KINDS, k)))
        self.period = _once(lambda p: escape(dates.period_label(p, english)))
        self.japanese = _once(lambda t: japanese(t, english))
        self.unit = _once(unit)
        self.japanese_content = _once(lambda t: display.shown(t, "") if t else SafeString(""))
        self.district = _once(
            lambda t: html("<td>{}</td>", self.japanese(t)) if breakdown else SafeString("")
        )
        self.moment = _once(_moment)
        self.unknown = unknown()
        self.value = _once(lambda raw, period: _figure_text(raw, self.period(period)))
        self.grade_label = _once(
            lambda t: (
                html(' <span class="grade-label">{}</span>', display.generated(t))
                if t
                else SafeString("")
            )
        )

    def figure(self, f: FigureView | None) -> SafeString:
        """Return a figure cell (:func:`figure_cell`), each value and period rendered once."""
        return self.unknown if f is None else self.value(f.raw, f.period)


def _once(render: Callable[..., SafeString]) -> Callable[..., SafeString]:
    """Return ``render`` remembering its answer for each value (for one table)."""
    return lru_cache(maxsize=None)(render)


def _moment(when: datetime) -> SafeString:
    """Return a time as the history shows it: 西暦 with 和暦, to the minute, machine-readable."""
    iso = timezone.localtime(when).isoformat("T", "minutes")
    return html('<time datetime="{}">{}</time>', iso, dates.moment_text(when))


def _minute(when: datetime) -> datetime:
    """Return a time to the minute, as the history shows it (so that it renders once)."""
    return when.replace(second=0, microsecond=0)


def unit(ja: str, en: str) -> SafeString:
    """Return an indicator's unit in the active language: its English on English pages when the
    planning office gave one, else the Japanese (counted as untranslated); nothing when none."""
    return display.shown(ja, en, kind="unit") if ja or en else SafeString("")


def japanese(text: str, english: bool) -> SafeString:
    """Return Japanese-only content, tagged lang="ja" on English pages (the ``japanese`` tag),
    or nothing when there is none."""
    if not text:
        return SafeString("")
    return html('<span lang="ja">{}</span>', text) if english else escape(text)
