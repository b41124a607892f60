"""A read cache for one publishing run: each plan is loaded and graded once, not once a page.

Every public page loads its plan (tree, indicators and all their figures) and grades every
indicator again (:func:`shisaku.indicators.assessing.assess_plan`): right for a live site, where
each request stands alone, but quadratic for a run that renders every page of a plan (600
indicators: about a second a page, so hours for the site).  The public views cannot be handed a
shared result, so for the length of a run this module memoises the reads and the grading steps
*below* the views, where the views (and ``assess_plan``) look them up at call time: the plan
queries, the indicator query ``assess_plan`` uses, and the grading steps inside
``assess_plan``.  The views themselves are not touched.

A run is read-only and single-threaded, so a cached answer is the answer the database would
give.  Arguments are keyed by value when they are plain (str, int, …), element by element when
they are lists or tuples, and by identity otherwise; the cache holds on to every argument it
keyed by identity, so an identity is never reused for another object while the cache lives.
Cached objects are shared between pages, which only read them.

:data:`CACHED` lists what is memoised; a test checks that every name still exists, so a
refactor below cannot silently turn the cache off.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from types import ModuleType
from typing import Any

from shisaku.indicators import assessing
from shisaku.indicators import queries as indicator_queries
from shisaku.plan import queries as plan_queries

# (module, name) whose function is memoised for the run; the same function bound under its
# name in several modules shares one memo.
CACHED: list[tuple[ModuleType, str]] = [
    (plan_queries, "municipalities"),
    (plan_queries, "find_plan"),
    (plan_queries, "load_nodes"),
    (plan_queries, "context_statistics"),
    (indicator_queries, "plan_indicators"),
    (assessing, "plan_indicators"),
    (assessing, "load_nodes"),
    (assessing, "config_from_setting"),
    (assessing, "default_year"),
    (assessing, "_result"),
    (assessing, "_roll_ups"),
    (assessing, "roll_up"),
]
_PLAIN = (str, int, float, bool, bytes, type(None))


def _token(value: Any, keep: list[Any]) -> Any:
    """Return a hashable stand-in for an argument (plain value, sequence, or identity)."""
    if isinstance(value, _PLAIN):
        return value
    if isinstance(value, list | tuple):
        return (type(value).__name__, tuple(_token(item, keep) for item in value))
    keep.append(value)
    return ("id", id(value))


class Memo:
    """Memoise one function while active: the answer for the same arguments is the same object.

    Inactive (after the run) it only calls the function, so a module that imported the name
    during the run and kept it never gets a stale answer.
    """

    def __init__(self, function: Callable[..., Any]) -> None:
        self.function = function
        self.entries: dict[Any, tuple[list[Any], Any]] = {}
        self.active = True
        self.hits = 0

    def __call__(self, *args: Any, **kwargs: Any) -> Any:
        """Return the cached answer, computing it on the first call."""
        if not self.active:
            return self.function(*args, **kwargs)
        keep: list[Any] = []
        key = (_token(args, keep), _token(tuple(sorted(kwargs.items())), keep))
        found = self.entries.get(key)
        if found is None:
            found = self.entries[key] = (keep, self.function(*args, **kwargs))
        else:
            self.hits += 1
        return found[1]


@contextmanager
def run_cache() -> Iterator[dict[str, Memo]]:
    """Memoise :data:`CACHED` for the duration of the block; restore the originals after."""
    originals = [(module, name, getattr(module, name)) for module, name in CACHED]
    memos: dict[int, Memo] = {}
    for module, name, function in originals:
        memo = memos.setdefault(id(function), Memo(function))
        setattr(module, name, functools.wraps(function)(memo))
    try:
        yield {m.function.__qualname__: m for m in memos.values()}
    finally:
        for module, name, function in originals:
            setattr(module, name, function)
        for memo in memos.values():
            memo.active = False
            memo.entries.clear()
