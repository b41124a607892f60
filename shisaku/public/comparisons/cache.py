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

Only answers computed from committed data are kept: not those given inside a transaction
(its writes may still be rolled back, and SQLite may then hand out the same ids again), nor
those of a publishing run (it brings its own reads).  Answers other than 200 are not kept.
The store is a least-recently-used dict bounded by bytes; each process has its own, so
nothing needs invalidating across processes (a new process starts empty).
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass
from functools import wraps
from typing import Concatenate, ParamSpec

from django.db import transaction
from django.http import HttpRequest, HttpResponse

from shisaku.evaluation.reads import ATTRIBUTE
from shisaku.evaluation.revision import data_revision

P = ParamSpec("P")
View = Callable[Concatenate[HttpRequest, P], HttpResponse]
CAPACITY = 64 * 2**20  # bytes of answers kept per process (a nationwide page is ~2 MiB)


@dataclass(frozen=True)
class Answer:
    """A response as kept: status, body and headers."""

    status: int
    content: bytes
    headers: tuple[tuple[str, str], ...]

    def response(self) -> HttpResponse:
        """Return a new response with this answer."""
        return HttpResponse(self.content, status=self.status, headers=dict(self.headers))


class Store:
    """A thread-safe least-recently-used dict of answers, bounded by their bytes."""

    def __init__(self, capacity: int = CAPACITY) -> None:
        self.capacity, self.size = capacity, 0
        self.answers: OrderedDict[str, Answer] = OrderedDict()
        self.lock = threading.Lock()

    def get(self, key: str) -> Answer | None:
        """Return the answer kept for ``key``, if any (and mark it recently used)."""
        with self.lock:
            found = self.answers.get(key)
            if found is not None:
                self.answers.move_to_end(key)
            return found

    def put(self, key: str, answer: Answer) -> None:
        """Keep ``answer``, dropping the least recently used ones beyond the capacity."""
        if len(answer.content) > self.capacity:
            return
        with self.lock:
            old = self.answers.pop(key, None)
            self.size += len(answer.content) - (len(old.content) if old else 0)
            self.answers[key] = answer
            while self.size > self.capacity:
                _, dropped = self.answers.popitem(last=False)
                self.size -= len(dropped.content)

    def clear(self) -> None:
        """Forget every answer."""
        with self.lock:
            self.answers.clear()
            self.size = 0


STORE = Store()


def keeps(request: HttpRequest) -> bool:
    """Tell whether answers to ``request`` may be kept and reused (see the module's doc)."""
    return not transaction.get_connection().in_atomic_block and not hasattr(request, ATTRIBUTE)


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
