"""Progress at a glance on the plan, field and policy pages: grade counts as a stacked bar with
the counts of the previous assessed year beside them, and a status per measure.

Counts come from the roll-ups of :func:`assess_plan` (the same as the grade tables and the
dashboard); the previous year is the latest year before the assessed one with a whole-area
actual of any of the plan's indicators, graded with the same method.  A measure's status is
:func:`shisaku.domain.measure_status.measure_status` of its indicators' grades and its latest
published evaluation; the rules are in docs/public-site.md.  Everything here derives from the
plan's own published data, so a page keyed on the municipality's revision stays right.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.utils.functional import Promise
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext, gettext_lazy

from shisaku.domain.measure_status import (
    STATUSES,
    GradeFact,
    Status,
    measure_status,
    status_counts,
)
from shisaku.domain.plantree import Node
from shisaku.domain.rollup import RollUp
from shisaku.evaluation.reads import Reads
from shisaku.graphics import charts
from shisaku.indicators.assessing import IndicatorResult, PlanAssessment
from shisaku.plan.queries import PlanInfo
from shisaku.public import dates, display, links

STATUS_LABELS: dict[Status, Promise] = {
    "not_started": gettext_lazy("Not started"),
    "on_track": gettext_lazy("On schedule"),
    "behind": gettext_lazy("Behind schedule"),
    "achieved": gettext_lazy("Achieved"),
    "unknown": gettext_lazy("Cannot be assessed"),
}


@dataclass(frozen=True)
class CountRow:
    """One grade: its count in the assessed year and in the previous one (None: no such year)."""

    grade: str
    count: int
    previous: int | None

    @property
    def change(self) -> str:
        """Return the change since the previous year with its sign (+1, −2, ±0), or a dash."""
        if self.previous is None:
            return "—"
        delta = self.count - self.previous
        return "±0" if delta == 0 else (f"+{delta}" if delta > 0 else f"−{-delta}")


@dataclass(frozen=True)
class MeasureRow:
    """A measure with its status and how many indicators it has."""

    node: Node
    url: str
    status: Status
    indicators: int

    @property
    def label(self) -> str:
        """Return the status in the active language."""
        return str(STATUS_LABELS[self.status])


@dataclass(frozen=True)
class StatusCount:
    """How many measures have one status."""

    status: Status
    count: int

    @property
    def label(self) -> str:
        """Return the status in the active language."""
        return str(STATUS_LABELS[self.status])


@dataclass(frozen=True)
class Progress:
    """What the progress summary of a plan or a node shows."""

    year: int
    previous_year: int | None
    counts: list[CountRow]  # empty when the subtree has no indicator
    bar: SafeString
    measures: list[MeasureRow]
    statuses: list[StatusCount]

    @property
    def total(self) -> int:
        """Return how many indicators are counted in the assessed year."""
        return sum(c.count for c in self.counts)

    @property
    def caption(self) -> str:
        """Return the bar's caption: how many indicators are counted, and in which year."""
        text = gettext("Indicators graded for %(year)s: %(count)s")
        return text % {"year": dates.year_label(self.year), "count": self.total}

    @property
    def status_caption(self) -> str:
        """Return the caption of the table of measures."""
        return gettext("Measures and their status in %(year)s") % {
            "year": dates.year_label(self.year)
        }

    @property
    def previous_total(self) -> int | None:
        """Return how many were counted in the previous year, or None."""
        return None if self.previous_year is None else sum(c.previous or 0 for c in self.counts)


def previous_year(done: PlanAssessment) -> int | None:
    """Return the latest year before the assessed one with a whole-area actual, or None."""
    return _read(done).previous_year


@dataclass(frozen=True)
class _Read:
    """What the summaries read of a plan graded in a year, worked out once for all its pages:
    the previous year, and the grade facts of the indicators by the code of their node."""

    done: PlanAssessment
    previous_year: int | None
    facts: dict[str, list[GradeFact]]


_last_read: list[_Read] = []  # the last assessment read (a plan's pages follow one another)


def _read(done: PlanAssessment) -> _Read:
    """Return what the summaries read of ``done``, kept for the last assessment asked about."""
    kept = _last_read[-1] if _last_read else None
    if kept is not None and kept.done is done:
        return kept
    years = (
        f.period_end
        for r in done.results
        for f in r.indicator.of_kind("actual")
        if f.period_end < done.year and not f.breakdown
    )
    facts: dict[str, list[GradeFact]] = {}
    for r in done.results:
        facts.setdefault(r.indicator.node_code, []).append(grade_fact(done, r))
    kept = _Read(done, max(years, default=None), facts)
    _last_read[:] = [kept]
    return kept


