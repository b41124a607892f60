"""Public site routes: every page at ``…/`` and its JSON twin at ``…/index.json``.

A plan's indicators live under ``…/<plan>/indicators/``; no node code is ``indicators``.

Static publishing mirrors these paths as ``dir/index.html`` and ``dir/index.json``.
"""

from __future__ import annotations

from django.urls import URLPattern, path, register_converter

from shisaku.public import indicators, views


class MunicipalityCodeConverter:
    """A 6-digit 全国地方公共団体コード."""

    regex = "[0-9]{6}"

    def to_python(self, value: str) -> str:
        """Return the code as given."""
        return value

    def to_url(self, value: str) -> str:
        """Return the code as given."""
        return value


class NodeCodeConverter(MunicipalityCodeConverter):
    """A plan node code such as 2-1-1 or 2-1-1.1.2 (dots and dashes allowed)."""

    regex = r"[0-9A-Za-z.\-]+"


class IndicatorCodeConverter(MunicipalityCodeConverter):
    """An indicator code as the plan's files give it (anything but a slash)."""

    regex = "[^/]+"


register_converter(MunicipalityCodeConverter, "town")
register_converter(NodeCodeConverter, "node")
register_converter(IndicatorCodeConverter, "indicator")

PLAN = "<town:code>/<slug:slug>/"
INDICATOR = PLAN + "indicators/<indicator:indicator>/"

app_name = "public"
urlpatterns: list[URLPattern] = [
    path("", views.home, name="home"),
    path("index.json", views.home_json, name="home-json"),
    path("<town:code>/", views.municipality, name="municipality"),
    path("<town:code>/index.json", views.municipality_json, name="municipality-json"),
    path("<town:code>/<slug:slug>/", views.plan, name="plan"),
    path("<town:code>/<slug:slug>/index.json", views.plan_json, name="plan-json"),
    # Before the node routes: "indicators" would otherwise read as a node code.
    path(PLAN + "indicators/", indicators.indicators, name="indicators"),
    path(PLAN + "indicators/index.json", indicators.indicators_json, name="indicators-json"),
    path(INDICATOR, indicators.indicator, name="indicator"),
    path(INDICATOR + "index.json", indicators.indicator_json, name="indicator-json"),
    path("<town:code>/<slug:slug>/<node:node_code>/", views.node, name="node"),
    path("<town:code>/<slug:slug>/<node:node_code>/index.json", views.node_json, name="node-json"),
]
