"""Public surfaces name the department responsible (担当課), never a staff account.

A figure typed by the user ``kodomo`` of 子育て支援課: the public page, its JSON twin, its
downloads, the published files and the API show 子育て支援課 and nowhere ``kodomo``.
"""

from __future__ import annotations

import io
import json

import openpyxl
import pytest

from shisaku.accounts import services as accounts
from shisaku.domain.indicatordata import IndicatorBatch, IndicatorDefinition
from shisaku.indicators import services
from shisaku.indicators.services import FigureEntry
from shisaku.public.comparisons.views import comparison_pages
from shisaku.publishing.site import publish
from tests.factories import figure

NAME = "kodomo"
DEPARTMENT = "子育て支援課"
PAGE = "999997/2024-2028/indicators/K1/"
API = "/api/v1/municipalities/999997/plans/2024-2028/indicators/K1"
PASSWORD = "correct horse battery staple 42"


@pytest.fixture
def entered(small_plan, operator):
    """K1 of 試験市 (fictional), owned by 子育て支援課, with an actual typed by ``kodomo``."""
    definition = IndicatorDefinition(
        *("999997", "2024-2028", "K1", "相談件数", "increase"),
        node_code="1-1-1",
        unit="人",
        department=DEPARTMENT,
    )
    target = figure("999997", "2024-2028", "K1", "target", "2028年度", "2,000人")
    services.apply_batch(actor=operator, batch=IndicatorBatch([definition], [target]))
    uid = accounts.create_user(
        actor=operator,
        username=NAME,
        password=PASSWORD,
        municipality_code="999997",
        role="department",
        department=DEPARTMENT,
    )
    kodomo = accounts.actor_for(uid, NAME)
    entry = FigureEntry("999997", "2024-2028", "K1", "actual", "2025年度", "1,820人")
    services.record_figure(actor=kodomo, entry=entry)
    return accounts.create_token(actor=operator, user_id=uid, name="API")


def text_of(response) -> str:
    assert response.status_code == 200, response.status_code
    return response.content.decode("utf-8-sig")


@pytest.mark.parametrize("language", ["ja", "en"])
def test_the_indicator_page_names_the_department_not_the_user(client, entered, language):
    html = text_of(client.get(f"/{language}/{PAGE}"))
    assert "1,820人" in html and DEPARTMENT in html
    assert NAME not in html


def test_the_twin_history_gives_the_department_not_the_user(client, entered):
    twin = client.get(f"/ja/{PAGE}index.json")
    history = json.loads(text_of(twin))["history"]
    assert {h["department"] for h in history} == {DEPARTMENT}
    assert all("entered_by" not in h for h in history)
    assert NAME not in text_of(twin)


def test_the_downloads_do_not_name_the_user(client, entered):
    assert NAME not in text_of(client.get(f"/ja/{PAGE}index.csv"))
    book = openpyxl.load_workbook(io.BytesIO(client.get(f"/ja/{PAGE}index.xlsx").content))
    cells = [str(c) for sheet in book for row in sheet.iter_rows(values_only=True) for c in row]
    assert not [c for c in cells if NAME in c]


def test_the_api_observations_give_the_department_not_the_user(client, entered):
    response = client.get(f"{API}/observations")
    items = json.loads(text_of(response))["items"]
    assert {o["department"] for o in items} == {DEPARTMENT}
    assert all("entered_by" not in o for o in items)
    for url in (API, f"{API}/figures", f"{API}/observations"):
        assert NAME not in text_of(client.get(url))


def test_the_api_write_answers_with_the_department_not_the_user(client, entered):
    body = {"kind": "actual", "period": "2026年度", "value": "1,900人"}
    response = client.post(
        f"{API}/figures",
        json.dumps(body),
        content_type="application/json",
        headers={"Authorization": f"Bearer {entered}", "If-Match": '"0"'},
    )
    assert response.status_code == 201, response.content
    assert response.json()["figure"]["department"] == DEPARTMENT
    assert NAME not in response.content.decode()


def test_no_published_file_names_the_user(client, entered, tmp_path):
    from shisaku.cli.publish_commands import exchange_files

    site = "http://testserver"
    publish(tmp_path, site_url=site, exporter=exchange_files, comparisons=comparison_pages)
    written = [p for p in tmp_path.rglob("*") if p.is_file()]
    page = (tmp_path / "ja" / PAGE / "index.html").read_text(encoding="utf-8")
    assert DEPARTMENT in page
    named = [p.name for p in written if NAME.encode() in p.read_bytes()]
    assert named == []
