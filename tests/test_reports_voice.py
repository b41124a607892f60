"""The consultations' published results in the annual council report and the education report:
per measure, the published opinions (or their summaries) with their responses, from the results
published in the report's fiscal year; never a hidden opinion or contact details."""

from __future__ import annotations

import io

import pypdf
from django.utils import timezone

from shisaku.plan import services as plans
from shisaku.plan.queries import find_plan
from shisaku.reports.data import annual_report
from shisaku.reports.documents import to_html, to_pdf
from shisaku.reports.kinds import education_report
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
