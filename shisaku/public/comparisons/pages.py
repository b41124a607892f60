"""What the prefecture and comparison pages show, built from the queries: plain data for the
templates, the JSON twins and the downloads alike.

- prefectures: those with a municipality that has a published plan, in code order;
- a prefecture: its municipalities with their current published plan (the newest), the number
  of indicators and the grade counts of the plan's current assessment (:func:`assess_plan`, as
  on the plan's own pages, without the roll-ups by node it does not show: the plans'
  indicators are read at once), and the common indicators the municipalities share;
- a comparison: per municipality (by code) the latest actual holding a number, the baseline,
  the final target and the grade of its plan, and the national values the system holds.  The
  rows come in groups that may fairly be ranked together (:func:`groups`): a prefecture's
  figure is not set against a city's, nor a fiscal year's (年度) against a calendar year's (年).
- a plan is named by its title without a note of the copy the system holds
  (:func:`public_title`: 「（指標の抜粋）」, 「(excerpt compiled by …)」).
"""

from __future__ import annotations

import re
import threading
import weakref
from dataclasses import dataclass
from typing import Literal

from django.utils.translation import get_language, gettext

from shisaku.domain.common_indicators import CommonIndicator, catalogue
from shisaku.domain.periods import Basis, PeriodError, parse_period_key
from shisaku.domain.prefectures import Prefecture, prefecture_of, prefectures
from shisaku.evaluation.reads import Reads
from shisaku.indicators import comparison
from shisaku.indicators.assessing import PlanAssessment
from shisaku.plan.queries import MunicipalityInfo, NotFound, PlanInfo
from shisaku.public import display, links
from shisaku.public.indicators import rollups, summaries


@dataclass(frozen=True)
class PrefectureItem:
    """A prefecture with the municipalities of it that have published plans."""

    prefecture: Prefecture
    towns: list[MunicipalityInfo]


@dataclass(frozen=True)
class TownRow:
    """A municipality of a prefecture page: its current plan graded, and its grade counts."""

    town: MunicipalityInfo
    plan: PlanInfo
    done: PlanAssessment
    rollup: rollups.RollUpView | None

    @property
    def title_ja(self) -> str:
        """Return its plan's title as the public names it (:func:`public_title`)."""
        return public_title(self.plan.meta.title)

    @property
    def title_en(self) -> str:
        """Return its plan's English title as the public names it."""
        return public_title(self.plan.meta.title_en)


@dataclass(frozen=True)
class CommonItem:
    """A common indicator that municipalities of the prefecture measure."""

    common: CommonIndicator
    towns: int


@dataclass(frozen=True)
class PrefecturePage:
    """A prefecture's page."""

    prefecture: Prefecture
    rows: list[TownRow]
    commons: list[CommonItem]


@dataclass(frozen=True)
class CompareRow:
    """One municipality of a comparison, as a summary row of its indicator."""

    compared: comparison.Compared
    summary: summaries.IndicatorRow

    @property
    def plan(self) -> PlanInfo:
        """Return the plan the indicator belongs to."""
        return self.compared.plan

    @property
    def area(self) -> Area:
        """Return whether the row is a prefecture's or a municipality's."""
        return "prefecture" if is_prefecture(self.plan.municipality_code) else "municipality"

    @property
    def basis(self) -> Basis:
        """Return the years its figures count: the latest actual's, else the indicator's."""
        latest = self.summary.latest
        stated = period_basis(latest.period) if latest is not None else None
        return stated or ("calendar" if self.summary.view.time_basis == "calendar" else "fiscal")

    @property
    def title_ja(self) -> str:
        """Return its plan's title as the public names it (:func:`public_title`)."""
        return public_title(self.plan.meta.title)

    @property
    def title_en(self) -> str:
        """Return its plan's English title as the public names it."""
        return public_title(self.plan.meta.title_en)


Area = Literal["prefecture", "municipality"]
AREAS: tuple[Area, ...] = ("municipality", "prefecture")
BASES: tuple[Basis, ...] = ("fiscal", "calendar")


