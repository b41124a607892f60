"""The indicator page's definition, grade and forecast blocks as HTML.

These blocks are lists of facts, each a label and a value picked by a rule (a fallback, an
unknown notice, a Japanese-only marker); written as template tags they were some hundred tags
a page, the most of an indicator page's cost when a whole site is published.  Here they are
built with the same helpers the tags use (:mod:`coded`, :mod:`selection`, :mod:`display`) and the
builder of :mod:`markup` (``format_html``'s rule: text escaped, markup kept), so each block is a
``SafeString`` that the template writes whole.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache
from typing import Any

from django.conf import settings
from django.utils.functional import Promise
from django.utils.html import escape
from django.utils.safestring import SafeString
from django.utils.translation import gettext, gettext_noop

from shisaku.domain.assessment_scales import Explanation
from shisaku.domain.explain import in_language
from shisaku.indicators.assessing import IndicatorResult, PlanAssessment
from shisaku.indicators.breakdowns import SHOWN_PER_PERIOD
from shisaku.indicators.queries import IndicatorView
from shisaku.plan.queries import PlanInfo
from shisaku.public import coded, dates, display, links, untranslated
from shisaku.public.indicators import figure_rows, selection
from shisaku.public.markup import html, html_join, markup
from shisaku.public.templatetags.shisaku_compare import common_indicator

Fact = tuple[str, str]  # a label and its value: plain text (escaped) or SafeString (HTML)
NOTHING = SafeString("")


def facts(items: Sequence[Fact], css: str, indent: str) -> SafeString:
    """Return a ``<dl>`` of facts, one ``<dt>``/``<dd>`` pair a line under ``indent`` (``css``
    and ``indent`` are literal markup: a class name and spaces), each label and value as
    :func:`markup.html` takes them (text escaped, markup kept), written as f-strings: a page
    has four lists of facts."""
    rows = "".join([f"\n{indent}  <dt>{markup(k)}</dt><dd>{markup(v)}</dd>" for k, v in items])
    return SafeString(f'<dl class="{css}">{rows}\n{indent}</dl>')


# The labels of an indicator's definition, in its order (a message stays on one line, as the
# catalogue's check reads it).
DEFINITION = (
    gettext_noop("How it is calculated"),
    gettext_noop("Unit"),
    gettext_noop("Direction"),
    gettext_noop("Single year or cumulative"),
    gettext_noop("Time basis"),
    gettext_noop("Kind of source"),
    gettext_noop("Source"),
    gettext_noop("Department"),
    gettext_noop("Why this target"),
    gettext_noop("Note"),
)
# The coded facts of a definition, by the field of the view that holds them.
CODED: dict[str, dict[str, Promise]] = {
    "direction": coded.DIRECTIONS,
    "accumulation": coded.ACCUMULATIONS,
    "time_basis": coded.TIME_BASES,
    "source_kind": coded.SOURCE_KINDS,
}


def definition(view: IndicatorView, plan: PlanInfo) -> SafeString:
    """Return the facts defining an indicator: calculation, unit, direction, source …"""
    unknown, english = figure_rows.unknown(), display.english()
    language = links.language() or settings.LANGUAGE_CODE
    how, unit, direction, accumulation, basis, kind, source, department, why, note = _labels(
        language, DEFINITION
    )
    items: list[Fact] = [
        (how, _shown(view.definition_ja, view.definition_en, unknown)),
        (unit, figure_rows.unit(view.unit, view.unit_en) or "—"),
        (direction, _coded(language, "direction", view.direction)),
        (accumulation, _coded(language, "accumulation", view.accumulation)),
        (basis, _coded(language, "time_basis", view.time_basis)),
        (kind, _coded(language, "source_kind", view.source_kind)),
        (source, figure_rows.japanese(view.source, english) or unknown),
        (department, figure_rows.japanese(view.department, english) or unknown),
        (why, _shown(view.rationale_ja, view.rationale_en, "—")),
        (note, _shown(view.note_ja, view.note_en, "—")),
    ]
    if view.common_code:
        code = common_indicator(view.common_code, plan.municipality_code)
        items.append((_fixed(gettext_noop("Common indicator code")), code))
    if view.undated:
        undated = _undated(view.undated)
        items.append((_fixed(gettext_noop("Printed in the plan without a period")), undated))
    return facts(items, "facts", "  ")


@lru_cache(maxsize=16)
def _labels(language: str, messages: tuple[str, ...]) -> tuple[SafeString, ...]:
    """Return ``messages`` translated into ``language`` (the active one) and escaped, made once."""
    return tuple(_translated(language, message) for message in messages)


@lru_cache(maxsize=256)
def _coded(language: str, field: str, key: str) -> SafeString:
    """Return the label of a coded fact (the ``choice_label`` tag) in ``language`` (the active
    one), escaped, made once."""
    return escape(coded.label(CODED[field], key))


def _undated(entries: list[dict[str, Any]]) -> SafeString:
    """Return the figures a plan printed without a period, as printed: 「基準値 1.38」."""
    kinds = coded.FIGURE_KINDS
    shown = [f"{kinds.get(str(e.get('kind')), '')} {e.get('raw', '')}".strip() for e in entries]
    return html_join("<br>", "{}", ((text,) for text in shown))


def grade(result: IndicatorResult, done: PlanAssessment) -> SafeString:
    """Return an indicator's grade with its explanation, the method and the scale."""
    a, language = result.assessment, links.language()
    label = html(' <span class="grade-label">{}</span>', _generated(a.label)) if a.label else ""
    inputs = [(_generated(k), _generated(v)) for k, v in a.explanation.inputs.items()]
    listed = facts(inputs, "facts inputs", "    ") if inputs else NOTHING
    return html(
        '<p class="grade-result"><strong class="grade">{}</strong>{}</p>\n  {}\n  {}',
        a.grade,
        SafeString(label),
        _explanation(a.explanation, "formula", listed),
        _method(language, done.config.method, _generated(done.config.scale.name), done.preset),
    )


