"""An indicator definition's fields and coded values as people read them, in the page's language.

The names are the exchange files' own (``domain.indicatordata.COLUMN_LABELS``: the templates'
headers); the coded values' labels are the model's choices. The history, the definition form and
the upload templates all name a field from here, so no page shows ``accumulation`` or
``components: []``.
"""

from __future__ import annotations

from typing import Any

from django.utils.functional import Promise

from shisaku.domain.indicatordata import COLUMN_LABELS
from shisaku.indicators.models import Indicator
from shisaku.staff import display

# stored field → the file column it comes from (the Japanese text is the column without _en)
STORED_COLUMNS = {
    "name_ja": "name",
    "definition_ja": "definition",
    "rationale_ja": "rationale",
    "note_ja": "note",
    "node": "node_code",
}
CODED: dict[str, dict[str, Promise]] = {
    "direction": dict(Indicator.Direction.choices),
    "accumulation": dict(Indicator.Accumulation.choices),
    "time_basis": dict(Indicator.TimeBasis.choices),
    "source_kind": dict(Indicator.SourceKind.choices),
}


def column_label(column: str) -> str:
    """Return a file column's name in the page's language (the key itself when it has none)."""
    ja, en = COLUMN_LABELS.get(column, (column, column))
    return en if display.english() else ja


def field_label(field: str) -> str | None:
    """Return a stored definition field's name, or None when it is not one."""
    column = STORED_COLUMNS.get(field, field)
    return column_label(column) if column in COLUMN_LABELS else None


def field_value(field: str, value: Any) -> str:
    """Return a stored value as people read it: a code's label, a list joined, "" for none."""
    if value is None:
        return ""
    if isinstance(value, list):
        return " / ".join(str(v) for v in value)
    if field in CODED:
        return display.label(CODED[field], str(value))
    return str(value)
