"""The one error the plan-document reader raises: every line it could not place, and why."""

from __future__ import annotations

from dataclasses import dataclass

# Long lines are cut in the message only; the full text stays on ``found``.
_SHOWN = 40
# A failed import lists at most this many lines (the count of the rest is given).
MAX_LISTED = 50


def _shorten(text: str) -> str:
    """Return ``text`` cut to a readable length for a one-sentence message."""
    return text if len(text) <= _SHOWN else text[:_SHOWN] + "…"


@dataclass(frozen=True)
class Problem:
    """One line the reader could not place: where, what it found, what it expected there."""

    line: int
    found: str
    expected: str
    page: int = 0

    def describe(self, source: str) -> str:
        """Return the sentence that names the place, the text found and what was expected."""
        where = source
        if self.page:
            where += f" の {self.page} ページ"
        if self.line:
            where += f" の {self.line} 行目"
        return f"{where}: 『{_shorten(self.found)}』を読めません。期待したもの: {self.expected}"


class PlanDocError(ValueError):
    """A plan document that cannot be read as a plan; ``problems`` lists every line at fault."""

    def __init__(self, source: str, line: int, found: str, expected: str, page: int = 0) -> None:
        self.source = source
        self.problems = [Problem(line, found, expected, page)]
        super().__init__(self.problems[0].describe(source))

    @property
    def line(self) -> int:
        """Return the line of the first problem (0: the whole file)."""
        return self.problems[0].line

    @property
    def found(self) -> str:
        """Return the text of the first problem."""
        return self.problems[0].found

    @property
    def expected(self) -> str:
        """Return what was expected at the first problem."""
        return self.problems[0].expected

    @classmethod
    def of(cls, source: str, problems: list[Problem]) -> PlanDocError:
        """Return the error listing ``problems`` (at most MAX_LISTED; the rest counted)."""
        first = problems[0]
        error = cls(source, first.line, first.found, first.expected, first.page)
        error.problems = list(problems)
        lines = [p.describe(source) for p in problems[:MAX_LISTED]]
        if len(problems) > MAX_LISTED:
            lines.append(f"ほか {len(problems) - MAX_LISTED} 行")
        error.args = ("\n".join(lines),)
        return error
