"""What the pages show of indicators and grades: summary rows, roll-up tables, labels, periods.

Every number comes from :func:`shisaku.indicators.assessing.assess_plan` (grades, roll-ups,
forecasts) and the indicator queries; this module only picks and labels.  Values are shown as
written in the source (``raw``), periods as 西暦 with 和暦 beside, and a value that is not
there is said to be unknown (「未取得」), never shown as zero.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import gettext, gettext_lazy

from shisaku.domain import period_labels
from shisaku.domain.assessment_scales import fmt_number, fmt_percent
from shisaku.domain.eras import era_year
from shisaku.domain.period_labels import MONTHS_EN
from shisaku.domain.periods import Period
from shisaku.domain.plantree import Block, Node
from shisaku.domain.rollup import RollUp
from shisaku.indicators.assessing import IndicatorResult, PlanAssessment
from shisaku.indicators.models import Figure, Indicator
from shisaku.indicators.queries import FigureView, IndicatorView
from shisaku.plan.queries import PlanInfo, StatisticInfo
from shisaku.public import display, links, tree

# Coded values with the labels their models give them (one home each).
DIRECTIONS: dict[str, Promise] = dict(Indicator.Direction.choices)
ACCUMULATIONS: dict[str, Promise] = dict(Indicator.Accumulation.choices)
TIME_BASES: dict[str, Promise] = dict(Indicator.TimeBasis.choices)
SOURCE_KINDS: dict[str, Promise] = dict(Indicator.SourceKind.choices)
FIGURE_KINDS: dict[str, Promise] = dict(Figure.Kind.choices)
FIGURE_ORDER = ("baseline", "target", "actual")
LIKELIHOODS: dict[str, Promise] = {
    "already_met": gettext_lazy("Already met"),
    "likely": gettext_lazy("Likely to be met"),
    "unlikely": gettext_lazy("Unlikely to be met"),
    "insufficient_data": gettext_lazy("Insufficient data"),
}
METHODS: dict[str, Promise] = {
    "ratio_to_target": gettext_lazy("Ratio of the actual to the final target"),
    "ratio_to_year_target": gettext_lazy("Ratio of the actual to that year's target"),
    "progress_from_baseline": gettext_lazy("Progress from the baseline to the target"),
    "pro_rata": gettext_lazy("Progress against the share of the plan period elapsed"),
    "band": gettext_lazy("Band around the baseline"),
    "points": gettext_lazy("Points by achievement ratio"),
    "expectation": gettext_lazy("Expectation of meeting the target"),
    "growth_rate": gettext_lazy("Actual growth against the growth required"),
}
# Areas named in the plans' prose (「本市」「国」), as the pages name them.
AREAS: dict[str, Promise] = {
    "本市": gettext_lazy("This city"),
    "国": gettext_lazy("National"),
}


def label(labels: dict[str, Promise], key: str) -> str:
    """Return the label of ``key`` in the active language (the key itself if unknown)."""
    return str(labels[key]) if key in labels else key


# --- periods ----------------------------------------------------------------------------------


def period_text(period: Period) -> str:
    """Return a period in the active language, 西暦 with 和暦 beside."""
    return period_labels.period_text(period, display.english())


def moment_text(when: datetime) -> str:
    """Return when a figure was entered, in local time with the 和暦 year beside the 西暦 one."""
    t = timezone.localtime(when)
    era = era_year(t.year)
    if display.english():
        return f"{t.day} {MONTHS_EN[t.month - 1]} {t.year} ({era.en}) {t:%H:%M}"
    return f"{t.year}年{t.month}月{t.day}日（{era.ja}年）{t:%H:%M}"


def period_label(key: str, english: bool | None = None) -> str:
    """Return the label of a period key or an ISO date (:func:`period_labels.period_label`), in
    English or not as told (default: the active language)."""
    return period_labels.period_label(key, display.english() if english is None else english)


def year_label(year: int) -> str:
    """Return an assessed (fiscal) year in the active language: 2017年度（平成29年度）."""
    return period_labels.year_label(year, display.english())


# --- indicators -------------------------------------------------------------------------------


def whole(figures: list[FigureView]) -> list[FigureView]:
    """Keep the figures for the whole area (not a breakdown row)."""
    return [f for f in figures if not f.breakdown]


def latest_actual(view: IndicatorView) -> FigureView | None:
    """Return the latest whole-area actual."""
    actuals = view.whole("actual")
    return max(actuals, key=lambda f: (f.period_end, f.period_start)) if actuals else None


def ordered(figures: list[FigureView] | tuple[FigureView, ...]) -> list[FigureView]:
    """Return figures as a table shows them: baselines, targets, actuals, each oldest first."""
    rank = {kind: i for i, kind in enumerate(FIGURE_ORDER)}
    return sorted(
        figures, key=lambda f: (rank.get(f.kind, 9), f.period_start, f.period_end, f.breakdown)
    )


def actual_years(view: IndicatorView) -> list[int]:
    """Return the years with a whole-area actual, oldest first (the years worth grading)."""
    return sorted({f.period_end for f in view.whole("actual")})


def projected(value: float | None, view: IndicatorView) -> str:
    """Return a projected value with the decimals the indicator publishes, or a dash."""
    if value is None:
        return "—"
    return fmt_number(value, view.decimals)


@dataclass(frozen=True)
class IndicatorRow:
    """One indicator in a summary table: link, baseline, final target, latest actual, grade."""

    result: IndicatorResult
    url: str
    baseline: FigureView | None
    target: FigureView | None
    latest: FigureView | None

    @property
    def view(self) -> IndicatorView:
        """Return the indicator."""
        return self.result.indicator


def indicator_row(plan: PlanInfo, result: IndicatorResult) -> IndicatorRow:
    """Return the summary row of one graded indicator."""
    view = result.indicator
    return IndicatorRow(
        result,
        links.indicator_url(plan, view.code),
        view.first_baseline(),
        view.final_target(),
        latest_actual(view),
    )


def rows_for(plan: PlanInfo, done: PlanAssessment, codes: set[str]) -> list[IndicatorRow]:
    """Return the summary rows of the indicators attached to any node of ``codes``."""
    return [indicator_row(plan, r) for r in done.results if r.indicator.node_code in codes]


def page_codes(node: Node) -> set[str]:
    """Return the node codes whose indicators a node's page lists: itself and inline parts."""
    codes = {node.code}
    for child in tree.inline_children(node):
        codes |= page_codes(child)
    return codes


