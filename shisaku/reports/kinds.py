"""The kinds of report: a registry from a kind's name to its data, renderer, type and suffix.

Every kind renders the data of :func:`shisaku.reports.data.annual_report`; the education
board's report is the same data restricted to the policies marked as education, under its
own title.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import date
from typing import Protocol

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from shisaku.domain.plantree import Node, walk
from shisaku.plan.queries import PlanInfo, load_nodes
from shisaku.reports.data import ReportError, Tracker, annual_report
from shisaku.reports.documents import to_html, to_pdf
from shisaku.reports.model import Report
from shisaku.reports.workbook import to_xlsx

PDF = "application/pdf"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
HTML = "text/html; charset=utf-8"
EDUCATION_TITLE = "教育に関する事務の管理及び執行の状況の点検及び評価報告書（{year}年度）"


class Data(Protocol):
    """Assemble the data of a report on a plan for a year."""

    def __call__(
        self,
        plan: PlanInfo,
        year: int,
        /,
        *,
        issued: date | None = None,
        track: Tracker | None = None,
    ) -> Report: ...


@dataclass(frozen=True)
class Kind:
    """A kind of report: what it is called, how its data is made and how it is rendered."""

    label: Promise
    data: Data
    render: Callable[[Report], bytes]
    content_type: str
    suffix: str


def education_policies(plan: PlanInfo) -> list[str]:
    """Return the codes of the plan's policies marked as education, in document order."""
    nodes: list[Node] = load_nodes(plan.id)
    return [n.code for n in walk(nodes) if n.kind == "policy" and n.education]


def education_report(
    plan: PlanInfo, year: int, *, issued: date | None = None, track: Tracker | None = None
) -> Report:
    """Return the education board's 点検・評価 report: the marked policies only."""
    marked = education_policies(plan)
    if not marked:
        raise ReportError(
            f"計画 {plan.municipality_code}/{plan.meta.slug} には教育の印が付いた政策がありません。"
            "ワークスペースの「主管課」ページで、政策の「点検・評価の対象にする」を押してください"
        )
    report = annual_report(plan, year, policies=marked, issued=issued, track=track)
    return replace(report, title=EDUCATION_TITLE.format(year=year))


KINDS: dict[str, Kind] = {
    "annual": Kind(_("Main results of the measures (PDF)"), annual_report, to_pdf, PDF, "pdf"),
    "workbook": Kind(_("Measure evaluation sheets (Excel)"), annual_report, to_xlsx, XLSX, "xlsx"),
    "html": Kind(_("Main results of the measures (HTML)"), annual_report, to_html, HTML, "html"),
    "education": Kind(_("Education board report (PDF)"), education_report, to_pdf, PDF, "pdf"),
}


def build(
    kind: str,
    plan: PlanInfo,
    year: int,
    *,
    issued: date | None = None,
    track: Tracker | None = None,
) -> bytes:
    """Return the report of ``kind`` on ``plan`` for ``year`` as the bytes of its file."""
    if kind not in KINDS:
        raise ReportError(f"レポートの種類 {kind!r} はありません。種類: {', '.join(KINDS)}")
    chosen = KINDS[kind]
    return chosen.render(chosen.data(plan, year, issued=issued, track=track))


def filename(plan: PlanInfo, year: int, kind: str) -> str:
    """Return the file name of a report: 022012-2019-2023-2024-annual.pdf."""
    return f"{plan.municipality_code}-{plan.meta.slug}-{year}-{kind}.{KINDS[kind].suffix}"