def _rollup_of(done: PlanAssessment, node: Node | None) -> RollUp | None:
    """Return the roll-up of the whole plan (node None) or of a node's subtree."""
    return done.plan if node is None else done.by_node.get(node.code)


def progress(reads: Reads, plan: PlanInfo, done: PlanAssessment, node: Node | None) -> Progress:
    """Return the progress summary of the whole plan (node None) or of a node's subtree."""
    before = previous_year(done)
    last = reads.assessment(plan, before) if before is not None else None
    counts = _counts(done, _rollup_of(done, node), _rollup_of(last, node) if last else None)
    measures = measure_rows(reads, plan, done, reads.nodes(plan) if node is None else [node])
    found = status_counts([m.status for m in measures])
    return Progress(
        done.year,
        before,
        counts,
        _bar(done, counts),
        measures,
        [StatusCount(s, found[s]) for s in STATUSES],
    )


def _counts(done: PlanAssessment, now: RollUp | None, then: RollUp | None) -> list[CountRow]:
    """Return the counts per grade in scale order, with the previous year's beside."""
    if now is None or sum(now.counts.values()) == 0:
        return []
    scale = done.config.scale
    return [
        CountRow(
            g,
            now.counts.get(g, 0),
            None if then is None else then.counts.get(g, 0),
        )
        for g in scale.grades()
    ]


def bar_label(counts: list[CountRow]) -> str:
    """Return the counts in words, for the bar's screen-reader label."""
    each = gettext("%(grade)s: %(count)s")
    parts = [each % {"grade": c.grade, "count": c.count} for c in counts]
    joined = (", " if display.english() else "、").join(parts)
    return gettext("Indicators by grade: %(counts)s") % {"counts": joined}


def _bar(done: PlanAssessment, counts: list[CountRow]) -> SafeString:
    """Return the stacked bar of the counts (empty without counts)."""
    if not counts:
        return SafeString("")
    scale = done.config.scale
    colours = charts.grade_colours(scale.grades(), scale.on_track, scale.missing)
    segments = [charts.Segment(c.grade, c.count, *colours[c.grade]) for c in counts]
    # Safe: charts escapes every text it writes.
    return mark_safe(charts.stacked_bar(segments, bar_label(counts), width=480))


def _measures(roots: list[Node]) -> list[Node]:
    """Return the measures among ``roots`` and below them, in plan order."""
    out: list[Node] = []
    for n in roots:
        if n.kind == "measure":
            out.append(n)
        else:
            out.extend(_measures(n.children))
    return out


def _codes(node: Node) -> set[str]:
    """Return the codes of a node and everything below it."""
    return {node.code}.union(*(_codes(c) for c in node.children))


def grade_fact(done: PlanAssessment, result: IndicatorResult) -> GradeFact:
    """Return what the status reads of one graded indicator."""
    a = result.assessment
    graded = a.status == "graded"
    return GradeFact(
        graded=graded,
        on_track=graded and a.grade in done.config.scale.on_track,
        met=graded and a.ratio is not None and a.ratio >= 1.0,
        has_any_actual=any(not f.breakdown for f in result.indicator.of_kind("actual")),
    )


def measure_rows(
    reads: Reads, plan: PlanInfo, done: PlanAssessment, roots: list[Node]
) -> list[MeasureRow]:
    """Return the status of every measure among ``roots`` and below them."""
    evaluations, by_code = reads.plan_evaluations(plan), _read(done).facts
    rows = []
    for m in _measures(roots):
        facts = [f for code in sorted(_codes(m)) for f in by_code.get(code, ())]
        published = evaluations.get(m.code, [])
        direction = published[0].direction if published else None
        status = measure_status(facts, direction)
        rows.append(MeasureRow(m, links.node_url(plan, m.code), status, len(facts)))
    return rows


def progress_to_dict(p: Progress) -> dict[str, Any]:
    """Return the JSON form of a progress summary (docs/public-site.md)."""
    return {
        "year": p.year,
        "previous_year": p.previous_year,
        "counts": [{"grade": c.grade, "count": c.count, "previous": c.previous} for c in p.counts],
        "statuses": {s.status: s.count for s in p.statuses},
        "measures": [
            {"code": m.node.code, "url": m.url, "status": m.status, "indicators": m.indicators}
            for m in p.measures
        ],
    }
