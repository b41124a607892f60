"""The upload templates as downloads: one workbook per upload, with this plan's example row."""

from __future__ import annotations

from datetime import date

from django.http import Http404, HttpRequest, HttpResponse
from django.utils.http import content_disposition_header

from shisaku.domain.periods import fiscal_year
from shisaku.indicators.queries import plan_indicators
from shisaku.staff import upload_templates
from shisaku.staff.access import Workspace, plan_page

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
EXAMPLE_NAME = "（記入例）子育て支援センターの利用者数"


def _example(ws: Workspace, kind: str) -> dict[str, str]:
    """Return the example row of an upload: this plan, a plausible indicator of it."""
    first = next(iter(plan_indicators(ws.plan.id)), None)
    row = {"municipality_code": ws.code, "plan": ws.slug}
    if kind == "definitions":
        return row | {
            "indicator_code": "例1",
            "name": EXAMPLE_NAME,
            "unit": "人",
            "direction": "増加",
            "accumulation": "単年度",
            "time_basis": "年度",
            "source_kind": "業務統計",
            "department": ws.member.department,
        }
    year = fiscal_year(date.today()) - 1
    unit = first.unit if first else "人"
    code = first.code if first else "例1"
    return (
        row
        | {"indicator_code": code, "kind": "実績値", "period": f"{year}年度"}
        | {"value": f"1,820{unit}"}
    )


@plan_page
def template_file(request: HttpRequest, ws: Workspace, kind: str) -> HttpResponse:
    """Return the workbook to fill in for an upload of ``kind`` (definitions or figures)."""
    layout = upload_templates.LAYOUTS.get(kind)
    if layout is None:
        raise Http404("no such template")
    data = upload_templates.template(kind, example=_example(ws, kind), slug=ws.slug)
    response = HttpResponse(data, content_type=XLSX)
    name = f"{layout.file_name}_{ws.code}_{ws.slug}.xlsx"
    response["Content-Disposition"] = content_disposition_header(True, name) or "attachment"
    return response