@lru_cache(maxsize=64)
def _method(language: str | None, method: str, scale: SafeString, preset: str) -> SafeString:
    """Return the facts of a plan's grading: its method and its scale (``scale``: its name as
    shown, recorded by the caller when in Japanese) in ``language`` (the active one), made once
    for every indicator of the plan."""
    shown_preset = html(" <code>{}</code>", preset) if preset else NOTHING
    facts_of: list[Fact] = [
        (_fixed(gettext_noop("Grading method")), coded.label(coded.METHODS, method)),
        (_fixed(gettext_noop("Grade scale")), html("{}{}", scale, shown_preset)),
    ]
    return facts(facts_of, "facts", "  ")


def forecast(result: IndicatorResult) -> SafeString:
    """Return an indicator's forecast: the likelihood, the projections and how they were made."""
    f, view = result.forecast, result.indicator
    if f is None:
        no = gettext("No forecast is made: the indicator has no numeric target.")
        return html("<p>{}</p>\n  ", no)
    likelihood = coded.label(coded.LIKELIHOODS, f.likelihood)
    linear = _fixed(gettext_noop("Linear projection to the target year"))
    compound = _fixed(gettext_noop("Compound growth projection to the target year"))
    projections = [(linear, f.linear), (compound, f.compound)]
    listed = facts([(k, selection.projected(v, view)) for k, v in projections], "facts", "  ")
    return html(
        '<p class="likelihood"><strong>{}</strong></p>\n  {}\n  {}',
        likelihood,
        listed if f.status == "ok" else NOTHING,
        _explanation(f.explanation, "method", None),
    )


def years(page_url: str, graded: list[int], current: int) -> SafeString:
    """Return the links to the indicator's page (``page_url``) graded in each year with an
    actual (none: nothing), the year ``current`` marked."""
    if not graded:
        return NOTHING
    language, url = links.language(), markup(page_url)
    items = "".join(
        [
            f'<li><a href="{url}?year={year:d}"{CURRENT if year == current else ""}>'
            f"{_year_label(language, year)}</a></li>"
            for year in graded
        ]
    )
    return html(
        '<nav class="years" aria-label="{0}"><p>{0}:</p>\n    <ul>{1}</ul>\n  </nav>',
        _fixed(gettext_noop("Grade in another year")),
        SafeString(items),
    )


