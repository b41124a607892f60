"""Answers remembered for the last few objects asked about, the one way the indicator pages
keep them.

A run's pages, and a live site's views, ask several times in a row for the same answer about
the same object: an indicator's figures in table order, its breakdowns, a graded indicator's
summary row.  The objects asked about never change once made (a plan's views and grades are
read once and replaced, not edited), so an answer worked out once stays right while the
object lives.

An answer is found by the objects' identity, never by their content: two plans' indicators may
be equal and still be different objects of different places.  Each answer is kept with the
objects it was worked out from, so that while it is remembered their ids cannot be given to
new objects, and it is checked against them (``is``) before it is returned.  At most ``size``
answers are kept; the oldest is forgotten first.

The threads of a live server share these: finding is a dictionary look-up and identity checks,
without a lock; keeping and forgetting take a lock, so forgetting never meets another thread's
change halfway (it never raises), and a thread finds an answer either whole or not at all.
"""

from __future__ import annotations

from collections.abc import Hashable
from threading import Lock
from typing import Generic, TypeVar

T = TypeVar("T")


class Kept(Generic[T]):
    """The last ``size`` answers worked out from a key (compared by equality: a language, a
    place) and one or two objects that never change (compared by identity)."""

    def __init__(self, size: int) -> None:
        self.size = size
        self._kept: dict[tuple[int, int, Hashable], tuple[object, object, T]] = {}
        self._changing = Lock()

    def found(self, key: Hashable, a: object, b: object = None) -> T | None:
        """Return the answer kept for ``key``, ``a`` and ``b``, or None."""
        hit = self._kept.get((id(a), id(b), key))
        return hit[2] if hit is not None and hit[0] is a and hit[1] is b else None

    def keep(self, answer: T, key: Hashable, a: object, b: object = None) -> T:
        """Keep ``answer`` for ``key``, ``a`` and ``b`` (forgetting the oldest beyond
        ``size``) and return it."""
        at = (id(a), id(b), key)
        with self._changing:
            kept = self._kept
            kept.pop(at, None)
            kept[at] = (a, b, answer)
            while len(kept) > self.size:
                del kept[next(iter(kept))]
        return answer
