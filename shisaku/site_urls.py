"""URL configuration of the public site alone, as ``shisaku publish`` renders it.

The same public routes under /ja/ and /en/ as :mod:`shisaku.urls` has (the public views, their
JSON twins and downloads) and its sitemaps, without the API and the staff workspace: a
publishing run resolves and builds its addresses here, so it never loads the modules of the
parts it does not write.
"""

from django.conf.urls.i18n import i18n_patterns
from django.urls import include, path

from shisaku.public import sitemap

urlpatterns = [
    *sitemap.url_patterns(),  # /sitemap.xml: one file for both languages
    *i18n_patterns(
        path("", include("shisaku.voice.web.urls")),
        path("", include("shisaku.public.urls")),
        prefix_default_language=True,
    ),
]
