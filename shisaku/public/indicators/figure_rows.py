"""The rows of the long tables of figures as HTML: an indicator's table by year, its figures and
revision history, and the summary of many indicators (a plan's list, a node's indicators).

An indicator with districts has a row per period and district (13 × 10 years and more), and
a template tag per cell made these tables most of a page's cost, so the rows are written here
with the same helpers the template tags use (:mod:`grades`, :mod:`display`).  A cell's HTML
depends only on its value and the active language: the cells of the figures and the history
(a period, a district, a kind, a value as written) are remembered across tables, since every
indicator of a plan has the same periods and districts; the summary's once per table.  Every
cell is rendered as a ``SafeString`` (text escaped, markup kept).  The summary's rows are built
by :func:`markup.html_join`; the figures and the history, hundreds of rows a page, are
f-strings of the cells' markup kept as plain ``str``, joined once into a ``SafeString``
(:func:`_rows`): a ``SafeString`` argument costs a Python call per cell.  Together the rows of
the 300-indicator plan cost a third of what they did.
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
    return _figure_head(_language()[0], breakdown)


def history_head(breakdown: bool) -> SafeString:
    """Return the head of the revision history."""
    return _history_head(_language()[0], breakdown)


@lru_cache(maxsize=16)
def _figure_head(language: str, breakdown: bool) -> SafeString:
    """Return the head of the figures table in ``language`` (the active one), made once."""
    district = [gettext("Breakdown")] if breakdown else []
    kind, period = gettext("Kind"), gettext("Period")
    rest = [gettext("Value as written"), gettext("Qualifier"), gettext("Note"), gettext("Source")]
    return _head([kind, period, *district, *rest])


@lru_cache(maxsize=16)
def _history_head(language: str, breakdown: bool) -> SafeString:
    """Return the head of the revision history in ``language`` (the active one), made once."""
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
    language, english = _language()
    district = _district if breakdown else _no_district
    # recorded as untranslated once a table, so remembered for this table only
    content = _markup_of(lambda t: display.shown(t, "") if t else SafeString(""))
    return _rows(
        f"{_figure_opening(f.kind, f.period, language, english)}{district(f.breakdown, english)}"
        f'<td class="value">{_text(f.raw)}</td>'
        f"<td>{_note(f.qualifier, f.label, f.raw, english)}</td><td>{content(f.note)}</td>"
        f"<td>{_japanese(f.source, english)}</td></tr>"
        for f in figures
    )


def history_rows(history: list[FigureView], breakdown: bool, department: str) -> SafeString:
    """Return the rows of the revision history: kind, period, [district], value, the
    department responsible (担当課), when.

    The public history names the department, never the account that typed a value (the
    workspace shows that to staff)."""
    language, english = _language()
    district = _district if breakdown else _no_district
    responsible = _japanese(department, english) or "—"
    return _rows(
        f"{_history_opening(f.is_current, f.kind, f.period, language, english)}"
        f'{district(f.breakdown, english)}<td class="value">{_text(f.raw)}</td>'
        f"<td>{_text(f.revision)}</td><td>{responsible}</td>"
        f"{_history_closing(_minute(f.entered_at), f.is_current, language)}"
        for f in history
    )


# The cells of the figures and the history: markup as plain ``str`` (which an f-string copies
# without a call to ``SafeString.__str__``), each depending only on its value and the language,
# so remembered across tables (the same periods, districts and kinds fill every indicator's).
# Only :func:`_rows` takes them.


def _language() -> tuple[str, bool]:
    """Return the active language, and whether it is English."""
    return links.language() or "ja", display.english()


@lru_cache(maxsize=8192, typed=True)  # typed: a revision 1 is not a value True
def _text(value: object) -> str:
    """Return a text (or a revision number) escaped."""
    return str.__str__(escape(value))


@lru_cache(maxsize=64)
def _kind(kind: str, language: str) -> str:
    """Return the label of a figure's kind in ``language`` (the active one)."""
    return _text(coded.label(coded.FIGURE_KINDS, kind))


@lru_cache(maxsize=4096)
def _period(period: str, english: bool) -> str:
    """Return a period's label."""
    return _text(dates.period_label(period, english))


