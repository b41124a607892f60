"""The content of an indicator's page (what base.html frames), written as HTML here.

Rendered by the template engine, the content cost half of the page: some 25 ``{% translate %}``
tags and a hundred nodes for each of the 600 pages of a 300-indicator plan.  Its fixed words
(headings, captions, column heads, hints) depend only on the language, so they are translated
and escaped once per language (:func:`_words`); the page's values go in by
:func:`shisaku.public.markup.html`, Django's ``format_html`` rule (text escaped, markup kept).
The markup reads as the template did, section by section; the chart's figure is
:func:`chart.figure`, as ``public/_chart.html`` draws it for the widget and the comparison.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from django.conf import settings
from django.utils.functional import Promise
from django.utils.html import escape
from django.utils.safestring import SafeString
from django.utils.translation import gettext_lazy

from shisaku.domain.plantree import Node
from shisaku.indicators.models import Figure
from shisaku.indicators.queries import IndicatorView
from shisaku.plan.queries import PlanInfo
from shisaku.public import display, links
from shisaku.public.indicators import series
from shisaku.public.indicators.chart import ChartView, figure
from shisaku.public.indicators.figure_rows import japanese
from shisaku.public.markup import html, html_join

# A message stays on one line, as the catalogue's check reads it.
# fmt: off
WORDS: dict[str, Promise] = {
    "part": gettext_lazy("Part of the plan"),
    "whole_plan": gettext_lazy("Whole plan"),
    "on_this_page": gettext_lazy("On this page"),
    "breakdown": gettext_lazy("Breakdown"),
    "whole_area": gettext_lazy("Whole area"),
    "show": gettext_lazy("Show"),
    "chart": gettext_lazy("Chart"),
    "chart_hint": gettext_lazy("The chart draws the figures that are numbers, with the targets and the straight target line from the baseline to the final target; the table gives every figure as written."),  # noqa: E501
    "figures": gettext_lazy("Baseline, targets and actuals"),
    "by_year": gettext_lazy("By year: the baseline, the target set for the year and the actual"),
    "period": gettext_lazy("Period"),
    "baseline": Figure.Kind.BASELINE.label,
    "target": Figure.Kind.TARGET.label,
    "actual": Figure.Kind.ACTUAL.label,
    "every_figure": gettext_lazy("Every figure as written"),
    "scroll": gettext_lazy("Scroll the table sideways to see every column."),
    "unknown": gettext_lazy("Unknown (not obtained)"),
    "forecast": gettext_lazy("Forecast"),
    "definition": gettext_lazy("Definition"),
    "sources": gettext_lazy("Sources"),
    "no_source": gettext_lazy("No source is cited."),
    "plan": gettext_lazy("Plan"),
    "history": gettext_lazy("Revision history"),
    "kept": gettext_lazy(
        "Corrected and revised figures are kept: every revision is listed, the current one marked."
    ),
    "share": gettext_lazy("Embed and follow"),
}
# fmt: on


@lru_cache(maxsize=8)
def _words(language: str) -> dict[str, SafeString]:
    """Return the page's fixed words in ``language`` (the active one), escaped."""
    return {key: escape(str(text)) for key, text in WORDS.items()}


def words() -> dict[str, SafeString]:
    """Return the page's fixed words in the active language, escaped."""
    return _words(links.language() or settings.LANGUAGE_CODE)


@dataclass(frozen=True)
class Source:
    """A source the page's figures cite: its text and what cites it."""

    text: str
    cited_by: str


@dataclass(frozen=True)
class Parts:
    """What the view gathered for the page's content, each part as HTML or as plain text."""

    view: IndicatorView
    plan: PlanInfo
    node: Node | None
    node_url: str
    menu: SafeString  # the items of the in-page menu (:func:`menu_items`)
    selector: series.Selector | None
    breakdown: str  # the breakdown shown ("": the whole area)
    asked_year: int | None
    chart: ChartView | None
    year_rows: SafeString
    figures: bool  # whether any figure is tabled
    figure_head: SafeString
    figure_rows: SafeString
    figures_omitted: SafeString
    grade_heading: str
    grade: SafeString
    years: SafeString
    forecast: SafeString
    definition: SafeString
    sources: list[Source]
    history_head: SafeString
    history_rows: SafeString
    history_omitted: SafeString