CURRENT = ' aria-current="page"'


@lru_cache(maxsize=256)
def _year_label(language: str | None, year: int) -> str:
    """Return the label of ``year`` in ``language`` (the active one), escaped, made once."""
    return str.__str__(escape(dates.year_label(year)))


def figures_omitted(count: int, page_url: str) -> SafeString:
    """Return the notice under the figures table that breakdown rows were left out (none:
    nothing), with the downloads that hold every figure."""
    if not count:  # most tables leave nothing out: nothing to translate
        return NOTHING
    text = gettext(
        "%(count)s breakdown rows are not shown (at most %(shown)s per kind and period)."
    )
    return _omitted(text, count, page_url)


def history_omitted(count: int, page_url: str) -> SafeString:
    """Return the notice under the revision history that breakdown rows were left out."""
    if not count:
        return NOTHING
    text = gettext(
        "%(count)s breakdown revisions are not shown (at most %(shown)s per kind and period)."
    )
    return _omitted(text, count, page_url)


def _omitted(text: str, count: int, page_url: str) -> SafeString:
    """Return a notice of rows left out (``count``: some), linking the page's CSV and xlsx
    downloads."""
    files = [("CSV", links.data_url(page_url, "csv")), ("Excel", links.data_url(page_url, "xlsx"))]
    return html(
        '<p class="source-note omitted">{} {} {}</p>',
        text % {"count": f"{count:,}", "shown": SHOWN_PER_PERIOD},
        gettext("Every current figure is in the downloads:"),
        html_join(" ", '<a href="{}">{}</a>', ((url, label) for label, url in files)),
    )


EXPLANATION = (
    '\n  <div class="explanation"{lang}>{inputs}\n    <p class="{css}">{formula}</p>\n'
    '    <p class="result">{result}</p>\n  </div>'
)


def _explanation(explanation: Explanation, css: str, listed: SafeString | None) -> SafeString:
    """Return an explanation, after the list of its inputs when given: in English on English
    pages where every part of it can be, else in Japanese (recorded as untranslated)."""
    formula, result = explanation.formula, explanation.result
    lang = NOTHING
    if display.english():
        en = (in_language(formula, "en"), in_language(result, "en"))
        if en[0] is None or en[1] is None:
            untranslated.record("explanation", formula)
            lang = SafeString(' lang="ja"')
        else:
            formula, result = en[0], en[1]
    return html(
        EXPLANATION,
        lang=lang,
        inputs=NOTHING if listed is None else html("\n    {}", listed),
        css=css,
        formula=formula,
        result=result,
    )


def _fixed(message: str) -> SafeString:
    """Return a fixed label (its message marked by ``gettext_noop``) in the active language,
    escaped: translated once per language."""
    return _translated(links.language() or settings.LANGUAGE_CODE, message)


@lru_cache(maxsize=256)
def _translated(language: str, message: str) -> SafeString:
    """Return ``message`` translated into ``language`` (the active one) and escaped."""
    return escape(gettext(message))


def _generated(text: str) -> SafeString:
    """Return what :func:`display.generated` returns for ``text`` (a grading's label or
    input), worked out once per language and text and recorded as untranslated each time it
    shows in Japanese on an English page, as that function records it."""
    shown, japanese = _generated_in(links.language(), text)
    if japanese:
        untranslated.record("explanation", text)
    return shown


@lru_cache(maxsize=4096)
def _generated_in(language: str | None, text: str) -> tuple[SafeString, bool]:
    """Return ``text`` as :func:`display.generated` shows it in ``language`` (the active one),
    and whether in Japanese for want of English."""
    return display.generated(text), display.english() and in_language(text, "en") is None


def _shown(ja: str, en: str, missing: str) -> str:
    """Return content in the active language as HTML, or ``missing`` (plain text) when there is
    none."""
    return display.shown(ja, en, kind="indicator_text") if ja or en else missing