# --- roll-ups ---------------------------------------------------------------------------------


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


def method_name(done: PlanAssessment) -> str:
    """Return the name of the plan's grading method in the active language."""
    return label(METHODS, done.config.method)


# --- context statistics -----------------------------------------------------------------------


@dataclass(frozen=True)
class StatisticRow:
    """A figure stated in the prose, with the anchor of the block that states it."""

    info: StatisticInfo
    anchor: str


def block_anchors(node: Node, stats: list[StatisticInfo]) -> dict[int, str]:
    """Return the HTML ids of the blocks of ``node`` that state a statistic, keyed by id(block)."""
    anchors: dict[int, str] = {}
    for stat in stats:
        found = _block_of(node, stat)
        if found is not None:
            block, index = found
            anchors[id(block)] = links.block_anchor_id(stat.section, index)
    return anchors


def _block_of(node: Node, stat: StatisticInfo) -> tuple[Block, int] | None:
    """Return the block (and its place from 1 in its section) whose text states ``stat``."""
    for section in node.sections:
        if section.key != stat.section:
            continue
        for index, block in enumerate(section.blocks, start=1):
            if block.text == stat.sentence:
                return block, index
    return None


def statistic_rows(node: Node, stats: list[StatisticInfo]) -> list[StatisticRow]:
    """Return a node's statistics, each with the anchor of its sentence ("" if not found)."""
    rows = []
    for stat in stats:
        found = _block_of(node, stat)
        anchor = links.block_anchor_id(stat.section, found[1]) if found else ""
        rows.append(StatisticRow(stat, anchor))
    return rows


def area_label(area: str) -> str:
    """Return an area named in the prose (本市, 国) in the active language."""
    return label(AREAS, area) if area else gettext("Not given")


def sources(done: PlanAssessment) -> list[str]:
    """Return the distinct sources the plan's indicators and their figures cite, in order."""
    found: dict[str, None] = {}
    for result in done.results:
        view = result.indicator
        for text in (view.source, *(f.source for f in view.figures)):
            if text.strip():
                found.setdefault(text.strip(), None)
    return list(found)


# --- sentences with numbers in them -----------------------------------------------------------


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


def figure_note(f: FigureView) -> str:
    """Return a figure's qualifier and label (約, 見込, 策定, a missing marker), joined."""
    return "・".join(part for part in (f.qualifier, f.label) if part and part != f.raw)
