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

from collections.abc import Callable, Hashable, Iterable
from dataclasses import dataclass
from datetime import datetime
from functools import cached_property, lru_cache
from operator import attrgetter
from typing import Generic, TypeVar

from django.utils import timezone
from django.utils.html import escape
from django.utils.safestring import SafeString
from django.utils.translation import gettext

from shisaku.domain.explain import in_language
from shisaku.indicators.queries import FigureView, IndicatorView
from shisaku.plan.queries import PlanInfo
from shisaku.public import coded, dates, display, links, untranslated
from shisaku.public.indicators import selection, series, summaries
from shisaku.public.indicators.kept import Kept
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
    # recorded as untranslated on each page, so rendered for each (once a distinct text)
    content = _markup_of(lambda t: display.shown(t, "") if t else SafeString(""))

    def tail(key: tuple[str, str, str]) -> str:
        note, text, source = key
        return (
            f"<td>{_japanese(note, english)}</td><td>{content(text)}</td>"
            f"<td>{_japanese(source, english)}</td></tr>"
        )

    return _figure_layouts(figures, breakdown).rows(
        lambda key: _figure_opening(*key, language, english),
        _cell_of_district(breakdown, english),
        tail,
    )


def history_rows(history: list[FigureView], breakdown: bool, department: str) -> SafeString:
    """Return the rows of the revision history: kind, period, [district], value, the
    department responsible (担当課), when.

    The public history names the department, never the account that typed a value (the
    workspace shows that to staff)."""
    language, english = _language()
    responsible = _japanese(department, english) or "—"
    return _history_layouts(history, breakdown).rows(
        lambda key: _history_opening(*key, language, english),
        _cell_of_district(breakdown, english),
        lambda key: f"<td>{responsible}</td>{_history_closing(_minute(key[0]), key[1], language)}",
    )


# --- the rows laid out once for every language ------------------------------------------------
# A page's figures and history are the same lists in each language (:func:`selection.tables`),
# rendered one language after the other.  Each row is laid out once: the keys of its cells that
# read differently in each language (kind and period, district, the cells after the value) and
# between them its markup that does not (the value as written, the revision).  A language then
# renders each distinct key once and fills the rows in: a table of 133 rows has some thirty.

Opening = TypeVar("Opening", bound=Hashable)
Tail = TypeVar("Tail", bound=Hashable)


@dataclass(frozen=True)
class _Layout(Generic[Opening, Tail]):
    """A table's rows by column: each row's opening's key, its district, its markup the same in
    every language and the key of the cells after it."""

    openings: list[Opening]
    districts: list[str]
    markups: list[str]
    tails: list[Tail]

    @cached_property
    def keys(self) -> tuple[set[Opening], set[str], set[Tail]]:
        """Return the distinct keys of the openings, the districts and the tails."""
        return set(self.openings), set(self.districts), set(self.tails)

    def rows(
        self,
        opening: Callable[[Opening], str],
        district: Callable[[str], str],
        tail: Callable[[Tail], str],
    ) -> SafeString:
        """Return the rows in the active language, each distinct cell rendered by the
        functions given (as markup: plain ``str``), joined by :func:`_rows`."""
        openings, districts, tails = self.keys
        o = {key: opening(key) for key in openings}
        d = {key: district(key) for key in districts}
        t = {key: tail(key) for key in tails}
        columns = zip(self.openings, self.districts, self.markups, self.tails, strict=True)
        return _rows([f"{o[a]}{d[b]}{markup}{t[c]}" for a, b, markup, c in columns])


FigureLayout = _Layout[tuple[str, str], tuple[str, str, str]]
HistoryLayout = _Layout[tuple[bool, str, str], tuple[datetime, bool]]
K = TypeVar("K")
L = TypeVar("L")


class _Layouts(Generic[K, L]):
    """The layouts of the last few tables, each kept with what it was laid out from (so an
    identity is never taken for another object's) and found by it."""

    KEPT = 4

    def __init__(self, lay_out: Callable[[K], L]) -> None:
        self.lay_out = lay_out
        self._kept: dict[tuple[int, bool], tuple[K, L]] = {}

    def __call__(self, source: K, breakdown: bool) -> L:
        """Return the layout of ``source`` (with a district column or not)."""
        key = (id(source), breakdown)
        found = self._kept.get(key)
        if found is not None and found[0] is source:
            return found[1]
        layout = self.lay_out(source)
        self._kept.pop(key, None)
        self._kept[key] = (source, layout)
        if len(self._kept) > self.KEPT:
            del self._kept[next(iter(self._kept))]
        return layout


