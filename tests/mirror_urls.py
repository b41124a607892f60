"""A URL configuration with the public site under /mirror/ (tests of URL-configuration keys)."""

from django.conf.urls.i18n import i18n_patterns
from django.urls import include, path

urlpatterns = [
    *i18n_patterns(path("mirror/", include("shisaku.public.urls")), prefix_default_language=True),
]
