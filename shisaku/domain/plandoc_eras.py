"""The era a plan document last stated, carried forward to the years it prints without one.

A page that gives the era once (「71.4%(令和2年度)」) often leaves it out afterwards
(「85.0%(6年度)」, 「(2年)」): those years are in the era last stated before them, in the
document's reading order (its table headers and figure cells).  Where no era was ever stated, a
year without one stays no period: it is never guessed.
"""

from __future__ import annotations

from dataclasses import dataclass

from shisaku.domain.periods import stated_era


@dataclass
class EraCarry:
    """The era last stated in a document's tables (None until one is)."""

    era: str | None = None

    def note(self, text: str) -> None:
        """Take the era ``text`` names (令和 of 令和2年度, 平成 of H28) as the one in force."""
        found = stated_era(text)
        if found is not None:
            self.era = found