@dataclass(frozen=True)
class CompareGroup:
    """Rows that may be ranked together: the same kind of area, the same kind of year."""

    area: Area
    basis: Basis
    rows: list[CompareRow]

    @property
    def heading(self) -> str:
        """Return the group's name in the active language."""
        names = {
            ("municipality", "fiscal"): gettext("Municipalities, fiscal years (April to March)"),
            ("municipality", "calendar"): gettext("Municipalities, calendar years"),
            ("prefecture", "fiscal"): gettext("Prefectures, fiscal years (April to March)"),
            ("prefecture", "calendar"): gettext("Prefectures, calendar years"),
        }
        return names[self.area, self.basis]

    @property
    def key(self) -> str:
        """Return the group's key in the JSON twin and as an HTML id: area and basis."""
        return f"{self.area}-{self.basis}"


@dataclass(frozen=True)
class NationalRow:
    """A national value, with where it is stated (a page of the site) and its source."""

    value: comparison.NationalValue
    stated_in: str
    url: str


@dataclass(frozen=True)
class ComparePage:
    """The comparison of a common indicator, in one prefecture or nationwide."""

    common: CommonIndicator
    prefecture: Prefecture | None
    rows: list[CompareRow]
    national: list[NationalRow]

    @property
    def groups(self) -> list[CompareGroup]:
        """Return the rows in groups (:func:`groups`)."""
        return groups(self.rows)


def is_prefecture(code: str) -> bool:
    """Tell whether a local government code is a prefecture's (010006, 020001: 都道府県)."""
    return code[2:5] == "000"


def period_basis(key: str) -> Basis | None:
    """Return the basis a period key states (FY2022: fiscal, CY2020: calendar), if any."""
    try:
        return parse_period_key(key).basis
    except PeriodError:
        return None


def groups(rows: list[CompareRow]) -> list[CompareGroup]:
    """Return the rows that may be ranked together, each group in the rows' order.

    Municipalities come before prefectures, fiscal years before calendar years; a group is
    given only when it has a row.
    """
    out = [
        CompareGroup(area, basis, [r for r in rows if (r.area, r.basis) == (area, basis)])
        for area in AREAS
        for basis in BASES
    ]
    return [g for g in out if g.rows]


NOTE = re.compile(r"\s*[（(][^（）()]*(?:抜粋|excerpt)[^（）()]*[）)]\s*$", re.IGNORECASE)


def public_title(title: str) -> str:
    """Return a plan's title without a closing note of the copy held (「（指標の抜粋）」).

    The examples name the part of a plan the system holds, and who compiled it, in brackets
    after its title (「北海道の指標（jichi-insight 収録分の抜粋）」): a note for the record
    (the plan's source says it), not the plan's name.
    """
    return NOTE.sub("", title) or title


@dataclass
class Shared:
    """What the prefecture and comparison pages read with one :class:`Reads` share.

    A publishing run renders every page in every format (HTML, JSON, CSV, xlsx) and language
    with one :class:`Reads`, a page in its four formats and then in the next language: each
    comparison is made once for both languages, each page once for its four formats, and a
    prefecture's towns are graded once (no language changes them).  Only the last of each is
    kept, and the towns are graded with reads of their own, so what a run holds does not grow
    with the pages it has rendered (the nationwide comparisons' rows of every municipality,
    graded, would be some 30 KiB a municipality and common indicator).  A live request has
    reads of its own: nothing is shared between requests (:mod:`cache` keeps their answers).
    """

    items: list[PrefectureItem] | None = None
    prefecture: tuple[str, PrefecturePage] | None = None
    comparison: tuple[tuple[str, str | None], comparison.Comparison | None] | None = None
    compared: tuple[tuple[str, str, str | None], ComparePage] | None = None


SHARED: weakref.WeakKeyDictionary[Reads, Shared] = weakref.WeakKeyDictionary()
SHARED_LOCK = threading.Lock()


def shared(reads: Reads) -> Shared:
    """Return what the pages read with ``reads`` share (made on first use, let go with it)."""
    with SHARED_LOCK:
        found = SHARED.get(reads)
        if found is None:
            found = SHARED[reads] = Shared()
        return found


def prefecture_items(reads: Reads) -> list[PrefectureItem]:
    """Return the prefectures that have a municipality with a published plan."""
    memo = shared(reads)
    if memo.items is None:
        memo.items = _prefecture_items(reads)
    return memo.items


