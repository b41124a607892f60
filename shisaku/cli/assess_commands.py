"""``shisaku assess``: grade a plan's indicators in a year, as a table, JSON or CSV."""

from __future__ import annotations

import argparse
import csv
import io
import json
from collections.abc import Callable
from typing import Any

from shisaku.cli.database import ensure_migrated
from shisaku.cli.registry import Command, CommandError, register
from shisaku.domain.localcode import LocalCodeError, normalize_local_code
from shisaku.indicators.assessing import IndicatorResult, PlanAssessment, assess_plan
from shisaku.plan import queries

COLUMNS = ["indicator_code", "name", "grade", "ratio", "status", "explanation"]


def _configure(parser: argparse.ArgumentParser) -> None:
    """Declare the options of assess."""
    parser.add_argument("--municipality", required=True, help="全国地方公共団体コード")
    parser.add_argument("--plan", help="計画の識別子（既定: 現行の計画）")
    parser.add_argument("--year", type=int, help="評価する年度（既定: 実績のある最新の年度）")
    parser.add_argument("--format", choices=sorted(FORMATS), default="table", help="出力形式")


def _ratio(result: IndicatorResult) -> str:
    """Return the achievement ratio as a percentage to 0.1 point, or empty."""
    ratio = result.assessment.ratio
    return "" if ratio is None else f"{ratio * 100:.1f}"


def result_row(result: IndicatorResult) -> dict[str, Any]:
    """Return one indicator's grade as plain data."""
    a = result.assessment
    return {
        "indicator_code": result.indicator.code,
        "name": result.indicator.name_ja,
        "node_code": result.indicator.node_code,
        "grade": a.grade,
        "label": a.label,
        "ratio": a.ratio,
        "score": a.score,
        "status": a.status,
        "explanation": {
            "inputs": a.explanation.inputs,
            "formula": a.explanation.formula,
            "result": a.explanation.result,
            "text": a.explanation.text(),
        },
    }


def _json(done: PlanAssessment, plan: queries.PlanInfo) -> str:
    """Render the assessment as JSON."""
    whole = done.plan
    document = {
        "municipality_code": plan.municipality_code,
        "plan": plan.meta.slug,
        "year": done.year,
        "method": done.config.to_dict(),
        "preset": done.preset,
        "indicators": [result_row(r) for r in done.results],
        "counts": whole.counts if whole else {},
        "rule": whole.rule if whole else "",
    }
    return json.dumps(document, ensure_ascii=False, indent=2) + "\n"


def _csv(done: PlanAssessment, plan: queries.PlanInfo) -> str:
    """Render the assessment as CSV, one row per indicator."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(COLUMNS)
    for r in done.results:
        a = r.assessment
        writer.writerow(
            [
                r.indicator.code,
                r.indicator.name_ja,
                a.grade,
                _ratio(r),
                a.status,
                a.explanation.text(),
            ]
        )
    return out.getvalue()


def _table(done: PlanAssessment, plan: queries.PlanInfo) -> str:
    """Render the assessment as a plain-text table with the counts and the rule."""
    method = done.preset or done.config.method
    title = f"{plan.municipality_name_ja} {plan.meta.title}"
    lines = [f"{title}  {done.year}年度の評価（{method}）"]
    for r in done.results:
        a = r.assessment
        ratio = f"{_ratio(r)}%" if a.ratio is not None else "—"
        lines.append(f"  {r.indicator.code:<8} {a.grade:<4} {ratio:>7}  {r.indicator.name_ja}")
        lines.append(f"  {'':<8} {a.explanation.formula}")
    if not done.results:
        lines.append("  指標はまだ設定されていません（未取得）")
    elif done.plan:
        counts = " / ".join(f"{g} {n}" for g, n in done.plan.counts.items())
        lines += [f"件数: {counts}", f"集計の規則: {done.plan.rule}"]
    return "\n".join(lines) + "\n"


FORMATS: dict[str, Callable[[PlanAssessment, queries.PlanInfo], str]] = {
    "table": _table,
    "json": _json,
    "csv": _csv,
}


def _handle(args: argparse.Namespace) -> int:
    """Grade the plan and print it in the chosen format."""
    ensure_migrated()
    try:
        plan = queries.find_plan(normalize_local_code(args.municipality), args.plan)
    except (queries.NotFound, LocalCodeError) as error:
        raise CommandError(str(error)) from error
    print(FORMATS[args.format](assess_plan(plan, args.year), plan), end="")
    return 0


register("assess", Command("計画の指標を評価する（表・JSON・CSV）", _configure, _handle))
