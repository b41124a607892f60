"""Published evaluations (施策評価) on a measure's page and in its JSON twin.

Only evaluations whose state is ``published`` are read (``evaluation.queries
.published_evaluations``), newest fiscal year first, each with the indicator grades frozen when
the department manager approved it. Texts show in the page's language: English where the
planning office set it, else the Japanese inside ``lang="ja"``, counted in the page's one
notice of untranslated content, as everywhere on the site.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.utils.functional import Promise
from django.utils.html import format_html, linebreaks
from django.utils.safestring import SafeString
from django.utils.translation import gettext

from shisaku.domain.plantree import Node
from shisaku.evaluation.grades import GradeView
from shisaku.evaluation.models import Direction
from shisaku.evaluation.queries import EvaluationView
from shisaku.evaluation.reads import Reads
from shisaku.plan.queries import PlanInfo
from shisaku.public import dates, display, links, untranslated

DIRECTIONS: dict[str, Promise] = dict(Direction.choices)  # the model's labels
TEXTS = ("results", "issues", "committee_opinion")


def measure_evaluations(reads: Reads, plan: PlanInfo, node: Node) -> list[EvaluationView]:
    """Return a measure's published evaluations, newest year first (none for other nodes)."""
    if node.kind != "measure":
        return []
    return reads.evaluations(plan, node.code)


def paragraphs(ja: str, en: str) -> SafeString:
    """Return a text as paragraphs in the page's language, marking a Japanese fallback."""
    if not display.english():
        return SafeString(linebreaks(ja, autoescape=True))
    if en:
        return SafeString(linebreaks(en, autoescape=True))
    untranslated.record("evaluation", ja)
    return format_html('<div lang="ja">{}</div>', SafeString(linebreaks(ja, autoescape=True)))


def direction_label(code: str) -> str:
    """Return the label of a direction (拡充 / Expand), or "" when none was decided."""
    return str(DIRECTIONS.get(code, code)) if code else ""


@dataclass(frozen=True)
class EvaluationItem:
    """A published evaluation as a measure page shows it."""

    view: EvaluationView
    year_label: str
    caption: str
    direction: str
    results: SafeString
    issues: SafeString
    committee_opinion: SafeString
    indicators: list[tuple[GradeView, str]]  # each frozen grade with its public page


def items(plan: PlanInfo, views: list[EvaluationView]) -> list[EvaluationItem]:
    """Return the evaluations ready for the page."""
    return [
        EvaluationItem(
            v,
            dates.year_label(v.fiscal_year),
            gettext("Indicator grades of %(year)s, fixed when the evaluation was approved")
            % {"year": dates.year_label(v.fiscal_year)},
            direction_label(v.direction),
            paragraphs(v.results_ja, v.results_en),
            paragraphs(v.issues_ja, v.issues_en),
            paragraphs(v.committee_opinion_ja, v.committee_opinion_en),
            [(g, links.indicator_url(plan, g.code, v.fiscal_year)) for g in v.grades.indicators],
        )
        for v in views
    ]


def grade_to_dict(plan: PlanInfo, g: GradeView, year: int) -> dict[str, Any]:
    """Return the JSON form of a frozen grade, with the indicator's page for that year."""
    return {
        "code": g.code,
        "name": g.name_ja,
        "name_en": g.name_en,
        "unit": g.unit,
        "node_code": g.node_code,
        "actual": g.actual,
        "grade": g.grade,
        "grade_label": g.label,
        "ratio": g.ratio,
        "formula": g.formula,
        "result": g.result,
        "url": links.indicator_url(plan, g.code, year),
    }


def evaluation_to_dict(plan: PlanInfo, v: EvaluationView) -> dict[str, Any]:
    """Return the JSON form of a published evaluation (texts in both languages)."""
    texts = {
        key: getattr(v, f"{name}_{language}")
        for name in TEXTS
        for language, key in (("ja", name), ("en", f"{name}_en"))
    }
    summary = v.grades
    return {
        "fiscal_year": v.fiscal_year,
        "fiscal_year_label": dates.year_label(v.fiscal_year),
        "department": v.department,
        "direction": v.direction,
        "direction_label": direction_label(v.direction),
        **texts,
        "published_at": v.published_at.isoformat() if v.published_at else None,
        "grades": {
            "frozen_at": summary.frozen_at,
            "method": summary.method,
            "rule": summary.rule,
            "counts": summary.counts,
            "assessed": summary.assessed,
            "missing": summary.missing,
            "indicators": [grade_to_dict(plan, g, v.fiscal_year) for g in summary.indicators],
        },
    }
