"""The API's public reads, kept per process while the data they show is unchanged.

An anonymous GET of the API depends only on its URL (path and query, scheme and host: the
answers hold addresses) and on the published data: the read operations take no user, and
their page addresses are in Japanese whatever the request's language (:mod:`.links`).  So, as
the public pages do (:mod:`shisaku.public.kept_pages`), each process keeps the answers it
gave, with their ETag, keyed by the URL and by a revision stamp read before anything else
(:mod:`shisaku.evaluation.revision`): an address under ``/municipalities/<code>/`` by that
municipality's stamp (a write to one of its plans, figures or consultations raises it, a write
elsewhere leaves it), any other address (the list of municipalities, search, prefectures,
comparisons, the index, the reference) by the stamp of all the data.  A write is therefore
seen on the next request.  The key also holds the local date (a consultation is ``open``
today) and the active language (should an answer ever depend on it).

Only anonymous reads are kept or answered from the store: not a request with an
``Authorization`` header or a session cookie, whatever the operation, so an answer given to
someone signed in is never handed to anyone else.  Only 200s that set no cookie are kept, and
nothing is kept or reused inside a transaction or beside a request's own reads
(:func:`shisaku.evaluation.kept_answers.keeps`, the rule the public pages follow), in a store
of the API's own (:class:`shisaku.evaluation.kept_answers.Store`).
"""

from __future__ import annotations

import re
from typing import Any

from django.conf import settings
from django.http import HttpRequest, HttpResponseBase
from django.utils import timezone, translation

from shisaku.evaluation.kept_answers import Answer, Store, keeps
from shisaku.evaluation.revision import data_revision, municipality_revision

CAPACITY = 32 * 2**20  # bytes of answers kept per process (a plan's 300 indicators: ~1 MiB)
CODE = re.compile(r"[0-9]{6}")


STORE = Store(CAPACITY)


def anonymous(request: HttpRequest) -> bool:
    """Tell whether a request carries no credentials: no Authorization, no session cookie."""
    return "Authorization" not in request.headers and (
        settings.SESSION_COOKIE_NAME not in request.COOKIES
    )


def kept_for(request: HttpRequest) -> bool:
    """Tell whether the answer to ``request`` may be kept and reused (see the module's doc)."""
    return request.method == "GET" and anonymous(request) and keeps(request)


def key_of(request: HttpRequest, kwargs: dict[str, Any]) -> str | None:
    """Return the key of the request's answer at the current stamp of what it shows, or None
    when it may not be kept (read the stamp first: data read after it is never older)."""
    if not kept_for(request):
        return None
    day, language = timezone.localdate(), translation.get_language()
    return f"{stamp_of(kwargs)!r} {day} {language} {request.build_absolute_uri()}"


def stamp_of(kwargs: dict[str, Any]) -> object:
    """Return the stamp of the municipality the path names, else the stamp of all the data."""
    code = kwargs.get("code")
    if isinstance(code, str) and CODE.fullmatch(code):
        return municipality_revision(code)
    return data_revision()


def keep(key: str | None, response: HttpResponseBase) -> None:
    """Keep a read's response under ``key`` if it is a 200 that sets no cookie."""
    content = getattr(response, "content", None)
    if key is None or response.status_code != 200 or not isinstance(content, bytes):
        return
    if not response.cookies:
        STORE.put(key, Answer(200, content, tuple(response.headers.items())))
