"""Figure entry keeps what the clerk did not change, fits units and asks about the year's basis.

A note left as shown is kept when a value is corrected; 56.0パーセント on a % indicator is
stored in %, 12人 is refused naming what is accepted; 令和5年 (a calendar year) on a
fiscal-year indicator is asked about, never silently stored; the preview of a locked year says
so and who can reopen it.
"""

from __future__ import annotations

import re

from shisaku.domain.indicatordata import IndicatorBatch
from shisaku.indicators import services
from shisaku.indicators.models import Figure, PeriodLock
from shisaku.indicators.services import FigureEntry, record_figure
from shisaku.plan.models import Plan, PlanNode
from tests.test_staff_support import (  # noqa: F401
    BASE,
    SLUG,
    TOWN,
    as_user,
    definition,
    text,
    town_fixture,
)

K1 = BASE + "indicators/K1/"
K4 = BASE + "indicators/K4/"


def seen(page: str) -> str:
    found = re.search(r'<input type="hidden" name="seen"(?: value="([^"]*)")?', page)
    return found.group(1) or "" if found else ""


def hidden(page: str, name: str) -> str:
    found = re.search(rf'<input type="hidden" name="{name}"(?: value="([^"]*)")?', page)
    return (found.group(1) or "") if found else ""


def posted(page: str, **values: str) -> dict:
    data = {"kind": "actual", "note": "", "source": "", "action": "save"}
    data |= {"seen": seen(page), "note_shown": hidden(page, "note_shown")}
    return data | {"source_shown": hidden(page, "source_shown")} | values


def current(code: str, period: str = "FY2024") -> Figure:
    return Figure.objects.get(indicator__code=code, kind="actual", period=period, is_current=True)


def noted(operator) -> None:
    """Give K1's FY2024 actual the note テスト入力 (as a clerk would have)."""
    record_figure(
        actor=operator,
        entry=FigureEntry(TOWN, SLUG, "K1", "actual", "2024年度", "100件", note="テスト入力"),
    )


def percent_indicator(operator) -> None:
    batch = IndicatorBatch(definitions=[definition("K4", "満足度", "子育て支援課", unit="%")])
    services.apply_batch(actor=operator, batch=batch)


def test_correcting_a_value_without_retyping_the_note_keeps_the_note(town, operator):
    noted(operator)
    client = as_user("kosodate")
    page = text(client.get(K1))  # the empty form: the year and value typed anew
    response = client.post(K1, posted(page, period="2024年度", value="101件"))
    assert response.status_code == 302
    assert (current("K1").raw, current("K1").note) == ("101件", "テスト入力")


def test_correcting_from_the_correct_link_keeps_the_note_left_as_shown(town, operator):
    noted(operator)
    client = as_user("kosodate")
    page = text(client.get(K1 + "?kind=actual&period=FY2024"))
    assert hidden(page, "note_shown") == "テスト入力"
    data = posted(page, period="2024年度", value="102件", note="テスト入力")
    assert client.post(K1, data).status_code == 302
    assert (current("K1").raw, current("K1").note) == ("102件", "テスト入力")


def test_a_note_deliberately_emptied_is_emptied(town, operator):
    noted(operator)
    client = as_user("kosodate")
    page = text(client.get(K1 + "?kind=actual&period=FY2024"))
    assert client.post(K1, posted(page, period="2024年度", value="103件")).status_code == 302
    assert current("K1").note == ""


def test_the_preview_says_the_note_is_kept(town, operator):
    noted(operator)
    response = as_user("kosodate").post(
        K1 + "preview/",
        {"kind": "actual", "period": "2024年度", "value": "104件", "note": "", "note_shown": ""},
    )
    assert "テスト入力（備考は変更していないため、そのまま残します）" in text(response)


def test_a_percent_written_in_words_is_stored_in_the_indicators_unit(town, operator):
    percent_indicator(operator)
    client = as_user("kosodate")
    page = text(client.get(K4))
    assert (
        client.post(K4, posted(page, period="2024年度", value="56.0パーセント")).status_code == 302
    )
    stored = current("K4")
    assert (stored.raw, stored.value, stored.unit) == ("56.0パーセント", 56, "%")


def test_an_incompatible_unit_is_refused_naming_what_is_accepted(town, operator):
    percent_indicator(operator)
    client = as_user("kosodate")
    page = text(client.get(K4))
    response = client.post(K4, posted(page, period="2024年度", value="12人"))
    assert response.status_code == 400
    body = text(response)
    assert "単位「人」はこの指標の単位（%）ではありません。使える書き方: %、パーセント" in body
    assert 'value="12人"' in body  # what was typed stays in the form
    assert not Figure.objects.filter(indicator__code="K4").exists()


def test_the_api_and_every_caller_of_the_service_get_the_same_unit_rule(town, operator):
    percent_indicator(operator)
    entry = FigureEntry(TOWN, SLUG, "K4", "actual", "2024年度", "56％")
    record_figure(actor=operator, entry=entry)
    assert current("K4").unit == "%"


def test_a_calendar_year_on_a_fiscal_year_indicator_is_asked_about_first(town):
    client = as_user("kosodate")
    page = text(client.get(K1))
    response = client.post(K1, posted(page, period="令和5年", value="90件"))
    assert response.status_code == 400
    body = text(response)
    assert "「令和5年」は暦年（1月〜12月）として読み取りましたが" in body
    assert "この指標は年度（4月〜翌年3月）で数えます。" in body
    assert 'name="confirm_basis"' in body
    assert 'value="90件"' in body
    assert not Figure.objects.filter(indicator__code="K1", period="CY2023").exists()
    data = posted(page, period="令和5年", value="90件", confirm_basis="on")
    assert client.post(K1, data).status_code == 302
    assert current("K1", "CY2023").raw == "90件"


def test_a_fiscal_year_is_saved_without_being_asked(town):
    client = as_user("kosodate")
    page = text(client.get(K1))
    assert client.post(K1, posted(page, period="令和5年度", value="90件")).status_code == 302


def test_the_preview_warns_of_a_calendar_year(town):
    response = as_user("kosodate").post(
        K1 + "preview/", {"kind": "actual", "period": "令和5年", "value": "90件"}
    )
    assert 'id="basis-warning"' in text(response)


def test_the_preview_of_a_locked_year_says_so_and_who_can_reopen_it(town):
    plan = Plan.objects.get(municipality__code=TOWN, slug=SLUG)
    node = PlanNode.objects.get(plan=plan, code="1-1-1")
    PeriodLock.objects.create(plan=plan, node=node, fiscal_year=2023, locked_by="test")
    response = as_user("kosodate").post(
        K1 + "preview/", {"kind": "actual", "period": "2023年度", "value": "90件"}
    )
    body = " ".join(re.sub(r"<[^>]+>", " ", text(response)).split())
    assert "この年度はロックされています。" in body
    assert "施策 1-1-1 の評価が承認済み" in body
    assert "評価を再開できるのは企画課だけです。" in body
    assert "新しい数値として追加します" not in body
