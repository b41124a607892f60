"""The Frictionless data package at ``data/``: plans, nodes, indicators, figures, assessments,
the SDG goals each measure serves and the 17 goals.

Seven CSV files (UTF-8 without a byte-order mark, CRLF, cells guarded against spreadsheet
formulas as every CSV of Shisaku is) and ``datapackage.json`` describing them: each field with
its type, each table with its primary key and the foreign keys that join them.  Figures are in
the tidy long form (one row per indicator, kind, period and ``breakdown``, the whole area with
an empty breakdown), as Open SDG's data files are.  The licence is not Shisaku's to choose: it
is stated as unknown until the city sets it; the table of the 17 goals names its own sources
(:func:`shisaku.domain.sdgs.sources`: the Japanese names are the Ministry of Foreign Affairs'
text, used under the government's standard terms of use 2.0 with the source stated).  Each
table's columns, keys and Table Schema are its contract (:mod:`shisaku.tabular.package_tables`),
the schema published at ``/schemas/v1/tables/data-<name>.json``; docs/publishing.md describes
every column.
"""

from __future__ import annotations

import functools
import io
import itertools
import json
import math
import operator
import tempfile
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from decimal import Decimal
from typing import Any, BinaryIO

from shisaku import schemas
from shisaku.domain.assessment import Assessment, Grade
from shisaku.domain.sdgs import goals, sources
from shisaku.evaluation.reads import Reads
from shisaku.indicators.assessing import IndicatorResult, indicator_grade
from shisaku.indicators.queries import FigureView, IndicatorView
from shisaku.plan.queries import PlanInfo
from shisaku.publishing.pages import nodes_in_order
from shisaku.publishing.schemas import schema_list
from shisaku.tabular import to_csv
from shisaku.tabular.contracts import header

EPOCH = datetime(1970, 1, 1, tzinfo=UTC)
SECOND = timedelta(seconds=1)
LICENCE = {
    "name": "unknown",
    "title": "Licence not yet chosen: to be set by the city (for example CC-BY-4.0)",
}


@dataclass(frozen=True)
class Resource:
    """One table of the package: its name and title; its columns, keys and Table Schema are the
    contract ``data-<name>`` (:mod:`shisaku.tabular.package_tables`), published at
    ``/schemas/v1/tables/data-<name>.json``."""

    name: str
    title: str
    about: dict[str, Any] | None = None  # more of the table's entry (its sources, licences)

    @property
    def path(self) -> str:
        """Return the file of the table, relative to ``data/``."""
        return f"{self.name}.csv"

    @property
    def table(self) -> str:
        """Return the name of the table's contract and schema."""
        return f"data-{self.name}"

    def descriptor(self, site_url: str) -> dict[str, Any]:
        """Return the table's entry in ``datapackage.json``: its schema is the published
        Table Schema, with its address on ``site_url`` as ``$id``."""
        return {
            "name": self.name,
            "title": self.title,
            **(self.about or {}),
            "path": self.path,
            "profile": "tabular-data-resource",
            "format": "csv",
            "mediatype": "text/csv",
            "encoding": "utf-8",
            "schema": schemas.load(f"v1/tables/{self.table}", site_url),
        }


PLANS = Resource("plans", "Published plans")
NODES = Resource(
    "nodes", "The plan's hierarchy: fields, policies, measures, initiatives and actions"
)
INDICATORS = Resource("indicators", "Indicator definitions")
FIGURES = Resource(
    "figures",
    "Baselines, targets and actuals, one row per period and breakdown (tidy long form)",
)
ASSESSMENTS = Resource(
    "assessments",
    "Grades of each indicator in each year with an actual, with the plan's method and scale",
)
SDG_LINKS = Resource("sdg-links", "The SDG goals and targets each measure serves")
SDG_SOURCES = ("name_ja", "name_en", "colour")  # the columns of sdgs.csv with a source each
SDGS = Resource(
    "sdgs",
    "The 17 Sustainable Development Goals: names and colours, with their sources",
    {
        "description": sources()["note"],
        "sources": [{"title": f"{name}: {sources()[name]}"} for name in SDG_SOURCES],
    },
)
RESOURCES = [PLANS, NODES, INDICATORS, FIGURES, ASSESSMENTS, SDG_LINKS]  # rows per plan
CHUNK_ROWS = 1000  # rows of a table turned into CSV at a time