# Each a figure's fields as one tuple, read in C (a figure is a named tuple): the layouts read
# a table's columns with map and zip, a Python call only where a cell needs one.
_KIND_PERIOD = attrgetter("kind", "period")
_REVISION_OPENING = attrgetter("is_current", "kind", "period")
_BREAKDOWN = attrgetter("breakdown")
_RAW = attrgetter("raw")
_REVISION = attrgetter("revision")
_CURRENT = attrgetter("is_current")
_ENTERED = attrgetter("entered_at")
_MINUTE = attrgetter("minute", "hour", "day", "month", "year", "tzinfo")


def _figure_layout(figures: list[FigureView]) -> FigureLayout:
    """Lay out the figures table's rows."""
    return _Layout(
        list(map(_KIND_PERIOD, figures)),
        list(map(_BREAKDOWN, figures)),
        list(map(_value_cell, map(_RAW, figures))),
        [(_note_text(f) if f.qualifier or f.label else "", f.note, f.source) for f in figures],
    )


@lru_cache(maxsize=8192)
def _value_cell(raw: str) -> str:
    """Return the cell of a value as written."""
    return f'<td class="value">{_text(raw)}</td>'


@lru_cache(maxsize=8192)
def _revision_cells(raw: str, revision: int) -> str:
    """Return the cells of a revision's value as written and its number (digits: nothing to
    escape)."""
    return f'<td class="value">{_text(raw)}</td><td>{revision:d}</td>'


def _note_text(f: FigureView) -> str:
    """Return a figure's qualifier and label (:func:`selection.note_text`)."""
    return selection.note_text(f.qualifier, f.label, f.raw)


def _history_layout(history: list[FigureView]) -> HistoryLayout:
    """Lay out the revision history's rows."""
    minutes = _minutes(list(map(_ENTERED, history)))
    return _Layout(
        list(map(_REVISION_OPENING, history)),
        list(map(_BREAKDOWN, history)),
        list(map(_revision_cells, map(_RAW, history), map(_REVISION, history))),
        list(zip(minutes, map(_CURRENT, history), strict=True)),
    )


def _minutes(times: list[datetime]) -> list[datetime]:
    """Return for each time the first of ``times`` in its minute (in its time zone): the
    history shows times to the minute, so the times of one minute render alike (found by
    their fields: ``datetime.replace`` costs microseconds)."""
    first: dict[tuple[object, ...], datetime] = {}
    return list(map(first.setdefault, map(_MINUTE, times), times))


_figure_layouts = _Layouts(_figure_layout)
_history_layouts = _Layouts(_history_layout)


def _cell_of_district(breakdown: bool, english: bool) -> Callable[[str], str]:
    """Return the renderer of the district cell: the district, or nothing without a column."""
    return (lambda d: _district(d, english)) if breakdown else (lambda d: "")


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


@lru_cache(maxsize=4096)
def _japanese(text: str, english: bool) -> str:
    """Return Japanese-only content (:func:`japanese`)."""
    return str.__str__(japanese(text, english))


@lru_cache(maxsize=4096)
def _moment_at(when: datetime, language: str) -> str:
    """Return a time to the minute as the history shows it, in ``language`` (the active one)."""
    return str.__str__(_moment(when))


def year_rows(view: IndicatorView) -> SafeString:
    """Return the rows of the table by year of an indicator's series (:func:`series.year_rows`):
    the period, then its baseline, target and actual as written (a dash where there is none),
    each row on its own line; the cells laid out once for every language."""
    english = display.english()
    return _rows(
        [
            f'\n      <tr><th scope="row">{_period(period, english)}</th>{cells}</tr>'
            for period, cells in _year_layouts(view, False)
        ],
        separator="",
    )


def _year_layout(view: IndicatorView) -> list[tuple[str, str]]:
    """Lay out the table by year's rows: each its period and its cells."""
    none = '<span class="none">—</span>'
    return [
        (
            row.period,
            "".join(
                [f'<td class="value">{none if f is None else _text(f.raw)}</td>' for f in row.cells]
            ),
        )
        for row in series.year_rows(view)
    ]


_year_layouts = _Layouts(_year_layout)


def _markup_of(render: Callable[..., SafeString]) -> Callable[..., str]:
    """Return ``render``'s markup as a plain ``str`` (which an f-string copies without a call
    to ``SafeString.__str__``), remembering it for each value (for one table).

    Only :func:`_rows` takes these: they are markup already, escaped by ``render``."""
    return lru_cache(maxsize=None)(lambda *key: str.__str__(render(*key)))


def _rows(rows: Iterable[str], separator: str = "\n") -> SafeString:
    """Return the rows of a table, each on its own line unless told: f-strings of literal
    markup and the cells above or of :func:`_markup_of` only (each escaped when rendered)."""
    return SafeString(separator.join(rows))


