"""The JSON twins and the downloads of the prefecture and comparison pages.

Schemas (URLs are paths in the language of the request):

- ``shisaku.prefectures/1``: ``{"schema", "prefectures": [prefecture + "municipalities"]}``
- ``shisaku.prefecture/1``: ``{"schema", "prefecture", "municipalities": [{"municipality",
  "plan", "indicators", "year", "method", "rollup"}], "common_indicators": [common +
  "municipalities"]}``
- ``shisaku.compare/1``: ``{"schema", "prefecture" (null nationwide), "common_indicator",
  "municipalities": [{"municipality", "plan", "indicator" (a summary row), "year", "area"
  (``prefecture`` or ``municipality``), "basis" (``fiscal`` or ``calendar``)}], "groups":
  [{"key", "area", "basis", "name", "municipalities" (codes)}] (the rows that may be ranked
  together), "national": [{"period", "period_label", "value", "as_written", "unit", "source",
  "stated_in", "url"}]}``

A prefecture is ``{"code", "name", "name_en", "url"}``; a common indicator ``{"code", "name",
"name_en", "unit", "direction", "description", "description_en", "url"}``.
"""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest

from shisaku.domain.common_indicators import CommonIndicator
from shisaku.domain.prefectures import Prefecture
from shisaku.indicators.queries import FigureView
from shisaku.public import dates, documents, links
from shisaku.public.comparisons import links as compare_links
from shisaku.public.comparisons.pages import (
    CompareGroup,
    ComparePage,
    CompareRow,
    NationalRow,
    PrefectureItem,
    PrefecturePage,
    TownRow,
)
from shisaku.public.downloads.files import Table
from shisaku.public.downloads.tables import decimal_text
from shisaku.public.indicators import documents as idocs
from shisaku.tabular import contracts

# The downloads' columns are the tables' contracts (shisaku/tabular/site_tables.py).
PREFECTURE_COLUMNS = contracts.header("prefectures")
COMPARE_COLUMNS = contracts.header("comparison")


def prefecture_to_dict(p: Prefecture) -> dict[str, Any]:
    """Return the JSON form of a prefecture."""
    return {
        "code": p.code,
        "name": p.name_ja,
        "name_en": p.name_en,
        "url": compare_links.prefecture_url(p.code),
    }


def common_to_dict(c: CommonIndicator, prefecture: str | None = None) -> dict[str, Any]:
    """Return the JSON form of a common indicator, with its comparison page."""
    return {
        "code": c.code,
        "name": c.name_ja,
        "name_en": c.name_en,
        "unit": c.unit,
        "direction": c.direction,
        "description": c.description_ja,
        "description_en": c.description_en,
        "url": compare_links.compare_url(c.code, prefecture),
    }


def _town(code: str, name: str, name_en: str) -> dict[str, Any]:
    """Return the JSON form of a municipality."""
    return documents.municipality_to_dict(code, name, name_en)


def prefectures_document(items: list[PrefectureItem]) -> dict[str, Any]:
    """Return the JSON twin of the list of prefectures."""
    return {
        "schema": "shisaku.prefectures/1",
        "prefectures": [
            prefecture_to_dict(i.prefecture)
            | {"municipalities": [_town(t.code, t.name_ja, t.name_en) for t in i.towns]}
            for i in items
        ],
    }


def town_row_to_dict(row: TownRow) -> dict[str, Any]:
    """Return one municipality of a prefecture page as JSON."""
    t = row.town
    return {
        "municipality": _town(t.code, t.name_ja, t.name_en),
        "plan": documents.plan_to_dict(row.plan),
        "indicators": len(row.done.results),
        "year": row.done.year,
        "method": idocs.method_to_dict(row.done),
        "rollup": idocs.rollup_to_dict(row.rollup),
    }


def prefecture_document(page: PrefecturePage) -> dict[str, Any]:
    """Return the JSON twin of a prefecture's page."""
    code = page.prefecture.code
    return {
        "schema": "shisaku.prefecture/1",
        "prefecture": prefecture_to_dict(page.prefecture),
        "municipalities": [town_row_to_dict(r) for r in page.rows],
        "common_indicators": [
            common_to_dict(c.common, code) | {"municipalities": c.towns} for c in page.commons
        ],
    }


def national_to_dict(n: NationalRow) -> dict[str, Any]:
    """Return a national value as JSON, with where it is stated."""
    v = n.value
    return {
        "period": v.period,
        "period_label": dates.period_label(v.period),
        "value": idocs.number(v.value),
        "as_written": v.raw,
        "unit": v.unit,
        "source": v.source,
        "stated_in": n.stated_in,
        "url": n.url,
    }


def compare_row_to_dict(row: CompareRow) -> dict[str, Any]:
    """Return one municipality of a comparison as JSON."""
    p = row.plan
    return {
        "municipality": _town(p.municipality_code, p.municipality_name_ja, p.municipality_name_en),
        "plan": documents.plan_to_dict(p),
        "indicator": idocs.summary_to_dict(row.summary, row.compared.year),
        "year": row.compared.year,
        "area": row.area,
        "basis": row.basis,
    }