CONTENT = """

<h1 class="indicator"><span class="code">{code}</span> {name}</h1>
<p class="place">{part}: {place}</p>

<nav class="page-menu" aria-label="{on_this_page}">
  <ul>{menu}
  </ul>
</nav>
{selector}

{chart_section}

<section class="figures" id="table" aria-labelledby="h-figures">
  <h2 id="h-figures">{figures}{suffix}</h2>
  {year_table}
  <h3 id="h-every-figure">{every_figure}</h3>
  {figure_table}
</section>

<section class="grade" id="grade" aria-labelledby="h-grade">
  <h2 id="h-grade">{grade_heading}</h2>
  {grade}
  {years}
</section>

<section class="forecast" id="forecast" aria-labelledby="h-forecast">
  <h2 id="h-forecast">{forecast}</h2>
  {forecast_block}
</section>

<section class="definition" id="definition" aria-labelledby="h-definition">
  <h2 id="h-definition">{definition}</h2>
  {definition_block}
</section>

<section class="sources" id="sources" aria-labelledby="h-sources">
  <h2 id="h-sources">{sources}</h2>
  {sources_block}
  <p>{plan}: <a href="{plan_url}">{plan_title}</a></p>
</section>

<section class="history" id="history" aria-labelledby="h-history">
  <h2 id="h-history">{history}</h2>
  <p>{kept}</p>
  <p class="scroll-cue">{scroll}</p>
  <div class="table-scroll" tabindex="0" role="region" aria-labelledby="h-history">
  <table class="history">
    {history_head}
    <tbody>
{history_rows}
    </tbody>
  </table>
  </div>{history_omitted}
</section>

<p class="share-link"><a href="share/">{share}</a></p>
"""


# The tables' rows, the page's largest parts, are joined in once rather than copied into each
# template around them.
TOP, MIDDLE, BOTTOM = CONTENT.replace("{figure_table}", "{history_rows}").split("{history_rows}")


def content(p: Parts) -> SafeString:
    """Return the page's content: heading, menu, selector, chart, tables, grade, forecast,
    definition, sources and history."""
    language = links.language() or settings.LANGUAGE_CODE
    w, view, suffix = _words(language), p.view, _suffix(p.breakdown)
    # The name is shown before anything else records untranslated content, as the template did.
    name = display.shown(view.name_ja, view.name_en)
    top = html(
        _worded(TOP, language),
        code=view.code,
        name=name,
        place=_place(p, w),
        menu=p.menu,
        selector=_selector(p, w),
        chart_section=_chart(p.chart, suffix, w),
        suffix=suffix,
        year_table=_year_table(p.year_rows, language),
    )
    middle = html(
        _worded(MIDDLE, language),
        grade_heading=p.grade_heading,
        grade=p.grade,
        years=p.years,
        forecast_block=p.forecast,
        definition_block=p.definition,
        sources_block=_sources(p.sources, w),
        plan_url=links.plan_url(p.plan),
        plan_title=display.shown(p.plan.meta.title, p.plan.meta.title_en),
        history_head=p.history_head,
    )
    bottom = html(_worded(BOTTOM, language), history_omitted=p.history_omitted)
    pieces = [top, *_figure_table(p, w), middle, p.history_rows, bottom]
    return SafeString("".join(pieces))


class _Fields(dict[str, str]):
    """The page's fixed words by name, any other field kept as a field (to fill per page)."""

    def __missing__(self, key: str) -> str:
        return f"{{{key}}}"


@lru_cache(maxsize=32)
def _worded(template: str, language: str) -> str:
    """Return a template of the content with the fixed words of ``language`` (the active one)
    in place, the page's own fields left to fill."""
    words = _words(language).items()
    return template.format_map(
        _Fields({k: t.replace("{", "{{").replace("}", "}}") for k, t in words})
    )


def _suffix(breakdown: str) -> SafeString:
    """Return what follows a heading of the breakdown shown: its name in brackets, or nothing."""
    return html(" ({})", breakdown) if breakdown else SafeString("")


def _place(p: Parts, w: dict[str, SafeString]) -> SafeString:
    """Return the link to where the indicator sits in the plan: its node, else the plan."""
    if p.node is None:
        return html('<a href="{}">{}</a>', links.plan_url(p.plan), w["whole_plan"])
    return html(
        '<a href="{}"><span class="code">{}</span> {}</a>',
        p.node_url,
        p.node.code,
        display.node_title(p.node),
    )


def menu_items(menu: list[tuple[str, str]]) -> SafeString:
    """Return the items of the in-page menu, from (anchor, section name)."""
    return html_join("", '\n    <li><a href="#{}">{}</a></li>', menu)


SELECTOR = """
<form class="breakdown-form" method="get" action="">
  <label for="breakdown">{label}</label>{field}{year}
  <button type="submit">{show}</button>
  <p class="hint" id="breakdown-hint">{hint}</p>
</form>"""
SELECT = """
  <select id="breakdown" name="breakdown" aria-describedby="breakdown-hint">
    <option value=""{selected}>{whole_area}</option>{options}
  </select>"""
SUGGEST = """
  <input type="text" id="breakdown" name="breakdown" value="{value}" list="breakdown-names" \
aria-describedby="breakdown-hint">
  <datalist id="breakdown-names">{options}</datalist>"""


