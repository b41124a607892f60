"""The prefecture and comparison pages' answers, kept per process while the data is unchanged.

These pages read every municipality of a prefecture, or of the country, and grade them: far
too much work to repeat on every request.  Their answer (the HTML, the JSON twin, the CSV or
xlsx) depends only on the URL asked for and on the published data, so each process keeps the
answers it gave, keyed by the URL (scheme and host included: the downloads hold absolute
URLs) and by :func:`shisaku.evaluation.revision.data_revision`, the stamp of the revision
counters that every write raises.  A request first reads the stamp (one query); any change to the
data since an answer was kept gives a new stamp, so the next request computes afresh and a
kept answer is never served stale.  The stamp is read before the data, so an answer is never
older than its stamp.

Only answers computed from committed data are kept
(:func:`shisaku.evaluation.kept_answers.keeps`), and only 200s, in a store of their own
(:class:`shisaku.evaluation.kept_answers.Store`).
"""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Concatenate, ParamSpec

from django.http import HttpRequest, HttpResponse

from shisaku.evaluation.kept_answers import Answer, Store, keeps
from shisaku.evaluation.revision import data_revision

P = ParamSpec("P")
View = Callable[Concatenate[HttpRequest, P], HttpResponse]
CAPACITY = 64 * 2**20  # bytes of answers kept per process (a nationwide page is ~2 MiB)


STORE = Store(CAPACITY)


def key_of(request: HttpRequest, revision: tuple[int, int, str]) -> str:
    """Return the key of a request's answer at a revision of the data."""
    return f"{revision!r} {request.method} {request.build_absolute_uri()}"


def kept(view: View[P]) -> View[P]:
    """Serve the view's answer from the store while the data is unchanged; keep 200s."""

    @wraps(view)
    def wrapper(request: HttpRequest, /, *args: P.args, **kwargs: P.kwargs) -> HttpResponse:
        if not keeps(request) or request.method not in ("GET", "HEAD"):
            return view(request, *args, **kwargs)
        key = key_of(request, data_revision())
        found = STORE.get(key)
        if found is not None:
            return found.response()
        response = view(request, *args, **kwargs)
        if response.status_code == 200 and not response.streaming:
            STORE.put(key, Answer(200, response.content, tuple(response.headers.items())))
        return response

    return wrapper
