"""Public site routes: every page at ``…/``, its JSON twin at ``…/index.json`` and its main
table at ``…/index.csv`` and ``…/index.xlsx``.

A plan's indicators live under ``…/<plan>/indicators/``, its measures under
``…/<plan>/measures/`` (both filtered by the query string) and its dashboard under
``…/<plan>/dashboard/``; no node code is ``indicators``, ``measures`` or ``dashboard``.
Search is at ``/<lang>/search/?q=…``.

Static publishing mirrors these paths as ``dir/index.html``, ``dir/index.json``,
``dir/index.csv`` and ``dir/index.xlsx``.
"""

from __future__ import annotations

from django.urls import URLPattern, path

import shisaku.urlcodes  # noqa: F401  (registers town, node, indicator, table)
from shisaku.public import (
    dashboard,
    embed,
    feeds,
    lists,
    sdg_pages,
    search,
    tables,
    views,
)
from shisaku.public.comparisons import views as compare
from shisaku.public.indicators import views as indicators

TOWN = "<town:code>/"
PLAN = "<town:code>/<slug:slug>/"
INDICATOR = PLAN + "indicators/<indicator:indicator>/"
NODE = PLAN + "<node:node_code>/"
JSON = "index.json"
TABLE = "index.<table:fmt>"

app_name = "public"
urlpatterns: list[URLPattern] = [
    path("", views.home, name="home"),
    path(JSON, views.home_json, name="home-json"),
    path(TABLE, tables.home_table, name="home-table"),
    path("search/", search.search, name="search"),
    path("search/" + JSON, search.search_json, name="search-json"),
    path("search/" + TABLE, search.search_table, name="search-table"),
    *compare.url_patterns(),  # prefectures/, compare/ (no town code is two digits or a word)
    path(TOWN, views.municipality, name="municipality"),
    path(TOWN + JSON, views.municipality_json, name="municipality-json"),
    path(TOWN + TABLE, tables.municipality_table, name="municipality-table"),
    path(PLAN, views.plan, name="plan"),
    path(PLAN + JSON, views.plan_json, name="plan-json"),
    path(PLAN + TABLE, tables.plan_table, name="plan-table"),
    path(PLAN + "feed.atom", feeds.feed, name="plan-feed"),
    # Before the node routes: "indicators", "measures" and "dashboard" would otherwise read as
    # node codes.
    path(PLAN + "dashboard/", dashboard.dashboard, name="dashboard"),
    path(PLAN + "dashboard/" + JSON, dashboard.dashboard_json, name="dashboard-json"),
    path(PLAN + "dashboard/" + TABLE, dashboard.dashboard_table, name="dashboard-table"),
    path(PLAN + "measures/", lists.measures, name="measures"),
    path(PLAN + "measures/" + JSON, lists.measures_json, name="measures-json"),
    path(PLAN + "measures/" + TABLE, lists.measures_table, name="measures-table"),
    path(PLAN + "indicators/", lists.indicators, name="indicators"),
    path(PLAN + "indicators/" + JSON, lists.indicators_json, name="indicators-json"),
    path(PLAN + "indicators/" + TABLE, lists.indicators_table, name="indicators-table"),
    path(INDICATOR, indicators.indicator, name="indicator"),
    path(INDICATOR + JSON, indicators.indicator_json, name="indicator-json"),
    path(INDICATOR + TABLE, tables.indicator_table, name="indicator-table"),
    path(INDICATOR + "widget/", embed.indicator_widget, name="indicator-widget"),
    path(INDICATOR + "badge.svg", embed.indicator_badge, name="indicator-badge"),
    path(INDICATOR + "share/", embed.indicator_share, name="indicator-share"),
    path(PLAN + "sdgs/", sdg_pages.sdgs, name="sdgs"),
    path(PLAN + "sdgs/<int:goal>/", sdg_pages.goal, name="sdg-goal"),
    path(PLAN + "sdgs/<int:goal>/" + JSON, sdg_pages.goal_json, name="sdg-goal-json"),
    path(NODE, views.node, name="node"),
    path(NODE + JSON, views.node_json, name="node-json"),
    path(NODE + TABLE, tables.node_table, name="node-table"),
    path(NODE + "feed.atom", feeds.feed, name="measure-feed"),
    path(NODE + "widget/", embed.measure_widget, name="measure-widget"),
    path(NODE + "badge.svg", embed.measure_badge, name="measure-badge"),
    path(NODE + "share/", embed.measure_share, name="measure-share"),
]
