"""A municipality's public pages, kept per process while its data is unchanged.

A page of a municipality (its plans, a plan, a node, the indicators, the dashboard, their JSON
twins and downloads) depends only on the URL asked for and on that municipality's published
data: the public views read no cookie, header or user.  So, as the comparison pages do
(:mod:`shisaku.public.comparisons.cache`), each process keeps the answers it gave, keyed by the URL
and by the municipality's revision stamp
(:func:`shisaku.evaluation.revision.municipality_revision`, one primary-key read, raised in the
transaction of every write to the municipality); the home page and its twins are keyed by the
stamp of all the data.  The key holds the local date as well: the pages list the consultations
open today (:mod:`shisaku.public.consultations`), so an answer kept yesterday is not reused
today.  A request reads the stamp before anything else, so a write is seen on
the next request, and a write elsewhere leaves the kept answers valid.

The middleware sits right after the one that picks the request's database
(:class:`shisaku.dbrouter.PrimaryPinMiddleware`), so the stamp comes from the database the
page's data would come from, and before the others: a kept answer is the response as they
left it (their headers included), and a request answered from the store skips them and the
URL resolver.  Which requests may be answered is told from the path (``/<lang>/<6 digits>/…``
or the home page); an answer is kept only when the URL resolved to one of the views below, for
that municipality, gave 200 and set no cookie.  Nothing is kept or reused inside a transaction
(:func:`shisaku.evaluation.kept_answers.keeps`), and the store is bounded by bytes.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.utils import timezone

from shisaku.evaluation.kept_answers import Answer, Store, keeps
from shisaku.evaluation.plan_store import EVERYWHERE
from shisaku.evaluation.revision import data_revision, municipality_revision

CAPACITY = 64 * 2**20  # bytes of answers kept per process (a plan's page: up to ~1 MiB)
STORE = Store(CAPACITY)
MUNICIPALITY_VIEWS = frozenset(
    {
        *("municipality", "plan", "dashboard", "indicators", "indicator", "node"),
        *("municipality-json", "plan-json", "dashboard-json", "indicators-json"),
        *("indicator-json", "node-json", "municipality-table", "plan-table"),
        *("dashboard-table", "indicators-table", "indicator-table", "node-table"),
        *("sdgs", "sdg-goal", "sdg-goal-json"),
    }
)
EVERYWHERE_VIEWS = frozenset({"home", "home-json", "home-table"})


LANGUAGE = "(?:" + "|".join(code for code, _ in settings.LANGUAGES) + ")"
MUNICIPALITY_PATH = re.compile(f"^/{LANGUAGE}/([0-9]{{6}})/")
HOME_PATH = re.compile(f"^/{LANGUAGE}/(?:index\\.[a-z]+)?$")


def scope_of(path: str) -> str | None:
    """Return the municipality code a public page's path names, EVERYWHERE (home), or None."""
    found = MUNICIPALITY_PATH.match(path)
    if found:
        return found[1]
    return EVERYWHERE if HOME_PATH.match(path) else None


def resolved_to(request: HttpRequest, scope: str) -> bool:
    """Tell whether the request was answered by a view kept under ``scope``."""
    match = request.resolver_match
    if match is None or match.app_name != "public":
        return False
    if scope == EVERYWHERE:
        return match.url_name in EVERYWHERE_VIEWS
    return match.url_name in MUNICIPALITY_VIEWS and match.kwargs.get("code") == scope


class KeptPagesMiddleware:
    """Answer a public page from the store while its municipality's data is unchanged."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        """Return the kept answer at the page's stamp, or the response, kept if it may be."""
        scope = scope_of(request.path_info)
        if scope is None or request.method not in ("GET", "HEAD") or not keeps(request):
            return self.get_response(request)
        stamp = data_revision() if scope == EVERYWHERE else municipality_revision(scope)
        key = f"{stamp!r} {timezone.localdate()} {request.method} {request.build_absolute_uri()}"
        found = STORE.get(key)
        if found is not None:
            return found.response()
        response = self.get_response(request)
        if (
            response.status_code == 200
            and not response.streaming
            and not response.cookies
            and resolved_to(request, scope)
        ):
            STORE.put(key, Answer(200, response.content, tuple(response.headers.items())))
        return response
