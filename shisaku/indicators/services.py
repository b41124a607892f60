"""Every write to indicators and their figures: permission check, validation, audit entry.

Figures are revisions: recording a different value for the same indicator, kind, period and
breakdown supersedes the current one and keeps it; recording the same value changes nothing.
A batch (an import) is applied all or nothing, and a dry run reports the same changes and
then rolls back.

A fiscal year of a measure is locked (:class:`PeriodLock`) once its evaluation is approved:
any figure of an indicator attached to that measure (or below it) whose period ends in that
year is refused — :class:`Locked` from :func:`record_figure`, a row error in a batch.

Writes to the figures of one indicator are serialised: each writer locks the indicator's row
(``SELECT … FOR UPDATE``, in id order) before it reads the current revisions, so two writers
never both build on revision n — the second one reads n+1 (and, with an expected revision,
gets :class:`Conflict`). The indicator row exists whether or not the figure does, so a first
figure is serialised like a correction. SQLite takes the whole database for each write
transaction (``transaction_mode: IMMEDIATE``), which serialises the same writers.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import date
from typing import Any

from django.db import transaction
from django.utils import translation

from shisaku.accounts.departments import department_list, unknown_department
from shisaku.accounts.permissions import (
    PermissionDenied,
    action_label,
    allowed,
    require,
    shown_department,
)
from shisaku.audit.services import record_many
from shisaku.domain.actors import Actor
from shisaku.domain.indicatordata import (
    FIGURE_KINDS,
    FigureInput,
    IndicatorBatch,
    IndicatorDefinition,
    InputError,
    Place,
)
from shisaku.domain.periods import PeriodError, read_period
from shisaku.domain.units import UnitError, fit_unit
from shisaku.domain.values import CellError, read_value
from shisaku.indicators.models import EntryDeadline, Figure, Indicator, PeriodLock
from shisaku.plan.models import Plan, PlanNode

FigureKey = tuple[int, str, str, str]  # indicator id, kind, period key, breakdown


class BatchRejected(Exception):
    """The batch holds errors; nothing was written."""

    def __init__(self, errors: list[InputError]) -> None:
        super().__init__(f"{len(errors)} 件の誤りがあります（書き込みはしていません）")
        self.errors = errors


class Locked(PermissionDenied):
    """The figure's year is closed for its measure: the measure's evaluation is approved."""

    def __init__(self, indicator_code: str, year: int, measure_code: str) -> None:
        super().__init__(locked_message(indicator_code, year, measure_code))
        self.indicator_code = indicator_code
        self.year = year
        self.measure_code = measure_code


def locked_message(indicator_code: str, year: int, measure_code: str) -> str:
    """Return why a figure cannot be written: its year is locked for its measure."""
    return (
        f"指標 {indicator_code} の {year}年度の数値は、施策 {measure_code} の {year}年度の評価が"
        "承認済みのためロックされています（企画課が評価を再開すると入力できます）"
    )


@dataclass
class PlanLocks:
    """The locked (node, fiscal year) pairs of one plan, and the tree to find a node's measure."""

    locked: dict[tuple[int, int], str]  # (node id, year) → the locked node's code
    parents: dict[int, int | None]

    def find(self, node_id: int | None, year: int) -> str | None:
        """Return the code of the locked node at or above ``node_id`` for ``year``, if any."""
        while node_id is not None:
            code = self.locked.get((node_id, year))
            if code is not None:
                return code
            node_id = self.parents.get(node_id)
        return None


def plan_locks(plan_id: int) -> PlanLocks:
    """Load a plan's period locks (and, when there are any, its node tree) in two queries."""
    rows = PeriodLock.objects.filter(plan_id=plan_id).select_related("node")
    locked = {(r.node_id, r.fiscal_year): r.node.code for r in rows}
    parents: dict[int, int | None] = {}
    if locked:
        parents = dict(PlanNode.objects.filter(plan_id=plan_id).values_list("id", "parent_id"))
    return PlanLocks(locked, parents)


class _RollBack(Exception):
    """Raised inside a dry run to undo what it did."""


@dataclass
class BatchResult:
    """What a batch did, or in a dry run would do."""

    changes: list[str] = field(default_factory=list)
    indicators_created: int = 0
    indicators_updated: int = 0
    figures_added: int = 0
    figures_revised: int = 0
    figures_unchanged: int = 0
    dry_run: bool = False


