"""Build the indicator, figure and assessment responses from the indicator queries."""

from __future__ import annotations

from decimal import Decimal

from shisaku.api.indicator_schemas import (
    ComponentOut,
    ExplanationOut,
    FigureOut,
    ForecastOut,
    GradeCount,
    IndicatorAssessmentOut,
    IndicatorOut,
    NodeRollUpOut,
    ObservationOut,
    RollUpOut,
)
from shisaku.api.links import api_url, page_url, plan_kwargs
from shisaku.domain.assessment import Explanation, GradeScale
from shisaku.domain.forecast import Forecast
from shisaku.domain.period_labels import period_label
from shisaku.domain.rollup import RollUp
from shisaku.indicators import breakdowns
from shisaku.indicators.assessing import IndicatorResult
from shisaku.indicators.queries import FigureView, IndicatorView
from shisaku.plan.queries import PlanInfo


def number(value: Decimal | None) -> int | float | None:
    """Return a stored value as a JSON number: whole numbers as integers."""
    if value is None:
        return None
    return int(value) if value == value.to_integral_value() else float(value)


def figure_out(f: FigureView) -> FigureOut:
    """Return a current figure."""
    return FigureOut(
        kind=f.kind,
        period=f.period,
        period_label=period_label(f.period),
        period_start=f.period_start,
        period_end=f.period_end,
        breakdown=f.breakdown,
        raw=f.raw,
        value_kind=f.value_kind,
        value=number(f.value),
        unit=f.unit,
        qualifier=f.qualifier,
        label=f.label,
        components=[ComponentOut.model_validate(c) for c in f.components],
        note=f.note,
        source=f.source,
        revision=f.revision,
    )


def observation_out(f: FigureView, department: str) -> ObservationOut:
    """Return one revision of a figure with the ``department`` responsible and when it was
    entered: the API is public, so it names no account."""
    return ObservationOut(
        **figure_out(f).model_dump(),
        is_current=f.is_current,
        department=department,
        entered_at=f.entered_at,
    )


def indicator_out(plan: PlanInfo, view: IndicatorView, count: int) -> IndicatorOut:
    """Return an indicator's definition with its current figures (those :mod:`breakdowns`
    shows) and ``count``, how many it has in all."""
    code, slug = plan.municipality_code, plan.meta.slug
    return IndicatorOut(
        code=view.code,
        node_code=view.node_code or None,
        name=view.name_ja,
        name_en=view.name_en,
        definition=view.definition_ja,
        definition_en=view.definition_en,
        unit=view.unit,
        unit_en=view.unit_en,
        direction=view.direction,
        accumulation=view.accumulation,
        time_basis=view.time_basis,
        source_kind=view.source_kind,
        source=view.source,
        department=view.department,
        components=list(view.components),
        rationale=view.rationale_ja,
        rationale_en=view.rationale_en,
        note=view.note_ja,
        note_en=view.note_en,
        weight=view.weight,
        common_code=view.common_code,
        figures=[figure_out(f) for f in breakdowns.shown(view.figures).figures],
        figures_count=count,
        figures_url=api_url("figures", **plan_kwargs(code, slug, indicator_code=view.code)),
        url=page_url("indicator", code=code, slug=slug, indicator=view.code),
        api_url=api_url("indicator", **plan_kwargs(code, slug, indicator_code=view.code)),
    )


def explanation_out(e: Explanation) -> ExplanationOut:
    """Return an explanation with its one-paragraph text, in Japanese and in English."""
    en = e.in_english()
    return ExplanationOut(
        inputs=dict(e.inputs),
        formula=e.formula,
        result=e.result,
        text=e.text(),
        inputs_en=dict(en.inputs) if en else {},
        formula_en=en.formula if en else "",
        result_en=en.result if en else "",
        text_en=en.text() if en else "",
    )


def forecast_out(f: Forecast | None) -> ForecastOut | None:
    """Return a forecast, or None when the target is not a number."""
    if f is None:
        return None
    return ForecastOut(
        status=f.status,
        likelihood=f.likelihood,
        linear=f.linear,
        compound=f.compound,
        slope=f.slope,
        growth_rate=f.growth_rate,
        explanation=explanation_out(f.explanation),
    )


def result_out(r: IndicatorResult) -> IndicatorAssessmentOut:
    """Return one indicator's grade with its explanation and forecast."""
    a, view = r.assessment, r.indicator
    return IndicatorAssessmentOut(
        code=view.code,
        name=view.name_ja,
        node_code=view.node_code or None,
        grade=a.grade,
        label=a.label,
        status=a.status,
        ratio=a.ratio,
        score=a.score,
        explanation=explanation_out(a.explanation),
        forecast=forecast_out(r.forecast),
    )


def rollup_out(r: RollUp, scale: GradeScale) -> RollUpOut:
    """Return a roll-up with its counts in scale order."""
    counts = [
        GradeCount(grade=g, count=n, on_track=g in scale.on_track) for g, n in r.counts.items()
    ]
    return RollUpOut(
        counts=counts,
        assessed=r.assessed,
        missing=r.missing,
        on_track_share=r.on_track_share,
        rule=r.rule,
        weights_normalised=r.weights_normalised,
    )


def node_rollup_out(node_code: str, r: RollUp, scale: GradeScale) -> NodeRollUpOut:
    """Return the roll-up of one node."""
    return NodeRollUpOut(node_code=node_code, **rollup_out(r, scale).model_dump())