Urls = Callable[[PlanInfo, str, str], str]  # (plan, kind, code) → absolute URL


def number(value: Decimal | float | None) -> str:
    """Return a number as plain text (no exponent, no trailing zeros), empty for none."""
    return "" if value is None else _number_text(value)


@functools.lru_cache(maxsize=1 << 14, typed=True)  # a plan's figures repeat their values
def _number_text(value: Decimal | float) -> str:
    """Return a number as :func:`number` does (the same value of each type, the same text)."""
    if isinstance(value, Decimal):  # most numbers: checked first
        text = format(value.normalize(), "f")
    elif not math.isfinite(value):
        return ""
    else:
        text = format(Decimal(f"{value:.12g}").normalize(), "f")
    return "0" if text == "-0" else text


def utc_text(moment: datetime) -> str:
    """Return an aware time in UTC to the second, as Frictionless reads it: 2026-04-01T09:30:00Z."""
    return _second_text((moment - EPOCH) // SECOND)


def utc_texts(moments: Iterable[datetime]) -> Iterator[str]:
    """Return :func:`utc_text` of each of ``moments``, with no Python code run for each."""
    since = map(operator.sub, moments, itertools.repeat(EPOCH))
    return map(_second_text, map(operator.floordiv, since, itertools.repeat(SECOND)))


@functools.lru_cache(maxsize=1024)  # figures entered together share their seconds
def _second_text(second: int) -> str:
    """Return the ``second``-th second since 1970 in UTC."""
    return (EPOCH + second * SECOND).strftime("%Y-%m-%dT%H:%M:%SZ")


def flag(value: bool) -> str:
    """Return a boolean as Frictionless reads it."""
    return "true" if value else "false"


def plan_rows(reads: Reads, plan: PlanInfo, url: Urls) -> list[list[str]]:
    """Return the plan as a row of :data:`PLANS`."""
    m = plan.meta
    return [
        [
            *(plan.municipality_code, m.slug, plan.municipality_name_ja),
            *(plan.municipality_name_en, m.title, m.title_en),
            *(str(m.period_start), str(m.period_end), str(m.version), url(plan, "plan", "")),
        ]
    ]


def node_rows(reads: Reads, plan: PlanInfo, url: Urls) -> list[list[str]]:
    """Return every node of the plan as rows of :data:`NODES`, in document order."""
    return [
        [
            *(plan.municipality_code, plan.meta.slug, n.code, n.kind, parent, str(place)),
            *(n.title, n.title_en, flag(n.title_known), url(plan, "node", n.code)),
        ]
        for n, parent, place in nodes_in_order(reads.nodes(plan))
    ]


def indicator_rows(reads: Reads, plan: PlanInfo, url: Urls) -> list[list[str]]:
    """Return the plan's indicators as rows of :data:`INDICATORS`."""
    return [_indicator_row(plan, v, url) for v in reads.indicators(plan)]


def _indicator_row(plan: PlanInfo, v: IndicatorView, url: Urls) -> list[str]:
    """Return one indicator's definition."""
    return [
        *(plan.municipality_code, plan.meta.slug, v.code, v.node_code, v.name_ja, v.name_en),
        *(v.definition_ja, v.definition_en, v.unit, v.direction, v.accumulation, v.time_basis),
        *(v.source_kind, v.source, v.department, number(v.weight), url(plan, "indicator", v.code)),
        v.unit_en,
    ]


def figure_rows(reads: Reads, plan: PlanInfo, url: Urls) -> Iterator[Sequence[str]]:
    """Yield every current figure of the plan as rows of :data:`FIGURES`."""
    for v in reads.indicators(plan):
        if v.figures:
            yield from _figure_table((plan.municipality_code, plan.meta.slug, v.code), v.figures)


def _figure_table(
    head: tuple[str, str, str], figures: Sequence[FigureView]
) -> Iterator[Sequence[str]]:
    """Return an indicator's figures in the tidy long form, each after its plan's and
    indicator's codes: made a column at a time (a plan has tens of thousands of figures)."""
    n = len(figures)
    (kind, period, start, end, breakdown, raw, value_kind, value, unit, qualifier, label) = (
        columns := list(zip(*figures, strict=True))
    )[:11]
    note, source, revision, entered_at = columns[12], columns[13], columns[14], columns[17]
    return zip(
        *(itertools.repeat(code, n) for code in head),
        *(kind, period, map(str, start), map(str, end), breakdown, map(number, value), raw),
        *(value_kind, unit, qualifier, label, note, source, map(str, revision)),
        utc_texts(entered_at),
        strict=True,
    )


def assessment_rows(reads: Reads, plan: PlanInfo, url: Urls) -> Iterator[list[str]]:
    """Yield the grades of every indicator in every year with a whole-area actual.

    The year the site shows is the plan's assessment; in the other years each indicator is
    graded alone (:func:`indicator_grade`: the same grade, without the roll-ups by node, the
    explanation and the forecast that no row holds), one indicator at a time."""
    shown = reads.assessment(plan)
    years = {f.period_end for r in shown.results for f in _whole_actuals(r)} | {shown.year}
    config = shown.config
    for r in shown.results:
        head = (plan.municipality_code, plan.meta.slug, r.indicator.code)
        f = r.forecast  # the same in every year
        tail = (config.method, *((f.likelihood, number(f.linear)) if f else ("", "")))
        for year in sorted(years):
            now = year == shown.year
            done = r.assessment if now else indicator_grade(r.indicator, year, config)
            yield [*head, str(year), flag(now), *_grade(done), *tail]


def _whole_actuals(result: IndicatorResult) -> list[FigureView]:
    """Return an indicator's actuals for the whole area."""
    return result.indicator.whole("actual")


def _grade(a: Assessment | Grade) -> tuple[str, str, str, str, str]:
    """Return one indicator's grade in one year: grade, label, status, ratio and score."""
    return (a.grade, a.label, a.status, number(a.ratio), number(a.score))


def sdg_link_rows(reads: Reads, plan: PlanInfo, url: Urls) -> list[list[str]]:
    """Return the goals and targets each measure serves as rows of :data:`SDG_LINKS`, the
    measures in document order, each one's references in goal order."""
    links = reads.sdg_links(plan)
    return [
        [plan.municipality_code, plan.meta.slug, n.code, str(ref.goal), ref.target, found.source]
        for n, _, _ in nodes_in_order(reads.nodes(plan))
        if (found := links.get(n.code))
        for ref in found.refs
    ]


def sdg_rows() -> list[list[str]]:
    """Return the 17 goals as rows of :data:`SDGS`, each with the sources of its columns."""
    source = " / ".join(f"{name}: {sources()[name]}" for name in SDG_SOURCES)
    return [[str(number), g.name_ja, g.name_en, g.colour, source] for number, g in goals().items()]


ROWS: dict[str, Callable[[Reads, PlanInfo, Urls], Iterable[Sequence[str]]]] = {
    "plans": plan_rows,
    "nodes": node_rows,
    "indicators": indicator_rows,
    "figures": figure_rows,
    "assessments": assessment_rows,
    "sdg-links": sdg_link_rows,
}


class PackageTables:
    """The tables of the package with rows per plan, streamed into temporary files as each
    group of plans is done (the 17 goals' table is written at the end, whole).

    A run adds the rows of each group of plans while it holds them (:meth:`add`): each plan's
    rows are turned into CSV :data:`CHUNK_ROWS` at a time and appended to their table's file,
    so what the tables hold in memory does not grow with the number of plans, nor with a plan's
    size.  At the end the run copies the files into the folder a block at a time (:meth:`streams`).
    The bytes are those of each table written at once (every cell is guarded on its own, so
    the rows of one chunk follow those of the chunk before).
    """

    def __init__(self) -> None:
        self.parts = {r.name: tempfile.TemporaryFile() for r in RESOURCES}  # noqa: SIM115
        self.headers = {r.name: _header(r) for r in RESOURCES}
        self.headings = {name: to_csv(h, [], bom=False) for name, h in self.headers.items()}
        for name, part in self.parts.items():  # each file starts with its table's first line
            part.write(self.headings[name])

    def add(self, reads: Reads, plans: Iterable[PlanInfo], url: Urls) -> None:
        """Append the rows of ``plans`` to every table, plan by plan."""
        for plan in plans:
            for r in RESOURCES:
                self._append(r.name, ROWS[r.name](reads, plan, url))

    def _append(self, name: str, rows: Iterable[Sequence[str]]) -> None:
        """Append rows to a table's file, :data:`CHUNK_ROWS` at a time."""
        part, header, skip = self.parts[name], self.headers[name], len(self.headings[name])
        found = iter(rows)
        while chunk := list(itertools.islice(found, CHUNK_ROWS)):
            part.write(to_csv(header, chunk, bom=False)[skip:])

    def streams(
        self, plans: list[PlanInfo], url: Urls, site_url: str, licence: str | None
    ) -> Iterator[tuple[str, BinaryIO]]:
        """Yield each file of the package, by name relative to ``data/``, as a binary file
        to read from its start: the CSV files with rows per plan (the temporary files
        themselves), the 17 goals and ``datapackage.json``."""
        for r in RESOURCES:
            part = self.parts[r.name]
            part.flush()
            part.seek(0)
            yield r.path, part
        yield SDGS.path, io.BytesIO(to_csv(_header(SDGS), sdg_rows(), bom=False))
        yield "datapackage.json", io.BytesIO(descriptor(plans, url, site_url, licence))

    def close(self) -> None:
        """Remove the temporary files."""
        for part in self.parts.values():
            part.close()


def _header(resource: Resource) -> list[str]:
    """Return the names of a table's columns."""
    return header(resource.table)


def descriptor(plans: list[PlanInfo], url: Urls, site_url: str, licence: str | None) -> bytes:
    """Return ``datapackage.json``: the package, its licence, sources and tables.

    The licence is the city's choice (an SPDX identifier such as CC-BY-4.0); until it is made,
    the package says the licence is unknown and is to be set by the city.
    """
    codes = sorted({p.municipality_code for p in plans})
    data = {
        "profile": "tabular-data-package",
        "name": "shisaku-" + ("-".join(codes) if len(codes) <= 3 else "plans"),
        "title": "Comprehensive plans and their indicators (総合計画と指標)",
        "description": (
            "Published by Shisaku: the plans, their hierarchy, indicator definitions, figures "
            "in tidy long form (one row per period and breakdown) and grades. Every page of "
            f"the site gives the same data as JSON, CSV and xlsx: {site_url}"
        ),
        "homepage": site_url,
        "licenses": [{"name": licence} if licence else LICENCE],
        "sources": [
            {"title": f"{p.municipality_name_ja} {p.meta.title}", "path": url(p, "plan", "")}
            for p in plans
        ],
        "resources": [r.descriptor(site_url) for r in [*RESOURCES, SDGS]],
        "schemas": schema_list(site_url),  # the JSON Schemas of the copy's JSON documents
    }
    return (json.dumps(data, ensure_ascii=False, indent=2) + "\n").encode()
