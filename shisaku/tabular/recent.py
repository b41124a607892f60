"""The last few tables written, kept by a copy of their cells: a page's files in each language
hold the same rows, written one after the other, so the second is made from the first's."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Generic, TypeVar

Value = TypeVar("Value")
KEPT_ROWS = 10_000  # a longer table is not kept (its copy and file would stay in memory)


def snapshot(rows: Sequence[Sequence[str]]) -> list[list[str]]:
    """Return a copy of ``rows`` to keep as a key: equal to ``rows`` while they are lists of
    lists (rows of any other kind never equal it, so they are only ever written anew), and
    unchanged when a caller later changes its own rows."""
    return list(map(list, rows))


class Recent(Generic[Value]):
    """The values made for the last ``size`` keys, found by equality (never by identity alone:
    a key holds copies, not the caller's objects).  A tuple replaces the kept entries whole,
    so a reader in another thread sees either the old ones or the new."""

    def __init__(self, size: int) -> None:
        self._size = size
        self._kept: tuple[tuple[object, Value], ...] = ()

    def get(self, key: object) -> Value | None:
        """Return the value kept for a key equal to ``key``, or None."""
        for kept, value in self._kept:
            if kept == key:
                return value
        return None

    def keep(self, key: object, value: Value) -> None:
        """Keep ``value`` for ``key`` (a copy the caller will not change), forgetting the
        oldest entry beyond ``size``."""
        self._kept = ((key, value), *self._kept[: self._size - 1])
