"""Roll-ups as the pages show them: counts of each grade in the scale's order, the share on
track, and the sentences that say it.

Every number comes from :func:`shisaku.indicators.assessing.assess_plan`; this module only labels.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.translation import gettext

from shisaku.domain.assessment_scales import fmt_percent
from shisaku.domain.rollup import RollUp
from shisaku.indicators.assessing import PlanAssessment
from shisaku.public.dates import year_label


@dataclass(frozen=True)
class GradeCount:
    """How many indicators got one grade."""

    grade: str
    label: str
    count: int
    on_track: bool
    missing: bool


@dataclass(frozen=True)
class RollUpView:
    """A roll-up as a page shows it: counts in scale order, share on track, year and rule."""

    year: int
    counts: list[GradeCount]
    rollup: RollUp
    on_track_grades: list[str]
    scale_name: str

    @property
    def share(self) -> str:
        """Return the on-track share as a percentage, or empty when nothing was assessed."""
        share = self.rollup.on_track_share
        return "" if share is None else fmt_percent(share)


def rollup_view(done: PlanAssessment, rollup: RollUp | None) -> RollUpView | None:
    """Return a roll-up for a page, or None when the subtree has no indicators."""
    if rollup is None or sum(rollup.counts.values()) == 0:
        return None
    scale = done.config.scale
    counts = [
        GradeCount(
            grade,
            scale.labels.get(grade, ""),
            rollup.counts.get(grade, 0),
            grade in scale.on_track,
            grade == scale.missing,
        )
        for grade in scale.grades()
    ]
    good = [g for g in scale.grades() if g in scale.on_track]
    return RollUpView(done.year, counts, rollup, good, scale.name)


def grade_heading(year: int) -> str:
    """Return the heading of the grades of a year: 2017年度（平成29年度）の評価."""
    return gettext("Grade in %(year)s") % {"year": year_label(year)}


def share_text(view: RollUpView) -> str:
    """Return the on-track share in words, or that nothing has been assessed."""
    if view.rollup.on_track_share is None:
        return gettext("No indicator has been assessed yet.")
    text = gettext("On track (%(grades)s): %(share)s of the %(assessed)s assessed indicators")
    good = "・".join(view.on_track_grades)
    return text % {"grades": good, "share": view.share, "assessed": view.rollup.assessed}
