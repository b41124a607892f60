"""docs/deployment.md lists every table with its way to a municipality, as the models have it.

Sharding by municipality (Citus) needs the municipality on every distributed table; the doc's
table says which tables hold it directly, which reach it only through foreign keys, and which
have none. This test derives the same from the models, so the doc cannot drift.
"""

from __future__ import annotations

import re

from django.apps import apps
from django.db import models

from shisaku.plan.models import Municipality
from tests.conftest import ROOT

DOC = ROOT / "docs" / "deployment.md"
BEGIN, END = "<!-- tenant-tables -->", "<!-- /tenant-tables -->"


def municipality_path(model: type[models.Model]) -> str | None:
    """Return the shortest chain of required foreign keys to the municipality, or None."""
    if any(f.name == "municipality_code" for f in model._meta.fields):
        return "municipality_code"
    queue: list[tuple[type[models.Model], str]] = [(model, "")]
    seen = {model}
    while queue:
        current, path = queue.pop(0)
        for field in current._meta.fields:
            if not isinstance(field, models.ForeignKey) or field.null:
                continue
            target = field.related_model
            step = f"{path}__{field.name}" if path else field.name
            if target is Municipality:
                return step
            if isinstance(target, type) and target not in seen:
                seen.add(target)
                queue.append((target, step))
    return None


def expected_row(model: type[models.Model]) -> str:
    """Return the start of the doc's row for ``model``."""
    path = municipality_path(model)
    kind = "none" if path is None else ("indirect" if "__" in path else "direct")
    shown = "—" if path is None else f"`{path}`"
    return f"| `{model._meta.label}` | `{model._meta.db_table}` | {kind} | {shown} |"


def documented_rows() -> dict[str, str]:
    """Return the doc's tenancy table rows by model label."""
    text = DOC.read_text(encoding="utf-8")
    section = text[text.index(BEGIN) : text.index(END)]
    rows = re.findall(r"^(\| `(\w+\.\w+)` \|.*)$", section, flags=re.MULTILINE)
    return {label: row for row, label in rows}


def test_the_doc_lists_every_table_once_with_its_way_to_the_municipality():
    models_ = {m._meta.label: m for m in apps.get_models()}
    rows = documented_rows()
    assert sorted(rows) == sorted(models_)
    wrong = [
        (expected_row(m), rows[label])
        for label, m in models_.items()
        if not rows[label].startswith(expected_row(m))
    ]
    assert wrong == []


def test_the_classification_reads_chains_of_required_keys():
    from shisaku.evaluation.models import ProgrammeIndicatorValue
    from shisaku.plan.models import Footnote, Plan

    assert municipality_path(Plan) == "municipality"
    assert municipality_path(Footnote) == "node__plan__municipality"  # not the optional block
    assert municipality_path(ProgrammeIndicatorValue) == (
        "indicator__programme__plan__municipality"
    )
    assert municipality_path(Municipality) is None