@dataclass
class _Run:
    """State of one batch being applied."""

    actor: Actor
    result: BatchResult
    plans: dict[tuple[str, str], Plan] = field(default_factory=dict)
    indicators: dict[tuple[int, str], Indicator] = field(default_factory=dict)
    errors: list[InputError] = field(default_factory=list)
    audit: list[dict[str, Any]] = field(default_factory=list)
    locks: dict[int, PlanLocks] = field(default_factory=dict)
    positions: dict[int, int] = field(default_factory=dict)  # next indicator position per plan
    departments: dict[str, list[str]] = field(default_factory=dict)  # listed, per municipality


def _locked(run: _Run, ind: Indicator, f: FigureInput) -> str | None:
    """Return the code of the measure whose lock closes this figure's year, if any."""
    if ind.plan_id not in run.locks:
        run.locks[ind.plan_id] = plan_locks(ind.plan_id)
    return run.locks[ind.plan_id].find(ind.node_id, f.period.end)


def _open(run: _Run, ind: Indicator, f: FigureInput) -> bool:
    """Return whether the figure's year is open; a locked one is an error at its row."""
    measure = _locked(run, ind, f)
    if measure is None:
        return True
    run.errors.append(InputError(f.place, locked_message(ind.code, f.period.end, measure)))
    return False


def apply_batch(*, actor: Actor, batch: IndicatorBatch, dry_run: bool = False) -> BatchResult:
    """Apply definitions then figures, all or nothing; raise BatchRejected listing every error."""
    if batch.errors:
        raise BatchRejected(batch.errors)
    run = _Run(actor, BatchResult(dry_run=dry_run))
    try:
        with transaction.atomic():
            _apply(run, batch)
            if dry_run:
                raise _RollBack
    except _RollBack:
        pass
    return run.result


def _apply(run: _Run, batch: IndicatorBatch) -> None:
    """Write the batch inside the caller's transaction, or raise BatchRejected."""
    for definition in batch.definitions:
        _save_definition(run, definition)
    _check(run)
    _record_figures(run, batch.figures)
    _check(run)
    record_many(actor=run.actor, entries=run.audit)


def _check(run: _Run) -> None:
    """Stop (rolling back) when errors were found."""
    if run.errors:
        raise BatchRejected(run.errors)


def _plan(run: _Run, code: str, slug: str, place: Any) -> Plan | None:
    """Return the plan named by a row (permission is checked per definition and figure)."""
    key = (code, slug)
    if key not in run.plans:
        plan = (
            Plan.objects.select_related("municipality")
            .filter(municipality__code=code, slug=slug)
            .first()
        )
        if plan is None:
            run.errors.append(InputError(place, f"計画 {code}/{slug} がありません"))
            return None
        run.plans[key] = plan
    return run.plans[key]


def _definition_fields(d: IndicatorDefinition, node: PlanNode | None) -> dict[str, Any]:
    """Return the model fields of a definition."""
    return {
        "node": node,
        "name_ja": d.name,
        "name_en": d.name_en,
        "definition_ja": d.definition,
        "definition_en": d.definition_en,
        "unit": d.unit,
        "unit_en": d.unit_en,
        "source_kind": d.source_kind,
        "source": d.source,
        "department": d.department,
        "direction": d.direction,
        "accumulation": d.accumulation,
        "time_basis": d.time_basis,
        "components": list(d.components),
        "rationale_ja": d.rationale,
        "rationale_en": d.rationale_en,
        "note_ja": d.note,
        "note_en": d.note_en,
        "weight": d.weight,
        "common_code": d.common_code,
        **({"undated": list(d.undated)} if d.undated is not None else {}),
    }


def _comparable(fields: dict[str, Any]) -> dict[str, Any]:
    """Return fields as JSON-friendly values for comparison and the audit trail."""
    return {k: (v.code if isinstance(v, PlanNode) else v) for k, v in fields.items()}


