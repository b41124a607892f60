"""A measure's status at a glance (未着手 / 順調 / 遅れ / 達成 / 評価不能), from its grades.

The public pages show one word per measure, derived here from what is published and nothing
else: the grades of the measure's indicators in the assessed year and the direction of its
latest published evaluation.  The rules, in order (docs/public-site.md repeats them):

1. the latest published evaluation says 完了 (complete) → **達成** (achieved);
2. no indicator → **評価不能** (cannot be assessed: no figure to judge by, whatever an
   evaluation not marked 完了 says);
3. no indicator has any actual yet (in any year) and no evaluation is published → **未着手**
   (not started: neither figures nor an evaluation have begun);
4. no indicator could be graded in the year (actuals in other years only, or targets that
   cannot be compared) → **評価不能**;
5. every graded indicator met its target (ratio of 100 % or more) → **達成**;
6. at least half of the graded indicators are on track (a grade the plan's scale counts as
   on track) → **順調** (on track);
7. otherwise → **遅れ** (behind).

An indicator without an actual is never counted as zero: it is left out of rules 5 and 6.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

Status = Literal["not_started", "on_track", "behind", "achieved", "unknown"]
STATUSES: tuple[Status, ...] = ("not_started", "on_track", "behind", "achieved", "unknown")
JAPANESE: dict[Status, str] = {
    "not_started": "未着手",
    "on_track": "順調",
    "behind": "遅れ",
    "achieved": "達成",
    "unknown": "評価不能",
}
ON_TRACK_SHARE = 0.5  # at least this share of graded indicators on track → 順調


@dataclass(frozen=True)
class GradeFact:
    """One indicator of a measure as the status reads it."""

    graded: bool  # it has a grade in the assessed year
    on_track: bool  # the grade is one the scale counts as on track
    met: bool  # the actual reached the target (ratio of 100 % or more)
    has_any_actual: bool  # it has an actual in some year


def measure_status(facts: Sequence[GradeFact], evaluation_direction: str | None) -> Status:
    """Return a measure's status from its indicators and its latest published evaluation.

    ``evaluation_direction`` is the direction of the latest published evaluation
    (``complete``, ``maintain``, …, or ``""``), None when none is published.
    """
    if evaluation_direction == "complete":
        return "achieved"
    if not facts:
        return "unknown"
    if evaluation_direction is None and not any(f.has_any_actual for f in facts):
        return "not_started"
    graded = [f for f in facts if f.graded]
    if not graded:
        return "unknown"
    if all(f.met for f in graded):
        return "achieved"
    share = sum(1 for f in graded if f.on_track) / len(graded)
    return "on_track" if share >= ON_TRACK_SHARE else "behind"


def status_counts(statuses: Sequence[Status]) -> dict[Status, int]:
    """Return how many measures have each status, in :data:`STATUSES` order."""
    return {s: sum(1 for x in statuses if x == s) for s in STATUSES}