def _selector(p: Parts, w: dict[str, SafeString]) -> SafeString:
    """Return the form choosing the breakdown shown, or nothing for an indicator without."""
    s = p.selector
    if s is None:
        return SafeString("")
    language = links.language() or settings.LANGUAGE_CODE
    return _form(language, tuple(s.listed), s.count, p.breakdown, p.asked_year)


@lru_cache(maxsize=256)
def _form(
    language: str, listed: tuple[str, ...], count: int, breakdown: str, asked_year: int | None
) -> SafeString:
    """Return the form choosing among the breakdowns ``listed`` (of ``count``) in ``language``
    (the active one), made once: a plan's indicators share their districts."""
    s, w = series.Selector(list(listed), count, breakdown), _words(language)
    year = html('\n  <input type="hidden" name="year" value="{}">', asked_year)
    return html(
        SELECTOR,
        label=w["breakdown"],
        field=_suggest(s, breakdown) if s.more else _select(s, breakdown, w),
        year=year if asked_year else SafeString(""),
        show=w["show"],
        hint=s.hint,
    )


def _suggest(s: series.Selector, breakdown: str) -> SafeString:
    """Return a text field suggesting the first breakdowns (there are too many to list)."""
    return html(SUGGEST, value=breakdown, options=_suggested(tuple(s.listed)))


@lru_cache(maxsize=256)
def _suggested(listed: tuple[str, ...]) -> SafeString:
    """Return the breakdowns suggested (remembered: a plan's indicators share their districts)."""
    return html_join("", '<option value="{}">', ((label,) for label in listed))


def _select(s: series.Selector, breakdown: str, w: dict[str, SafeString]) -> SafeString:
    """Return a list of the breakdowns, the one shown selected."""
    selected = "" if breakdown else " selected"
    options = _options(tuple(s.listed), breakdown)
    return html(SELECT, selected=selected, whole_area=w["whole_area"], options=options)


@lru_cache(maxsize=256)
def _options(listed: tuple[str, ...], breakdown: str) -> SafeString:
    """Return the options of the breakdowns, the one shown selected (remembered: a plan's
    indicators share their districts)."""
    return html_join(
        "",
        '\n    <option value="{}"{}>{}</option>',
        ((label, " selected" if label == breakdown else "", label) for label in listed),
    )


CHART = """<section class="chart-section" id="chart" aria-labelledby="h-chart">
  <h2 id="h-chart">{word}{suffix}</h2>
  {figure}
</section>"""


def _chart(chart: ChartView | None, suffix: SafeString, w: dict[str, SafeString]) -> SafeString:
    """Return the chart's section, or nothing without a chart."""
    if chart is None:
        return SafeString("")
    return html(CHART, word=w["chart"], suffix=suffix, figure=figure(chart, w["chart_hint"]))


YEAR_TABLE = """<div class="table-scroll" tabindex="0" role="region" aria-labelledby="c-years">
  <table class="years">
    <caption id="c-years">{by_year}</caption>
    <thead><tr><th scope="col">{period}</th><th scope="col">{baseline}</th>\
<th scope="col">{target}</th><th scope="col">{actual}</th></tr></thead>
    <tbody>{rows}
    </tbody>
  </table>
  </div>"""


def _year_table(rows: SafeString, language: str) -> SafeString:
    """Return the table by year, or nothing when it has no row."""
    return html(_worded(YEAR_TABLE, language), rows=rows) if rows else SafeString("")


FIGURE_TABLE = """<p class="scroll-cue">{scroll}</p>
  <div class="table-scroll" tabindex="0" role="region" aria-labelledby="h-every-figure">
  <table class="figures">
    {head}
    <tbody>
{rows}
    </tbody>
  </table>
  </div>{omitted}"""
FIGURE_TABLE_OPEN, FIGURE_TABLE_CLOSE = FIGURE_TABLE.split("{rows}")


def _figure_table(p: Parts, w: dict[str, SafeString]) -> list[SafeString]:
    """Return the table of every figure as written (its rows joined in by the caller), or that
    none is known."""
    if not p.figures:
        return [html('<p class="source-note">{}</p>', w["unknown"])]
    return [
        html(FIGURE_TABLE_OPEN, scroll=w["scroll"], head=p.figure_head),
        p.figure_rows,
        html(FIGURE_TABLE_CLOSE, omitted=p.figures_omitted),
    ]


def _sources(sources: list[Source], w: dict[str, SafeString]) -> SafeString:
    """Return the list of sources, each with what cites it, or that none is cited."""
    if not sources:
        return html("<p>{}</p>", w["no_source"])
    english = display.english()
    items = html_join(
        "",
        '\n    <li>{} <span class="cited-by">({})</span></li>',
        ((japanese(s.text, english), s.cited_by) for s in sources),
    )
    return html("<ul>{}\n  </ul>", items)
