"""Indicator exchange files (docs/indicator-files.md): read CSV or xlsx into one checked batch,
and write a plan's indicators back in the same layouts.

Reading never stops at the first problem: every file, header, row and cell is checked and every
error is kept in ``IndicatorBatch.errors`` with its place, so one run lists all that needs
fixing.  Applying the batch (all or nothing) is the services' job.  Export followed by import
changes nothing, and a second export is identical to the first.
"""

from __future__ import annotations

import functools
import os
from collections.abc import Iterable, Sequence
from decimal import Decimal
from pathlib import Path

from shisaku import conf
from shisaku.domain import figurequota
from shisaku.domain.indicatordata import (
    DEFINITION_COLUMNS,
    FIGURE_COLUMNS,
    FIGURE_KINDS,
    IndicatorBatch,
    InputError,
    Place,
)
from shisaku.domain.periods import parse_period_key
from shisaku.exchange.indicator_cells import (
    Catalogue,
    IndicatorKey,
    Progress,
    read_definitions,
    read_figures,
)
from shisaku.exchange.indicator_csv import read_csv, write_csv, write_csv_cells
from shisaku.exchange.indicator_rows import RawTable, Row, Table, shape_table
from shisaku.exchange.indicator_xlsx import read_xlsx, write_xlsx
from shisaku.indicators.queries import FigureView, IndicatorView, plan_indicators
from shisaku.plan.queries import (
    MunicipalityInfo,
    NotFound,
    PlanInfo,
    find_plan,
    municipalities,
)

ExportRow = dict[str, str]  # column → cell text, in the layout of DEFINITION/FIGURE_COLUMNS
XLSX_SUFFIXES = frozenset({".xlsx", ".xlsm", ".xls"})


def no_progress(rows: list[Row], label: str) -> Iterable[Row]:
    """Return ``rows`` unchanged (the progress of a caller that shows none)."""
    return rows


class DatabaseCatalogue:
    """Stored plans and indicators, looked up once each through the queries."""

    def __init__(self) -> None:
        self._plans: dict[tuple[str, str], PlanInfo | None] = {}
        self._bases: dict[int, dict[str, str]] = {}
        self._towns: dict[str, MunicipalityInfo] | None = None

    def _town(self, code: str) -> MunicipalityInfo | None:
        """Return a registered municipality with its plans (all loaded once)."""
        if self._towns is None:
            self._towns = {m.code: m for m in municipalities(published_only=False)}
        return self._towns.get(code)

    def has_municipality(self, municipality_code: str) -> bool:
        """Return whether the municipality is registered."""
        return self._town(municipality_code) is not None

    def _plan(self, code: str, slug: str) -> PlanInfo | None:
        """Return the plan, or None when it does not exist."""
        if (code, slug) not in self._plans:
            try:
                self._plans[code, slug] = find_plan(code, slug)
            except NotFound:
                self._plans[code, slug] = None
        return self._plans[code, slug]

    def plan_problem(self, municipality_code: str, slug: str) -> str | None:
        """Return why the plan cannot be used, naming the plans that do exist."""
        if self._plan(municipality_code, slug) is not None:
            return None
        town = self._town(municipality_code)
        if town is None:
            return f"団体 {municipality_code} は登録されていません（先に計画を取り込んでください）"
        slugs = "、".join(p.meta.slug for p in town.plans) or "なし"
        return f"計画 {slug} がありません（{town.name_ja}の計画: {slugs}）"

    def time_basis(self, municipality_code: str, slug: str, indicator_code: str) -> str | None:
        """Return the stored indicator's time basis, or None when it is not stored."""
        plan = self._plan(municipality_code, slug)
        if plan is None:
            return None
        if plan.id not in self._bases:
            self._bases[plan.id] = {v.code: v.time_basis for v in plan_indicators(plan.id)}
        return self._bases[plan.id].get(indicator_code)


def read_tables(name: str, data: bytes, errors: list[InputError]) -> list[RawTable]:
    """Return the tables of one file: a workbook (by content or suffix) or a CSV file."""
    if data.startswith(b"PK\x03\x04") or Path(name).suffix.lower() in XLSX_SUFFIXES:
        return read_xlsx(data, name, errors)
    table = read_csv(data, name, errors)
    return [table] if table is not None else []


