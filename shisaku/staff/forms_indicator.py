"""The form of one indicator definition: the definitions file's columns, one field each.

The form checks nothing of its own: what is typed is read as one row of a definitions file by
the same reader as the uploads, then saved by ``indicators.services.apply_batch``, so the rules
(codes, directions, units, departments, common codes) live only there. The errors they give are
put back on the fields named by their column.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django import forms

from shisaku.domain.indicatordata import DEFINITION_COLUMNS, InputError
from shisaku.indicators.models import Indicator
from shisaku.indicators.queries import IndicatorView
from shisaku.staff.definition_labels import column_label

FIXED = ("municipality_code", "plan")  # given by the workspace, not typed
FIELDS = tuple(c for c in DEFINITION_COLUMNS if c not in FIXED)
LONG = frozenset({"definition", "definition_en", "rationale", "rationale_en", "note", "note_en"})
REQUIRED = frozenset({"indicator_code", "name", "direction"})
CHOICES: dict[str, Any] = {
    "direction": Indicator.Direction.choices,
    "accumulation": Indicator.Accumulation.choices,
    "time_basis": Indicator.TimeBasis.choices,
    "source_kind": Indicator.SourceKind.choices,
}
SUGGESTED = {"unit_en": "units-en"}  # column → the <datalist> of what was typed before
STORED = {"name": "name_ja", "definition": "definition_ja", "rationale": "rationale_ja"}
STORED |= {"note": "note_ja", "indicator_code": "code"}


def _field(column: str, nodes: list[tuple[str, str]]) -> forms.Field:
    """Return the form field of one column (texts are read by the reader, not here)."""
    required = column in REQUIRED
    if column == "node_code":
        return forms.ChoiceField(choices=[("", "—"), *nodes], required=False)
    if column in CHOICES:
        blank = [] if required else [("", "—")]
        return forms.ChoiceField(choices=[*blank, *CHOICES[column]], required=required)
    if column in LONG:
        return forms.CharField(required=required, strip=False, widget=forms.Textarea({"rows": 3}))
    suggested = {"list": SUGGESTED[column]} if column in SUGGESTED else {}
    return forms.CharField(required=required, strip=False, widget=forms.TextInput(suggested))


class IndicatorForm(forms.Form):
    """Create or edit one indicator; ``code`` set means editing that indicator."""

    def __init__(
        self,
        *args: Any,
        nodes: list[tuple[str, str]],
        units_en: Sequence[str] = (),
        code: str = "",
        **kwargs: Any,
    ) -> None:
        """Build one field per column, labelled as the templates' headers are; ``units_en``
        are offered as suggestions for the English unit."""
        super().__init__(*args, **kwargs)
        self.units_en = list(units_en)
        for column in FIELDS:
            self.fields[column] = _field(column, nodes)
            self.fields[column].label = column_label(column)
        if code:
            self.fields["indicator_code"].disabled = True
            self.fields["indicator_code"].initial = code

    def row(self, code: str, slug: str) -> dict[str, str]:
        """Return what was typed as a definitions row of this plan."""
        data = {c: str(self.cleaned_data.get(c) or "") for c in FIELDS}
        return {"municipality_code": code, "plan": slug, **data}

    def add_input_errors(self, errors: list[InputError]) -> None:
        """Put each error on the field of its column (on the form when it names none)."""
        for error in errors:
            column = error.place.column
            self.add_error(column if column in self.fields else None, error.message)


def initial(view: IndicatorView) -> dict[str, str]:
    """Return the form's values for a stored indicator."""
    values = {c: getattr(view, STORED.get(c, c), "") for c in FIELDS}
    values["components"] = "|".join(view.components)
    values["weight"] = "" if view.weight is None else f"{view.weight:g}"
    return {k: "" if v is None else str(v) for k, v in values.items()}
