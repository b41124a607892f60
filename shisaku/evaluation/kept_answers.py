"""Answers kept per process while the data they show is unchanged: the store the public pages
(:mod:`shisaku.public.kept_pages`), the comparison pages
(:mod:`shisaku.public.comparisons.cache`) and the API's public reads (:mod:`shisaku.api.kept`)
keep their responses in, and the rule of when a request may use it.

Each interface keys its answers by the URL and by a revision stamp
(:mod:`shisaku.evaluation.revision`) read before anything else, so a kept answer is never
older than its stamp and a write is seen on the next request.  The store is a
least-recently-used dict bounded by the bytes of the bodies; each process has its own, so
nothing needs invalidating across processes (a new process starts empty).
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from dataclasses import dataclass

from django.db import transaction
from django.http import HttpRequest, HttpResponse

from shisaku.evaluation.reads import ATTRIBUTE


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

    def __init__(self, capacity: int) -> None:
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


def keeps(request: HttpRequest) -> bool:
    """Tell whether answers to ``request`` may be kept and reused: only those computed from
    committed data, so not inside a transaction (its writes may still be rolled back, and
    SQLite may then hand out the same ids again), nor beside a request's own reads (a
    publishing run brings its own)."""
    return not transaction.get_connection().in_atomic_block and not hasattr(request, ATTRIBUTE)
