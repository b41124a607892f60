"""The consultations' published results in the annual council report and the education report:
per measure, the published opinions (or their summaries) with their responses, from the results
published in the report's fiscal year; never a hidden opinion or contact details."""

from __future__ import annotations

import io

import openpyxl
import pypdf
from django.utils import timezone

from shisaku.plan import services as plans
from shisaku.plan.queries import find_plan
from shisaku.reports.data import annual_report
from shisaku.reports.documents import to_html, to_pdf
from shisaku.reports.kinds import education_report
from shisaku.reports.workbook import to_xlsx
from tests.test_staff_support import SLUG, TOWN, town_fixture  # noqa: F401
from tests.voice_support import (  # noqa: F401
    CONTACT,
    HIDDEN_TEXT,
    SHOWN,
    SUMMARIZED,
    SUMMARY,
    consultation_fixture,
    member,
    moderate_and_respond,
    opinions_fixture,
)

TITLE = "相談支援についての意見募集"
ROWS = [
    f"<tr><td>{TITLE}</td><td>{SHOWN}</td><td>反映した</td><td>土曜開庁を試行します。</td>"
    "<td>福祉課</td></tr>",
    f"<tr><td>{TITLE}</td><td>{SUMMARY}</td><td>参考とする</td><td>今後検討します。</td>"
    "<td>福祉課</td></tr>",
]
SECRETS = (CONTACT, HIDDEN_TEXT, SUMMARIZED)


def this_fiscal_year() -> int:
    today = timezone.localdate()
    return today.year if today.month >= 4 else today.year - 1


def voices_html(html: str) -> list[str]:
    """Return the rows of the tables of opinions, as written."""
    rows = []
    for table in html.split('<table class="voices">')[1:]:
        body = table.split("<tbody>")[1].split("</tbody>")[0]
        rows += [line.strip() for line in body.splitlines() if line.strip()]
    return rows


def pdf_text(data: bytes) -> str:
    return "\n".join(p.extract_text() for p in pypdf.PdfReader(io.BytesIO(data)).pages)


def test_the_annual_report_shows_the_years_published_result_on_its_measure(consultation, opinions):
    plan, year = find_plan(TOWN, SLUG), this_fiscal_year()
    assert voices_html(to_html(annual_report(plan, year)).decode()) == []  # not yet published
    moderate_and_respond(consultation, opinions)
    report = annual_report(plan, year)
    html = to_html(report).decode()
    assert voices_html(html) == ROWS
    assert "住民の意見と対応（意見募集の結果公表）" in html
    text = "".join(pdf_text(to_pdf(report)).split())
    for row in ROWS:
        cells = row.removeprefix("<tr><td>").removesuffix("</td></tr>").split("</td><td>")
        assert "".join(cells) in text
    for secret in SECRETS:
        assert secret not in html and "".join(secret.split()) not in text
    earlier = to_html(annual_report(plan, year - 1)).decode()
    assert voices_html(earlier) == []  # published in another fiscal year


def test_the_education_report_shows_it_when_the_measure_is_educations(consultation, opinions):
    plans.mark_education(actor=member("kikaku"), municipality_code=TOWN, slug=SLUG, node_code="1-1")
    moderate_and_respond(consultation, opinions)
    report = education_report(find_plan(TOWN, SLUG), this_fiscal_year())
    text = "".join(pdf_text(to_pdf(report)).split())
    assert f"{TITLE}{SHOWN}反映した土曜開庁を試行します。福祉課" in text
    assert f"{TITLE}{SUMMARY}参考とする今後検討します。福祉課" in text
    assert voices_html(to_html(report).decode()) == ROWS


def test_the_workbook_carries_them_on_the_measures_sheet_after_its_indicators(
    consultation, opinions
):
    moderate_and_respond(consultation, opinions)
    ws = openpyxl.load_workbook(
        io.BytesIO(to_xlsx(annual_report(find_plan(TOWN, SLUG), this_fiscal_year())))
    )["1-1-1"]
    at = next(c.row for c in ws["A"] if c.value == "住民の意見と対応（意見募集の結果公表）")
    columns = [1, 2, 5, 6, ws.max_column]
    table = [[ws.cell(row, col).value for col in columns] for row in range(at + 1, at + 4)]
    assert table == [
        ["意見募集", "意見（要旨）", "対応区分", "考慮した結果及びその理由", "担当課"],
        [TITLE, SHOWN, "反映した", "土曜開庁を試行します。", "福祉課"],
        [TITLE, SUMMARY, "参考とする", "今後検討します。", "福祉課"],
    ]
    assert ws.cell(at + 4, 1).value is None
    assert ws.cell(at - 1, 1).value is None and ws.cell(at + 5, 1).value == "施策のコスト"
    names = [ws.cell(row, 1).value for row in range(1, at)]
    assert "成果指標（" in "".join(n for n in names if n) and "施策のコスト" not in names
    text = "".join(str(c.value) for row in ws.iter_rows() for c in row if c.value)
    for secret in SECRETS:
        assert secret not in text
