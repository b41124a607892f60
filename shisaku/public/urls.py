"""Public site routes: every page at ``…/``, its JSON twin at ``…/index.json`` and its main
table at ``…/index.csv`` and ``…/index.xlsx``.

A plan's indicators live under ``…/<plan>/indicators/``, its measures under
``…/<plan>/measures/`` (both filtered by the query string) and its dashboard under
``…/<plan>/dashboard/``; no node code is ``indicators``, ``measures`` or ``dashboard``.
Search is at ``/<lang>/search/?q=…``.

Each page is a :class:`~shisaku.public.renderers.Page`; :func:`routes` gives it a route per
format it has (named ``<name>``, ``<name>-json`` and ``<name>-table``).

Static publishing mirrors these paths as ``dir/index.html``, ``dir/index.json``,
``dir/index.csv`` and ``dir/index.xlsx``.
"""

from __future__ import annotations

from django.urls import URLPattern, path

import shisaku.urlcodes  # noqa: F401  (registers town, node, indicator, table)
from shisaku.public import dashboard, sdg_pages, views
from shisaku.public.comparisons import views as compare
from shisaku.public.embeds import feeds
from shisaku.public.embeds import views as embed
from shisaku.public.indicators import views as indicators
from shisaku.public.lists import views as lists
from shisaku.public.renderers import routes
from shisaku.public.search import views as search

TOWN = "<town:code>/"
PLAN = "<town:code>/<slug:slug>/"
INDICATOR = PLAN + "indicators/<indicator:indicator>/"
NODE = PLAN + "<node:node_code>/"

app_name = "public"
urlpatterns: list[URLPattern] = [
    *routes("", "home", views.HOME),
    *routes("search/", "search", search.SEARCH),
    *compare.url_patterns(),  # prefectures/, compare/ (no town code is two digits or a word)
    *routes(TOWN, "municipality", views.MUNICIPALITY),
    *routes(PLAN, "plan", views.PLAN),
    path(PLAN + "feed.atom", feeds.feed, name="plan-feed"),
    # Before the node routes: "indicators", "measures" and "dashboard" would otherwise read as
    # node codes.
    *routes(PLAN + "dashboard/", "dashboard", dashboard.DASHBOARD),
    *routes(PLAN + "measures/", "measures", lists.MEASURES),
    *routes(PLAN + "indicators/", "indicators", lists.INDICATORS),
    *routes(INDICATOR, "indicator", indicators.INDICATOR),
    *routes(INDICATOR + "widget/", "indicator-widget", embed.INDICATOR_WIDGET),
    *routes(INDICATOR + "badge.svg", "indicator-badge", embed.INDICATOR_BADGE),
    *routes(INDICATOR + "share/", "indicator-share", embed.INDICATOR_SHARE),
    *routes(PLAN + "sdgs/", "sdgs", sdg_pages.GOALS),
    *routes(PLAN + "sdgs/<int:goal>/", "sdg-goal", sdg_pages.GOAL),
    *routes(NODE, "node", views.NODE),
    path(NODE + "feed.atom", feeds.feed, name="measure-feed"),
    *routes(NODE + "widget/", "measure-widget", embed.MEASURE_WIDGET),
    *routes(NODE + "badge.svg", "measure-badge", embed.MEASURE_BADGE),
    *routes(NODE + "share/", "measure-share", embed.MEASURE_SHARE),
]
