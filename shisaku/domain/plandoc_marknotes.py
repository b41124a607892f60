"""A numbered note under a table that dates the figures marked with its number.

A table marks a figure (「81.5%(※2)」) and explains it in a note under the rows: 「※2 平成30年
住宅・土地統計調査をもとにした推計値です」.  When the note names the survey or statistic the figure
comes from with its year, that year is the figure's period, in place of the one the header gives
its column; a figure that prints its own period keeps it.  A note that names no year of a survey
or statistic dates nothing.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable

from shisaku.domain.docindicators import DocFigure, DocIndicator
from shisaku.domain.figurecells import read_figure_cell
from shisaku.domain.periods import Period, PeriodError, read_period
from shisaku.domain.values import CellError

_MARKED_NOTE = re.compile(r"^[※*](?P<mark>[0-9]+)\s*(?P<text>\S.*)$")
_SURVEY_YEAR = re.compile(
    r"(?P<period>(?:令和|平成|昭和)(?:元|[0-9]{1,2})年度?|[0-9]{4}年度?)の?"
    r"[^、。\s0-9]{0,20}?(?:調査|統計|センサス)"
)


def note_dates(texts: Iterable[str]) -> dict[str, Period]:
    """Return, by its mark (※2), the period each numbered note gives the figures it marks."""
    found: dict[str, Period] = {}
    for text in texts:
        m = _MARKED_NOTE.match(unicodedata.normalize("NFKC", text.strip()))
        year = _SURVEY_YEAR.search(m["text"]) if m else None
        if m is None or year is None:
            continue
        try:
            found[f"※{m['mark']}"] = read_period(year["period"])
        except PeriodError:
            continue
    return found


def date_marked(indicators: list[DocIndicator], dates: dict[str, Period]) -> None:
    """Give each figure marked with a note's mark the period that note names, unless the
    figure's cell prints its own."""
    for indicator in indicators:
        for figure in (indicator.baseline, *indicator.targets):
            period = _dated(figure, dates) if figure is not None else None
            if figure is not None and period is not None:
                figure.period = period


def _dated(figure: DocFigure, dates: dict[str, Period]) -> Period | None:
    """Return the period a note gives a figure by its mark, or None."""
    try:
        cell = read_figure_cell(figure.raw)
    except (CellError, PeriodError):
        return None
    marks = re.findall(r"※[0-9]+", cell.marks)
    if cell.period is not None or len(marks) != 1:
        return None
    return dates.get(marks[0])
