"""Test data created through the services, as a planning office would create it."""

from __future__ import annotations

from shisaku.domain.actors import Actor
from shisaku.domain.indicatordata import FigureInput, IndicatorBatch, IndicatorDefinition
from shisaku.domain.periods import read_period
from shisaku.domain.plantree import PlanMeta
from shisaku.domain.values import read_value
from shisaku.indicators import services as indicator_services
from shisaku.plan import services as plan_services

# 宇陀市 総合戦略, DOMAIN.md §6 (source: 宇陀市 数値目標評価シート, vdocuments.mx/effccc-ceff.html)
UDA_SOURCE = "宇陀市 数値目標評価シート（vdocuments.mx/effccc-ceff.html）"
UDA_ROWS = {
    "1": ("合計特殊出生率", "increase", "", "0.90", "1.40", ("0.93", "1.11", "1.00")),
    "2": ("人口移動（社会減）", "decrease", "人/年", "300", "150", ("385", "245", "205")),
}


def figure(code: str, slug: str, indicator: str, kind: str, period: str, value: str) -> FigureInput:
    """Return a figure row read the way an import reads it."""
    return FigureInput(
        code, slug, indicator, kind, read_period(period, default_basis="fiscal"), read_value(value)
    )


def uda_batch(
    rows: dict[str, tuple[str, str, str, str, str, tuple[str, ...]]] = UDA_ROWS,
) -> IndicatorBatch:
    """Return the real 宇陀市 rows as a batch (names as ``rows`` spell them)."""
    batch = IndicatorBatch()
    for code, (name, direction, unit, base, target, actuals) in rows.items():
        batch.definitions.append(
            IndicatorDefinition(
                "292125", "2015-2019", code, name, direction, unit=unit, source=UDA_SOURCE
            )
        )
        batch.figures += [
            figure("292125", "2015-2019", code, "baseline", "H26", base),
            figure("292125", "2015-2019", code, "target", "H31", target),
        ]
        for year, value in zip(("H27", "H28", "H29"), actuals, strict=True):
            batch.figures.append(figure("292125", "2015-2019", code, "actual", year, value))
    return batch


def make_uda_plan(actor: Actor) -> None:
    """Create 宇陀市's strategy (no node tree) with its two real indicators."""
    plan_services.save_municipality(
        actor=actor, code="292125", name_ja="宇陀市", name_en="Uda City"
    )
    meta = PlanMeta(
        title="宇陀市まち・ひと・しごと創生総合戦略（数値目標の抜粋）",
        period_start=2015,
        period_end=2019,
        assessment={"preset": "uda"},
    )
    plan_services.import_plan(actor=actor, municipality_code="292125", meta=meta, nodes=[])
    indicator_services.apply_batch(actor=actor, batch=uda_batch())
