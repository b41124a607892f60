"""A municipality's public pages, kept per process while its data is unchanged.

A page of a municipality (its plans, a plan, a node, the indicators, the dashboard, their JSON
twins and downloads) depends only on the URL asked for and on that municipality's published
data: the public views read no cookie, header or user.  So, as the comparison pages do
(:mod:`shisaku.public.compare_cache`), each process keeps the answers it gave, keyed by the URL
and by the municipality's revision stamp
(:func:`shisaku.evaluation.revision.municipality_revision`, one primary-key read, raised in the
transaction of every write to the municipality); the home page and its twins are keyed by the
stamp of all the data.  A request reads the stamp before anything else, so a write is seen on
the next request, and a write elsewhere leaves the kept answers valid.

This middleware sits last, so a kept answer is the view's own response and every other
middleware treats it as it treats a fresh one.  Nothing is kept or reused inside a transaction
or for a publishing run (the rules of :func:`shisaku.public.compare_cache.keeps`), and only
200 answers are kept, in a store bounded by bytes.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.http import HttpRequest, HttpResponse

from shisaku.evaluation.plan_store import EVERYWHERE
from shisaku.evaluation.revision import data_revision, municipality_revision
from shisaku.public.compare_cache import Answer, Store, keeps

STORE = Store()
KEY = "_shisaku_kept_page"  # the request attribute holding the key its answer is kept under
MUNICIPALITY_VIEWS = frozenset(
    {
        *("municipality", "plan", "dashboard", "indicators", "indicator", "node"),
        *("municipality-json", "plan-json", "dashboard-json", "indicators-json"),
        *("indicator-json", "node-json", "municipality-table", "plan-table"),
        *("dashboard-table", "indicators-table", "indicator-table", "node-table"),
    }
)
EVERYWHERE_VIEWS = frozenset({"home", "home-json", "home-table"})


def scope_of(request: HttpRequest, kwargs: dict[str, Any]) -> str | None:
    """Return the municipality code whose data a public page shows, EVERYWHERE, or None."""
    match = request.resolver_match
    name = match.url_name if match is not None and match.app_name == "public" else None
    if name in MUNICIPALITY_VIEWS and isinstance(kwargs.get("code"), str):
        return str(kwargs["code"])
    return EVERYWHERE if name in EVERYWHERE_VIEWS else None


class KeptPagesMiddleware:
    """Answer a public page from the store while its municipality's data is unchanged."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        """Keep the view's answer when :meth:`process_view` gave the request a key."""
        response = self.get_response(request)
        key = getattr(request, KEY, None)
        if isinstance(key, str) and response.status_code == 200 and not response.streaming:
            STORE.put(key, Answer(200, response.content, tuple(response.headers.items())))
        return response

    def process_view(
        self,
        request: HttpRequest,
        view: Callable[..., HttpResponse],
        args: tuple[Any, ...],
        kwargs: dict[str, Any],
    ) -> HttpResponse | None:
        """Return the kept answer of the page at its stamp, if any; else mark the request."""
        scope = scope_of(request, kwargs)
        if scope is None or request.method not in ("GET", "HEAD") or not keeps(request):
            return None
        stamp = data_revision() if scope == EVERYWHERE else municipality_revision(scope)
        key = f"{stamp!r} {request.method} {request.build_absolute_uri()}"
        found = STORE.get(key)
        if found is not None:
            return found.response()
        setattr(request, KEY, key)
        return None
