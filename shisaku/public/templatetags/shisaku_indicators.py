"""Template tags of the indicator surfaces: figures, grades, roll-ups, periods and anchors.

Every tag delegates to the modules that label and pick (:mod:`shisaku.public.coded`,
:mod:`~shisaku.public.dates`, :mod:`~shisaku.public.indicators.selection`, …) or to
:mod:`shisaku.public.display` (languages), so pages and JSON twins say the same thing.
"""

from __future__ import annotations

from datetime import datetime
from functools import cache

from django import template
from django.conf import settings
from django.utils.html import escape, format_html
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext

from shisaku.domain.plantree import Block
from shisaku.indicators.assessing import PlanAssessment
from shisaku.indicators.queries import FigureView, IndicatorView
from shisaku.public import coded, dates, display, links
from shisaku.public.indicators import chart, figure_rows, rollups, selection, summaries

register = template.Library()
LABELS = {
    "direction": coded.DIRECTIONS,
    "accumulation": coded.ACCUMULATIONS,
    "time_basis": coded.TIME_BASES,
    "source_kind": coded.SOURCE_KINDS,
    "kind": coded.FIGURE_KINDS,
    "likelihood": coded.LIKELIHOODS,
}


@register.simple_tag
def choice_label(group: str, key: str) -> str:
    """Return the label of a coded value (direction, kind, likelihood …) in the active language."""
    return coded.label(LABELS[group], key)


@register.filter
def period_label(key: str) -> str:
    """Return a period key (FY2019) or ISO date as 西暦 with 和暦, in the active language."""
    return dates.period_label(key)


@register.filter
def moment_label(when: datetime) -> str:
    """Return a date and time as 西暦 with 和暦, in local time."""
    return dates.moment_text(when)


@register.filter
def year_label(year: int) -> str:
    """Return an assessed year as 西暦 with 和暦."""
    return dates.year_label(year)


@register.filter
def grade_heading(year: int) -> str:
    """Return the heading of a year's grades."""
    return rollups.grade_heading(year)


@register.simple_tag
def unknown() -> SafeString:
    """Return the notice for a value that is not known (never a zero)."""
    return mark_safe(figure_rows.unknown())  # Safe: escaped


@register.simple_tag
def figure_cell(f: FigureView | None) -> SafeString:
    """Return a figure as written, with its period below it, or the notice that it is unknown."""
    return mark_safe(figure_rows.figure_cell(f))  # Safe: escaped


@cache
def _table_words(language: str) -> dict[str, str]:
    """Return the fixed words of indicator summaries and charts in ``language`` (the active one),
    escaped: translated once, not by a {% translate %} tag on every table and chart."""
    words = {
        "indicators": gettext("Indicators"),
        "indicator": gettext("Indicator"),
        "place": gettext("Part of the plan"),
        "unit": gettext("Unit"),
        "baseline": gettext("Baseline"),
        "final_target": gettext("Final target"),
        "latest_actual": gettext("Latest actual"),
    }
    return {key: escape(text) for key, text in words.items()}


def _words() -> dict[str, str]:
    """Return the indicator summary's words in the active language."""
    return _table_words(links.language() or settings.LANGUAGE_CODE)


@register.simple_tag
def summary_label() -> SafeString:
    """Return the label of an indicator summary's scrolling region."""
    return mark_safe(_words()["indicators"])  # Safe: escaped


@register.simple_tag(takes_context=True)
def summary_heads(context: template.Context) -> SafeString:
    """Return the headings of an indicator summary before its grade's (the place column when
    ``with_place`` is set)."""
    w = _words()
    place = f'<th scope="col">{w["place"]}</th>' if context.get("with_place") else ""
    return mark_safe(  # Safe: the words are escaped
        f'<th scope="col">{w["indicator"]}</th>{place}<th scope="col">{w["unit"]}</th>'
        f'<th scope="col">{w["baseline"]}</th><th scope="col">{w["final_target"]}</th>'
        f'<th scope="col">{w["latest_actual"]}</th>'
    )


@register.simple_tag
def chart_legend(legend: list[tuple[SafeString, str]]) -> SafeString:
    """Return a chart's legend as a labelled list (:func:`chart.legend_list`)."""
    return chart.legend_list(legend)


@register.simple_tag(takes_context=True)
def summary_rows(context: template.Context, rows: list[summaries.IndicatorRow]) -> SafeString:
    """Return the rows of an indicator summary (the place column when ``with_place`` is set)."""
    place_in = context.get("plan") if context.get("with_place") else None
    return figure_rows.summary_rows(rows, place_in)


@register.filter
def figure_note(f: FigureView) -> str:
    """Return a figure's qualifier and label."""
    return selection.figure_note(f)


@register.simple_tag
def projected(value: float | None, view: IndicatorView) -> str:
    """Return a projected value with the indicator's decimals."""
    return selection.projected(value, view)


@register.simple_tag
def japanese_content(text: str) -> SafeString:
    """Return a generated explanation, rule or label: English on English pages where it can be."""
    return display.generated(text)


@register.simple_tag
def area_label(area: str) -> SafeString:
    """Return an area named in the prose (本市, 国): translated when known, else marked."""
    if area in coded.AREAS or not area:
        return format_html("{}", coded.area_label(area))
    return display.shown(area, "")


@register.filter
def share_text(rollup: rollups.RollUpView) -> str:
    """Return a roll-up's on-track share in words."""
    return rollups.share_text(rollup)


@register.simple_tag(takes_context=True)
def block_id(context: template.Context, block: Block) -> SafeString:
    """Return ` id="…"` for a block that states a statistic listed on the page, else nothing."""
    anchors = context.get("block_anchors") or {}
    anchor = anchors.get(id(block))
    # Safe: the id is built from a section key and a number (see links.block_anchor_id).
    return format_html(' id="{}"', anchor) if anchor else mark_safe("")


@register.filter
def method_name(done: PlanAssessment) -> str:
    """Return the name of the plan's grading method."""
    return coded.method_name(done)
