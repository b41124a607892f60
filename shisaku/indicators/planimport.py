"""Import a plan read from a document: the municipality, the plan's tree and its indicators.

One unit of work that the command line and the workspace call alike: the municipality is
created when it is new, the plan is created or updated in place, and the indicator rows the
document prints become indicator definitions and figures on their nodes — all in one
transaction, so that a refusal anywhere leaves nothing written.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import Any

from django.db import transaction

from shisaku.domain.actors import Actor
from shisaku.domain.docbatch import DocumentBatch, document_batch
from shisaku.domain.indicatordata import IndicatorDefinition
from shisaku.domain.plantree import Node, PlanMeta, Warning, walk
from shisaku.domain.sdgs import MeasureLinks
from shisaku.indicators.models import Indicator
from shisaku.indicators.services import BatchResult, apply_batch
from shisaku.plan import services as plan_services
from shisaku.plan.models import Municipality
from shisaku.plan.services import ImportResult


@dataclass
class PlanImportResult:
    """What an import did (or, in a dry run, would do) to the plan and its indicators."""

    plan: ImportResult
    indicators: BatchResult | None = None  # None in a dry run: the rows are only counted
    rows: int = 0  # indicator rows the document prints
    figures: int = 0  # of their baselines and targets, those with a period
    warnings: list[Warning] = field(default_factory=list)


def _ensure_town(actor: Actor, code: str, names: tuple[str, str]) -> None:
    """Create the municipality when it is new, or rename it when names are given."""
    if names[0] or not Municipality.objects.filter(code=code).exists():
        plan_services.save_municipality(actor=actor, code=code, name_ja=names[0], name_en=names[1])


def import_plan_document(
    *,
    actor: Actor,
    municipality_code: str,
    meta: PlanMeta,
    nodes: list[Node],
    municipality_names: tuple[str, str] = ("", ""),
    source_name: str = "",
    source_sha256: str = "",
    dry_run: bool = False,
    sdgs: list[MeasureLinks] | None = None,
) -> PlanImportResult:
    """Create or update a plan and the indicators its document prints, all or nothing.

    ``sdgs`` (an exchange file's SDG links), when given, replaces the plan's links.
    """
    doc = document_batch(
        municipality_code=municipality_code, plan=meta.slug, nodes=nodes, source=source_name
    )
    rows = sum(len(n.indicators) for n in walk(nodes))
    with transaction.atomic():
        if not dry_run:
            _ensure_town(actor, municipality_code, municipality_names)
        plan = _import_tree(
            actor, municipality_code, meta, nodes, (source_name, source_sha256), dry_run, sdgs
        )
        indicators = None
        if not dry_run:
            _keep_stored(doc, municipality_code, meta.slug)
            indicators = apply_batch(actor=actor, batch=doc.batch)
    return PlanImportResult(plan, indicators, rows, len(doc.batch.figures), doc.warnings)


# What a plan document does not say about an indicator, and the stored definition may: a
# re-import keeps it (definition field → model field).
KEPT_FIELDS = {
    "name_en": "name_en",
    "definition": "definition_ja",
    "definition_en": "definition_en",
    "unit_en": "unit_en",
    "source_kind": "source_kind",
    "source": "source",
    "accumulation": "accumulation",
    "rationale": "rationale_ja",
    "rationale_en": "rationale_en",
    "note_en": "note_en",
    "weight": "weight",
    "common_code": "common_code",
}


def _kept(definition: IndicatorDefinition, row: Indicator, guessed: bool) -> dict[str, Any]:
    """Return the stored values a re-imported definition keeps."""
    kept: dict[str, Any] = {field: getattr(row, name) for field, name in KEPT_FIELDS.items()}
    kept["components"] = tuple(row.components)
    if not definition.department:
        kept["department"] = row.department
    if guessed:
        kept["direction"] = row.direction
    return kept


def _keep_stored(doc: DocumentBatch, code: str, slug: str) -> None:
    """Give each definition the stored values its document does not state (a translation, a
    source, a direction set in the workspace), so that re-importing loses nothing."""
    stored = {
        row.code: row
        for row in Indicator.objects.filter(plan__municipality__code=code, plan__slug=slug)
    }
    doc.batch.definitions = [
        replace(d, **_kept(d, stored[d.code], d.code in doc.guessed)) if d.code in stored else d
        for d in doc.batch.definitions
    ]


def _import_tree(
    actor: Actor,
    code: str,
    meta: PlanMeta,
    nodes: list[Node],
    source: tuple[str, str],
    dry_run: bool,
    sdgs: list[MeasureLinks] | None,
) -> ImportResult:
    """Import the tree; a dry run for a municipality not yet registered says it is new."""
    source_name, sha = source
    if dry_run and not Municipality.objects.filter(code=code).exists():
        return ImportResult(code, meta.slug, True, meta.version, dry_run=True)
    return plan_services.import_plan(
        actor=actor,
        municipality_code=code,
        meta=meta,
        nodes=nodes,
        source_name=source_name,
        source_sha256=sha,
        dry_run=dry_run,
        sdgs=sdgs,
    )
