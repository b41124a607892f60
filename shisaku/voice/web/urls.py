"""Public voice routes, under a municipality: ``/<lang>/<town>/voice/…`` (before the public
site's routes, where ``voice`` would read as a plan's slug)."""

from __future__ import annotations

from django.urls import URLPattern, path

import shisaku.urlcodes  # noqa: F401  (registers town, node, table)
from shisaku.voice.web import feeds, kids, public

ITEM = "<town:code>/voice/<int:pk>/"
app_name = "voice"
urlpatterns: list[URLPattern] = [
    path("<town:code>/voice/", public.consultations, name="list"),
    path("<town:code>/voice/feed.atom", feeds.town_feed, name="feed"),
    path(
        "<town:code>/voice/measures/<node:node>/feed.atom", feeds.measure_feed, name="measure-feed"
    ),
    path("<town:code>/voice/kids/<slug:slug>/", kids.plan_page, name="kids-plan"),
    path("<town:code>/voice/kids/<slug:slug>/<node:node>/", kids.node_page, name="kids-node"),
    path(ITEM, public.consultation, name="consultation"),
    path(ITEM + "feed.atom", feeds.consultation_feed, name="consultation-feed"),
    path(ITEM + "result.<table:fmt>", public.result_table, name="result-table"),
    path(ITEM + "result.json", public.result_json, name="result-json"),
]