@lru_cache(maxsize=4096)
def _figure_opening(kind: str, period: str, language: str, english: bool) -> str:
    """Return the opening of a figure's row: the row of its kind, the kind and the period."""
    return (
        f'<tr class="{_text(kind)}"><th scope="row">{_kind(kind, language)}</th>'
        f"<td>{_period(period, english)}</td>"
    )


@lru_cache(maxsize=4096)
def _history_opening(current: bool, kind: str, period: str, language: str, english: bool) -> str:
    """Return the opening of a revision's row: the row (current or superseded), the kind and
    the period."""
    css = "current" if current else "superseded"
    return (
        f'<tr class="{css}"><th scope="row">{_kind(kind, language)}</th>'
        f"<td>{_period(period, english)}</td>"
    )


@lru_cache(maxsize=4096)
def _history_closing(when: datetime, current: bool, language: str) -> str:
    """Return the end of a revision's row: when it was entered and whether it is current."""
    status = _text(gettext("Current")) if current else _text(gettext("Superseded"))
    return f"<td>{_moment_at(when, language)}</td><td>{status}</td></tr>"


@lru_cache(maxsize=4096)
def _district(district: str, english: bool) -> str:
    """Return the cell of a breakdown (a district, a sex), in Japanese."""
    return str.__str__(html("<td>{}</td>", japanese(district, english)))


def _no_district(district: str, english: bool) -> str:
    """Return nothing: the table has no breakdown column."""
    return ""


@lru_cache(maxsize=4096)
def _japanese(text: str, english: bool) -> str:
    """Return Japanese-only content (:func:`japanese`)."""
    return str.__str__(japanese(text, english))


@lru_cache(maxsize=4096)
def _note(qualifier: str, label: str, raw: str, english: bool) -> str:
    """Return a figure's qualifier and label (:func:`selection.note_text`), in Japanese."""
    return _japanese(selection.note_text(qualifier, label, raw), english)


@lru_cache(maxsize=4096)
def _moment_at(when: datetime, language: str) -> str:
    """Return a time to the minute as the history shows it, in ``language`` (the active one)."""
    return str.__str__(_moment(when))


def year_rows(rows: list[series.YearRow]) -> SafeString:
    """Return the rows of the table by year: the period, then its baseline, target and actual
    as written (a dash where there is none), each row on its own line."""
    none = '<span class="none">—</span>'
    return _rows(
        (
            f'\n      <tr><th scope="row">{_text(row.period)}</th>'
            + "".join(
                f'<td class="value">{none if f is None else _text(f.raw)}</td>' for f in row.cells
            )
            + "</tr>"
            for row in rows
        ),
        separator="",
    )


def _markup_of(render: Callable[..., SafeString]) -> Callable[..., str]:
    """Return ``render``'s markup as a plain ``str`` (which an f-string copies without a call
    to ``SafeString.__str__``), remembering it for each value (for one table).

    Only :func:`_rows` takes these: they are markup already, escaped by ``render``."""
    return lru_cache(maxsize=None)(lambda *key: str.__str__(render(*key)))


def _rows(rows: Iterable[str], separator: str = "\n") -> SafeString:
    """Return the rows of a table, each on its own line unless told: f-strings of literal
    markup and the cells above or of :func:`_markup_of` only (each escaped when rendered)."""
    return SafeString(separator.join(rows))


SUMMARY_ROW = (
    '\n    <tr><th scope="row"><a href="{url}">{name}</a></th>{place}<td>{unit}</td>'
    "<td>{baseline}</td><td>{target}</td><td>{latest}</td>"
    '<td class="grade"><a href="{url}#grade"><strong>{grade}</strong>'
    '<span class="visually-hidden"> {how}</span></a>{label}</td></tr>'
)


def summary_rows(rows: list[summaries.IndicatorRow], plan: PlanInfo | None) -> SafeString:
    """Return the rows of an indicator summary: name, [place in ``plan``], unit, baseline,
    final target, latest actual and grade, each row on its own line."""
    cell = _Cells()
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
    """Cell renderers for one summary table in the active language, each value rendered once."""

    def __init__(self) -> None:
        english = display.english()
        self.period = _once(lambda p: escape(dates.period_label(p, english)))
        self.unit = _once(unit)
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
