"""Each process's store of the public reads of recently asked municipalities.

A live request's :class:`~shisaku.evaluation.reads.Reads` keeps what it loads (a plan found by
its slug, the tree, the indicators with their figures, the histories, the grades per year, the
statistics, the evaluations, the exchange document) in the :class:`Memo` of the plan's
municipality at the municipality's revision stamp
(:func:`shisaku.evaluation.revision.municipality_revision`, one primary-key read per request),
so later requests for any page of that municipality reuse it, until a write to the
municipality raises its stamp: the next request then finds a memo for another stamp, drops it
and loads afresh, all but the figure histories of indicators whose figures did not change
(handed on from memo to memo).  A write elsewhere leaves the memo valid.  The list of published
municipalities is kept the same way under the stamp of all the data (scope :data:`EVERYWHERE`).

The store keeps the memos of at most ``SHISAKU_PLAN_CACHE_SIZE`` municipalities, dropping the
least recently used; each process has its own, so nothing needs invalidating across processes
(each reads the stamp).  Behind it, where a shared cache is configured
(:mod:`shisaku.evaluation.shared_views`), each answer worth sharing that a memo builds is also
stored there under the same municipality and stamp, and a memo asked for such an answer it
lacks looks there before it is built: a second server process reuses what the first built.

What is kept is shared by every request of the process: callers read it and never change it.
Each memo has a lock, held while one of its answers is loaded, so that many requests arriving
after a write load the plan once, not once each.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Hashable
from dataclasses import dataclass, field
from typing import Any

from django.core.cache.backends.base import BaseCache

from shisaku import conf
from shisaku.evaluation import shared_views

EVERYWHERE = "*"  # the scope of reads across municipalities (the list of them)


@dataclass
class Counts:
    """How many answers worth sharing this process built, found in the shared cache and
    stored there."""

    built: int = 0
    shared: int = 0
    stored: int = 0


COUNTS = Counts()


class Answers(dict[tuple[Any, ...], Any]):
    """A memo's answers by key, backed by the shared cache when one is configured.

    An answer set here was built by this process: if worth sharing, it is also stored in the
    shared cache.  Such an answer asked for (``in``, ``get``) and not here is looked for in the
    shared cache first.
    """

    def __init__(self, scope: str, stamp: Hashable, shared: BaseCache | None) -> None:
        super().__init__()
        self.scope, self.stamp, self.shared = scope, stamp, shared

    def __contains__(self, key: object) -> bool:
        if super().__contains__(key):
            return True
        if self.shared is None or not isinstance(key, tuple) or not shared_views.shared(key):
            return False
        found, value = shared_views.fetch(self.shared, self._name(key))
        if found:
            COUNTS.shared += 1
            super().__setitem__(key, value)
        return found

    def get(self, key: tuple[Any, ...], default: Any = None) -> Any:
        if key in self:  # looks in the shared cache too
            return super().get(key)
        return default

    def __setitem__(self, key: tuple[Any, ...], value: Any) -> None:
        super().__setitem__(key, value)
        if self.shared is None or not shared_views.shared(key):
            return
        COUNTS.built += 1
        if shared_views.store(self.shared, self._name(key), value):
            COUNTS.stored += 1

    def _name(self, key: tuple[Any, ...]) -> str:
        return shared_views.cache_key(self.scope, self.stamp, key)


@dataclass
class Memo:
    """The answers loaded for one municipality at one revision stamp."""

    stamp: Hashable
    answers: dict[tuple[Any, ...], Any] = field(default_factory=dict)
    lock: threading.RLock = field(default_factory=threading.RLock)
    # each plan's figure histories by indicator id, with the signature they were read at
    # (shisaku.indicators.queries.figure_signatures): handed on to the memo of the next stamp,
    # so that after a write only the indicators whose figures changed are read again
    histories: dict[int, dict[int, tuple[tuple[int, int], list[Any]]]] = field(default_factory=dict)
    # each plan's indicator views by indicator id, handed on likewise: a view equal to the one
    # kept is replaced by it, so grading (which remembers what it derived from each view
    # object) works again only on the indicators that changed
    views: dict[int, dict[int, Any]] = field(default_factory=dict)


class Store:
    """A thread-safe least-recently-used dict of memos, one per municipality."""

    def __init__(self, capacity: int) -> None:
        self.capacity = capacity
        self.memos: OrderedDict[str, Memo] = OrderedDict()
        self.lock = threading.Lock()

    def memo(self, scope: str, stamp: Hashable) -> Memo:
        """Return the memo of ``scope`` at ``stamp``: the kept one, or a new one kept instead."""
        with self.lock:
            found = self.memos.get(scope)
            if found is None or found.stamp != stamp:
                old, found = found, Memo(stamp, Answers(scope, stamp, shared_views.cache()))
                if old is not None:  # what stays valid from memo to memo
                    found.histories, found.views = old.histories, old.views
                self.memos[scope] = found
            self.memos.move_to_end(scope)
            while len(self.memos) > self.capacity:
                self.memos.popitem(last=False)
            return found

    def clear(self) -> None:
        """Forget every memo."""
        with self.lock:
            self.memos.clear()


def capacity() -> int:
    """Return the number of municipalities whose reads a process keeps (the setting)."""
    try:
        return max(0, int(conf.get("SHISAKU_PLAN_CACHE_SIZE")))
    except ValueError:
        raise ValueError("SHISAKU_PLAN_CACHE_SIZE must be a whole number") from None


STORE = Store(capacity())