def _prefecture_items(reads: Reads) -> list[PrefectureItem]:
    """Return the prefectures that have a municipality with a published plan (read)."""
    by_code: dict[str, list[MunicipalityInfo]] = {}
    for town in reads.towns():
        found = prefecture_of(town.code)
        if found is not None:
            by_code.setdefault(found.code, []).append(town)
    return [PrefectureItem(prefectures()[c], by_code[c]) for c in sorted(by_code)]


def find_prefecture(reads: Reads, code: str) -> PrefectureItem:
    """Return a prefecture with published plans, or raise NotFound."""
    for item in prefecture_items(reads):
        if item.prefecture.code == code:
            return item
    raise NotFound(f"prefecture {code} has no municipality with a published plan")


def current_plan(town: MunicipalityInfo) -> PlanInfo:
    """Return a municipality's current published plan (the newest, as its own page says)."""
    return max(town.plans, key=lambda p: (p.meta.period_start, p.id))


def town_row(reads: Reads, town: MunicipalityInfo) -> TownRow:
    """Grade a municipality's current plan as its own pages grade it (the plan's roll-up)."""
    plan = current_plan(town)
    done = reads.grades(plan)
    return TownRow(town, plan, done, rollups.rollup_view(done, done.plan))


def prefecture_page(reads: Reads, code: str) -> PrefecturePage:
    """Return a prefecture's page, or raise NotFound: a fixed number of queries.

    The towns are graded with reads of their own (let go with the page), the same in every
    language: the page made last is reused (:class:`Shared`)."""
    memo = shared(reads)
    if memo.prefecture is not None and memo.prefecture[0] == code:
        return memo.prefecture[1]
    item = find_prefecture(reads, code)
    plans = comparison.in_prefecture(comparison.published_plans(reads.towns()), code)
    used = comparison.common_codes(plans)
    commons = [CommonItem(c, len(used[c.code])) for c in catalogue().values() if c.code in used]
    own = Reads()
    own.load_indicators([current_plan(t) for t in item.towns])
    page = PrefecturePage(item.prefecture, [town_row(own, t) for t in item.towns], commons)
    memo.prefecture = (code, page)
    return page


def compare_page(reads: Reads, code: str, prefecture: str | None = None) -> ComparePage:
    """Return the comparison of a common code, or raise NotFound (no such code, or no data).

    The comparison made last is reused in the other language, the page made last for its
    other formats (:class:`Shared`)."""
    memo = shared(reads)
    key = (get_language(), code, prefecture)
    if memo.compared is not None and memo.compared[0] == key:
        return memo.compared[1]
    where = find_prefecture(reads, prefecture).prefecture if prefecture is not None else None
    if memo.comparison is None or memo.comparison[0] != (code, prefecture):
        everywhere = comparison.published_plans(reads.towns())
        memo.comparison = ((code, prefecture), comparison.compare(code, prefecture, everywhere))
    found = memo.comparison[1]
    if found is None or not found.rows:
        raise NotFound(f"no published indicator has the common code {code} here")
    rows = [CompareRow(c, _summary(c)) for c in found.rows]
    page = ComparePage(found.common, where, rows, [national_row(v) for v in found.national])
    memo.compared = (key, page)
    return page


def _summary(c: comparison.Compared) -> summaries.IndicatorRow:
    """Return a compared indicator as a summary row, its latest actual one holding a number."""
    view = c.view
    return summaries.IndicatorRow(
        c.result,
        links.indicator_url(c.plan, view.code),
        view.first_baseline(),
        view.final_target(),
        c.latest,
    )


def national_row(v: comparison.NationalValue) -> NationalRow:
    """Return a national value with the page that states it (a sentence, or an indicator)."""
    plan = v.plan
    town = display.plain(plan.municipality_name_ja, plan.municipality_name_en)
    title = display.plain(public_title(plan.meta.title), public_title(plan.meta.title_en))
    if v.indicator_code:
        url = links.indicator_url(plan, v.indicator_code)
        return NationalRow(v, f"{town} {title} {v.indicator_code}", url)
    anchor = links.block_anchor_id(v.section, v.block)
    where = f"{v.node_code} {display.section_title(v.section)}"
    return NationalRow(
        v, f"{town} {title} {where}", f"{links.node_url(plan, v.node_code)}#{anchor}"
    )
