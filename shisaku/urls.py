"""URL configuration: the public site and the staff workspace under /ja/ and /en/."""

from django.conf.urls.i18n import i18n_patterns
from django.urls import include, path
from django.views.generic import RedirectView

from shisaku.api.app import api
from shisaku.exchange import translation_files as tf
from shisaku.exchange.indicatorfiles import read_indicator_bytes
from shisaku.exchange.planfiles import PlanFileError, read_plan_bytes
from shisaku.public import sitemap
from shisaku.public.favicon import favicon
from shisaku.schemas.views import schema
from shisaku.staff.planimport_reader import PlanFiles
from shisaku.staff.urls import staff_urls
from shisaku.staff.views_translation import TranslationFiles

PLAN_FILES = PlanFiles(read=read_plan_bytes, error=PlanFileError)
TRANSLATION_FILES = TranslationFiles(
    export=tf.export_file,
    read=tf.read_file,
    preview=tf.preview_file,
    apply=tf.apply_file,
    progress=tf.progress_of,
    errors=tf.ERRORS,
)
STAFF = staff_urls(
    reader=read_indicator_bytes, plan_files=PLAN_FILES, translation_files=TRANSLATION_FILES
)

urlpatterns = [
    path("", RedirectView.as_view(url="/ja/", permanent=False)),
    path("favicon.ico", favicon, name="favicon"),
    *sitemap.url_patterns(),  # /sitemap.xml: one file for both languages
    path("api/v1/", api.urls),
    path("schemas/<path:name>.json", schema, name="schema"),  # docs/schemas.md
    *i18n_patterns(
        # the workspace before the public site; the upload readers come from the exchange
        path("staff/reports/", include("shisaku.reports.urls")),
        path("staff/", include("shisaku.voice.web.staff_urls")),  # before the workspace's plans
        path("staff/", include(STAFF)),
        path("", include("shisaku.voice.web.urls")),  # before the public plans: see there
        path("", include("shisaku.public.urls")),
        prefix_default_language=True,
    ),
]
