"""URL configuration: the public site and the staff workspace under /ja/ and /en/."""

from django.conf.urls.i18n import i18n_patterns
from django.urls import include, path
from django.views.generic import RedirectView

from shisaku.api.app import api
from shisaku.exchange.indicatorfiles import read_indicator_bytes
from shisaku.staff.urls import staff_urls

urlpatterns = [
    path("", RedirectView.as_view(url="/ja/", permanent=False)),
    path("api/v1/", api.urls),
    *i18n_patterns(
        # the workspace before the public site; the upload reader comes from the exchange
        path("staff/reports/", include("shisaku.reports.urls")),
        path("staff/", include(staff_urls(reader=read_indicator_bytes))),
        path("", include("shisaku.public.urls")),
        prefix_default_language=True,
    ),
]
