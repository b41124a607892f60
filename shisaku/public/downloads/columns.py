"""The columns of the downloads: each machine name's heading in the active language, and which
hold numbers.

The CSV files keep the machine names as their header (stable identifiers, the same in every
language, for programs); an xlsx workbook, read by people, heads its columns in the page's
language and lists the machine names beside the headings on its metadata sheet.  A column
named here as numeric holds numbers (a value, a year, a count) that the workbook writes as
numbers; every other cell stays text, a 全国地方公共団体コード like 022012 included.
"""

from __future__ import annotations

import functools
from collections.abc import Sequence

from django.utils import translation
from django.utils.functional import Promise
from django.utils.translation import gettext, gettext_lazy

LABELS: dict[str, Promise] = {
    "municipality_code": gettext_lazy("Local government code"),
    "municipality": gettext_lazy("Municipality"),
    "municipality_en": gettext_lazy("Municipality (English)"),
    "prefecture_code": gettext_lazy("Prefecture code"),
    "prefecture": gettext_lazy("Prefecture"),
    "prefecture_en": gettext_lazy("Prefecture (English)"),
    "municipalities": gettext_lazy("Number of municipalities"),
    "area": gettext_lazy("Area"),
    "plan": gettext_lazy("Plan"),
    "title": gettext_lazy("Title"),
    "title_en": gettext_lazy("Title (English)"),
    "period_start": gettext_lazy("First year"),
    "period_end": gettext_lazy("Last year"),
    "code": gettext_lazy("Code"),
    "kind": gettext_lazy("Kind"),
    "parent_code": gettext_lazy("Code of the parent"),
    "level": gettext_lazy("Level"),
    "field_code": gettext_lazy("Code of the field"),
    "indicator_code": gettext_lazy("Indicator code"),
    "node_code": gettext_lazy("Code of the part of the plan"),
    "name": gettext_lazy("Name"),
    "name_en": gettext_lazy("Name (English)"),
    "unit": gettext_lazy("Unit"),
    "unit_en": gettext_lazy("Unit (English)"),
    "direction": gettext_lazy("Desired direction"),
    "baseline_period": gettext_lazy("Baseline: period"),
    "baseline_value": gettext_lazy("Baseline: value"),
    "baseline_as_written": gettext_lazy("Baseline: as written"),
    "target_period": gettext_lazy("Final target: period"),
    "target_value": gettext_lazy("Final target: value"),
    "target_as_written": gettext_lazy("Final target: as written"),
    "latest_actual_period": gettext_lazy("Latest actual: period"),
    "latest_actual_value": gettext_lazy("Latest actual: value"),
    "latest_actual_as_written": gettext_lazy("Latest actual: as written"),
    "assessed_year": gettext_lazy("Year graded"),
    "grade": gettext_lazy("Grade"),
    "grade_label": gettext_lazy("Meaning of the grade"),
    "grades": gettext_lazy("Grades of its indicators"),
    "sdg_goals": gettext_lazy("SDG goals it serves"),
    "indicators": gettext_lazy("Number of indicators"),
    "assessed": gettext_lazy("Number graded"),
    "on_track_share": gettext_lazy("Share on track"),
    "without_actual": gettext_lazy("Number without an actual"),
    "period": gettext_lazy("Period"),
    "breakdown": gettext_lazy("Breakdown"),
    "value": gettext_lazy("Value"),
    "as_written": gettext_lazy("As written"),
    "qualifier": gettext_lazy("Qualifier"),
    "label": gettext_lazy("Label"),
    "note": gettext_lazy("Note"),
    "source": gettext_lazy("Source"),
    "revision": gettext_lazy("Revision"),
    "department": gettext_lazy("Department"),
    "status": gettext_lazy("Status"),
    "query": gettext_lazy("Search words"),
    "type": gettext_lazy("Type"),
    "section": gettext_lazy("Section"),
    "text": gettext_lazy("Text"),
    "text_en": gettext_lazy("Text (English)"),
    "url": gettext_lazy("Address (URL)"),
}
NUMBERS = frozenset(
    {
        *("period_start", "period_end", "assessed_year", "value", "revision"),
        *("baseline_value", "target_value", "latest_actual_value"),
        *("municipalities", "indicators", "assessed", "on_track_share", "without_actual"),
    }
)
GRADE_COUNT = "grade_"  # grade_A, grade_B…: how many indicators got that grade


def is_grade_count(name: str) -> bool:
    """Tell whether a column counts the indicators of one grade (grade_A, not grade_label)."""
    return name.startswith(GRADE_COUNT) and name not in LABELS


def heading(name: str) -> str:
    """Return a column's heading in the active language (the machine name if it has none)."""
    if is_grade_count(name):
        return gettext("Number graded %(grade)s") % {"grade": name.removeprefix(GRADE_COUNT)}
    return str(LABELS[name]) if name in LABELS else name


def headings(header: Sequence[str]) -> list[str]:
    """Return the headings of ``header``'s columns in the active language."""
    return list(_headings(translation.get_language(), tuple(header)))


@functools.lru_cache(maxsize=256)
def _headings(language: str | None, header: tuple[str, ...]) -> tuple[str, ...]:
    """Return the headings of ``header`` in ``language``: worked out once per language for
    each table's header (a publishing run writes hundreds of tables with the same columns)."""
    with translation.override(language):
        return tuple(heading(name) for name in header)


def number_columns(header: list[str]) -> frozenset[int]:
    """Return the positions of the columns of ``header`` that hold numbers."""
    return _number_columns(tuple(header))


@functools.lru_cache(maxsize=256)
def _number_columns(header: tuple[str, ...]) -> frozenset[int]:
    """Return :func:`number_columns`, worked out once for each table's header."""
    return frozenset(i for i, name in enumerate(header) if name in NUMBERS or is_grade_count(name))