def group_to_dict(group: CompareGroup) -> dict[str, Any]:
    """Return a group of rows that may be ranked together as JSON."""
    return {
        "key": group.key,
        "area": group.area,
        "basis": group.basis,
        "name": group.heading,
        "municipalities": [r.plan.municipality_code for r in group.rows],
    }


def compare_document(page: ComparePage) -> dict[str, Any]:
    """Return the JSON twin of a comparison page."""
    where = page.prefecture
    return {
        "schema": "shisaku.compare/1",
        "prefecture": prefecture_to_dict(where) if where else None,
        "common_indicator": common_to_dict(page.common, where.code if where else None),
        "municipalities": [compare_row_to_dict(r) for r in page.rows],
        "groups": [group_to_dict(g) for g in page.groups],
        "national": [national_to_dict(n) for n in page.national],
    }


# --- downloads --------------------------------------------------------------------------------


def prefectures_table(request: HttpRequest, items: list[PrefectureItem]) -> Table:
    """Return one row per prefecture."""
    rows = [
        [
            *(i.prefecture.code, i.prefecture.name_ja, i.prefecture.name_en),
            str(len(i.towns)),
            request.build_absolute_uri(compare_links.prefecture_url(i.prefecture.code)),
        ]
        for i in items
    ]
    return Table("shisaku-prefectures", "prefectures", PREFECTURE_COLUMNS, rows)


def grade_names(rows: list[TownRow]) -> list[str]:
    """Return every grade of the municipalities' scales, in the order first met."""
    found: dict[str, None] = {}
    for row in rows:
        for grade in row.done.config.scale.grades():
            found.setdefault(grade, None)
    return list(found)


def _town_cells(request: HttpRequest, row: TownRow, names: list[str]) -> list[str]:
    """Return one municipality of a prefecture page as a row of the download."""
    t, meta, rollup = row.town, row.plan.meta, row.done.plan
    counts = rollup.counts if rollup else {}
    share = rollup.on_track_share if rollup else None
    scale = row.done.config.scale.grades()
    return [
        *(t.code[:2], t.code, t.name_ja, t.name_en, meta.slug, meta.title, meta.title_en),
        *(str(meta.period_start), str(meta.period_end), str(len(row.done.results))),
        str(row.done.year),
        *(str(counts.get(g, 0)) if g in scale else "" for g in names),
        str(rollup.assessed if rollup else 0),
        "" if share is None else f"{share:.4f}",
        request.build_absolute_uri(links.municipality_url(t.code)),
    ]


def prefecture_table(request: HttpRequest, page: PrefecturePage) -> Table:
    """Return one row per municipality: its current plan and grade counts."""
    names = grade_names(page.rows)
    header = contracts.header("prefecture-municipalities", names)
    rows = [_town_cells(request, r, names) for r in page.rows]
    return Table(f"prefecture-{page.prefecture.code}", "municipalities", header, rows)


def _figure_cells(f: FigureView | None) -> list[str]:
    """Return a figure's period, number and text as written (empty when there is none)."""
    return ["", "", ""] if f is None else [f.period, decimal_text(f.value), f.raw]


def _compare_cells(request: HttpRequest, row: CompareRow) -> list[str]:
    """Return one municipality of a comparison as a row of the download."""
    p, s = row.plan, row.summary
    view, a = s.view, s.result.assessment
    return [
        *(row.area, p.municipality_code[:2], p.municipality_code),
        *(p.municipality_name_ja, p.municipality_name_en, p.meta.slug),
        *(view.code, view.name_ja, view.name_en, view.unit, view.direction),
        *_figure_cells(s.baseline),
        *_figure_cells(s.target),
        *_figure_cells(s.latest),
        *(str(row.compared.year), a.grade, a.label, view.source),
        request.build_absolute_uri(s.url),
        view.unit_en,
    ]


def _national_cells(request: HttpRequest, n: NationalRow) -> list[str]:
    """Return a national value as a row of the download (its place: where it is stated)."""
    v, p = n.value, n.value.plan
    return [
        *("national", "", p.municipality_code, p.municipality_name_ja, p.municipality_name_en),
        *(p.meta.slug, v.indicator_code, "", "", v.unit, ""),
        *([""] * 6),
        *(v.period, decimal_text(v.value), v.raw),
        *("", "", "", v.source or n.stated_in),
        request.build_absolute_uri(n.url),
        "",  # unit_en: a national value's unit is printed with it, in Japanese only
    ]


def compare_table(request: HttpRequest, page: ComparePage) -> Table:
    """Return one row per municipality, then one per national value."""
    rows = [_compare_cells(request, r) for r in page.rows]
    rows += [_national_cells(request, n) for n in page.national]
    where = f"prefecture-{page.prefecture.code}-" if page.prefecture else ""
    return Table(f"{where}compare-{page.common.code}", "comparison", COMPARE_COLUMNS, rows)
