"""A progress bar for long work: drawn on a terminal, silent in CI and logs."""

from __future__ import annotations

import os
import sys
from collections.abc import Iterable, Iterator
from typing import TextIO, TypeVar

T = TypeVar("T")


def enabled(stream: TextIO) -> bool:
    """Return whether to draw: only on an interactive terminal, never under CI."""
    return stream.isatty() and not os.environ.get("CI")


def track(
    items: Iterable[T], *, total: int, label: str, stream: TextIO | None = None
) -> Iterator[T]:
    """Yield ``items`` while drawing a bar of ``total`` steps labelled ``label``."""
    out = stream or sys.stderr
    draw = enabled(out)
    for done, item in enumerate(items, start=1):
        yield item
        if draw:
            filled = int(30 * done / max(total, 1))
            out.write(f"\r{label} [{'#' * filled}{'.' * (30 - filled)}] {done}/{total}")
            out.flush()
    if draw:
        out.write("\n")
