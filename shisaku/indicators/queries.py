"""Reads of indicators and their figures, returned as plain data for every interface."""

from __future__ import annotations

import itertools
import operator
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from functools import cached_property, partial
from typing import Any, NamedTuple

from django.conf import settings
from django.db import connections
from django.db.backends.base.base import BaseDatabaseWrapper
from django.db.models import (
    Case,
    Count,
    DateTimeField,
    F,
    Func,
    Max,
    Q,
    QuerySet,
    Value,
    When,
    Window,
)
from django.db.models.functions import RowNumber
from django.db.models.sql.compiler import SQLCompiler
from django.db.models.sql.constants import MULTI

from shisaku.domain.assessment_scales import infer_decimals
from shisaku.indicators.models import EntryDeadline, Figure, Indicator
from shisaku.plan.models import PlanStatus
from shisaku.plan.queries import search_terms, text_filter


class NotFound(LookupError):
    """The indicator asked for does not exist."""


KIND = operator.attrgetter("kind")  # a figure's kind
IS_CURRENT = operator.attrgetter("is_current")  # whether a figure is its key's current revision
NUMERIC_KINDS = frozenset({"number", "rank"})  # the value kinds that hold a number (a rank too)


class FigureView(NamedTuple):
    """One revision of a baseline, target or actual.

    A named tuple: a plan's history is tens of thousands of figures, read before a publishing
    run can start, and a tuple is the cheapest object to build (and the smallest to keep).
    """

    kind: str
    period: str
    period_start: int
    period_end: int
    breakdown: str
    raw: str
    value_kind: str
    value: Decimal | None
    unit: str
    qualifier: str
    label: str
    components: list[dict[str, str]]
    note: str
    source: str
    revision: int
    is_current: bool
    entered_by: str
    entered_at: datetime

    def number(self) -> Decimal | None:
        """Return the figure's number, or None when it holds none (a mark, a text, no data)."""
        return self.value if self.value is not None and self.value_kind in NUMERIC_KINDS else None

    @classmethod
    def of_row(cls, values: Sequence[Any]) -> FigureView:
        """Return the view of a row's values in field order, as ``FigureView(*values)`` would."""
        return cls._make(values)


@dataclass(frozen=True)
class IndicatorView:
    """An indicator's definition and its current figures, oldest period first."""

    id: int
    code: str
    node_code: str
    name_ja: str
    name_en: str
    definition_ja: str
    definition_en: str
    unit: str
    unit_en: str
    source_kind: str
    source: str
    department: str
    direction: str
    accumulation: str
    time_basis: str
    components: list[str]
    rationale_ja: str
    rationale_en: str
    note_ja: str
    note_en: str
    weight: float | None
    common_code: str
    undated: list[dict[str, Any]]  # figures the plan document printed without a period
    figures: tuple[FigureView, ...]

    @cached_property
    def decimals(self) -> int:
        """Return the most decimals the indicator's figures are written with (each value looked
        at once: figures repeat their values)."""
        values = {f.value for f in self.figures if f.value is not None}
        return infer_decimals(map(float, values))

    def of_kind(self, kind: str) -> list[FigureView]:
        """Return the current figures of one kind (baseline, target, actual)."""
        return list(self._by_kind.get(kind, ()))

    def whole(self, kind: str) -> list[FigureView]:
        """Return the current figures of one kind for the whole area (no breakdown rows)."""
        return list(self._whole.get(kind, ()))

    def first_baseline(self) -> FigureView | None:
        """Return the baseline graded from: the earliest whole-area one (None when none)."""
        baselines = self._whole.get("baseline", ())
        return baselines[0] if baselines else None

    def final_target(self) -> FigureView | None:
        """Return the final target, the one graded against: the whole-area target ending last
        (of two ending the same year, the one starting last); None when there is no target."""
        return self._final_target

    @cached_property
    def _final_target(self) -> FigureView | None:
        """Return :meth:`final_target`, found once (every page and year grading asks for it)."""
        targets = self._whole.get("target", ())
        return max(targets, key=lambda f: (f.period_end, f.period_start)) if targets else None

    @cached_property
    def _by_kind(self) -> dict[str, tuple[FigureView, ...]]:
        """Return the figures by kind, in their order (read for every kind and every year)."""
        found: dict[str, list[FigureView]] = {}
        for kind, run in itertools.groupby(self.figures, key=KIND):  # sorted by kind: one run each
            found.setdefault(kind, []).extend(run)
        return {kind: tuple(figures) for kind, figures in found.items()}

    @cached_property
    def _whole(self) -> dict[str, tuple[FigureView, ...]]:
        """Return the figures for the whole area by kind, in their order (read for every year)."""
        return {
            kind: tuple([f for f in run if not f.breakdown]) for kind, run in self._by_kind.items()
        }


