"""The workspace's reports page: members download files; others are refused or sent to sign in."""

from __future__ import annotations

import io

import openpyxl
import pytest
from django.conf import settings
from django.shortcuts import resolve_url
from django.test import Client

from shisaku.accounts import services as accounts
from shisaku.domain.plantree import PlanMeta
from shisaku.plan import services as plan_services
from shisaku.plan.queries import PlanInfo
from shisaku.reports.views import disposition
from tests.test_evaluation_setup import PASSWORD, SLUG, TOWN, YEAR
from tests.test_reports_data import build_report_town

pytestmark = pytest.mark.usefixtures("db")

PAGE = f"/ja/staff/reports/{TOWN}/{SLUG}/"
DOWNLOAD = PAGE + "download/"


@pytest.fixture
def town(operator):
    return build_report_town(operator)


def signed_in(username: str) -> Client:
    client = Client()
    assert client.login(username=username, password=PASSWORD)
    return client


def test_a_visitor_is_sent_to_sign_in(town):
    response = Client().get(DOWNLOAD, {"year": YEAR, "kind": "annual"})
    assert response.status_code == 302
    assert response["Location"].startswith(resolve_url(settings.LOGIN_URL) + "?next=")


def test_the_page_lists_the_four_kinds_with_a_year_field(town):
    response = signed_in("kikaku").get(PAGE)
    assert response.status_code == 200
    html = response.content.decode()
    assert 'method="get"' in html and 'name="year"' in html
    for kind in ("annual", "workbook", "html", "education"):
        assert f'name="kind" value="{kind}"' in html


@pytest.mark.parametrize("who", ["kikaku", "kosodate"])
def test_a_member_downloads_the_annual_pdf_as_an_attachment(town, who):
    response = signed_in(who).get(DOWNLOAD, {"year": YEAR, "kind": "annual"})
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == (
        f'attachment; filename="{TOWN}-{SLUG}-{YEAR}-annual.pdf"'
    )
    assert response.content.startswith(b"%PDF")


def test_the_workbook_download_opens_in_openpyxl(town):
    response = signed_in("kikaku").get(DOWNLOAD, {"year": YEAR, "kind": "workbook"})
    assert response.status_code == 200
    assert openpyxl.load_workbook(io.BytesIO(response.content)).sheetnames[0] == "概要"


def test_a_member_of_another_municipality_is_refused(town, operator):
    plan_services.save_municipality(actor=operator, code="022012", name_ja="青森市")
    accounts.create_user(
        actor=operator,
        username="aomori",
        password=PASSWORD,
        municipality_code="022012",
        role="planning",
    )
    client = signed_in("aomori")
    assert client.get(PAGE).status_code == 403
    assert client.get(DOWNLOAD, {"year": YEAR, "kind": "annual"}).status_code == 403


def test_a_viewer_who_may_not_read_drafts_is_refused(town):
    assert signed_in("etsuran").get(DOWNLOAD, {"year": YEAR, "kind": "html"}).status_code == 403


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ({"year": "R7", "kind": "annual"}, "年度（西暦4桁）"),
        ({"year": YEAR, "kind": "slides"}, "年度（西暦4桁）"),
        ({"year": 2030, "kind": "annual"}, "2030年度は計画"),
        ({"year": YEAR, "kind": "education"}, "教育の印が付いた政策がありません"),
    ],
)
def test_a_request_that_cannot_be_answered_shows_the_page_with_the_reason(town, query, message):
    response = signed_in("kikaku").get(DOWNLOAD, query)
    assert response.status_code == 400
    assert message in response.content.decode()


def test_an_unknown_plan_is_not_found(town):
    assert signed_in("kikaku").get(f"/ja/staff/reports/{TOWN}/1999-2003/").status_code == 404


def test_a_non_ascii_file_name_is_sent_the_rfc_5987_way():
    plan = PlanInfo(1, "022012", "青森市", "", PlanMeta("計画", 2019, 2023, slug="前期"))
    header = disposition(plan, 2021, "annual")
    assert header.startswith("attachment; filename*=utf-8''022012-")
    assert "%E5%89%8D%E6%9C%9F" in header  # 前期


def test_the_page_reads_in_english_too(town):
    html = signed_in("kikaku").get(PAGE.replace("/ja/", "/en/")).content.decode()
    assert "<h1>Make a report</h1>" in html
    assert "Download: Main results of the measures (PDF)" in html
    assert "報告書の作成" not in html
