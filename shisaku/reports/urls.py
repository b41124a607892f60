"""The workspace's reports pages, included under /<lang>/staff/reports/."""

from django.urls import path

from shisaku.reports import views

app_name = "reports"
urlpatterns = [
    path("<str:code>/<slug:slug>/", views.reports_page, name="page"),
    path("<str:code>/<slug:slug>/download/", views.download, name="download"),
]
