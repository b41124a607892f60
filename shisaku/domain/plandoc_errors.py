"""The one error the plan-document reader raises: which file, which line, what, and what instead."""

from __future__ import annotations

# Long lines are cut in the message only; the full text stays on ``found``.
_SHOWN = 40


def _shorten(text: str) -> str:
    """Return ``text`` cut to a readable length for a one-sentence message."""
    return text if len(text) <= _SHOWN else text[:_SHOWN] + "…"


class PlanDocError(ValueError):
    """A plan document line (or the whole file, line 0) that cannot be read as a plan."""

    def __init__(self, source: str, line: int, found: str, expected: str) -> None:
        self.source = source
        self.line = line
        self.found = found
        self.expected = expected
        where = f"{source} の {line} 行目" if line else source
        super().__init__(f"{where}: 『{_shorten(found)}』を読めません。期待したもの: {expected}")