FIGURE_FIELDS = list(FigureView._fields)  # the columns, in the view's order


Convert = Callable[[Any], Any]  # a column's value as the driver returns it → as Django would
Column = Callable[[Sequence[Any]], Iterable[Any]]  # a chunk's column → its values converted

CHUNK = 1000  # rows fetched at a time (Django's 100 makes ten times the calls for one history)


def _figures(rows: QuerySet[Figure]) -> Iterator[tuple[int, FigureView]]:
    """Yield each figure row's indicator id and plain form (read as tuples: no model objects).

    The rows come as the database driver returns them and only the columns Django would
    convert are converted, each the cheap way (:data:`CHEAP`), a chunk's column at a time: a
    plan's history is tens of thousands of rows, and Django's converters, row by row, cost more
    than the read itself.  On SQLite the time stamps are read as the text the database holds
    (:class:`StampText`), which its driver would otherwise parse row by row.
    """
    db = connections[rows.db]
    names = ("indicator_id", *FIGURE_FIELDS)
    if _stamps_as_text(db):
        rows = rows.annotate(entered_text=StampText("entered_at"))
        names = (*names[:-1], "entered_text")  # an annotation is selected after the fields
    compiler = rows.values_list(*names).query.get_compiler(rows.db)
    chunks = compiler.execute_sql(MULTI, chunk_size=CHUNK)  # the converters are known now
    converters = _converters(compiler, names)
    for chunk in chunks:  # converted a column at a time, then zipped back into rows
        columns: list[Any] = list(zip(*chunk, strict=True))
        for index, convert in converters:
            columns[index] = convert(columns[index])
        ids, *fields = columns
        yield from zip(ids, map(_new_view, zip(*fields, strict=True)), strict=True)


# the view of a row's values in field order, as FigureView.of_row gives it, with no Python
# code run for each row
_new_view: Callable[[Iterable[Any]], FigureView] = partial(tuple.__new__, FigureView)


class StampText(Func):
    """A time stamp column as SQLite holds it, naive UTC text, marked as UTC (``+00:00``).

    Its driver would parse the column row by row (and Django then make each value aware);
    :func:`datetime.fromisoformat` reads the marked text straight into the same aware value.
    """

    template = "(%(expressions)s || '+00:00')"
    output_field = DateTimeField()  # Django's own conversion of it gives the same value


def _stamps_as_text(db: BaseDatabaseWrapper) -> bool:
    """Return whether time stamps are read as :class:`StampText` (SQLite keeping them in UTC)."""
    return db.vendor == "sqlite" and settings.USE_TZ and db.timezone_name == "UTC"


def _converters(compiler: SQLCompiler, names: tuple[str, ...]) -> list[tuple[int, Column]]:
    """Return (column index, cheap conversion of the column) for each column Django converts."""
    db = compiler.connection
    columns = [column for column, _, _ in compiler.select]
    return [
        (index, CHEAP.get(names[index], _each)(_django(steps, column, db), db))
        for index, (steps, column) in compiler.get_converters(columns).items()
    ]


def _django(steps: list[Any], column: Any, connection: BaseDatabaseWrapper) -> Convert:
    """Return Django's conversion of a value: its converters applied in turn."""

    def converted(value: Any) -> Any:
        for step in steps:
            value = step(value, column, connection)
        return value

    return converted


def _each(convert: Convert, _: BaseDatabaseWrapper) -> Column:
    """Return Django's conversion of every value of a column."""
    return partial(map, convert)


def _once_per_value(convert: Convert, _: BaseDatabaseWrapper) -> Column:
    """Return ``convert`` of a column run once per distinct value (for values converted to
    immutables), the values looked up without Python code for each row."""
    memo: dict[Any, Any] = {}

    def column(values: Sequence[Any]) -> Iterable[Any]:
        distinct = set(values)
        memo.update((v, convert(v)) for v in distinct.difference(memo) if v)
        if 0 in distinct or None in distinct:  # None, 0, 0.0, -0.0: Django converts equal keys
            return [memo[v] if v else convert(v) for v in values]  # differently
        return map(memo.__getitem__, values)

    return column


def _truth(_: Convert, __: BaseDatabaseWrapper) -> Column:
    """Return the truth of each value: SQLite's driver gives a bool already (its ``bool``
    converter), and Django's conversion of a bool is ``bool``."""
    return partial(map, bool)