def figure_limit() -> int:
    """Return how many figures one upload may add to one indicator for one year."""
    text = conf.get(figurequota.SETTING)
    try:
        return max(1, int(text))
    except ValueError:
        raise ValueError(f"{figurequota.SETTING} must be a whole number, not {text!r}") from None


def read_indicator_bytes(
    files: Sequence[tuple[str, bytes]],
    *,
    catalogue: Catalogue | None = None,
    progress: Progress = no_progress,
) -> IndicatorBatch:
    """Read files (name, content) into one batch: definitions, figures and every error found."""
    errors: list[InputError] = []
    order: dict[str, int] = {}
    tables: list[Table] = []
    for name, data in files:
        found = len(errors)
        raws = read_tables(name, data, errors)
        for source in [name, *(e.place.source for e in errors[found:]), *(r.source for r in raws)]:
            order.setdefault(source, len(order))  # errors are listed file by file, sheet by sheet
        for raw in raws:
            table = shape_table(raw, errors)
            tables += [table] if table is not None else []
    batch = _read_rows(tables, catalogue or DatabaseCatalogue(), errors, progress)
    batch.errors += figurequota.over_limit(batch.figures, figure_limit())
    batch.errors.sort(key=lambda e: (order.get(e.place.source, len(order)), e.place.row))
    return batch


def _read_rows(
    tables: list[Table], catalogue: Catalogue, errors: list[InputError], progress: Progress
) -> IndicatorBatch:
    """Read the cells of every table, definitions first (figures take their time basis)."""
    bases: dict[IndicatorKey, str] = {}
    definitions = [t for t in tables if t.kind == "definitions"]
    figures = [t for t in tables if t.kind == "figures"]
    found = read_definitions(definitions, catalogue, errors, progress, bases)
    read = read_figures(figures, catalogue, errors, progress, bases)
    return IndicatorBatch(definitions=found, figures=read, errors=errors)


def read_indicator_files(
    paths: Sequence[Path], *, catalogue: Catalogue | None = None, progress: Progress = no_progress
) -> IndicatorBatch:
    """Read indicator files (CSV or xlsx, definitions and/or figures) into one checked batch."""
    files: list[tuple[str, bytes]] = []
    unreadable: list[InputError] = []
    for path in paths:
        try:
            files.append((path.name, path.read_bytes()))
        except OSError as error:
            message = f"読み込めません（{error.strerror or error}）"
            unreadable.append(InputError(Place(path.name), message))
    batch = read_indicator_bytes(files, catalogue=catalogue, progress=progress)
    batch.errors[:0] = unreadable
    return batch


def export_indicators(
    plan: PlanInfo, views: list[IndicatorView] | None = None
) -> tuple[list[ExportRow], list[ExportRow]]:
    """Return a plan's definitions rows and current figures rows, in the exchange layout
    (``views``: its indicators, when the caller has them)."""
    views = plan_indicators(plan.id) if views is None else views
    definitions = [_definition_row(plan, v) for v in views]
    figures = [dict(zip(FIGURE_COLUMNS, cells, strict=True)) for cells in figure_cells(plan, views)]
    return definitions, figures


def export_csv(plan: PlanInfo, views: list[IndicatorView]) -> tuple[bytes, bytes]:
    """Return a plan's definitions file and figures file as :func:`export_indicators` and
    :func:`render_csv` make them in UTF-8, the figures' cells made straight in their columns'
    order (a plan has tens of thousands: no row made a dict)."""
    definitions = [_definition_row(plan, v) for v in views]
    return (
        write_csv(DEFINITION_COLUMNS, definitions, encoding="utf-8", name="definitions"),
        write_csv_cells(
            FIGURE_COLUMNS, figure_cells(plan, views), encoding="utf-8", name="figures"
        ),
    )


