"""A programme's amounts for the year, entered from its measure's sheet."""

from __future__ import annotations

from decimal import Decimal as D

import pytest

from shisaku.audit.models import AuditEntry
from shisaku.evaluation.models import ProgrammeYear
from tests.test_evaluation_setup import YEAR
from tests.test_staff_evaluation_support import (  # noqa: F401
    SHEET,
    advance,
    as_user,
    plain,
    text,
    town_fixture,
)

P02 = SHEET + "programmes/P-02/"


def amounts(**values: str) -> dict:
    data = {
        "budget": "",
        "settlement": "",
        "staff_years": "",
        "unit_cost": "",
        "necessity": "",
        "effectiveness": "",
        "efficiency": "",
        "direction": "",
        "comment_ja": "",
        "comment_en": "",
    }
    return data | values


def stored(code: str = "P-02") -> ProgrammeYear:
    return ProgrammeYear.objects.get(programme__code=code, fiscal_year=YEAR)


def test_the_programme_page_shows_its_year_and_a_prefilled_form(town):
    page = text(as_user("kosodate").get(SHEET + "programmes/P-01/"))
    assert 'name="settlement" value="4,800,000"' in page
    assert 'name="staff_years" value="1.5"' in page
    assert '<option value="A" selected>A（高い）</option>' in page
    shown = plain(page)
    assert "人件費 12,000,000円 (1.5 × 8,000,000円)" in shown
    assert "フルコスト 16,800,000円" in shown


@pytest.mark.parametrize("who", ["kosodate", "kacho", "kikaku"])
def test_the_department_or_the_planning_office_enters_the_amounts(town, who):
    client = as_user(who)
    data = amounts(
        budget="1,000,000",
        settlement="980千円",
        staff_years="0.5",
        unit_cost="8,000,000",
        necessity="A",
        direction="improve",
        comment_ja="ＳＮＳでの発信を増やす",
    )
    response = client.post(P02, data)
    assert response.status_code == 302
    assert response["Location"] == SHEET + "#programmes"
    row = stored()
    assert (row.budget, row.settlement, row.staff_years, row.unit_cost) == (
        D(1_000_000),
        D(980_000),
        D("0.5"),
        D(8_000_000),
    )
    assert (row.necessity, row.direction, row.updated_by) == ("A", "improve", f"user:{who}")
    assert AuditEntry.objects.filter(action="programme.year").count() == 3  # two in the fixture
    page = plain(text(client.get(response["Location"])))
    assert "P-02 の金額を保存しました。" in page
    assert "フルコスト 21,780,000円" in page  # (4,800,000 + 12,000,000) + (980,000 + 4,000,000)
    assert "一部未入力" not in page


def test_amounts_that_cannot_be_read_are_shown_on_their_fields(town):
    data = amounts(budget="たくさん", settlement="-5", unit_cost="8,000,000.5", staff_years="0.125")
    response = as_user("kosodate").post(P02, data)
    assert response.status_code == 400
    page = text(response)
    assert 'id="id_budget-error"' in page
    assert "1,234,000 や 1,234千円 のように数で入力してください" in page
    assert 'aria-describedby="id_budget-hint id_budget-error"' in page
    assert 'aria-invalid="true"' in page
    assert "0以上で入力してください。" in page
    assert "円単位の整数で入力してください。" in page
    assert "小数点以下は2桁までにしてください。" in page
    assert '<a href="#id_settlement">' in page
    assert stored().settlement is None


@pytest.mark.parametrize("who", ["doboku", "iin", "etsuran"])
def test_others_read_the_programme_without_a_form_and_may_not_post(town, who):
    client = as_user(who)
    assert 'name="budget"' not in text(client.get(P02))
    assert client.post(P02, amounts(budget="1")).status_code == 403
    assert stored().budget == D(1_000_000)


def test_after_approval_the_amounts_are_locked(town):
    advance(town, "approved")
    client = as_user("kosodate")
    page = text(client.get(P02))
    assert 'name="budget"' not in page
    assert "2025年度（令和7年度）の金額はロックされています" in plain(page)
    assert "金額を入力する" not in text(client.get(SHEET))
    response = client.post(P02, amounts(budget="2,000,000"))
    assert response.status_code == 423
    assert "この年度はロックされているため、保存しませんでした。" in text(response)
    assert stored().budget == D(1_000_000)


def test_a_programme_not_under_the_measure_is_not_found(town):
    assert as_user("kikaku").get(SHEET + "programmes/P-99/").status_code == 404
