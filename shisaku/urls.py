"""URL configuration: the public site under /ja/ and /en/."""

from django.conf.urls.i18n import i18n_patterns
from django.urls import include, path
from django.views.generic import RedirectView

urlpatterns = [
    path("", RedirectView.as_view(url="/ja/", permanent=False)),
    *i18n_patterns(path("", include("shisaku.public.urls")), prefix_default_language=True),
]