SUMMARY_HEAD = '\n    <tr><th scope="row"><a href="{url}">{name}</a></th>'
SUMMARY_TAIL = (
    "<td>{unit}</td><td>{baseline}</td><td>{target}</td><td>{latest}</td>"
    '<td class="grade"><a href="{url}#grade"><strong>{grade}</strong>'
    '<span class="visually-hidden"> {how}</span></a>{label}</td></tr>'
)


def summary_rows(rows: list[summaries.IndicatorRow], plan: PlanInfo | None) -> SafeString:
    """Return the rows of an indicator summary: name, [place in ``plan``], unit, baseline,
    final target, latest actual and grade, each row on its own line.

    A row's markup but its place is made once for a row and the active language (a run's
    widgets, measure pages and lists show each indicator's row several times a language, the
    same row: :func:`summaries.indicator_row`), what it shows in Japanese recorded each time."""
    language = links.language()
    return _rows([_summary_row(row, plan, language) for row in rows], separator="")


def _summary_row(row: summaries.IndicatorRow, plan: PlanInfo | None, language: str | None) -> str:
    """Return one row of an indicator summary as markup, recording what it shows in Japanese."""
    found = _summaries.found(language, row)
    if found is None:
        found = _summaries.keep(_summary_parts(row, language), language, row)
    head, tail, japanese = found
    for kind, text in japanese:
        untranslated.record(kind, text)
    place = _place(row.view.node_code, plan) if plan else ""
    return f"{head}{place}{tail}"


Summary = tuple[str, str, tuple[tuple[str, str], ...]]
_summaries: Kept[Summary] = Kept(2048)


def _summary_parts(row: summaries.IndicatorRow, language: str | None) -> Summary:
    """Return a row of an indicator summary in ``language`` (the active one): its markup
    before its place and after it, and what it shows in Japanese for want of English."""
    view, a = row.view, row.result.assessment
    english = display.english_language(language)
    head = html(
        SUMMARY_HEAD,
        url=row.url,
        name=display.shown(view.name_ja, view.name_en, kind="indicator", english=english),
    )
    tail = html(
        SUMMARY_TAIL,
        url=row.url,
        unit=unit(view.unit, view.unit_en) or "—",
        baseline=_summary_figure(row.baseline, english),
        target=_summary_figure(row.target, english),
        latest=_summary_figure(row.latest, english),
        grade=a.grade,
        how=_how(language),
        label=_grade_label(a.label, language),
    )
    return str.__str__(head), str.__str__(tail), _untranslated(row, language)


def _untranslated(row: summaries.IndicatorRow, language: str | None) -> tuple[tuple[str, str], ...]:
    """Return what a summary row shows in Japanese for want of English in ``language``, by kind
    as :mod:`display` records it: the name, the unit, the grade's label."""
    if not display.english_language(language):
        return ()
    view, label = row.view, row.result.assessment.label
    found = [("indicator", view.name_ja)] if not view.name_en else []
    if view.unit and not view.unit_en:
        found.append(("unit", view.unit))
    if label and in_language(label, "en") is None:
        found.append(("explanation", label))
    return tuple(found)


@lru_cache(maxsize=16)
def _how(language: str | None) -> str:
    """Return the hidden words after a grade in ``language`` (the active one)."""
    return gettext("(how this grade was reached)")


@lru_cache(maxsize=4096)
def _grade_label(label: str, language: str | None) -> SafeString:
    """Return a grade's label after it in ``language`` (the active one), or nothing."""
    if not label:
        return SafeString("")
    return html(' <span class="grade-label">{}</span>', display.generated(label))


def _summary_figure(f: FigureView | None, english: bool) -> SafeString:
    """Return a figure cell of a summary (:func:`figure_cell`)."""
    if f is None:
        return unknown()
    value, period = _text(f.raw), _period(f.period, english)
    return SafeString(f'<span class="value">{value}</span> <span class="period">{period}</span>')


def _place(node_code: str, plan: PlanInfo) -> str:
    """Return the cell naming where in ``plan`` an indicator sits, as markup."""
    if node_code:
        url = links.node_url(plan, node_code)
        return str.__str__(html('<td><a href="{}">{}</a></td>', url, node_code))
    return f"<td>{_text(gettext('Whole plan'))}</td>"


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
    return _unknown(links.language())


@lru_cache(maxsize=16)
def _unknown(language: str | None) -> SafeString:
    """Return the notice for a value that is not known in ``language`` (the active one)."""
    return html('<span class="unknown">{}</span>', gettext("Unknown (not obtained)"))


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
