"""The widgets and the share pages' content, written as HTML here.

Rendered by the template engine, each cost a template of a few dozen nodes and a dozen words
looked up, for each indicator and measure in each language.  Their fixed words depend only on
the language, so they are translated and escaped once per language (:func:`words`); the values
go in by :func:`shisaku.public.markup.html`, Django's ``format_html`` rule (text escaped, markup
kept).  The markup reads as the templates did: a widget is a whole page of its own (no site
frame; its table is ``public/_indicator_table.html``'s, its chart ``public/_chart.html``'s), a
share page's content is framed by ``base.html`` (``public/share.html``).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING

from django import template
from django.conf import settings
from django.utils.html import escape
from django.utils.safestring import SafeString
from django.utils.translation import gettext

from shisaku.indicators.assessing import PlanAssessment
from shisaku.public import display, links, progress
from shisaku.public.embeds.badges import Badge
from shisaku.public.indicators import rollups, summaries
from shisaku.public.indicators.chart import ChartView, figure
from shisaku.public.indicators.figure_rows import summary_rows
from shisaku.public.markup import html
from shisaku.public.templatetags.shisaku_indicators import summary_heads, summary_label
from shisaku.public.templatetags.shisaku_public import static_url

if TYPE_CHECKING:
    from shisaku.public.embeds.views import Subject

NOTHING = SafeString("")
WIDGET_HEIGHT = {"indicator": 560, "measure": 420}  # the iframe heights the snippets suggest


@lru_cache(maxsize=8)
def _words(language: str) -> dict[str, SafeString]:
    """Return the widgets' and share pages' words translated into ``language`` (the active one)
    and escaped."""
    # A message stays on one line, as the catalogue's check reads it.
    # fmt: off
    words = {
        "status": gettext("Status"),
        "no_indicator": gettext("No indicator has been set for this measure yet."),
        "full_page": gettext("See the full page on Shisaku"),
        "back": gettext("Back to the page"),
        "embed": gettext("Embed on your site"),
        "embed_help": gettext("Copy this HTML into your page: it shows the figures and the grade as they are published here, and stays up to date."),  # noqa: E501
        "iframe_html": gettext("HTML of the embedded view"),
        "copy_iframe": gettext("Copy the HTML of the embedded view"),
        "copied": gettext("Copied."),
        "preview": gettext("Preview"),
        "badge": gettext("Badge"),
        "badge_html": gettext("HTML of the badge"),
        "copy_badge": gettext("Copy the HTML of the badge"),
        "follow": gettext("Follow the updates"),
        "follow_help": gettext("Add this address to a feed reader to hear of new figures and published evaluations (Atom):"),  # noqa: E501
    }
    # fmt: on
    return {key: escape(text) for key, text in words.items()}


def words() -> dict[str, SafeString]:
    """Return the widgets' and share pages' words in the active language, escaped."""
    return _words(_language())


def _language() -> str:
    """Return the active language (the settings' when none is)."""
    return links.language() or settings.LANGUAGE_CODE


class _Kept(dict[str, object]):
    """The words of a template (its fields ``{w[name]}``), any other field kept as it is."""

    def __missing__(self, key: str) -> str:
        return "{" + key + "}"


@lru_cache(maxsize=16)
def _worded(template: str, language: str) -> str:
    """Return ``template`` with the words of ``language`` (escaped) filled in once, its other
    fields kept for the values of each page."""
    words = {k: v.replace("{", "{{").replace("}", "}}") for k, v in _words(language).items()}
    return template.format_map(_Kept(w=words))


# --- the widget -------------------------------------------------------------------------------

WIDGET = """<!DOCTYPE html>

<html lang="{language}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<title>{title} | 施策 Shisaku</title>
<link rel="stylesheet" href="{css}">
<link rel="canonical" href="{page_link}">
<base target="_blank">
</head>
<body class="widget">
<main id="main">
<h1 class="widget-title"><a href="{page_url}" rel="noopener"><span class="code">{code}</span> \
{name}</a></h1>
<p class="place">{plan_title} <span class="period">{period}</span></p>
{status}
{table}
{chart}
<p class="widget-source"><a href="{page_url}" rel="noopener">{w[full_page]}</a></p>
</main>
</body>
</html>
"""
STATUS = (
    '<p class="widget-status">{word}: <strong class="status status-{status}">{label}</strong></p>'
)


def widget(
    subject: Subject,
    page_link: str,
    done: PlanAssessment,
    rows: list[summaries.IndicatorRow],
    status: progress.MeasureRow | None = None,
    chart: ChartView | None = None,
) -> SafeString:
    """Return a widget, a whole page: the subject's name and plan, the measure's ``status``,
    the ``rows`` of its indicators (graded in ``done``) and the indicator's ``chart``."""
    w, meta = words(), subject.plan.meta
    return html(
        _worded(WIDGET, _language()),
        language=links.language(),
        title=subject.title,
        css=static_url("shisaku/site.css"),
        page_link=page_link,
        page_url=subject.page_url,
        code=subject.code,
        name=subject.name,
        plan_title=display.shown(meta.title, meta.title_en),
        period=display.period(meta),
        status=html(STATUS, word=w["status"], status=status.status, label=status.label)
        if status
        else NOTHING,
        table=_table(rows, done) if rows else html("<p>{}</p>", w["no_indicator"]),
        chart=figure(chart, NOTHING) if chart else NOTHING,
    )


TABLE = """<div class="table-scroll" tabindex="0" role="region" aria-label="{label}">
<table class="indicator-summary">
  <thead><tr>{heads}<th scope="col">{heading}</th></tr></thead>
  <tbody>"""


def _table(rows: list[summaries.IndicatorRow], done: PlanAssessment) -> SafeString:
    """Return the summary of the indicators, graded in ``done``, then a blank line (as the
    template included ``public/_indicator_table.html``)."""
    head = _table_head(links.language(), done.year)
    return SafeString(f"{head}{summary_rows(rows, None)}\n  </tbody>\n</table>\n</div>\n\n")


@lru_cache(maxsize=64)
def _table_head(language: str | None, year: int) -> str:
    """Return the start of a summary graded in ``year`` in ``language`` (the active one), as
    markup made once."""
    heading = rollups.grade_heading(year)
    heads = summary_heads(template.Context())
    return html(TABLE, label=summary_label(), heads=heads, heading=heading)


# --- the share page ---------------------------------------------------------------------------

SHARE = """
<h1>{page_title}</h1>
<p class="place"><a href="{page_url}">{w[back]}</a></p>
<section class="share-widget" aria-labelledby="h-widget">
  <h2 id="h-widget">{w[embed]}</h2>
  <p>{w[embed_help]}</p>
  <p><label for="snippet-iframe">{w[iframe_html]}</label><br>
  <textarea id="snippet-iframe" class="snippet" data-copy-label="{w[copy_iframe]}" \
data-copied-label="{w[copied]}" readonly rows="4">{iframe_snippet}</textarea></p>
  <h3 id="h-preview">{w[preview]}</h3>
  <iframe class="widget-preview widget-{kind}" src="{widget_url}" title="{title}" \
loading="lazy"></iframe>
</section>
<section class="share-badge" aria-labelledby="h-badge">
  <h2 id="h-badge">{w[badge]}</h2>
  <p><img src="{badge_url}" alt="{badge_label}: {badge_value}"></p>
  <p><label for="snippet-badge">{w[badge_html]}</label><br>
  <textarea id="snippet-badge" class="snippet" data-copy-label="{w[copy_badge]}" \
data-copied-label="{w[copied]}" readonly rows="3">{badge_snippet}</textarea></p>
</section>
<section class="share-feed" aria-labelledby="h-feed">
  <h2 id="h-feed">{w[follow]}</h2>
  <p>{w[follow_help]}</p>
  <p><a href="{feed_url}">{feed_link}</a></p>
</section>
"""


IFRAME = (
    '<iframe src="{}" title="{}" width="100%" height="{}" '
    'style="border:1px solid #c8ccd2" loading="lazy"></iframe>'
)
BADGE = '<a href="{}"><img src="{}" alt="{}: {}"></a>'


@dataclass(frozen=True)
class Addresses:
    """A subject's addresses with the site's scheme and host, as the snippets give them, and
    its feed's (``feed_url``: on this site)."""

    page: str
    widget: str
    badge: str
    feed_url: str
    feed: str


def share(subject: Subject, badge: Badge, page_title: str, at: Addresses) -> SafeString:
    """Return a share page's content: the widget's snippet and preview, the badge's, the feed."""
    height = WIDGET_HEIGHT[subject.kind]
    iframe = html(IFRAME, at.widget, subject.title, height)
    image = html(BADGE, at.page, at.badge, badge.label, badge.value)
    return html(
        _worded(SHARE, _language()),
        page_title=page_title,
        page_url=subject.page_url,
        iframe_snippet=escape(iframe),  # the snippet's markup shown as text
        kind=subject.kind,
        widget_url=subject.widget_url,
        title=subject.title,
        badge_url=subject.badge_url,
        badge_label=badge.label,
        badge_value=badge.value,
        badge_snippet=escape(image),
        feed_url=at.feed_url,
        feed_link=at.feed,
    )
