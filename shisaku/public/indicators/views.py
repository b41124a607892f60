"""Indicator pages: one indicator (definition, figures, grade, forecast, history) and the list.

An indicator's page reads as the best statistics sites do (Open SDG): a menu of its sections,
then the chart, the table (by year: baseline, target and actual; then every figure as written),
the grade, the forecast, the definition, the sources and the revision history.

``?year=YYYY`` picks the year graded (default: the plan's latest year with an actual), on the
pages and their twins alike; ``?breakdown=男性`` shows one breakdown's series in the chart and
the tables (:mod:`series`).  Grades come from :func:`assess_plan`, the same as on
every other surface; a page costs a fixed number of queries whatever the plan's size.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.safestring import SafeString
from django.utils.translation import gettext

from shisaku.indicators import breakdowns
from shisaku.indicators.queries import FigureView, IndicatorView
from shisaku.plan.queries import PlanInfo
from shisaku.public import dates, display, links, params
from shisaku.public.documents import Crumb
from shisaku.public.downloads.tables import indicator_table
from shisaku.public.indicators import blocks, page, rollups, selection, series
from shisaku.public.indicators import chart as indicator_chart
from shisaku.public.indicators import documents as idocs
from shisaku.public.indicators.figure_rows import (
    figure_head,
    figure_rows,
    history_head,
    history_rows,
    year_rows,
)
from shisaku.public.indicators.graded import Graded, graded
from shisaku.public.renderers import Page


def sources(view: IndicatorView, figures: list[FigureView]) -> list[page.Source]:
    """Return the indicator's citation, then each other source its figures name (once)."""
    out = [page.Source(view.source, gettext("The indicator"))] if view.source else []
    cited: dict[str, list[str]] = {}
    for f in figures:
        if f.source and f.source != view.source:
            cited.setdefault(f.source, []).append(dates.period_label(f.period))
    each = ", " if display.english() else "、"
    out += [page.Source(text, each.join(dict.fromkeys(periods))) for text, periods in cited.items()]
    return out


def menu(chart: bool) -> list[tuple[str, str]]:
    """Return the page's in-page menu: (anchor, section name), in the page's order."""
    items = [
        ("chart", gettext("Chart")),
        ("table", gettext("Table")),
        ("grade", gettext("Grade")),
        ("forecast", gettext("Forecast")),
        ("definition", gettext("Definition")),
        ("sources", gettext("Sources")),
        ("history", gettext("Revision history")),
    ]
    return items if chart else items[1:]


@lru_cache(maxsize=16)
def _menu(language: str | None, chart: bool) -> SafeString:
    """Return the in-page menu's items in ``language`` (the active one), made once."""
    return page.menu_items(menu(chart))


@lru_cache(maxsize=64)
def _grade_heading(language: str | None, year: int) -> str:
    """Return the heading of the grades of ``year`` in ``language`` (the active one), made once."""
    return rollups.grade_heading(year)


def indicator(request: HttpRequest, g: Graded) -> HttpResponse:
    """Show an indicator: chart, tables, its grade explained, forecast, definition, sources and
    history, for the whole area or the breakdown asked for (the language and the routes read
    once for the whole page: :func:`shisaku.public.renderers.view` holds them)."""
    view = g.result.indicator
    chosen = series.chosen(request, view)  # a bad breakdown is told before a bad year
    asked = params.assessed_year(request)
    page_url = links.indicator_url(g.plan, view.code, asked)
    parts = _parts(g, chosen, asked, page_url)
    context = {
        "crumbs": g.trail,
        "page_title": f"{view.code} {display.plain(view.name_ja, view.name_en)}",
        "breakdown": parts.breakdown,
        "page_url": page_url,
        "content": page.content(parts),
    }
    return render(request, "public/indicator.html", context)


def _parts(g: Graded, chosen: str, asked: int | None, page_url: str) -> page.Parts:
    """Return the parts of the indicator page's content, for the breakdown ``chosen`` ("": the
    whole area) and the year ``asked`` (None: the default)."""
    view = g.result.indicator
    history = series.of_breakdown(g.history, chosen)
    if chosen:
        figures = breakdowns.shown(series.of_breakdown(selection.ordered(view.figures), chosen))
        revisions = breakdowns.shown(selection.ordered(history))
    else:
        figures, revisions = selection.tables(view, history)
    breakdown = any(f.breakdown for f in history)
    years = selection.actual_years(view)
    chart = indicator_chart.chart_view(g.result, g.done.year, g.done.config.method, chosen)
    return page.Parts(
        view=view,
        plan=g.plan,
        node=g.path[-1] if g.path else None,
        node_url=links.node_link(g.plan, g.path) if g.path else "",
        menu=_menu(links.language(), chart is not None),
        selector=series.selector(view, chosen),
        breakdown=chosen,
        asked_year=asked,
        chart=chart,
        year_rows=year_rows(series.series(view, chosen)),
        figures=bool(figures.figures),
        figure_head=figure_head(breakdown),
        figure_rows=figure_rows(figures.figures, breakdown),
        figures_omitted=blocks.figures_omitted(figures.omitted, page_url),
        grade_heading=_grade_heading(links.language(), g.done.year),
        grade=blocks.grade(g.result, g.done),
        years=blocks.years(links.indicator_url(g.plan, view.code), years, g.done.year),
        forecast=blocks.forecast(g.result),
        definition=blocks.definition(view, g.plan),
        sources=sources(view, figures.figures),
        history_head=history_head(breakdown),
        history_rows=history_rows(revisions.figures, breakdown, view.department),
        history_omitted=blocks.history_omitted(revisions.omitted, page_url),
    )


def indicator_json(request: HttpRequest, g: Graded) -> dict[str, Any]:
    """Return an indicator's page as JSON."""
    return idocs.indicator_document(g.plan, g.trail, g.done, g.result, g.history)


def list_crumb(info: PlanInfo) -> Crumb:
    """Return the breadcrumb of a plan's list of indicators."""
    return Crumb("indicators", "指標の一覧", "Indicators", links.indicators_url(info))


INDICATOR = Page(graded, indicator, indicator_json, indicator_table)