def figure_cells(plan: PlanInfo, views: list[IndicatorView]) -> list[tuple[str, ...]]:
    """Return the current figures of a plan's indicators as the cells of figures rows, in the
    order of :data:`FIGURE_COLUMNS`: each indicator's baselines, targets and actuals, by period
    and breakdown."""
    code, slug = plan.municipality_code, plan.meta.slug
    return [
        (code, slug, v.code, f.kind, period_text(f.period), f.raw, f.note, f.source, f.breakdown)
        for v in views
        for f in sorted(v.figures, key=_figure_order)
    ]


KIND_PLACES = {kind: place for place, kind in enumerate(FIGURE_KINDS)}


def _figure_order(f: FigureView) -> tuple[int, int, int, str]:
    """Sort figures baseline, target, actual; then by period and breakdown."""
    return KIND_PLACES[f.kind], f.period_start, f.period_end, f.breakdown


def _definition_row(plan: PlanInfo, v: IndicatorView) -> ExportRow:
    """Return one indicator as a definitions row."""
    return {
        "municipality_code": plan.municipality_code,
        "plan": plan.meta.slug,
        "indicator_code": v.code,
        "node_code": v.node_code,
        "name": v.name_ja,
        "name_en": v.name_en,
        "definition": v.definition_ja,
        "definition_en": v.definition_en,
        "unit": v.unit,
        "unit_en": v.unit_en,
        "direction": v.direction,
        "accumulation": v.accumulation,
        "time_basis": v.time_basis,
        "source_kind": v.source_kind,
        "source": v.source,
        "department": v.department,
        "components": "|".join(v.components),
        "rationale": v.rationale_ja,
        "rationale_en": v.rationale_en,
        "note": v.note_ja,
        "note_en": v.note_en,
        "weight": weight_text(v.weight),
        "common_code": v.common_code,
    }


def weight_text(weight: float | None) -> str:
    """Return a weight as the shortest text that reads back as the same number: 1, 0.5."""
    if weight is None:
        return ""
    return format(Decimal(repr(weight)).normalize(), "f")


@functools.lru_cache(maxsize=1024)  # a plan's thousands of figures share a few periods
def period_text(key: str) -> str:
    """Return a period key as plans write it: FY2019 → 2019年度, FY2021-2026avg → 2021~2026年度平均.

    A period without a basis keeps its key (Y2019), which the reader also accepts.
    """
    period = parse_period_key(key)
    if period.basis is None:
        return key
    span = str(period.start) if period.aggregate == "single" else f"{period.start}~{period.end}"
    suffix = "年度" if period.basis == "fiscal" else "年"
    return span + suffix + ("平均" if period.aggregate == "average" else "")


def csv_paths(base: Path) -> tuple[Path, Path]:
    """Return BASE-definitions.csv and BASE-figures.csv (a trailing .csv on BASE is dropped)."""
    stem = base.with_suffix("") if base.suffix.lower() == ".csv" else base
    return stem.with_name(f"{stem.name}-definitions.csv"), stem.with_name(
        f"{stem.name}-figures.csv"
    )


def render_csv(
    definitions: list[ExportRow], figures: list[ExportRow], *, encoding: str = "utf-8"
) -> tuple[bytes, bytes]:
    """Return the definitions file and the figures file as CSV bytes."""
    return (
        write_csv(DEFINITION_COLUMNS, definitions, encoding=encoding, name="definitions"),
        write_csv(FIGURE_COLUMNS, figures, encoding=encoding, name="figures"),
    )


def render_xlsx(definitions: list[ExportRow], figures: list[ExportRow]) -> bytes:
    """Return one workbook with a definitions sheet and a figures sheet."""
    return write_xlsx(
        [("definitions", DEFINITION_COLUMNS, definitions), ("figures", FIGURE_COLUMNS, figures)]
    )


def write_files(contents: dict[Path, bytes]) -> None:
    """Write every file or none: each goes to a temporary file first, then all are renamed."""
    temporary = {path: path.with_name(f".{path.name}.{os.getpid()}.tmp") for path in contents}
    for path, data in contents.items():
        try:
            temporary[path].write_bytes(data)
        except OSError as error:
            for temp in temporary.values():
                temp.unlink(missing_ok=True)
            raise OSError(error.errno, error.strerror, str(path)) from error
    for path, temp in temporary.items():
        os.replace(temp, path)