def _save_definition(run: _Run, d: IndicatorDefinition) -> None:
    """Create or update one indicator definition."""
    plan = _plan(run, d.municipality_code, d.plan, d.place)
    if plan is None or not _may(run, "indicators.define", plan, "", d.place):
        return
    node = None
    if d.node_code:
        node = PlanNode.objects.filter(plan=plan, code=d.node_code).first()
        if node is None:
            run.errors.append(
                InputError(d.place, f"計画 {d.plan} に施策 {d.node_code} がありません")
            )
            return
    if not _listed_department(run, d):
        return
    fields = _definition_fields(d, node)
    row = Indicator.objects.filter(plan=plan, code=d.code).first()
    before = _comparable({k: getattr(row, k) for k in fields}) if row else None
    if row is None:
        row = Indicator.objects.create(
            plan=plan, code=d.code, position=_next_position(run, plan), **fields
        )
        run.result.indicators_created += 1
        run.result.changes.append(f"+ 指標 {d.code} {d.name}")
    elif before != _comparable(fields):
        Indicator.objects.filter(pk=row.pk).update(**fields)
        run.result.indicators_updated += 1
        run.result.changes.append(f"~ 指標 {d.code} の定義")
    else:
        run.indicators[(plan.id, d.code)] = row
        return
    run.indicators[(plan.id, d.code)] = row
    run.audit.append(_audit("indicator.save", plan, f"{d.code}", before, _comparable(fields)))


def _next_position(run: _Run, plan: Plan) -> int:
    """Return the position after the plan's last indicator (counted once per plan and batch)."""
    if plan.id not in run.positions:
        run.positions[plan.id] = Indicator.objects.filter(plan=plan).count()
    run.positions[plan.id] += 1
    return run.positions[plan.id] - 1


def _audit(action: str, plan: Plan, object_id: str, before: Any, after: Any) -> dict[str, Any]:
    """Return an audit entry for a change within a plan."""
    code = plan.municipality.code
    return {
        "action": action,
        "object_type": action.split(".")[0],
        "object_id": f"{code}/{plan.slug}/{object_id}",
        "municipality_code": code,
        "before": before,
        "after": after,
    }


def _indicator(run: _Run, f: FigureInput) -> Indicator | None:
    """Return the indicator a figure row names (from this batch or the database)."""
    plan = _plan(run, f.municipality_code, f.plan, f.place)
    if plan is None:
        return None
    key = (plan.id, f.indicator_code)
    if key not in run.indicators:
        row = Indicator.objects.filter(plan=plan, code=f.indicator_code).first()
        if row is None:
            message = (
                f"指標 {f.indicator_code} が定義されていません（定義ファイルに行を加えてください）"
            )
            run.errors.append(InputError(f.place, message))
            return None
        run.indicators[key] = row
    row = run.indicators[key]
    return row if _may(run, "indicators.record", plan, row.department, f.place) else None


def _listed_department(run: _Run, d: IndicatorDefinition) -> bool:
    """Check the row's department against the municipality's list (when it keeps one)."""
    code = d.municipality_code
    if code not in run.departments:
        run.departments[code] = [x.name_ja for x in department_list(code)]
    refused = unknown_department(code, d.department, run.departments[code])
    if refused:
        run.errors.append(InputError(replace(d.place, column="department"), refused))
    return refused is None


def _may(run: _Run, action: str, plan: Plan, department: str, place: Place) -> bool:
    """Check a permission for one row; a refusal is an error at that row."""
    if allowed(run.actor, action, plan.municipality.code, department):
        return True
    shown = shown_department(run.actor, plan.municipality.code, department)
    whose = f"（担当: {shown}）" if shown else ""
    what = action_label(action)  # in words: a refusal never shows the permission's code
    run.errors.append(InputError(place, f"この行{whose}を書き込む権限がありません（{what}）"))
    return False


def _record_figures(run: _Run, figures: list[FigureInput]) -> None:
    """Record every figure as a new revision where it differs from the current one."""
    pairs = [
        (f, ind) for f in figures if (ind := _indicator(run, f)) is not None and _open(run, ind, f)
    ]
    _lock_indicators({ind.id for _, ind in pairs})
    current = _current_figures({ind.id for _, ind in pairs}, [f for f, _ in pairs])
    fresh: list[Figure] = []
    superseded: list[int] = []
    for f, ind in pairs:
        _record(run, ind, f, current, fresh, superseded)
    # superseded revisions stop being current before their successors are inserted
    Figure.objects.filter(pk__in=superseded).update(is_current=False)
    Figure.objects.bulk_create(fresh, batch_size=500)


def _lock_indicators(indicator_ids: set[int]) -> None:
    """Lock the indicators' rows until the transaction ends, in id order (no deadlock)."""
    list(
        Indicator.objects.select_for_update()
        .filter(pk__in=indicator_ids)
        .order_by("pk")
        .values_list("pk", flat=True)
    )