def _empty_list_unparsed(convert: Convert, _: BaseDatabaseWrapper) -> Column:
    """Return ``convert`` of JSON text, giving an empty list without parsing it."""
    return lambda values: [[] if raw == "[]" else convert(raw) for raw in values]


def _aware(convert: Convert, connection: BaseDatabaseWrapper) -> Column:
    """Return ``convert`` of a time stamp: :class:`StampText` read by
    :func:`datetime.fromisoformat`, and a naive one made aware in the connection's zone (UTC),
    as Django's :func:`~django.utils.timezone.make_aware` does."""
    zone = connection.timezone

    def converted(raw: Any) -> Any:
        if isinstance(raw, datetime) and raw.tzinfo is None:
            return raw.replace(tzinfo=zone)
        return convert(raw)

    def column(values: Sequence[Any]) -> Iterable[Any]:
        if values and isinstance(values[0], str):
            try:
                return list(map(datetime.fromisoformat, values))
            except ValueError:  # a form it does not read: Django's parse reads more
                pass
        return map(converted, values)

    return column


# What a driver returns for figures: SQLite ``value`` as a float, ``entered_at`` as a naive
# datetime (stored in UTC; text when read as StampText), ``is_current`` as a bool,
# ``components`` as JSON text; PostgreSQL only ``components`` as text. Each conversion below
# gives what Django's converter gives.
CHEAP: dict[str, Callable[[Convert, BaseDatabaseWrapper], Column]] = {
    "value": _once_per_value,
    "is_current": _truth,
    "components": _empty_list_unparsed,
    "entered_at": _aware,
    "entered_text": _aware,
}


CURRENT_ORDER = ("kind", "period_start", "period_end", "breakdown")
HISTORY_ORDER = (*CURRENT_ORDER, "-revision")


INDICATOR_FIELDS = [
    f for f in IndicatorView.__dataclass_fields__ if f not in ("node_code", "figures")
]


def _view(row: Indicator, node_code: str, figures: list[FigureView]) -> IndicatorView:
    """Return the plain form of an indicator row with its figures."""
    values: dict[str, Any] = {name: getattr(row, name) for name in INDICATOR_FIELDS}
    return IndicatorView(node_code=node_code, figures=tuple(figures), **values)


def english_units(plan_id: int) -> list[str]:
    """Return the English units the planning office has given a plan's indicators, sorted (the
    definition form offers them; none is made up)."""
    rows = Indicator.objects.filter(plan_id=plan_id).exclude(unit_en="")
    return sorted(set(rows.values_list("unit_en", flat=True)))


def plan_indicators(
    plan_id: int,
    *,
    node_codes: list[str] | None = None,
    histories: dict[int, list[FigureView]] | None = None,
    per_period: int | None = None,
) -> list[IndicatorView]:
    """Return a plan's indicators (optionally of some nodes) with current figures: two queries,
    or one when the caller has the plan's :func:`plan_figure_history` (the current figures are
    its current revisions, in the same order). With ``per_period``, only the figures
    :func:`with_shown_figures` reads."""
    rows = Indicator.objects.filter(plan_id=plan_id).select_related("node")
    if node_codes is not None:
        rows = rows.filter(node__code__in=node_codes)
    if per_period is not None:
        return with_shown_figures(list(rows), per_period)
    if histories is None:
        return with_figures(list(rows))
    current = {key: list(filter(IS_CURRENT, figures)) for key, figures in histories.items()}
    views = []
    for node, *values in rows.values_list("node__code", *INDICATOR_FIELDS):  # no model objects
        fields = dict(zip(INDICATOR_FIELDS, values, strict=True))
        figures = tuple(current.get(fields["id"], ()))
        views.append(IndicatorView(node_code=node or "", figures=figures, **fields))
    return views


def with_figures(indicators: list[Indicator]) -> list[IndicatorView]:
    """Return indicator rows (their nodes loaded) as views with their current figures: one query."""
    figures: dict[int, list[FigureView]] = defaultdict(list)
    current = Figure.objects.filter(indicator__in=indicators, is_current=True)
    for indicator_id, f in _figures(current.order_by(*CURRENT_ORDER)):
        figures[indicator_id].append(f)
    return [_view(i, i.node.code if i.node else "", figures[i.id]) for i in indicators]


