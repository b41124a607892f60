"""The rows of the indicator page's two long tables (figures, revision history) as HTML.

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
from shisaku.public import display, grades


def figure_rows(figures: list[FigureView], breakdown: bool) -> SafeString:
    """Return the rows of the figures table: kind, period, [district], value, notes, source."""
    cell = _Cells()
    rows = []
    for f in figures:
        cells = [
            f'<tr class="{escape(f.kind)}"><th scope="row">{cell.kind(f.kind)}</th>',
            f"<td>{cell.period(f.period)}</td>",
            f"<td>{cell.japanese(f.breakdown)}</td>" if breakdown else "",
            f'<td class="value">{escape(f.raw)}</td>',
            f"<td>{cell.japanese(grades.figure_note(f))}</td>",
            f"<td>{cell.japanese_content(f.note)}</td>",
            f"<td>{cell.japanese(f.source)}</td></tr>",
        ]
        rows.append("".join(cells))
    return mark_safe("\n".join(rows))  # Safe: every cell is escaped above


def history_rows(history: list[FigureView], breakdown: bool) -> SafeString:
    """Return the rows of the revision history: kind, period, [district], value, who, when."""
    cell = _Cells()
    current, superseded = gettext("Current"), gettext("Superseded")
    rows = []
    for f in history:
        cells = [
            f'<tr class="{"current" if f.is_current else "superseded"}">',
            f'<th scope="row">{cell.kind(f.kind)}</th><td>{cell.period(f.period)}</td>',
            f"<td>{cell.japanese(f.breakdown)}</td>" if breakdown else "",
            f'<td class="value">{escape(f.raw)}</td><td>{f.revision}</td>',
            f"<td>{escape(f.entered_by)}</td><td>{cell.moment(_minute(f.entered_at))}</td>",
            f"<td>{current if f.is_current else superseded}</td></tr>",
        ]
        rows.append("".join(cells))
    return mark_safe("\n".join(rows))  # Safe: every cell is escaped above


class _Cells:
    """Cell renderers for one table in the active language, each value rendered once."""

    def __init__(self) -> None:
        english = display.english()
        self.kind = _once(lambda k: escape(grades.label(grades.FIGURE_KINDS, k)))
        self.period = _once(lambda p: escape(grades.period_label(p)))
        self.japanese = _once(lambda t: _japanese(t, english) if t else "")
        self.japanese_content = _once(lambda t: display.shown(t, "") if t else "")
        self.moment = _once(
            lambda when: (
                f'<time datetime="{timezone.localtime(when).isoformat("T", "minutes")}">'
                f"{escape(grades.moment_text(when))}</time>"
            )
        )


def _once(render: Callable[[Any], str]) -> Callable[[Any], str]:
    """Return ``render`` remembering its answer for each value (for one table)."""
    return lru_cache(maxsize=None)(render)


def _minute(when: datetime) -> datetime:
    """Return a time to the minute, as the history shows it (so that it renders once)."""
    return when.replace(second=0, microsecond=0)


def _japanese(text: str, english: bool) -> str:
    """Return Japanese-only content, tagged lang="ja" on English pages (the ``japanese`` tag)."""
    return f'<span lang="ja">{escape(text)}</span>' if english else escape(text)