NAMED_AT_MOST = 500  # periods or breakdowns worth naming in the query (SQLite: 32,766 params)


def _current_figures(
    indicator_ids: set[int], figures: list[FigureInput]
) -> dict[FigureKey, Figure]:
    """Load the current figures of the given indicators that ``figures`` may replace, in one
    query: only their periods and breakdowns (when there are not too many to name), since one
    indicator may have hundreds of thousands of breakdown rows."""
    rows = Figure.objects.filter(indicator_id__in=indicator_ids, is_current=True)
    periods = {f.period.key() for f in figures}
    breakdowns = {f.breakdown for f in figures}
    if len(periods) <= NAMED_AT_MOST:
        rows = rows.filter(period__in=periods)
    if len(breakdowns) <= NAMED_AT_MOST:
        rows = rows.filter(breakdown__in=breakdowns)
    return {(r.indicator_id, r.kind, r.period, r.breakdown): r for r in rows}


def figure_state(f: Figure) -> dict[str, Any]:
    """Return what a figure says, for comparison and the audit trail."""
    return {"raw": f.raw, "note": f.note, "source": f.source}


def _record(
    run: _Run,
    ind: Indicator,
    f: FigureInput,
    current: dict[FigureKey, Figure],
    fresh: list[Figure],
    superseded: list[int],
) -> None:
    """Queue one figure as a new revision if it differs from the current one."""
    key = (ind.id, f.kind, f.period.key(), f.breakdown)
    old = current.get(key)
    after = {"raw": f.reading.raw, "note": f.note, "source": f.source}
    if old is not None and figure_state(old) == after:
        run.result.figures_unchanged += 1
        return
    if old is not None:
        superseded.append(old.pk)
    row = Figure(**_figure_fields(ind, f, run.actor, old))
    fresh.append(row)
    current[key] = row
    _count_figure(run, ind, f, old)
    before = figure_state(old) if old else None
    run.audit.append(
        _audit("figure.record", ind.plan, f"{ind.code}/{f.kind}/{key[2]}", before, after)
    )


def _kind_ja(kind: str) -> str:
    """Return a figure kind's label in Japanese (the change lines are written in Japanese)."""
    with translation.override("ja"):
        return str(Figure.Kind(kind).label)


def _count_figure(run: _Run, ind: Indicator, f: FigureInput, old: Figure | None) -> None:
    """Count and describe one recorded figure."""
    part = f"（{f.breakdown}）" if f.breakdown else ""
    label = f"{ind.code} {_kind_ja(f.kind)} {f.period.label_ja()}{part}"
    if old is None:
        run.result.figures_added += 1
        run.result.changes.append(f"+ {label}: {f.reading.raw}")
    else:
        run.result.figures_revised += 1
        run.result.changes.append(f"~ {label}: {old.raw} → {f.reading.raw}")


def _figure_fields(
    ind: Indicator, f: FigureInput, actor: Actor, old: Figure | None
) -> dict[str, Any]:
    """Return the model fields of a new figure revision."""
    r = f.reading
    return {
        "indicator": ind,
        "kind": f.kind,
        "period": f.period.key(),
        "period_start": f.period.start,
        "period_end": f.period.end,
        "breakdown": f.breakdown,
        "raw": r.raw,
        "value_kind": r.kind,
        "value": r.value,
        "unit": r.unit,
        "qualifier": r.qualifier,
        "label": r.label,
        "components": components_json(r),
        "note": f.note,
        "source": f.source,
        "revision": old.revision + 1 if old else 1,
        "entered_by": actor.label,
    }


def components_json(reading: Any) -> list[dict[str, str]]:
    """Return the components of a multi-part value as JSON."""
    return [
        {
            "label": c.label,
            "raw": c.reading.raw,
            "value": str(c.reading.value or ""),
            "unit": c.reading.unit,
        }
        for c in reading.components
    ]


class Conflict(Exception):
    """Someone else changed the figure since it was read (no silent overwrite)."""


@dataclass(frozen=True)
class FigureEntry:
    """One figure typed in a form or sent to the API, before it is read."""

    municipality_code: str
    plan: str
    indicator_code: str
    kind: str
    period: str
    value: str
    note: str | None = ""  # None: keep the current figure's note (what the editor left alone)
    source: str | None = ""  # None: keep the current figure's source
    breakdown: str = ""
    expected_revision: int | None = None  # the revision the editor saw; None: not checked


