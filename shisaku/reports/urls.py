"""The workspace's reports pages, included under /<lang>/staff/reports/."""

from django.urls import path

import shisaku.urlcodes  # noqa: F401  (registers town)
from shisaku.reports import views

app_name = "reports"
urlpatterns = [
    path("<town:code>/<slug:slug>/", views.reports_page, name="page"),
    path("<town:code>/<slug:slug>/download/", views.download, name="download"),
]