def with_shown_figures(indicators: list[Indicator], per_period: int) -> list[IndicatorView]:
    """Return indicator rows as views with their current figures for the whole area and the
    first ``per_period`` breakdown rows (by name) of each kind and period: one query, which
    reads no more rows however many breakdown rows an indicator has."""
    is_breakdown = Case(When(breakdown="", then=Value(0)), default=Value(1))
    rank = Window(
        RowNumber(),
        partition_by=[F("indicator_id"), F("kind"), F("period"), is_breakdown],
        order_by=F("breakdown").asc(),
    )
    current = Figure.objects.filter(indicator__in=indicators, is_current=True).annotate(rank=rank)
    shown = current.filter(Q(breakdown="") | Q(rank__lte=per_period))
    figures: dict[int, list[FigureView]] = defaultdict(list)
    for indicator_id, f in _figures(shown.order_by(*CURRENT_ORDER)):
        figures[indicator_id].append(f)
    return [_view(i, i.node.code if i.node else "", figures[i.id]) for i in indicators]


def current_figure_counts(plan_id: int) -> dict[int, int]:
    """Return how many current figures each indicator of a plan has (those with any)."""
    rows = Figure.objects.filter(indicator__plan_id=plan_id, is_current=True)
    counted = rows.values("indicator_id").annotate(n=Count("id")).order_by()
    return {r["indicator_id"]: r["n"] for r in counted}


def indicator(plan_id: int, code: str, *, per_period: int | None = None) -> IndicatorView:
    """Return one indicator of a plan with its current figures (with ``per_period``, only
    those :func:`with_shown_figures` reads)."""
    row = Indicator.objects.filter(plan_id=plan_id, code=code).select_related("node").first()
    if row is None:
        raise NotFound(f"indicator {code} does not exist in this plan")
    if per_period is not None:
        return with_shown_figures([row], per_period)[0]
    current = row.figures.filter(is_current=True).order_by(*CURRENT_ORDER)
    return _view(row, row.node.code if row.node else "", [f for _, f in _figures(current)])


def indicator_id(plan_id: int, code: str) -> int:
    """Return the id of one indicator of a plan (its figures not read), or raise NotFound."""
    return indicator_key(plan_id, code)[0]


def indicator_key(plan_id: int, code: str) -> tuple[int, str]:
    """Return the id and time basis of one indicator of a plan (its figures not read), or
    raise NotFound."""
    found = Indicator.objects.filter(plan_id=plan_id, code=code).values_list("id", "time_basis")
    for key in found[:1]:
        return key
    raise NotFound(f"indicator {code} does not exist in this plan")


def responsible_department(plan_id: int, code: str) -> tuple[int, str]:
    """Return the id of one indicator of a plan and its department (担当課, blank when none), or
    raise NotFound: public histories name it, never the account that entered a figure."""
    found = Indicator.objects.filter(plan_id=plan_id, code=code).values_list("id", "department")
    for key in found[:1]:
        return key
    raise NotFound(f"indicator {code} does not exist in this plan")


def current_figure(indicator_id: int, kind: str, period: str, breakdown: str) -> FigureView:
    """Return the current figure of an indicator's kind, period key and breakdown."""
    rows = Figure.objects.filter(
        indicator_id=indicator_id, kind=kind, period=period, breakdown=breakdown, is_current=True
    )
    for _, f in _figures(rows):
        return f
    raise NotFound(f"no current {kind} {period} {breakdown!r} of indicator {indicator_id}")


def figure_history(indicator_id: int) -> list[FigureView]:
    """Return every revision of every figure of an indicator, newest revision first per key."""
    rows = Figure.objects.filter(indicator_id=indicator_id).order_by(*HISTORY_ORDER)
    return [f for _, f in _figures(rows)]


def current_figures_page(
    indicator_id: int, offset: int, limit: int
) -> tuple[int, list[FigureView]]:
    """Return how many current figures an indicator has and ``limit`` of them from ``offset``,
    sliced by the database (an indicator may have hundreds of thousands of breakdown rows)."""
    rows = Figure.objects.filter(indicator_id=indicator_id, is_current=True)
    return _slice(rows.order_by(*CURRENT_ORDER, "period", "id"), offset, limit)


def figure_history_page(indicator_id: int, offset: int, limit: int) -> tuple[int, list[FigureView]]:
    """Return how many revisions an indicator's figures have and ``limit`` of them from
    ``offset`` in :func:`figure_history` order, sliced by the database."""
    rows = Figure.objects.filter(indicator_id=indicator_id)
    return _slice(rows.order_by(*HISTORY_ORDER, "period", "id"), offset, limit)


def _slice(rows: QuerySet[Figure], offset: int, limit: int) -> tuple[int, list[FigureView]]:
    """Return the count of ``rows`` and ``limit`` of them from ``offset`` (an offset past the
    end reads nothing more: it may be larger than the database's integers)."""
    count = rows.count()
    if offset >= count:
        return count, []
    return count, [f for _, f in _figures(rows[offset : offset + limit])]


