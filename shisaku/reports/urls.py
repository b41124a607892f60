"""The workspace's reports pages, included under /<lang>/staff/reports/."""

from django.urls import re_path

from shisaku.reports import views

PLAN = r"^(?P<code>[0-9]{6})/(?P<slug>[-a-zA-Z0-9_]+)/"  # 全国地方公共団体コード and plan slug

app_name = "reports"
urlpatterns = [
    re_path(PLAN + "$", views.reports_page, name="page"),
    re_path(PLAN + "download/$", views.download, name="download"),
]
