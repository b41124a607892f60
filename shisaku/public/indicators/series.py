"""An indicator page's series: the whole area, or one breakdown (a district, a sex, an age group).

An indicator's figures may carry breakdown rows (``FigureView.breakdown``: 「男性」, 「A地区」,
「65歳以上」).  The page offers a selector of them (``?breakdown=男性``, a GET form that works
without JavaScript); the chosen breakdown's figures then take the place of the whole area's in
the chart, the table by year and the table of figures.  A value that names no breakdown of the
indicator is a 400 page naming the breakdowns accepted.  Nothing here reads the database: the
figures are those the plan's view already holds.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from operator import attrgetter

from django.http import HttpRequest
from django.utils.translation import gettext

from shisaku.indicators.queries import FigureView, IndicatorView
from shisaku.public.indicators import selection
from shisaku.public.indicators.kept import Kept
from shisaku.public.params import BadParameter

KINDS = ("baseline", "target", "actual")  # the table by year's columns, in this order
LISTED = 50  # breakdowns offered in a list; with more, a text field suggests the first ones


def labels(view: IndicatorView) -> list[str]:
    """Return the indicator's breakdowns, in the order of their first figure (not to be
    changed: the last indicator's are kept, as its page asks for them twice a language)."""
    found = _last_labels.found(None, view)
    if found is None:
        found = _last_labels.keep(
            list(dict.fromkeys(filter(None, map(_BREAKDOWN, view.figures)))), None, view
        )
    return found


_last_labels: Kept[list[str]] = Kept(1)
_BREAKDOWN = attrgetter("breakdown")


@dataclass(frozen=True)
class Selector:
    """What the page's breakdown selector offers: the names listed, and whether there are more
    (then the page gives a text field suggesting them, not a list of every one)."""

    listed: list[str]
    count: int
    chosen: str

    @property
    def more(self) -> bool:
        """Tell whether there are more breakdowns than listed."""
        return self.count > len(self.listed)

    @property
    def hint(self) -> str:
        """Return the sentence under the selector: what the chart and the tables show."""
        if self.chosen:
            return gettext("The chart and the tables show the figures for %(breakdown)s.") % {
                "breakdown": self.chosen
            }
        if self.more:
            typed = gettext("Figures for the whole area; type one of the %(count)s breakdowns.")
            return typed % {"count": f"{self.count:,}"}
        return gettext("Figures for the whole area; choose a breakdown to see its own.")


def selector(view: IndicatorView, chosen: str) -> Selector | None:
    """Return the breakdown selector of an indicator, or None when it has no breakdown."""
    found = labels(view)
    return Selector(found[:LISTED], len(found), chosen) if found else None


def chosen(request: HttpRequest, view: IndicatorView) -> str:
    """Return the breakdown asked for with ``?breakdown=`` ("" for the whole area), or raise."""
    raw = request.GET.get("breakdown", "").strip()
    found = labels(view)
    if not raw or raw in found:
        return raw
    message = gettext(
        "“%(value)s” is not a breakdown of this indicator; choose one of: %(choices)s."
    ) % {"value": raw, "choices": "、".join(found) or gettext("(none)")}
    raise BadParameter("breakdown", raw, message)


def series(view: IndicatorView, breakdown: str) -> IndicatorView:
    """Return the indicator as one series: its whole area, or one breakdown's figures in its
    place (so the chart, the grade's path and the table by year read them as the whole)."""
    if not breakdown:
        return view
    figures = tuple(f._replace(breakdown="") for f in view.figures if f.breakdown == breakdown)
    return replace(view, figures=figures)


def of_breakdown(figures: list[FigureView], breakdown: str) -> list[FigureView]:
    """Return the figures of the table of figures: all of them, or the chosen breakdown's."""
    return figures if not breakdown else [f for f in figures if f.breakdown == breakdown]


@dataclass(frozen=True)
class YearRow:
    """One period of the table by year: its key (``FY2019``) and the baseline, target and
    actual."""

    period: str
    cells: tuple[FigureView | None, ...]  # in the order of KINDS


def year_rows(view: IndicatorView) -> list[YearRow]:
    """Return the series' periods, oldest first, each with its baseline, target and actual
    as written (the last current one of a kind and period; None where there is none)."""
    found: dict[tuple[int, int, str], dict[str, FigureView]] = {}
    for f in selection.ordered([f for f in view.figures if not f.breakdown]):
        found.setdefault((f.period_start, f.period_end, f.period), {})[f.kind] = f
    return [
        YearRow(key[2], tuple(by_kind.get(k) for k in KINDS))
        for key, by_kind in sorted(found.items())
    ]