def plan_figure_history(
    plan_id: int, *, only: list[int] | None = None
) -> dict[int, list[FigureView]]:
    """Return :func:`figure_history` of every indicator of a plan (by indicator id), or of the
    indicators ``only`` names: one query."""
    rows = Figure.objects.filter(indicator__plan_id=plan_id)
    if only is not None:
        rows = rows.filter(indicator_id__in=only)
    out: dict[int, list[FigureView]] = defaultdict(list)
    for indicator_id, f in _figures(rows.order_by("indicator_id", *HISTORY_ORDER)):
        out[indicator_id].append(f)
    return out


def figure_signatures(plan_id: int) -> dict[int, tuple[int, int]]:
    """Return (figures, newest figure id) of every indicator of a plan that has figures.

    Figures are only ever added (a correction is a new revision, the old one marked as no
    longer current in the same write), so an indicator whose signature is unchanged has the
    same history: a reader that kept it need not read it again.
    """
    rows = Figure.objects.filter(indicator__plan_id=plan_id).values("indicator_id")
    counted = rows.annotate(n=Count("id"), last=Max("id")).order_by()
    return {r["indicator_id"]: (r["n"], r["last"]) for r in counted}


@dataclass(frozen=True)
class DepartmentProgress:
    """What a department still has to enter for a fiscal year, and by when."""

    department: str
    due: date | None
    overdue: bool
    total: int
    missing: list[IndicatorView]

    @property
    def entered(self) -> int:
        """Return how many indicators already have an actual for the year."""
        return self.total - len(self.missing)


def _has_actual(view: IndicatorView, year: int) -> bool:
    """Return whether an indicator has an actual (even 'not published') for the year."""
    return any(f.period_end == year and not f.breakdown for f in view.of_kind("actual"))


def entry_progress(plan_id: int, year: int, today: date) -> list[DepartmentProgress]:
    """List, per responsible department, the indicators still missing an actual for ``year``."""
    views = plan_indicators(plan_id)
    deadlines = {
        d.department: d.due for d in EntryDeadline.objects.filter(plan_id=plan_id, fiscal_year=year)
    }
    by_department: dict[str, list[IndicatorView]] = defaultdict(list)
    for view in views:
        by_department[view.department].append(view)
    out = []
    for department in sorted(by_department):
        due = deadlines.get(department, deadlines.get(""))
        missing = [v for v in by_department[department] if not _has_actual(v, year)]
        late = due is not None and due < today and bool(missing)
        out.append(
            DepartmentProgress(department, due, late, len(by_department[department]), missing)
        )
    return out


# --- search -----------------------------------------------------------------------------------

SEARCH_FIELDS = ["name_ja", "name_en", "definition_ja", "definition_en"]


@dataclass(frozen=True)
class IndicatorHit:
    """An indicator of a published plan whose name or definition (ja or en) holds every term."""

    plan_id: int
    municipality_code: str
    plan_slug: str
    code: str
    node_code: str
    name_ja: str
    name_en: str
    definition_ja: str
    definition_en: str


@dataclass(frozen=True)
class IndicatorSearchResults:
    """The indicators found (at most ``limit``, by municipality, plan and place) and their count."""

    terms: tuple[str, ...]
    hits: list[IndicatorHit]
    total: int


def search_indicators(
    text: str, municipality_code: str | None = None, limit: int = 100
) -> IndicatorSearchResults:
    """Find indicators of published plans by substring of their names or definitions (≤2 queries).

    Words are read as :func:`shisaku.plan.queries.search` reads them (NFKC, split on spaces),
    so the plan text and the indicators answer the same query the same way.
    """
    terms = search_terms(text)
    if not terms:
        return IndicatorSearchResults(terms, [], 0)
    rows = Indicator.objects.filter(
        text_filter(SEARCH_FIELDS, terms), plan__status=PlanStatus.PUBLISHED
    )
    if municipality_code:
        rows = rows.filter(plan__municipality__code=municipality_code)
    rows = rows.select_related("plan__municipality", "node").order_by(
        "plan__municipality__code", "-plan__period_start", "plan__slug", "position", "code"
    )
    found = list(rows[:limit])
    total = rows.count() if len(found) >= limit else len(found)
    return IndicatorSearchResults(terms, [_hit(row) for row in found], total)


def _hit(row: Indicator) -> IndicatorHit:
    """Return the plain form of an indicator found by a search."""
    return IndicatorHit(
        row.plan_id,
        row.plan.municipality.code,
        row.plan.slug,
        row.code,
        row.node.code if row.node else "",
        row.name_ja,
        row.name_en,
        row.definition_ja,
        row.definition_en,
    )