def _read_entry(entry: FigureEntry, basis: str, unit: str = "") -> FigureInput:
    """Read an entry's period and value in the indicator's unit, or raise BatchRejected."""
    place = Place("入力")
    errors: list[InputError] = []
    if entry.kind not in FIGURE_KINDS:
        errors.append(InputError(Place("入力", column="kind"), f"区分は {', '.join(FIGURE_KINDS)}"))
    try:
        period = read_period(entry.period, default_basis=basis)  # type: ignore[arg-type]
    except PeriodError as error:
        errors.append(InputError(Place("入力", column="period"), str(error)))
    try:
        reading = fit_unit(read_value(entry.value), unit)
    except (CellError, UnitError) as error:
        errors.append(InputError(Place("入力", column="value"), str(error)))
    if errors:
        raise BatchRejected(errors)
    return FigureInput(
        entry.municipality_code,
        entry.plan,
        entry.indicator_code,
        entry.kind,
        period,
        reading,
        entry.note or "",
        entry.source or "",
        entry.breakdown,
        place,
    )


def _keep_unchanged(row: Indicator, figure: FigureInput, entry: FigureEntry) -> FigureInput:
    """Give the figure the current note and source where the entry leaves them (None)."""
    if entry.note is not None and entry.source is not None:
        return figure
    current = Figure.objects.filter(
        indicator=row,
        kind=figure.kind,
        period=figure.period.key(),
        breakdown=figure.breakdown,
        is_current=True,
    ).first()
    if current is None:
        return figure
    return replace(
        figure,
        note=current.note if entry.note is None else figure.note,
        source=current.source if entry.source is None else figure.source,
    )


def record_figure(*, actor: Actor, entry: FigureEntry) -> BatchResult:
    """Record one actual or target typed by an editor: checked, audited, revision kept."""
    row = (
        Indicator.objects.select_related("plan__municipality")
        .filter(
            plan__municipality__code=entry.municipality_code,
            plan__slug=entry.plan,
            code=entry.indicator_code,
        )
        .first()
    )
    if row is None:
        raise BatchRejected(
            [InputError(Place("入力", column="indicator_code"), "指標がありません")]
        )
    require(actor, "indicators.record", entry.municipality_code, row.department)
    figure = _read_entry(entry, row.time_basis, row.unit)
    run = _Run(actor, BatchResult())
    run.plans[(entry.municipality_code, entry.plan)] = row.plan
    run.indicators[(row.plan_id, row.code)] = row
    with transaction.atomic():
        _lock_indicators({row.pk})  # before the revision is read: one writer at a time
        measure = _locked(run, row, figure)
        if measure is not None:
            raise Locked(row.code, figure.period.end, measure)
        _check_revision(row, figure, entry.expected_revision)
        figure = _keep_unchanged(row, figure, entry)
        _record_figures(run, [figure])
        record_many(actor=actor, entries=run.audit)
    return run.result


def _check_revision(row: Indicator, figure: FigureInput, expected: int | None) -> None:
    """Refuse the write when the current revision is not the one the editor saw."""
    if expected is None:
        return
    current = (
        Figure.objects.filter(
            indicator=row,
            kind=figure.kind,
            period=figure.period.key(),
            breakdown=figure.breakdown,
            is_current=True,
        )
        .values_list("revision", flat=True)
        .first()
    ) or 0
    if current != expected:
        raise Conflict(
            f"{row.code} の {figure.period.key()} は他の人が更新しました"
            f"（版 {expected} → {current}）。最新の値を確かめてから入力し直してください"
        )


def set_deadline(
    *, actor: Actor, municipality_code: str, plan: str, fiscal_year: int, department: str, due: date
) -> None:
    """Set the date by which a department (blank: every department) enters a year's actuals."""
    require(actor, "indicators.define", municipality_code)
    row = Plan.objects.get(municipality__code=municipality_code, slug=plan)
    old = EntryDeadline.objects.filter(
        plan=row, fiscal_year=fiscal_year, department=department
    ).first()
    EntryDeadline.objects.update_or_create(
        plan=row, fiscal_year=fiscal_year, department=department, defaults={"due": due}
    )
    record_many(
        actor=actor,
        entries=[
            _audit(
                "deadline.set",
                row,
                f"{fiscal_year}/{department or '*'}",
                {"due": old.due.isoformat()} if old else None,
                {"due": due.isoformat()},
            )
        ],
    )
