"""Workspace voice routes: ``/<lang>/staff/<town>/voice/…`` (before the workspace's own routes,
where ``voice`` would read as a plan's slug)."""

from __future__ import annotations

from django.urls import URLPattern, path

import shisaku.urlcodes  # noqa: F401  (registers town, node)
from shisaku.voice.web import staff

HOME = "<town:code>/voice/"
ITEM = HOME + "<int:pk>/"
app_name = "voice-staff"
urlpatterns: list[URLPattern] = [
    path(HOME, staff.home, name="home"),
    path(HOME + "consent/", staff.policy, name="policy"),
    path(HOME + "new/", staff.new, name="new"),
    path(HOME + "easy/<slug:slug>/", staff.easy_texts, name="easy-texts"),
    path(HOME + "easy/<slug:slug>/<node:node>/", staff.easy_text, name="easy-text"),
    path(ITEM, staff.consultation, name="consultation"),
    path(ITEM + "edit/", staff.edit, name="edit"),
    path(ITEM + "opinions/new/", staff.enter, name="enter"),
    path(ITEM + "opinions/<int:opinion_pk>/", staff.opinion, name="opinion"),
    path(ITEM + "publish/", staff.publish, name="publish"),
]
